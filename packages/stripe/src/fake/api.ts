/**
 * A loopback fake of the parts of Stripe's HTTP API that omni-checkout uses, for tests and the
 * offline demo. Every object it answers is typed with the `stripe` SDK's own types, and it refuses
 * what Stripe refuses: unknown parameters, an amount that is not an integer, a missing currency,
 * an unknown payment method, a secret key where only a publishable one is allowed (and the reverse),
 * an idempotency key replayed with other parameters. Test cards and `pm_card_*` tokens behave as in
 * Stripe's test mode. State changes are delivered as signed webhooks to a URL, as Stripe does.
 *
 * Not Stripe: `POST /_fake/3ds/:payment_intent` decides a 3-D Secure challenge (the Stripe.js
 * double's challenge frame calls it), `GET /_fake/state` lists what exists.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { listOf, parseForm, recordOf, stringOf, type Form, type FormValue } from './form.js';
import { createMoneyOut } from './money-out.js';

type Scenario = 'success' | 'decline' | 'insufficient_funds' | 'three_d_secure' | 'incorrect_cvc';

/** Stripe's published test cards, and what the fake does with each. */
export const FAKE_TEST_CARDS: Readonly<Record<string, { scenario: Scenario; brand: string }>> = {
  '4242424242424242': { scenario: 'success', brand: 'visa' },
  '5555555555554444': { scenario: 'success', brand: 'mastercard' },
  '4000000000000002': { scenario: 'decline', brand: 'visa' },
  '4000000000009995': { scenario: 'insufficient_funds', brand: 'visa' },
  '4000000000003220': { scenario: 'three_d_secure', brand: 'visa' },
  '4000002500003155': { scenario: 'three_d_secure', brand: 'visa' },
  '4000000000000127': { scenario: 'incorrect_cvc', brand: 'visa' },
};

/** Stripe's test payment-method tokens (usable with a secret key, as in test mode). */
export const FAKE_TEST_TOKENS: Readonly<Record<string, string>> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_threeDSecure2Required: '4000000000003220',
  pm_card_authenticationRequired: '4000002500003155',
};

const PLATFORM = 'platform';

interface StoredMethod {
  readonly account: string;
  readonly object: Stripe.PaymentMethod;
  readonly scenario: Scenario;
}

interface StoredIntent {
  readonly account: string;
  object: Stripe.PaymentIntent;
  readonly scenario: Scenario | null;
}

interface IdempotentEntry {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: string;
}

export interface FakeStripeOptions {
  /** Where to POST signed events (`POST /v1/webhooks/stripe` of the backend); can be set later. */
  readonly webhookUrl?: string;
  /** The endpoint's signing secret (`whsec_...`). */
  readonly webhookSecret?: string;
  /** Listen port (default 0: any free port). */
  readonly port?: number;
}

export interface FakeStripe {
  readonly url: string;
  readonly port: number;
  /** Requests received (method, path, key type), for assertions. */
  readonly requests: { method: string; path: string; key: 'secret' | 'publishable' | 'none'; idempotencyKey: string | null }[];
  /** Every event, in the order it happened. */
  readonly events: Stripe.Event[];
  paymentIntents(account?: string): Stripe.PaymentIntent[];
  paymentMethods(account?: string): Stripe.PaymentMethod[];
  customers(account?: string): Stripe.Customer[];
  refunds(account?: string): Stripe.Refund[];
  /** Decides a pending 3-D Secure challenge, as the shopper would in the bank's frame. */
  decideChallenge(paymentIntent: string, decision: 'approve' | 'fail'): Stripe.PaymentIntent;
  setWebhook(url: string | null, secret?: string): void;
  /** Resolves once every event so far was delivered (or gave up). */
  flushWebhooks(): Promise<void>;
  /** Delivery attempts: event id and HTTP status (0 for a network error). */
  readonly deliveries: { event: string; status: number }[];
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; code?: string; decline_code?: string; param?: string; message: string; payment_intent?: Stripe.PaymentIntent },
  ) {
    super(body.message);
  }
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

