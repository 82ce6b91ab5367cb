import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createLogger, scrub } from './logger.js';
import {
  ADDRESS,
  CONTACT,
  SAMPLE_SESSION,
  clientFor,
  countRows,
  createMerchant,
  createSession,
  createTestEnv,
  merchantGet,
  merchantPost,
  sessionSnapshot,
  type TestMerchant,
} from './test/env.js';

const env = await createTestEnv();

interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** A rejected request: the status, a stable code, a readable message, and nothing written. */
async function expectRejected(send: () => Response | Promise<Response>, status: number, code: string, sessionId?: string): Promise<ErrorJson> {
  const rows = await countRows(env.db);
  const snapshot = sessionId ? await sessionSnapshot(env.db, sessionId) : null;
  const response = await send();
  const body = (await response.json()) as ErrorJson;
  expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
  expect(body.error.message).toMatch(/^[A-Z].{10,}\.$/);
  expect(body.error.message).not.toMatch(/\bat \S+:\d+/);
  expect(await countRows(env.db)).toEqual(rows);
  if (sessionId) expect(await sessionSnapshot(env.db, sessionId)).toBe(snapshot);
  return body;
}

const withItem = (patch: Record<string, unknown>) => ({ ...SAMPLE_SESSION, lineItems: [{ ...SAMPLE_SESSION.lineItems[0], ...patch }] });

describe('bad input to the merchant API', () => {
  let merchant: TestMerchant;
  const create = (body: unknown) => () => merchantPost(env, merchant, '/v1/checkout-sessions', body);

  it('rejects malformed JSON, non-objects and empty bodies with invalid_json', async () => {
    merchant = await createMerchant(env);
    await expectRejected(create('{"currency": "EUR",'), 400, 'invalid_json');
    await expectRejected(create('[1, 2]'), 400, 'invalid_json');
    await expectRejected(create(''), 400, 'invalid_json');
  });

  it('rejects unknown fields, overlong strings, bad quantities and string amounts with field paths', async () => {
    merchant = await createMerchant(env);
    const cases: [unknown, string][] = [
      [{ ...SAMPLE_SESSION, discount: 100 }, 'discount'],
      [withItem({ name: 'x'.repeat(201) }), 'lineItems.0.name'],
      [withItem({ quantity: -1 }), 'lineItems.0.quantity'],
      [withItem({ quantity: 1_000_000 }), 'lineItems.0.quantity'],
      [withItem({ quantity: 1.5 }), 'lineItems.0.quantity'],
      [withItem({ unitAmount: '1999' }), 'lineItems.0.unitAmount'],
      [withItem({ unitAmount: -5 }), 'lineItems.0.unitAmount'],
      [{ ...SAMPLE_SESSION, lineItems: [] }, 'lineItems'],
      [{ ...SAMPLE_SESSION, country: 'XX' }, 'country'],
    ];
    for (const [body, path] of cases) {
      const error = await expectRejected(create(body), 400, 'validation_failed');
      expect(error.error.issues?.map((issue) => issue.path)).toContain(path);
    }
  });

  it('calls a field missing only when it is: a value of the wrong type or a fraction says what is wrong', async () => {
    merchant = await createMerchant(env);
    const messageOf = async (body: unknown, path: string) =>
      (await expectRejected(create(body), 400, 'validation_failed')).error.issues?.find((issue) => issue.path === path)?.message;
    const { currency: _currency, ...withoutCurrency } = SAMPLE_SESSION;
    expect(await messageOf(withoutCurrency, 'currency')).toBe('Required');
    expect(await messageOf(withItem({ unitAmount: '1999' }), 'lineItems.0.unitAmount')).toBe('Expected a number, got a string');
    expect(await messageOf(withItem({ unitAmount: null }), 'lineItems.0.unitAmount')).toBe('Expected a number, got null');
    expect(await messageOf(withItem({ unitAmount: 12.9 }), 'lineItems.0.unitAmount')).toBe('Amounts are integers in minor units (cents)');
    expect(await messageOf(withItem({ quantity: 1.5 }), 'lineItems.0.quantity')).toBe('Quantity must be a whole number');
    expect(await messageOf({ ...SAMPLE_SESSION, lineItems: 'none' }, 'lineItems')).toBe('Expected an array, got a string');
    const error = await expectRejected(create(withItem({ unitAmount: '12.90' })), 400, 'validation_failed');
    expect(error.error.message).toBe('Some fields are missing or invalid (lineItems.0.unitAmount: Expected a number, got a string).');
  });

  it('rejects an unknown currency with its own code', async () => {
    merchant = await createMerchant(env);
    const error = await expectRejected(create({ ...SAMPLE_SESSION, currency: 'ABC' }), 400, 'unknown_currency');
    expect(error.error.issues?.[0]?.path).toBe('currency');
  });

  it('rejects a total above the largest accepted amount', async () => {
    merchant = await createMerchant(env);
    await expectRejected(create(withItem({ unitAmount: 1_000_000_000_000, quantity: 999 })), 400, 'validation_failed');
  });

  it('answers 415 for another content type and 413 above 64 KB', async () => {
    merchant = await createMerchant(env);
    await expectRejected(
      () =>
        env.app.request('/v1/checkout-sessions', {
          method: 'POST',
          headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'text/plain' },
          body: JSON.stringify(SAMPLE_SESSION),
        }),
      415,
      'unsupported_media_type',
    );
    const huge = JSON.stringify({ ...SAMPLE_SESSION, metadata: { note: 'x'.repeat(70 * 1024) } });
    await expectRejected(create(huge), 413, 'payload_too_large');
  });

  it('tells which key is wrong: missing, publishable instead of secret, unknown', async () => {
    merchant = await createMerchant(env);
    const post = (authorization?: string) => () =>
      env.app.request('/v1/checkout-sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(SAMPLE_SESSION),
      });
    await expectRejected(post(), 401, 'authentication_required');
    await expectRejected(post(`Bearer ${merchant.publishableKey}`), 401, 'secret_key_required');
    await expectRejected(post('Bearer sk_test_0000000000000000000000'), 401, 'invalid_api_key');
    await expectRejected(post(`Basic ${merchant.secretKey}`), 401, 'authentication_required');
  });
});

