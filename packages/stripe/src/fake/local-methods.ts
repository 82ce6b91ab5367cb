/**
 * Local payment methods in the fake Stripe API, each following Stripe's documented flow for a
 * PaymentIntent confirmed on the server (typed with the `stripe` SDK's `PaymentIntent.NextAction`):
 *
 * | method | confirm needs | next action | the shopper |
 * |---|---|---|---|
 * | BLIK | `payment_method_options[blik][code]`, six digits | `blik_authorize` | approves in the bank app (the fake's simulated app approves after `blikApprovalMs`, or a test decides) |
 * | Przelewy24, iDEAL, Bancontact, Klarna | `return_url` | `redirect_to_url` | authorises, fails or leaves on the bank's test page, back at `return_url` |
 * | Alipay | `return_url` | `alipay_handle_redirect` | the same, on Alipay's test page |
 * | Swish | — | `swish_handle_redirect_or_display_qr_code` | scans the QR code and approves on the phone |
 * | WeChat Pay | `payment_method_options[wechat_pay][client]=web` | `wechat_pay_display_qr_code` | the same |
 *
 * The test pages are the fake's own (`/_fake/redirect/:pi` for the bank, `/_fake/pay/:pi` for the
 * phone that scanned the code), like Stripe's "Authorize test payment" pages in test mode. A
 * decision moves the intent as Stripe does: `succeeded` (`payment_intent.succeeded`), or back to
 * `requires_payment_method` with a `last_payment_error` (`payment_intent.payment_failed`).
 */
import type Stripe from 'stripe';
import { ApiError, missing } from './errors.js';
import { recordOf, stringOf, type Form, type FormValue } from './form.js';
import { id, now, type FakeStore, type StoredIntent, type StoredMethod } from './store.js';

export type LocalMethodType = 'blik' | 'p24' | 'ideal' | 'bancontact' | 'klarna' | 'alipay' | 'swish' | 'wechat_pay';

type Flow = 'blik' | 'redirect' | 'alipay' | 'swish' | 'wechat_pay';

/** Each local method's flow, the currencies Stripe settles it in, and what its PaymentMethod needs. */
export const LOCAL_METHODS: Readonly<Record<LocalMethodType, { flow: Flow; currencies: readonly string[]; needs?: 'email' | 'name' | 'email_country' }>> = {
  blik: { flow: 'blik', currencies: ['pln'] },
  p24: { flow: 'redirect', currencies: ['pln', 'eur'], needs: 'email' },
  ideal: { flow: 'redirect', currencies: ['eur'] },
  bancontact: { flow: 'redirect', currencies: ['eur'], needs: 'name' },
  klarna: { flow: 'redirect', currencies: ['eur', 'pln', 'sek', 'dkk', 'nok', 'gbp', 'usd', 'chf', 'czk', 'aud', 'cad', 'nzd'], needs: 'email_country' },
  alipay: { flow: 'alipay', currencies: ['cny', 'aud', 'cad', 'eur', 'gbp', 'hkd', 'jpy', 'sgd', 'myr', 'nzd', 'usd'] },
  swish: { flow: 'swish', currencies: ['sek'] },
  wechat_pay: { flow: 'wechat_pay', currencies: ['cny', 'aud', 'cad', 'eur', 'gbp', 'hkd', 'jpy', 'sgd', 'usd', 'dkk', 'nok', 'sek', 'chf'] },
};

export const isLocalMethod = (type: string): type is LocalMethodType => Object.hasOwn(LOCAL_METHODS, type);

/** How the simulated bank app, phone or bank page answered. */
export type LocalDecision = 'approve' | 'fail' | 'cancel';

const invalid = (param: string, message: string, code = 'parameter_invalid_string') =>
  new ApiError(400, { type: 'invalid_request_error', code, param, message });

