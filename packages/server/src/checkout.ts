/**
 * Checkout operations as plain functions over the storage and the providers. The HTTP handlers
 * only authenticate, validate and call these.
 */
import {
  AmountOverflowError,
  priceLineItems,
  type CheckoutSession,
  type ConfirmRequest,
  type PrepareRequest,
  type PrepareResponse,
  type CreateCheckoutSessionRequest,
  type ConfirmResponse,
  type CreateCheckoutSessionResponse,
  type LineItem,
  type ProviderId,
  type ProviderPaymentInput,
  type ProviderPaymentResult,
  type ServerProvider,
} from '@omni-checkout/core';
import type { z } from 'zod';
import type { PaidBy } from './channel.js';
import { newClientSecret, newSessionId, sha256 } from './crypto.js';
import { cancelStale, chargeOf, decideOutcome, logReview, sessionCharge, tendersOnly } from './outcome.js';
import { ApiError } from './errors.js';
import { isExpired, orderView, sessionMethodDecision, sessionProviders, sessionTotals, sessionView } from './session-view.js';
import { enqueueNotification } from './notifications/outbox.js';
import { ORDER_CONFIRMATION, orderConfirmationKey } from './notifications/templates.js';
import { channelsOf, enqueueOrderSms, recordNotifyBy } from './orders/notify-sms.js';
import type {
  AttemptRecord,
  KeyedSession,
  MerchantRecord,
  NewSession,
  OnOrder,
  OrderRecord,
  Queryable,
  SessionKey,
  SessionPatch,
  SessionRecord,
  Settlement,
  StoredResponse,
} from './storage/index.js';
import {
  CONFIRM_LEASE_MS,
  SESSION_LIFETIME_MS,
  type CheckoutDeps,
  type PaymentContext,
  type PaymentPlan,
} from './checkout-deps.js';

export {
  CONFIRM_LEASE_MS,
  SESSION_LIFETIME_MS,
  type CheckoutDeps,
  type FaultPoint,
  type PaymentContext,
  type PaymentHooks,
  type PaymentPlan,
} from './checkout-deps.js';

// ── Views (session-view.ts) ──────────────────────────────────────────────────────────────────

export { isExpired, orderView, sessionPaymentMethods, sessionProviders, sessionTotals, sessionView } from './session-view.js';

/** Why a session in this state refuses a change or a confirm. */
function stateError(deps: CheckoutDeps, session: SessionRecord): ApiError {
  if (isExpired(session, deps.now())) return new ApiError(410, 'session_expired', 'This checkout has expired. Please start again from the shop.');
  switch (session.status) {
    case 'complete':
      return new ApiError(409, 'session_completed', 'This checkout is already paid.');
    case 'requires_action':
      return new ApiError(409, 'confirm_in_progress', 'Finish verifying your card first, or cancel the verification.');
    default:
      return new ApiError(409, 'confirm_in_progress', 'A payment for this checkout is already in progress.');
  }
}

function providerFor(deps: CheckoutDeps, id: ProviderId): ServerProvider {
  const provider = deps.providers.get(id);
  if (!provider) throw new ApiError(503, 'provider_error', 'This payment method is not available right now. Please try again later.');
  return provider;
}

// ── Merchant operations ─────────────────────────────────────────────────────────────────────

/**
 * Opens a checkout session. With `key` (the merchant's `Idempotency-Key` and the request's hash),
 * one session per key: a repeated create (a retry after a timeout, a concurrent duplicate) answers
 * the session the key created, as it is now, with its original client secret; the same key with
 * another body is refused (422 `idempotency_key_reused`). Without a key every call opens a session.
 */