/** Payment method types Stripe knows (`Stripe.PaymentMethod.Type`, as of the SDK's API version). */
const PAYMENT_METHOD_TYPES: ReadonlySet<string> = new Set<Stripe.PaymentMethod.Type | 'vipps'>([
  'acss_debit', 'affirm', 'afterpay_clearpay', 'alipay', 'alma', 'amazon_pay', 'au_becs_debit', 'bacs_debit', 'bancontact', 'billie',
  'bizum', 'blik', 'boleto', 'card', 'cashapp', 'crypto', 'customer_balance', 'eps', 'fpx', 'giropay', 'grabpay', 'ideal', 'kakao_pay',
  'klarna', 'konbini', 'kr_card', 'link', 'mb_way', 'mobilepay', 'multibanco', 'naver_pay', 'nz_bank_account', 'oxxo', 'p24',
  'pay_by_bank', 'payco', 'paynow', 'paypal', 'paypay', 'payto', 'pix', 'promptpay', 'revolut_pay', 'samsung_pay', 'satispay',
  'scalapay', 'sepa_debit', 'sequra', 'sofort', 'sunbit', 'swish', 'twint', 'upi', 'us_bank_account', 'vipps', 'wechat_pay', 'zip',
]);

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

/** Fails with Stripe's `parameter_unknown` for anything not in `allowed` (top-level names). */
function allowOnly(form: Form, allowed: readonly string[]): void {
  for (const key of Object.keys(form)) {
    if (!allowed.includes(key)) {
      throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_unknown', param: key, message: `Received unknown parameter: ${key}` });
    }
  }
}

function required(form: Form, name: string): string {
  const value = stringOf(form[name]);
  if (value === undefined || value === '') {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_missing', param: name, message: `Missing required param: ${name}.` });
  }
  return value;
}

function integer(form: Form, name: string): number {
  const value = required(form, name);
  if (!/^-?\d+$/.test(value)) {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', param: name, message: `Invalid integer: ${value}` });
  }
  return Number(value);
}

function bool(form: Form, name: string): boolean | undefined {
  const value = stringOf(form[name]);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_boolean', param: name, message: `Invalid boolean: ${value}` });
  }
  return value === 'true';
}

function oneOf<T extends string>(form: Form, name: string, values: readonly T[]): T | undefined {
  const value = stringOf(form[name]);
  if (value === undefined) return undefined;
  if (!values.includes(value as T)) {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_string', param: name, message: `Invalid ${name}: must be one of ${values.join(', ')}` });
  }
  return value as T;
}

const missing = (kind: string, value: string, param?: string) =>
  new ApiError(404, { type: 'invalid_request_error', code: 'resource_missing', ...(param ? { param } : {}), message: `No such ${kind}: '${value}'` });

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

