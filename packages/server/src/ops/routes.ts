/**
 * Operations endpoints: `GET /readyz` (the database answers, no migration is pending, the process is
 * not shutting down: 200, otherwise 503 with the failing check) and `GET /metrics` (Prometheus text
 * format; with a token configured, only for `Authorization: Bearer <token>`). `/healthz` stays the
 * liveness probe (the process answers).
 */
import { timingSafeEqual } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/middleware.js';
import type { Queryable } from '../storage/db.js';
import { pendingMigrations } from '../storage/migrations.js';
import type { Metrics } from './metrics.js';

export interface OpsDeps {
  readonly db: Queryable | null;
  readonly metrics: Metrics;
  /** True once a graceful shutdown began: the load balancer should stop sending traffic. */
  readonly draining: () => boolean;
  /** When set, `/metrics` needs `Authorization: Bearer <token>`. */
  readonly metricsToken?: string;
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

export function registerOpsRoutes(app: OpenAPIHono<AppEnv>, deps: OpsDeps): void {
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const checks: Record<string, string> = {};
    if (deps.draining()) checks.shutdown = 'shutting down';
    if (deps.db) {
      try {
        await withTimeout(deps.db.query('SELECT 1'), 2000);
        checks.database = 'ok';
        const pending = await withTimeout(pendingMigrations(deps.db), 2000);
        checks.migrations = pending.length ? `pending: ${pending.join(', ')}` : 'ok';
      } catch (error) {
        checks.database = `unavailable: ${error instanceof Error ? error.message : 'error'}`.slice(0, 200);
      }
    }
    const ready = Object.entries(checks).every(([name, value]) => name !== 'shutdown' && value === 'ok');
    return c.json({ ready, checks }, ready ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    if (deps.metricsToken) {
      const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '');
      const expected = Buffer.from(deps.metricsToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return c.json({ error: { code: 'authentication_required', message: 'Send the metrics token as Authorization: Bearer <token>.' } }, 401);
      }
    }
    return c.body(await deps.metrics.registry.metrics(), 200, { 'Content-Type': deps.metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
}
