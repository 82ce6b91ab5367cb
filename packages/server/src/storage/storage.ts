/**
 * Domain storage over a `Db`. Every multi-row write runs in one transaction; every state change
 * is a conditional UPDATE, so concurrent requests cannot both win.
 */
import type { CaptureMethod, PaymentMethodSettings, Channel, Contact, DeliverySettingsInput, LineItem, NextAction, PaymentError, PostalAddress, ProviderId, ShippingOption } from '@omni-checkout/core';
import { withDeliveryWindows } from '@omni-checkout/core';
import { sha256 } from '../crypto.js';
import type { Db, Queryable } from './db.js';
import { recordReview } from './reviews.js';
import { holdTenders, redeemTenders, releaseTenders, TENDERS_COLUMN, toTenders } from './tenders.js';
import { cachedMerchants, type MerchantCacheOptions } from './merchant-cache.js';
import type {
  AttemptRecord,
  BeginConfirmResult,
  MerchantInput,
  MerchantRecord,
  OrderRecord,
  ProviderEventResult,
  SessionRecord,
  Settlement,
  Storage,
  StoredSessionStatus,
} from './types.js';

export type * from './types.js';

type Row = Record<string, unknown>;

/**
 * The session columns `toSession` reads, and no others: pg builds a field description and a parser
 * for every column of every answer (`addFields`, the largest pg cost of a session read), so the
 * client secret's hash, `created_at` and the `paid_*` columns kept for older rows stay in the database.
 */
