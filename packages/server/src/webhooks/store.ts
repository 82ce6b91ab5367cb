/**
 * Merchant webhook endpoints, events and their delivery log, in SQL (PGlite and PostgreSQL alike).
 *
 * Events are emitted by `omni_emit_merchant_event` (migration 1000) in the transaction of their
 * effect: the event row and one outbox row per subscribed endpoint. Core events come from table
 * triggers (`order.paid`, `checkout.session.completed`, `payment.failed`); every other feature calls
 * `emitMerchantEvent(tx, …)` from its own transaction, so a new event type needs no change here.
 */
import { randomBytes } from 'node:crypto';
import type {
  CreateWebhookEndpointRequest,
  UpdateWebhookEndpointRequest,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import type { Db, Queryable } from '../storage/db.js';
import { keysetPage, pageLimit, type PageRequest, type PageResult } from '../storage/pages.js';

type Row = Record<string, unknown>;

export const newEndpointId = () => `we_${randomHex(12)}`;
/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
const jsonValue = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export interface EndpointRecord extends WebhookEndpoint {
  readonly merchantId: string;
  readonly secret: string;
  readonly previousSecret: string | null;
}

/**
 * How signing secrets are kept at rest: sealed with the data key (the vault of docs/security.md R32), so a
 * copy of the database cannot sign events a merchant would trust. Without a vault (tests that build an app
 * without identity) they are stored as written. A stored `whsec_…` value predates sealing and is read as is;
 * `omni-checkout rotate-keys` seals it.
 */
export interface SecretSealer {
  seal(plain: string): string;
  open(sealed: string): string;
}
const unsealed: SecretSealer = { seal: (plain) => plain, open: (sealed) => sealed };
const isPlainSecret = (value: string) => value.startsWith('whsec_');

const toRecord = (row: Row, sealer: SecretSealer): EndpointRecord => ({
  id: row.id as string,
  object: 'webhook_endpoint',
  merchantId: row.merchant_id as string,
  url: row.url as string,
  events: jsonValue<string[]>(row.events),
  description: (row.description as string | null) ?? null,
  enabled: Boolean(row.enabled),
  createdAt: iso(row.created_at)!,
  secret: reveal(row.secret as string, sealer),
  previousSecret: row.previous_secret ? reveal(row.previous_secret as string, sealer) : null,
  previousSecretExpiresAt: iso(row.previous_secret_expires_at),
});

function reveal(stored: string, sealer: SecretSealer): string {
  return isPlainSecret(stored) ? stored : sealer.open(stored);
}

/** The public view: never the secrets. */
export const endpointView = ({ merchantId: _m, secret: _s, previousSecret: _p, ...endpoint }: EndpointRecord): WebhookEndpoint => endpoint;
export const endpointWithSecret = (record: EndpointRecord): WebhookEndpointWithSecret => ({ ...endpointView(record), secret: record.secret });

/** The secrets that sign a delivery at `now`: the current one, and the previous one until it expires. */
export function signingSecrets(endpoint: EndpointRecord, now: Date): string[] {
  const previousValid =
    endpoint.previousSecret && endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt).getTime() > now.getTime();
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}

export interface NewMerchantEvent {
  readonly merchantId: string;
  /** `order.fulfilled`, `return.requested`… */
  readonly type: string;
  /** Unique per business fact (`order.fulfilled:<orderId>`): emitting it again is a no-op. */
  readonly key: string;
  readonly livemode: boolean;
  /** The object the event is about, as it is now (no clear personal data). */
  readonly object: Readonly<Record<string, unknown>>;
}

/** Emits an event in the caller's transaction; answers its id, or null when `key` was emitted before. */
export async function emitMerchantEvent(tx: Queryable, event: NewMerchantEvent): Promise<string | null> {
  const { rows } = await tx.query<{ id: string | null }>('SELECT omni_emit_merchant_event($1, $2, $3, $4, $5::jsonb) AS id', [
    event.merchantId,
    event.type,
    event.key,
    event.livemode,
    JSON.stringify({ object: event.object }),
  ]);
  return rows[0]?.id ?? null;
}

