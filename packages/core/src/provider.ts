/**
 * The provider contract, implemented by `@omni-checkout/mock`, `@omni-checkout/stripe`,
 * `@omni-checkout/paypal` and `@omni-checkout/moyasar`. Client halves are loaded lazily through `registerProvider` /
 * `loadProvider` (dynamic import), so a page never downloads a provider it does not use.
 */
import type {
  CheckoutSession,
  NextAction,
  PaymentMethodSummary,
  PaymentMethodType,
  PrepareRequest,
  PrepareResponse,
  ProviderId,
} from './types.js';

// ── Client half ─────────────────────────────────────────────────────────────────────────────

export interface ProviderFieldError {
  readonly code: string;
  readonly message: string;
}

/** Change payload in Stripe's shape. */
export interface PaymentFieldsChange {
  readonly complete: boolean;
  readonly empty: boolean;
  readonly error: ProviderFieldError | null;
  /**
   * The way to pay chosen in the provider's fields, when they offer several (Stripe's Payment
   * Element tabs: `card`, `blik`, `ideal`…): the checkout shows what that method needs besides
   * (BLIK's code field).
   */
  readonly method?: PaymentMethodType;
}

export interface ClientProviderContext {
  readonly session: CheckoutSession;
  /** BCP 47 locale the shopper sees. */
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  /** Backend origin, for providers that talk to their server half through it. */
  readonly apiBase: string;
  readonly publishableKey: string;
  /** CSP nonce for any script or style the provider must inject. */
  readonly nonce?: string;
  /** The `fetch` the page configured for the backend (tests and Storybook pass an in-memory one). */
  readonly fetch?: typeof fetch;
  /**
   * Providers whose payment starts on the server before the shopper approves it in the provider's
   * own window (PayPal): asks the backend to prepare the payment for the live session (its amount,
   * never one from the page) and answers the provider reference. Authenticated like every client
   * call; the provider never sees the client secret.
   */
  readonly prepare?: (request: PrepareRequest) => Promise<PrepareResponse>;
  /**
   * Providers whose own button pays (PayPal): the shopper approved, so the caller confirms
   * `paymentMethod` exactly as its pay button would, and answers the outcome. A `failed` outcome
   * carries the backend's error code, so the provider can let the shopper pick another funding source.
   */
  readonly submit?: (paymentMethod: string) => Promise<SubmitOutcome>;
  /**
   * Providers whose own button pays: called when the shopper clicks it, before the provider's window
   * opens. Answers false (after showing what is missing) to keep the window closed.
   */
  readonly ready?: () => Promise<boolean>;
  /**
   * The host's visibility gate (`<omni-checkout>` and `<omni-express>` pass theirs): resolves once
   * `element` is about to be visible. Providers that load a heavy SDK for buttons (PayPal) wait for
   * it before loading; without it they load at once.
   */
  readonly nearViewport?: (element: Element) => Promise<void>;
  /**
   * The way to pay the shopper chose in the list when the fields mount, for a provider that carries
   * several with fields of their own (Moyasar: mada cards, STC Pay); later choices reach `select`.
   */
  readonly method?: PaymentMethodType;
}

export type SubmitOutcome =
  | { readonly status: 'succeeded' }
  | { readonly status: 'failed'; readonly code: string; readonly declineCode?: string; readonly message: string };

export type CreatePaymentMethodResult =
  | {
      readonly paymentMethod: string;
      readonly error?: undefined;
      /**
       * The way to pay it is (`card`, `blik`, `ideal`…), when the provider's fields offer several:
       * one that leaves the page for a bank's (iDEAL, Klarna, Alipay…) is confirmed with a return address.
       */
      readonly method?: PaymentMethodType;
    }
  | { readonly paymentMethod?: undefined; readonly error: ProviderFieldError };

