/**
 * Plain functions behind the guest checkout form: the address fields and their autocomplete tokens,
 * which are required (from Google's address data, through `AddressRules`), reading a form's values
 * into a `PostalAddress` change payload (Stripe's `{ complete, empty, value }` shape) and the country
 * list. No DOM, no zod: the page bundle stays small; the backend's zod schemas and `validateAddress`
 * remain the authority on what it accepts.
 */
import { COUNTRY_CODES, addressParts, type AddressRules } from './address.js';
import type { Contact, PostalAddress } from './types.js';

/** Address fields a shopper can fill, as `PostalAddress` names (a country shows those its format has). */
export const ADDRESS_FIELDS = ['name', 'country', 'line1', 'line2', 'dependentLocality', 'city', 'region', 'postalCode', 'sortingCode', 'phone'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type FormField = 'email' | AddressField;

/** Which address an autocomplete token belongs to (the HTML autofill "section" of the token). */
export type AddressSection = 'shipping' | 'billing';

/** The HTML autofill field name of each address field. */
const AUTOFILL_FIELD: Readonly<Record<AddressField, string>> = {
  name: 'name',
  country: 'country',
  line1: 'address-line1',
  line2: 'address-line2',
  dependentLocality: 'address-level3',
  city: 'address-level2',
  region: 'address-level1',
  postalCode: 'postal-code',
  // HTML has no token for a sorting code (CEDEX): browsers must not guess one.
  sortingCode: 'off',
  phone: 'tel',
};

/** The exact HTML autocomplete token for a field of a shipping or billing address (`shipping address-line1`). */
export function autocompleteToken(section: AddressSection, field: AddressField): string {
  const name = AUTOFILL_FIELD[field];
  return name === 'off' ? name : `${section} ${name}`;
}

/** Exact HTML autocomplete tokens of the shipping form, so browsers and password managers fill it. */
export const AUTOCOMPLETE: Readonly<Record<FormField, string>> = {
  email: 'email',
  ...(Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, autocompleteToken('shipping', field)])) as Record<AddressField, string>),
};

/** ISO 3166-1 alpha-2 codes of places a parcel can be sent to: every country of Google's address data. */
export { COUNTRY_CODES };

/** Whether addresses in this country carry a state, province, prefecture… (Google's data). */
export function usesRegion(rules: AddressRules): boolean {
  return addressParts(rules).includes('region');
}

/** Whether a postal code is required in this country (Google's data). */
export function requiresPostalCode(rules: AddressRules): boolean {
  return rules.required.has('postalCode');
}

/** Required address fields for a country: the country itself plus what Google's data requires. */
export function requiredAddressFields(rules: AddressRules): readonly AddressField[] {
  const fields: AddressField[] = ['country'];
  for (const part of addressParts(rules)) if (rules.required.has(part)) fields.push(part);
  // Google's data leaves the recipient optional in most countries; a parcel needs one.
  if (!fields.includes('name')) fields.unshift('name');
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
 * Reads raw form values into an address: trims, applies Unicode NFC, drops empty optional fields,
 * upper-cases the country. `complete` needs the country's rules (null while they load: incomplete).
 */
export function readAddress(values: AddressValues, rules: AddressRules | null): FieldChange<Partial<PostalAddress>> {
  const value: Partial<Record<AddressField, string>> = {};
  for (const field of ADDRESS_FIELDS) {
    const raw = (values[field] ?? '').normalize('NFC').trim();
    if (raw) value[field] = field === 'country' ? raw.toUpperCase() : raw;
  }
  const country = value.country ?? '';
  const complete =
    country !== '' && rules?.country === country && requiredAddressFields(rules).every((field) => value[field] !== undefined);
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
