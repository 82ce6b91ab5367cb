import { describe, expect, it } from 'vitest';
import { currencyMinorUnits, formatMoney, fromMajorUnits, isKnownCurrency } from './money.js';

describe('money', () => {
  it('uses each currency’s own minor units', () => {
    expect(currencyMinorUnits('EUR')).toBe(2);
    expect(currencyMinorUnits('JPY')).toBe(0);
    expect(currencyMinorUnits('KWD')).toBe(3);
  });

  it('formats in the shopper’s locale with the right decimals', () => {
    expect(formatMoney({ amount: 4200, currency: 'EUR' }, 'en-IE')).toBe('€42.00');
    expect(formatMoney({ amount: 4200, currency: 'JPY' }, 'en-US')).toBe('¥4,200');
    expect(formatMoney({ amount: 1234, currency: 'KWD' }, 'en-US')).toBe('KWD\u00a01.234');
    expect(formatMoney({ amount: 4200, currency: 'EUR' }, 'de-DE')).toBe('42,00\u00a0€');
  });

  it('parses major-unit strings without float drift and refuses too many decimals', () => {
    expect(fromMajorUnits('19.99', 'EUR')).toBe(1999);
    expect(fromMajorUnits('0.1', 'EUR')).toBe(10);
    expect(fromMajorUnits('1500', 'JPY')).toBe(1500);
    expect(fromMajorUnits('1.234', 'KWD')).toBe(1234);
    expect(() => fromMajorUnits('1.5', 'JPY')).toThrow(/0 decimal places/);
    expect(() => fromMajorUnits('abc', 'EUR')).toThrow(RangeError);
  });

  it('knows ISO 4217 codes and rejects others', () => {
    expect(isKnownCurrency('EUR')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
    expect(isKnownCurrency('eur')).toBe(false);
  });
});
