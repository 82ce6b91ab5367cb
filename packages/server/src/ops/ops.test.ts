/**
 * /readyz (database, pending migrations, shutdown), /metrics (Prometheus text: latency by route,
 * confirm outcomes, outbox backlog, webhook delivery failures) and the graceful shutdown that lets
 * an in-flight confirm finish.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { drainAndStop } from '../cli/shutdown.js';
import { listen } from '../http/listen.js';
import { createLogger } from '../logger.js';
import { clientFor, createMerchant, createSession, createTestEnv } from '../test/env.js';
import { createMetrics } from './metrics.js';

describe('operations endpoints', async () => {
  let draining = false;
  const metrics = createMetrics();
  const base = await createTestEnv();
  const env = await createTestEnv({ db: base.db, app: { db: base.db, metrics, draining: () => draining, metricsToken: 'metrics-token-1' } });

  it('is ready with the database up to date, and not while a migration is pending or shutting down', async () => {
    const ready = await env.app.request('/readyz');
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true, checks: { database: 'ok', migrations: 'ok' } }]);

    const { rows } = await env.db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version DESC LIMIT 1');
    await env.db.query('DELETE FROM schema_migrations WHERE version = $1', [rows[0]!.version]);
    const pending = await env.app.request('/readyz');
    expect([pending.status, ((await pending.json()) as { checks: { migrations: string } }).checks.migrations]).toEqual([503, `pending: ${rows[0]!.version}`]);
    await env.db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [rows[0]!.version, rows[0]!.name]);

    draining = true;
    expect((await env.app.request('/readyz')).status).toBe(503);
    draining = false;
  });

  it('exports latency by route, confirm outcomes, the outbox backlog and webhook failures', async () => {
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    await client.fill();
    expect((await client.confirm('pm_decline')).status).toBe(402);
    expect((await client.confirm('pm_ok')).status).toBe(200);
    await env.app.request('/v1/no-such-route');
    expect((await env.app.request('/healthz')).status).toBe(200);
    metrics.webhookFailed();

    expect((await env.app.request('/metrics')).status).toBe(401);
    const response = await env.app.request('/metrics', { headers: { authorization: 'Bearer metrics-token-1' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/omni_http_request_duration_seconds_count\{method="POST",route="\/v1\/client\/checkout-sessions\/:id\/confirm",status="200"\} 1/);
    expect(text).toMatch(/omni_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/);
    expect(text).toContain('omni_confirm_total{outcome="succeeded"} 1');
    expect(text).toContain('omni_confirm_total{outcome="failed"} 1');
    // The order confirmation email waits in the outbox (no worker runs here).
    expect(text).toMatch(/omni_outbox_messages\{channel="email",status="pending"\} [1-9]/);
    expect(text).toContain('omni_webhook_delivery_failures_total 1');
    expect(text).toContain('omni_process_cpu_user_seconds_total');
    // The liveness probe answers before the metrics (and the request log): no sample per probe.
    expect(text).not.toContain('route="/healthz"');
    // No raw ids in labels.
    expect(text).not.toContain(created.id);
  });

  it('finishes an in-flight confirm on shutdown, refusing new connections meanwhile', async () => {
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    await client.fill();
    const server = listen(env.app.fetch, { port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    env.provider.delayMs = 800;
    const confirm = fetch(`${url}/v1/client/checkout-sessions/${created.id}/confirm`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${created.clientSecret}`,
        'omni-publishable-key': merchant.publishableKey,
        origin: merchant.origin,
        'content-type': 'application/json',
        'idempotency-key': 'shutdown-1',
      },
      body: JSON.stringify({ paymentMethod: 'pm_ok' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    let drained = false;
    const stopped = drainAndStop(server, createLogger({ level: 'silent' }), { signal: Promise.resolve('SIGTERM'), onDrain: () => (drained = true), timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drained).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    const answer = await confirm;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { status: string; order: { id: string } }).status).toBe('succeeded');
    await stopped;
    env.provider.delayMs = 0;
    const orders = await env.db.query('SELECT id FROM orders WHERE session_id = $1', [created.id]);
    expect(orders.rows).toHaveLength(1);
  });
});
