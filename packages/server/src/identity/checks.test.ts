/**
 * The checks the identity routes lean on, at their limits (found by the mutation run,
 * docs/mutation.md): a shopper token works for its merchant, session and origin until the moment it
 * expires and not after; step-up accepts an SMS code or passkey up to five minutes old, an email code
 * only from a shopper who has no stronger factor; a new shipping country needs step-up only above the
 * threshold; consent is per merchant; a one-time code works until the moment it expires, and a
 * phone number gets 400 `sms_unavailable` from a server that sends no text messages, and so does
 * step-up for a shopper without a phone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { usePglite } from '../test/databases.js';
import { createMerchant, createSession, createTestEnv, type TestEnv } from '../test/env.js';
import { identityDeps, storeShopper, storeShopperToken } from '../test/identity.js';
import type { MerchantRecord, SessionRecord } from '../storage/index.js';
import { STEP_UP_MS, TOKEN_TTL_MS, type Caller, type IdentityDeps, type ShopperTokenRecord } from './deps.js';
import { lookup, startStepUp, verifyCode } from './codes.js';
import { requireConsent, requireStepUp, requireStepUpForNewCountry, shopperTokenIn } from './shopper.js';
import { identityStore } from './store.js';
import { randomVault } from './vault.js';

const getDb = usePglite();
const vault = randomVault();
const clock = { now: new Date('2026-03-01T12:00:00.000Z') };
let env: TestEnv;
let deps: IdentityDeps;
let caller: Caller;
let otherMerchant: MerchantRecord;
let otherSession: SessionRecord;
let shopperCount = 0;

beforeAll(async () => {
  env = await createTestEnv({ db: getDb(), vault });
  const shop = await createMerchant(env, 'Checks');
  const other = await createMerchant(env, 'Elsewhere');
  const created = await createSession(env, shop);
  // 2 × 19.99 + 8.50 + 4.95 (standard shipping), to Germany.
  await env.storage.updateOpenSession(
    created.id,
    { shippingAddress: { name: 'Ada', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' } },
    new Date(),
  );
  const session = (await env.storage.sessionById(created.id))!;
  otherSession = (await env.storage.sessionById((await createSession(env, other)).id))!;
  const merchant = (await env.storage.merchantByPublishableKey(shop.publishableKey))!;
  otherMerchant = (await env.storage.merchantByPublishableKey(other.publishableKey))!;
  caller = { session, merchant, origin: shop.origin, ip: '10.0.0.1' };
  deps = identityDeps(getDb(), vault, { now: () => clock.now });
});

/** A shopper with a saved address in `countries`, a phone when asked, and a passkey when asked. */
async function shopper(options: { phone?: boolean; passkey?: boolean; countries?: string[] } = {}) {
  const id = `shp_checks_${++shopperCount}`;
  const store = identityStore(getDb());
  const addresses = (options.countries ?? ['DE']).map((country, i) => ({
    id: `adr_${i}`,
    label: country,
    isDefault: i === 0,
    address: { name: 'Ada', line1: 'Street 1', city: 'City', postalCode: '12345', country },
  }));
  await storeShopper(getDb(), vault, id, { addresses, ...(options.phone ? { phone: `+4915112345${shopperCount}` } : {}) });
  if (options.passkey) await store.insertPasskey(`cred_${id}`, id, 'pk', 0, []);
  return id;
}

const token = (shopperId: string, assurance: ShopperTokenRecord['assurance'], ageMs: number): ShopperTokenRecord => ({
  shopperId,
  assurance,
  verifiedAt: new Date(clock.now.getTime() - ageMs),
  expiresAt: new Date(clock.now.getTime() - ageMs + TOKEN_TTL_MS),
});
const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'allowed';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return `${error.status} ${error.code}`;
  }
};

