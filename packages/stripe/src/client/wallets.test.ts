import { describe, expect, it } from 'vitest';
import { walletAvailability, type WalletEnvironment } from './wallets.js';

const chrome: WalletEnvironment = { secureContext: true, applePay: false, applePayCanPay: false, paymentRequest: true };
const safari: WalletEnvironment = { secureContext: true, applePay: true, applePayCanPay: true, paymentRequest: true };
const de = { country: 'DE', currency: 'EUR' };
const all = ['card', 'apple_pay', 'google_pay', 'link'] as const;
const none = { applePay: false, googlePay: false, link: false };

describe('why a wallet is or is not offered', () => {
  it('offers what Stripe shows', () => {
    expect(walletAvailability('google_pay', { ...none, googlePay: true }, chrome, de, all)).toEqual({ wallet: 'google_pay', available: true });
  });

  it('names the reason for each missing wallet', () => {
    const reason = (...args: Parameters<typeof walletAvailability>) => {
      const result = walletAvailability(...args);
      return result.available ? 'available' : result.reason;
    };
    expect(reason('apple_pay', none, { ...safari, secureContext: false }, de, all)).toBe('insecure_context');
    expect(reason('apple_pay', none, chrome, de, all)).toBe('unsupported_browser');
    expect(reason('apple_pay', none, safari, de, all)).toBe('domain_not_registered');
    expect(reason('apple_pay', none, { ...safari, applePayCanPay: false }, de, all)).toBe('no_card_in_wallet');
    expect(reason('google_pay', none, chrome, de, all)).toBe('no_card_in_wallet');
    expect(reason('google_pay', none, { ...chrome, paymentRequest: false }, de, all)).toBe('unsupported_browser');
    expect(reason('google_pay', undefined, chrome, de, all)).toBe('load_failed');
    expect(reason('link', { ...none, link: true }, chrome, de, ['card'])).toBe('not_enabled');
    // Link works in Germany, not in Korea; in Germany only in its currencies' countries.
    expect(reason('link', { ...none, link: true }, chrome, { country: 'KR', currency: 'KRW' }, all)).toBe('unsupported_country');
  });
});
