/**
 * A shopper recognised on a handed-off device (a phone that opened a handoff or a payment link,
 * docs/omnichannel.md), on PGlite and PostgreSQL: R28 hides the details typed on the first device,
 * but the saved details the identity network fills in for the shopper who proved who they are on
 * this device are their own, and the device sees them (the address form is prefilled).
 */
import { beforeAll, expect, it } from 'vitest';
import { SAVE_CONSENT_VERSION } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import type { MailMessage } from '../notifications/mailer.js';
import { onEachDatabase } from '../test/databases.js';
import { createMerchant, createSession, createTestEnv, shopperAt, type TestEnv, type TestMerchant } from '../test/env.js';
import { randomVault } from '../identity/vault.js';

const SAVED = { name: 'Grace Hopper', line1: 'Karl-Marx-Allee 90', city: 'Berlin', postalCode: '10243', country: 'DE' };
const TYPED_ON_DESKTOP = { name: 'Someone Else', line1: 'Hauptstraße 5', city: 'Potsdam', postalCode: '14467', country: 'DE' };

onEachDatabase((_name, getDb) => {
  const mail: MailMessage[] = [];
  let env: TestEnv;
  let merchant: TestMerchant;

  beforeAll(async () => {
    const db = getDb();
    const vault = randomVault();
    env = await createTestEnv({
      db,
      vault,
      app: { db, providers: [createMockProvider({ env: 'test' })], identity: { db, vault, mailer: { send: async (m) => void mail.push(m), close: () => {} }, sms: null, trustProxy: true } },
    });
    merchant = await createMerchant(env);
  });

  it("shows a recognised shopper on a handed-off device their own saved address, never the first device's", async () => {
    const email = `grace-${Date.now().toString(36)}@example.com`;
    // Earlier: the shopper paid here as a guest and saved their details.
    const earlier = await createSession(env, merchant);
    const { call: earlierCall, client: earlierClient } = shopperAt(env, mail, merchant, earlier);
    expect((await earlierCall('POST', '/contact', { email })).status).toBe(200);
    expect((await earlierCall('POST', '/shipping-address', SAVED)).status).toBe(200);
    expect((await earlierCall('POST', '/identity/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).status).toBe(200);
    expect((await earlierClient.confirm('pm_mock_success_4242')).status).toBe(200);

    // Now: someone typed an address on a desktop and handed the checkout to a phone.
    const desktop = await createSession(env, merchant);
    const desktopCall = shopperAt(env, mail, merchant, desktop).call;
    expect((await desktopCall('POST', '/shipping-address', TYPED_ON_DESKTOP)).status).toBe(200);
    const { token } = (await (await desktopCall('POST', '/handoff', {})).json()) as { token: string };
    const redeemed = await env.app.request('/v1/client/handoff/redeem', {
      method: 'POST',
      headers: { 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    const device = (await redeemed.json()) as { clientSecret: string };
    // The phone calls the desktop's session with a credential of its own.
    const phone = shopperAt(env, mail, merchant, { id: desktop.id, clientSecret: device.clientSecret });
    const view = async () => (await (await phone.call('GET', '')).json()) as { contact: unknown; shippingAddress: { city: string } | null };
    expect((await view()).shippingAddress).toBeNull();

    // The shopper proves who they are on the phone (a code by email); their profile fills the session.
    const verified = await phone.signIn(email);
    expect(verified.profile).not.toBeNull();
    // Before the profile is applied, the desktop's address is still hidden.
    expect((await view()).shippingAddress).toBeNull();
    const applied = await phone.call('POST', '/identity/apply', {}, { 'omni-shopper-token': verified.shopperToken });
    expect(applied.status).toBe(200);
    expect(((await applied.json()) as { shippingAddress: { city: string } }).shippingAddress).toMatchObject({ line1: SAVED.line1 });
    expect(await view()).toMatchObject({ contact: { email }, shippingAddress: { line1: SAVED.line1, city: SAVED.city } });
  });
});
