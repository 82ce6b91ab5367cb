/**
 * A verified shopper: their profile as the shopper sees it, the tokens that prove who they are
 * (docs/security.md R25), remembering a device, and the checks other parts ask for (consent, step-up R20).
 */
import { computeTotals, type ShopperProfile, type ShopperSession } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Queryable } from '../storage/db.js';
import {
  DEFAULT_STEP_UP_NEW_COUNTRY_ABOVE,
  STEP_UP_MS,
  TOKEN_TTL_MS,
  date,
  newToken,
  type Caller,
  type IdentityDeps,
  type ShopperTokenRecord,
  type StoredProfile,
} from './deps.js';
import { touchResume } from './resume.js';
import { storeOf, type Row } from './store.js';
import type { Vault } from './vault.js';

export function openProfile(vault: Pick<Vault, 'open'>, row: Row): StoredProfile {
  return JSON.parse(vault.open(row.profile_sealed as string)) as StoredProfile;
}

/** The profile as the shopper sees it (never a provider reference or customer). */
export async function profileView(deps: IdentityDeps, shopperId: string): Promise<ShopperProfile> {
  const store = storeOf(deps.db);
  const row = await store.shopper(shopperId);
  if (!row) throw new ApiError(401, 'invalid_shopper_token', 'Please verify again.');
  const stored = openProfile(deps.vault, row);
  const passkeys = await store.passkeyCount(shopperId);
  return {
    email: deps.vault.open(row.email_sealed as string),
    phone: row.phone_sealed ? deps.vault.open(row.phone_sealed as string) : null,
    addresses: stored.addresses,
    savedMethods: (await store.savedMethods(shopperId)).map(({ reference: _r, customer: _c, ...method }) => method),
    preferredShippingOptionId: stored.preferredShippingOptionId,
    passkeys,
  };
}

/** Remembers this device for the shopper on this merchant's site; the device token, shown once. */
export async function rememberDevice(deps: IdentityDeps, caller: Caller, shopperId: string, now: Date): Promise<string> {
  const deviceToken = newToken('dvc_');
  await storeOf(deps.db).insertDevice(`dev_${randomHex(12)}`, deps.vault.mac('device', deviceToken), shopperId, caller.merchant.id, now);
  return deviceToken;
}

export async function issueSession(
  deps: IdentityDeps,
  caller: Caller,
  shopperId: string,
  assurance: ShopperTokenRecord['assurance'],
  remember: boolean,
): Promise<ShopperSession> {
  const store = storeOf(deps.db);
  const now = deps.now();
  const token = newToken('shtok_');
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
  await store.insertShopperToken({
    tokenHash: deps.vault.mac('shopper-token', token),
    shopperId,
    merchantId: caller.merchant.id,
    sessionId: caller.session.id,
    origin: caller.origin,
    assurance,
    verifiedAt: now,
    expiresAt,
  });
  const deviceToken = remember ? await rememberDevice(deps, caller, shopperId, now) : undefined;
  const consented = await store.hasConsent(shopperId, caller.merchant.id);
  // Resume on another device: this session is the shopper's latest at the merchant (resume.ts).
  if (consented) await touchResume(deps.db, shopperId, caller, now);
  return {
    shopperToken: token,
    expiresAt: expiresAt.toISOString(),
    assurance,
    consentRequired: !consented,
    profile: consented ? await profileView(deps, shopperId) : null,
    ...(deviceToken ? { deviceToken } : {}),
  };
}

/**
 * The shopper behind a token, only for the merchant, session and origin it was issued to, and only
 * until it expires (docs/security.md R25). Anything else is one indistinguishable 401.
 */
export async function authenticateShopper(deps: IdentityDeps, caller: Caller, token: string | undefined | null): Promise<ShopperTokenRecord> {
  return shopperTokenIn(deps.db, deps, caller, token);
}

/** As `authenticateShopper`, read through `db` (the order's transaction in `afterOrder`). */
export async function shopperTokenIn(
  db: Queryable,
  deps: Pick<IdentityDeps, 'vault' | 'now'>,
  caller: Caller,
  token: string | undefined | null,
): Promise<ShopperTokenRecord> {
  if (!token) throw new ApiError(401, 'shopper_token_required', 'Verify your email or phone first.');
  const row = await storeOf(db).shopperToken(deps.vault.mac('shopper-token', token));
  const now = deps.now();
  if (
    !row ||
    row.merchant_id !== caller.merchant.id ||
    row.session_id !== caller.session.id ||
    row.origin !== caller.origin ||
    date(row.expires_at).getTime() <= now.getTime()
  ) {
    throw new ApiError(401, 'invalid_shopper_token', 'Your sign-in has expired. Please verify again.');
  }
  return {
    shopperId: row.shopper_id as string,
    assurance: row.assurance as ShopperTokenRecord['assurance'],
    verifiedAt: date(row.verified_at),
    expiresAt: date(row.expires_at),
  };
}

const STEP_UP_MESSAGE = 'For your security, confirm it is you with a code by text message or your passkey.';

/** Email codes are low assurance (R20): contact and method changes need a fresh SMS code or passkey. */
export async function requireStepUp(deps: IdentityDeps, token: ShopperTokenRecord, message = STEP_UP_MESSAGE): Promise<void> {
  const fresh = deps.now().getTime() - token.verifiedAt.getTime() <= STEP_UP_MS;
  if (fresh && (token.assurance === 'sms' || token.assurance === 'passkey')) return;
  if (fresh && token.assurance === 'email') {
    // A shopper with neither a phone nor a passkey has no stronger factor: a fresh email code is the most we can ask.
    const store = storeOf(deps.db);
    const row = await store.shopper(token.shopperId);
    const hasPasskey = await store.hasPasskey(token.shopperId);
    if (row && !row.phone_sealed && !hasPasskey) return;
  }
  throw new ApiError(403, 'step_up_required', message);
}

/**
 * R20: paying with a saved method, above the threshold, to a country none of the saved addresses
 * is in, takes the same step-up as a contact change (a fresh SMS code or passkey).
 */
export async function requireStepUpForNewCountry(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord): Promise<void> {
  const country = caller.session.shippingAddress?.country;
  if (!country) return;
  const shipping = caller.session.shippingOptions.find((o) => o.id === caller.session.selectedShippingOptionId) ?? null;
  if (computeTotals(caller.session.lineItems, shipping).total <= (deps.stepUpNewCountryAbove ?? DEFAULT_STEP_UP_NEW_COUNTRY_ABOVE)) return;
  const row = await storeOf(deps.db).shopper(token.shopperId);
  if (!row || openProfile(deps.vault, row).addresses.some((a) => a.address.country === country)) return;
  await requireStepUp(deps, token, 'This order goes to a new country. For your security, confirm it is you with a code by text message or your passkey.');
}

export async function requireConsent(deps: IdentityDeps, caller: Caller, shopperId: string): Promise<void> {
  if (!(await storeOf(deps.db).hasConsent(shopperId, caller.merchant.id))) {
    throw new ApiError(403, 'consent_required', `Agree to share your saved details with ${caller.merchant.name} first.`);
  }
}
