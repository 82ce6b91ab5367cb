/**
 * Domain storage over a `Db`. Every multi-row write runs in one transaction; every state change
 * is a conditional UPDATE, so concurrent requests cannot both win.
 */
import type { PaymentMethodSettings, Channel, Contact, LineItem, NextAction, Order, PaymentError, PostalAddress, ProviderId, ShippingOption } from '@omni-checkout/core';
import { sha256 } from '../crypto.js';
import type { Db, Queryable } from './db.js';
import { cachedMerchants, type MerchantCacheOptions } from './merchant-cache.js';

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
  readonly nextAction: NextAction | null;
  readonly lastPaymentError: PaymentError | null;
  readonly confirmAttempts: number;
  readonly orderId: string | null;
  readonly expiresAt: Date;
}

export type NewSession = Omit<
  SessionRecord,
  'merchantName' | 'status' | 'nextAction' | 'lastPaymentError' | 'confirmAttempts' | 'orderId' | 'providers' | 'paymentMethods'
> & {
  /** Default `[providerId]`. */
  readonly providers?: readonly ProviderId[];
  /** Default none. */
  readonly paymentMethods?: PaymentMethodSettings;
};

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
  readonly response: StoredResponse | null;
  /** When the attempt was committed (before its provider call): an unfinished attempt older than the confirm lease was interrupted. */
  readonly startedAt: Date;
}

export interface OrderRecord extends Order {
  readonly merchantId: string;
}

export type BeginConfirmResult =
  | { readonly outcome: 'existing'; readonly attempt: AttemptRecord }
  | { readonly outcome: 'started'; readonly attempt: AttemptRecord }
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
    }
  | { readonly type: 'requires_action'; readonly reference: string; readonly action: NextAction }
  | { readonly type: 'failed'; readonly reference: string | null; readonly error: PaymentError };

export interface SettleResult {
  readonly session: SessionRecord;
  readonly order: OrderRecord | null;
  /** True when this call wrote the order (exactly one call per session does). */
  readonly orderCreated?: boolean;
  /** The attempt's stored response (the first one stored wins), when `record` was given. */
  readonly response: StoredResponse | null;
}

export interface Storage {
  upsertMerchant(input: MerchantInput): Promise<MerchantRecord>;
  merchantBySecretKey(secretKey: string): Promise<MerchantRecord | null>;
  merchantByPublishableKey(publishableKey: string): Promise<MerchantRecord | null>;
  /** True when any merchant allows `origin` (answers CORS preflights, which carry no key). */
  isOriginAllowedAnywhere(origin: string): Promise<boolean>;
  createSession(session: NewSession, clientSecret: string): Promise<SessionRecord>;
  sessionById(id: string): Promise<SessionRecord | null>;
  sessionByClientSecret(clientSecret: string): Promise<SessionRecord | null>;
  /** Applies `patch` only while the session is open and unexpired; null otherwise. */
  updateOpenSession(id: string, patch: SessionPatch, now: Date): Promise<SessionRecord | null>;
  /**
   * Looks up the attempt for `idempotencyKey`; otherwise moves the session open → processing and
   * records a new attempt with its deterministic provider key, committed before any provider call.
   */
  beginConfirm(input: {
    sessionId: string;
    idempotencyKey: string;
    requestHash: string;
    paymentMethod: string;
    /** Default: the session's first provider. */
    providerId?: ProviderId;
    now: Date;
  }): Promise<BeginConfirmResult>;
  setPaymentReference(sessionId: string, attempt: number, reference: string): Promise<void>;
  /**
   * Applies a provider outcome in one transaction: order + session → complete, or session →
   * requires_action, or session → open with the error. With `record`, also stores the attempt's
   * response rendered from the resulting state. `onOrder` runs in the same transaction once a
   * succeeded settlement left an order (the checkout enqueues the confirmation email and the
   * identity network saves the shopper there): when it throws, nothing of the settlement is
   * committed either.
   */
  settle(
    sessionId: string,
    settlement: Settlement,
    record?: { attempt: number; render: (session: SessionRecord, order: OrderRecord | null) => StoredResponse },
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
    decide: (session: SessionRecord, context: { current: boolean }) => Settlement | null;
    /** As for `settle`: runs in the event's transaction when a succeeded settlement left an order. */
    onOrder?: OnOrder;
  }): Promise<ProviderEventResult>;
  orderById(merchantId: string, id: string): Promise<OrderRecord | null>;
  listOrders(merchantId: string, filter: { sessionId?: string }): Promise<OrderRecord[]>;
}

