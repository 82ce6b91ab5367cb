/** The primitive boundary schemas (schemas.ts re-exports them): text fields, ids, currency and country codes, amounts, channels. */
import { z } from 'zod';
import { isKnownCurrency } from './money.js';
import { LIMITS } from './limits.js';
import { displayString } from './text.js';

const regionNames = /* @__PURE__ */ (() => {
  let names: Intl.DisplayNames | undefined;
  return () => (names ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }));
})();

/**
 * ISO 3166-1 user-assigned (AA, QM–QZ, XA–XZ, ZZ) and exceptionally reserved (EU, EZ, UN) codes:
 * `Intl` names them ("Unknown Region", "European Union") but nobody ships to them. Kosovo's XK is
 * user-assigned yet used as a country code by postal services and Google's address data, so it stays.
 */
const NOT_A_COUNTRY = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/;

/** ISO 3166-1 alpha-2 country code that `Intl` can name and that denotes a real territory. */
export function isKnownCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_A_COUNTRY.test(code)) return false;
  try {
    return regionNames().of(code) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Trimmed, non-empty, bounded text a person reads later (names, addresses, line items, shipping
 * labels): no control characters, nothing PostgreSQL cannot store, nothing that disguises how it
 * displays (see `text.ts`).
 */
export const text = (max: number = LIMITS.maxShortText) =>
  displayString()
    .trim()
    .min(1, 'Required')
    .max(max, `Must be at most ${max} characters`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'Contains control characters');

export const optionalText = (max: number = LIMITS.maxShortText) =>
  displayString()
    .trim()
    .max(max, `Must be at most ${max} characters`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'Contains control characters')
    .optional();

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'Use letters, digits, _ . : -');

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 code in capitals, e.g. EUR')
  .refine(isKnownCurrency, { message: 'Unknown currency code', params: { code: 'unknown_currency' } });

export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166-1 code in capitals, e.g. DE')
  .refine(isKnownCountry, { message: 'Unknown country code' });

export const MinorAmount = z
  .number()
  .int('Amounts are integers in minor units (cents)')
  .min(0, 'Amounts cannot be negative')
  .max(LIMITS.maxAmount, 'Amount is too large');

export const Money = z.object({ amount: MinorAmount, currency: CurrencyCode }).strict();
export type Money = z.infer<typeof Money>;

export const Locale = z.string().min(2).max(35).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a BCP 47 tag, e.g. en-GB');

export const Channel = z.enum(['web', 'app', 'kiosk', 'pos', 'link']);
export type Channel = z.infer<typeof Channel>;

/** The channel a payment came through: the session's own, or `handoff` when a handed-off device paid (docs/omnichannel.md). */
export const PaidChannel = z.enum(['web', 'app', 'kiosk', 'pos', 'link', 'handoff']);
/** A coarse class of the device that paid, from the client hints or the user agent (never the user agent itself). */
export const DeviceClass = z.enum(['desktop', 'phone', 'tablet', 'kiosk']);
/** How a paid session was paid: its channel and the class of the device. */
export const PaidVia = z.object({ channel: PaidChannel, device: DeviceClass.nullable() });
