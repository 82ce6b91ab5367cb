/**
 * Consent on every route that acts for a shopper (docs/security.md: shop B sees and changes nothing of a
 * shopper saved at shop A until the shopper agrees to share). A shopper verified at a merchant they
 * have not shared with holds a valid token there; every route that reads, changes or charges their
 * saved details must answer 403 `consent_required` and change nothing.
 *
 * The second test lists every client route the app serves: a new route must be classified here
 * (consent required and tested, or exempt with a reason), so one cannot be added without a decision.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ShopperProfile } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import type { MailMessage } from '../notifications/mailer.js';
import { openPglite } from '../storage/db.js';
import { migrate } from '../storage/migrations.js';
import { createMerchant, createSession, createTestEnv, paySaving, shopperAt, type TestEnv, type TestMerchant } from '../test/env.js';
import { randomVault } from './vault.js';

const mail: MailMessage[] = [];
let env: TestEnv;

beforeAll(async () => {
  const db = await openPglite();
  await migrate(db);
  const vault = randomVault();
  env = await createTestEnv({
    db,
    vault,
    app: {
      providers: [createMockProvider({ env: 'test' })],
      identity: { db, vault, mailer: { send: async (message) => void mail.push(message), close: () => {} }, sms: null, trustProxy: true },
    },
  });
});

/** A browser at `merchant` with a new checkout session. */
const visit = async (merchant: TestMerchant) => shopperAt(env, mail, merchant, await createSession(env, merchant));

/** A shopper who paid at shop A and saved their details (address, card) there. */
async function savedAtShopA(email: string) {
  const shopA = await createMerchant(env, 'Shop A');
  await paySaving(env, shopA, email);
  const atA = await visit(shopA);
  const session = await atA.signIn(email);
  const profile = session.profile!;
  expect(profile.addresses).toHaveLength(1);
  expect(profile.savedMethods).toHaveLength(1);
  return { addressId: profile.addresses[0]!.id, methodId: profile.savedMethods[0]!.id, shopA, atA, tokenAtA: session.shopperToken };
}

const OFFICE = { label: 'Office', address: { name: 'Ada Lovelace', line1: 'Friedrichstraße 100', city: 'Hamburg', postalCode: '20095', country: 'DE' }, makeDefault: true };

interface Ids {
  readonly addressId: string;
  readonly methodId: string;
}

/** Every route that acts for the shopper and needs their consent at this merchant, with a request that would otherwise succeed. */
const CONSENT_REQUIRED: Record<string, { method: 'GET' | 'POST'; path: (ids: Ids) => string; body?: (ids: Ids) => unknown; idempotent?: true }> = {
  'GET /identity/profile': { method: 'GET', path: () => '/identity/profile' },
  'POST /identity/apply': { method: 'POST', path: () => '/identity/apply', body: () => ({}) },
  'POST /identity/addresses': { method: 'POST', path: () => '/identity/addresses', body: () => OFFICE },
  'POST /identity/addresses/{itemId}/default': { method: 'POST', path: (ids) => `/identity/addresses/${ids.addressId}/default`, body: () => ({}) },
  'POST /identity/methods/{itemId}/default': { method: 'POST', path: (ids) => `/identity/methods/${ids.methodId}/default`, body: () => ({}) },
  'POST /identity/methods/{itemId}/remove': { method: 'POST', path: (ids) => `/identity/methods/${ids.methodId}/remove`, body: () => ({}) },
  'POST /identity/contact': { method: 'POST', path: () => '/identity/contact', body: () => ({ email: 'elsewhere@example.com' }) },
  'POST /confirm': { method: 'POST', path: () => '/confirm', body: (ids) => ({ paymentMethod: ids.methodId }), idempotent: true },
  // Store credit (issue 18): the shopper's balance at this merchant, and paying with it.
  'GET /store-credit': { method: 'GET', path: () => '/store-credit' },
  'POST /store-credit': { method: 'POST', path: () => '/store-credit', body: () => ({}) },
  'POST /identity/resume': { method: 'POST', path: () => '/identity/resume', body: () => ({ sessionId: 'cs_left_elsewhere' }) },
};

/**
 * Client routes outside a checkout session that take a shopper token (the order-status page's list);
 * each needs consent, tested below with a plain `GET` (publishable key, Origin, shopper token).
 */
const SESSIONLESS_CONSENT_REQUIRED = ['GET /v1/client/identity/orders'];