describe('bad input to the client API', () => {
  it('rejects bad fields, wrong keys and unknown keys without changing the session', async () => {
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    const id = created.id;
    await expectRejected(() => client.post('/contact', { email: 'not-an-email' }), 400, 'validation_failed', id);
    await expectRejected(() => client.post('/contact', { ...CONTACT, admin: true }), 400, 'validation_failed', id);
    await expectRejected(() => client.post('/shipping-address', { ...ADDRESS, city: 'x'.repeat(101) }), 400, 'validation_failed', id);
    await expectRejected(() => client.post('/shipping-address', '{"name":'), 400, 'invalid_json', id);
    await expectRejected(() => client.post('/shipping-option', { shippingOptionId: 42 }), 400, 'validation_failed', id);

    const request = (headers: Record<string, string>) => () =>
      env.app.request(`/v1/client/checkout-sessions/${id}/contact`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(CONTACT),
      });
    const secret = `Bearer ${created.clientSecret}`;
    await expectRejected(request({ authorization: secret, 'omni-publishable-key': merchant.secretKey }), 401, 'publishable_key_required', id);
    await expectRejected(
      request({ authorization: `Bearer ${merchant.secretKey}`, 'omni-publishable-key': merchant.publishableKey }),
      401,
      'publishable_key_required',
      id,
    );
    await expectRejected(request({ authorization: secret }), 401, 'authentication_required', id);
    await expectRejected(request({ authorization: secret, 'omni-publishable-key': 'pk_test_00000000000000000000' }), 401, 'invalid_api_key', id);
    await expectRejected(request({ 'omni-publishable-key': merchant.publishableKey }), 401, 'authentication_required', id);
    await expectRejected(request({ authorization: 'Bearer nonsense', 'omni-publishable-key': merchant.publishableKey }), 401, 'invalid_client_secret', id);
  });
});

