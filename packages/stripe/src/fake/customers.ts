/**
 * Customers in the fake Stripe API: `POST /v1/customers`, `GET /v1/customers/:id` and
 * `GET /v1/customers/:id/payment_methods` (newest first, optionally of one `type`).
 */
import type Stripe from 'stripe';
import { allowOnly, missing } from './errors.js';
import { recordOf, stringOf, type Form } from './form.js';
import { id, now, type FakeStore } from './store.js';

export function createCustomer(store: FakeStore, account: string, form: Form): Stripe.Customer {
  allowOnly(form, ['email', 'name', 'metadata', 'description', 'expand']);
  const object: Stripe.Customer = {
    id: id('cus'),
    object: 'customer',
    balance: 0,
    created: now(),
    default_source: null,
    description: stringOf(form.description) ?? null,
    email: stringOf(form.email) ?? null,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: recordOf(form.metadata),
    shipping: null,
  };
  store.customers.set(object.id, { account, object });
  return object;
}

export function retrieveCustomer(store: FakeStore, account: string, customer: string): Stripe.Customer {
  const found = store.customers.get(customer);
  if (!found || found.account !== account) throw missing('customer', customer);
  return found.object;
}

export function customerMethods(store: FakeStore, account: string, customer: string, query: URLSearchParams, path: string): Stripe.ApiList<Stripe.PaymentMethod> {
  if (store.customers.get(customer)?.account !== account) throw missing('customer', customer);
  const type = query.get('type');
  const data = [...store.methods.values()]
    .filter((m) => m.account === account && m.object.customer === customer && (!type || m.object.type === type))
    .map((m) => m.object)
    .reverse();
  return { object: 'list', data, has_more: false, url: path } satisfies Stripe.ApiList<Stripe.PaymentMethod>;
}
