/**
 * Export and erasure never answer into a merchant page without that merchant's consent, and the
 * shopper has a surface of their own for both (docs/security.md, "Privacy"), on PGlite and
 * PostgreSQL. Before: after verifying by code on merchant B (consentRequired: true), merchant B's
 * page exported everything saved at merchant A and could erase it.
 */
import { SAVE_CONSENT_VERSION, SHARE_CONSENT_VERSION, type IdentityLookupResponse, type ShopperSession } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import { describe, expect, it } from 'vitest';
import type { MailMessage, Mailer } from '../notifications/mailer.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, type TestEnv, type TestMerchant } from '../test/env.js';
import { DEFAULT_LIMITS } from './limits.js';
import { randomVault } from './vault.js';

const mail: MailMessage[] = [];
const mailer: Mailer = { send: async (message) => void mail.push(message), close: () => undefined };

async function codeFor(email: string, since: number, subject: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const found = mail.slice(since).find((m) => m.to === email && subject.test(m.subject));
    if (found) return /\b(\d{6})\b/.exec(found.subject)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no code mailed to ${email}`);
}

onEachDatabase((name, getDb) => {
  let env: TestEnv;
  const setup = async () => {
    const vault = randomVault();
    env ??= await createTestEnv({
      db: getDb(),
      vault,
      providers: [],
      app: { providers: [createMockProvider({ env: 'test' })], identity: { db: getDb(), vault, mailer, sms: null, limits: { ...DEFAULT_LIMITS, sendsPerIp: 1000 } } },
    });
    return env;
  };

  async function visit(merchant: TestMerchant) {
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    const base = `/v1/client/checkout-sessions/${created.id}/identity`;
    const headers = (token?: string) => ({
      authorization: `Bearer ${created.clientSecret}`,
      'omni-publishable-key': merchant.publishableKey,
      origin: merchant.origin,
      ...(token ? { 'omni-shopper-token': token } : {}),
    });
    return {
      client,
      post: (path: string, body: unknown, token?: string) =>
        env.app.request(base + path, { method: 'POST', headers: { ...headers(token), 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      get: (path: string, token?: string) => env.app.request(base + path, { headers: headers(token) }),
    };
  }

  /** A shopper saved at merchant A, then verified by code on merchant B's page (no consent for B). */
  async function savedAtAThenVerifiedAtB() {
    await setup();
    const email = `privacy.${name.toLowerCase()}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
    const a = await createMerchant(env, 'Shop A');
    const b = await createMerchant(env, 'Shop B');
    const atA = await visit(a);
    await atA.client.fill();
    expect((await atA.client.post('/contact', { email })).status).toBe(200);
    expect((await atA.post('/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).status).toBe(200);
    expect((await atA.client.confirm('pm_mock_success_4242')).status).toBe(200);
    const atB = await visit(b);
    const since = mail.length;
    const { challengeId } = (await (await atB.post('/lookup', { email })).json()) as IdentityLookupResponse;
    const verified = (await (await atB.post('/verify', { challengeId, code: await codeFor(email, since, /checkout code/) })).json()) as ShopperSession;
    expect(verified.consentRequired).toBe(true);
    return { email, atB, token: verified.shopperToken };
  }

  describe(`${name}: from a merchant's page`, () => {
    it('merchant B without consent can neither export nor erase what was saved at merchant A', async () => {
      const { atB, token } = await savedAtAThenVerifiedAtB();
      const exported = await atB.get('/export', token);
      expect(exported.status).toBe(403);
      const body = await exported.text();
      expect(JSON.parse(body).error.code).toBe('consent_required');
      expect(body).not.toMatch(/Lovelace|Unter den Linden|ord_/);
      const erased = await atB.post('/erase', {}, token);
      expect(erased.status).toBe(403);
      expect(Number((await getDb().query<{ n: string }>('SELECT count(*) AS n FROM shoppers WHERE id IN (SELECT shopper_id FROM shopper_tokens)')).rows[0]!.n)).toBeGreaterThan(0);
      // Once the shopper agrees to share with B, B's page may export.
      expect((await atB.post('/share', { textVersion: SHARE_CONSENT_VERSION }, token)).status).toBe(200);
      expect((await atB.get('/export', token)).status).toBe(200);
    });
  });

  describe(`${name}: the shopper's own page on the backend's origin`, () => {
    const own = (path: string, init: RequestInit & { token?: string } = {}) =>
      env.app.request(`http://backend.example${path}`, {
        ...init,
        headers: {
          host: 'backend.example',
          'content-type': 'application/json',
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      });

    it('serves a page with a strict CSP that nobody may frame', async () => {
      await setup();
      const page = await own('/privacy');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('Send me a code');
    });

    it('refuses a merchant page (another origin) outright', async () => {
      await setup();
      const response = await own('/v1/privacy/lookup', { method: 'POST', body: JSON.stringify({ email: 'x@example.com' }), headers: { origin: 'https://shop-b.example' } });
      expect(response.status).toBe(403);
    });

    it('a code by email, then export and erasure', async () => {
      const { email } = await savedAtAThenVerifiedAtB();
      const since = mail.length;
      const lookup = await own('/v1/privacy/lookup', { method: 'POST', body: JSON.stringify({ email }), headers: { origin: 'http://backend.example' } });
      expect(lookup.status).toBe(200);
      const { challengeId } = (await lookup.json()) as { challengeId: string };
      const wrong = await own('/v1/privacy/verify', { method: 'POST', body: JSON.stringify({ challengeId, code: '000000' }) });
      expect(wrong.status).toBe(400);
      const code = await codeFor(email, since, /privacy code/);
      const verified = await own('/v1/privacy/verify', { method: 'POST', body: JSON.stringify({ challengeId, code }) });
      expect(verified.status).toBe(200);
      const { privacyToken } = (await verified.json()) as { privacyToken: string };
      // Single use: the same code again is refused.
      expect((await own('/v1/privacy/verify', { method: 'POST', body: JSON.stringify({ challengeId, code }) })).status).toBe(429);
      const exported = await own('/v1/privacy/export', { token: privacyToken });
      expect(exported.status).toBe(200);
      expect(((await exported.json()) as { shopper: { email: string } }).shopper.email).toBe(email);
      expect((await own('/v1/privacy/erase', { method: 'POST', body: '{}', token: privacyToken })).status).toBe(200);
      expect((await own('/v1/privacy/export', { token: privacyToken })).status).toBe(401);
    });

    it('answers an unknown address like a known one, and mails nothing', async () => {
      await setup();
      const since = mail.length;
      const response = await own('/v1/privacy/lookup', { method: 'POST', body: JSON.stringify({ email: `nobody.${Date.now()}@example.com` }) });
      expect(response.status).toBe(200);
      expect(Object.keys((await response.json()) as object).sort()).toEqual(['challengeId', 'expiresAt', 'hint']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(mail.length).toBe(since);
    });
  });
});
