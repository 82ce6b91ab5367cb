/**
 * Why an express wallet is or is not offered: Stripe's Express Checkout Element says which wallets
 * it shows; the browser and the session say why the others are missing. A pure function, so every
 * reason is tested without a browser.
 */
import type { ExpressWallet, WalletAvailability } from '@omni-checkout/core/provider';
import type { PaymentMethodType } from '@omni-checkout/core/types';
import { METHOD_AVAILABILITY, isMethodAvailable, type Market } from '@omni-checkout/core/markets';

/** What the page can tell about itself. */
export interface WalletEnvironment {
  /** `window.isSecureContext`: wallets need HTTPS (or localhost). */
  readonly secureContext: boolean;
  /** Safari exposes `ApplePaySession`. */
  readonly applePay: boolean;
  /** `ApplePaySession.canMakePayments()`: the device can pay with Apple Pay. */
  readonly applePayCanPay: boolean;
  /** The Payment Request API, which Google Pay needs. */
  readonly paymentRequest: boolean;
}

/** The Express Checkout Element's answer on `ready` (undefined when it could not load). */
export type StripeAvailability = { readonly applePay: boolean; readonly googlePay: boolean; readonly link: boolean } | undefined;

const KEYS = { apple_pay: 'applePay', google_pay: 'googlePay', link: 'link' } as const;

export function environment(win: Window & typeof globalThis): WalletEnvironment {
  const session = (win as { ApplePaySession?: { canMakePayments(): boolean } }).ApplePaySession;
  let canPay = false;
  try {
    canPay = Boolean(session?.canMakePayments());
  } catch {
    // Throws on insecure pages.
  }
  return { secureContext: win.isSecureContext, applePay: Boolean(session), applePayCanPay: canPay, paymentRequest: 'PaymentRequest' in win };
}

export function walletAvailability(
  wallet: Extract<ExpressWallet, keyof typeof KEYS>,
  stripe: StripeAvailability,
  env: WalletEnvironment,
  market: Market,
  offered: readonly PaymentMethodType[],
): WalletAvailability {
  const unavailable = (reason: Extract<WalletAvailability, { available: false }>['reason']): WalletAvailability => ({ wallet, available: false, reason });
  if (!offered.includes(wallet)) return unavailable('not_enabled');
  if (!isMethodAvailable(wallet, market)) {
    const countries = METHOD_AVAILABILITY[wallet].countries;
    const inCountry = !countries || (Array.isArray(countries) ? countries.includes(market.country) : market.country in countries);
    return unavailable(inCountry ? 'unsupported_currency' : 'unsupported_country');
  }
  if (stripe?.[KEYS[wallet]]) return { wallet, available: true };
  if (!env.secureContext) return unavailable('insecure_context');
  if (!stripe) return unavailable('load_failed');
  if (wallet === 'apple_pay') {
    if (!env.applePay) return unavailable('unsupported_browser');
    // The device can pay, yet Stripe shows no button: the domain is not registered with Stripe.
    return unavailable(env.applePayCanPay ? 'domain_not_registered' : 'no_card_in_wallet');
  }
  if (wallet === 'google_pay') return unavailable(env.paymentRequest ? 'no_card_in_wallet' : 'unsupported_browser');
  return unavailable('not_enabled');
}