const toEvent = (row: Row): WebhookEvent => ({
  id: row.id as string,
  type: row.type as string,
  createdAt: iso(row.created_at)!,
  livemode: Boolean(row.livemode),
  data: jsonValue<WebhookEvent['data']>(row.data),
});

const toDelivery = (row: Row): WebhookDelivery => ({
  id: `whd_${String(row.id)}`,
  eventId: row.event_id as string,
  eventType: row.event_type as string,
  attempt: Number(row.attempt),
  statusCode: row.status_code === null ? null : Number(row.status_code),
  error: (row.error as string | null) ?? null,
  durationMs: Number(row.duration_ms),
  createdAt: iso(row.created_at)!,
});

/** The serial of a delivery id (`whd_42` → '42'), or null for anything else. */
const deliverySerial = (id: string): string | null => /^whd_([1-9][0-9]{0,17})$/.exec(id)?.[1] ?? null;

export function webhookStore(db: Db, sealer: SecretSealer = unsealed) {
  const toEndpoint = (row: Row) => toRecord(row, sealer);
  const endpoint = async (merchantId: string, id: string) => {
    const { rows } = await db.query<Row>('SELECT * FROM webhook_endpoints WHERE id = $1 AND merchant_id = $2', [id, merchantId]);
    return rows[0] ? toEndpoint(rows[0]) : null;
  };
  return {
    endpoint,
    async endpointById(id: string): Promise<EndpointRecord | null> {
      const { rows } = await db.query<Row>('SELECT * FROM webhook_endpoints WHERE id = $1', [id]);
      return rows[0] ? toEndpoint(rows[0]) : null;
    },
    async createEndpoint(merchantId: string, input: CreateWebhookEndpointRequest): Promise<EndpointRecord> {
      const { rows } = await db.query<Row>(
        `INSERT INTO webhook_endpoints (id, merchant_id, url, events, description, secret) VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING *`,
        [newEndpointId(), merchantId, input.url, JSON.stringify([...new Set(input.events)]), input.description ?? null, sealer.seal(newWebhookSecret())],
      );
      return toEndpoint(rows[0]!);
    },
    async listEndpoints(merchantId: string): Promise<EndpointRecord[]> {
      const { rows } = await db.query<Row>('SELECT * FROM webhook_endpoints WHERE merchant_id = $1 ORDER BY created_at, id', [merchantId]);
      return rows.map(toEndpoint);
    },
    async updateEndpoint(merchantId: string, id: string, patch: UpdateWebhookEndpointRequest): Promise<EndpointRecord | null> {
      const { rows } = await db.query<Row>(
        `UPDATE webhook_endpoints SET url = COALESCE($3, url), events = COALESCE($4::jsonb, events),
           description = CASE WHEN $5::boolean THEN $6 ELSE description END, enabled = COALESCE($7, enabled)
         WHERE id = $1 AND merchant_id = $2 RETURNING *`,
        [
          id,
          merchantId,
          patch.url ?? null,
          patch.events ? JSON.stringify([...new Set(patch.events)]) : null,
          patch.description !== undefined,
          patch.description ?? null,
          patch.enabled ?? null,
        ],
      );
      return rows[0] ? toEndpoint(rows[0]) : null;
    },
    async deleteEndpoint(merchantId: string, id: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        // Pending deliveries to it stop; the event rows and other endpoints' deliveries stay.
        await tx.query(`UPDATE outbox SET status = 'dead', last_error = 'endpoint deleted' WHERE channel = 'webhook' AND status = 'pending' AND payload->>'endpointId' = $1`, [id]);
        const { rows } = await tx.query('DELETE FROM webhook_endpoints WHERE id = $1 AND merchant_id = $2 RETURNING id', [id, merchantId]);
        return rows.length > 0;
      });
    },
    /** A new current secret; the old one keeps signing until `now + keepPreviousMs`. */
    async rotateSecret(merchantId: string, id: string, keepPreviousMs: number, now: Date): Promise<EndpointRecord | null> {
      const { rows } = await db.query<Row>(
        `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = $3::timestamptz, secret = $4
         WHERE id = $1 AND merchant_id = $2 RETURNING *`,
        [id, merchantId, new Date(now.getTime() + keepPreviousMs).toISOString(), sealer.seal(newWebhookSecret())],
      );
      return rows[0] ? toEndpoint(rows[0]) : null;
    },
    async event(merchantId: string, id: string): Promise<WebhookEvent | null> {
      const { rows } = await db.query<Row>('SELECT * FROM merchant_events WHERE id = $1 AND merchant_id = $2', [id, merchantId]);
      return rows[0] ? toEvent(rows[0]) : null;
    },
    async eventById(id: string): Promise<WebhookEvent | null> {
      const { rows } = await db.query<Row>('SELECT * FROM merchant_events WHERE id = $1', [id]);
      return rows[0] ? toEvent(rows[0]) : null;
    },
    /** Newest first, one page (storage/pages.ts); `null` when the cursor is no event of this merchant's. */
    async listEvents(merchantId: string, filter: { type?: string }, page: PageRequest = {}): Promise<PageResult<WebhookEvent>> {
      const byType = filter.type !== undefined;
      const list = { table: 'merchant_events', ownerColumn: 'merchant_id', owner: merchantId, filter: byType ? 'type = $2' : '', filterParams: byType ? [filter.type] : [] };
      const found = await keysetPage(db, list, page);
      return found && { data: found.data.map(toEvent), hasMore: found.hasMore };
    },
    async logDelivery(entry: { endpointId: string; eventId: string; attempt: number; statusCode: number | null; error: string | null; durationMs: number }) {
      await db.query(
        `INSERT INTO webhook_deliveries (endpoint_id, event_id, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
        [entry.endpointId, entry.eventId, entry.attempt, entry.statusCode, entry.error, entry.durationMs],
      );
    },
    /**
     * The endpoint's delivery log, newest first, one page: keyset on the serial id (`whd_<n>`), the
     * `(endpoint_id, id)` index. The cursor is looked up among this endpoint's deliveries only (another
     * endpoint's matches nothing); `null` when it is none of them.
     */
    async deliveries(endpointId: string, page: PageRequest = {}): Promise<PageResult<WebhookDelivery>> {
      const limit = pageLimit(page);
      const cursor = page.startingAfter ?? page.endingBefore;
      const serial = cursor === undefined ? null : deliverySerial(cursor);
      if (cursor !== undefined && serial === null) return null;
      const newer = page.endingBefore !== undefined;
      const { rows } = await db.query<Row>(
        `SELECT d.*, e.type AS event_type FROM webhook_deliveries d JOIN merchant_events e ON e.id = d.event_id
         WHERE d.endpoint_id = $1${serial === null ? '' : ` AND d.id ${newer ? '>' : '<'} (SELECT id FROM webhook_deliveries WHERE id = $3 AND endpoint_id = $1)`}
         ORDER BY d.id ${newer ? 'ASC' : 'DESC'} LIMIT $2`,
        serial === null ? [endpointId, limit + 1] : [endpointId, limit + 1, serial],
      );
      if (serial !== null && rows.length === 0) {
        const found = await db.query('SELECT 1 FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2', [serial, endpointId]);
        if (found.rows.length === 0) return null;
      }
      const data = rows.slice(0, limit).map(toDelivery);
      return { data: newer ? data.reverse() : data, hasMore: rows.length > limit };
    },
    /**
     * Queues `eventId` for `endpointId` again, now, with a fresh retry budget (also for an event
     * that happened before the endpoint subscribed). The receiver sees the same `webhook-id`.
     */
    async redeliver(endpointId: string, eventId: string): Promise<void> {
      await db.query(
        `INSERT INTO outbox (dedupe_key, channel, template, payload) VALUES ($1, 'webhook', 'merchant_webhook', $2::jsonb)
         ON CONFLICT (dedupe_key) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL, last_error = NULL`,
        [`webhook:${eventId}:${endpointId}`, JSON.stringify({ eventId, endpointId })],
      );
    },
  };
}

export type WebhookStore = ReturnType<typeof webhookStore>;
