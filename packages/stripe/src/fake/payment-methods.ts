/**
 * PaymentMethods in the fake Stripe API: `POST /v1/payment_methods` (a card from Stripe.js with a
 * publishable key, or a platform method cloned onto a connected account), `pm_card_*` test tokens,
 * and attaching to / detaching from a Customer.
 */
import type Stripe from 'stripe';
import { FAKE_TEST_CARDS, FAKE_TEST_TOKENS, luhn, type Scenario } from './cards.js';
import { allowOnly, ApiError, missing, required } from './errors.js';
import { recordOf, stringOf, type Form } from './form.js';
import { isLocalMethod, localMethod } from './local-methods.js';
import { id, now, PLATFORM, type FakeStore, type StoredMethod } from './store.js';

function cardMethod(account: string, number: string, exp: { month: number; year: number }, customer: string | null): StoredMethod {
  const card = FAKE_TEST_CARDS[number];
  const scenario: Scenario = card?.scenario ?? 'success';
  const brand = card?.brand ?? (number.startsWith('5') ? 'mastercard' : number.startsWith('3') ? 'amex' : 'visa');
  const object: Stripe.PaymentMethod = {
    id: id('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    card: {
      brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: brand,
      exp_month: exp.month,
      exp_year: exp.year,
      fingerprint: number.slice(-8),
      funding: 'credit',
      generated_from: null,
      last4: number.slice(-4),
      networks: { available: [brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: now(),
    customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  return { account, object, scenario };
}

/** The method `ref` names on `account`: a stored one, or a fresh one made from a `pm_card_*` token. */
export function methodFor(store: FakeStore, account: string, ref: string, param = 'payment_method'): StoredMethod {
  const number = FAKE_TEST_TOKENS[ref];
  if (number) {
    const made = cardMethod(account, number, { month: 12, year: new Date().getFullYear() + 3 }, null);
    store.methods.set(made.object.id, made);
    return made;
  }
  const found = store.methods.get(ref);
  if (!found || found.account !== account) throw missing('PaymentMethod', ref, param);
  return found;
}

export function createMethod(store: FakeStore, account: string, form: Form, key: 'secret' | 'publishable'): Stripe.PaymentMethod {
  // Cloning a platform customer's method onto a connected account (Stripe Connect).
  if (form.payment_method !== undefined) {
    allowOnly(form, ['payment_method', 'customer', 'metadata', 'expand']);
    const source = methodFor(store, PLATFORM, required(form, 'payment_method'));
    const customer = stringOf(form.customer);
    if (account === PLATFORM) {
      throw new ApiError(400, { type: 'invalid_request_error', message: 'Cloning a PaymentMethod requires the Stripe-Account header of a connected account.' });
    }
    if (customer === undefined || source.object.customer !== customer) {
      throw new ApiError(400, { type: 'invalid_request_error', param: 'customer', message: 'The PaymentMethod must be attached to the given platform Customer to be cloned.' });
    }
    const clone: StoredMethod = { account, scenario: source.scenario, object: { ...structuredClone(source.object), id: id('pm'), customer: null, created: now() } };
    store.methods.set(clone.object.id, clone);
    return clone.object;
  }
  allowOnly(form, ['type', 'card', 'billing_details', 'metadata', 'key', 'payment_user_agent', 'time_on_page', 'guid', 'muid', 'sid', 'blik', 'p24', 'ideal', 'bancontact', 'klarna', 'alipay', 'swish', 'wechat_pay']);
  const type = required(form, 'type');
  if (isLocalMethod(type)) {
    const made = localMethod(account, type, form);
    store.methods.set(made.object.id, made);
    return made.object;
  }
  if (type !== 'card') {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_string', param: 'type', message: `Invalid type: ${type}` });
  }
  if (key === 'secret') {
    throw new ApiError(400, {
      type: 'invalid_request_error',
      message: 'Sending credit card numbers directly to the Stripe API is generally unsafe. Use Stripe.js or test tokens such as pm_card_visa.',
    });
  }
  const card = recordOf(form.card);
  const number = (card.number ?? '').replace(/\D/g, '');
  if (!luhn(number)) throw new ApiError(402, { type: 'card_error', code: 'incorrect_number', param: 'card[number]', message: 'Your card number is incorrect.' });
  const month = Number(card.exp_month);
  const year = Number(card.exp_year) < 100 ? 2000 + Number(card.exp_year) : Number(card.exp_year);
  const today = new Date();
  if (!(month >= 1 && month <= 12) || year < today.getFullYear() || (year === today.getFullYear() && month < today.getMonth() + 1)) {
    throw new ApiError(402, { type: 'card_error', code: 'invalid_expiry_year', param: 'card[exp_year]', message: "Your card's expiration date is invalid." });
  }
  if (!/^\d{3,4}$/.test(card.cvc ?? '')) {
    throw new ApiError(402, { type: 'card_error', code: 'incomplete_cvc', param: 'card[cvc]', message: "Your card's security code is incomplete." });
  }
  const made = cardMethod(account, number, { month, year }, null);
  store.methods.set(made.object.id, made);
  return made.object;
}

/** `POST /v1/payment_methods/:id/attach`. */
export function attachMethod(store: FakeStore, account: string, ref: string, form: Form): Stripe.PaymentMethod {
  allowOnly(form, ['customer', 'expand']);
  const stored = methodFor(store, account, ref);
  const customer = required(form, 'customer');
  if (store.customers.get(customer)?.account !== account) throw missing('customer', customer, 'customer');
  stored.object.customer = customer;
  return stored.object;
}

/** `POST /v1/payment_methods/:id/detach`. */
export function detachMethod(store: FakeStore, account: string, ref: string, form: Form): Stripe.PaymentMethod {
  allowOnly(form, ['expand']);
  const stored = methodFor(store, account, ref);
  if (!stored.object.customer) {
    throw new ApiError(400, { type: 'invalid_request_error', message: 'The payment method you provided is not attached to a customer so detachment is impossible.' });
  }
  stored.object.customer = null;
  return stored.object;
}
