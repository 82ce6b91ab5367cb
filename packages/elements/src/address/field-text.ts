/**
 * What `<omni-address>`'s fields are called and what their errors say, in the shopper's language:
 * the country's own words for its parts (a ZIP code, a prefecture, a post town), "(optional)" on
 * the label only, never repeated in a message.
 */
import type { AddressIssueCode, AddressPart, AddressRules } from '@omni-checkout/core/address';
import type { AddressField } from '@omni-checkout/core/checkout-form';
import { isolate, type Translation } from '../i18n/index.js';

/** The field's name, as messages use it (without "(optional)"). */
export function fieldLabel(t: Translation, rules: AddressRules | null, field: AddressField): string {
  switch (field) {
    case 'name':
      return t.fullName;
    case 'country':
      return t.country;
    case 'line1':
      return t.addressLine1;
    case 'line2':
      return t.addressLine2;
    case 'city':
      return t.address.cityKinds[rules?.cityKind ?? 'city'] ?? t.city;
    case 'dependentLocality':
      return t.address.districtKinds[rules?.districtKind ?? 'suburb'] ?? t.region;
    case 'region':
      return t.address.regionKinds[rules?.regionKind ?? 'province'] ?? t.region;
    case 'postalCode':
      return t.address.postalCodeKinds[rules?.postalCodeKind ?? 'postal'] ?? t.postalCode;
    case 'sortingCode':
      return t.address.sortingCode;
    case 'phone':
      return t.phone;
  }
}

/** The label as shown: optional fields say so (line 2 and the phone always are). */
export function shownLabel(t: Translation, rules: AddressRules | null, field: AddressField): string {
  const label = fieldLabel(t, rules, field);
  if (field === 'country' || field === 'name') return label;
  return rules?.required.has(field as AddressPart) ? label : t.optional(label);
}

/** The message for an issue the address rules found in a field. */
export function issueMessage(t: Translation, rules: AddressRules | null, field: AddressField, code: AddressIssueCode): string {
  const label = fieldLabel(t, rules, field);
  switch (code) {
    case 'required':
      return t.errors.required(label);
    case 'invalid_postal_code':
      return t.errors.invalidPostalCode(label, isolate(rules?.postalCodeExamples[0] ?? ''));
    case 'postal_code_region_mismatch':
      return t.errors.postalCodeRegionMismatch(label, fieldLabel(t, rules, 'region'));
    case 'unknown_region':
      return t.errors.unknownRegion(label);
    case 'too_long':
      return t.errors.tooLong(label);
    case 'control_characters':
      return t.errors.controlCharacters(label);
  }
}

/** What a control's native validity says, in our words ('' when it is valid). */
export function controlError(t: Translation, rules: AddressRules | null, control: HTMLInputElement | HTMLSelectElement): string {
  const field = control.dataset['field'] as AddressField;
  if (control.validity.valid) return '';
  if (control.validity.valueMissing) return issueMessage(t, rules, field, 'required');
  if (control.validity.tooLong) return issueMessage(t, rules, field, 'too_long');
  return control.validationMessage;
}
