/**
 * The records and the `Storage` contract of the domain storage (`storage.ts` implements it over a
 * `Db`; `storage.suite.ts` checks it on PGlite and PostgreSQL).
 */
import type { CaptureMethod, PaymentMethodSettings, Channel, Contact, DeliverySettingsInput, LineItem, NextAction, Order, PaymentError, PostalAddress, ProviderId, ShippingOption } from '@omni-checkout/core';
import type { PaidBy } from '../channel.js';
import type { Queryable } from './db.js';
import type { PageRequest, PageResult } from './pages.js';
import type { PaymentReview } from './reviews.js';
import type { TenderRecord } from './tenders.js';

export type { PaymentReview } from './reviews.js';

export interface MerchantRecord {
  readonly id: string;
  readonly name: string;
  readonly publishableKey: string;
  readonly allowedOrigins: readonly string[];
  /** The first of `providers`. */
  readonly providerId: ProviderId;
  /** Providers that take this merchant's payments, in order; a method goes to the first that carries it. */
  readonly providers: readonly ProviderId[];
  /** The merchant's changes to each market's default payment methods (enable, disable, reorder). */
  readonly paymentMethods: PaymentMethodSettings;
  /** Business days, time zone, cut-off and holidays for delivery windows (fields left out take core's defaults). */
  readonly delivery: DeliverySettingsInput;
  /** Live (pk_live_/sk_live_ keys) or test: a live merchant's sessions use live providers only. */
  readonly livemode: boolean;
  /** The capture method of sessions that do not name one (`manual`: authorise now, capture later). */
  readonly captureMethod: CaptureMethod;
  /** Days an unfinished checkout of a recognised shopper is offered on another device (0: never; default 7). */
  readonly resumeWindowDays: number;
}

export interface MerchantInput {
  readonly name: string;
  readonly publishableKey: string;
  /** Stored only as a SHA-256 hash. */
  readonly secretKey: string;
  readonly allowedOrigins: readonly string[];
  /** Single-provider shorthand for `providers: [providerId]`. */
  readonly providerId?: ProviderId;
  /** Ordered providers (default `[providerId ?? 'mock']`). */
  readonly providers?: readonly ProviderId[];
  /** Overrides of the markets' default payment methods (default none). */
  readonly paymentMethods?: PaymentMethodSettings;
  /** Delivery-window settings (default: core's, Monday–Friday in UTC with a 14:00 cut-off). */
  readonly delivery?: DeliverySettingsInput;
  /** Default capture method of the merchant's sessions (default `automatic`). */
  readonly captureMethod?: CaptureMethod;
  /** Days an unfinished checkout is offered to the same shopper on another device (0–30, 0 turns it off; default 7). */
  readonly resumeWindowDays?: number;
}

/** Stored session status; `expired` is derived from `expiresAt` when the session is read. */
export type StoredSessionStatus = 'open' | 'processing' | 'requires_action' | 'complete';

export interface SessionRecord {
  readonly id: string;
  readonly merchantId: string;
  readonly merchantName: string;
  readonly status: StoredSessionStatus;
  readonly livemode: boolean;
  readonly currency: string;
  readonly country: string;
  readonly locale: string | null;
  readonly channel: Channel;
  /** The channel and the device class of the confirm that last started a payment (docs/omnichannel.md); null before. */
  readonly payingChannel: PaidBy['channel'] | null;
  readonly payingDevice: PaidBy['device'];
  readonly lineItems: LineItem[];
  readonly shippingOptions: ShippingOption[];
  readonly selectedShippingOptionId: string | null;
  readonly contact: Contact | null;
  readonly shippingAddress: PostalAddress | null;
  readonly metadata: Record<string, string>;
  /** The first of `providers`. */
  readonly providerId: ProviderId;
  /** The providers the page may pay this session with, in the merchant's order. */
  readonly providers: readonly ProviderId[];
  /** The merchant's payment-method overrides as they were when the session was created. */
  readonly paymentMethods: PaymentMethodSettings;
  /** The merchant's delivery-window settings as they were when the session was created. */
  readonly delivery: DeliverySettingsInput;
  readonly nextAction: NextAction | null;
  readonly lastPaymentError: PaymentError | null;
  readonly confirmAttempts: number;
  readonly orderId: string | null;
  readonly expiresAt: Date;
  /** `manual`: payments only authorise and the order waits for the merchant's capture (default `automatic`). */
  readonly captureMethod?: CaptureMethod;
  /** Gift cards and store credit applied to the session (storage/tenders.ts); absent: none. */
  readonly tenders?: readonly TenderRecord[];
  /** The identity a guest's "save my details" plans for this session (identity network); null: no save intent. */
  readonly plannedShopperId: string | null;
}

export type NewSession = Omit<
  SessionRecord,
  'tenders' | 'plannedShopperId' | 'merchantName' | 'status' | 'nextAction' | 'lastPaymentError' | 'confirmAttempts' | 'orderId' | 'providers' | 'paymentMethods' | 'delivery' | 'payingChannel' | 'payingDevice'