/** Work that must commit with the order, or not at all (`settle`, `applyProviderEvent`). */
export type OnOrder = (tx: Queryable, session: SessionRecord, order: OrderRecord) => Promise<void>;

export type ProviderEventResult =
  | { readonly outcome: 'duplicate' }
  /** Verified, but about no session of ours (another integration on the same account, a refund…). */
  | { readonly outcome: 'unmatched' }
  | { readonly outcome: 'ignored' | 'applied'; readonly session: SessionRecord; readonly order: OrderRecord | null; readonly orderCreated: boolean };

type Row = Record<string, unknown>;

const SESSION_SELECT = `SELECT s.*, m.name AS merchant_name FROM checkout_sessions s JOIN merchants m ON m.id = s.merchant_id`;
/** Wraps a data-modifying statement that returns session rows so the merchant name comes along. */
const withMerchantName = (modifying: string) =>
  `WITH s AS (${modifying} RETURNING *) SELECT s.*, m.name AS merchant_name FROM s JOIN merchants m ON m.id = s.merchant_id`;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * How contact and address columns (and stored confirm responses, which repeat them) are written
 * and read. With a vault they hold sealed values (AES-256-GCM, SECURITY R32); without one (tests of
 * other parts) plain JSON. Reading accepts both.
 */
export interface PiiCodec {
  seal(value: unknown): string | null;
  open(value: unknown): unknown;
  sealText(text: string): string;
  openText(text: string): string;
}

/**
 * Seals and opens text (AES-256-GCM with a key kept outside the database): the identity vault
 * (`identity/vault.ts`) is one. Storage needs only these two operations.
 */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function piiCodec(vault?: Sealer): PiiCodec {
  return {
    seal: (value) => (value === null || value === undefined ? null : vault ? JSON.stringify(vault.seal(JSON.stringify(value))) : JSON.stringify(value)),
    open: (value) => {
      if (typeof value !== 'string') return value ?? null;
      if (!vault) throw new Error('A sealed value was found but no vault is configured (OMNI_DATA_KEYS)');
      return JSON.parse(vault.open(value));
    },
    sealText: (text) => (vault ? vault.seal(text) : text),
    openText: (text) => (text.startsWith('v1.') && vault ? vault.open(text) : text),
  };
}
const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

function toMerchant(row: Row): MerchantRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    publishableKey: row.publishable_key as string,
    allowedOrigins: row.allowed_origins as string[],
    providerId: row.provider_id as ProviderId,
    providers: row.providers as ProviderId[],
    paymentMethods: (row.payment_methods ?? {}) as PaymentMethodSettings,
  };
}

function toSession(row: Row, pii: PiiCodec): SessionRecord {
  return {
    id: row.id as string,
    merchantId: row.merchant_id as string,
    merchantName: row.merchant_name as string,
    status: row.status as StoredSessionStatus,
    livemode: row.livemode as boolean,
    currency: row.currency as string,
    country: row.country as string,
    locale: row.locale as string | null,
    channel: row.channel as Channel,
    lineItems: row.line_items as LineItem[],
    shippingOptions: row.shipping_options as ShippingOption[],
    selectedShippingOptionId: row.selected_shipping_option_id as string | null,
    contact: pii.open(row.contact) as Contact | null,
    shippingAddress: pii.open(row.shipping_address) as PostalAddress | null,
    metadata: row.metadata as Record<string, string>,
    providerId: row.provider_id as ProviderId,
    providers: row.providers as ProviderId[],
    paymentMethods: (row.payment_methods ?? {}) as PaymentMethodSettings,
    nextAction: row.next_action as NextAction | null,
    lastPaymentError: row.last_payment_error as PaymentError | null,
    confirmAttempts: Number(row.confirm_attempts),
    orderId: row.order_id as string | null,
    expiresAt: date(row.expires_at),
  };
}

