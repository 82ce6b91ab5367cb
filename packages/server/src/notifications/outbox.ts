/**
 * The transactional outbox. A notification is a row written in the same transaction as the effect
 * it announces (an order recorded, a contact changed), under a unique `key`: a replayed webhook or
 * a retried request enqueues nothing new. A worker delivers pending rows at least once; the row is
 * marked sent after the provider accepted it, and a delivery repeated after a crash carries the
 * same Message-ID (derived from the key), so each message goes out once and is recognisable as
 * the same message if the world ever sees it twice.
 *
 * Enqueue from any storage transaction:
 *
 *     await enqueueNotification(tx, {
 *       key: `order-confirmation:${orderId}`,   // unique per business message
 *       channel: 'email',
 *       template: 'order_confirmation',         // a key of the worker's templates
 *       payload: { orderId, merchantId },       // references only: no codes, secrets or clear PII
 *     });
 */
import type { Queryable } from '../storage/db.js';
import type { Logger } from '../logger.js';
import type { Mailer, MailMessage } from './mailer.js';
import type { SmsMessage, SmsSender } from './sms.js';

export type NotificationChannel = 'email' | 'sms' | 'webhook';

export interface NewNotification {
  /** Unique per business message, e.g. `order-confirmation:<orderId>`. */
  readonly key: string;
  readonly channel: NotificationChannel;
  readonly template: string;
  /** JSON references the template resolves at delivery time. Never a code, token or clear PII. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Inserts the notification unless one with the same key exists; true when it was new. */
export async function enqueueNotification(tx: Queryable, notification: NewNotification): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO outbox (dedupe_key, channel, template, payload) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [notification.key, notification.channel, notification.template, JSON.stringify(notification.payload)],
  );
  return rows.length > 0;
}

export interface OutboxRow {
  readonly id: number;
  readonly key: string;
  readonly channel: NotificationChannel;
  readonly template: string;
  readonly payload: Record<string, unknown>;
  readonly attempts: number;
}

/** A merchant webhook delivery (see `webhooks/delivery.ts`): sent by `OutboxWorkerOptions.webhooks`. */
export interface WebhookMessage {
  readonly endpointId: string;
  readonly eventId: string;
  readonly url: string;
  readonly body: string;
  /** Every secret valid now (two while one is rolled); each signs the delivery. */
  readonly secrets: readonly string[];
}

/** Sends one webhook attempt; throws when the endpoint did not accept it (the row is retried). */
export interface WebhookSender {
  send(message: WebhookMessage & { readonly attempt: number }): Promise<void>;
}

/** What a template produces: a message for the row's channel, or null when there is nothing to send any more. */
export type Rendered =
  | { readonly channel: 'email'; readonly message: MailMessage }
  | { readonly channel: 'sms'; readonly message: SmsMessage }
  | { readonly channel: 'webhook'; readonly message: WebhookMessage };

export type Template = (row: OutboxRow) => Promise<Rendered | null>;

export interface OutboxWorkerOptions {
  readonly db: Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> };
  readonly mailer: Mailer;
  readonly sms: SmsSender;
  readonly templates: Readonly<Record<string, Template>>;
  /** Delivers merchant webhooks; rows of that channel fail (and retry) without it. */
  readonly webhooks?: WebhookSender;
  /** Delay before the next attempt after `attempts` failed ones (default `retryDelayMs`). */
  readonly retryDelayMs?: (attempts: number) => number;
  readonly logger: Logger;
  /** How often to look for work when not woken. Default 1000 ms. */
  readonly pollMs?: number;
  /** How long a claimed row stays reserved for this worker. Default 60 s. */
  readonly leaseMs?: number;
  /** Attempts before a message is given up (`dead`). Default 10. */
  readonly maxAttempts?: number;
  readonly batchSize?: number;
}

export interface OutboxWorker {
  /** Claims and delivers what is due now; resolves with the number of messages sent. */
  runOnce(): Promise<number>;
  /** Polls until `stop()`. */
  start(): void;
  /** Looks for work now (after a write that enqueued something). */
  wake(): void;
  stop(): Promise<void>;
}

type Row = Record<string, unknown>;

