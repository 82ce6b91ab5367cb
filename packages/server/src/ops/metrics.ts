/**
 * Prometheus metrics (`prom-client`), one registry per process, served at `GET /metrics`:
 *
 *   omni_http_request_duration_seconds{method,route,status}   histogram, by route pattern (never raw paths)
 *   omni_confirm_total{outcome}                               confirms: succeeded, requires_action, processing, failed, conflict, error
 *   omni_outbox_messages{channel,status}                      outbox backlog (pending) and given-up (dead) messages
 *   omni_webhook_delivery_failures_total                      failed merchant webhook attempts
 *   plus prom-client's default process metrics (omni_process_…, omni_nodejs_…).
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Queryable } from '../storage/db.js';

export interface Metrics {
  readonly registry: Registry;
  /** Times every request by its route pattern; counts confirm outcomes. */
  readonly middleware: MiddlewareHandler;
  /** Called by the webhook sender after a failed attempt. */
  webhookFailed(): void;
  /** Reads the outbox backlog from this database at each scrape. */
  watchOutbox(db: Queryable): void;
}

/** The context variable in which a confirm route leaves its payment's status (`succeeded`, `requires_action`…). */
export const PAYMENT_STATUS = 'paymentStatus';

const CONFIRM_ROUTE = /\/v1\/client\/checkout-sessions\/:id\/(confirm|complete-action)$/;

function confirmOutcome(status: number, body: unknown): string {
  if (status === 200) {
    const outcome = (body as { status?: string } | null)?.status;
    return outcome === 'succeeded' || outcome === 'requires_action' || outcome === 'processing' ? outcome : 'other';
  }
  if (status === 402) return 'failed';
  if (status === 409) return 'conflict';
  return status >= 500 ? 'error' : 'rejected';
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'omni_' });
  const latency = new Histogram({
    name: 'omni_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const confirms = new Counter({ name: 'omni_confirm_total', help: 'Payment confirms by outcome', labelNames: ['outcome'] as const, registers: [registry] });
  const webhookFailures = new Counter({ name: 'omni_webhook_delivery_failures_total', help: 'Failed merchant webhook delivery attempts', registers: [registry] });
  let outboxDb: Queryable | null = null;
  new Gauge({
    name: 'omni_outbox_messages',
    help: 'Outbox messages waiting (pending) or given up (dead), by channel',
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
    async collect() {
      if (!outboxDb) return;
      this.reset();
      const { rows } = await outboxDb.query<{ channel: string; status: string; n: string | number }>(
        `SELECT channel, status, count(*) AS n FROM outbox WHERE status IN ('pending', 'dead') GROUP BY channel, status`,
      );
      for (const channel of ['email', 'sms', 'webhook']) for (const status of ['pending', 'dead']) this.set({ channel, status }, 0);
      for (const row of rows) this.set({ channel: row.channel, status: row.status }, Number(row.n));
    },
  });

  const timers = new Map<string, ReturnType<typeof latency.labels>>();
  return {
    registry,
    webhookFailed: () => webhookFailures.inc(),
    watchOutbox(db) {
      outboxDb = db;
    },
    middleware: async (c, next) => {
      const started = performance.now();
      await next();
      // The route pattern that answered (`/v1/orders/:id`), or `unmatched` for a 404 (no raw paths: bounded labels).
      const matched = routePath(c, -1);
      const route = c.res.status === 404 && matched.endsWith('*') ? 'unmatched' : matched;
      const method = c.req.method;
      const status = c.res.status;
      // One labelled child per method, route and status, kept: prom-client would hash the labels on every observe.
      const key = `${method} ${status} ${route}`;
      let timer = timers.get(key);
      if (!timer) timers.set(key, (timer = latency.labels({ method, route, status: String(status) })));
      timer.observe((performance.now() - started) / 1000);
      if (method === 'POST' && CONFIRM_ROUTE.test(route)) {
        // The route tells its payment's status (`storedResponse` in app.ts); another answer's body is read from a copy.
        const told = (c.get as (key: string) => unknown)(PAYMENT_STATUS);
        const body: unknown = told !== undefined ? { status: told } : status === 200 ? await c.res.clone().json().catch(() => null) : null;
        confirms.inc({ outcome: confirmOutcome(status, body) });
      }
    },
  };
}
