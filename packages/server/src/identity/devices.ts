/** Remembered devices (R23): recognising one for the one-click button, revoking, forgetting. */
import type { DeviceSummary } from '@omni-checkout/core';
import { DEVICE_IDLE_MS, type Caller, type IdentityDeps, type ShopperTokenRecord } from './deps.js';
import { passkeyAuthenticationOptions } from './passkeys.js';
import { profileView } from './shopper.js';
import { storeOf } from './store.js';

/**
 * A remembered device on this merchant's site (≤ 30 days idle, not revoked): enough to show the
 * one-click button, never enough to pay (that takes the passkey or a code).
 */
export async function deviceSummary(deps: IdentityDeps, caller: Caller, deviceToken: string): Promise<DeviceSummary> {
  const store = storeOf(deps.db);
  const now = deps.now();
  const shopperId = await store.useDevice(deps.vault.mac('device', deviceToken), caller.merchant.id, now, new Date(now.getTime() - DEVICE_IDLE_MS));
  if (!shopperId || !(await store.hasConsent(shopperId, caller.merchant.id))) {
    return { recognized: false, method: null, address: null, hasPasskey: false };
  }
  const view = await profileView(deps, shopperId);
  const method = view.savedMethods.find((m) => m.isDefault) ?? view.savedMethods[0] ?? null;
  const address = view.addresses.find((a) => a.isDefault) ?? view.addresses[0] ?? null;
  return {
    recognized: true,
    method: method
      ? { id: method.id, brand: method.brand, ...(method.last4 ? { last4: method.last4 } : {}), ...(method.account ? { account: method.account } : {}) }
      : null,
    address: address ? { id: address.id, label: address.label } : null,
    hasPasskey: view.passkeys > 0,
  };
}

/**
 * What a returning shopper's first render needs besides the session, in the same request: the
 * device's summary and, only when it can pay in one click (recognised, a saved method and address,
 * a passkey) on a session that can still be paid, the passkey request options. Their challenge is
 * issued exactly as `/passkeys/authentication-options` issues it (R22: single-use, 5 minutes, bound
 * to this merchant and session), so no challenge is stored for a device that will never use it.
 */
export async function recallDevice(
  deps: IdentityDeps,
  caller: Caller,
  deviceToken: string,
  payable: boolean,
): Promise<{ device: DeviceSummary; passkeyOptions: Record<string, unknown> | null }> {
  const device = await deviceSummary(deps, caller, deviceToken);
  const oneClick = payable && device.recognized && device.hasPasskey && device.method !== null && device.address !== null;
  return { device, passkeyOptions: oneClick ? (await passkeyAuthenticationOptions(deps, caller)).options : null };
}

export async function revokeDevice(deps: IdentityDeps, _caller: Caller, token: ShopperTokenRecord, deviceId: string): Promise<{ revoked: boolean }> {
  return { revoked: await storeOf(deps.db).revokeDevice(deviceId, token.shopperId) };
}

/** "Forget this device": the holder of a device token may always revoke it. */
export async function forgetDevice(deps: IdentityDeps, caller: Caller, deviceToken: string): Promise<{ revoked: boolean }> {
  return { revoked: await storeOf(deps.db).revokeDeviceByToken(deps.vault.mac('device', deviceToken), caller.merchant.id) };
}
