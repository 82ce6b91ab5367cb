/**
 * Domain storage over a `Db`. Every multi-row write runs in one transaction; every state change
 * is a conditional UPDATE, so concurrent requests cannot both win.
 */
import type { Channel, Contact, LineItem, NextAction, Order, PaymentError, PostalAddress, ProviderId, ShippingOption } from '@omni-checkout/core';
import { sha256 } from '../crypto.js';
import type { Db, Queryable } from './db.js';
import { enqueueNotification } from '../notifications/outbox.js';
import { ORDER_CONFIRMATION, orderConfirmationKey } from '../notifications/templates.js';

export interface MerchantRecord {
  readonly id: string;
  readonly name: string;
  readonly publishableKey: string;
  readonly allowedOrigins: readonly string[];
  readonly providerId: ProviderId;
}

export interface MerchantInput {
  readonly name: string;
  readonly publishableKey: string;
  /** Stored only as a SHA-256 hash. */
  readonly secretKey: string;
  readonly allowedOrigins: readonly string[];
  readonly providerId?: ProviderId;
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
  readonly providerId: ProviderId;
  readonly nextAction: NextAction | null;
  readonly lastPaymentError: PaymentError | null;
  readonly confirmAttempts: number;
  readonly orderId: string | null;
  readonly expiresAt: Date;
}

export type NewSession = Omit<SessionRecord, 'merchantName' | 'status' | 'nextAction' | 'lastPaymentError' | 'confirmAttempts' | 'orderId'>;

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
  readonly paymentMethod: string;
  readonly paymentReference: string | null;
  readonly response: StoredResponse | null;
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
  | { readonly type: 'succeeded'; readonly reference: string; readonly orderId: string; readonly amount: number; readonly createdAt: Date }
  | { readonly type: 'requires_action'; readonly reference: string; readonly action: NextAction }
  | { readonly type: 'failed'; readonly reference: string | null; readonly error: PaymentError };

export interface SettleResult {
  readonly session: SessionRecord;
  readonly order: OrderRecord | null;
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
    now: Date;
  }): Promise<BeginConfirmResult>;
  setPaymentReference(sessionId: string, attempt: number, reference: string): Promise<void>;
  /**
   * Applies a provider outcome in one transaction: order + session → complete, or session →
   * requires_action, or session → open with the error. With `record`, also stores the attempt's
   * response rendered from the resulting state.
   */
  settle(
    sessionId: string,
    settlement: Settlement,
    record?: { attempt: number; render: (session: SessionRecord, order: OrderRecord | null) => StoredResponse },
  ): Promise<SettleResult>;
  latestAttempt(sessionId: string): Promise<AttemptRecord | null>;
  orderById(merchantId: string, id: string): Promise<OrderRecord | null>;
  listOrders(merchantId: string, filter: { sessionId?: string }): Promise<OrderRecord[]>;
}

type Row = Record<string, unknown>;

const SESSION_SELECT = `SELECT s.*, m.name AS merchant_name FROM checkout_sessions s JOIN merchants m ON m.id = s.merchant_id`;
/** Wraps a data-modifying statement that returns session rows so the merchant name comes along. */
const withMerchantName = (modifying: string) =>
  `WITH s AS (${modifying} RETURNING *) SELECT s.*, m.name AS merchant_name FROM s JOIN merchants m ON m.id = s.merchant_id`;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

function toMerchant(row: Row): MerchantRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    publishableKey: row.publishable_key as string,
    allowedOrigins: row.allowed_origins as string[],
    providerId: row.provider_id as ProviderId,
  };
}

function toSession(row: Row): SessionRecord {
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
    contact: row.contact as Contact | null,
    shippingAddress: row.shipping_address as PostalAddress | null,
    metadata: row.metadata as Record<string, string>,
    providerId: row.provider_id as ProviderId,
    nextAction: row.next_action as NextAction | null,
    lastPaymentError: row.last_payment_error as PaymentError | null,
    confirmAttempts: Number(row.confirm_attempts),
    orderId: row.order_id as string | null,
    expiresAt: date(row.expires_at),
  };
}