export async function createCheckoutSession(
  deps: CheckoutDeps,
  merchant: MerchantRecord,
  request: z.output<typeof CreateCheckoutSessionRequest>,
  key?: SessionKey,
): Promise<CreateCheckoutSessionResponse> {
  let fresh: NewSession;
  try {
    fresh = newSession(deps, merchant, request);
  } catch (error) {
    // The checks are for opening a new session: a repeat still answers the session its key opened
    // when the merchant could not open this one now (its providers changed in between).
    const earlier = key && error instanceof ApiError ? await deps.storage.sessionByIdempotencyKey(merchant.id, key.idempotencyKey) : null;
    if (earlier) return keyedAnswer(deps, earlier, key!);
    throw error;
  }
  const clientSecret = newClientSecret(fresh.id);
  if (key) return keyedAnswer(deps, await deps.storage.createKeyedSession(fresh, clientSecret, key), key);
  const session = await deps.storage.createSession(fresh, clientSecret);
  return { id: session.id, clientSecret, session: sessionView(deps, session) };
}

/** The answer to a create with an Idempotency-Key: the key's session, unless the key came with another body. */
function keyedAnswer(deps: CheckoutDeps, keyed: KeyedSession, key: SessionKey): CreateCheckoutSessionResponse {
  if (keyed.requestHash !== key.requestHash) {
    throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request. Use a new key for a new session.');
  }
  return { id: keyed.session.id, clientSecret: keyed.clientSecret, session: sessionView(deps, keyed.session) };
}

/** The session `request` opens for `merchant`: its providers in the merchant's mode, priced lines. */
function newSession(deps: CheckoutDeps, merchant: MerchantRecord, request: z.output<typeof CreateCheckoutSessionRequest>): NewSession {
  // The merchant's providers this backend runs in the merchant's mode (live or test, from its
  // keys), in the merchant's order; the first is the default. A live merchant never reaches the
  // mock provider or a provider's test keys, and a test merchant never moves real money.
  if (merchant.livemode && deps.dev) {
    throw new ApiError(403, 'live_mode_forbidden', 'This server runs in development mode (--dev) and does not take payments for live merchants.');
  }
  const providers = merchant.providers.filter((id) => deps.providers.get(id)?.livemode === merchant.livemode);
  if (providers.length === 0 && merchant.providers.some((id) => deps.providers.has(id))) {
    throw new ApiError(
      403,
      'live_mode_forbidden',
      merchant.livemode
        ? 'This live merchant has no live payment provider on this server (the mock provider and test keys never take live payments).'
        : 'This test merchant has no test payment provider on this server (test keys never move real money).',
    );
  }
  const provider = providerFor(deps, providers[0] ?? merchant.providerId);
  const selectedShippingOptionId = request.shippingOptions[0]?.id ?? null;
  let lineItems: LineItem[];
  try {
    lineItems = priceLineItems(request.lineItems);
    sessionTotals({ lineItems, shippingOptions: request.shippingOptions, selectedShippingOptionId });
  } catch (error) {
    if (!(error instanceof AmountOverflowError)) throw error;
    throw new ApiError(400, 'validation_failed', 'The order total is larger than the largest amount we accept.', [
      { path: 'lineItems', message: error.message },
    ]);
  }
  return {
    id: newSessionId(),
    merchantId: merchant.id,
    livemode: merchant.livemode,
    currency: request.currency,
    country: request.country,
    locale: request.locale ?? null,
    channel: request.channel,
    lineItems,
    shippingOptions: request.shippingOptions,
    selectedShippingOptionId,
    contact: null,
    shippingAddress: null,
    metadata: request.metadata ?? {},
    providerId: provider.id,
    providers,
    paymentMethods: merchant.paymentMethods,
    delivery: merchant.delivery,
    expiresAt: new Date(deps.now().getTime() + SESSION_LIFETIME_MS),
    // The session's own choice, else the merchant's default.
    captureMethod: request.captureMethod ?? merchant.captureMethod ?? 'automatic',
  };
}

// ── Client operations ───────────────────────────────────────────────────────────────────────

export async function updateSession(deps: CheckoutDeps, session: SessionRecord, patch: SessionPatch): Promise<CheckoutSession> {
  if ('selectedShippingOptionId' in patch && !session.shippingOptions.some((o) => o.id === patch.selectedShippingOptionId)) {
    throw new ApiError(400, 'shipping_option_not_found', 'That shipping option is not offered for this checkout.', [
      { path: 'shippingOptionId', message: 'Unknown shipping option' },
    ]);
  }
  const updated = await deps.storage.updateOpenSession(session.id, patch, deps.now());
  if (updated) return sessionView(deps, updated);
  throw stateError(deps, (await deps.storage.sessionById(session.id)) ?? session);
}

