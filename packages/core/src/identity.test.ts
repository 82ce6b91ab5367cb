/**
 * What the identity endpoints accept from a page and answer to it (core/src/identity.ts): the
 * shapes both the backend's routes and the typed client validate with. Written against the
 * mutation run's gaps (docs/mutation.md): every rule here is something a shopper or an attacker
 * would notice if it loosened.
 */
import { describe, expect, it } from 'vitest';
import {
  AddAddressRequest,
  ChangeContactRequest,
  DeviceRequest,
  DeviceSummary,
  IdentityLookupRequest,
  IdentityLookupResponse,
  PasskeyResponseRequest,
  PayWithSavedRequest,
  SaveIntentRequest,
  SavedAddress,
  SavedMethod,
  ShareRequest,
  ShopperSession,
  VerifyCodeRequest,
} from './identity.js';
import { LIMITS } from './limits.js';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;
const ADDRESS = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };

describe('one-time codes and lookups', () => {
  it('a code is exactly six digits', () => {
    const verify = (code: string) => ok(VerifyCodeRequest, { challengeId: 'ch_1', code });
    expect(verify('123456')).toBe(true);
    for (const code of ['12345', '1234567', 'a23456', '12345a', '', ' 123456', '１２３４５６']) expect(verify(code), code).toBe(false);
    expect(VerifyCodeRequest.safeParse({ challengeId: 'ch_1', code: '12345' }).error?.issues[0]?.message).toBe('Enter the 6-digit code');
    expect(ok(VerifyCodeRequest, { challengeId: 'ch_1', code: '123456', rememberDevice: true })).toBe(true);
    expect(ok(VerifyCodeRequest, { challengeId: 'ch_1', code: '123456', extra: 1 })).toBe(false);
  });

  it('looks a shopper up by email or by phone, never both, and says how to write each', () => {
    expect(ok(IdentityLookupRequest, { email: 'ada@example.com' })).toBe(true);
    expect(ok(IdentityLookupRequest, { phone: '+49 151 23456789' })).toBe(true);
    expect(ok(IdentityLookupRequest, { phone: '030 (123) 456-78' })).toBe(true);
    expect(ok(IdentityLookupRequest, { email: 'ada@example.com', phone: '+49 151 23456789' })).toBe(false);
    expect(ok(IdentityLookupRequest, {})).toBe(false);
    expect(ok(IdentityLookupRequest, { email: 'not an email' })).toBe(false);
    expect(ok(IdentityLookupRequest, { email: `${'a'.repeat(LIMITS.maxEmail)}@example.com` })).toBe(false);
    for (const phone of ['123', '+49 151 2345678901234567890123456789', 'call me', '+49 151 x', '-49 151 234']) {
      expect(ok(IdentityLookupRequest, { phone }), phone).toBe(false);
    }
    expect(ok(IdentityLookupRequest, { phone: '  +4915123456789  ' })).toBe(true);
    const emailError = IdentityLookupRequest.safeParse({ email: 'x' }).error!.issues.flatMap((i) => ('errors' in i ? (i.errors as { message: string }[][]).flat() : [i]));
    expect(emailError.map((i) => i.message)).toContain('Enter an email address like name@example.com');
    const phoneError = IdentityLookupRequest.safeParse({ phone: 'call me' }).error!.issues.flatMap((i) => ('errors' in i ? (i.errors as { message: string }[][]).flat() : [i]));
    expect(phoneError.map((i) => i.message)).toContain('Enter a phone number like +49 151 23456789');
  });

  it('answers the same shape for every lookup: a challenge on email or sms, a masked hint', () => {
    const answer = { challengeId: 'ch_1', channel: 'sms', hint: '••• ••42', expiresAt: '2026-01-01T00:00:00Z' };
    expect(ok(IdentityLookupResponse, answer)).toBe(true);
    expect(ok(IdentityLookupResponse, { ...answer, channel: 'email' })).toBe(true);
    expect(ok(IdentityLookupResponse, { ...answer, channel: 'post' })).toBe(false);
    expect(ok(IdentityLookupResponse, { channel: 'sms', hint: '', expiresAt: '' })).toBe(false);
  });
});

describe('the profile', () => {
  it('a saved address has a label of at most 40 characters', () => {
    const address = { id: 'adr_1', label: 'Home', address: ADDRESS, isDefault: true };
    expect(ok(SavedAddress, address)).toBe(true);
    expect(ok(SavedAddress, { ...address, label: 'x'.repeat(40) })).toBe(true);
    expect(ok(SavedAddress, { ...address, label: 'x'.repeat(41) })).toBe(false);
    expect(ok(SavedAddress, { id: 'adr_1', label: 'Home', isDefault: true })).toBe(false);
  });

  it('a saved method is a card (four last digits) or a wallet, never the card number', () => {
    const card = { id: 'spm_1', provider: 'stripe', type: 'card', brand: 'visa', last4: '4242', isDefault: true };
    expect(ok(SavedMethod, card)).toBe(true);
    expect(ok(SavedMethod, { ...card, type: 'wallet', last4: undefined, account: 'a•••@example.com' })).toBe(true);
    expect(ok(SavedMethod, { ...card, type: 'bank' })).toBe(false);
    for (const last4 of ['424', '42424', '4242424242424242', 'abcd', ' 4242']) expect(ok(SavedMethod, { ...card, last4 }), last4).toBe(false);
    expect(ok(SavedMethod, { id: 'spm_1', provider: 'stripe', type: 'card', isDefault: true })).toBe(false);
  });

  it('a session says how the shopper proved who they are, and carries no profile until they share', () => {
    const session = { shopperToken: 'st_1', expiresAt: '2026-01-01T00:00:00Z', assurance: 'email', profile: null, consentRequired: true };
    expect(ok(ShopperSession, session)).toBe(true);
    for (const assurance of ['sms', 'passkey']) expect(ok(ShopperSession, { ...session, assurance })).toBe(true);
    expect(ok(ShopperSession, { ...session, assurance: 'password' })).toBe(false);
    expect(ok(ShopperSession, { ...session, consentRequired: undefined })).toBe(false);
    expect(ok(ShopperSession, { ...session, profile: { email: 'ada@example.com', phone: null, addresses: [], savedMethods: [], preferredShippingOptionId: null, passkeys: 0 } })).toBe(true);
  });
});