describe('errors', () => {
  it('answers 404 not_found for unknown routes', async () => {
    const merchant = await createMerchant(env);
    await expectRejected(() => env.app.request('/nope'), 404, 'not_found');
    await expectRejected(() => merchantGet(env, merchant, '/v1/refunds'), 404, 'not_found');
  });

  it('answers 500 internal_error without internals when something throws', async () => {
    const merchant = await createMerchant(env);
    const failing = { ...env.storage, merchantBySecretKey: () => Promise.reject(new Error('connection refused at db.internal:5432')) };
    const app = createApp({ storage: failing, providers: [env.provider], logger: createLogger({ level: 'silent' }) });
    const response = await app.request('/v1/orders', { headers: { authorization: `Bearer ${merchant.secretKey}` } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on our side. Please try again.' } });
    expect(text).not.toContain('db.internal');
  });
});

describe('headers and CORS', () => {
  const preflight = (origin: string) =>
    env.app.request('/v1/client/checkout-sessions/cs_x/confirm', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it("answers a preflight from an allowed origin with the merchant's headers", async () => {
    const merchant = await createMerchant(env);
    const response = await preflight(merchant.origin);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(merchant.origin);
    expect(response.headers.get('vary')).toContain('Origin');
    expect(response.headers.get('access-control-allow-headers')?.split(/,\s*/).sort()).toEqual([
      'authorization',
      'content-type',
      'idempotency-key',
      'omni-publishable-key',
      'omni-shopper-token',
    ]);
  });

  it('refuses a preflight from an unknown origin and from Origin: null', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const response = await preflight(origin);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('vary')).toContain('Origin');
    }
  });

  it("allows an actual request only from the key's own merchant origins", async () => {
    const merchant = await createMerchant(env);
    const other = await createMerchant(env);
    const created = await createSession(env, merchant);
    const ok = await clientFor(env, merchant, created).get();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(merchant.origin);
    expect(ok.headers.get('vary')).toContain('Origin');
    for (const origin of [other.origin, 'null']) {
      const refused = await clientFor(env, { ...merchant, origin }, created).get();
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(((await refused.json()) as ErrorJson).error.code).toBe('origin_not_allowed');
    }
  });

  it('sends no CORS headers on the merchant API, and no-store / no-referrer everywhere', async () => {
    const merchant = await createMerchant(env);
    const response = await env.app.request('/v1/orders', { headers: { authorization: `Bearer ${merchant.secretKey}`, origin: merchant.origin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await env.app.request('/nope')).headers.get('cache-control')).toBe('no-store');
  });
});

describe('provider routes', () => {
  it('hands requests under /v1/providers/:id/ to the provider with a relative path', async () => {
    const merchant = await createMerchant(env);
    const headers = { 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin };
    const response = await env.app.request('/v1/providers/mock/ping?x=1', { method: 'POST', headers, body: 'hello' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ pong: true, method: 'POST', url: '/ping' });
    expect(response.headers.get('access-control-allow-origin')).toBe(merchant.origin);
    expect((await env.app.request('/v1/providers/mock/elsewhere', { headers })).status).toBe(404);
    expect((await env.app.request('/v1/providers/stripe/ping', { headers })).status).toBe(404);
    expect((await env.app.request('/v1/providers/mock/ping', { headers: { origin: merchant.origin } })).status).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('serves a document listing every route', async () => {
    const response = await env.app.request('/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const client = '/v1/client/checkout-sessions/{id}';
    expect(operations.sort()).toEqual(
      [
        'POST /v1/checkout-sessions',
        'GET /v1/checkout-sessions/{id}',
        'GET /v1/checkout-sessions/{id}/payment-methods/diagnostics',
        'GET /v1/orders',
        'GET /v1/orders/{id}',
        `GET ${client}`,
        `POST ${client}/contact`,
        `POST ${client}/shipping-address`,
        `POST ${client}/shipping-option`,
        `POST ${client}/confirm`,
        `POST ${client}/complete-action`,
        'POST /v1/webhooks/{provider}',
        `POST ${client}/prepare`,
      ].sort(),
    );
    expect((await env.app.request('/healthz')).status).toBe(200);
  });
});

describe('logging', () => {
  it('scrubs secrets, card numbers and emails from any string', () => {
    const line = scrub('sk_test_demo_shop_4f7c cs_1_secret_dead_beef Bearer xyz 4242 4242 4242 4242 ada@example.com pk_test_ok');
    expect(line).toBe('sk_test_[redacted] cs_1_secret_[redacted] Bearer [redacted] [redacted-digits] [redacted-email] pk_test_ok');
    expect(scrub("Cannot find module '@omni-checkout/mock/server'")).toBe("Cannot find module '@omni-checkout/mock/server'");
  });

  it('censors authorization, client secrets and secret keys at any depth, and leaves the rest as it was', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const context = { route: '/v1/orders/:id', status: 200, nested: { deeper: { clientSecret: 'x', secretKey: 'y' } }, headers: { authorization: 'z' } };
    logger.info(context, 'request');
    logger.info({ note: 'mail ada@example.com' }, 'plain %s', 'sk_test_abc');
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({
      route: '/v1/orders/:id',
      status: 200,
      nested: { deeper: { clientSecret: '[redacted]', secretKey: '[redacted]' } },
      headers: { authorization: '[redacted]' },
    });
    expect(second).toMatchObject({ note: 'mail [redacted-email]', msg: 'plain sk_test_[redacted]' });
    // The caller's object is not changed.
    expect(context.nested.deeper.clientSecret).toBe('x');
  });

  it('logs one line per request and never a secret key, client secret or email', async () => {
    const merchant = await createMerchant(env);
    const first = env.logs.length;
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    await client.fill();
    env.provider.throwAfterNextPayment();
    expect((await client.confirm('pm_3ds', 'log-key')).status).toBe(502);
    expect((await client.confirm('pm_3ds', 'log-key')).status).toBe(200);
    const action = ((await (await client.get()).json()) as { nextAction: { reference: string } }).nextAction;
    env.provider.resolveAction(action.reference, 'approve');
    expect((await client.completeAction()).status).toBe(200);
    await merchantGet(env, merchant, `/v1/orders?sessionId=${created.id}`);

    const lines = env.logs.slice(first).map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(8);
    expect(requests[0]).toMatchObject({ method: 'POST', route: '/v1/checkout-sessions', status: 201, requestId: expect.stringMatching(/^req_/) });
    expect(requests.every((line) => typeof line.ms === 'number')).toBe(true);
    expect(lines.some((line) => line.level === 50)).toBe(true);
    const all = env.logs.join('\n');
    for (const secret of [merchant.secretKey, created.clientSecret, CONTACT.email, created.clientSecret.split('_secret_')[1]!]) {
      expect(all).not.toContain(secret);
    }
  });
});
