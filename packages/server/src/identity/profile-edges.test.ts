/**
 * Edges of the saved profile on PGlite: withdrawing the "save my details" choice, prefilling a checkout
 * from a named address or the preferred delivery, adding a second address without making it the
 * default, changing the email or phone (who is told, which devices stop working, a contact another
 * shopper holds), and erasure exactly at the end of the step-up window.
 */
import { beforeAll, expect, it } from 'vitest';
import { SAVE_CONSENT_VERSION, type ShopperProfile } from '@omni-checkout/core';
import type { MailMessage } from '../notifications/mailer.js';
import { SAMPLE_SESSION, createMerchant, createSession, paySaving, shopperAt, type TestEnv, type TestMerchant } from '../test/env.js';
import { createIdentityTestEnv } from '../test/identity.js';
import { STEP_UP_MS } from './deps.js';

const mail: MailMessage[] = [];
let env: TestEnv;
let shop: TestMerchant;

beforeAll(async () => {
  env = await createIdentityTestEnv(mail);
  shop = await createMerchant(env, 'Edge Shop');
});

const email = () => `profile.${Math.random().toString(36).slice(2)}@example.com`;
const visit = async (session = SAMPLE_SESSION) => shopperAt(env, mail, shop, await createSession(env, shop, session));
const count = async (sql: string) => Number((await env.db.query<{ n: number | string }>(sql)).rows[0]!.n);
const OFFICE = { name: 'Ada Lovelace', line1: 'Friedrichstraße 100', city: 'Hamburg', postalCode: '20095', country: 'DE' };

/** A shopper signed in again at the shop after saving their details there; the browser and its token. */
async function signedIn(address: string, rememberDevice?: boolean, session = SAMPLE_SESSION) {
  const browser = await visit(session);
  const signed = await browser.signIn(address, rememberDevice);
  const as = (method: 'GET' | 'POST', path: string, body?: unknown) => browser.call(method, path, body, { 'omni-shopper-token': signed.shopperToken });
  return { browser, signed, as };
}

it('answers saved: true to the save choice, and the guest is stored when they pay', async () => {
  const guest = await visit();
  await guest.client.fill();
  expect((await guest.client.post('/contact', { email: email() })).status).toBe(200);
  expect(await (await guest.call('POST', '/identity/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).json()).toEqual({ saved: true });
  const shoppers = await count('SELECT count(*) AS n FROM shoppers');
  expect((await guest.client.confirm('pm_mock_success_4242')).status).toBe(200);
  expect(await count('SELECT count(*) AS n FROM shoppers')).toBe(shoppers + 1);
});

it('prefills a named address, refuses an unknown one, and skips a preferred delivery this checkout does not offer', async () => {
  const address = email();
  await paySaving(env, shop, address);
  // Pay once more with express delivery: it becomes the preferred option.
  const first = await signedIn(address);
  expect((await first.as('POST', '/identity/apply', {})).status).toBe(200);
  expect((await first.browser.client.post('/shipping-option', { shippingOptionId: 'express' })).status).toBe(200);
  const method = first.signed.profile!.savedMethods[0]!;
  const paid = await first.browser.client.post('/confirm', { paymentMethod: method.id }, { 'idempotency-key': `pref-${address}`, 'omni-shopper-token': first.signed.shopperToken });
  expect(paid.status).toBe(200);

  const { as } = await signedIn(address);
  const added = (await (await as('POST', '/identity/addresses', { label: 'Office', address: OFFICE, makeDefault: false })).json()) as ShopperProfile;
  // A second address added without makeDefault leaves the first one the default.
  expect(added.addresses.map((a) => [a.address.city, a.isDefault])).toEqual([['Berlin', true], ['Hamburg', false]]);
  const office = added.addresses.find((a) => a.address.city === 'Hamburg')!;

  const unknown = await as('POST', '/identity/apply', { addressId: 'adr_00000000' });
  expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([404, 'address_not_found']);
  expect(await (await as('POST', '/identity/apply', { addressId: office.id })).json()).toMatchObject({ shippingAddress: { city: 'Hamburg' }, selectedShippingOptionId: 'express' });

  // Without a named address, the default one; on a checkout without express, the merchant's own choice stays.
  const standardOnly = { ...SAMPLE_SESSION, shippingOptions: SAMPLE_SESSION.shippingOptions.slice(0, 1) };
  const elsewhere = await signedIn(address, undefined, standardOnly);
  const applied = await elsewhere.as('POST', '/identity/apply', {});
  expect(applied.status).toBe(200);
  expect(await applied.json()).toMatchObject({ shippingAddress: { city: 'Berlin' }, selectedShippingOptionId: 'standard' });
});

it("a new email tells the old address, revokes remembered devices, and a contact another shopper holds is refused", async () => {
  const address = email();
  const taken = email();
  await paySaving(env, shop, address);
  await paySaving(env, shop, taken);
  const { as } = await signedIn(address, true);
  const notices = (kind: string) => count(`SELECT count(*) AS n FROM outbox WHERE template = 'contact_changed' AND channel = '${kind === 'email' ? 'email' : 'sms'}' AND payload->>'kind' = '${kind}'`);
  const emailNotices = await notices('email');
  const phoneNotices = await notices('phone');

  const refused = await as('POST', '/identity/contact', { email: taken });
  expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([400, 'validation_failed']);
  expect(((await (await as('GET', '/identity/profile')).json()) as ShopperProfile).email).toBe(address);

  const moved = email();
  expect(((await (await as('POST', '/identity/contact', { email: moved })).json()) as ShopperProfile).email).toBe(moved);
  expect(await notices('email')).toBe(emailNotices + 1);
  const exported = (await (await as('GET', '/identity/export')).json()) as { devices: { revoked: boolean }[] };
  expect(exported.devices.length).toBeGreaterThan(0);
  expect(exported.devices.every((d) => d.revoked)).toBe(true);

  // A first phone number: there was no old one to tell.
  expect((await as('POST', '/identity/contact', { phone: '+49 151 23456789' })).status).toBe(200);
  expect(await notices('phone')).toBe(phoneNotices);
});

it('erases the saved details up to the last millisecond of the step-up window, and asks to verify again after it', async () => {
  const verifiedAt = async () =>
    new Date((await env.db.query<{ v: Date | string }>('SELECT max(verified_at) AS v FROM shopper_tokens')).rows[0]!.v).getTime();
  const before = env.clock.now;
  try {
    const late = email();
    await paySaving(env, shop, late);
    const tooLate = await signedIn(late);
    env.clock.now = new Date((await verifiedAt()) + STEP_UP_MS + 1);
    const refused = await tooLate.as('POST', '/identity/erase', {});
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([403, 'step_up_required']);

    env.clock.now = before;
    const address = email();
    await paySaving(env, shop, address);
    const { as } = await signedIn(address);
    env.clock.now = new Date((await verifiedAt()) + STEP_UP_MS);
    const erased = await as('POST', '/identity/erase', {});
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ erased: true });
  } finally {
    env.clock.now = before;
  }
});
