/**
 * Every answer carries the security headers, a Request-Id and (for an allowed origin) CORS,
 * whichever way it was made: a handler's JSON, an error, a provider's own `Response`, a 404. The
 * middleware sets them before the handler (the adapter's fast path) and adds them after only to a
 * response that lacks them.
 */
import { beforeAll, expect, it } from 'vitest';
import { clientFor, createMerchant, createSession, createTestEnv, type TestEnv, type TestMerchant } from '../test/env.js';

let env: TestEnv;
let merchant: TestMerchant;
beforeAll(async () => {
  env = await createTestEnv();
  merchant = await createMerchant(env);
});

function expectCommonHeaders(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('request-id')).toMatch(/^req_[0-9a-f]{8}[0-9a-z]+$/);
}

function expectCors(response: Response) {
  expect(response.headers.get('access-control-allow-origin')).toBe(merchant.origin);
  expect(response.headers.get('access-control-expose-headers')).toBe('Request-Id');
  expect(response.headers.get('vary')).toBe('Origin');
}

it('a handler’s JSON answer (session read) and /healthz', async () => {
  const client = clientFor(env, merchant, await createSession(env, merchant));
  const read = await client.get();
  expect(read.status).toBe(200);
  expectCommonHeaders(read);
  expectCors(read);
  const health = await env.app.request('/healthz');
  expectCommonHeaders(health);
  expect(await health.json()).toEqual({ ok: true });
});

it('an error raised by a gate, and a 404', async () => {
  const created = await createSession(env, merchant);
  const wrong = clientFor(env, merchant, { id: created.id, clientSecret: `${created.id}_secret_wrong` });
  const refused = await wrong.get();
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_client_secret');
  expectCommonHeaders(refused);
  expectCors(refused);
  expectCommonHeaders(await env.app.request('/nope'));
});

it('a provider’s own Response', async () => {
  const response = await env.app.request('/v1/providers/mock/ping', {
    method: 'POST',
    headers: { 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin },
    body: 'hi',
  });
  expect(response.status).toBe(200);
  expectCommonHeaders(response);
  expectCors(response);
});

it('request ids are unique', async () => {
  const ids = await Promise.all(Array.from({ length: 50 }, async () => (await env.app.request('/healthz')).headers.get('request-id')));
  expect(new Set(ids).size).toBe(50);
});
