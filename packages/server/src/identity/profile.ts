/**
 * Consent (saving as a guest, sharing with another merchant, R29), the profile and its addresses,
 * prefilling a checkout from it, and changing the email or phone (R23, R24).
 */
import type { CheckoutSession, PostalAddress, ShopperProfile } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { ApiError } from '../errors.js';
import { enqueueNotification } from '../notifications/outbox.js';
import { normaliseEmail, normalisePhone, type Caller, type IdentityDeps, type ShopperTokenRecord, type StoredProfile } from './deps.js';
import { touchResume } from './resume.js';
import { profileView, requireConsent, requireStepUp } from './shopper.js';
import { identityStore, inTransaction, storeOf } from './store.js';

/** Records (or withdraws) the guest's "save my details" choice for this session; nothing is stored about them yet. */
export async function setSaveIntent(
  deps: IdentityDeps,
  caller: Caller,
  input: { consent: boolean; textVersion: string; phone?: string },
): Promise<{ saved: boolean }> {
  const store = storeOf(deps.db);
  if (!input.consent) {
    await store.deleteSaveIntent(caller.session.id);
    return { saved: false };
  }
  const phone = input.phone ? normalisePhone(input.phone, caller.session.country).e164 : null;
  await store.setSaveIntent(caller.session.id, `shp_${randomHex(12)}`, input.textVersion, phone ? deps.vault.seal(phone) : null);
  return { saved: true };
}

/** The shopper agrees to share their saved details with this merchant (R29, network). */
export async function share(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, textVersion: string): Promise<ShopperProfile> {
  await storeOf(deps.db).grantConsent(token.shopperId, caller.merchant.id, 'share', textVersion, deps.now());
  await touchResume(deps.db, token.shopperId, caller, deps.now());
  return profileView(deps, token.shopperId);
}

export async function profile(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  return profileView(deps, token.shopperId);
}

/** Prefills the checkout session from the profile: email, an address (default unless named), preferred shipping. */
export async function applyProfile(
  deps: IdentityDeps,
  caller: Caller,
  token: ShopperTokenRecord,
  addressId: string | undefined,
  update: (patch: { contact: { email: string } } | { shippingAddress: PostalAddress } | { selectedShippingOptionId: string }) => Promise<CheckoutSession>,
): Promise<CheckoutSession> {
  await requireConsent(deps, caller, token.shopperId);
  const view = await profileView(deps, token.shopperId);
  const address = addressId ? view.addresses.find((a) => a.id === addressId) : (view.addresses.find((a) => a.isDefault) ?? view.addresses[0]);
  if (addressId && !address) throw new ApiError(404, 'address_not_found', 'That address is not in your profile.');
  let session = await update({ contact: { email: view.email } });
  if (address) session = await update({ shippingAddress: address.address });
  const preferred = view.preferredShippingOptionId;
  if (preferred && caller.session.shippingOptions.some((o) => o.id === preferred)) {
    session = await update({ selectedShippingOptionId: preferred });
  }
  return session;
}

export async function addAddress(
  deps: IdentityDeps,
  caller: Caller,
  token: ShopperTokenRecord,
  input: { label: string; address: PostalAddress; makeDefault?: boolean },
): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  await updateProfile(deps, token.shopperId, (stored) => {
    const isDefault = input.makeDefault === true || stored.addresses.length === 0;
    const addresses = stored.addresses.map((a) => (isDefault ? { ...a, isDefault: false } : a));
    addresses.push({ id: `adr_${randomHex(8)}`, label: input.label, address: input.address, isDefault });
    return { ...stored, addresses };
  });
  return profileView(deps, token.shopperId);
}

export async function setDefaultAddress(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, addressId: string): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  await updateProfile(deps, token.shopperId, (stored) => {
    if (!stored.addresses.some((a) => a.id === addressId)) throw new ApiError(404, 'address_not_found', 'That address is not in your profile.');
    return { ...stored, addresses: stored.addresses.map((a) => ({ ...a, isDefault: a.id === addressId })) };
  });
  return profileView(deps, token.shopperId);
}

async function updateProfile(deps: IdentityDeps, shopperId: string, change: (stored: StoredProfile) => StoredProfile): Promise<void> {
  await inTransaction(deps.db, async (store) => {
    const sealed = await store.profileSealed(shopperId, true);
    if (!sealed) throw new ApiError(401, 'invalid_shopper_token', 'Please verify again.');
    const next = change(JSON.parse(deps.vault.open(sealed)) as StoredProfile);
    await store.setProfileSealed(shopperId, deps.vault.seal(JSON.stringify(next)), true);
  });
}

/** New email or phone: step-up first; every remembered device is revoked and the old contact is told (R23, R24). */
export async function changeContact(
  deps: IdentityDeps,
  caller: Caller,
  token: ShopperTokenRecord,
  request: { email: string } | { phone: string },
): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  await requireStepUp(deps, token);
  const kind = 'email' in request ? 'email' : 'phone';
  const value = 'email' in request ? normaliseEmail(request.email) : normalisePhone(request.phone, caller.session.country).e164;
  const hash = deps.vault.lookupHash(kind, value);
  await deps.db.transaction(async (tx) => {
    const store = identityStore(tx);
    const row = (await store.lockShopper(token.shopperId))!;
    if (await store.contactTaken(kind, hash, token.shopperId)) {
      throw new ApiError(400, 'validation_failed', `This ${kind === 'email' ? 'email address' : 'phone number'} cannot be used.`, [
        { path: kind, message: 'Not available' },
      ]);
    }
    await store.setContact(token.shopperId, kind, hash, deps.vault.seal(value));
    await store.revokeAllDevices(token.shopperId);
    const old = row[`${kind}_sealed`] as string | null;
    if (old) {
      await enqueueNotification(tx, {
        key: `contact-changed:${token.shopperId}:${kind}:${randomHex(8)}`,
        channel: kind === 'email' ? 'email' : 'sms',
        template: 'contact_changed',
        payload: { to: old, kind },
      });
    }
  });
  deps.wakeOutbox?.();
  return profileView(deps, token.shopperId);
}