> & {
  /** Default `[providerId]`. */
  readonly providers?: readonly ProviderId[];
  /** Default none. */
  readonly paymentMethods?: PaymentMethodSettings;
  /** Default core's delivery settings. */
  readonly delivery?: DeliverySettingsInput;
};

/** A session create's `Idempotency-Key` (per merchant) and the hash of the request it came with. */
export interface SessionKey {
  readonly idempotencyKey: string;
  /** SHA-256 of the raw request body: the same key with another body is refused. */
  readonly requestHash: string;
}

/** The session an `Idempotency-Key` created, with what a repeated create needs to answer it again. */
export interface KeyedSession {
  /** The session as it is now. */
  readonly session: SessionRecord;
  /** Its client secret: the one given to this call when it created the session, else the one kept (sealed) then. */
  readonly clientSecret: string;
  /** The hash of the request that created it. */
  readonly requestHash: string;
}

export type SessionPatch =
  | { readonly contact: Contact }
  | { readonly shippingAddress: PostalAddress }
  | { readonly selectedShippingOptionId: string };

export interface StoredResponse {
  readonly status: number;
  /** Exact bytes sent the first time, replayed for a repeated idempotency key. */
  readonly body: string;
}

export interface AttemptRecord {
  readonly sessionId: string;
  readonly attempt: number;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  /** `${sessionId}:confirm:${attempt}`, stored before the provider is called. */
  readonly providerIdempotencyKey: string;
  /** The provider this attempt pays with. */
  readonly providerId: ProviderId;
  readonly paymentMethod: string;
  readonly paymentReference: string | null;
  /**
   * What this attempt charges, fixed from the session row `beginConfirm` locked (null only for
   * attempts recorded before migration 600). Every outcome is checked against it.
   */
  readonly amount: number | null;
  readonly currency: string | null;
  /** What the session's gift cards and store credit hold for this attempt (`amount` is the rest, for the provider). */
  readonly tendered?: number;
  readonly response: StoredResponse | null;
  /** When the attempt was committed (before its provider call): an unfinished attempt older than the confirm lease was interrupted. */
  readonly startedAt: Date;
}

export interface OrderRecord extends Order {
  readonly merchantId: string;
}

export interface BeginConfirmInput {
  readonly sessionId: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly paymentMethod: string;
  /** Default: the session's first provider. */
  readonly providerId?: ProviderId;
  readonly now: Date;
  /**
   * What the attempt charges, computed on the row as locked (the total the order will record), or
   * on `read` when the start is one statement (`storage/confirm-start.ts`). It may depend only on
   * what an open session cannot change but its shipping option and its tenders.
   */
  readonly price: (session: SessionRecord) => { readonly amount: number; readonly currency: string };
  /** The channel and device class paying (recorded on the session, then on its order); kept as they were when absent. */
  readonly paidBy?: PaidBy;
  /**
   * The session as the caller read it before: when it is open, has no tenders and its shipping
   * option is unchanged, the start is one statement (`storage/confirm-start.ts`).
   */
  readonly read?: SessionRecord;
}

export type BeginConfirmResult =
  /** `session`: the session as it is now (read after the attempt was found). */
  | { readonly outcome: 'existing'; readonly attempt: AttemptRecord; readonly session: SessionRecord }
  /** `session`: the row as the transaction locked and moved it to processing; the attempt charges its total. */
  | { readonly outcome: 'started'; readonly attempt: AttemptRecord; readonly session: SessionRecord }
  /** The session is not open (another confirm in flight, complete, or expired). */
  | { readonly outcome: 'busy'; readonly session: SessionRecord };

export type Settlement =
  /** `amount` is the session total from core `computeTotals`, computed by the caller. */
  | {
      readonly type: 'succeeded';
      readonly reference: string;
      /** The provider that took the payment (default: the session's first provider). */
      readonly provider?: ProviderId;
      readonly orderId: string;
      readonly amount: number;
      readonly createdAt: Date;
      /** The provider only authorised the payment (manual capture): the order is `authorized`, nothing taken yet. */
      readonly authorizedOnly?: boolean;
      /** What gift cards and store credit paid of `amount` (the provider took the rest). */
      readonly tendered?: number;
    }
  | { readonly type: 'requires_action'; readonly reference: string; readonly action: NextAction }
  | { readonly type: 'failed'; readonly reference: string | null; readonly error: PaymentError }
  /**
   * The provider reports money moved that does not match what was asked (amount, currency, or the
   * session changed since): no order; a `payment_reviews` row for the merchant. With `reopen`
   * (the session's current attempt), the session reopens with `error`.
   */
  | { readonly type: 'review'; readonly review: PaymentReview; readonly reopen: boolean; readonly error: PaymentError };