export interface MountedPaymentFields {
  /** Turns what the shopper entered into a provider reference. Card data never leaves the provider. */
  createPaymentMethod(): Promise<CreatePaymentMethodResult>;
  /** Subscribes to changes; returns an unsubscribe function. */
  onChange(listener: (change: PaymentFieldsChange) => void): () => void;
  /** Amount or currency changed after mount: update without remounting. */
  update(session: CheckoutSession): void;
  /** Disables input while a payment is in flight. */
  setDisabled(disabled: boolean): void;
  /**
   * True when the provider's own button takes the payment (PayPal): the caller hides its pay button
   * and waits for `context.submit`. `createPaymentMethod` then only reports what is missing.
   */
  readonly ownButton?: boolean;
  /**
   * True when the provider's payments may leave for a bank's 3-D Secure page and come back (Moyasar):
   * confirming then sends the page's address as `returnUrl`, which the backend checks against the
   * merchant's allowed origins.
   */
  readonly returnsToPage?: boolean;
  /** The shopper chose another of this provider's ways to pay in the list: show its fields. Optional. */
  select?(method: PaymentMethodType): void;
  focus(): void;
  destroy(): void;
}

export type NextActionResult =
  | { readonly status: 'completed' }
  | { readonly status: 'canceled' }
  | { readonly status: 'failed'; readonly error: ProviderFieldError };

export interface ClientProvider {
  readonly id: ProviderId;
  /** Mounts payment fields into a light-DOM container owned by the caller. */
  mountPaymentFields(container: HTMLElement, context: ClientProviderContext): Promise<MountedPaymentFields>;
  /**
   * Lets the shopper finish a 3-D Secure challenge or redirect. Resolves once the shopper is done;
   * the caller then asks the backend (`completeAction`) for the server-confirmed outcome.
   */
  handleNextAction(action: NextAction, context: ClientProviderContext): Promise<NextActionResult>;
  /** Express wallets (Apple Pay, Google Pay, Link, PayPal…), when the provider has any. */
  readonly express?: ExpressWallets;
  /**
   * Called on page load with the current URL: when it is the return from a redirect-based method
   * or a wallet this provider started, answers what happened and the URL without the provider's
   * query parameters (the caller replaces the address with it). Otherwise answers `null`.
   */
  handleReturn?(url: URL, context: ClientProviderContext): Promise<ReturnResult | null>;
}

export interface ReturnResult {
  readonly result: NextActionResult;
  /** The address to show once the provider's parameters are removed. */
  readonly cleanUrl: string;
}

// ── Express wallets ─────────────────────────────────────────────────────────────────────────

export type ExpressWallet = 'apple_pay' | 'google_pay' | 'link' | 'paypal' | 'paylater' | 'venmo';

/** Why a wallet is not offered; stable codes carried by `omni-wallet-unavailable`. */
export type WalletUnavailableReason =
  | 'insecure_context'
  | 'domain_not_registered'
  | 'no_card_in_wallet'
  | 'unsupported_browser'
  | 'unsupported_currency'
  | 'unsupported_country'
  | 'not_enabled'
  | 'load_failed';

export type WalletAvailability =
  | { readonly wallet: ExpressWallet; readonly available: true }
  | { readonly wallet: ExpressWallet; readonly available: false; readonly reason: WalletUnavailableReason };

/** What an express wallet sheet asks the page while it is open; each answers with the repriced session. */
export interface ExpressCallbacks {
  /** The shopper picked or changed a shipping address inside the sheet (often partial: country, region, postal code). */
  onShippingAddressChange(address: { country: string; region?: string; city?: string; postalCode?: string }): Promise<CheckoutSession>;
  onShippingOptionChange(shippingOptionId: string): Promise<CheckoutSession>;
  /** The live session, read at click time so a callback never charges stale totals. */
  currentSession(): CheckoutSession;
  /**
   * The sheet produced a provider payment-method reference (plus the shopper's contact and
   * address from the wallet): the caller confirms it with the backend exactly like card fields.
   * `declined`: the provider declined the funding source and the shopper may pick another in the
   * sheet (PayPal's INSTRUMENT_DECLINED reopens the PayPal window); callers may answer `failed` instead.
   */
  onAuthorized(payment: { paymentMethod: string; contact?: { email: string }; shippingAddress?: unknown }): Promise<'succeeded' | 'failed' | 'declined'>;
  onCancel(): void;
}

export interface MountedExpress {
  /** Which wallets actually rendered, and why the others did not. */
  readonly availability: readonly WalletAvailability[];
  update(session: CheckoutSession): void;
  destroy(): void;
}

