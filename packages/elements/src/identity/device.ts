/**
 * The remembered-device token: it lives in this merchant site's `localStorage`, keyed by
 * publishable key, and only tells the backend "this device was remembered here"; paying still
 * takes the passkey. A module of its own (no imports), so `<omni-checkout>`'s first render can ask
 * "is this device remembered?" without loading the identity network.
 */
const deviceKey = (publishableKey: string) => `omni-device:${publishableKey}`;

/** Whether any merchant on this site remembered this device (the painted first render has nothing to paint otherwise). */
export function anyRememberedDevice(): boolean {
  try {
    for (let i = 0; i < localStorage.length; i++) if (localStorage.key(i)?.startsWith(deviceKey(''))) return true;
  } catch {
    // Storage disabled: nothing is remembered.
  }
  return false;
}

export function rememberedDevice(publishableKey: string): string | null {
  try {
    return localStorage.getItem(deviceKey(publishableKey));
  } catch {
    return null;
  }
}

export function rememberDevice(publishableKey: string, token: string | null): void {
  try {
    if (token) localStorage.setItem(deviceKey(publishableKey), token);
    else localStorage.removeItem(deviceKey(publishableKey));
  } catch {
    // Storage disabled: the device is simply not remembered.
  }
}
