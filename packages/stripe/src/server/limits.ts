/**
 * Amounts Stripe takes, per method, for a market (the provider contract's `amountLimits`): a
 * session whose total is outside them does not show the method (docs/payment-methods.md).
 *
 * - Stripe's minimum charge amount per presentment currency ("Minimum and maximum charge amounts"
 *   in Stripe's supported-currencies guide), for every method Stripe carries; and its maximum
 *   amount field of eight digits (99,999,999 minor units).
 * - BLIK: at most 50,000.00 PLN per payment (the BLIK scheme's limit per transaction).
 */
import { currencyMinorUnits, type PaymentMethodType } from '@omni-checkout/core';

/** Stripe's minimum charge per currency, in major units (currencies of the seed markets). */
const MINIMUM_CHARGE: Readonly<Record<string, number>> = {
  USD: 0.5, EUR: 0.5, GBP: 0.3, AUD: 0.5, CAD: 0.5, CHF: 0.5, NZD: 0.5, SGD: 0.5, BRL: 0.5, INR: 0.5,
  AED: 2, PLN: 2, RON: 2, MYR: 2, BGN: 1, DKK: 2.5, NOK: 3, SEK: 3, HKD: 4, MXN: 10, THB: 10, CZK: 15, JPY: 50,
};

/** Stripe's `amount` has at most eight digits. */
const MAXIMUM_AMOUNT = 99_999_999;

const BLIK_MAXIMUM_PLN = 50_000;

const minor = (major: number, currency: string) => Math.round(major * 10 ** currencyMinorUnits(currency));

export function stripeAmountLimits(
  market: { readonly currency: string },
  methods: readonly PaymentMethodType[],
): Partial<Record<PaymentMethodType, { min?: number; max?: number }>> {
  const currency = market.currency.toUpperCase();
  const floor = MINIMUM_CHARGE[currency];
  const general = { ...(floor !== undefined ? { min: minor(floor, currency) } : {}), max: MAXIMUM_AMOUNT };
  const limits: Partial<Record<PaymentMethodType, { min?: number; max?: number }>> = Object.fromEntries(methods.map((method) => [method, general]));
  if (currency === 'PLN' && methods.includes('blik')) limits.blik = { ...general, max: minor(BLIK_MAXIMUM_PLN, 'PLN') };
  return limits;
}
