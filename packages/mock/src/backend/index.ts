/**
 * An in-memory double of the backend's browser-facing HTTP API, for Storybook stories and
 * component tests: a `fetch` that answers the routes `createBackendClient` calls and the mock
 * provider's challenge route, with the real backend's JSON shapes, status codes and error codes.
 * Totals come from core's `priceLineItems` / `computeTotals`; payment outcomes come from the mock
 * provider's own server half, so a test card behaves here exactly as against the real backend.
 *
 * It holds one checkout session. Nothing leaves the page.
 */
import {
  API_ERROR_CODES,
  ConfirmRequest,
  Contact as ContactSchema,
  CreateCheckoutSessionRequest,
  PostalAddress as PostalAddressSchema,
  SetShippingOptionRequest,
  checkAddress,
  cashOnDeliveryCarrier,
  cashOnDeliveryFee,
  computeTotals,
  decideMethods,
  withCashOnDeliveryFee,
  priceLineItems,
  sessionIdFromClientSecret,
  type ApiErrorCode,
  type CheckoutSession,
  type ConfirmResponse,
  type LineItem,
  type NextAction,
  type Order,
  type PaymentError,
  type ProviderPaymentResult,
  type SessionStatus,
  type ShippingOption,
  withDeliveryWindows,
} from '@omni-checkout/core';
import { z } from 'zod';
import { createMockProvider } from '../server/index.js';
import { giftCardDouble } from './gift-cards.js';
import { ADDRESS_INVALID_MESSAGE, answer, errorAnswer, HttpError, MESSAGES, parse, STATUS, toResponse, type Answer } from './http.js';

import {
  DEFAULT_LINE_ITEMS,
  DEFAULT_SHIPPING_OPTIONS,
  type MemoryBackend,
  type MemoryBackendOptions,
  type MemoryRoute,
} from './options.js';

export {
  DEFAULT_LINE_ITEMS,
  DEFAULT_SHIPPING_OPTIONS,
  type MemoryBackend,
  type MemoryBackendOptions,
  type MemoryRoute,
} from './options.js';

function randomId(bytes = 12): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function wait(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError'));
    };
    if (signal?.aborted) return abort();
    const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Body of complete-action: an empty object, as on the real backend. */
const CompleteActionRequest = z.object({}).strict();

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;
const CLIENT_PATH = /^\/v1\/client\/checkout-sessions\/([^/]+)(?:\/([^/]+(?:\/[^/]+){0,2}))?\/?$/;
const PROVIDER_PATH = /^\/v1\/providers\/([^/]+)(\/.*)$/;

interface Attempt {
  readonly body: string;
  readonly providerKey: string;
  readonly paymentMethod: string;
  response: Answer | null;
  inFlight: Promise<Answer> | null;
  /** Cash on delivery: no provider call, an order to be paid on delivery. */
  readonly cashOnDelivery?: boolean;
}