/** `POST /v1/payment_methods` of a local method's type (from Stripe.js, or with a secret key). */
export function localMethod(account: string, type: LocalMethodType, form: Form): StoredMethod {
  const billing = recordOf(form.billing_details);
  const address = recordOf((form.billing_details as Record<string, FormValue> | undefined)?.address);
  const needs = LOCAL_METHODS[type].needs;
  if ((needs === 'email' || needs === 'email_country') && !billing.email) {
    throw invalid('billing_details[email]', `Missing required param: billing_details[email]. ${type} payments need the customer's email.`, 'parameter_missing');
  }
  if (needs === 'email_country' && !address.country) {
    throw invalid('billing_details[address][country]', 'Missing required param: billing_details[address][country]. Klarna needs the customer\'s country.', 'parameter_missing');
  }
  if (needs === 'name' && !billing.name) {
    throw invalid('billing_details[name]', 'Missing required param: billing_details[name]. Bancontact payments need the customer\'s name.', 'parameter_missing');
  }
  const details: Partial<Stripe.PaymentMethod> = {
    blik: { buyer_id: null },
    p24: { bank: (stringOf(recordOf(form.p24).bank) as Stripe.PaymentMethod.P24.Bank | undefined) ?? null },
    ideal: { bank: (stringOf(recordOf(form.ideal).bank) as Stripe.PaymentMethod.Ideal.Bank | undefined) ?? null, bic: null },
    bancontact: {},
    klarna: { dob: null },
    alipay: {},
    swish: {},
    wechat_pay: {},
  }[type] as Partial<Stripe.PaymentMethod>;
  const object: Stripe.PaymentMethod = {
    id: id('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: address.country ? { city: null, country: address.country, line1: null, line2: null, postal_code: null, state: null } : null,
      email: billing.email ?? null,
      name: billing.name ?? null,
      phone: null,
      tax_id: null,
    },
    created: now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type,
    [type]: details,
  };
  return { account, object, scenario: 'success' };
}

/**
 * What a confirm must carry for `type`, checked before the intent exists (Stripe refuses the
 * request): the currency, the BLIK code, WeChat Pay's client, a return URL for redirects.
 */
export function checkLocalConfirm(type: LocalMethodType, currency: string, form: Form, returnUrl: string | null): { blikCode?: string } {
  const rule = LOCAL_METHODS[type];
  if (!rule.currencies.includes(currency)) {
    throw invalid('currency', `The currency provided (${currency}) is invalid for ${type}. Payments with ${type} support the following currencies: ${rule.currencies.join(', ')}.`, 'payment_intent_invalid_parameter');
  }
  const options = (form.payment_method_options ?? {}) as Record<string, FormValue>;
  if (rule.flow === 'blik') {
    const code = stringOf(recordOf(options.blik).code);
    if (code === undefined) throw invalid('payment_method_options[blik][code]', 'Missing required param: payment_method_options[blik][code].', 'parameter_missing');
    if (!/^\d{6}$/.test(code)) throw invalid('payment_method_options[blik][code]', 'The BLIK code must be 6 digits.');
    return { blikCode: code };
  }
  if (rule.flow === 'wechat_pay' && stringOf(recordOf(options.wechat_pay).client) !== 'web') {
    throw invalid('payment_method_options[wechat_pay][client]', 'Missing required param: payment_method_options[wechat_pay][client] (web, ios or android).', 'parameter_missing');
  }
  if ((rule.flow === 'redirect' || rule.flow === 'alipay') && !returnUrl) {
    throw invalid('return_url', `A return_url must be specified to confirm a ${type} payment.`, 'parameter_missing');
  }
  return {};
}

/** The next action Stripe answers a confirmed local method with. */
export function localNextAction(store: FakeStore, stored: StoredIntent, type: LocalMethodType): Stripe.PaymentIntent.NextAction {
  const pi = stored.object;
  const base = store.url();
  const bankPage = `${base}/_fake/redirect/${pi.id}`;
  const phonePage = `${base}/_fake/pay/${pi.id}`;
  const expiresAt = now() + 180;
  switch (LOCAL_METHODS[type].flow) {
    case 'blik':
      return { type: 'blik_authorize', blik_authorize: {} };
    case 'redirect':
      return { type: 'redirect_to_url', redirect_to_url: { url: bankPage, return_url: stored.returnUrl ?? null } };
    case 'alipay':
      return { type: 'alipay_handle_redirect', alipay_handle_redirect: { url: bankPage, return_url: stored.returnUrl ?? null, native_url: null, native_data: null } };
    case 'swish':
      return {
        type: 'swish_handle_redirect_or_display_qr_code',
        swish_handle_redirect_or_display_qr_code: {
          hosted_instructions_url: `${phonePage}?instructions=1`,
          mobile_auth_url: phonePage,
          qr_code: { data: phonePage, expires_at: expiresAt, image_url_png: `${phonePage}.png`, image_url_svg: `${phonePage}.svg` } as Stripe.PaymentIntent.NextAction.SwishHandleRedirectOrDisplayQrCode.QrCode,
        },
      };
    case 'wechat_pay':
      return {
        type: 'wechat_pay_display_qr_code',
        wechat_pay_display_qr_code: {
          data: phonePage,
          hosted_instructions_url: `${phonePage}?instructions=1`,
          image_data_url: '',
          image_url_png: `${phonePage}.png`,
          image_url_svg: `${phonePage}.svg`,
        },
      };
  }
}