const toRow = (row: Row): OutboxRow => ({
  id: Number(row.id),
  key: row.dedupe_key as string,
  channel: row.channel as NotificationChannel,
  template: row.template as string,
  payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>,
  attempts: Number(row.attempts),
});

/**
 * Messages that should reach their reader in the order they were enqueued share a lane: one order's
 * notices (confirmed, then shipped), one endpoint's webhooks. A batch's lanes are delivered side by
 * side, each lane's rows one after another: a slow SMTP relay or endpoint holds up only its own
 * lane, and the worker keeps up with a confirm rate a one-at-a-time worker could not (each message
 * waits on the relay's answers, not on the worker's CPU).
 */
function laneOf(row: OutboxRow): string {
  const { orderId, endpointId, sessionId } = row.payload;
  const reference = orderId ?? endpointId ?? sessionId;
  return typeof reference === 'string' ? `${row.channel}:${reference}` : `row:${row.id}`;
}

/** Exponential backoff: 2 s, 4 s, 8 s … capped at 10 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(2 ** attempts * 1000, 10 * 60 * 1000);

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, logger } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const batchSize = options.batchSize ?? 10;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;

  /** Reserves due rows for this worker (SKIP LOCKED: several workers never claim the same row). */
  async function claim(): Promise<OutboxRow[]> {
    const { rows } = await db.query<Row>(
      `UPDATE outbox SET locked_until = now() + $1::int * interval '1 millisecond', attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [leaseMs, batchSize],
    );
    // RETURNING answers in the order the rows were updated, not the subquery's: put them back in the order enqueued.
    return rows.map(toRow).sort((a, b) => a.id - b.id);
  }

  async function deliver(row: OutboxRow): Promise<boolean> {
    const template = options.templates[row.template];
    try {
      if (!template) throw new Error(`No template "${row.template}"`);
      const rendered = await template(row);
      if (rendered?.channel === 'email') await options.mailer.send({ ...rendered.message, key: row.key });
      else if (rendered?.channel === 'sms') await options.sms.send({ ...rendered.message, key: row.key });
      else if (rendered?.channel === 'webhook') {
        if (!options.webhooks) throw new Error('No webhook sender configured');
        await options.webhooks.send({ ...rendered.message, attempt: row.attempts });
      }
      await db.query(`UPDATE outbox SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = $2 WHERE id = $1`, [
        row.id,
        rendered ? null : 'nothing to send',
      ]);
      return rendered !== null;
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
      const dead = row.attempts >= maxAttempts;
      await db.query(
        `UPDATE outbox SET status = $2, locked_until = NULL, last_error = $3,
           next_attempt_at = now() + $4::int * interval '1 millisecond' WHERE id = $1`,
        [row.id, dead ? 'dead' : 'pending', reason.slice(0, 500), (options.retryDelayMs ?? retryDelayMs)(row.attempts)],
      );
      logger.warn({ outboxId: row.id, template: row.template, attempts: row.attempts, dead, err: error }, 'notification delivery failed');
      return false;
    }
  }

  /** Set by `stop()`: a pass in progress ends after its current batch. */
  let stopping = false;

  /** A batch's lanes side by side (see `laneOf`); the messages sent. */
  async function deliverBatch(rows: readonly OutboxRow[]): Promise<number> {
    const lanes = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const lane = laneOf(row);
      lanes.set(lane, [...(lanes.get(lane) ?? []), row]);
    }
    const sent = await Promise.all(
      [...lanes.values()].map(async (lane) => {
        let count = 0;
        for (const row of lane) if (await deliver(row)) count++;
        return count;
      }),
    );
    return sent.reduce((a, b) => a + b, 0);
  }

  async function runOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await claim();
      sent += await deliverBatch(rows);
      // Stopping (shutdown) ends the pass after this batch; the rest waits for the next start.
      if (rows.length < batchSize || stopping) return sent;
    }
  }

  /** One pass at a time per worker; a wake during a pass schedules another. */
  function tick(): void {
    if (running) {
      again = true;
      return;
    }
    running = runOnce()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'outbox pass failed');
        return 0;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          tick();
        }
      });
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(tick, options.pollMs ?? 1000);
      timer.unref();
      tick();
    },
    wake() {
      if (!stopped) tick();
    },
    async stop() {
      stopped = true;
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
