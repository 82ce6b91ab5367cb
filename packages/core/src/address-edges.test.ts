/**
 * Address handling at its edges, where a shopper's typing meets the country's rules: spaces around
 * and instead of values, region names in any case, a lower-case country code, a value exactly at
 * the length limit, and countries the data does not cover. (address.test.ts checks the rules
 * themselves against Google's data.)
 */
import { describe, expect, it } from 'vitest';
import {
  ADDRESS_MAX_LENGTH,
  addressParts,
  checkAddress,
  formatAddress,
  loadAddressRules,
  loadedAddressRules,
  matchRegion,
  normalizeAddress,
  pickAddressFields,
  postalCodeIssue,
  validateAddress,
} from './address.js';

describe('loading a country’s rules', () => {
  it('refuses a country without data, with the code in the message', async () => {
    await expect(loadAddressRules('XX')).rejects.toThrow(new RangeError('No address data for country "XX"'));
  });

  it('is known as loaded only once it has loaded, and loads once', async () => {
    expect(loadedAddressRules('FR')).toBeNull();
    const first = loadAddressRules('FR');
    expect(loadAddressRules('FR')).toBe(first);
    const rules = await first;
    expect(rules.country).toBe('FR');
    expect(loadedAddressRules('FR')).toBe(rules);
  });

  it('answers "We do not ship to this country" for a country without data', async () => {
    expect(await checkAddress({ country: 'XX', line1: '1 Main St' })).toEqual({
      ok: false,
      issues: [{ path: 'country', message: 'We do not ship to this country', code: 'unknown_region' }],
    });
  });
});

describe('regions', () => {
  it('are found by key, local name, Latin name or ISO code, in any case and with spaces around', async () => {
    const kr = await loadAddressRules('KR');
    for (const typed of ['서울특별시', ' seoul ', 'SEOUL']) expect(matchRegion(kr, typed)?.key, typed).toBe('서울특별시');
    const seoul = matchRegion(kr, 'Seoul')!;
    expect(seoul.isoCode).toMatch(/^\w+$/);
    expect(matchRegion(kr, ` ${seoul.isoCode} `)).toBe(seoul);
    expect(matchRegion(kr, '   ')).toBeNull();
    expect(matchRegion(kr, 'Atlantis')).toBeNull();
  });

  it('a region name becomes its key, an unknown one stays as typed, and only the region field is matched', async () => {
    const kr = await loadAddressRules('KR');
    expect(normalizeAddress({ region: ' seoul ', city: 'Seoul', country: 'kr' }, kr)).toEqual({ region: '서울특별시', city: 'Seoul', country: 'KR' });
    expect(normalizeAddress({ region: 'Atlantis' }, kr)).toEqual({ region: 'Atlantis' });
  });

  it('fields left undefined are left out', async () => {
    const de = await loadAddressRules('DE');
    expect(normalizeAddress({ city: ' Berlin ', line2: undefined }, de)).toEqual({ city: 'Berlin' });
  });
});

describe('validating what a shopper typed', () => {
  it('a required field holding only spaces is missing', async () => {
    const de = await loadAddressRules('DE');
    expect(validateAddress({ line1: 'Unter den Linden 1', city: '   ', postalCode: '10117' }, de)).toEqual([{ field: 'city', code: 'required' }]);
  });

  it('a value exactly at the length limit is accepted, one character more is not', async () => {
    const de = await loadAddressRules('DE');
    const at = 'x'.repeat(ADDRESS_MAX_LENGTH.line1);
    expect(validateAddress({ line1: at, city: 'Berlin', postalCode: '10117' }, de)).toEqual([]);
    expect(validateAddress({ line1: `${at}x`, city: 'Berlin', postalCode: '10117' }, de)).toEqual([{ field: 'line1', code: 'too_long' }]);
  });

  it('a postal code with spaces around it is checked without them, against the region it is in', async () => {
    const us = await loadAddressRules('US');
    expect(postalCodeIssue(us, ' 94043 ', 'CA')).toBeNull();
    expect(postalCodeIssue(us, ' 94043 ', 'california')).toBeNull();
    expect(postalCodeIssue(us, '10001', 'CA')).toBe('postal_code_region_mismatch');
    expect(postalCodeIssue(us, '', 'CA')).toBeNull();
  });

  it('keeps the country and the phone number with the country’s own fields', async () => {
    const pl = await loadAddressRules('PL');
    expect(pickAddressFields({ country: 'PL', phone: '+48 600 100 200', city: 'Kraków', region: 'Małopolskie', sortingCode: 'X' }, pl)).toEqual({
      country: 'PL',
      phone: '+48 600 100 200',
      city: 'Kraków',
    });
  });
});

describe('envelopes', () => {
  it('upper-case the postal code where the country writes it so, and drop stray commas of empty fields', async () => {
    const gb = await loadAddressRules('GB');
    expect(formatAddress({ name: 'Ann', line1: '10 Downing St', city: 'London', postalCode: ' sw1a 2aa ' }, gb, { countryName: false })).toEqual([
      'Ann',
      '10 Downing St',
      'LONDON',
      'SW1A 2AA',
    ]);
    const us = await loadAddressRules('US');
    expect(formatAddress({ line1: '1098 Alta Ave', region: 'CA', postalCode: '94043' }, us, { countryName: false })).toEqual(['1098 Alta Ave', 'CA 94043']);
  });

  it('write a region by its Latin name on a Latin envelope, and as typed when it is not in the list', async () => {
    const kr = await loadAddressRules('KR');
    const address = { name: 'Hong', region: '서울특별시', city: 'Jongno-gu', line1: ' 175 Sejong-daero ', postalCode: '03154' };
    expect(formatAddress(address, kr, { latin: true, countryName: false })).toEqual(['Hong', '175 Sejong-daero', 'Jongno-gu', 'Seoul', '03154']);
    expect(formatAddress({ ...address, region: 'Somewhere' }, kr, { latin: true, countryName: false })).toContain('Somewhere');
  });

  it('lay out the local order unless Latin is asked for', async () => {
    const kr = await loadAddressRules('KR');
    expect(addressParts(kr)).toEqual(addressParts(kr, false));
    expect(addressParts(kr)).not.toEqual(addressParts(kr, true));
  });
});