function toAttempt(row: Row): AttemptRecord {
  return {
    sessionId: row.session_id as string,
    attempt: Number(row.attempt),
    idempotencyKey: row.idempotency_key as string,
    requestHash: row.request_hash as string,
    providerIdempotencyKey: row.provider_idempotency_key as string,
    paymentMethod: row.payment_method as string,
    paymentReference: row.payment_reference as string | null,
    response:
      row.response_status === null ? null : { status: Number(row.response_status), body: row.response_body as string },
  };
}

function toOrder(row: Row): OrderRecord {
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
    contact: row.contact as Contact | null,
    shippingAddress: row.shipping_address as PostalAddress | null,
    provider: row.provider_id as ProviderId,
    paymentReference: row.payment_reference as string,
    createdAt: date(row.created_at).toISOString(),
  };
}

async function one<T>(db: Queryable, map: (row: Row) => T, sql: string, params: readonly unknown[]): Promise<T | null> {
  const { rows } = await db.query<Row>(sql, params);
  return rows[0] ? map(rows[0]) : null;
}

async function sessionIn(db: Queryable, id: string): Promise<SessionRecord> {
  const session = await one(db, toSession, `${SESSION_SELECT} WHERE s.id = $1`, [id]);
  if (!session) throw new Error(`Session ${id} vanished`);
  return session;
}

/** Writes the order for a succeeded payment (at most one per session) and completes the session. */
async function settleSucceeded(tx: Queryable, session: SessionRecord, s: Extract<Settlement, { type: 'succeeded' }>) {
  const shipping = session.shippingOptions.find((o) => o.id === session.selectedShippingOptionId) ?? null;
  await tx.query(
    `INSERT INTO orders (id, merchant_id, session_id, status, amount, currency, line_items, shipping_option, contact,
       shipping_address, provider_id, payment_reference, created_at)
     VALUES ($1, $2, $3, 'paid', $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12)
     ON CONFLICT (session_id) DO NOTHING`,
    [s.orderId, session.merchantId, session.id, s.amount, session.currency, json(session.lineItems), json(shipping),
      json(session.contact), json(session.shippingAddress), session.providerId, s.reference, s.createdAt],
  );
  await tx.query(
    `UPDATE checkout_sessions SET status = 'complete', next_action = NULL, last_payment_error = NULL,
       order_id = (SELECT id FROM orders WHERE session_id = $1)
     WHERE id = $1 AND status <> 'complete'`,
    [session.id],
  );
  // The confirmation email, in the same transaction as the order: one per session, however often
  // the outcome is settled (client retry, webhook replay).
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM orders WHERE session_id = $1', [session.id]);
  if (rows[0] && session.contact?.email) {
    await enqueueNotification(tx, {
      key: orderConfirmationKey(session.id),
      channel: 'email',
      template: ORDER_CONFIRMATION,
      payload: { orderId: rows[0].id, merchantId: session.merchantId },
    });
  }
}