function assertReady(session: SessionRecord): void {
  const missing = [
    ...(session.contact ? [] : [{ path: 'contact', message: 'Add an email address' }]),
    ...(session.shippingAddress ? [] : [{ path: 'shippingAddress', message: 'Add a shipping address' }]),
    ...(session.shippingOptions.length > 0 && !session.selectedShippingOptionId
      ? [{ path: 'shippingOptionId', message: 'Choose a shipping option' }]
      : []),
  ];
  if (missing.length > 0) {
    throw new ApiError(409, 'session_not_ready', 'Add your email and shipping details before paying.', missing);
  }
}

const jsonResponse = (status: number, body: unknown): StoredResponse => ({ status, body: JSON.stringify(body) });

function confirmBody(deps: CheckoutDeps, status: ConfirmResponse['status'], session: SessionRecord, order: OrderRecord | null): StoredResponse {
  const body: ConfirmResponse = { status, session: sessionView(deps, session), order: order ? orderView(order) : null };
  return jsonResponse(200, body);
}

/** The HTTP answer for a settled payment: 200 with the session (and order), or 402 with a readable error. */
export function renderSettlement(deps: CheckoutDeps, settlement: Settlement, session: SessionRecord, order: OrderRecord | null): StoredResponse {
  if (settlement.type === 'succeeded' || settlement.type === 'requires_action') return confirmBody(deps, settlement.type, session, order);
  return jsonResponse(402, { error: settlement.error });
}

async function callProvider(deps: CheckoutDeps, sessionId: string, call: () => Promise<ProviderPaymentResult>) {
  let result: ProviderPaymentResult;
  try {
    result = await call();
  } catch (error) {
    deps.logger.error({ err: error, sessionId }, 'payment provider call failed');
    throw new ApiError(502, 'provider_error', 'We could not reach the payment provider. Please try again.');
  }
  if (result.status === 'processing') {
    throw new ApiError(409, 'confirm_in_progress', 'Your payment is still being processed. Please check again in a moment.');
  }
  return result;
}

export interface ConfirmInput {
  readonly idempotencyKey: string;
  /** SHA-256 of the raw request body: the same key with another body is refused. */
  readonly requestHash: string;
  readonly request: ConfirmRequest;
  /** The merchant's allowed origins, which a `returnUrl` must be on. */
  readonly allowedOrigins?: readonly string[];
  /** For the identity network: who is paying (shopper token, origin). */
  readonly context?: PaymentContext;
  /** The channel and device class paying (channel.ts); a webhook's confirm has none. */
  readonly paidBy?: PaidBy;
}

/**
 * The `onOrder` step of a settlement, in the order's transaction: the confirmation email (one per
 * session, however often the outcome is settled: client retry, webhook replay), then the identity
 * network's writes.
 */
export function saveWithOrder(
  deps: CheckoutDeps,
  result: ProviderPaymentResult,
  plan: PaymentPlan | null,
  context: PaymentContext | null,
): OnOrder | undefined {
  if (result.status !== 'succeeded') return undefined;
  const payments = deps.payments;
  return async (tx, session, order) => {
    if (order.contact?.email) {
      // As the shopper chose at checkout: by email, by SMS or both (orders/notify-sms.ts).
      await recordNotifyBy(tx, order.id, order.contact);
      const channels = channelsOf(order.contact.notifyBy);
      if (channels.email) {
        await enqueueNotification(tx, {
          key: orderConfirmationKey(session.id),
          channel: 'email',
          template: ORDER_CONFIRMATION,
          payload: { orderId: order.id, merchantId: session.merchantId },
        });
      }
      if (channels.sms) await enqueueOrderSms(tx, { orderId: order.id, merchantId: session.merchantId, kind: 'confirmed', fact: session.id, reference: null });
    }
    if (!payments) return;
    deps.fault?.('order:before-save-shopper');
    await payments.afterOrder(tx, session, order, result.paymentMethod, plan, context);
    deps.fault?.('order:after-save-shopper');
  };
}