export interface ExpressWallets {
  /**
   * Mounts the wallet buttons into a light-DOM container. A wallet click must open the sheet
   * synchronously (nothing awaited before it), as Apple Pay and Google Pay require.
   */
  mount(container: HTMLElement, context: ClientProviderContext, callbacks: ExpressCallbacks): Promise<MountedExpress>;
}

export type ClientProviderLoader = () => Promise<ClientProvider | { readonly default: ClientProvider }>;

const loaders = new Map<string, ClientProviderLoader>();
const loaded = new Map<string, Promise<ClientProvider>>();

/**
 * Registers how to load a provider's client half, e.g.
 * `registerProvider('mock', () => import('@omni-checkout/mock/client'))`.
 */
export function registerProvider(id: ProviderId, loader: ClientProviderLoader): void {
  loaders.set(id, loader);
  loaded.delete(id);
}

export function isProviderRegistered(id: ProviderId): boolean {
  return loaders.has(id);
}

/** Loads (once) the client half of a registered provider. */
export function loadProvider(id: ProviderId): Promise<ClientProvider> {
  let promise = loaded.get(id);
  if (!promise) {
    const loader = loaders.get(id);
    if (!loader) return Promise.reject(new Error(`No client provider registered for "${id}"`));
    promise = loader().then((mod) => ('default' in mod ? mod.default : mod));
    promise.catch(() => loaded.delete(id));
    loaded.set(id, promise);
  }
  return promise;
}

// ── Server half ─────────────────────────────────────────────────────────────────────────────

export interface ProviderPaymentInput {
  readonly sessionId: string;
  /** Amount in minor units, always taken from the backend's own session. */
  readonly amount: number;
  readonly currency: string;
  /** Provider payment-method reference from the client half, or a saved method's reference. */
  readonly paymentMethod: string;
  /** Deterministic key (session, operation, attempt) stored before the call and reused on retry. */
  readonly idempotencyKey: string;
  readonly metadata: Readonly<Record<string, string>>;
  /** The shopper's customer at the provider (from `customers.ensure`), for saved or to-be-saved methods. */
  readonly customer?: string;
  /** Keep the method for later one-click payments. Only with the shopper's recorded consent. */
  readonly savePaymentMethod?: boolean;
  /**
   * Where a redirect-based method or a bank's 3-D Secure page brings the shopper back: the page
   * that confirmed, checked by the backend against the merchant's allowed origins.
   */
  readonly returnUrl?: string;
  /** The six-digit BLIK code the shopper typed in the checkout (confirm's `paymentMethodOptions`); used once, never stored. */
  readonly paymentMethodOptions?: { readonly blik?: { readonly code: string } };
  /**
   * The ways to pay the session gives this provider, in the market's order after the merchant's
   * overrides (see core `markets`). A provider restricts the payment to them (Stripe's
   * `payment_method_types`); absent, the provider's own defaults apply.
   */
  readonly methods?: readonly PaymentMethodType[];
  /**
   * `manual`: authorise only (Stripe `capture_method=manual`); the result is `succeeded` with
   * `captured: false` and the merchant captures later through `moneyOut.capture`. Default `automatic`.
   */
  readonly captureMethod?: 'automatic' | 'manual';
}

/**
 * The optional step before the shopper approves in the provider's window (PayPal orders): the
 * provider creates (or, given `reference`, updates) its payment for the session's own amount.
 */
export interface ProviderPrepareInput {
  /** The backend's own view of the session: line items, shipping, totals, address, locale. */
  readonly session: CheckoutSession;
  /** Amount in minor units, always the session total. */
  readonly amount: number;
  readonly currency: string;
  /** Which of the provider's methods the shopper clicked (`paypal`, `paylater`, `venmo`). */
  readonly method: PaymentMethodType;
  /** Deterministic key (session, operation, client key), reused when the page retries. */
  readonly idempotencyKey: string;
  /** A reference prepared before for this session (the shopper changed shipping in the provider's window): update it. */
  readonly reference?: string;
  /** Express: the shopper picks the address in the provider's window; otherwise the session's address is used. */
  readonly express?: boolean;
  readonly customer?: string;
  /** Ask the provider to keep the method for later one-click payments (only with recorded consent). */
  readonly savePaymentMethod?: boolean;
  /** `manual`: the provider's payment only authorises (PayPal `intent: AUTHORIZE`); confirm then authorises instead of capturing. */
  readonly captureMethod?: 'automatic' | 'manual';
}

