/**
 * Property suite over every API request schema (docs/security.md R36):
 * fast-check puts arbitrary values (any UTF-16 code units including NUL and lone surrogates,
 * bidi controls, 100,000-character strings, JSON nested thousands deep, numbers, objects) into
 * every field of every request body, path parameter and query, and sends them to the backend on
 * PostgreSQL (where NUL and lone surrogates used to be 500s). Every answer is
 * below 500; every refusal carries a stable code. The requests sent are printed.
 */
import fc from 'fast-check';
import { API_ERROR_CODES, SAVE_CONSENT_VERSION } from '@omni-checkout/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer } from './notifications/mailer.js';
import { randomVault } from './identity/vault.js';
import { randomHex } from './crypto.js';
import { migrate, openPostgres, type Db } from './storage/index.js';
import { ADDRESS, clientFor, createMerchant, createSession, createTestEnv, SAMPLE_SESSION, type TestEnv, type TestMerchant } from './test/env.js';

const STABLE = new Set<string>(API_ERROR_CODES);
const mailer: Mailer = { send: async () => undefined, close: () => undefined };

/** JSON nested `depth` levels deep, in arrays or objects. */
const deep = (depth: number, inObjects: boolean): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = inObjects ? { a: value } : [value];
  return value;
};

/** JSON text spliced into a body as is (nesting too deep to build as a value). */
class RawJson {
  constructor(readonly text: string) {}
  toJSON() {
    return RAW;
  }
}
const RAW = '\u0001raw\u0001';

/** The body as JSON text, with any `RawJson` spliced in. */
function bodyText(body: unknown, value: unknown): string {
  const text = JSON.stringify(body);
  return value instanceof RawJson ? text.split(JSON.stringify(RAW)).join(value.text) : text;
}

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'a\u0000b', 'x\uDC00y', '\u202Eevil.exe', '\u2066x\u2069', '\u200B', '\uFEFF', ''),
  fc.constant('x'.repeat(100_000)),
  fc.constant('é'.repeat(30_000)),
  fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.boolean()).map(([depth, objects]) => deep(depth, objects)),
  // Deeper than JSON.stringify can write here: sent as raw text (see RAW).
  fc.integer({ min: 2000, max: 100_000 }).map((depth) => new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ unit: 'binary', maxLength: 5 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 }), { maxKeys: 4 }),
);

type Path = readonly (string | number)[];

/** Every leaf path of a JSON value, and every object (for an extra key). */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