function toAttempt(row: Row, pii: PiiCodec): AttemptRecord {
  return {
    sessionId: row.session_id as string,
    attempt: Number(row.attempt),
    idempotencyKey: row.idempotency_key as string,
    requestHash: row.request_hash as string,
    providerIdempotencyKey: row.provider_idempotency_key as string,
    providerId: row.provider_id as ProviderId,
    paymentMethod: row.payment_method as string,
    paymentReference: row.payment_reference as string | null,
    response:
      row.response_status === null ? null : { status: Number(row.response_status), body: pii.openText(row.response_body as string) },
    startedAt: new Date(row.created_at as string | Date),
  };
}

function toOrder(row: Row, pii: PiiCodec): OrderRecord {
  return {
    id: row.id as string,
    object: 'order',
    merchantId: row.merchant_id as string,
    sessionId: row.session_id as string,
    status: 'paid',
    amount: Number(row.amount),
    currency: row.currency as string,
    lineItems: row.line_items as LineItem[],
    shippingOption: row.shipping_option as ShippingOption | null,
    contact: pii.open(row.contact) as Contact | null,
    shippingAddress: pii.open(row.shipping_address) as PostalAddress | null,
    provider: row.provider_id as ProviderId,
    paymentReference: row.payment_reference as string,
    createdAt: date(row.created_at).toISOString(),
  };
}

async function one<T>(db: Queryable, map: (row: Row) => T, sql: string, params: readonly unknown[]): Promise<T | null> {
  const { rows } = await db.query<Row>(sql, params);
  return rows[0] ? map(rows[0]) : null;
}