/** Client routes that take a shopper token but need no consent at this merchant, and why. */
const EXEMPT: Record<string, string> = {
  'POST /identity/share': 'grants the consent',
  'POST /identity/step-up': 'proves the shopper (a code to the phone on file), shows nothing of the profile',
  'POST /identity/devices/{itemId}/revoke': 'only ever removes access (a remembered device of this shopper)',
  'POST /identity/passkeys/registration-options': 'binds a passkey to the verified shopper, shows nothing of the profile',
  'POST /identity/passkeys': 'binds a passkey to the verified shopper, shows nothing of the profile',
  'POST /prepare': "prepares a new payment in the provider's window; a saved method is charged only through /confirm",
  'GET /identity/export': "the shopper's own data to the shopper (GDPR access), wherever they verified",
  'POST /identity/erase': "the shopper's own data (GDPR erasure), wherever they verified",
  'GET /identity/resume': 'answers `offer: null` without consent: nothing is recorded or offered (identity/resume.test.ts)',
};

/**
 * Take a remembered device's token (not a shopper token): without consent they recognise no one
 * (the ninth consent check); the recall (the first render's one call) also issues no passkey challenge.
 */
const DEVICE_ROUTES = new Set(['POST /identity/device', 'POST /identity/recall']);

/** Client routes that never act for a shopper (no shopper token). */
const NO_SHOPPER = new Set([
  'GET ',
  'POST /contact',
  'POST /shipping-address',
  'POST /shipping-option',
  'POST /complete-action',
  'POST /identity/lookup',
  'POST /identity/verify',
  'POST /identity/save',
  'POST /identity/device/forget',
  'POST /identity/passkeys/authentication-options',
  'POST /identity/passkeys/authenticate',
  // Gift cards (issue 18): a code's balance at this session's merchant; no shopper data.
  'POST /gift-cards/balance',
  'POST /gift-cards',
  'POST /tenders/:tender/remove',
  // Handoff to another device (docs/omnichannel.md): the session's own token and status, no shopper data.
  'POST /handoff',
  'GET /handoff',
  'GET /handoff/events',
]);

describe('a shopper verified at a merchant they have not shared with', () => {
  for (const [route, spec] of Object.entries(CONSENT_REQUIRED)) {
    it(`${route} answers 403 consent_required and changes nothing`, async () => {
      const email = `consent.${Math.random().toString(36).slice(2)}@example.com`;
      const ids = await savedAtShopA(email);
      const shopB = await createMerchant(env, 'Shop B');
      const atB = await visit(shopB);
      await atB.client.fill();
      const session = await atB.signIn(email);
      expect(session).toMatchObject({ consentRequired: true, profile: null });

      const headers: Record<string, string> = { 'omni-shopper-token': session.shopperToken, ...(spec.idempotent ? { 'idempotency-key': 'consent-confirm' } : {}) };
      const denied = await atB.call(spec.method, spec.path(ids), spec.body?.(ids), headers);
      const error = ((await denied.json()) as { error?: { code: string; message: string } }).error;
      expect({ status: denied.status, code: error?.code }).toEqual({ status: 403, code: 'consent_required' });
      expect(error!.message).toMatch(/Shop B/);

      // Nothing changed: the profile (seen at shop A) and shop B's session are as before.
      const profile = (await (await ids.atA.call('GET', '/identity/profile', undefined, { 'omni-shopper-token': ids.tokenAtA })).json()) as ShopperProfile;
      expect(profile.addresses.map((a) => [a.id, a.isDefault])).toEqual([[ids.addressId, true]]);
      expect(profile.savedMethods.map((m) => [m.id, m.isDefault])).toEqual([[ids.methodId, true]]);
      expect(profile.email).toBe(email);
      const atBSession = (await (await atB.client.get()).json()) as { status: string; contact: { email: string } | null };
      expect(atBSession.status).toBe('open');
      expect(atBSession.contact?.email).not.toBe(email);
      const orders = await env.db.query<{ n: string }>('SELECT count(*) AS n FROM orders WHERE session_id = $1', [atB.created.id]);
      expect(Number(orders.rows[0]!.n)).toBe(0);
    });
  }

  for (const route of SESSIONLESS_CONSENT_REQUIRED) {
    it(`${route} answers 403 consent_required and shows nothing`, async () => {
      const email = `consent.${Math.random().toString(36).slice(2)}@example.com`;
      await savedAtShopA(email);
      const shopB = await createMerchant(env, 'Shop B');
      const session = await (await visit(shopB)).signIn(email);
      expect(session.consentRequired).toBe(true);
      const denied = await env.app.request(route.slice(4), {
        headers: { 'omni-publishable-key': shopB.publishableKey, origin: shopB.origin, 'omni-shopper-token': session.shopperToken },
      });
      const answer = (await denied.json()) as { error?: { code: string; message: string }; data?: unknown };
      expect({ status: denied.status, code: answer.error?.code, data: answer.data }).toEqual({ status: 403, code: 'consent_required', data: undefined });
      expect(answer.error!.message).toMatch(/Shop B/);
    });
  }

  it(`${[...DEVICE_ROUTES].join(', ')}: a device remembered there recognises no one (no method, no address, no passkey challenge) until the shopper shares`, async () => {
    const email = `device.${Math.random().toString(36).slice(2)}@example.com`;
    await savedAtShopA(email);
    const shopB = await createMerchant(env, 'Shop B');
    const atB = await visit(shopB);
    const session = await atB.signIn(email, true);
    expect(session.deviceToken).toMatch(/^dvc_/);
    const later = await visit(shopB);
    const summary = await later.call('POST', '/identity/device', { deviceToken: session.deviceToken });
    expect(summary.status).toBe(200);
    expect(await summary.json()).toEqual({ recognized: false, method: null, address: null, hasPasskey: false });
    const recall = await later.call('POST', '/identity/recall', { deviceToken: session.deviceToken });
    expect(recall.status).toBe(200);
    expect(await recall.json()).toMatchObject({ session: { status: 'open' }, device: { recognized: false, method: null, address: null, hasPasskey: false }, passkeyOptions: null });
  });
});

