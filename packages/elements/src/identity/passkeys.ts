/**
 * Passkeys in the browser through SimpleWebAuthn, loaded only when a passkey is used (it is not
 * part of the first render). The remembered-device token is in `device.ts`.
 */
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { ShopperSession } from '@omni-checkout/core/identity';

const browserLib = () => import('@simplewebauthn/browser');

export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';
}

export async function conditionalMediationAvailable(): Promise<boolean> {
  if (!passkeysSupported()) return false;
  const check = (PublicKeyCredential as unknown as { isConditionalMediationAvailable?: () => Promise<boolean> }).isConditionalMediationAvailable;
  return typeof check === 'function' ? check.call(PublicKeyCredential).catch(() => false) : false;
}

/**
 * Signs in with a discoverable passkey. `conditional`: offered in the email field's autofill
 * (the call stays pending until the shopper picks one, or another ceremony aborts it).
 */
export async function signInWithPasskey(
  backend: IdentityBackend,
  options: { conditional?: boolean; rememberDevice?: boolean; optionsJSON?: Record<string, unknown> } = {},
): Promise<ShopperSession> {
  const { startAuthentication } = await browserLib();
  const optionsJSON = options.optionsJSON ?? (await backend.passkeyAuthenticationOptions()).options;
  const response = await startAuthentication({
    optionsJSON: optionsJSON as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'],
    useBrowserAutofill: options.conditional === true,
    verifyBrowserAutofillInput: false,
  });
  return backend.passkeyAuthenticate(response, options.rememberDevice === true);
}

/** Registers a passkey for the verified shopper; answers the remembered-device token. */
export async function registerPasskey(backend: IdentityBackend): Promise<string | undefined> {
  const { startRegistration } = await browserLib();
  const { options } = await backend.passkeyRegistrationOptions();
  const response = await startRegistration({ optionsJSON: options as unknown as Parameters<typeof startRegistration>[0]['optionsJSON'] });
  const result = await backend.passkeyRegister(response);
  return result.deviceToken;
}

export { rememberedDevice, rememberDevice } from './device.js';

/** True for the error a browser raises when the shopper dismissed the passkey prompt or another ceremony replaced it. */
export function isPasskeyDismissal(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'AbortError' || name === 'NotAllowedError';
}
