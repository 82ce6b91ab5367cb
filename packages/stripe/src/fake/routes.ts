/**
 * The router of the fake Stripe API: which `/v1/...` endpoint a request reaches, and which need a
 * secret key. Money out (refunds, capture, cancel) goes first to money-out.ts; the rest to the
 * endpoint modules. Answers the resource, or throws an `ApiError` as Stripe would.
 */
import { createCustomer, customerMethods, retrieveCustomer } from './customers.js';
import { ApiError } from './errors.js';
import type { Form } from './form.js';
import type { createMoneyOut } from './money-out.js';
import { createIntent, expand, retrieveIntent } from './payment-intents.js';
import { attachMethod, createMethod, detachMethod, methodFor } from './payment-methods.js';
import type { FakeStore } from './store.js';

export type Route = (method: string, path: string, form: Form, query: URLSearchParams, key: 'secret' | 'publishable', account: string) => unknown;

export function createRouter(store: FakeStore, moneyOut: ReturnType<typeof createMoneyOut>): Route {
  return (method, path, form, query, key, account) => {
    const secretOnly = () => {
      if (key !== 'secret') {
        throw new ApiError(401, { type: 'invalid_request_error', message: 'This API call cannot be made with a publishable API key. Please use a secret API key.' });
      }
    };
    const moneyOutAnswer = moneyOut.route(method, path, form, key, account);
    if (moneyOutAnswer) {
      if (moneyOutAnswer.status >= 400) throw new ApiError(moneyOutAnswer.status, moneyOutAnswer.body as ApiError['body']);
      return moneyOutAnswer.body;
    }
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/payment_methods') return createMethod(store, account, form, key);
    if (method === 'GET' && (match = /^\/v1\/payment_methods\/([^/]+)$/.exec(path))) {
      secretOnly();
      return methodFor(store, account, match[1]!).object;
    }
    if (method === 'POST' && (match = /^\/v1\/payment_methods\/([^/]+)\/attach$/.exec(path))) {
      secretOnly();
      return attachMethod(store, account, match[1]!, form);
    }
    if (method === 'POST' && (match = /^\/v1\/payment_methods\/([^/]+)\/detach$/.exec(path))) {
      secretOnly();
      return detachMethod(store, account, match[1]!, form);
    }
    if (method === 'POST' && path === '/v1/payment_intents') {
      secretOnly();
      return expand(store, createIntent(store, account, form), form);
    }
    if (method === 'GET' && (match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) {
      return retrieveIntent(store, account, match[1]!, query, key);
    }
    if (method === 'POST' && path === '/v1/customers') {
      secretOnly();
      return createCustomer(store, account, form);
    }
    if (method === 'GET' && (match = /^\/v1\/customers\/([^/]+)\/payment_methods$/.exec(path))) {
      secretOnly();
      return customerMethods(store, account, match[1]!, query, path);
    }
    if (method === 'GET' && (match = /^\/v1\/customers\/([^/]+)$/.exec(path))) {
      secretOnly();
      return retrieveCustomer(store, account, match[1]!);
    }
    throw new ApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` });
  };
}