describe('every client route is classified', () => {
  it('each client route the app serves needs consent (tested above), is exempt with a reason, or takes no shopper token', () => {
    const prefix = '/v1/client/checkout-sessions/:id';
    const served = [
      ...new Set(
        env.app.routes
          .filter((r) => r.path.startsWith(prefix) && r.method !== 'ALL' && r.method !== 'OPTIONS')
          .map((r) => `${r.method} ${r.path.slice(prefix.length).replace(/:itemId\b/g, '{itemId}')}`),
      ),
    ].sort();
    const known = new Set([...Object.keys(CONSENT_REQUIRED), ...Object.keys(EXEMPT), ...NO_SHOPPER, ...DEVICE_ROUTES]);
    expect(served.filter((route) => !known.has(route)), 'routes to classify in consent.test.ts').toEqual([]);
    expect([...known].filter((route) => !served.includes(route)), 'classified routes the app no longer serves').toEqual([]);
    expect(Object.keys(CONSENT_REQUIRED)).toHaveLength(11);
  });

  it('the OpenAPI document marks every identity route that needs or is exempt from consent as taking a shopper token, and no other', async () => {
    const doc = (await (await env.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const prefix = '/v1/client/checkout-sessions/{id}';
    const withToken: string[] = [];
    const withoutToken: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith(`${prefix}/identity`)) continue;
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path.slice(prefix.length)}`;
        (operation.security?.some((s) => 'shopperToken' in s) ? withToken : withoutToken).push(route);
      }
    }
    const shopperRoutes = [...Object.keys(CONSENT_REQUIRED), ...Object.keys(EXEMPT)].filter((r) => r.includes('/identity'));
    expect(withToken.sort()).toEqual(shopperRoutes.sort());
    // Outside a checkout session: every client route taking a shopper token is classified (and tested) above.
    const sessionless = Object.entries(doc.paths).flatMap(([path, operations]) =>
      path.startsWith('/v1/client/') && !path.startsWith(prefix)
        ? Object.entries(operations)
            .filter(([, operation]) => operation.security?.some((s) => 'shopperToken' in s))
            .map(([method]) => `${method.toUpperCase()} ${path}`)
        : [],
    );
    expect(sessionless.sort(), 'shopper-token routes outside a session to classify in consent.test.ts').toEqual([...SESSIONLESS_CONSENT_REQUIRED].sort());
    expect(withoutToken.filter((route) => !NO_SHOPPER.has(route) && !DEVICE_ROUTES.has(route))).toEqual([]);
  });
});