const SESSION_COLUMNS = [
  'id', 'merchant_id', 'status', 'livemode', 'currency', 'country', 'locale', 'channel', 'paying_channel', 'paying_device',
  'line_items', 'shipping_options', 'selected_shipping_option_id', 'contact', 'shipping_address', 'metadata', 'provider_id',
  'providers', 'payment_methods', 'delivery', 'next_action', 'last_payment_error', 'confirm_attempts', 'order_id', 'expires_at',
  'capture_method',
].map((column) => `s.${column}`).join(', ');
const SESSION_SELECT = `SELECT ${SESSION_COLUMNS}, m.name AS merchant_name, ${TENDERS_COLUMN} FROM checkout_sessions s JOIN merchants m ON m.id = s.merchant_id`;
/** Wraps a data-modifying statement that returns session rows so the merchant name comes along. */
const withMerchantName = (modifying: string) =>
  `WITH s AS (${modifying} RETURNING *) SELECT ${SESSION_COLUMNS}, m.name AS merchant_name, ${TENDERS_COLUMN} FROM s JOIN merchants m ON m.id = s.merchant_id`;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * How contact and address columns (and stored confirm responses, which repeat them) are written
 * and read. With a vault they hold sealed values (AES-256-GCM, docs/security.md R32); without one (tests of
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
    delivery: (row.delivery ?? {}) as DeliverySettingsInput,
    livemode: row.livemode === true,
    captureMethod: (row.capture_method ?? 'automatic') as CaptureMethod,
    resumeWindowDays: row.resume_window_days === undefined || row.resume_window_days === null ? 7 : Number(row.resume_window_days),
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
    payingChannel: (row.paying_channel ?? null) as SessionRecord['payingChannel'],
    payingDevice: (row.paying_device ?? null) as SessionRecord['payingDevice'],
    lineItems: row.line_items as LineItem[],
    shippingOptions: row.shipping_options as ShippingOption[],
    selectedShippingOptionId: row.selected_shipping_option_id as string | null,
    contact: pii.open(row.contact) as Contact | null,
    shippingAddress: pii.open(row.shipping_address) as PostalAddress | null,
    metadata: row.metadata as Record<string, string>,
    providerId: row.provider_id as ProviderId,
    providers: row.providers as ProviderId[],
    paymentMethods: (row.payment_methods ?? {}) as PaymentMethodSettings,
    delivery: (row.delivery ?? {}) as DeliverySettingsInput,
    nextAction: row.next_action as NextAction | null,
    lastPaymentError: row.last_payment_error as PaymentError | null,
    confirmAttempts: Number(row.confirm_attempts),
    orderId: row.order_id as string | null,
    expiresAt: date(row.expires_at),
    captureMethod: (row.capture_method ?? 'automatic') as CaptureMethod,
    tenders: toTenders(row.tenders),
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
    amount: row.amount === null || row.amount === undefined ? null : Number(row.amount),
    currency: (row.currency as string | null) ?? null,
    tendered: Number(row.tendered ?? 0),
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
    status: row.status as OrderRecord['status'],
    amount: Number(row.amount),
    amountCaptured: Number(row.amount_captured ?? row.amount),
    currency: row.currency as string,
    lineItems: row.line_items as LineItem[],
    shippingOption: row.shipping_option as ShippingOption | null,
    contact: pii.open(row.contact) as Contact | null,
    shippingAddress: pii.open(row.shipping_address) as PostalAddress | null,
    provider: row.provider_id as ProviderId,
    paymentReference: row.payment_reference as string,
    ...(row.channel ? { channel: row.channel as NonNullable<OrderRecord['channel']>, device: (row.device ?? null) as OrderRecord['device'] } : {}),
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
/**
 * What a settlement wrote: the order row when this call created it, and the session as the same
 * statement left it (`null` when no statement changed the session: read it again).
 */
interface Applied {
  readonly order: Row | null;
  readonly session: SessionRecord | null;
}

async function settleSucceeded(tx: Queryable, session: SessionRecord, s: Extract<Settlement, { type: 'succeeded' }>, pii: PiiCodec): Promise<Applied> {
  const chosen = session.shippingOptions.filter((o) => o.id === session.selectedShippingOptionId);
  // The order keeps the delivery window as it was promised when it was paid.
  const [shipping = null] = withDeliveryWindows(chosen, session.delivery, s.createdAt);
  // An authorised-only payment (manual capture) is an `authorized` order that has taken nothing yet.
  const { rows } = await tx.query<Row>(
    `INSERT INTO orders (id, merchant_id, session_id, status, amount, currency, line_items, shipping_option, contact,
       shipping_address, provider_id, payment_reference, created_at, amount_captured, channel, device, amount_tendered)
     VALUES ($1, $2, $3, $13, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $14, $15, $16, $17)
     ON CONFLICT (session_id) DO NOTHING RETURNING *`,
    [s.orderId, session.merchantId, session.id, s.amount, session.currency, json(session.lineItems), json(shipping),
      pii.seal(session.contact), pii.seal(session.shippingAddress), s.provider ?? session.providerId, s.reference, s.createdAt,
      s.authorizedOnly ? 'authorized' : 'paid', s.authorizedOnly ? 0 : null,
      // The channel it was paid through (the session's own when no confirm recorded one: a webhook) and the device class.
      session.payingChannel ?? session.channel, session.payingDevice, s.tendered ?? 0],
  );
  // The held gift cards and store credit are the order's, in its transaction (storage/tenders.ts).
  if (rows[0]) await redeemTenders(tx, session.id, s.orderId);
  // The session row comes back with the update (one round trip fewer than reading it after).
  const updated = await one(
    tx,
    (row) => toSession(row, pii),
    withMerchantName(
      `UPDATE checkout_sessions SET status = 'complete', next_action = NULL, last_payment_error = NULL,
         order_id = (SELECT id FROM orders WHERE session_id = $1)
       WHERE id = $1 AND status <> 'complete'`,
    ),
    [session.id],
  );
  return { order: rows[0] ?? null, session: updated };
}

/** The provider reference a settlement is about (stored on its attempt). */
const settlementReference = (settlement: Settlement): string | null =>
  settlement.type === 'review' ? settlement.review.reference : settlement.reference;

/** Applies one settlement to a session, moving it forward only; answers the order row when this call wrote it. */
async function applySettlement(tx: Queryable, before: SessionRecord, settlement: Settlement, pii: PiiCodec): Promise<Applied> {
  if (settlement.type === 'succeeded') return settleSucceeded(tx, before, settlement, pii);
  if (settlement.type === 'review') {
    await recordReview(tx, before, settlement.review);
    if (!settlement.reopen) return { order: null, session: null };
  }
  const toSessionP = (row: Row) => toSession(row, pii);
  const session =
    settlement.type === 'requires_action'
      ? await one(
          tx,
          toSessionP,
          withMerchantName(`UPDATE checkout_sessions SET status = 'requires_action', next_action = $2::jsonb WHERE id = $1 AND status = 'processing'`),
          [before.id, json(settlement.action)],
        )
      : await one(
          tx,
          toSessionP,
          withMerchantName(
            `UPDATE checkout_sessions SET status = 'open', next_action = NULL, last_payment_error = $2::jsonb
             WHERE id = $1 AND status IN ('processing', 'requires_action')`,
          ),
          [before.id, json(settlement.error)],
        );
  if (settlement.type === 'requires_action' || !session) return { order: null, session };
  // The session reopened: what its tenders held goes back to them, in this transaction; the session is
  // read again so its view shows them applied, no longer held.
  await releaseTenders(tx, before.id, new Date());
  return { order: null, session: await one(tx, toSessionP, `${SESSION_SELECT} WHERE s.id = $1`, [before.id]) };
}

/** Live or test from the merchant's keys (pk_live_ with sk_live_); mixed keys are refused. */
export function merchantLivemode(input: Pick<MerchantInput, 'publishableKey' | 'secretKey'>): boolean {
  const live = input.publishableKey.startsWith('pk_live_');
  if (live !== input.secretKey.startsWith('sk_live_')) throw new Error('A merchant’s publishable and secret keys must both be live or both be test keys.');
  return live;
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
        `INSERT INTO merchants (id, name, publishable_key, secret_key_hash, allowed_origins, provider_id, providers, payment_methods, delivery, livemode, capture_method, resume_window_days)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12)
         ON CONFLICT (publishable_key) DO UPDATE SET name = EXCLUDED.name, secret_key_hash = EXCLUDED.secret_key_hash,
           allowed_origins = EXCLUDED.allowed_origins, provider_id = EXCLUDED.provider_id, providers = EXCLUDED.providers,
           payment_methods = EXCLUDED.payment_methods, delivery = EXCLUDED.delivery, capture_method = EXCLUDED.capture_method,
           resume_window_days = EXCLUDED.resume_window_days
         RETURNING *`,
        [`mer_${sha256(input.publishableKey).slice(0, 24)}`, input.name, input.publishableKey, sha256(input.secretKey),
          json(input.allowedOrigins), providers[0], json(providers), json(input.paymentMethods ?? {}), json(input.delivery ?? {}), merchantLivemode(input),
          input.captureMethod ?? 'automatic', input.resumeWindowDays ?? 7],
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
             providers, payment_methods, delivery, capture_method)
           VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15, $16,
             $17::jsonb, $18::jsonb, $19::jsonb, $20)`,
        ),
        [s.id, s.merchantId, sha256(clientSecret), s.livemode, s.currency, s.country, s.locale, s.channel, json(s.lineItems),
          json(s.shippingOptions), s.selectedShippingOptionId, pii.seal(s.contact), pii.seal(s.shippingAddress), json(s.metadata),
          s.providerId, s.expiresAt, json(s.providers?.length ? s.providers : [s.providerId]), json(s.paymentMethods ?? {}),
          json(s.delivery ?? {}), s.captureMethod ?? 'automatic'],
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

    beginConfirm({ sessionId, idempotencyKey, requestHash, paymentMethod, providerId, now, price, paidBy }) {
      return db.transaction(async (tx): Promise<BeginConfirmResult> => {
        // The row as this statement locks it: what the attempt charges, and what the order records
        // (the session cannot change again until the attempt settles). One statement for the common
        // case: the session moves to processing only when no attempt holds this idempotency key
        // (the key's earlier attempt is answered again, below). The unique (session_id,
        // idempotency_key) stays the backstop for a racing request with the same key.
        const locked = await one(
          tx,
          toSessionP,
          withMerchantName(
            `UPDATE checkout_sessions SET status = 'processing', confirm_attempts = confirm_attempts + 1, last_payment_error = NULL,
               paying_channel = COALESCE($3, paying_channel), paying_device = CASE WHEN $3::text IS NULL THEN paying_device ELSE $4 END
             WHERE id = $1 AND status = 'open' AND expires_at > $2
               AND NOT EXISTS (SELECT 1 FROM confirm_attempts WHERE session_id = $1 AND idempotency_key = $5)`,
          ),
          [sessionId, now, paidBy?.channel ?? null, paidBy?.device ?? null, idempotencyKey],
        );
        if (!locked) {
          const existing = await one(tx, toAttemptP, 'SELECT * FROM confirm_attempts WHERE session_id = $1 AND idempotency_key = $2', [
            sessionId,
            idempotencyKey,
          ]);
          if (existing) return { outcome: 'existing', attempt: existing, session: await sessionIn(tx, sessionId, pii) };
          return { outcome: 'busy', session: await sessionIn(tx, sessionId, pii) };
        }
        const attempt = locked.confirmAttempts;
        const charge = price(locked);
        // Gift cards and store credit take their share first, in this transaction; the provider is asked for the rest.
        const tendered = await holdTenders(tx, locked, charge.amount, now);
        const started = await one(
          tx,
          toAttemptP,
          `INSERT INTO confirm_attempts (session_id, attempt, idempotency_key, request_hash, provider_idempotency_key, payment_method,
             provider_id, created_at, amount, currency, tendered)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
          [sessionId, attempt, idempotencyKey, requestHash, `${sessionId}:confirm:${attempt}`, paymentMethod,
            providerId ?? locked.providerId, now, charge.amount - tendered, charge.currency, tendered],
        );
        return { outcome: 'started', attempt: started!, session: locked };
      });
    },

    async setPaymentReference(sessionId, attempt, reference) {
      await db.query('UPDATE confirm_attempts SET payment_reference = $3 WHERE session_id = $1 AND attempt = $2', [
        sessionId,
        attempt,
        reference,
      ]);
    },

    settle(sessionId, decide, record, onOrder) {
      return db.transaction(async (tx) => {
        const before = await lockSession(tx, sessionId, pii);
        const settlement = typeof decide === 'function' ? decide(before) : decide;
        const applied = await applySettlement(tx, before, settlement, pii);
        const written = applied.order;
        const orderCreated = written !== null;
        const session = applied.session ?? (await sessionIn(tx, sessionId, pii));
        const order = written ? toOrderP(written) : await one(tx, toOrderP, 'SELECT * FROM orders WHERE session_id = $1', [sessionId]);
        if (onOrder && order && settlement.type === 'succeeded') await onOrder(tx, session, order);
        if (!record) return { session, order, response: null, orderCreated, settlement };
        const rendered = record.render(session, order, settlement);
        // The first stored response wins: when this call stored it, it is `rendered`.
        const { rows: stored } = await tx.query(
          `UPDATE confirm_attempts SET payment_reference = COALESCE(payment_reference, $3), response_status = $4, response_body = $5
           WHERE session_id = $1 AND attempt = $2 AND response_status IS NULL RETURNING attempt`,
          [sessionId, record.attempt, settlementReference(settlement), rendered.status, pii.sealText(rendered.body)],
        );
        if (stored.length) return { session, order, response: rendered, orderCreated, settlement };
        const first = await one(tx, toAttemptP, 'SELECT * FROM confirm_attempts WHERE session_id = $1 AND attempt = $2', [
          sessionId,
          record.attempt,
        ]);
        return { session, order, response: first?.response ?? rendered, orderCreated, settlement };
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
        const settlement = decide(found, { current, attempt: byReference ?? (latest?.paymentReference === reference ? latest : null) });
        const applied = settlement ? await applySettlement(tx, found, settlement, pii) : null;
        const written = applied?.order ?? null;
        const orderCreated = written !== null;
        const session = applied?.session ?? (await sessionIn(tx, found.id, pii));
        const changed = session.status !== found.status || orderCreated || settlement?.type === 'review';
        await tx.query('UPDATE provider_events SET session_id = $3, effect = $4 WHERE provider_id = $1 AND event_id = $2', [
          providerId,
          eventId,
          found.id,
          changed ? `${found.status}->${session.status}` : 'none',
        ]);
        const order = written ? toOrderP(written) : await one(tx, toOrderP, 'SELECT * FROM orders WHERE session_id = $1', [found.id]);
        if (onOrder && order && orderCreated && settlement?.type === 'succeeded') await onOrder(tx, session, order);
        return { outcome: changed ? 'applied' : 'ignored', session, order, orderCreated, settlement };
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
