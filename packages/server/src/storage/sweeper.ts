/**
 * Retention: abandoned checkout sessions and old provider-event records are purged in small
 * batches, so storage stays flat under steady load and no statement holds many row locks for long.
 *
 * - An **abandoned session** is one that never got an order (`open` or `requires_action`) and
 *   expired more than `sessionRetentionMs` ago; its confirm attempts (the confirm idempotency
 *   records) and save intents go with it, and so does the Idempotency-Key of its create (columns
 *   of the row: a create with that key then opens a new session). A `processing` session is left
 *   alone: its payment's outcome is unknown until the provider answers. Paid sessions stay (their
 *   orders point at them).
 * - A **provider-event record** (the webhook deduplication key) older than `eventRetentionMs` is
 *   deleted: providers stop retrying long before (Stripe 3 days, PayPal 3 days).
 *
 * Each batch is one statement over at most `batchSize` rows picked with `FOR UPDATE SKIP LOCKED`,
 * so several instances can sweep at once without waiting on each other or on live checkouts.
 */
import type { Db } from './db.js';

export interface SweeperOptions {
  /** How long after its expiry an abandoned session is kept (default 7 days). */
  readonly sessionRetentionMs?: number;
  /** How long a provider event id is kept for deduplication (default 30 days). */
  readonly eventRetentionMs?: number;
  /** Rows per statement (default 500). */
  readonly batchSize?: number;
  /** Batches per sweep before yielding to the next interval (default 20). */
  readonly maxBatches?: number;
  readonly now?: () => Date;
}

export interface SweepResult {
  readonly sessions: number;
  readonly providerEvents: number;
}

export const SWEEPER_DEFAULTS = {
  sessionRetentionMs: 7 * 24 * 3600_000,
  eventRetentionMs: 30 * 24 * 3600_000,
  batchSize: 500,
  maxBatches: 20,
} as const;

const PURGE_SESSIONS = `WITH doomed AS (
    SELECT id FROM checkout_sessions
    WHERE expires_at < $1 AND status IN ('open', 'requires_action') AND order_id IS NULL
    ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
  ),
  attempts AS (DELETE FROM confirm_attempts WHERE session_id IN (SELECT id FROM doomed)),
  intents AS (DELETE FROM session_save_intents WHERE session_id IN (SELECT id FROM doomed)),
  events AS (UPDATE provider_events SET session_id = NULL WHERE session_id IN (SELECT id FROM doomed))
  DELETE FROM checkout_sessions WHERE id IN (SELECT id FROM doomed) RETURNING id`;

const PURGE_EVENTS = `DELETE FROM provider_events WHERE (provider_id, event_id) IN (
    SELECT provider_id, event_id FROM provider_events WHERE received_at < $1
    ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED
  ) RETURNING event_id`;

/** One sweep: batches until a batch comes back short or `maxBatches` ran. */
export async function sweep(db: Db, options: SweeperOptions = {}): Promise<SweepResult> {
  const o = { ...SWEEPER_DEFAULTS, ...options };
  const now = (options.now ?? (() => new Date()))().getTime();
  const run = async (sql: string, cutoff: Date): Promise<number> => {
    let total = 0;
    for (let batch = 0; batch < o.maxBatches; batch++) {
      const { rows } = await db.query(sql, [cutoff, o.batchSize]);
      total += rows.length;
      if (rows.length < o.batchSize) break;
    }
    return total;
  };
  return {
    sessions: await run(PURGE_SESSIONS, new Date(now - o.sessionRetentionMs)),
    providerEvents: await run(PURGE_EVENTS, new Date(now - o.eventRetentionMs)),
  };
}

export interface Sweeper {
  start(): void;
  stop(): Promise<void>;
  /** Runs one sweep now (tests, or an operator's cron through the CLI). */
  runOnce(): Promise<SweepResult>;
}

/** Sweeps every `intervalMs` (default 10 minutes); errors are reported, never thrown. */
export function createSweeper(
  db: Db,
  options: SweeperOptions & { intervalMs?: number; onError?: (error: unknown) => void; onSwept?: (result: SweepResult) => void } = {},
): Sweeper {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = () => {
    const result = sweep(db, options);
    running = result.catch(() => undefined);
    return result;
  };
  const tick = () => {
    void runOnce().then(
      (result) => (result.sessions || result.providerEvents ? options.onSwept?.(result) : undefined),
      (error: unknown) => options.onError?.(error),
    );
  };
  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, options.intervalMs ?? 10 * 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    runOnce,
  };
}
