/**
 * Plain functions behind the guest checkout form: which address fields exist, their autocomplete
 * tokens, which are required where, reading a form's values into a `PostalAddress` change payload
 * (Stripe's `{ complete, empty, value }` shape) and the country list. No DOM, no zod: the page
 * bundle stays small; the backend's zod schemas remain the authority on what it accepts.
 */
import type { Contact, PostalAddress } from './types.js';

/** Address fields in the order a shopper fills them. */
export const ADDRESS_FIELDS = ['name', 'country', 'line1', 'line2', 'city', 'region', 'postalCode', 'phone'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type FormField = 'email' | AddressField;

/** Exact HTML autocomplete tokens, so browsers and password managers fill the form. */
export const AUTOCOMPLETE: Readonly<Record<FormField, string>> = {
  email: 'email',
  name: 'shipping name',
  country: 'shipping country',
  line1: 'shipping address-line1',
  line2: 'shipping address-line2',
  city: 'shipping address-level2',
  region: 'shipping address-level1',
  postalCode: 'shipping postal-code',
  phone: 'shipping tel',
};

/** ISO 3166-1 alpha-2 codes of places a parcel can be sent to (uninhabited territories left out). */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM ' +
  'FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN ' +
  'MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS ' +
  'PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK ' +
  'TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

/** Countries whose addresses carry a state, province or prefecture (shown only there). */
const REGION_COUNTRIES = new Set('AR AU BR CA CN ES IE IN IT JP KR MX MY NG TH US'.split(' '));

/** Countries without postal codes, where the field is optional. */
const NO_POSTAL_CODE = new Set(
  'AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK JM KI KM KN KP LC ML MO MR MW NR NU QA RW SB SC SL SR SS ST SY TD TG TK TL TO TV UG VU YE ZW'.split(
    ' ',
  ),
);

/** Whether addresses in `country` use a region (state, province…) line. */
export function usesRegion(country: string): boolean {
  return REGION_COUNTRIES.has(country);
}

/** Whether a postal code is required for `country`. */
export function requiresPostalCode(country: string): boolean {
  return !NO_POSTAL_CODE.has(country);
}

/** Required address fields for a country. `line2`, `phone` and (mostly) `region` are optional. */
export function requiredAddressFields(country: string): readonly AddressField[] {
  const fields: AddressField[] = ['name', 'country', 'line1', 'city'];
  if (requiresPostalCode(country)) fields.push('postalCode');
  if (usesRegion(country) && (country === 'US' || country === 'CA' || country === 'AU')) fields.push('region');
  return fields;
}

/** Change payload in Stripe's shape. */
export interface FieldChange<T> {
  /** Every required field has a value. */
  readonly complete: boolean;
  /** Nothing has been entered. */
  readonly empty: boolean;
  readonly value: T;
}

export type AddressValues = Partial<Record<AddressField, string | null | undefined>>;

/**
 * Reads raw form values (e.g. `Object.fromEntries(new FormData(form))`) into an address: trims,
 * drops empty optional fields, upper-cases the country.
 */
export function readAddress(values: AddressValues): FieldChange<Partial<PostalAddress>> {
  const value: Partial<Record<AddressField, string>> = {};
  for (const field of ADDRESS_FIELDS) {
    const raw = (values[field] ?? '').trim();
    if (raw) value[field] = field === 'country' ? raw.toUpperCase() : raw;
  }
  const country = value.country ?? '';
  const complete = country !== '' && requiredAddressFields(country).every((field) => value[field] !== undefined);
  // The country is preselected, so it alone does not make the address "entered".
  const empty = Object.keys(value).every((field) => field === 'country');
  return { complete, empty, value: value as Partial<PostalAddress> };
}

/** The address to send to the backend, or null while it is incomplete. */
export function completeAddress(change: FieldChange<Partial<PostalAddress>>): PostalAddress | null {
  return change.complete ? (change.value as PostalAddress) : null;
}

/** The contact to send to the backend, or null when there is no email. */
export function readContact(email: string | null | undefined): Contact | null {
  const trimmed = (email ?? '').trim();
  return trimmed ? { email: trimmed } : null;
}

/**
 * Whether two flat values (contact, address) are the same whatever the order of their keys and
 * ignoring absent or empty optional fields, so the page does not re-send what the backend has.
 */
export function sameValue(a: object | null | undefined, b: object | null | undefined): boolean {
  const canonical = (value: object | null | undefined) =>
    JSON.stringify(
      Object.entries(value ?? {})
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    );
  return canonical(a) === canonical(b);
}

export interface CountryOption {
  readonly code: string;
  readonly name: string;
}

/** Countries named and sorted in the shopper's language, through `Intl` (CLDR). */
export function countryOptions(locale: string): CountryOption[] {
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}
