/**
 * Edges of the shopper's own privacy page API (`/v1/privacy/*`) on PGlite: lookups are limited per
 * client IP (the first X-Forwarded-For hop behind a trusted proxy), a malformed body is refused, codes
 * and privacy tokens stop working at the very millisecond they expire, wrong guesses across codes run
 * out, and only a well-formed `Bearer prvtok_…` header opens the export (served as a download).
 */
import { beforeAll, expect, it } from 'vitest';
import type { MailMessage } from '../notifications/mailer.js';
import { createMerchant, paySaving, type TestEnv } from '../test/env.js';
import { createIdentityTestEnv } from '../test/identity.js';
import { DEFAULT_LIMITS } from './limits.js';

const mail: MailMessage[] = [];
let env: TestEnv;
let ips = 0;

beforeAll(async () => {
  env = await createIdentityTestEnv(mail, { limits: { ...DEFAULT_LIMITS, sendsPerIdentity: 1000, sendsPerIp: 2, failuresPerIdentity: 3 } });
});

const email = () => `privacy.${Math.random().toString(36).slice(2)}@example.com`;
/** A request from the privacy page itself, by default from a client IP no other request used. */
const own = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  env.app.request(`http://backend.example${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { host: 'backend.example', 'content-type': 'application/json', 'x-forwarded-for': `10.1.${Math.floor(++ips / 250)}.${ips % 250}`, ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];
const lookup = (address: string, ip?: string) => own('/v1/privacy/lookup', { body: { email: address }, ...(ip ? { headers: { 'x-forwarded-for': ip } } : {}) });

/** A saved shopper's challenge and the code mailed for it. */
async function challenge(address: string) {
  const since = mail.length;
  const response = await lookup(address);
  expect(response.status).toBe(200);
  const { challengeId, expiresAt } = (await response.json()) as { challengeId: string; expiresAt: string };
  await expect.poll(() => mail.slice(since).some((m) => m.to === address)).toBe(true);
  const code = /\b(\d{6})\b/.exec(mail.slice(since).find((m) => m.to === address)!.subject)![1]!;
  return { challengeId, code, expiresAt: new Date(expiresAt).getTime() };
}

async function withClock<T>(at: number, run: () => T | Promise<T>): Promise<T> {
  const before = env.clock.now;
  env.clock.now = new Date(at);
  try {
    return await run();
  } finally {
    env.clock.now = before;
  }
}

it('limits lookups per client IP, taken from the first forwarded hop', async () => {
  expect((await lookup(email(), '10.200.0.1, 192.0.2.9')).status).toBe(200);
  expect((await lookup(email(), '10.200.0.1')).status).toBe(200);
  // The third from that client, whatever the proxy chain or spacing after it, is refused...
  expect(await codeOf(await lookup(email(), ' 10.200.0.1 , 192.0.2.10'))).toEqual([429, 'rate_limited']);
  // ...while another client behind the same proxy is not.
  expect((await lookup(email(), '10.200.0.2, 192.0.2.9')).status).toBe(200);
});

it('refuses a body that is not an email address', async () => {
  expect(await codeOf(await own('/v1/privacy/lookup', { body: { email: 'not an address' } }))).toEqual([400, 'validation_failed']);
});

it('answers invalid_code for a challenge that does not exist', async () => {
  expect(await codeOf(await own('/v1/privacy/verify', { body: { challengeId: `prv_${'0'.repeat(32)}`, code: '123456' } }))).toEqual([400, 'invalid_code']);
});

it('refuses a right code from the millisecond it expires', async () => {
  const address = email();
  await paySaving(env, await createMerchant(env, 'Shop A'), address);
  const { challengeId, code, expiresAt } = await challenge(address);
  const late = await withClock(expiresAt, () => own('/v1/privacy/verify', { body: { challengeId, code } }));
  expect(await codeOf(late)).toEqual([400, 'code_expired']);
});

it('stops taking guesses for an identity after its wrong codes run out, on any new code', async () => {
  const address = email();
  await paySaving(env, await createMerchant(env, 'Shop B'), address);
  for (let i = 0; i < 3; i++) {
    const { challengeId, code } = await challenge(address);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await codeOf(await own('/v1/privacy/verify', { body: { challengeId, code: wrong } }))).toEqual([400, 'invalid_code']);
  }
  const { challengeId, code } = await challenge(address);
  expect(await codeOf(await own('/v1/privacy/verify', { body: { challengeId, code } }))).toEqual([429, 'too_many_attempts']);
});

it('opens the export as a download only with a well-formed bearer header, and not from the millisecond the token expires', async () => {
  const address = email();
  await paySaving(env, await createMerchant(env, 'Shop C'), address);
  const { challengeId, code } = await challenge(address);
  const verified = await own('/v1/privacy/verify', { body: { challengeId, code } });
  expect(verified.status).toBe(200);
  const { privacyToken, expiresAt } = (await verified.json()) as { privacyToken: string; expiresAt: string };
  const exportWith = (authorization?: string) => own('/v1/privacy/export', authorization === undefined ? {} : { headers: { authorization } });

  const exported = await exportWith(`Bearer ${privacyToken}`);
  expect(exported.status).toBe(200);
  expect(exported.headers.get('content-disposition')).toMatch(/^attachment/);
  expect(((await exported.json()) as { shopper: { email: string } }).shopper.email).toBe(address);

  expect(await codeOf(await exportWith())).toEqual([401, 'invalid_shopper_token']);
  expect(await codeOf(await exportWith(`xBearer ${privacyToken}`))).toEqual([401, 'invalid_shopper_token']);
  expect(await codeOf(await exportWith(`Bearer ${privacyToken} trailing`))).toEqual([401, 'invalid_shopper_token']);
  const late = await withClock(new Date(expiresAt).getTime(), () => exportWith(`Bearer ${privacyToken}`));
  expect(await codeOf(late)).toEqual([401, 'invalid_shopper_token']);
});