export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const request = parse(CreateCheckoutSessionRequest, {
    currency: options.currency ?? 'EUR',
    country: options.country ?? 'DE',
    lineItems: options.lineItems ?? DEFAULT_LINE_ITEMS,
    shippingOptions: options.shippingOptions ?? DEFAULT_SHIPPING_OPTIONS,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const provider = createMockProvider({ force: true });
  const apiBase = (options.apiBase ?? 'https://omni-backend.test').replace(/\/+$/, '');
  const basePath = new URL(apiBase, 'https://omni-backend.test').pathname.replace(/\/+$/, '');
  const publishableKey = options.publishableKey ?? 'pk_test_memory';
  const id = options.sessionId ?? `cs_test_${randomId()}`;
  const clientSecret = `${id}_secret_${randomId(16)}`;

  const lineItems: LineItem[] = priceLineItems(request.lineItems);
  const shippingOptions: ShippingOption[] = request.shippingOptions;
  const state = {
    status: 'open' as Exclude<SessionStatus, 'expired'>,
    selectedShippingOptionId: shippingOptions[0]?.id ?? null,
    contact: options.contact ? parse(ContactSchema, options.contact) : null,
    shippingAddress: options.shippingAddress ? parse(PostalAddressSchema, options.shippingAddress) : null,
    nextAction: null as NextAction | null,
    lastPaymentError: null as PaymentError | null,
    order: null as Order | null,
    /** The channel of the confirm that last started a payment (the backend's `paying_channel`). */
    payingChannel: null as NonNullable<CheckoutSession['paidVia']>['channel'] | null,
  };
  let handoffDepth = 0;
  computeTotals(lineItems, shippingOptions[0] ?? null); // throws now, not on the first request, for an impossible cart
  const expiresAt = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
  const attempts = new Map<string, Attempt>();
  let attemptCount = 0;
  const failures: { code: ApiErrorCode; route: MemoryRoute | null }[] = options.failNextRequestWith
    ? [{ code: options.failNextRequestWith, route: null }]
    : [];

  // The same lists the real backend computes (core `decideMethods`): the market's methods after the
  // merchant's overrides that the mock takes now, and the others with the reason they are hidden.
  const market = { country: request.country, currency: request.currency };
  // Cash on delivery as the backend carries it (no provider; the merchant's maximum and fee).
  const codTerms = options.paymentMethods?.cashOnDelivery;
  const codFee = cashOnDeliveryFee(codTerms, request.currency);
  const methodDecision = () =>
    withCashOnDeliveryFee(
      decideMethods(market, computeTotals(lineItems, selectedShipping()).total, options.paymentMethods ?? {}, [
        { id: 'mock', methods: provider.supportedMethods?.(market) ?? ['card'], displayOnly: provider.displayOnlyMethods?.(market) ?? [] },
        ...cashOnDeliveryCarrier(codTerms, request.currency),
      ]),
      codFee,
    );

  const giftCards = giftCardDouble(options.giftCards ?? [], options.now ?? (() => new Date()));
  /** The tenders as the order took them. */
  let paidTenders: ReturnType<typeof giftCards.view> = {};
  const selectedShipping = () => shippingOptions.find((o) => o.id === state.selectedShippingOptionId) ?? null;
  const now = options.now ?? (() => new Date());

  /** `gift_card` listed for the market, which no provider carries or one only shows: the backend's ledger carries it. */
  const ledgerMethod = (m: { type: string; reason: string }) => m.type === 'gift_card' && (m.reason === 'no_provider' || m.reason === 'test_mode');

  function session(): CheckoutSession {
    const methods = methodDecision();
    return {
      id,
      object: 'checkout_session',
      status: state.status,
      livemode: provider.livemode,
      merchant: { name: options.merchantName ?? 'Omni Demo Coffee' },
      currency: request.currency,
      country: request.country,
      locale: request.locale ?? null,
      channel: request.channel,
      lineItems: structuredClone(lineItems),
      shippingOptions: withDeliveryWindows(structuredClone(shippingOptions), options.delivery ?? {}, now()),
      selectedShippingOptionId: state.selectedShippingOptionId,
      contact: state.contact && { ...state.contact },
      shippingAddress: state.shippingAddress && { ...state.shippingAddress },
      totals: computeTotals(lineItems, selectedShipping()),
      provider: { id: 'mock', config: provider.publicConfig() },
      providers: [{ id: 'mock', config: provider.publicConfig(), methods: methods.shown.map((m) => m.type) }],
      paymentMethods: methods.shown,
      // Gift cards are carried by the backend's ledger, not a provider (as the real backend's session view).
      ...(provider.livemode ? {} : { hiddenPaymentMethods: methods.hidden.filter((m) => !ledgerMethod(m)) }),
      ...(methods.hidden.some(ledgerMethod) ? { giftCards: true } : {}),
      ...(options.smsUpdates ? { smsUpdates: true } : {}),
      nextAction: state.nextAction && structuredClone(state.nextAction),
      lastPaymentError: state.lastPaymentError && { ...state.lastPaymentError },
      orderId: state.order?.id ?? null,
      expiresAt,
      // The double knows no device class (the backend reads one from the browser's client hints).
      paidVia: state.status === 'complete' ? { channel: state.payingChannel ?? request.channel, device: null } : null,
      ...(state.status === 'complete' ? paidTenders : giftCards.view(computeTotals(lineItems, selectedShipping()).total, request.currency)),
    };
  }

  function stateError(): HttpError {
    if (state.status === 'complete') return new HttpError(409, 'session_completed');
    if (state.status === 'requires_action') {
      return new HttpError(409, 'confirm_in_progress', 'Finish verifying your card first, or cancel the verification.');
    }
    return new HttpError(409, 'confirm_in_progress');
  }

  function update(apply: () => void): Answer {
    if (state.status !== 'open') throw stateError();
    apply();
    return answer(200, session());
  }

  function assertReady(): void {
    const missing = [
      ...(state.contact ? [] : [{ path: 'contact', message: 'Add an email address' }]),
      ...(state.shippingAddress ? [] : [{ path: 'shippingAddress', message: 'Add a shipping address' }]),
      ...(shippingOptions.length > 0 && !state.selectedShippingOptionId ? [{ path: 'shippingOptionId', message: 'Choose a shipping option' }] : []),
    ];
    if (missing.length > 0) throw new HttpError(409, 'session_not_ready', MESSAGES.session_not_ready, missing);
  }

  async function callProvider(call: () => Promise<ProviderPaymentResult>) {
    let result: ProviderPaymentResult;
    try {
      result = await call();
    } catch {
      throw new HttpError(502, 'provider_error');
    }
    if (result.status === 'processing') {
      throw new HttpError(409, 'confirm_in_progress', 'Your payment is still being processed. Please check again in a moment.');
    }
    return result;
  }

  /** Applies a provider outcome the way the real backend's `settle` does, and renders the answer. */
  function settle(result: Exclude<ProviderPaymentResult, { status: 'processing' }>, paidWith: 'mock' | 'cash_on_delivery' = 'mock'): Answer {
    switch (result.status) {
      case 'succeeded': {
        const totals = computeTotals(lineItems, selectedShipping());
        paidTenders = giftCards.view(totals.total, request.currency);
        giftCards.redeem(totals.total, request.currency);
        const paidAt = now();
        const chosen = selectedShipping();
        state.order = {
          id: `ord_${randomId()}`,
          object: 'order',
          sessionId: id,
          // Cash on delivery waits for the courier: authorised for the total with the fee, nothing taken yet.
          ...(result.captured === false ? { status: 'authorized' as const, amount: result.amount, amountCaptured: 0 } : { status: 'paid' as const, amount: totals.total }),
          currency: request.currency,
          lineItems: structuredClone(lineItems),
          shippingOption: chosen && withDeliveryWindows([chosen], options.delivery ?? {}, paidAt)[0]!,
          contact: state.contact,
          shippingAddress: state.shippingAddress,
          provider: paidWith,
          paymentReference: result.reference,
          channel: state.payingChannel ?? request.channel,
          device: null,
          createdAt: paidAt.toISOString(),
        };
        Object.assign(state, { status: 'complete', nextAction: null, lastPaymentError: null });
        return answer(200, { status: 'succeeded', session: session(), order: structuredClone(state.order) } satisfies ConfirmResponse);
      }
      case 'requires_action':
        Object.assign(state, { status: 'requires_action', nextAction: result.action });
        return answer(200, { status: 'requires_action', session: session(), order: null } satisfies ConfirmResponse);
      case 'failed': {
        const error: PaymentError = { code: result.code, message: result.message, ...(result.declineCode ? { declineCode: result.declineCode } : {}) };
        Object.assign(state, { status: 'open', nextAction: null, lastPaymentError: error });
        return answer(402, { error });
      }
    }
  }

  async function runAttempt(attempt: Attempt, signal: AbortSignal | null): Promise<Answer> {
    if (options.hangConfirm) await wait(Infinity, signal);
    if (options.confirmDelayMs) await wait(options.confirmDelayMs, signal);
    const { total } = computeTotals(lineItems, selectedShipping());
    if (attempt.cashOnDelivery) {
      // No provider: an order to be paid on delivery, for the total with the fee.
      const amount = total + codFee;
      attempt.response = settle({ status: 'succeeded', reference: `cod:${id}:${amount}:${request.currency}`, amount, currency: request.currency, captured: false }, 'cash_on_delivery');
      return attempt.response;
    }
    // The provider is asked only for what the gift cards leave; nothing when they pay everything.
    const due = giftCards.view(total, request.currency).amountDue ?? total;
    if (due === 0) {
      attempt.response = settle({ status: 'succeeded', reference: `tenders_${id}`, amount: 0, currency: request.currency });
      return attempt.response;
    }
    const result = await callProvider(() =>
      provider.createPayment({
        sessionId: id,
        amount: due,
        currency: request.currency,
        paymentMethod: attempt.paymentMethod,
        idempotencyKey: attempt.providerKey,
        metadata: {},
      }),
    );
    attempt.response = settle(result);
    return attempt.response;
  }

  async function confirm(req: Request, body: string, json: unknown): Promise<Answer> {
    const { paymentMethod, provider: requested } = parse(ConfirmRequest, json);
    const cod = requested === 'cash_on_delivery' && methodDecision().shown.some((m) => m.type === 'cash_on_delivery');
    if (requested && requested !== 'mock' && !cod) {
      throw new HttpError(400, 'provider_not_available', 'This payment method is not offered for this checkout.');
    }
    const key = req.headers.get('idempotency-key');
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw new HttpError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1–255 visible characters), a new one per payment attempt.');
    }
    if (state.status === 'open') assertReady();
    let attempt = attempts.get(key);
    if (!attempt) {
      if (state.status !== 'open') throw stateError();
      attemptCount += 1;
      attempt = { body, providerKey: `${id}:confirm:${attemptCount}`, paymentMethod, response: null, inFlight: null, cashOnDelivery: cod };
      attempts.set(key, attempt);
      Object.assign(state, { status: 'processing', lastPaymentError: null, payingChannel: handoffDepth > 0 && request.channel !== 'link' ? 'handoff' : request.channel });
    }
    if (attempt.body !== body) {
      throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request. Use a new key for a new attempt.');
    }
    if (attempt.response) return attempt.response;
    // A retry while the first request is still running shares its answer.
    attempt.inFlight ??= runAttempt(attempt, req.signal).finally(() => {
      attempt.inFlight = null;
    });
    return attempt.inFlight;
  }

  async function completeAction(signal: AbortSignal | null): Promise<Answer> {
    if (state.status === 'complete') {
      return answer(200, { status: 'succeeded', session: session(), order: structuredClone(state.order) } satisfies ConfirmResponse);
    }
    if (state.status !== 'requires_action' || !state.nextAction) throw new HttpError(409, 'no_action_pending');
    if (options.confirmDelayMs) await wait(options.confirmDelayMs, signal);
    const reference = state.nextAction.reference;
    const result = await callProvider(() => provider.retrievePayment(reference));
    if (result.status === 'requires_action') {
      throw new HttpError(
        409,
        'confirm_in_progress',
        'Your bank is still waiting for you to approve this payment. Finish the verification, then try again.',
      );
    }
    return settle(result);
  }

  /** The browser gate: publishable key checks, as on `/v1/client/*` and `/v1/providers/*`. */
  function checkPublishableKey(req: Request): void {
    const key = req.headers.get('omni-publishable-key');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1] ?? '';
    if (!key) throw new HttpError(401, 'authentication_required', 'Send your publishable key in the Omni-Publishable-Key header.');
    if (key.startsWith('sk_') || bearer.startsWith('sk_')) throw new HttpError(401, 'publishable_key_required');
    if (key !== publishableKey) throw new HttpError(401, 'invalid_api_key');
  }

  function checkClientSecret(req: Request, pathId: string): void {
    const secret = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
    if (!secret) throw new HttpError(401, 'authentication_required', "Send the session's client secret as Authorization: Bearer ...");
    let secretId: string;
    try {
      secretId = sessionIdFromClientSecret(secret);
    } catch {
      throw new HttpError(401, 'invalid_client_secret');
    }
    if (secretId !== pathId || secret !== clientSecret) throw new HttpError(401, 'invalid_client_secret');
  }

  /** JSON object bodies only, as the real backend's `jsonBody` middleware. */
  function readJson(req: Request, body: string): unknown {
    if (!/^application\/json\s*(;|$)/i.test(req.headers.get('content-type') ?? '')) throw new HttpError(415, 'unsupported_media_type');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new HttpError(400, 'invalid_json');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new HttpError(400, 'invalid_json', 'The request body must be a JSON object.');
    }
    return json;
  }

  function routeOf(path: string): MemoryRoute | null {
    if (PROVIDER_PATH.test(path)) return 'challenge';
    const match = CLIENT_PATH.exec(path);
    if (!match) return null;
    const suffix = match[2] ?? 'session';
    return (['session', 'contact', 'shipping-address', 'shipping-option', 'confirm', 'complete-action'] as const).find((r) => r === suffix) ?? null;
  }

  async function handle(req: Request, path: string): Promise<Answer | Response> {
    const providerMatch = PROVIDER_PATH.exec(path);
    if (providerMatch) {
      checkPublishableKey(req);
      if (providerMatch[1] !== provider.id) throw new HttpError(404, 'not_found');
      const response = await provider.handleRequest?.(req, providerMatch[2]!);
      if (!response) throw new HttpError(404, 'not_found');
      return response;
    }
    const match = CLIENT_PATH.exec(path);
    if (!match) throw new HttpError(404, 'not_found');
    checkPublishableKey(req);
    checkClientSecret(req, decodeURIComponent(match[1]!));
    const body = req.method === 'POST' ? await req.text() : '';
    const json = req.method === 'POST' ? readJson(req, body) : undefined;
    const route = `${req.method} ${match[2] ?? ''}`;
    switch (route) {
      case 'GET ':
        return answer(200, session());
      case 'POST contact': {
        const contact = parse(ContactSchema, json);
        return update(() => (state.contact = contact));
      }
      case 'POST shipping-address': {
        const checked = await checkAddress(parse(PostalAddressSchema, json));
        if (!checked.ok) throw new HttpError(400, 'invalid_address', ADDRESS_INVALID_MESSAGE, checked.issues.map(({ path, message }) => ({ path, message })));
        const address = checked.address;
        return update(() => (state.shippingAddress = address));
      }
      case 'POST shipping-option': {
        const { shippingOptionId } = parse(SetShippingOptionRequest, json);
        if (!shippingOptions.some((o) => o.id === shippingOptionId)) {
          throw new HttpError(400, 'shipping_option_not_found', 'That shipping option is not offered for this checkout.', [
            { path: 'shippingOptionId', message: 'Unknown shipping option' },
          ]);
        }
        return update(() => (state.selectedShippingOptionId = shippingOptionId));
      }
      case 'POST confirm':
        return confirm(req, body, json);
      case 'POST complete-action':
        parse(CompleteActionRequest, json);
        return completeAction(req.signal);
      case 'POST gift-cards/balance':
        return answer(200, giftCards.balance(json));
      case 'POST gift-cards':
        return update(() => giftCards.apply(json, computeTotals(lineItems, selectedShipping()).total, request.currency));
      default: {
        const remove = /^POST tenders\/([^/]+)\/remove$/.exec(route);
        if (remove) return update(() => giftCards.remove(decodeURIComponent(remove[1]!)));
        throw new HttpError(404, 'not_found');
      }
    }
  }

  const memoryFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), `${apiBase}/`);
    const req = input instanceof Request ? new Request(input, init) : new Request(url, init);
    // Let the caller's own code run first, as with a real network round trip.
    await Promise.resolve();
    const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : null;
    const route = path === null ? null : routeOf(path);
    const failure = failures.findIndex((f) => f.route === null || f.route === route);
    if (failure >= 0) {
      const { code } = failures.splice(failure, 1)[0]!;
      if (code === 'network_error') throw new TypeError('Failed to fetch');
      return toResponse(errorAnswer(new HttpError(STATUS[code], code)));
    }
    try {
      if (path === null) throw new HttpError(404, 'not_found');
      const result = await handle(req, path);
      return result instanceof Response ? result : toResponse(result);
    } catch (error) {
      if (error instanceof HttpError) return toResponse(errorAnswer(error));
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      if (error instanceof Error && error.name === 'AbortError') throw error;
      return toResponse(errorAnswer(new HttpError(500, 'internal_error')));
    }
  };

  return {
    fetch: memoryFetch as typeof fetch,
    clientSecret,
    publishableKey,
    apiBase,
    session,
    order: () => (state.order ? structuredClone(state.order) : null),
    failNext(code, route) {
      if (!(API_ERROR_CODES as readonly string[]).includes(code)) throw new TypeError(`Unknown error code ${code}`);
      failures.push({ code, route: route ?? null });
    },
    async asHandoffDevice(call) {
      handoffDepth += 1;
      try {
        return await call();
      } finally {
        handoffDepth -= 1;
      }
    },
  };
}
