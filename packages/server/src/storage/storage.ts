/**
 * Domain storage over a `Db`. Every multi-row write runs in one transaction; every state change
 * is a conditional UPDATE, so concurrent requests cannot both win.
 */
import { sha256 } from '../crypto.js';
import { commitWith, type Db, type Queryable } from './db.js';
import { json, one, piiCodec, SESSION_COLUMNS, SESSION_EXTRAS, SESSION_SELECT, toAttempt, toMerchant, toOrder, toSession, withMerchantName, type PiiCodec, type Row, type Sealer } from './rows.js';
import { applySettlement, lockSession, sessionIn, settlementReference } from './settlement.js';
import { holdTenders } from './tenders.js';
import { keysetPage } from './pages.js';
import { startAtOnce } from './confirm-start.js';
import { cachedMerchants, type MerchantCacheOptions } from './merchant-cache.js';
import type { BeginConfirmResult, KeyedSession, MerchantInput, NewSession, ProviderEventResult, Storage } from './types.js';

export type * from './types.js';
export { piiCodec, type PiiCodec, type Sealer } from './rows.js';

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

/** The session columns a create writes, `$1`…`$20` (`sessionValues`). */
const SESSION_INSERT = `INSERT INTO checkout_sessions (id, merchant_id, client_secret_hash, status, livemode, currency, country, locale, channel,
             line_items, shipping_options, selected_shipping_option_id, contact, shipping_address, metadata, provider_id, expires_at,
             providers, payment_methods, delivery, capture_method`;
const SESSION_INSERT_VALUES = `$1, $2, $3, 'open', $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15, $16,
             $17::jsonb, $18::jsonb, $19::jsonb, $20`;
/** A create without an Idempotency-Key: one INSERT, as before keys existed. */
const CREATE_SESSION = withMerchantName(`${SESSION_INSERT})
           VALUES (${SESSION_INSERT_VALUES})`);
/**
 * A create with one: the same INSERT with the key, the request hash and the sealed client secret
 * (`$21`–`$23`), which inserts nothing (and answers no row) when the merchant's key has a session
 * already (the partial unique index of migration 2300); a concurrent insert of the same key is
 * waited for, so exactly one of them creates the session.
 */
const CREATE_KEYED_SESSION = withMerchantName(`${SESSION_INSERT}, idempotency_key, request_hash, client_secret_sealed)
           VALUES (${SESSION_INSERT_VALUES}, $21, $22, $23)
           ON CONFLICT (merchant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`);
/** The session a merchant's key created, with the request hash and the sealed client secret (not in `SESSION_COLUMNS`). */
const SESSION_BY_KEY = `SELECT ${SESSION_COLUMNS}, ${SESSION_EXTRAS}, s.request_hash, s.client_secret_sealed
  FROM checkout_sessions s JOIN merchants m ON m.id = s.merchant_id WHERE s.merchant_id = $1 AND s.idempotency_key = $2`;

function sessionValues(s: NewSession, clientSecret: string, pii: PiiCodec): unknown[] {
  return [s.id, s.merchantId, sha256(clientSecret), s.livemode, s.currency, s.country, s.locale, s.channel, json(s.lineItems),
    json(s.shippingOptions), s.selectedShippingOptionId, pii.seal(s.contact), pii.seal(s.shippingAddress), json(s.metadata),
    s.providerId, s.expiresAt, json(s.providers?.length ? s.providers : [s.providerId]), json(s.paymentMethods ?? {}),
    json(s.delivery ?? {}), s.captureMethod ?? 'automatic'];
}