/**
 * Confirms payment. One attempt per idempotency key: the attempt and its deterministic provider
 * key are committed before the provider is called; a retry of an unfinished attempt calls the
 * provider again with the same key; a finished attempt answers its stored response byte for byte.
 */
export async function confirmPayment(deps: CheckoutDeps, session: SessionRecord, input: ConfirmInput): Promise<StoredResponse> {
  if (input.request.amount !== undefined || input.request.currency !== undefined) {
    deps.logger.warn({ sessionId: session.id }, 'confirm carried an amount or currency; ignored, the session total is charged');
  }
  if (session.status === 'open') assertReady(session);
  const requested = input.request.provider ?? session.providerId;
  const cod = requested === 'cash_on_delivery';
  if (cod) assertCashOnDelivery(deps, session);
  else if (!session.providers.includes(requested) || !deps.providers.has(requested)) {
    throw new ApiError(400, 'provider_not_available', 'This payment method is not offered for this checkout.', [
      { path: 'provider', message: `Use one of: ${session.providers.join(', ')}` },
    ]);
  }
  const returnUrl = input.request.returnUrl;
  if (returnUrl !== undefined && !input.allowedOrigins?.includes(new URL(returnUrl).origin)) {
    throw new ApiError(400, 'validation_failed', 'The return address must be on a website this merchant allows.', [
      { path: 'returnUrl', message: 'Origin not allowed' },
    ]);
  }
  const plan: PaymentPlan =
    deps.payments && input.context && !cod
      ? await deps.payments.plan(session, input.request.paymentMethod, input.context, requested)
      : { paymentMethod: input.request.paymentMethod };
  const begun = await deps.storage.beginConfirm({
    sessionId: session.id,
    idempotencyKey: input.idempotencyKey,
    requestHash: input.requestHash,
    paymentMethod: input.request.paymentMethod,
    providerId: requested,
    now: deps.now(),
    // Charged from the row this transaction locks, or from `session` (read before the plan, which
    // may call the provider) only where the statement that locks the row finds its shipping option
    // unchanged: a shipping change racing this confirm is either in or refused.
    price: (locked) => {
      if (cod) assertCashOnDelivery(deps, locked);
      return sessionCharge(locked, requested);
    },
    ...(input.paidBy ? { paidBy: input.paidBy } : {}),
    // When this read still holds (shipping option, no tenders), the start is one statement.
    read: session,
  });
  if (begun.outcome === 'busy') {
    const interrupted = await interruptedAttempt(deps, begun.session);
    if (!interrupted) throw stateError(deps, begun.session);
    // The attempt holding the session never answered (its process died): finish it, with its own
    // payment method and provider key, so the provider sees the same request and pays at most once.
    deps.logger.warn({ sessionId: session.id, attempt: interrupted.attempt }, 'resuming an interrupted confirm attempt');
    const resumedPlan: PaymentPlan =
      deps.payments && input.context
        ? await deps.payments.plan(begun.session, interrupted.paymentMethod, input.context, interrupted.providerId)
        : { paymentMethod: interrupted.paymentMethod };
    return runAttempt(deps, begun.session, interrupted, resumedPlan, { returnUrl, paymentMethodOptions: input.request.paymentMethodOptions }, input.context ?? null);
  }
  const { attempt } = begun;
  if (attempt.requestHash !== input.requestHash) {
    throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request. Use a new key for a new attempt.');
  }
  if (attempt.response) return attempt.response;
  return runAttempt(deps, begun.session, attempt, plan, { returnUrl, paymentMethodOptions: input.request.paymentMethodOptions }, input.context ?? null);
}

/**
 * Cash on delivery is confirmed only where the session offers it now (the merchant's settings, the
 * market, the maximum with the fee): 400 `payment_method_not_available` otherwise.
 */