export interface SettleResult {
  readonly session: SessionRecord;
  readonly order: OrderRecord | null;
  /** True when this call wrote the order (exactly one call per session does). */
  readonly orderCreated?: boolean;
  /** The attempt's stored response (the first one stored wins), when `record` was given. */
  readonly response: StoredResponse | null;
  /** The settlement applied (a function given to `settle` decided it on the locked row). */
  readonly settlement: Settlement;
}

export interface Storage {
  upsertMerchant(input: MerchantInput): Promise<MerchantRecord>;
  merchantBySecretKey(secretKey: string): Promise<MerchantRecord | null>;
  merchantByPublishableKey(publishableKey: string): Promise<MerchantRecord | null>;
  /** True when any merchant allows `origin` (answers CORS preflights, which carry no key). */
  isOriginAllowedAnywhere(origin: string): Promise<boolean>;
  createSession(session: NewSession, clientSecret: string): Promise<SessionRecord>;
  /**
   * `createSession` under the merchant's Idempotency-Key, one statement when the key is new: the
   * session keeps the key, the request hash and its client secret sealed. When the key created a
   * session before (or a concurrent create with it won the race), nothing is written and that
   * session is answered as it is now.
   */
  createKeyedSession(session: NewSession, clientSecret: string, key: SessionKey): Promise<KeyedSession>;
  /** The session the merchant's `idempotencyKey` created, if it is still kept. */
  sessionByIdempotencyKey(merchantId: string, idempotencyKey: string): Promise<KeyedSession | null>;
  sessionById(id: string): Promise<SessionRecord | null>;
  sessionByClientSecret(clientSecret: string): Promise<SessionRecord | null>;
  /** Applies `patch` only while the session is open and unexpired; null otherwise. */
  updateOpenSession(id: string, patch: SessionPatch, now: Date): Promise<SessionRecord | null>;
  /**
   * Looks up the attempt for `idempotencyKey`; otherwise moves the session open → processing and
   * records a new attempt with its deterministic provider key, committed before any provider call.
   */
  beginConfirm(input: BeginConfirmInput): Promise<BeginConfirmResult>;
  setPaymentReference(sessionId: string, attempt: number, reference: string): Promise<void>;
  /**
   * Applies a provider outcome in one transaction: order + session → complete, or session →
   * requires_action, or session → open with the error. With `record`, also stores the attempt's
   * response rendered from the resulting state. `onOrder` runs in the same transaction once a
   * succeeded settlement left an order (the checkout enqueues the confirmation email and the
   * identity network saves the shopper there): when it throws, nothing of the settlement is
   * committed either. A function `settlement` is decided on the locked row (the amount check
   * compares the session as the order would record it).
   */
  settle(
    sessionId: string,
    settlement: Settlement | ((locked: SessionRecord) => Settlement),
    record?: { attempt: number; render: (session: SessionRecord, order: OrderRecord | null, settlement: Settlement) => StoredResponse },
    onOrder?: OnOrder,
  ): Promise<SettleResult>;
  latestAttempt(sessionId: string): Promise<AttemptRecord | null>;
  /**
   * Applies a verified provider event exactly once: the event id is recorded in the same
   * transaction as its effect, so a replay is a no-op. The session is found by the payment
   * reference of one of its attempts, else by `sessionId` (the provider's echo of our metadata).
   * `decide` runs inside the transaction on the locked session; `current` tells whether the event
   * is about the session's latest attempt. Settlements only move the session forward.
   */
  applyProviderEvent(input: {
    providerId: ProviderId;
    eventId: string;
    type: string;
    reference: string | null;
    sessionId?: string | null;
    decide: (session: SessionRecord, context: { current: boolean; attempt: AttemptRecord | null }) => Settlement | null;
    /** As for `settle`: runs in the event's transaction when a succeeded settlement left an order. */
    onOrder?: OnOrder;
  }): Promise<ProviderEventResult>;
  orderById(merchantId: string, id: string): Promise<OrderRecord | null>;
  /** Newest first, one page (storage/pages.ts); `null` when the page's cursor is no order of this merchant's. */
  listOrders(merchantId: string, filter: { sessionId?: string }, page?: PageRequest): Promise<PageResult<OrderRecord>>;
}

/** Work that must commit with the order, or not at all (`settle`, `applyProviderEvent`). */
export type OnOrder = (tx: Queryable, session: SessionRecord, order: OrderRecord) => Promise<void>;

export type ProviderEventResult =
  | { readonly outcome: 'duplicate' }
  /** Verified, but about no session of ours (another integration on the same account, a refund…). */
  | { readonly outcome: 'unmatched' }
  | {
      readonly outcome: 'ignored' | 'applied';
      readonly session: SessionRecord;
      readonly order: OrderRecord | null;
      readonly orderCreated: boolean;
      /** What `decide` chose (null: nothing to apply). */
      readonly settlement: Settlement | null;
    };
