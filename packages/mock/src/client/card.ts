/**
 * Formatting and validation of the mock card fields, as plain functions (tested in Node).
 * Only the mock provider ever handles a card number; real providers keep it in their iframes.
 */

/** Why a card field is not valid yet; the shopper reads it in their language (`i18n/`). */
export type CardErrorCode =
  | 'incomplete_number'
  | 'invalid_number'
  | 'incomplete_expiry'
  | 'invalid_expiry_month'
  | 'invalid_expiry_year_past'
  | 'incomplete_cvc';

export interface FieldError {
  readonly code: CardErrorCode;
}

const error = (code: CardErrorCode): FieldError => ({ code });

export const digitsOf = (value: string): string => value.replace(/\D/g, '');

/** Luhn (mod 10) checksum of a digit string. */
export function luhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const isAmex = (digits: string) => /^3[47]/.test(digits);

export const MAX_CARD_DIGITS = 19;

/** Digits a complete number of this brand has (15 for American Express, 16 otherwise). */
export function expectedCardLength(digits: string): number {
  return isAmex(digits) ? 15 : 16;
}

/** "4242424242424242" → "4242 4242 4242 4242" (at most 19 digits kept). */
export function formatCardNumber(value: string): string {
  const digits = digitsOf(value).slice(0, MAX_CARD_DIGITS);
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Error of a card number, or null when it is valid. Empty counts as incomplete. */
export function validateCardNumber(digits: string): FieldError | null {
  if (digits.length < expectedCardLength(digits)) return error('incomplete_number');
  if (digits.length > MAX_CARD_DIGITS || !luhn(digits)) return error('invalid_number');
  return null;
}

/**
 * Normalises what the shopper typed or autofill wrote ("1228", "12/28", "12 / 2028", "4") to
 * "MM / YY" as far as it goes. A first digit 2–9 can only be a month, so it gets a leading zero.
 */
export function formatExpiry(value: string): string {
  const split = /^\s*(\d{1,2})\s*[/\-.]\s*(\d{2}|\d{4})\s*$/.exec(value);
  let digits = split ? split[1]!.padStart(2, '0') + split[2]!.slice(-2) : digitsOf(value);
  if (!split && digits.length === 6) digits = digits.slice(0, 2) + digits.slice(4); // MMYYYY
  if (/^[2-9]/.test(digits)) digits = `0${digits}`;
  digits = digits.slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)} / ${digits.slice(2)}` : digits;
}

/** Error of an "MM / YY" expiry, or null when valid. `now` is injectable for tests. */
export function validateExpiry(value: string, now: Date = new Date()): FieldError | null {
  const digits = digitsOf(value);
  if (digits.length < 4) return error('incomplete_expiry');
  const month = Number(digits.slice(0, 2));
  const year = 2000 + Number(digits.slice(2, 4));
  if (month < 1 || month > 12) return error('invalid_expiry_month');
  const current = now.getFullYear() * 12 + now.getMonth();
  const expiry = year * 12 + (month - 1);
  if (expiry < current) return error('invalid_expiry_year_past');
  return null;
}

/** Digits only, at most 4. */
export function formatCvc(value: string): string {
  return digitsOf(value).slice(0, 4);
}

/** Error of a CVC (3 digits, 4 for American Express), or null when valid. */
export function validateCvc(value: string, cardDigits = ''): FieldError | null {
  const digits = digitsOf(value);
  return digits.length < (isAmex(cardDigits) ? 4 : 3) ? error('incomplete_cvc') : null;
}

/**
 * Caret position in `formatted` that keeps `digitsBefore` digits to its left, so editing in the
 * middle of a formatted value does not throw the caret to the end.
 */
export function caretAfterDigits(formatted: string, digitsBefore: number): number {
  if (digitsBefore <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < formatted.length; i++) {
    if (/\d/.test(formatted[i]!)) seen += 1;
    if (seen === digitsBefore) return i + 1;
  }
  return formatted.length;
}