function assertCashOnDelivery(deps: CheckoutDeps, session: SessionRecord): void {
  const offered = deps.providers.has('cash_on_delivery') && sessionMethodDecision(deps, session).shown.some((m) => m.type === 'cash_on_delivery');
  if (!offered) {
    throw new ApiError(400, 'provider_not_available', 'Cash on delivery is not offered for this checkout.', [
      { path: 'provider', message: 'Cash on delivery is not offered in this market, currency or amount' },
    ]);
  }
}

/**
 * The session's latest attempt when it was interrupted: the session is still `processing`, the
 * attempt has no answer, and it started longer ago than the confirm lease. A live attempt (a
 * double submit, another tab) is never taken over.
 */
async function interruptedAttempt(deps: CheckoutDeps, session: SessionRecord): Promise<AttemptRecord | null> {
  if (session.status !== 'processing' || isExpired(session, deps.now())) return null;
  const latest = await deps.storage.latestAttempt(session.id);
  if (!latest || latest.response) return null;
  const lease = deps.confirmLeaseMs ?? CONFIRM_LEASE_MS;
  return deps.now().getTime() - latest.startedAt.getTime() >= lease ? latest : null;
}

/** Calls the provider for a committed attempt (with its deterministic key) and settles the outcome. */
async function runAttempt(
  deps: CheckoutDeps,
  session: SessionRecord,
  attempt: AttemptRecord,
  plan: PaymentPlan,
  { returnUrl, paymentMethodOptions }: Pick<ProviderPaymentInput, 'returnUrl' | 'paymentMethodOptions'>,
  context: PaymentContext | null,
): Promise<StoredResponse> {
  // A replayed key pays with the provider of its first request.
  const provider = providerFor(deps, attempt.providerId);
  const charge = chargeOf(attempt, session);
  // The ways to pay this provider takes in the session's market, after the merchant's overrides.
  const methods = sessionProviders(deps, session).find((p) => p.id === provider.id)?.methods;
  deps.fault?.('confirm:before-provider-call');
  // Gift cards and store credit hold the whole total: no provider is asked (storage/tenders.ts).
  const result = tendersOnly(charge, session.id) ?? await callProvider(deps, session.id, () =>
    attempt.paymentReference
      ? provider.retrievePayment(attempt.paymentReference)
      : provider.createPayment({
          sessionId: session.id,
          amount: charge.amount,
          currency: charge.currency,
          paymentMethod: plan.paymentMethod,
          idempotencyKey: attempt.providerIdempotencyKey,
          metadata: session.metadata,
          ...(returnUrl ? { returnUrl } : {}),
          // The BLIK code goes to the provider once, with this call; it is never stored.
          ...(paymentMethodOptions?.blik ? { paymentMethodOptions: { blik: { code: paymentMethodOptions.blik.code } } } : {}),
          ...(methods?.length ? { methods } : {}),
          ...(plan.customer ? { customer: plan.customer } : {}),
          ...(plan.savePaymentMethod ? { savePaymentMethod: true } : {}),
          ...(session.captureMethod === 'manual' ? { captureMethod: 'manual' as const } : {}),
        }),
  );
  deps.fault?.('confirm:after-provider-call');
  const settled = await deps.storage.settle(
    session.id,
    decideOutcome(result, charge, deps.now(), provider.id, true),
    { attempt: attempt.attempt, render: (after, order, settlement) => renderSettlement(deps, settlement, after, order) },
    saveWithOrder(deps, result, plan, context),
  );
  deps.fault?.('confirm:after-commit');
  logReview(deps.logger, settled.settlement, session.id);
  await cancelStale(deps, provider.id, settled.settlement, session.id);
  return settled.response!;
}

/**
 * Providers whose buyer approves in the provider's own window (PayPal): creates the provider's
 * payment (a PayPal order) for the session's own amount before the window opens, or re-prices one
 * prepared before after a shipping change. The provider key is derived from the session and the
 * page's Idempotency-Key, so a retried request prepares nothing twice. The amount never comes from
 * the page; confirm later captures only a payment of this session.
 */