describe('shopper tokens', () => {
  it('work for their merchant, session and origin until the moment they expire, and not after', async () => {
    const shopperId = await shopper();
    const raw = `shtok_checks_${shopperId}`;
    await storeShopperToken(getDb(), vault, caller, { raw, shopperId, assurance: 'sms', verifiedAt: clock.now });
    const at = (ms: number) => ({ ...deps, now: () => new Date(clock.now.getTime() + ms) });
    const record = await shopperTokenIn(getDb(), at(TOKEN_TTL_MS - 1), caller, raw);
    expect(record).toMatchObject({ shopperId, assurance: 'sms', verifiedAt: clock.now, expiresAt: new Date(clock.now.getTime() + TOKEN_TTL_MS) });
    expect(await codeOf(shopperTokenIn(getDb(), at(TOKEN_TTL_MS), caller, raw))).toBe('401 invalid_shopper_token');
    expect(await codeOf(shopperTokenIn(getDb(), deps, { ...caller, origin: 'https://evil.example' }, raw))).toBe('401 invalid_shopper_token');
    expect(await codeOf(shopperTokenIn(getDb(), deps, { ...caller, merchant: otherMerchant }, raw))).toBe('401 invalid_shopper_token');
    expect(await codeOf(shopperTokenIn(getDb(), deps, { ...caller, session: otherSession }, raw))).toBe('401 invalid_shopper_token');
    expect(await codeOf(shopperTokenIn(getDb(), deps, caller, `${raw}x`))).toBe('401 invalid_shopper_token');
    expect(await codeOf(shopperTokenIn(getDb(), deps, caller, ''))).toBe('401 shopper_token_required');
    expect(await codeOf(shopperTokenIn(getDb(), deps, caller, null))).toBe('401 shopper_token_required');
  });
});

describe('step-up (R20)', () => {
  it('accepts an SMS code or a passkey up to five minutes old, and neither a moment later', async () => {
    const id = await shopper({ phone: true, passkey: true });
    for (const assurance of ['sms', 'passkey'] as const) {
      expect(await codeOf(requireStepUp(deps, token(id, assurance, STEP_UP_MS)))).toBe('allowed');
      expect(await codeOf(requireStepUp(deps, token(id, assurance, STEP_UP_MS + 1)))).toBe('403 step_up_required');
    }
  });

  it('accepts a fresh email code only from a shopper with neither a phone nor a passkey', async () => {
    const bare = await shopper();
    expect(await codeOf(requireStepUp(deps, token(bare, 'email', 0)))).toBe('allowed');
    expect(await codeOf(requireStepUp(deps, token(bare, 'email', STEP_UP_MS + 1)))).toBe('403 step_up_required');
    expect(await codeOf(requireStepUp(deps, token(await shopper({ phone: true }), 'email', 0)))).toBe('403 step_up_required');
    expect(await codeOf(requireStepUp(deps, token(await shopper({ passkey: true }), 'email', 0)))).toBe('403 step_up_required');
    expect(await codeOf(requireStepUp(deps, token('shp_gone', 'email', 0)))).toBe('403 step_up_required');
  });

  it('asks for step-up for a new shipping country only above the threshold', async () => {
    // The session totals 53.43 EUR to DE; the shopper saved only a French address.
    const abroad = await shopper({ phone: true, countries: ['FR'] });
    const emailToken = token(abroad, 'email', 0);
    expect(await codeOf(requireStepUpForNewCountry({ ...deps, stepUpNewCountryAbove: 5343 }, caller, emailToken))).toBe('allowed');
    expect(await codeOf(requireStepUpForNewCountry({ ...deps, stepUpNewCountryAbove: 5342 }, caller, emailToken))).toBe('403 step_up_required');
    // The total counts the selected shipping option (Express: 48.48 + 12.95 = 61.43), not the first one.
    const express = { ...caller, session: { ...caller.session, selectedShippingOptionId: 'express' } };
    expect(await codeOf(requireStepUpForNewCountry({ ...deps, stepUpNewCountryAbove: 5343 }, express, emailToken))).toBe('403 step_up_required');
    // A saved address in the country, a fresh SMS code, or no address yet: no step-up.
    const home = await shopper({ phone: true, countries: ['FR', 'DE'] });
    expect(await codeOf(requireStepUpForNewCountry({ ...deps, stepUpNewCountryAbove: 0 }, caller, token(home, 'email', 0)))).toBe('allowed');
    expect(await codeOf(requireStepUpForNewCountry({ ...deps, stepUpNewCountryAbove: 0 }, caller, token(abroad, 'sms', 0)))).toBe('allowed');
    const noAddress = { ...caller, session: { ...caller.session, shippingAddress: null } };
    expect(await codeOf(requireStepUpForNewCountry({ ...deps, stepUpNewCountryAbove: 0 }, noAddress, emailToken))).toBe('allowed');
    // The default threshold is 100.00: this 53.43 order passes without step-up.
    const { stepUpNewCountryAbove: _t, ...defaults } = deps;
    expect(await codeOf(requireStepUpForNewCountry(defaults, caller, emailToken))).toBe('allowed');
  });
});

