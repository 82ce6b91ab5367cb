import { describe, expect, it } from 'vitest';
import {
  AUTOCOMPLETE,
  COUNTRY_CODES,
  completeAddress,
  countryOptions,
  readAddress,
  readContact,
  requiredAddressFields,
  sameValue,
  usesRegion,
  autocompleteToken,
} from './checkout-form.js';
import { loadAddressRules } from './address.js';
import { isKnownCountry } from './schemas.js';

const [DE, US, AE] = await Promise.all(['DE', 'US', 'AE'].map((code) => loadAddressRules(code)));

describe('checkout form', () => {
  it('uses the exact autocomplete tokens browsers fill', () => {
    expect(AUTOCOMPLETE).toEqual({
      email: 'email',
      name: 'shipping name',
      country: 'shipping country',
      line1: 'shipping address-line1',
      line2: 'shipping address-line2',
      city: 'shipping address-level2',
      region: 'shipping address-level1',
      postalCode: 'shipping postal-code',
      dependentLocality: 'shipping address-level3',
      sortingCode: 'off',
      phone: 'shipping tel',
    });
    expect(autocompleteToken('billing', 'line1')).toBe('billing address-line1');
  });

  it('lists only countries the backend accepts, each once', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    expect(COUNTRY_CODES.length).toBeGreaterThan(230);
    expect(COUNTRY_CODES.filter((code) => !isKnownCountry(code))).toEqual([]);
  });

  it('names and sorts countries in the shopper’s language', () => {
    const en = countryOptions('en');
    expect(en.find((c) => c.code === 'DE')?.name).toBe('Germany');
    expect(en[0]?.name.localeCompare(en[1]!.name, 'en')).toBeLessThan(0);
    expect(countryOptions('de').find((c) => c.code === 'DE')?.name).toBe('Deutschland');
    expect(countryOptions('ar').find((c) => c.code === 'DE')?.name).toBe('ألمانيا');
  });

  it('asks for a region only where addresses use one, and a postal code only where one exists', () => {
    expect(usesRegion(US!)).toBe(true);
    expect(usesRegion(DE!)).toBe(false);
    expect(requiredAddressFields(US!)).toContain('region');
    expect(requiredAddressFields(DE!)).toEqual(['name', 'country', 'line1', 'postalCode', 'city']);
    expect(requiredAddressFields(AE!)).not.toContain('postalCode');
  });

  it('reads an address into Stripe’s change shape', () => {
    const partial = readAddress({ name: ' Ada Lovelace ', country: 'de', line1: '', city: 'Berlin' }, DE!);
    expect(partial).toEqual({ complete: false, empty: false, value: { name: 'Ada Lovelace', country: 'DE', city: 'Berlin' } });
    expect(completeAddress(partial)).toBeNull();

    const full = readAddress({ name: 'Ada', country: 'DE', line1: 'Unter den Linden 1', line2: ' ', city: 'Berlin', postalCode: '10117', phone: '' }, DE!);
    expect(full.complete).toBe(true);
    // Without the country's rules (still loading, or another country's) it is never complete.
    expect(readAddress({ name: 'Ada', country: 'DE', line1: 'U 1', city: 'Berlin', postalCode: '10117' }, null).complete).toBe(false);
    expect(readAddress({ name: 'Ada', country: 'DE', line1: 'U 1', city: 'Berlin', postalCode: '10117' }, US!).complete).toBe(false);
    expect(completeAddress(full)).toEqual({ name: 'Ada', country: 'DE', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117' });
  });

  it('counts a preselected country alone as empty', () => {
    expect(readAddress({ country: 'DE', name: '' }, DE!)).toMatchObject({ empty: true, complete: false });
    expect(readAddress({}, null)).toMatchObject({ empty: true, complete: false });
  });

  it('reads a contact and compares values', () => {
    expect(readContact('  ada@example.com ')).toEqual({ email: 'ada@example.com' });
    expect(readContact('')).toBeNull();
    expect(sameValue({ email: 'a' }, { email: 'a' })).toBe(true);
    expect(sameValue({ email: 'a' }, null)).toBe(false);
    expect(sameValue({ name: 'A', city: 'B', line2: '' }, { city: 'B', name: 'A' })).toBe(true);
    expect(sameValue({ name: 'A', city: 'B' }, { city: 'C', name: 'A' })).toBe(false);
  });
});