function uncachedStorage(db: Db, options: { vault?: Sealer }): Storage {
  const pii = piiCodec(options.vault);
  const toSessionP = (row: Row) => toSession(row, pii);
  const toKeyed = (row: Row): KeyedSession => ({
    session: toSessionP(row),
    clientSecret: pii.openText(row.client_secret_sealed as string),
    requestHash: row.request_hash as string,
  });
  const sessionByIdempotencyKey = (merchantId: string, idempotencyKey: string) => one(db, toKeyed, SESSION_BY_KEY, [merchantId, idempotencyKey]);
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
      return (await one(db, toSessionP, CREATE_SESSION, sessionValues(s, clientSecret, pii)))!;
    },

    async createKeyedSession(s, clientSecret, key) {
      const values = [...sessionValues(s, clientSecret, pii), key.idempotencyKey, key.requestHash, pii.sealText(clientSecret)];
      // The key's session can only vanish between the two statements when the sweeper purged it
      // (long expired): the next insert then creates a new one.
      for (let tries = 1; ; tries++) {
        const created = await one(db, toSessionP, CREATE_KEYED_SESSION, values);
        if (created) return { session: created, clientSecret, requestHash: key.requestHash };
        // The key's session exists, committed (ON CONFLICT waited for a concurrent insert to commit):
        // this statement, a new snapshot, reads it.
        const existing = await sessionByIdempotencyKey(s.merchantId, key.idempotencyKey);
        if (existing) return existing;
        if (tries === 3) throw new Error('The session of an Idempotency-Key was neither created nor found');
      }
    },

    sessionByIdempotencyKey,

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

    async beginConfirm(input) {
      // The common case in one statement; otherwise (tenders, a changed shipping option, a key used
      // before, a session not open) the transaction below, on the locked row.
      const started = await startAtOnce(db, input, pii);
      if (started) return started;
      const { sessionId, idempotencyKey, requestHash, paymentMethod, providerId, now, price, paidBy } = input;
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
          // Both reads at once (one round trip on PostgreSQL).
          const [existing, session] = await Promise.all([
            one(tx, toAttemptP, 'SELECT * FROM confirm_attempts WHERE session_id = $1 AND idempotency_key = $2', [sessionId, idempotencyKey]),
            sessionIn(tx, sessionId, pii),
          ]);
          return existing ? { outcome: 'existing', attempt: existing, session } : { outcome: 'busy', session };
        }
        const attempt = locked.confirmAttempts;
        const charge = price(locked);
        // Gift cards and store credit take their share first, in this transaction; the provider is asked for the rest.
        const tendered = await holdTenders(tx, locked, charge.amount, now);
        // The attempt is the transaction's last write: it goes with the COMMIT.
        const { rows: inserted } = await commitWith<Row>(
          tx,
          `INSERT INTO confirm_attempts (session_id, attempt, idempotency_key, request_hash, provider_idempotency_key, payment_method,
             provider_id, created_at, amount, currency, tendered)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
          [sessionId, attempt, idempotencyKey, requestHash, `${sessionId}:confirm:${attempt}`, paymentMethod,
            providerId ?? locked.providerId, now, charge.amount - tendered, charge.currency, tendered],
        );
        return { outcome: 'started', attempt: toAttemptP(inserted[0]!), session: locked };
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
        // What the settlement did not answer itself, read at once (one round trip on PostgreSQL).
        const [session, order] = await Promise.all([
          applied.session ?? sessionIn(tx, sessionId, pii),
          written ? toOrderP(written) : one(tx, toOrderP, 'SELECT * FROM orders WHERE session_id = $1', [sessionId]),
        ]);
        if (onOrder && order && settlement.type === 'succeeded') await onOrder(tx, session, order);
        if (!record) return { session, order, response: null, orderCreated, settlement };
        const rendered = record.render(session, order, settlement);
        // The first stored response wins: when this call stored it, it is `rendered`. The
        // transaction's last write: it goes with the COMMIT.
        const { rows: stored } = await commitWith(
          tx,
          `UPDATE confirm_attempts SET payment_reference = COALESCE(payment_reference, $3), response_status = $4, response_body = $5
           WHERE session_id = $1 AND attempt = $2 AND response_status IS NULL RETURNING attempt`,
          [sessionId, record.attempt, settlementReference(settlement), rendered.status, pii.sealText(rendered.body)],
        );
        if (stored.length) return { session, order, response: rendered, orderCreated, settlement };
        // A stored response never changes: read after the commit, it is the one that won.
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

    async listOrders(merchantId, filter, page = {}) {
      const bySession = filter.sessionId !== undefined;
      const list = { table: 'orders', ownerColumn: 'merchant_id', owner: merchantId, filter: bySession ? 'session_id = $2' : '', filterParams: bySession ? [filter.sessionId] : [] };
      const found = await keysetPage(db, list, page);
      return found && { data: found.data.map(toOrderP), hasMore: found.hasMore };
    },
  };
}
