/**
 * Resume on another device (identity/resume.ts), on PGlite and PostgreSQL: a recognised shopper
 * with consent, signed in on a new session at the same merchant, is offered their unfinished
 * checkout there (lines and total only) and continues it once with a device credential of its own.
 * Reuse, another shopper, another merchant, outside the window, a paid or expired session and no
 * consent: 0 successes.
 */
import { beforeAll, expect, it } from 'vitest';
import { SAVE_CONSENT_VERSION, type ShopperSession } from '@omni-checkout/core';
import { ResumeOfferResponse, ResumeResponse } from '@omni-checkout/core/handoff';
import { createMockProvider } from '@omni-checkout/mock/server';
import { newPublishableKey, newSecretKey, randomHex } from '../crypto.js';
import type { MailMessage } from '../notifications/mailer.js';
import { onEachDatabase } from '../test/databases.js';
import { ADDRESS, createMerchant, createSession, createTestEnv, paySaving, shopperAt, type TestEnv, type TestMerchant } from '../test/env.js';
import { DEFAULT_LIMITS } from './limits.js';
import { randomVault } from './vault.js';

onEachDatabase((_name, getDb) => {
  const mail: MailMessage[] = [];
  let env: TestEnv;

  beforeAll(async () => {
    const db = getDb();
    const vault = randomVault();
    env = await createTestEnv({
      db,
      vault,
      app: { db, providers: [createMockProvider({ env: 'test' })], identity: { db, vault, mailer: { send: async (m) => void mail.push(m), close: () => {} }, sms: null, trustProxy: true, limits: { ...DEFAULT_LIMITS, sendsPerIdentity: 100, sendsPerIp: 1000 } } },
    });
  });

  /** A browser on a new session at `merchant` (the same cart unless `body` says otherwise). */
  async function visit(merchant: TestMerchant, body?: Parameters<typeof createSession>[2]) {
    const browser = shopperAt(env, mail, merchant, await createSession(env, merchant, body));
    const { call } = browser;
    let token = '';
    async function signIn(email: string): Promise<ShopperSession> {
      const session = await browser.signIn(email);
      token = session.shopperToken;
      return session;
    }
    const share = async () => expect((await call('POST', '/identity/share', { textVersion: SAVE_CONSENT_VERSION }, { 'omni-shopper-token': token })).status).toBe(200);
    const offer = async () => {
      const response = await call('GET', '/identity/resume', undefined, { 'omni-shopper-token': token });
      expect(response.status).toBe(200);
      return ResumeOfferResponse.parse(await response.json()).offer;
    };
    const resume = (sessionId: string) => call('POST', '/identity/resume', { sessionId }, { 'omni-shopper-token': token });
    return { ...browser, signIn, share, offer, resume, token: () => token };
  }

  const email = () => `resume.${randomHex(6)}@example.com`;
  const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

  /** A shopper with consent at `merchant` who built a cart on a desktop, chose express and left. */
  async function leftOnDesktop(merchant: TestMerchant, who: string) {
    const desktop = await visit(merchant, {
      currency: 'EUR',
      country: 'DE',
      lineItems: [{ id: 'lamp', name: 'Desk lamp', unitAmount: 4900, quantity: 2 }],
      shippingOptions: [
        { id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } },
        { id: 'express', label: 'Express', amount: 1295, deliveryEstimate: { minDays: 1, maxDays: 1 } },
      ],
    });
    expect((await desktop.signIn(who)).consentRequired).toBe(false);
    expect((await desktop.client.post('/shipping-option', { shippingOptionId: 'express' })).status).toBe(200);
    return desktop;
  }

  it('offers the unfinished checkout on a new session and continues it once, with its cart and shipping choice', async () => {
    const shop = await createMerchant(env, 'Lamp Shop');
    const who = email();
    await paySaving(env, shop, who);
    const desktop = await leftOnDesktop(shop, who);

    const phone = await visit(shop);
    const signedIn = await phone.signIn(who);
    expect(signedIn.consentRequired).toBe(false);
    const offer = await phone.offer();
    expect(offer).toMatchObject({
      sessionId: desktop.created.id,
      lineItems: [{ name: 'Desk lamp', quantity: 2, unitAmount: 4900 }],
      total: 2 * 4900 + 1295,
      currency: 'EUR',
    });
    // Lines and total only: no contact, no address, no secret.
    expect(Object.keys(offer!).sort()).toEqual(['currency', 'lineItems', 'object', 'sessionId', 'total', 'touchedAt']);

    const resumed = await phone.resume(desktop.created.id);
    expect(resumed.status).toBe(200);
    const device = ResumeResponse.parse(await resumed.json());
    expect(device.sessionId).toBe(desktop.created.id);
    expect(device.clientSecret).not.toBe(desktop.created.clientSecret);
    expect(device.clientSecret).toContain('_secret_hd');

    // The phone now runs the desktop's session: same cart, same shipping choice, and pays it.
    const onPhone = shopperAt(env, mail, shop, { id: device.sessionId, clientSecret: device.clientSecret });
    const session = (await (await onPhone.client.get()).json()) as { lineItems: { name: string }[]; selectedShippingOptionId: string };
    expect(session.lineItems.map((l) => l.name)).toEqual(['Desk lamp']);
    expect(session.selectedShippingOptionId).toBe('express');
    // The sign-in came along: the profile applies on the resumed session.
    const applied = await onPhone.call('POST', '/identity/apply', {}, { 'omni-shopper-token': device.shopperToken });
    expect(applied.status).toBe(200);
    expect(((await applied.json()) as { contact: { email: string } }).contact.email).toBe(who);
    expect((await onPhone.client.post('/shipping-address', ADDRESS)).status).toBe(200);
    expect((await onPhone.client.confirm('pm_mock_success_4242')).status).toBe(200);
    const { rows } = await getDb().query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE session_id = $1', [desktop.created.id]);
    expect(rows[0]!.n).toBe(1);

    // Single use: the second exchange fails, and the offer is gone (the session is paid, too).
    expect(await codeOf(await phone.resume(desktop.created.id))).toEqual([404, 'resume_not_available']);
    expect(await phone.offer()).toBeNull();
    // The phone's own new session was left alone: still open with its own cart.
    const own = (await (await phone.client.get()).json()) as { status: string; lineItems: { name: string }[] };
    expect(own.status).toBe('open');
    expect(own.lineItems.map((l) => l.name)).toEqual(['T-shirt', 'Mug']);
  });

  /** Shop A, where Ada (saved there) left a checkout on her desktop. */
  async function adaLeft() {
    const shop = await createMerchant(env, 'Shop A');
    const ada = email();
    await paySaving(env, shop, ada);
    return { shop, ada, desktop: await leftOnDesktop(shop, ada) };
  }

  it('never continues another shopper’s checkout, nor the same one twice', async () => {
    const { shop, ada, desktop } = await adaLeft();
    const bob = email();
    await paySaving(env, shop, bob);
    await leftOnDesktop(shop, bob);
    const bobsPhone = await visit(shop);
    await bobsPhone.signIn(bob);
    expect((await bobsPhone.offer())?.sessionId).not.toBe(desktop.created.id);
    expect(await codeOf(await bobsPhone.resume(desktop.created.id))).toEqual([404, 'resume_not_available']);

    const phone = await visit(shop);
    await phone.signIn(ada);
    expect((await phone.resume(desktop.created.id)).status).toBe(200);
    // Again from the same phone, and from a third device: 0 successes.
    expect(await codeOf(await phone.resume(desktop.created.id))).toEqual([404, 'resume_not_available']);
    const tablet = await visit(shop);
    await tablet.signIn(ada);
    expect((await tablet.offer())?.sessionId).not.toBe(desktop.created.id);
    expect(await codeOf(await tablet.resume(desktop.created.id))).toEqual([404, 'resume_not_available']);
  });

  it('never offers one merchant’s checkout at another merchant', async () => {
    const { ada, desktop } = await adaLeft();
    const other = await createMerchant(env, 'Shop B');
    const atB = await visit(other);
    await atB.signIn(ada);
    await atB.share();
    const again = await visit(other);
    await again.signIn(ada);
    // At B, only B's own sessions can be on offer (the one she shared on), never A's.
    expect((await again.offer())?.sessionId).toBe(atB.created.id);
    expect(await codeOf(await again.resume(desktop.created.id))).toEqual([404, 'resume_not_available']);
  });

  it('honours the window: 7 days by default, the merchant’s setting, 0 turns it off', async () => {
    const { shop, ada, desktop } = await adaLeft();
    await getDb().query("UPDATE resume_sessions SET touched_at = touched_at - interval '6 days 23 hours' WHERE session_id = $1", [desktop.created.id]);
    const within = await visit(shop);
    await within.signIn(ada);
    expect((await within.offer())?.sessionId).toBe(desktop.created.id);
    await getDb().query("UPDATE resume_sessions SET touched_at = touched_at - interval '2 hours' WHERE session_id IN ($1, $2)", [desktop.created.id, within.created.id]);
    const late = await visit(shop);
    await late.signIn(ada);
    expect((await late.offer())?.sessionId).not.toBe(desktop.created.id);
    expect(await codeOf(await late.resume(desktop.created.id))).toEqual([404, 'resume_not_available']);

    // A merchant that turned it off (resumeWindowDays: 0) offers nothing, even a minute later.
    const origin = `https://off-${randomHex(4)}.example`;
    const off = { publishableKey: newPublishableKey(), secretKey: newSecretKey(), origin };
    const record = await env.storage.upsertMerchant({ name: 'No resume', publishableKey: off.publishableKey, secretKey: off.secretKey, allowedOrigins: [origin], resumeWindowDays: 0 });
    expect(record.resumeWindowDays).toBe(0);
    const eve = email();
    await paySaving(env, off, eve);
    const left = await leftOnDesktop(off, eve);
    const phone = await visit(off);
    await phone.signIn(eve);
    expect(await phone.offer()).toBeNull();
    expect(await codeOf(await phone.resume(left.created.id))).toEqual([404, 'resume_not_available']);
  });

  it('never continues a paid or expired checkout', async () => {
    const { shop, ada, desktop } = await adaLeft();
    await getDb().query("UPDATE checkout_sessions SET expires_at = now() - interval '1 minute' WHERE id = $1", [desktop.created.id]);
    const paid = await leftOnDesktop(shop, ada);
    await paid.client.fill();
    expect((await paid.client.confirm('pm_mock_success_4242')).status).toBe(200);
    const phone = await visit(shop);
    await phone.signIn(ada);
    expect(await phone.offer()).toBeNull();
    expect(await codeOf(await phone.resume(desktop.created.id))).toEqual([404, 'resume_not_available']);
    expect(await codeOf(await phone.resume(paid.created.id))).toEqual([404, 'resume_not_available']);
  });

  it('forgets what it recorded when the shopper erases their identity', async () => {
    const { desktop } = await adaLeft();
    const count = async () => (await getDb().query('SELECT 1 FROM resume_sessions WHERE session_id = $1', [desktop.created.id])).rows.length;
    expect(await count()).toBe(1);
    expect((await desktop.call('POST', '/identity/erase', {}, { 'omni-shopper-token': desktop.token() })).status).toBe(200);
    expect(await count()).toBe(0);
  });

  it('records nothing and offers nothing without consent at the merchant', async () => {
    const { ada } = await adaLeft();
    const shop = await createMerchant(env, 'Shop C');
    const first = await visit(shop);
    expect((await first.signIn(ada)).consentRequired).toBe(true);
    const { rows } = await getDb().query('SELECT 1 FROM resume_sessions WHERE session_id = $1', [first.created.id]);
    expect(rows).toHaveLength(0);
    const second = await visit(shop);
    await second.signIn(ada);
    expect(await second.offer()).toBeNull();
    expect(await codeOf(await second.resume(first.created.id))).toEqual([403, 'consent_required']);
    // And the shopper token is required.
    expect(await codeOf(await second.call('POST', '/identity/resume', { sessionId: first.created.id }))).toEqual([401, 'shopper_token_required']);
  });
});
