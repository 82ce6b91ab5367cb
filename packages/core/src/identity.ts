/**
 * The shopper identity network's API shapes (zod), shared by the backend's routes, the typed
 * client and the components. Every identity endpoint lives under the checkout session
 * (`/v1/client/checkout-sessions/{id}/identity/...`): it needs the session's client secret and the
 * merchant's publishable key, from an allowed origin; those that act for a verified shopper also
 * need the shopper token (`Omni-Shopper-Token` header), which is bound to that merchant, session
 * and origin and lives at most 15 minutes.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { CheckoutSession, Id, PostalAddress, ProviderId } from './schemas.js';
import { displayString, safeJsonRecord, safeString } from './text.js';


export const OneTimeCode = z.string().regex(/^\d{6}$/, 'Enter the 6-digit code');
export const PhoneInput = z.string().trim().min(4).max(32).regex(/^[+\d][\d ()-]*$/, 'Enter a phone number like +49 151 23456789');

export const IdentityLookupRequest = z.union([
  z.object({ email: z.email('Enter an email address like name@example.com').max(LIMITS.maxEmail) }).strict(),
  z.object({ phone: PhoneInput }).strict(),
]);

/** Same shape whether or not the shopper is known (docs/security.md R21). */
export const IdentityLookupResponse = z.object({
  challengeId: Id,
  channel: z.enum(['email', 'sms']),
  /** Masked destination, e.g. `a•••@e•••.com` or `••• ••42`. */
  hint: z.string(),
  expiresAt: z.string(),
});

export const VerifyCodeRequest = z
  .object({
    challengeId: Id,
    code: OneTimeCode,
    /** Remember this device on this merchant's site (≤ 30 days idle). */
    rememberDevice: z.boolean().optional(),
  })
  .strict();

export const SavedAddress = z.object({
  id: Id,
  label: z.string().max(40),
  address: PostalAddress,
  isDefault: z.boolean(),
});

export const SavedMethod = z.object({
  id: Id,
  provider: ProviderId,
  /** `card`, or `wallet` for a vaulted PayPal or Venmo account. */
  type: z.enum(['card', 'wallet']),
  brand: z.string(),
  /** Cards only. */
  last4: z.string().regex(/^\d{4}$/).optional(),
  expMonth: z.number().int().optional(),
  expYear: z.number().int().optional(),
  /** Wallets only: the account, masked (`a•••@example.com`). */
  account: z.string().optional(),
  isDefault: z.boolean(),
});

export const ShopperProfile = z.object({
  email: z.string(),
  phone: z.string().nullable(),
  addresses: z.array(SavedAddress),
  savedMethods: z.array(SavedMethod),
  preferredShippingOptionId: z.string().nullable(),
  passkeys: z.number().int(),
});

export const ShopperSession = z.object({
  /** Bearer for this merchant, session and origin; send it as `Omni-Shopper-Token`. */
  shopperToken: z.string(),
  expiresAt: z.string(),
  /** How the shopper proved who they are; step-up needs `sms` or `passkey` within 5 minutes. */
  assurance: z.enum(['email', 'sms', 'passkey']),
  /** Null until the shopper agreed to share their saved details with this merchant. */
  profile: ShopperProfile.nullable(),
  /** The merchant has no consent yet: ask "share my saved details with <merchant>" first. */
  consentRequired: z.boolean(),
  /** Given when `rememberDevice` was asked: keep it on this site only. */
  deviceToken: z.string().optional(),
});

export const ShareRequest = z.object({ textVersion: safeString().min(1).max(40) }).strict();

export const SaveIntentRequest = z
  .object({
    /** Must be true: the shopper ticked the (unticked by default) box. */
    consent: z.literal(true),
    textVersion: safeString().min(1).max(40),
    phone: PhoneInput.optional(),
  })
  .strict();

export const DeviceRequest = z.object({ deviceToken: safeString().min(20).max(200) }).strict();

/** What a remembered device may show before the passkey: enough for the one-click button, nothing more. */
export const DeviceSummary = z.object({
  recognized: z.boolean(),
  /** "Pay €42.00 with •••• 4242, deliver to Home". */
  method: z.object({ id: Id, brand: z.string(), last4: z.string().optional(), account: z.string().optional() }).nullable(),
  address: z.object({ id: Id, label: z.string() }).nullable(),
  hasPasskey: z.boolean(),
});

export const PasskeyOptionsResponse = z.object({ options: z.record(z.string(), z.unknown()) });

/**
 * The first render of a returning shopper in one call (`POST …/identity/recall` with the device
 * token): the session, what the remembered device may show, and, only when it can pay in one click
 * (recognised, a saved method and address, a passkey, an open session), the WebAuthn request
 * options with a fresh single-use challenge bound to this session, as `/passkeys/authentication-options` issues it.
 */
export const RecallResponse = z.object({
  session: CheckoutSession,
  device: DeviceSummary,
  passkeyOptions: z.record(z.string(), z.unknown()).nullable(),
});
export const PasskeyResponseRequest = z.object({ response: safeJsonRecord(), rememberDevice: z.boolean().optional() }).strict();

export const AddAddressRequest = z
  .object({ label: displayString().trim().min(1).max(40), address: PostalAddress, makeDefault: z.boolean().optional() })
  .strict();

export const ChangeContactRequest = z.union([
  z.object({ email: z.email().max(LIMITS.maxEmail) }).strict(),
  z.object({ phone: PhoneInput }).strict(),
]);

export const PayWithSavedRequest = z.object({ savedMethodId: Id, addressId: Id.optional() }).strict();

export type IdentityLookupRequest = z.infer<typeof IdentityLookupRequest>;
export type IdentityLookupResponse = z.infer<typeof IdentityLookupResponse>;
export type VerifyCodeRequest = z.infer<typeof VerifyCodeRequest>;
export type SavedAddress = z.infer<typeof SavedAddress>;
export type SavedMethod = z.infer<typeof SavedMethod>;
export type ShopperProfile = z.infer<typeof ShopperProfile>;
export type ShopperSession = z.infer<typeof ShopperSession>;
export type DeviceSummary = z.infer<typeof DeviceSummary>;
export type RecallResponse = z.infer<typeof RecallResponse>;
export type SaveIntentRequest = z.infer<typeof SaveIntentRequest>;
export type AddAddressRequest = z.infer<typeof AddAddressRequest>;
export type ChangeContactRequest = z.infer<typeof ChangeContactRequest>;