export async function preparePayment(
  deps: CheckoutDeps,
  session: SessionRecord,
  input: { readonly idempotencyKey: string; readonly request: PrepareRequest; readonly context?: PaymentContext },
): Promise<PrepareResponse> {
  if (session.status !== 'open' || isExpired(session, deps.now())) throw stateError(deps, session);
  const { request } = input;
  // Express: the shopper gives address and contact in the provider's window; otherwise they come first.
  if (!request.express) assertReady(session);
  // The session's provider that carries this method here (the first in the merchant's order), or the one named.
  const carrier = sessionProviders(deps, session).find(
    (p) => (request.provider ? p.id === request.provider : true) && p.methods.includes(request.method),
  );
  const provider = carrier ? deps.providers.get(carrier.id) : undefined;
  if (!provider?.prepare) {
    throw new ApiError(400, 'provider_not_available', 'This payment method is not offered for this checkout.', [
      { path: 'method', message: `No provider of this checkout prepares ${request.method} payments` },
    ]);
  }
  // The shopper asked to be remembered: the provider must know before the buyer approves (PayPal
  // vaults on capture only when the order asked for it), so the identity network plans it here too.
  const plan = deps.payments && input.context ? await deps.payments.plan(session, '', input.context, provider.id) : null;
  const view = sessionView(deps, session);
  let prepared: { reference: string };
  try {
    prepared = await provider.prepare({
      session: view,
      // What is left after the session's gift cards and store credit.
      amount: view.amountDue ?? view.totals.total,
      currency: session.currency,
      method: request.method,
      idempotencyKey: `${session.id}:prepare:${sha256(input.idempotencyKey).slice(0, 24)}`,
      ...(request.reference ? { reference: request.reference } : {}),
      ...(request.express ? { express: true } : {}),
      ...(plan?.customer ? { customer: plan.customer } : {}),
      ...(plan?.savePaymentMethod ? { savePaymentMethod: true } : {}),
      ...(session.captureMethod === 'manual' ? { captureMethod: 'manual' as const } : {}),
    });
  } catch (error) {
    deps.logger.error({ err: error, sessionId: session.id }, 'payment provider prepare failed');
    throw new ApiError(502, 'provider_error', 'We could not reach the payment provider. Please try again.');
  }
  return { reference: prepared.reference, provider: provider.id, session: view };
}

/** After a 3-D Secure challenge or redirect: asks the provider for the outcome and applies it. */
export async function completeAction(deps: CheckoutDeps, session: SessionRecord): Promise<StoredResponse> {
  if (session.status === 'complete') {
    const order = (await deps.storage.listOrders(session.merchantId, { sessionId: session.id }, { limit: 1 }))?.data[0] ?? null;
    return confirmBody(deps, 'succeeded', session, order);
  }
  // The provider's webhook settled the failure before the page asked: answer it, as a 402.
  if (session.status === 'open' && session.lastPaymentError && (await deps.storage.latestAttempt(session.id))?.paymentReference) {
    return jsonResponse(402, { error: session.lastPaymentError });
  }
  if (session.status !== 'requires_action' || !session.nextAction) {
    throw new ApiError(409, 'no_action_pending', 'There is no card verification waiting for this checkout.');
  }
  const provider = providerFor(deps, session.nextAction.provider);
  const reference = session.nextAction.reference;
  const result = await callProvider(deps, session.id, () => provider.retrievePayment(reference));
  if (result.status === 'requires_action') {
    throw new ApiError(409, 'confirm_in_progress', 'Your bank is still waiting for you to approve this payment. Finish the verification, then try again.');
  }
  const attempt = await deps.storage.latestAttempt(session.id);
  const charge = chargeOf(attempt?.paymentReference === reference ? attempt : null, session);
  const settle = decideOutcome(result, charge, deps.now(), provider.id, true);
  const { session: after, order, settlement } = await deps.storage.settle(session.id, settle, undefined, saveWithOrder(deps, result, null, null));
  logReview(deps.logger, settlement, session.id);
  await cancelStale(deps, provider.id, settlement, session.id);
  return renderSettlement(deps, settlement, after, order);
}