/** Reads a session with a row lock held to the end of the transaction (serialises settlements). */
async function lockSession(tx: Queryable, id: string, pii: PiiCodec): Promise<SessionRecord>;
async function lockSession(tx: Queryable, id: string, pii: PiiCodec, required: false): Promise<SessionRecord | null>;
async function lockSession(tx: Queryable, id: string, pii: PiiCodec, required = true): Promise<SessionRecord | null> {
  const session = await one(tx, (row) => toSession(row, pii), `${SESSION_SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
  if (!session && required) throw new Error(`Session ${id} vanished`);
  return session;
}

async function sessionIn(db: Queryable, id: string, pii: PiiCodec): Promise<SessionRecord> {
  const session = await one(db, (row) => toSession(row, pii), `${SESSION_SELECT} WHERE s.id = $1`, [id]);
  if (!session) throw new Error(`Session ${id} vanished`);
  return session;
}

/**
 * Writes the order for a succeeded payment (at most one per session) and completes the session.
 * Answers the order row when this call wrote it (null when the session had one already).
 */
async function settleSucceeded(tx: Queryable, session: SessionRecord, s: Extract<Settlement, { type: 'succeeded' }>, pii: PiiCodec): Promise<Row | null> {
  const shipping = session.shippingOptions.find((o) => o.id === session.selectedShippingOptionId) ?? null;
  const { rows } = await tx.query<Row>(
    `INSERT INTO orders (id, merchant_id, session_id, status, amount, currency, line_items, shipping_option, contact,
       shipping_address, provider_id, payment_reference, created_at)
     VALUES ($1, $2, $3, 'paid', $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12)
     ON CONFLICT (session_id) DO NOTHING RETURNING *`,
    [s.orderId, session.merchantId, session.id, s.amount, session.currency, json(session.lineItems), json(shipping),
      pii.seal(session.contact), pii.seal(session.shippingAddress), s.provider ?? session.providerId, s.reference, s.createdAt],
  );
  await tx.query(
    `UPDATE checkout_sessions SET status = 'complete', next_action = NULL, last_payment_error = NULL,
       order_id = (SELECT id FROM orders WHERE session_id = $1)
     WHERE id = $1 AND status <> 'complete'`,
    [session.id],
  );
  return rows[0] ?? null;
}

/** Applies one settlement to a session, moving it forward only; answers the order row when this call wrote it. */
async function applySettlement(tx: Queryable, before: SessionRecord, settlement: Settlement, pii: PiiCodec): Promise<Row | null> {
  if (settlement.type === 'succeeded') return settleSucceeded(tx, before, settlement, pii);
  if (settlement.type === 'requires_action') {
    await tx.query(
      `UPDATE checkout_sessions SET status = 'requires_action', next_action = $2::jsonb WHERE id = $1 AND status = 'processing'`,
      [before.id, json(settlement.action)],
    );
  } else {
    await tx.query(
      `UPDATE checkout_sessions SET status = 'open', next_action = NULL, last_payment_error = $2::jsonb
       WHERE id = $1 AND status IN ('processing', 'requires_action')`,
      [before.id, json(settlement.error)],
    );
  }
  return null;
}

export function storageFromDb(db: Db, options: { vault?: Sealer; merchantCache?: MerchantCacheOptions } = {}): Storage {
  const storage = uncachedStorage(db, options);
  return { ...storage, ...cachedMerchants(storage, options.merchantCache) };
}

function uncachedStorage(db: Db, options: { vault?: Sealer }): Storage {
  const pii = piiCodec(options.vault);
  const toSessionP = (row: Row) => toSession(row, pii);
  const toOrderP = (row: Row) => toOrder(row, pii);
  const toAttemptP = (row: Row) => toAttempt(row, pii);
  return {
    async upsertMerchant(input) {
      const providers = [...new Set(input.providers?.length ? input.providers : [input.providerId ?? 'mock'])];
      const row = await one(
        db,
        toMerchant,
        `INSERT INTO merchants (id, name, publishable_key, secret_key_hash, allowed_origins, provider_id, providers, payment_methods)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8::jsonb)
         ON CONFLICT (publishable_key) DO UPDATE SET name = EXCLUDED.name, secret_key_hash = EXCLUDED.secret_key_hash,
           allowed_origins = EXCLUDED.allowed_origins, provider_id = EXCLUDED.provider_id, providers = EXCLUDED.providers,
           payment_methods = EXCLUDED.payment_methods
         RETURNING *`,
        [`mer_${sha256(input.publishableKey).slice(0, 24)}`, input.name, input.publishableKey, sha256(input.secretKey),
          json(input.allowedOrigins), providers[0], json(providers), json(input.paymentMethods ?? {})],
      );
      return row!;
    },

    merchantBySecretKey: (secretKey) =>
      one(db, toMerchant, 'SELECT * FROM merchants WHERE secret_key_hash = $1', [sha256(secretKey)]),

    merchantByPublishableKey: (publishableKey) =>
      one(db, toMerchant, 'SELECT * FROM merchants WHERE publishable_key = $1', [publishableKey]),

    async isOriginAllowedAnywhere(origin) {
      const { rows } = await db.query('SELECT 1 FROM merchants WHERE allowed_origins @> jsonb_build_array($1::text) LIMIT 1', [origin]);
      return rows.length > 0;
    },

    async createSession(s, clientSecret) {
      const row = await one(
        db,
        toSessionP,
        withMerchantName(
          `INSERT INTO checkout_sessions (id, merchant_id, client_secret_hash, status, livemode, currency, country, locale, channel,
             line_items, shipping_options, selected_shipping_option_id, contact, shipping_address, metadata, provider_id, expires_at,
             providers, payment_methods)
           VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15, $16,
             $17::jsonb, $18::jsonb)`,
        ),
        [s.id, s.merchantId, sha256(clientSecret), s.livemode, s.currency, s.country, s.locale, s.channel, json(s.lineItems),
          json(s.shippingOptions), s.selectedShippingOptionId, pii.seal(s.contact), pii.seal(s.shippingAddress), json(s.metadata),
          s.providerId, s.expiresAt, json(s.providers?.length ? s.providers : [s.providerId]), json(s.paymentMethods ?? {})],
      );
      return row!;
    },

    sessionById: (id) => one(db, toSessionP, `${SESSION_SELECT} WHERE s.id = $1`, [id]),

    sessionByClientSecret: (clientSecret) =>
      one(db, toSessionP, `${SESSION_SELECT} WHERE s.client_secret_hash = $1`, [sha256(clientSecret)]),

    updateOpenSession(id, patch, now) {
      const [column, value] =
        'contact' in patch
          ? ['contact = $3::jsonb', pii.seal(patch.contact)]
          : 'shippingAddress' in patch
            ? ['shipping_address = $3::jsonb', pii.seal(patch.shippingAddress)]
            : ['selected_shipping_option_id = $3', patch.selectedShippingOptionId];
      return one(
        db,
        toSessionP,
        withMerchantName(`UPDATE checkout_sessions SET ${column} WHERE id = $1 AND status = 'open' AND expires_at > $2`),
        [id, now, value],
      );
    },

    beginConfirm({ sessionId, idempotencyKey, requestHash, paymentMethod, providerId, now }) {
      return db.transaction(async (tx): Promise<BeginConfirmResult> => {
        const existing = await one(tx, toAttemptP, 'SELECT * FROM confirm_attempts WHERE session_id = $1 AND idempotency_key = $2', [
          sessionId,
          idempotencyKey,
        ]);
        if (existing) return { outcome: 'existing', attempt: existing };
        const { rows } = await tx.query<{ confirm_attempts: number; provider_id: string }>(
          `UPDATE checkout_sessions SET status = 'processing', confirm_attempts = confirm_attempts + 1, last_payment_error = NULL
           WHERE id = $1 AND status = 'open' AND expires_at > $2 RETURNING confirm_attempts, provider_id`,
          [sessionId, now],
        );
        if (!rows[0]) return { outcome: 'busy', session: await sessionIn(tx, sessionId, pii) };
        const attempt = Number(rows[0].confirm_attempts);
        const started = await one(
          tx,
          toAttemptP,
          `INSERT INTO confirm_attempts (session_id, attempt, idempotency_key, request_hash, provider_idempotency_key, payment_method,
             provider_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [sessionId, attempt, idempotencyKey, requestHash, `${sessionId}:confirm:${attempt}`, paymentMethod,
            providerId ?? rows[0].provider_id, now],
        );
        return { outcome: 'started', attempt: started! };
      });
    },

    async setPaymentReference(sessionId, attempt, reference) {
      await db.query('UPDATE confirm_attempts SET payment_reference = $3 WHERE session_id = $1 AND attempt = $2', [
        sessionId,
        attempt,
        reference,
      ]);
    },

    settle(sessionId, settlement, record, onOrder) {
      return db.transaction(async (tx) => {
        const before = await lockSession(tx, sessionId, pii);
        const written = await applySettlement(tx, before, settlement, pii);
        const orderCreated = written !== null;
        const session = await sessionIn(tx, sessionId, pii);
        const order = written ? toOrderP(written) : await one(tx, toOrderP, 'SELECT * FROM orders WHERE session_id = $1', [sessionId]);
        if (onOrder && order && settlement.type === 'succeeded') await onOrder(tx, session, order);
        if (!record) return { session, order, response: null, orderCreated };
        const rendered = record.render(session, order);
        // The first stored response wins: when this call stored it, it is `rendered`.
        const { rows: stored } = await tx.query(
          `UPDATE confirm_attempts SET payment_reference = COALESCE(payment_reference, $3), response_status = $4, response_body = $5
           WHERE session_id = $1 AND attempt = $2 AND response_status IS NULL RETURNING attempt`,
          [sessionId, record.attempt, settlement.reference, rendered.status, pii.sealText(rendered.body)],
        );
        if (stored.length) return { session, order, response: rendered, orderCreated };
        const first = await one(tx, toAttemptP, 'SELECT * FROM confirm_attempts WHERE session_id = $1 AND attempt = $2', [
          sessionId,
          record.attempt,
        ]);
        return { session, order, response: first?.response ?? rendered, orderCreated };
      });
    },

    applyProviderEvent({ providerId, eventId, type, reference, sessionId: hint, decide, onOrder }) {
      return db.transaction(async (tx): Promise<ProviderEventResult> => {
        const { rows: recorded } = await tx.query(
          `INSERT INTO provider_events (provider_id, event_id, type, reference) VALUES ($1, $2, $3, $4)
           ON CONFLICT (provider_id, event_id) DO NOTHING RETURNING event_id`,
          [providerId, eventId, type, reference],
        );
        if (recorded.length === 0) return { outcome: 'duplicate' };
        const byReference = reference
          ? await one(tx, toAttemptP, 'SELECT * FROM confirm_attempts WHERE provider_id = $1 AND payment_reference = $2 ORDER BY attempt DESC LIMIT 1', [
              providerId,
              reference,
            ])
          : null;
        const sessionId = byReference?.sessionId ?? hint ?? null;
        const found = sessionId ? await lockSession(tx, sessionId, pii, false) : null;
        if (!found || !found.providers.includes(providerId)) {
          await tx.query(`UPDATE provider_events SET effect = 'unmatched' WHERE provider_id = $1 AND event_id = $2`, [providerId, eventId]);
          return { outcome: 'unmatched' };
        }
        let latest = await one(tx, toAttemptP, 'SELECT * FROM confirm_attempts WHERE session_id = $1 ORDER BY attempt DESC LIMIT 1', [found.id]);
        // The process stopped between the provider call and its commit: the reference is news to us.
        if (latest && reference && !byReference && latest.providerId === providerId && latest.paymentReference === null) {
          await tx.query('UPDATE confirm_attempts SET payment_reference = $3 WHERE session_id = $1 AND attempt = $2', [
            found.id,
            latest.attempt,
            reference,
          ]);
          latest = { ...latest, paymentReference: reference };
        }
        const current = reference !== null && latest?.providerId === providerId && latest.paymentReference === reference;
        const settlement = decide(found, { current });
        const written = settlement ? await applySettlement(tx, found, settlement, pii) : null;
        const orderCreated = written !== null;
        const session = await sessionIn(tx, found.id, pii);
        const changed = session.status !== found.status || orderCreated;
        await tx.query('UPDATE provider_events SET session_id = $3, effect = $4 WHERE provider_id = $1 AND event_id = $2', [
          providerId,
          eventId,
          found.id,
          changed ? `${found.status}->${session.status}` : 'none',
        ]);
        const order = written ? toOrderP(written) : await one(tx, toOrderP, 'SELECT * FROM orders WHERE session_id = $1', [found.id]);
        if (onOrder && order && orderCreated && settlement?.type === 'succeeded') await onOrder(tx, session, order);
        return { outcome: changed ? 'applied' : 'ignored', session, order, orderCreated };
      });
    },

    latestAttempt: (sessionId) =>
      one(db, toAttemptP, 'SELECT * FROM confirm_attempts WHERE session_id = $1 ORDER BY attempt DESC LIMIT 1', [sessionId]),

    orderById: (merchantId, id) => one(db, toOrderP, 'SELECT * FROM orders WHERE id = $1 AND merchant_id = $2', [id, merchantId]),

    async listOrders(merchantId, filter) {
      const { rows } = await db.query<Row>(
        `SELECT * FROM orders WHERE merchant_id = $1 AND ($2::text IS NULL OR session_id = $2) ORDER BY created_at DESC, id LIMIT 100`,
        [merchantId, filter.sessionId ?? null],
      );
      return rows.map(toOrderP);
    },
  };
}
