/**
 * Money is always an integer amount in the currency's minor units plus an ISO 4217 code.
 * Minor units come from `Intl` (CLDR), so JPY has 0, EUR 2 and KWD 3 without a hand-written table.
 */
export interface Money {
  /** Integer amount in minor units (cents for EUR, yen for JPY, fils for KWD). */
  readonly amount: number;
  /** ISO 4217 code, upper case. */
  readonly currency: string;
}

let knownCurrencies: ReadonlySet<string> | undefined;

/** True when `code` is an ISO 4217 currency the runtime's `Intl` knows. */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

const digitsCache = new Map<string, number>();

/** Number of minor-unit digits of a currency: JPY 0, USD 2, KWD 3. */
export function currencyMinorUnits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Converts minor units to a major-unit number (1999 EUR cents → 19.99). For display only. */
export function toMajorUnits(money: Money): number {
  return money.amount / 10 ** currencyMinorUnits(money.currency);
}

/** Converts a major-unit decimal string ("19.99") to minor units without floating-point drift. */
export function fromMajorUnits(value: string, currency: string): number {
  const digits = currencyMinorUnits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal amount: ${JSON.stringify(value)}`);
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > digits) {
    throw new RangeError(`${currency} has ${digits} decimal places; got ${JSON.stringify(value)}`);
  }
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Formats money for people, in their locale, with the currency's own number of decimals. */
export function formatMoney(money: Money, locale?: string | readonly string[]): string {
  const digits = currencyMinorUnits(money.currency);
  return new Intl.NumberFormat(locale as string | string[] | undefined, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(toMajorUnits(money));
}
