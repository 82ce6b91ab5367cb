/**
 * Typed client for the identity endpoints (`/v1/client/checkout-sessions/{id}/identity/*`), used
 * by `<omni-identity>`, `<omni-saved-methods>` and `<omni-checkout>`. It keeps the shopper token in
 * memory only (never in storage, attributes or URLs) and sends it as `Omni-Shopper-Token`.
 */
import type { ClientOptions } from './client.js';
import { sessionCaller, type SessionCallOptions } from './session-call.js';
import type { ResumeOffer, ResumeOfferResponse, ResumeResponse } from './handoff.js';
import type {
  AddAddressRequest,
  ChangeContactRequest,
  DeviceSummary,
  IdentityLookupRequest,
  IdentityLookupResponse,
  ShopperProfile,
  ShopperSession,
} from './identity.js';
import type { CheckoutSession } from './types.js';

/** The consent text the save checkbox shows; its version is recorded with the consent. */
export const SAVE_CONSENT_VERSION = 'save-v1';
/** The "share my saved details with this merchant" text. */
export const SHARE_CONSENT_VERSION = 'share-v1';

/** `ada@example.com` → `a•••@e•••.com`. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}•••@${host.slice(0, 1)}•••${tld}`;
}

/** `+49 151 23456742` → `••• ••42`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `••• ••${digits.slice(-2)}`;
}

export interface IdentityBackend {
  lookup(request: IdentityLookupRequest): Promise<IdentityLookupResponse>;
  verify(challengeId: string, code: string, rememberDevice?: boolean): Promise<ShopperSession>;
  stepUp(): Promise<IdentityLookupResponse>;
  setSaveConsent(consent: boolean, textVersion: string, phone?: string): Promise<{ saved: boolean }>;
  share(textVersion: string): Promise<ShopperProfile>;
  profile(): Promise<ShopperProfile>;
  apply(addressId?: string): Promise<CheckoutSession>;
  addAddress(request: AddAddressRequest): Promise<ShopperProfile>;
  setDefaultAddress(addressId: string): Promise<ShopperProfile>;
  setDefaultMethod(methodId: string): Promise<ShopperProfile>;
  removeMethod(methodId: string): Promise<ShopperProfile>;
  changeContact(request: ChangeContactRequest): Promise<ShopperProfile>;
  device(deviceToken: string): Promise<DeviceSummary>;
  forgetDevice(deviceToken: string): Promise<{ revoked: boolean }>;
  passkeyAuthenticationOptions(): Promise<{ options: Record<string, unknown> }>;
  passkeyAuthenticate(response: unknown, rememberDevice?: boolean): Promise<ShopperSession>;
  passkeyRegistrationOptions(): Promise<{ options: Record<string, unknown> }>;
  passkeyRegister(response: unknown): Promise<{ registered: boolean; deviceToken?: string }>;
  exportData(): Promise<Record<string, unknown>>;
  erase(): Promise<{ erased: boolean }>;
  /** Pays with a saved method (`spm_...`) for the verified shopper; one idempotency key per attempt. */
  confirmSaved(savedMethodId: string, idempotencyKey: string, provider?: string): Promise<import('./types.js').ConfirmResponse>;
  /** The shopper token in use (set by verify and passkey sign-in), or null. */
  readonly shopperToken: string | null;
  setShopperToken(token: string | null): void;
}

/**
 * Shopper tokens handed to a session the shopper continues on this page (`<omni-resume>`: the
 * checkout switches to that session), keyed by its client secret: the next client made for that
 * session starts signed in.
 */
const handedOver = new Map<string, string>();

export function handOverShopperToken(clientSecret: string, token: string): void {
  handedOver.set(clientSecret, token);
}

export function createIdentityClient(options: ClientOptions): IdentityBackend {
  let shopperToken: string | null = handedOver.get(options.clientSecret) ?? null;
  handedOver.delete(options.clientSecret);
  const call = sessionCaller(options, (): Record<string, string> => (shopperToken ? { 'omni-shopper-token': shopperToken } : {}));

  const id = (path: string, body: unknown = {}) => call<ShopperProfile>('POST', path, body);
  const signedIn = async (promise: Promise<ShopperSession>) => {
    const result = await promise;
    shopperToken = result.shopperToken;
    return result;
  };

  return {
    get shopperToken() {
      return shopperToken;
    },
    setShopperToken(token) {
      shopperToken = token;
    },
    lookup: (request) => call('POST', '/identity/lookup', request),
    verify: (challengeId, code, rememberDevice = false) => signedIn(call('POST', '/identity/verify', { challengeId, code, rememberDevice })),
    stepUp: () => call('POST', '/identity/step-up', {}),
    setSaveConsent: (consent, textVersion, phone) => call('POST', '/identity/save', { consent, textVersion, ...(phone ? { phone } : {}) }),
    share: (textVersion) => call('POST', '/identity/share', { textVersion }),
    profile: () => call('GET', '/identity/profile'),
    apply: (addressId) => call('POST', '/identity/apply', addressId ? { addressId } : {}),
    addAddress: (request) => id('/identity/addresses', request),
    setDefaultAddress: (addressId) => id(`/identity/addresses/${encodeURIComponent(addressId)}/default`),
    setDefaultMethod: (methodId) => id(`/identity/methods/${encodeURIComponent(methodId)}/default`),
    removeMethod: (methodId) => id(`/identity/methods/${encodeURIComponent(methodId)}/remove`),
    changeContact: (request) => id('/identity/contact', request),
    device: (deviceToken) => call('POST', '/identity/device', { deviceToken }),
    forgetDevice: (deviceToken) => call('POST', '/identity/device/forget', { deviceToken }),
    passkeyAuthenticationOptions: () => call('POST', '/identity/passkeys/authentication-options', {}),
    passkeyAuthenticate: (response, rememberDevice = false) =>
      signedIn(call('POST', '/identity/passkeys/authenticate', { response, rememberDevice })),
    passkeyRegistrationOptions: () => call('POST', '/identity/passkeys/registration-options', {}),
    passkeyRegister: (response) => call('POST', '/identity/passkeys', { response }),
    exportData: () => call('GET', '/identity/export'),
    erase: () => call('POST', '/identity/erase', {}),
    confirmSaved: (savedMethodId, idempotencyKey, provider) =>
      call('POST', '/confirm', { paymentMethod: savedMethodId, ...(provider ? { provider } : {}) }, { 'idempotency-key': idempotencyKey }),
  };
}

/**
 * Resume on another device (docs/omnichannel.md): for a shopper signed in on this session (their
 * shopper token), the unfinished checkout at this merchant they may continue here, and the
 * exchange, once, for this device's own credential of it (and their sign-in carried over).
 */
export interface ResumeClient {
  /** The offer (lines and total), or null. */
  offer(): Promise<ResumeOffer | null>;
  /** Continue it: use `clientSecret` as the checkout's client secret from now on. */
  resume(sessionId: string): Promise<ResumeResponse>;
}

export function createResumeClient(options: SessionCallOptions, shopperToken: string): ResumeClient {
  const call = sessionCaller(options, () => ({ 'omni-shopper-token': shopperToken }));
  return {
    offer: async () => (await call<ResumeOfferResponse>('GET', '/identity/resume')).offer,
    resume: (sessionId) => call<ResumeResponse>('POST', '/identity/resume', { sessionId }),
  };
}