export function storageFromDb(db: Db): Storage {
  return {
    async upsertMerchant(input) {
      const row = await one(
        db,
        toMerchant,
        `INSERT INTO merchants (id, name, publishable_key, secret_key_hash, allowed_origins, provider_id)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (publishable_key) DO UPDATE SET name = EXCLUDED.name, secret_key_hash = EXCLUDED.secret_key_hash,
           allowed_origins = EXCLUDED.allowed_origins, provider_id = EXCLUDED.provider_id
         RETURNING *`,
        [`mer_${sha256(input.publishableKey).slice(0, 24)}`, input.name, input.publishableKey, sha256(input.secretKey),
          json(input.allowedOrigins), input.providerId ?? 'mock'],
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
        toSession,
        withMerchantName(
          `INSERT INTO checkout_sessions (id, merchant_id, client_secret_hash, status, livemode, currency, country, locale, channel,
             line_items, shipping_options, selected_shipping_option_id, contact, shipping_address, metadata, provider_id, expires_at)
           VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15, $16)`,
        ),
        [s.id, s.merchantId, sha256(clientSecret), s.livemode, s.currency, s.country, s.locale, s.channel, json(s.lineItems),
          json(s.shippingOptions), s.selectedShippingOptionId, json(s.contact), json(s.shippingAddress), json(s.metadata),
          s.providerId, s.expiresAt],
      );
      return row!;
    },

    sessionById: (id) => one(db, toSession, `${SESSION_SELECT} WHERE s.id = $1`, [id]),

    sessionByClientSecret: (clientSecret) =>
      one(db, toSession, `${SESSION_SELECT} WHERE s.client_secret_hash = $1`, [sha256(clientSecret)]),

    updateOpenSession(id, patch, now) {
      const [column, value] =
        'contact' in patch
          ? ['contact = $3::jsonb', json(patch.contact)]
          : 'shippingAddress' in patch
            ? ['shipping_address = $3::jsonb', json(patch.shippingAddress)]
            : ['selected_shipping_option_id = $3', patch.selectedShippingOptionId];
      return one(
        db,
        toSession,
        withMerchantName(`UPDATE checkout_sessions SET ${column} WHERE id = $1 AND status = 'open' AND expires_at > $2`),
        [id, now, value],
      );
    },

    beginConfirm({ sessionId, idempotencyKey, requestHash, paymentMethod, now }) {
      return db.transaction(async (tx): Promise<BeginConfirmResult> => {
        const existing = await one(tx, toAttempt, 'SELECT * FROM confirm_attempts WHERE session_id = $1 AND idempotency_key = $2', [
          sessionId,
          idempotencyKey,
        ]);
        if (existing) return { outcome: 'existing', attempt: existing };
        const { rows } = await tx.query<{ confirm_attempts: number }>(
          `UPDATE checkout_sessions SET status = 'processing', confirm_attempts = confirm_attempts + 1, last_payment_error = NULL
           WHERE id = $1 AND status = 'open' AND expires_at > $2 RETURNING confirm_attempts`,
          [sessionId, now],
        );
        if (!rows[0]) return { outcome: 'busy', session: await sessionIn(tx, sessionId) };
        const attempt = Number(rows[0].confirm_attempts);
        const started = await one(
          tx,
          toAttempt,
          `INSERT INTO confirm_attempts (session_id, attempt, idempotency_key, request_hash, provider_idempotency_key, payment_method)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
          [sessionId, attempt, idempotencyKey, requestHash, `${sessionId}:confirm:${attempt}`, paymentMethod],
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

    settle(sessionId, settlement, record) {
      return db.transaction(async (tx) => {
        const before = await sessionIn(tx, sessionId);
        if (settlement.type === 'succeeded') {
          await settleSucceeded(tx, before, settlement);
        } else if (settlement.type === 'requires_action') {
          await tx.query(
            `UPDATE checkout_sessions SET status = 'requires_action', next_action = $2::jsonb WHERE id = $1 AND status = 'processing'`,
            [sessionId, json(settlement.action)],
          );
        } else {
          await tx.query(
            `UPDATE checkout_sessions SET status = 'open', next_action = NULL, last_payment_error = $2::jsonb
             WHERE id = $1 AND status IN ('processing', 'requires_action')`,
            [sessionId, json(settlement.error)],
          );
        }
        const session = await sessionIn(tx, sessionId);
        const order = await one(tx, toOrder, 'SELECT * FROM orders WHERE session_id = $1', [sessionId]);
        if (!record) return { session, order, response: null };
        const rendered = record.render(session, order);
        await tx.query(
          `UPDATE confirm_attempts SET payment_reference = COALESCE(payment_reference, $3), response_status = $4, response_body = $5
           WHERE session_id = $1 AND attempt = $2 AND response_status IS NULL`,
          [sessionId, record.attempt, settlement.reference, rendered.status, rendered.body],
        );
        const stored = await one(tx, toAttempt, 'SELECT * FROM confirm_attempts WHERE session_id = $1 AND attempt = $2', [
          sessionId,
          record.attempt,
        ]);
        return { session, order, response: stored?.response ?? rendered };
      });
    },

    latestAttempt: (sessionId) =>
      one(db, toAttempt, 'SELECT * FROM confirm_attempts WHERE session_id = $1 ORDER BY attempt DESC LIMIT 1', [sessionId]),

    orderById: (merchantId, id) => one(db, toOrder, 'SELECT * FROM orders WHERE id = $1 AND merchant_id = $2', [id, merchantId]),

    async listOrders(merchantId, filter) {
      const { rows } = await db.query<Row>(
        `SELECT * FROM orders WHERE merchant_id = $1 AND ($2::text IS NULL OR session_id = $2) ORDER BY created_at DESC, id LIMIT 100`,
        [merchantId, filter.sessionId ?? null],
      );
      return rows.map(toOrder);
    },
  };
}
