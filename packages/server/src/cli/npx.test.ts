/**
 * The backend as a merchant runs it: the packed tarballs (`pnpm pack` of server, core and the
 * provider packages, as they would be published) installed with npm in a fresh directory, then
 * `npx @omni-checkout/server serve` on PostgreSQL: it migrates, answers /readyz and /metrics, and
 * stops cleanly on SIGTERM. Needs PostgreSQL and the npm registry (for the third-party dependencies).
 */
import { randomBytes } from 'node:crypto';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { randomHex } from '../crypto.js';
import { openPostgres } from '../storage/db.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../../..');
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pgUp = await (async () => {
  const probe = openPostgres(`${adminUrl}${adminUrl.includes('?') ? '&' : '?'}connect_timeout=2`);
  try {
    await probe.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await probe.close();
  }
})();

const work = mkdtempSync(join(tmpdir(), 'omni-npx-'));
const database = `omni_npx_${randomHex(6)}`;
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  if (!pgUp) return;
  const admin = openPostgres(adminUrl);
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.close();
});

describe.runIf(pgUp)('npx @omni-checkout/server serve from the packed tarball', () => {
  it('installs in a fresh directory and serves on PostgreSQL, ready, with metrics, and stops on SIGTERM', async () => {
    await run(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/server'], { cwd: root });
    const packs = join(work, 'packs');
    mkdirSync(packs);
    for (const name of ['core', 'mock', 'paypal', 'stripe', 'moyasar', 'server']) {
      await run('pnpm', ['pack', '--pack-destination', packs], { cwd: resolve(root, 'packages', name) });
    }
    const tarball = (name: string) => `file:${join(packs, readdirSync(packs).find((f) => f.startsWith(`omni-checkout-${name}-`))!)}`;
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({
        name: 'merchant-backend',
        private: true,
        dependencies: { '@omni-checkout/server': tarball('server') },
        // Not on the registry yet: the sibling packages come from their tarballs too.
        overrides: Object.fromEntries(['core', 'mock', 'paypal', 'stripe', 'moyasar'].map((name) => [`@omni-checkout/${name}`, tarball(name)])),
      }),
    );
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, timeout: 300_000 });

    const admin = openPostgres(adminUrl);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.close();
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn('npx', ['@omni-checkout/server', 'serve', '--port', String(port)], {
      cwd: app,
      // A production server (no --dev): real keys and a mail transport are required (docs/security.md, "Modes").
      // The SMTP server is never dialled here; nodemailer connects only to send.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: url.toString(),
        LOG_LEVEL: 'info',
        METRICS_TOKEN: 'scrape-token',
        OMNI_DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        OMNI_LOOKUP_KEY: randomBytes(32).toString('base64'),
        SMTP_URL: 'smtp://127.0.0.1:2525',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: npx does not pass SIGTERM on to the server, so the test signals the group.
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    try {
      let ready: Response | null = null;
      for (let i = 0; i < 120 && !ready?.ok; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
        if (!ready?.ok) await new Promise((r) => setTimeout(r, 500));
      }
      expect(ready?.status, output).toBe(200);
      expect(await ready!.json()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok' } });
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer scrape-token' } });
      expect(await metrics.text()).toContain('omni_http_request_duration_seconds_bucket');
      const doc = (await (await fetch(`http://127.0.0.1:${port}/v1/openapi.json`)).json()) as { paths: object };
      expect(Object.keys(doc.paths)).toContain('/v1/orders/{id}/refunds');
      // The tables are in PostgreSQL.
      const db = openPostgres(url.toString());
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
      await db.close();
      expect(Number(rows[0]!.n)).toBeGreaterThan(5);
    } finally {
      // As a process manager stops a service: SIGTERM to the whole group (npx and the server it runs).
      process.kill(-child.pid!, 'SIGTERM');
    }
    // npx may end by the signal itself; the server drained and closed.
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    await expect.poll(() => output, { timeout: 10_000 }).toContain('server closed');
  }, 600_000);
});