describe('consent', () => {
  it('is needed per merchant: given at one, it does not count at another', async () => {
    const id = await shopper();
    expect(await codeOf(requireConsent(deps, caller, id))).toBe('403 consent_required');
    await identityStore(getDb()).grantConsent(id, otherMerchant.id, 'share', 'v1', new Date());
    expect(await codeOf(requireConsent(deps, caller, id))).toBe('403 consent_required');
    await identityStore(getDb()).grantConsent(id, caller.merchant.id, 'share', 'v1', new Date());
    expect(await codeOf(requireConsent(deps, caller, id))).toBe('allowed');
  });
});

describe('one-time codes', () => {
  it('answers a phone number with 400 sms_unavailable when this server sends no text messages', async () => {
    const phone = { phone: '+49 151 23456789' };
    expect(await codeOf(lookup(deps, caller, phone))).toBe('400 sms_unavailable');
    expect(await codeOf(lookup({ ...deps, sms: { send: async () => undefined } }, caller, phone))).toBe('allowed');
  });

  it('takes a code until the moment it expires (not at it), remembers the device only when asked, and refuses a challenge never issued', async () => {
    const id = await shopper();
    const challenge = async (challengeId: string) => {
      await identityStore(getDb()).insertOtpChallenge({
        id: challengeId,
        identityHash: vault.lookupHash('email', `${id}@example.com`),
        shopperId: id,
        merchantId: caller.merchant.id,
        sessionId: caller.session.id,
        purpose: 'sign_in',
        channel: 'email',
        codeHash: vault.mac('otp', `${challengeId}:123456`),
        expiresAt: new Date(clock.now.getTime() + 60_000),
      });
      return { challengeId, code: '123456' };
    };
    const at = (ms: number) => ({ ...deps, now: () => new Date(clock.now.getTime() + ms) });
    expect(await codeOf(verifyCode(at(60_000), caller, await challenge(`otp_checks_${id}_late`)))).toBe('400 code_expired');
    expect(await codeOf(verifyCode(at(59_999), caller, await challenge(`otp_checks_${id}_in_time`)))).toBe('allowed');
    // The device is remembered only when the shopper asks.
    expect(await verifyCode(deps, caller, await challenge(`otp_checks_${id}_plain`))).not.toHaveProperty('deviceToken');
    const remembered = await verifyCode(deps, caller, { ...(await challenge(`otp_checks_${id}_remember`)), rememberDevice: true });
    expect(remembered.deviceToken).toMatch(/^dvc_/);
    // A challenge that was never issued is a wrong code (not 429 too_many_attempts).
    expect(await codeOf(verifyCode(deps, caller, { challengeId: 'otp_never_issued', code: '123456' }))).toBe('400 invalid_code');
  });

  it('answers step-up by text message with 400 sms_unavailable for a shopper without a phone', async () => {
    const bare = await shopper();
    expect(await codeOf(startStepUp(deps, caller, token(bare, 'email', 0)))).toBe('400 sms_unavailable');
  });
});
