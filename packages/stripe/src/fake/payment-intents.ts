/**
 * PaymentIntents in the fake Stripe API: creating (and confirming) one, retrieving it (a publishable
 * key needs its client secret), `expand[]=payment_method`, and how a confirmed intent settles for
 * each test card: success, manual capture, a decline, or a 3-D Secure challenge decided later.
 * Capture, cancel and refunds are in money-out.ts.
 */
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { lastError, PAYMENT_METHOD_TYPES } from './cards.js';
import { allowOnly, ApiError, bool, integer, missing, oneOf, required } from './errors.js';
import { listOf, recordOf, stringOf, type Form, type FormValue } from './form.js';
import { checkLocalConfirm, isLocalMethod, localError, localNextAction, waitingIntent, type LocalDecision } from './local-methods.js';
import { methodFor } from './payment-methods.js';
import { id, now, type FakeStore, type StoredIntent, type StoredMethod } from './store.js';

/** Moves an intent to its outcome after confirmation (or after its challenge). */
function settle(store: FakeStore, stored: StoredIntent, method: StoredMethod, challenge: LocalDecision | null): void {
  const pi = stored.object;
  const scenario = method.scenario;
  const failedWith = (error: Stripe.PaymentIntent.LastPaymentError) => {
    stored.object = { ...pi, status: 'requires_payment_method', next_action: null, last_payment_error: error, payment_method: null };
    store.emit('payment_intent.payment_failed', stored.object, stored.account);
  };
  if (isLocalMethod(method.object.type) && challenge === null) {
    // A local method waits for its shopper: the bank app (BLIK), a bank page, or a phone that scanned the QR code.
    stored.object = { ...pi, status: 'requires_action', next_action: localNextAction(store, stored, method.object.type), payment_method: method.object.id };
    store.emit('payment_intent.requires_action', stored.object, stored.account);
    if (method.object.type === 'blik') store.blikApproval(pi.id);
    return;
  }
  if (scenario === 'three_d_secure' && challenge === null) {
    // As Stripe answers: a server-side confirm with a return_url gets a redirect to the bank's page
    // (`redirect_to_url`); Stripe.js (use_stripe_sdk=true) or a confirm without one gets `use_stripe_sdk`.
    const redirect = stored.returnUrl && !stored.useStripeSdk;
    stored.object = {
      ...pi,
      status: 'requires_action',
      next_action: redirect
        ? { type: 'redirect_to_url', redirect_to_url: { url: `${store.url()}/_fake/3ds/${pi.id}/redirect`, return_url: stored.returnUrl } }
        : { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: `${store.url()}/_fake/3ds/${pi.id}`, source: id('src') } },
    };
    store.emit('payment_intent.requires_action', stored.object, stored.account);
    return;
  }
  if (challenge !== null && challenge !== 'approve' && isLocalMethod(method.object.type)) return failedWith(localError(challenge, method.object));
  if (challenge === 'fail' || challenge === 'cancel') return failedWith(lastError('three_d_secure', method.object));
  if (scenario !== 'success' && scenario !== 'three_d_secure') return failedWith(lastError(scenario, method.object));
  const attach = pi.setup_future_usage && typeof pi.customer === 'string' ? pi.customer : null;
  if (attach) method.object.customer = attach;
  // capture_method=manual: authorised only, captured later (money-out.ts).
  if (pi.capture_method === 'manual') {
    stored.object = { ...pi, status: 'requires_capture', next_action: null, amount_capturable: pi.amount, last_payment_error: null, payment_method: method.object.id, latest_charge: id('ch') };
    store.emit('payment_intent.amount_capturable_updated', stored.object, stored.account);
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
  store.emit('payment_intent.succeeded', stored.object, stored.account);
}

export function createIntent(store: FakeStore, account: string, form: Form): Stripe.PaymentIntent {
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
  if (customer && store.customers.get(customer)?.account !== account) throw missing('customer', customer, 'customer');
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
  const method = ref ? methodFor(store, account, ref) : null;
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
  if (confirm && method && isLocalMethod(method.object.type)) checkLocalConfirm(method.object.type, currency, form, returnUrl ?? null);
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
  const stored: StoredIntent = { account, object, scenario: method?.scenario ?? null, returnUrl: returnUrl ?? null, useStripeSdk: bool(form, 'use_stripe_sdk') ?? false };
  store.intents.set(piId, stored);
  store.emit('payment_intent.created', object, account);
  if (confirm && method) settle(store, stored, method, null);
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

export function expand(store: FakeStore, pi: Stripe.PaymentIntent, form: Form | URLSearchParams): Stripe.PaymentIntent {
  const wanted = form instanceof URLSearchParams ? [...form.entries()].filter(([k]) => k.startsWith('expand')).map(([, v]) => v) : listOf(form.expand);
  if (wanted.includes('payment_method') && typeof pi.payment_method === 'string') {
    const method = store.methods.get(pi.payment_method);
    if (method) return { ...pi, payment_method: method.object };
  }
  return pi;
}

/** `GET /v1/payment_intents/:id` (with a publishable key, only with the intent's client secret). */
export function retrieveIntent(store: FakeStore, account: string, piId: string, query: URLSearchParams, key: 'secret' | 'publishable'): Stripe.PaymentIntent {
  const stored = store.intents.get(piId);
  if (!stored || stored.account !== account) throw missing('payment_intent', piId, 'intent');
  if (key === 'publishable' && query.get('client_secret') !== stored.object.client_secret) {
    throw new ApiError(400, { type: 'invalid_request_error', message: 'The client_secret provided does not match the client_secret associated with the PaymentIntent.' });
  }
  return expand(store, stored.object, query);
}

/** Decides a pending 3-D Secure challenge, as the shopper would in the bank's frame. */
export function decideChallenge(store: FakeStore, paymentIntent: string, decision: 'approve' | 'fail'): Stripe.PaymentIntent {
  const stored = store.intents.get(paymentIntent);
  if (!stored) throw missing('payment_intent', paymentIntent);
  if (stored.object.status !== 'requires_action') {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent is not waiting for authentication.' });
  }
  const method = store.methods.get(String(stored.object.payment_method));
  if (!method) throw missing('PaymentMethod', String(stored.object.payment_method));
  settle(store, stored, method, decision);
  return stored.object;
}

/**
 * The shopper of a local method decided: approved in the bank app or on the phone, failed, or left
 * the bank's page without paying (docs of each flow in local-methods.ts).
 */
export function decideAction(store: FakeStore, paymentIntent: string, decision: LocalDecision): Stripe.PaymentIntent {
  const { stored, method } = waitingIntent(store, paymentIntent);
  settle(store, stored, method, decision);
  return stored.object;
}