export interface ProviderPrepared {
  /** The provider's reference (a PayPal order id); confirm later sends it back as `paymentMethod`. */
  readonly reference: string;
}

/** A method the provider keeps for a customer: brand, last 4 and expiry for a card, the masked account for a wallet (never card data). */
export type SavedMethodSummary = Omit<PaymentMethodSummary, 'provider'>;

export type ProviderPaymentResult =
  | {
      readonly status: 'succeeded';
      readonly reference: string;
      /**
       * What the provider says it took, in minor units and ISO 4217 (upper case). The backend records
       * an order only when both equal what the attempt asked for; otherwise it holds the payment for
       * the merchant's review (docs/security.md, "Amounts").
       */
      readonly amount: number;
      readonly currency: string;
      /**
       * False when the payment is only authorised (`captureMethod: 'manual'`): `amount` is what was
       * authorised and `reference` is what `moneyOut.capture` and `cancel` take. Absent or true: taken.
       */
      readonly captured?: boolean;
      /** The method that paid, summarised, when the provider can tell (to save it with consent). */
      readonly paymentMethod?: SavedMethodSummary;
    }
  | { readonly status: 'processing'; readonly reference: string }
  | { readonly status: 'requires_action'; readonly reference: string; readonly action: NextAction }
  | {
      readonly status: 'failed';
      readonly reference: string | null;
      /** `card_declined`, `insufficient_funds`, `authentication_failed`, `authentication_canceled`, `provider_error`. */
      readonly code: 'card_declined' | 'insufficient_funds' | 'authentication_failed' | 'authentication_canceled' | 'provider_error';
      readonly message: string;
      readonly declineCode?: string;
    };

export interface ServerProvider {
  readonly id: ProviderId;
  /** False for test providers; the session shows it to the page. */
  readonly livemode: boolean;
  /**
   * Public configuration the client half needs (e.g. a publishable key). Never secrets. `market`,
   * when given, holds the methods the session gives this provider in its market's order, so the
   * config can say them in the provider's own terms (Stripe's payment method types).
   */
  publicConfig(market?: { readonly methods: readonly PaymentMethodType[]; readonly captureMethod?: 'automatic' | 'manual' }): Record<string, string>;
  createPayment(input: ProviderPaymentInput): Promise<ProviderPaymentResult>;
  /**
   * Optional: prepares a payment the shopper then approves in the provider's own window (PayPal
   * creates an order here). Reached through `POST /v1/client/checkout-sessions/:id/prepare`.
   */
  prepare?(input: ProviderPrepareInput): Promise<ProviderPrepared>;
  /** Current state of a payment, e.g. after a 3-D Secure challenge. */
  retrievePayment(reference: string): Promise<ProviderPaymentResult>;
  /**
   * Cancels a payment the backend gave up on (its session reopened after a failed or abandoned
   * 3-D Secure step, or the reconciler reopened it), so the client secret already in the page can
   * no longer complete it. Best effort: a payment that can no longer be cancelled is left as it is
   * and, should it succeed anyway, its amount check holds it for review. Optional.
   */
  cancelPayment?(reference: string): Promise<void>;
  /**
   * Optional HTTP routes of the provider, mounted under `/v1/providers/<id>/`. Receives a standard
   * `Request` whose path is relative to that prefix; answers `null` for paths it does not own.
   */
  handleRequest?(request: Request, path: string): Promise<Response | null>;
  /** Payment methods this provider can carry for a market, in no particular order. */
  supportedMethods?(market: { readonly country: string; readonly currency: string }): readonly PaymentMethodType[];
  /**
   * Methods this provider could show but cannot take in its current mode (the mock provider in
   * test mode: BLIK, Kakao Pay…): the session leaves them out and tells the merchant why
   * (reason `test_mode`). Optional.
   */
  displayOnlyMethods?(market: { readonly country: string; readonly currency: string }): readonly PaymentMethodType[];
  /**
   * Amounts this provider takes per method in the market's currency (minor units, `{ min?, max? }`);
   * a session whose total is outside them does not show the method (docs/payment-methods.md). Optional.
   */
  amountLimits?(market: { readonly country: string; readonly currency: string }): Readonly<Partial<Record<PaymentMethodType, { readonly min?: number; readonly max?: number }>>>;
  /** Customers and their saved methods, for providers that keep them. */
  readonly customers?: ProviderCustomers;
  /** Signed webhooks, for providers that send them. */
  readonly webhooks?: ProviderWebhooks;
  /** Money out after the payment: refunds (and, where supported, captures and cancels). Optional. */
  readonly moneyOut?: ProviderMoneyOut;
  /**
   * Files the provider needs at the site's root under `/.well-known/` (e.g. Apple Pay's
   * `apple-developer-merchantid-domain-association`); answers `null` for names it does not own.
   */
  handleWellKnown?(name: string): Promise<Response | null>;
}

