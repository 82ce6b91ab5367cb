/**
 * Edges the mutation run (docs/mutation.md) showed untested in core's money, totals, errors and
 * form helpers: each assertion is a behaviour a shopper or merchant would notice.
 */
import { describe, expect, it } from 'vitest';
import { loadAddressRules } from './address.js';
import { countryOptions, readAddress, readContact, requiredAddressFields, requiresPostalCode, sameValue } from './checkout-form.js';
import { OmniApiError, isRetryablePaymentError } from './errors.js';
import { currencyMinorUnits, fromMajorUnits, isKnownCurrency } from './money.js';
import { AmountOverflowError, computeTotals, priceLineItems } from './totals.js';
import { LIMITS } from './limits.js';

const [DE, GB, IE] = await Promise.all(['DE', 'GB', 'IE'].map((code) => loadAddressRules(code)));

describe('money', () => {
  it('knows a currency only by its exact three capital letters', () => {
    expect(isKnownCurrency('EUR')).toBe(true);
    for (const code of ['eur', 'EURO', 'XEUR', 'EU', ' EUR', 'EUR ']) expect(isKnownCurrency(code), code).toBe(false);
  });

  it('remembers each currency’s decimals (the same answer twice, from the cache)', () => {
    expect([currencyMinorUnits('KWD'), currencyMinorUnits('KWD'), currencyMinorUnits('JPY'), currencyMinorUnits('JPY')]).toEqual([3, 3, 0, 0]);
  });

  it('reads only whole decimal strings, and says which value it could not read', () => {
    expect(fromMajorUnits(' 19.99 ', 'EUR')).toBe(1999);
    expect(fromMajorUnits('19', 'EUR')).toBe(1900);
    expect(fromMajorUnits('500', 'JPY')).toBe(500);
    for (const value of ['x19.99', '19.99x', '19,99', '-1', '']) {
      expect(() => fromMajorUnits(value, 'EUR'), value).toThrow(`Not a decimal amount: ${JSON.stringify(value)}`);
    }
  });
});

describe('totals', () => {
  it('names its overflow error, and says it is the order total that is too large', () => {
    const item = { id: 'big', name: 'Big', unitAmount: LIMITS.maxAmount, quantity: 1 };
    const error = (() => {
      try {
        computeTotals(priceLineItems([item]), { id: 's', label: 'S', amount: 1, deliveryEstimate: { minDays: 1, maxDays: 1 } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AmountOverflowError);
    expect((error as Error).name).toBe('AmountOverflowError');
    expect((error as Error).message).toBe('The order total is larger than the largest accepted amount');
  });
});

describe('errors', () => {
  it('lets the shopper retry after a decline or a failed or canceled 3-D Secure, not after other errors', () => {
    for (const code of ['card_declined', 'insufficient_funds', 'authentication_failed', 'authentication_canceled'] as const) {
      expect(isRetryablePaymentError(code), code).toBe(true);
    }
    for (const code of ['provider_error', 'validation_failed', 'confirm_in_progress', 'session_expired'] as const) {
      expect(isRetryablePaymentError(code as Parameters<typeof isRetryablePaymentError>[0]), code).toBe(false);
    }
  });

  it('an API error without issues has an empty list', () => {
    expect(new OmniApiError('provider_error', 'Try again', 502).issues).toEqual([]);
  });
});

describe('form helpers', () => {
  it('a parcel always needs a recipient name, first, and the country', () => {
    const fields = requiredAddressFields(DE!);
    expect(fields[0]).toBe('name');
    expect(fields.filter((f) => f === 'name')).toHaveLength(1);
    expect(fields).toContain('country');
  });

  it('knows where a postal code is required (Germany, Britain) and where not (Ireland has Eircodes optional)', () => {
    expect(requiresPostalCode(DE!)).toBe(true);
    expect(requiresPostalCode(GB!)).toBe(true);
    expect(requiresPostalCode(IE!)).toBe(false);
  });

  it('an address is complete only for the country whose rules it was read with, and with every required field', () => {
    const full = { name: 'Ada', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'de' };
    expect(readAddress(full, DE!).complete).toBe(true);
    expect(readAddress({ ...full, country: '' }, DE!).complete).toBe(false);
    expect(readAddress({ ...full, country: 'FR' }, DE!).complete).toBe(false);
    expect(readAddress({ ...full, name: '  ' }, DE!).complete).toBe(false);
    expect(readAddress(full, null).complete).toBe(false);
  });

  it('a contact is the trimmed email, or nothing', () => {
    expect(readContact('  ada@example.com ')).toEqual({ email: 'ada@example.com' });
    expect(readContact('   ')).toBeNull();
    expect(readContact(undefined)).toBeNull();
  });

  it('two values are the same whatever the key order, and absent, null and empty fields do not count', () => {
    expect(sameValue({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameValue({ a: '1', b: '', c: null, d: undefined }, { a: '1' })).toBe(true);
    expect(sameValue({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameValue({ a: '1', b: '2' }, { a: '1' })).toBe(false);
    expect(sameValue({ a: 0 }, {})).toBe(false);
    expect(sameValue({ a: false }, {})).toBe(false);
    expect(sameValue({ b: '1', a: '2', c: '3' }, { c: '3', a: '2', b: '1' })).toBe(true);
    expect(sameValue({ a: '1', b: '2' }, { a: '2', b: '1' })).toBe(false);
  });

  it('lists every country once, named in the shopper’s language and sorted by that name', () => {
    const de = countryOptions('de');
    expect(new Set(de.map((c) => c.code)).size).toBe(de.length);
    expect(de.find((c) => c.code === 'AT')?.name).toBe('Österreich');
    const names = de.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('de').compare));
    expect(names.indexOf('Ägypten')).toBeLessThan(names.indexOf('Belgien'));
  });
});