function lastError(scenario: Scenario, method: Stripe.PaymentMethod): Stripe.PaymentIntent.LastPaymentError {
  const base = { payment_method: method, type: 'card_error' as const, doc_url: 'https://stripe.com/docs/error-codes' };
  switch (scenario) {
    case 'decline':
      return { ...base, code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
    case 'insufficient_funds':
      return { ...base, code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' };
    case 'incorrect_cvc':
      return { ...base, code: 'incorrect_cvc', message: "Your card's security code is incorrect." };
    default:
      return {
        ...base,
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      };
  }
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const methods = new Map<string, StoredMethod>();
  const intents = new Map<string, StoredIntent>();
  const customers = new Map<string, { account: string; object: Stripe.Customer }>();
  const idempotency = new Map<string, IdempotentEntry>();
  const events: Stripe.Event[] = [];
  const deliveries: { event: string; status: number }[] = [];
  const requests: FakeStripe['requests'] = [];
  const pending = new Set<Promise<void>>();
  let webhookUrl = options.webhookUrl ?? null;
  let webhookSecret = options.webhookSecret ?? 'whsec_fake';
  const signer = new Stripe('sk_test_fake_signer', { telemetry: false });
  const moneyOut = createMoneyOut({
    intent: (account, piId) => {
      const stored = intents.get(piId);
      return stored && stored.account === account ? stored.object : undefined;
    },
    replaceIntent: (_account, intent) => {
      const stored = intents.get(intent.id);
      if (stored) stored.object = intent;
    },
    emit: (type, object, account) => emit(type, object, account),
    newId: id,
    now,
  });

  function deliver(event: Stripe.Event): void {
    if (!webhookUrl) return;
    const url = webhookUrl;
    const payload = JSON.stringify(event, null, 2);
    const attempt = async () => {
      for (let tries = 0; tries < 5; tries += 1) {
        const header = signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
          deliveries.push({ event: event.id, status: response.status });
          if (response.ok) return;
        } catch {
          deliveries.push({ event: event.id, status: 0 });
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** tries));
      }
    };
    const run = attempt().finally(() => pending.delete(run));
    pending.add(run);
  }

  function emit(type: Stripe.Event.Type, object: Stripe.PaymentIntent | Stripe.Refund, account: string): void {
    const event = {
      id: id('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: { id: id('req'), idempotency_key: null },
      type,
      ...(account === PLATFORM ? {} : { account }),
    } as Stripe.Event;
    events.push(event);
    deliver(event);
  }

  function methodFor(account: string, ref: string, param = 'payment_method'): StoredMethod {
    const number = FAKE_TEST_TOKENS[ref];
    if (number) {
      const made = cardMethod(account, number, { month: 12, year: new Date().getFullYear() + 3 }, null);
      methods.set(made.object.id, made);
      return made;
    }
    const found = methods.get(ref);
    if (!found || found.account !== account) throw missing('PaymentMethod', ref, param);
    return found;
  }

  /** Moves an intent to its outcome after confirmation (or after its challenge). */
  function settle(stored: StoredIntent, method: StoredMethod, challenge: 'approve' | 'fail' | null): void {
    const pi = stored.object;
    const scenario = method.scenario;
    const failedWith = (error: Stripe.PaymentIntent.LastPaymentError) => {
      stored.object = { ...pi, status: 'requires_payment_method', next_action: null, last_payment_error: error, payment_method: null };
      emit('payment_intent.payment_failed', stored.object, stored.account);
    };
    if (scenario === 'three_d_secure' && challenge === null) {
      stored.object = {
        ...pi,
        status: 'requires_action',
        next_action: { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: `${fake.url}/_fake/3ds/${pi.id}`, source: id('src') } },
      };
      emit('payment_intent.requires_action', stored.object, stored.account);
      return;
    }
    if (challenge === 'fail') return failedWith(lastError('three_d_secure', method.object));
    if (scenario !== 'success' && scenario !== 'three_d_secure') return failedWith(lastError(scenario, method.object));
    const attach = pi.setup_future_usage && typeof pi.customer === 'string' ? pi.customer : null;
    if (attach) method.object.customer = attach;
    // capture_method=manual: authorised only, captured later (money-out.ts).
    if (pi.capture_method === 'manual') {
      stored.object = { ...pi, status: 'requires_capture', next_action: null, amount_capturable: pi.amount, last_payment_error: null, payment_method: method.object.id, latest_charge: id('ch') };
      emit('payment_intent.amount_capturable_updated', stored.object, stored.account);
      return;
    }
    stored.object = {
      ...pi,
      status: 'succeeded',
      next_action: null,
      amount_received: pi.amount,
      latest_charge: id('ch'),
      last_payment_error: null,
      payment_method: method.object.id,
    };
    emit('payment_intent.succeeded', stored.object, stored.account);
  }

  function createIntent(account: string, form: Form): Stripe.PaymentIntent {
    allowOnly(form, [
      'amount', 'currency', 'payment_method', 'confirm', 'customer', 'setup_future_usage', 'capture_method', 'metadata',
      'return_url', 'automatic_payment_methods', 'payment_method_types', 'description', 'receipt_email', 'off_session',
      'expand', 'use_stripe_sdk', 'shipping', 'statement_descriptor_suffix', 'application_fee_amount', 'payment_method_options', 'allowed_payment_method_types',
    ]);
    const amount = integer(form, 'amount');
    const currency = required(form, 'currency');
    if (!/^[a-z]{3}$/.test(currency)) {
      throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_string', param: 'currency', message: `Invalid currency: ${currency}` });
    }
    if (amount < 1) {
      throw new ApiError(400, { type: 'invalid_request_error', code: 'amount_too_small', param: 'amount', message: 'Amount must be at least 1' });
    }
    const confirm = bool(form, 'confirm') ?? false;
    const captureMethod = oneOf(form, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const) ?? 'automatic_async';
    const setupFutureUsage = oneOf(form, 'setup_future_usage', ['on_session', 'off_session'] as const) ?? null;
    const customer = stringOf(form.customer) ?? null;
    if (customer && customers.get(customer)?.account !== account) throw missing('customer', customer, 'customer');
    const automatic = recordOf(form.automatic_payment_methods);
    const legacyTypes = listOf(form.payment_method_types);
    if (legacyTypes.length && form.automatic_payment_methods !== undefined) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'parameter_invalid_string',
        param: 'payment_method_types',
        message: 'You may only specify one of these parameters: automatic_payment_methods, payment_method_types.',
      });
    }
    const allowed = listOf(form.allowed_payment_method_types);
    const types = allowed.length ? allowed : legacyTypes;
    for (const type of types) {
      if (!PAYMENT_METHOD_TYPES.has(type)) {
        throw new ApiError(400, { type: 'invalid_request_error', code: 'payment_method_invalid_parameter', param: allowed.length ? 'allowed_payment_method_types' : 'payment_method_types', message: `The payment method type "${type}" is invalid.` });
      }
    }
    // `payment_method_options[card][installments][enabled]=true`
    const nested = (value: FormValue | undefined, key: string): FormValue | undefined =>
      value && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
    const installmentsEnabled = stringOf(nested(nested(nested(form.payment_method_options, 'card'), 'installments'), 'enabled')) === 'true';
    if (installmentsEnabled && types.length && !types.includes('card')) {
      throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_string', param: 'payment_method_options[card]', message: 'payment_method_options[card] needs card in payment_method_types.' });
    }
    const ref = stringOf(form.payment_method);
    const method = ref ? methodFor(account, ref) : null;
    if (method && types.length && !types.includes(method.object.type)) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_incompatible_payment_method',
        param: 'payment_method',
        message: `The PaymentMethod provided (${method.object.type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${types.join(', ')}.`,
      });
    }
    if (method && method.object.customer && method.object.customer !== customer) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'payment_method_unexpected_state',
        param: 'payment_method',
        message: 'The provided PaymentMethod belongs to a Customer; pass that Customer to use it.',
      });
    }
    const returnUrl = stringOf(form.return_url);
    if (confirm && automatic.enabled === 'true' && automatic.allow_redirects !== 'never' && !returnUrl) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        param: 'return_url',
        message: 'A return_url must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard.',
      });
    }
    if (confirm && !method) {
      throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_missing', param: 'payment_method', message: 'You cannot confirm this PaymentIntent because it is missing a payment method.' });
    }
    const piId = id('pi');
    const object: Stripe.PaymentIntent = {
      id: piId,
      object: 'payment_intent',
      allowed_payment_method_types: allowed.length ? (allowed as Stripe.PaymentIntent.AllowedPaymentMethodType[]) : null,
      amount,
      amount_capturable: 0,
      amount_received: 0,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: automatic.enabled === 'true' ? { enabled: true, allow_redirects: automatic.allow_redirects === 'never' ? 'never' : 'always' } : null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: captureMethod,
      client_secret: `${piId}_secret_${randomBytes(12).toString('hex')}`,
      confirmation_method: 'automatic',
      created: now(),
      currency,
      customer,
      customer_account: null,
      description: stringOf(form.description) ?? null,
      excluded_payment_method_types: null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      managed_payments: null,
      metadata: recordOf(form.metadata),
      next_action: null,
      on_behalf_of: null,
      payment_method: method?.object.id ?? null,
      payment_method_configuration_details: null,
      payment_method_options: installmentsEnabled ? ({ card: { installments: { enabled: true, plan: null, available_plans: [] } } } as unknown as Stripe.PaymentIntent.PaymentMethodOptions) : null,
      payment_method_types: types.length ? types : ['card'],
      payment_record: null,
      processing: null,
      receipt_email: null,
      review: null,
      setup_future_usage: setupFutureUsage,
      shipping: null,
      source: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: method ? 'requires_confirmation' : 'requires_payment_method',
      transfer_group: null,
    };
    const stored: StoredIntent = { account, object, scenario: method?.scenario ?? null };
    intents.set(piId, stored);
    emit('payment_intent.created', object, account);
    if (confirm && method) settle(stored, method, null);
    if (stored.object.status === 'requires_payment_method' && stored.object.last_payment_error) {
      const error = stored.object.last_payment_error;
      // Stripe answers a declined confirmation with a card error that carries the intent.
      throw new ApiError(402, {
        type: error.type,
        ...(error.code ? { code: error.code } : {}),
        ...(error.decline_code ? { decline_code: error.decline_code } : {}),
        message: error.message ?? 'Your card was declined.',
        payment_intent: stored.object,
      });
    }
    return stored.object;
  }

  function expand(pi: Stripe.PaymentIntent, form: Form | URLSearchParams): Stripe.PaymentIntent {
    const wanted = form instanceof URLSearchParams ? [...form.entries()].filter(([k]) => k.startsWith('expand')).map(([, v]) => v) : listOf(form.expand);
    if (wanted.includes('payment_method') && typeof pi.payment_method === 'string') {
      const method = methods.get(pi.payment_method);
      if (method) return { ...pi, payment_method: method.object };
    }
    return pi;
  }

  function createMethod(account: string, form: Form, key: 'secret' | 'publishable'): Stripe.PaymentMethod {
    // Cloning a platform customer's method onto a connected account (Stripe Connect).
    if (form.payment_method !== undefined) {
      allowOnly(form, ['payment_method', 'customer', 'metadata', 'expand']);
      const source = methodFor(PLATFORM, required(form, 'payment_method'));
      const customer = stringOf(form.customer);
      if (account === PLATFORM) {
        throw new ApiError(400, { type: 'invalid_request_error', message: 'Cloning a PaymentMethod requires the Stripe-Account header of a connected account.' });
      }
      if (customer === undefined || source.object.customer !== customer) {
        throw new ApiError(400, { type: 'invalid_request_error', param: 'customer', message: 'The PaymentMethod must be attached to the given platform Customer to be cloned.' });
      }
      const clone: StoredMethod = { account, scenario: source.scenario, object: { ...structuredClone(source.object), id: id('pm'), customer: null, created: now() } };
      methods.set(clone.object.id, clone);
      return clone.object;
    }
    allowOnly(form, ['type', 'card', 'billing_details', 'metadata', 'key', 'payment_user_agent', 'time_on_page', 'guid', 'muid', 'sid']);
    const type = required(form, 'type');
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
    methods.set(made.object.id, made);
    return made.object;
  }

  function route(method: string, path: string, form: Form, query: URLSearchParams, key: 'secret' | 'publishable', account: string): unknown {
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
    if (method === 'POST' && path === '/v1/payment_methods') return createMethod(account, form, key);
    if (method === 'GET' && (match = /^\/v1\/payment_methods\/([^/]+)$/.exec(path))) {
      secretOnly();
      return methodFor(account, match[1]!).object;
    }
    if (method === 'POST' && (match = /^\/v1\/payment_methods\/([^/]+)\/attach$/.exec(path))) {
      secretOnly();
      allowOnly(form, ['customer', 'expand']);
      const stored = methodFor(account, match[1]!);
      const customer = required(form, 'customer');
      if (customers.get(customer)?.account !== account) throw missing('customer', customer, 'customer');
      stored.object.customer = customer;
      return stored.object;
    }
    if (method === 'POST' && (match = /^\/v1\/payment_methods\/([^/]+)\/detach$/.exec(path))) {
      secretOnly();
      allowOnly(form, ['expand']);
      const stored = methodFor(account, match[1]!);
      if (!stored.object.customer) {
        throw new ApiError(400, { type: 'invalid_request_error', message: 'The payment method you provided is not attached to a customer so detachment is impossible.' });
      }
      stored.object.customer = null;
      return stored.object;
    }
    if (method === 'POST' && path === '/v1/payment_intents') {
      secretOnly();
      return expand(createIntent(account, form), form);
    }
    if (method === 'GET' && (match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) {
      const stored = intents.get(match[1]!);
      if (!stored || stored.account !== account) throw missing('payment_intent', match[1]!, 'intent');
      if (key === 'publishable' && query.get('client_secret') !== stored.object.client_secret) {
        throw new ApiError(400, { type: 'invalid_request_error', message: 'The client_secret provided does not match the client_secret associated with the PaymentIntent.' });
      }
      return expand(stored.object, query);
    }
    if (method === 'POST' && path === '/v1/customers') {
      secretOnly();
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
      customers.set(object.id, { account, object });
      return object;
    }
    if (method === 'GET' && (match = /^\/v1\/customers\/([^/]+)\/payment_methods$/.exec(path))) {
      secretOnly();
      const customer = match[1]!;
      if (customers.get(customer)?.account !== account) throw missing('customer', customer);
      const type = query.get('type');
      const data = [...methods.values()]
        .filter((m) => m.account === account && m.object.customer === customer && (!type || m.object.type === type))
        .map((m) => m.object)
        .reverse();
      return { object: 'list', data, has_more: false, url: path } satisfies Stripe.ApiList<Stripe.PaymentMethod>;
    }
    if (method === 'GET' && (match = /^\/v1\/customers\/([^/]+)$/.exec(path))) {
      secretOnly();
      const found = customers.get(match[1]!);
      if (!found || found.account !== account) throw missing('customer', match[1]!);
      return found.object;
    }
    throw new ApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` });
  }

  function decideChallenge(paymentIntent: string, decision: 'approve' | 'fail'): Stripe.PaymentIntent {
    const stored = intents.get(paymentIntent);
    if (!stored) throw missing('payment_intent', paymentIntent);
    if (stored.object.status !== 'requires_action') {
      throw new ApiError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent is not waiting for authentication.' });
    }
    const method = methods.get(String(stored.object.payment_method));
    if (!method) throw missing('PaymentMethod', String(stored.object.payment_method));
    settle(stored, method, decision);
    return stored.object;
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), ...headers });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Stripe.js (and its double) call the API from pages: answer CORS like api.stripe.com.
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type, stripe-account' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;

    if (path.startsWith('/_fake/')) {
      let match: RegExpExecArray | null;
      if (req.method === 'POST' && (match = /^\/_fake\/3ds\/([^/]+)$/.exec(path))) {
        const decision = new URLSearchParams(body).get('decision');
        if (decision !== 'approve' && decision !== 'fail') return send(res, 400, { error: { message: 'decision must be approve or fail' } }, cors);
        try {
          const pi = decideChallenge(match[1]!, decision);
          return send(res, 200, { status: pi.status }, cors);
        } catch (error) {
          if (error instanceof ApiError) return send(res, error.status, { error: error.body }, cors);
          throw error;
        }
      }
      if (req.method === 'GET' && path === '/_fake/state') {
        return send(res, 200, { paymentIntents: [...intents.values()].map((i) => i.object), events: events.length }, cors);
      }
      return send(res, 404, { error: { message: 'unknown fake route' } }, cors);
    }

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? new URLSearchParams(body).get('key') ?? '';
    const keyType = bearer.startsWith('sk_test_') || bearer.startsWith('rk_test_') ? 'secret' : bearer.startsWith('pk_test_') ? 'publishable' : 'none';
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    requests.push({ method: req.method ?? 'GET', path, key: keyType, idempotencyKey });
    if (keyType === 'none') {
      const live = /^(sk|pk|rk)_live_/.test(bearer);
      return send(res, 401, { error: { type: 'invalid_request_error', message: live ? 'The fake Stripe API only accepts test-mode keys.' : 'You did not provide an API key.' } }, cors);
    }
    const account = (req.headers['stripe-account'] as string | undefined) ?? PLATFORM;
    if (account !== PLATFORM && !/^acct_[A-Za-z0-9]+$/.test(account)) {
      return send(res, 403, { error: { type: 'invalid_request_error', message: `The provided key does not have access to account '${account}'.` } }, cors);
    }
    const form = parseForm(body);
    const fingerprint = `${req.method} ${path} ${account} ${body}`;
    const scope = idempotencyKey && req.method === 'POST' ? `${bearer}|${account}|${idempotencyKey}` : null;
    if (scope) {
      const previous = idempotency.get(scope);
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          return send(res, 400, {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          }, cors);
        }
        return send(res, previous.status, previous.body, { ...cors, 'idempotent-replayed': 'true' });
      }
    }
    let status = 200;
    let answer: string;
    try {
      answer = JSON.stringify(route(req.method ?? 'GET', path, form, url.searchParams, keyType, account));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      answer = JSON.stringify({ error: error.body });
    }
    // Stripe keeps the result of a request that reached it (4xx included) under its key.
    if (scope) idempotency.set(scope, { fingerprint, status, body: answer });
    send(res, status, answer, cors);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, 500, { error: { type: 'api_error', message: error instanceof Error ? error.message : 'fake error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeStripe = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    events,
    deliveries,
    paymentIntents: (account = PLATFORM) => [...intents.values()].filter((i) => i.account === account).map((i) => i.object),
    paymentMethods: (account = PLATFORM) => [...methods.values()].filter((m) => m.account === account).map((m) => m.object),
    customers: (account = PLATFORM) => [...customers.values()].filter((c) => c.account === account).map((c) => c.object),
    refunds: (account = PLATFORM) => moneyOut.refunds(account),
    decideChallenge,
    setWebhook(url, secret) {
      webhookUrl = url;
      if (secret) webhookSecret = secret;
    },
    async flushWebhooks() {
      while (pending.size) await Promise.all([...pending]);
    },
    async close() {
      await fake.flushWebhooks();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