/** The `last_payment_error` Stripe leaves when a local method fails or the shopper leaves without paying. */
export function localError(decision: 'fail' | 'cancel', method: Stripe.PaymentMethod): Stripe.PaymentIntent.LastPaymentError {
  return decision === 'cancel'
    ? {
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        message: 'The customer left the payment page without authorising the payment.',
        payment_method: method,
      }
    : {
        type: 'invalid_request_error',
        code: 'payment_intent_payment_attempt_failed',
        message: 'The payment failed. Please choose a different payment method and try again.',
        payment_method: method,
      };
}

/** The intent `paymentIntent`, waiting for its local method's shopper; else Stripe's unexpected-state error. */
export function waitingIntent(store: FakeStore, paymentIntent: string): { stored: StoredIntent; method: StoredMethod } {
  const stored = store.intents.get(paymentIntent);
  if (!stored) throw missing('payment_intent', paymentIntent);
  const method = store.methods.get(String(stored.object.payment_method));
  if (stored.object.status !== 'requires_action' || !method || !isLocalMethod(method.object.type)) {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent is not waiting for the customer.' });
  }
  return { stored, method };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The test page of a redirect (bank, Klarna, Alipay): authorise, fail, or go back without paying. */
export function bankPageHtml(pi: Stripe.PaymentIntent, type: string): string {
  const amount = `${(pi.amount / 100).toFixed(2)} ${pi.currency.toUpperCase()}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(type)} test payment page</title>
<style>body{font:16px system-ui;margin:2rem;max-width:32rem}button{font:inherit;margin:.5rem .5rem 0 0;padding:.5rem .75rem}</style></head>
<body><h1>${escape(type)} test payment page</h1><p>This is a test payment of ${escape(amount)}: choose how it ends.</p>
<form method="post"><button name="decision" value="approve">Authorize test payment</button><button name="decision" value="fail">Fail test payment</button><button name="decision" value="cancel">Back to the shop without paying</button></form></body></html>`;
}

/** The page a phone opens from the QR code (Swish, WeChat Pay): approve or decline in the app. */
export function phonePageHtml(pi: Stripe.PaymentIntent, type: string, decided: string | null): string {
  const amount = `${(pi.amount / 100).toFixed(2)} ${pi.currency.toUpperCase()}`;
  const body = decided
    ? `<p role="status">${escape(decided)}</p>`
    : `<p>Pay ${escape(amount)} to the shop?</p><form method="post"><button name="decision" value="approve">Approve in the app</button><button name="decision" value="fail">Decline in the app</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(type)} test app</title>
<style>body{font:16px system-ui;margin:2rem}button{font:inherit;margin:.5rem .5rem 0 0;padding:.5rem .75rem}</style></head>
<body><h1>${escape(type)} (test app)</h1>${body}</body></html>`;
}

/** Where the bank page sends the shopper back, with Stripe's parameters. */
export function returnAddress(stored: StoredIntent): string | null {
  if (!stored.returnUrl) return null;
  const back = new URL(stored.returnUrl);
  back.searchParams.set('payment_intent', stored.object.id);
  back.searchParams.set('payment_intent_client_secret', stored.object.client_secret ?? '');
  back.searchParams.set('redirect_status', stored.object.status === 'succeeded' ? 'succeeded' : stored.object.status === 'processing' ? 'processing' : 'failed');
  return back.href;
}