/** The outcome of a refund at the provider: `pending` settles later through a provider webhook. */
export type ProviderRefundResult =
  | { readonly status: 'succeeded' | 'pending'; readonly reference: string }
  | { readonly status: 'failed'; readonly reference: string | null; readonly message: string };

/**
 * Refunds, captures and cancels through the provider. Every call carries a deterministic
 * idempotency key (derived from the backend's own refund or order id), so a retry after a crash or
 * a timeout never moves money twice.
 */
export interface ProviderMoneyOut {
  /** Refunds `amount` minor units of the payment `reference` (the order's payment reference). */
  refund(input: {
    readonly reference: string;
    readonly amount: number;
    readonly currency: string;
    readonly idempotencyKey: string;
    readonly reason?: string;
    readonly metadata: Readonly<Record<string, string>>;
  }): Promise<ProviderRefundResult>;
  /**
   * Captures an authorised payment (`captureMethod: 'manual'`), `amount` at most what was authorised;
   * the provider releases the rest. The order keeps `reference`: refunds later find the capture from it.
   */
  capture?(input: { readonly reference: string; readonly amount: number; readonly currency: string; readonly idempotencyKey: string }): Promise<
    { readonly status: 'succeeded' } | { readonly status: 'failed'; readonly message: string }
  >;
  /** Releases an authorised, uncaptured payment, or cancels one still waiting for the shopper. */
  cancel?(input: { readonly reference: string; readonly idempotencyKey: string }): Promise<
    { readonly status: 'canceled' } | { readonly status: 'failed'; readonly message: string }
  >;
}

export interface ProviderCustomers {
  /** The provider customer for a shopper, created once; `key` makes the creation idempotent. */
  ensure(input: { readonly shopperId: string; readonly email?: string; readonly key: string }): Promise<string>;
  list(customer: string): Promise<readonly (SavedMethodSummary & { readonly reference: string })[]>;
  detach(customer: string, reference: string): Promise<void>;
}

/** A verified provider event, reduced to what the backend acts on. */
export interface ProviderEvent {
  /** The provider's unique event id: stored in the same transaction as its effect, so a replay is a no-op. */
  readonly id: string;
  readonly type: string;
  /** The payment the event is about, or null for events the backend ignores. */
  readonly reference: string | null;
  /** The payment's state as of this event; the backend only moves a session forward. */
  readonly outcome: ProviderPaymentResult | null;
  /**
   * The backend session the payment was created for, when the provider echoes it back (e.g. from
   * the payment's metadata). Lets a webhook settle a payment whose reference the backend never
   * stored because it crashed between the provider call and its commit.
   */
  readonly sessionId?: string | null;
  /**
   * The buyer approved the payment in the provider's own window (PayPal's `CHECKOUT.ORDER.APPROVED`)
   * and it still has to be confirmed: the backend confirms `reference` for the session itself, as
   * the page would have, so a window or tab closed after the approval still ends as a paid order.
   */
  readonly approved?: boolean;
  /** A refund's new state (Stripe `refund.updated`, PayPal `PAYMENT.CAPTURE.REFUNDED`…), found by its provider reference. */
  readonly refund?: { readonly reference: string; readonly status: 'succeeded' | 'pending' | 'failed'; readonly failureReason?: string };
}

export interface ProviderWebhooks {
  /**
   * Verifies the signature on the exact raw body and parses it. Throws `WebhookVerificationError`
   * for a bad signature, a timestamp outside the tolerance or an unparsable body.
   */
  verify(rawBody: string, headers: Headers, now: Date): Promise<ProviderEvent>;
}

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}