describe('consent, devices and changes', () => {
  it('saving needs the box ticked (true, not just present) and a consent text version', () => {
    expect(ok(SaveIntentRequest, { consent: true, textVersion: 'v1' })).toBe(true);
    expect(ok(SaveIntentRequest, { consent: false, textVersion: 'v1' })).toBe(false);
    expect(ok(SaveIntentRequest, { consent: 'yes', textVersion: 'v1' })).toBe(false);
    expect(ok(SaveIntentRequest, { consent: true, textVersion: '' })).toBe(false);
    expect(ok(SaveIntentRequest, { consent: true, textVersion: 'v'.repeat(41) })).toBe(false);
    expect(ok(SaveIntentRequest, { consent: true, textVersion: 'v'.repeat(40), phone: '+49 151 23456789' })).toBe(true);
    expect(ok(ShareRequest, { textVersion: 'v1' })).toBe(true);
    expect(ok(ShareRequest, { textVersion: '' })).toBe(false);
    expect(ok(ShareRequest, { textVersion: 'v'.repeat(41) })).toBe(false);
    expect(ok(ShareRequest, { textVersion: 'v1', merchant: 'other' })).toBe(false);
  });

  it('a device token is 20 to 200 characters', () => {
    expect(ok(DeviceRequest, { deviceToken: 'd'.repeat(20) })).toBe(true);
    expect(ok(DeviceRequest, { deviceToken: 'd'.repeat(200) })).toBe(true);
    expect(ok(DeviceRequest, { deviceToken: 'd'.repeat(19) })).toBe(false);
    expect(ok(DeviceRequest, { deviceToken: 'd'.repeat(201) })).toBe(false);
  });

  it('a remembered device shows at most a method and an address label', () => {
    const summary = { recognized: true, method: { id: 'spm_1', brand: 'visa', last4: '4242' }, address: { id: 'adr_1', label: 'Home' }, hasPasskey: false };
    expect(ok(DeviceSummary, summary)).toBe(true);
    expect(ok(DeviceSummary, { recognized: false, method: null, address: null, hasPasskey: false })).toBe(true);
    expect(ok(DeviceSummary, { ...summary, method: { brand: 'visa' } })).toBe(false);
    expect(ok(DeviceSummary, { ...summary, address: { id: 'adr_1' } })).toBe(false);
  });

  it('a new address needs a label of 1 to 40 characters (trimmed) and a postal address', () => {
    expect(ok(AddAddressRequest, { label: 'Office', address: ADDRESS })).toBe(true);
    expect(AddAddressRequest.parse({ label: '  Office  ', address: ADDRESS, makeDefault: true }).label).toBe('Office');
    expect(ok(AddAddressRequest, { label: '   ', address: ADDRESS })).toBe(false);
    expect(ok(AddAddressRequest, { label: 'x'.repeat(41), address: ADDRESS })).toBe(false);
    expect(ok(AddAddressRequest, { label: 'x'.repeat(40), address: ADDRESS })).toBe(true);
    expect(ok(AddAddressRequest, { label: 'Office' })).toBe(false);
  });

  it('a contact change is one email or one phone', () => {
    expect(ok(ChangeContactRequest, { email: 'new@example.com' })).toBe(true);
    expect(ok(ChangeContactRequest, { phone: '+49 151 23456789' })).toBe(true);
    expect(ok(ChangeContactRequest, { email: 'new@example.com', phone: '+49 151 23456789' })).toBe(false);
    expect(ok(ChangeContactRequest, { email: `${'a'.repeat(LIMITS.maxEmail)}@example.com` })).toBe(false);
    expect(ok(ChangeContactRequest, { phone: '12' })).toBe(false);
  });

  it('paying with a saved method names it (and optionally an address), nothing else', () => {
    expect(ok(PayWithSavedRequest, { savedMethodId: 'spm_1' })).toBe(true);
    expect(ok(PayWithSavedRequest, { savedMethodId: 'spm_1', addressId: 'adr_1' })).toBe(true);
    expect(ok(PayWithSavedRequest, { savedMethodId: 'spm_1', amount: 1 })).toBe(false);
    expect(ok(PasskeyResponseRequest, { response: { id: 'x' }, rememberDevice: true })).toBe(true);
    expect(ok(PasskeyResponseRequest, { response: { id: 'x' }, other: 1 })).toBe(false);
  });
});