function setAt(body: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

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
if (!pgUp && process.env.CI === 'true') throw new Error('PostgreSQL is required in CI for the property suite');

describe.runIf(pgUp)('property suite on PostgreSQL', () => {
  const name = 'PostgreSQL';
  const dbName = `omni_prop_${randomHex(6)}`;
  let admin: Db;
  let db: Db;
  const getDb = () => db;
  beforeAll(async () => {
    admin = openPostgres(adminUrl);
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    db = openPostgres(url.toString());
    await migrate(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.close();
  });
  let env: TestEnv;
  const statuses = new Map<number, number>();
  let sent = 0;

  async function setup() {
    const vault = randomVault();
    env ??= await createTestEnv({
      db: getDb(),
      vault,
      app: { identity: { db: getDb(), vault, mailer, sms: null, limits: { sendsPerIdentity: 1_000_000, sendWindowS: 600, sendsPerIp: 1_000_000, failuresPerIdentity: 1_000_000, failureWindowS: 3600 } } },
    });
    return env;
  }

  async function check(response: Response, what: string): Promise<void> {
    sent += 1;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const text = await response.text();
    expect(response.status, `${what} → ${text.slice(0, 300)}`).toBeLessThan(500);
    if (response.status >= 400) {
      const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
      expect(STABLE.has(code), `${what}: unstable code ${JSON.stringify(code)}`).toBe(true);
    }
  }

  /** One property per endpoint: any field of `valid` replaced by any value, or an extra key added. */
  async function fuzz(label: string, valid: unknown, send: (body: string) => Response | Promise<Response>, runs = 60): Promise<void> {
    const all = paths(valid);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), nasty, fc.boolean(), fc.string({ unit: 'binary', maxLength: 6 }), async (path, value, extra, extraKey) => {
        let body = setAt(valid, path, value);
        if (extra && body && typeof body === 'object' && !Array.isArray(body)) body = { ...(body as object), [extraKey]: value };
        await check(await send(bodyText(body, value)), `${label} ${JSON.stringify(path)}`);
      }),
      // Counterexamples hold values nested thousands deep: print them short.
      { numRuns: runs, reporter: (details) => { if (details.failed) throw new Error(`${label}: ${String(details.errorInstance).slice(0, 500)} (seed ${details.seed}, path ${details.counterexamplePath})`); } },
    );
  }

  async function page(merchant: TestMerchant) {
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    return { created, client };
  }

  describe(`${name}: arbitrary values in every field of every request`, () => {
    it('merchant API: create session (every field), read session and orders by arbitrary ids', async () => {
      await setup();
      const merchant = await createMerchant(env);
      const valid = { ...SAMPLE_SESSION, locale: 'de-DE', channel: 'web', metadata: { order: '42' } };
      const post = (body: string) =>
        env.app.request('/v1/checkout-sessions', { method: 'POST', headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json' }, body });
      await fuzz('POST /v1/checkout-sessions', valid, post, 150);
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 80 }), async (id) => {
          const auth = { headers: { authorization: `Bearer ${merchant.secretKey}` } };
          await check(await env.app.request(`/v1/checkout-sessions/${encodeURIComponent(id)}`, auth), 'GET session');
          await check(await env.app.request(`/v1/orders?sessionId=${encodeURIComponent(id)}`, auth), 'GET orders');
          await check(await env.app.request(`/v1/orders/${encodeURIComponent(id)}`, auth), 'GET order');
        }),
        { numRuns: 60 },
      );
    }, 300_000);

    it('client API: contact, address, shipping option, confirm, prepare, complete-action', async () => {
      await setup();
      const merchant = await createMerchant(env);
      const { client } = await page(merchant);
      await fuzz('contact', { email: 'ada@example.com' }, (body) => client.post('/contact', body));
      await fuzz('shipping-address', { ...ADDRESS, line2: 'Hinterhaus', region: 'BE', phone: '+49 30 1234567' }, (body) => client.post('/shipping-address', body), 120);
      await fuzz('shipping-option', { shippingOptionId: 'express' }, (body) => client.post('/shipping-option', body));
      const ready = await page(merchant);
      await ready.client.fill();
      await fuzz('confirm', { paymentMethod: 'pm_decline', provider: 'mock', returnUrl: `${merchant.origin}/back` }, (body) =>
        ready.client.post('/confirm', body, { 'idempotency-key': `k${sent}` }),
      );
      await fuzz('prepare', { method: 'paypal', reference: 'ORDER1', express: false, provider: 'mock' }, (body) => ready.client.post('/prepare', body));
      await fuzz('complete-action', {}, (body) => ready.client.post('/complete-action', body), 20);
    }, 300_000);

    it('identity and privacy APIs, and webhooks', async () => {
      await setup();
      const merchant = await createMerchant(env);
      const { client } = await page(merchant);
      await fuzz('identity/lookup', { email: 'ada@example.com' }, (body) => client.post('/identity/lookup', body));
      await fuzz('identity/lookup phone', { phone: '+49 151 23456789' }, (body) => client.post('/identity/lookup', body), 30);
      await fuzz('identity/verify', { challengeId: 'otp_0123456789abcdef0123456789abcdef', code: '123456', rememberDevice: true }, (body) => client.post('/identity/verify', body));
      await fuzz('identity/save', { consent: true, textVersion: SAVE_CONSENT_VERSION, phone: '+49 151 23456789' }, (body) => client.post('/identity/save', body));
      await fuzz('identity/share', { textVersion: 'v1' }, (body) => client.post('/identity/share', body), 30);
      await fuzz('identity/device', { deviceToken: 'dev_0123456789abcdefghijklmnop' }, (body) => client.post('/identity/device', body), 30);
      await fuzz(
        'identity/passkeys/authenticate',
        { response: { id: 'cred', rawId: 'cred', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' } }, rememberDevice: false },
        (body) => client.post('/identity/passkeys/authenticate', body),
      );
      await fuzz('privacy/lookup', { email: 'ada@example.com' }, (body) =>
        env.app.request('http://backend.example/v1/privacy/lookup', { method: 'POST', headers: { host: 'backend.example', 'content-type': 'application/json' }, body }),
      );
      await fuzz('privacy/verify', { challengeId: 'prv_0123456789abcdef0123456789abcdef', code: '123456' }, (body) =>
        env.app.request('http://backend.example/v1/privacy/verify', { method: 'POST', headers: { host: 'backend.example', 'content-type': 'application/json' }, body }),
      );
      await fuzz('webhooks/mock', { id: 'evt_1', type: 'payment.succeeded', reference: 'pay_1', outcome: null }, (body) =>
        env.app.request('/v1/webhooks/mock', { method: 'POST', headers: env.provider.signWebhook(body), body }),
      );
    }, 300_000);

    it('prints what was sent', () => {
      const histogram = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
      console.log(`${name}: property suite sent ${sent} requests; statuses ${histogram}; 5xx: ${[...statuses.keys()].filter((s) => s >= 500).length}`);
      expect(sent).toBeGreaterThan(1000);
      expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
    });
  });
});
