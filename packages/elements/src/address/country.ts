/**
 * `<omni-address>`'s country: which one it starts with when nothing says (the one the browser's
 * language suggests), the select to choose another, and phone numbers checked for it.
 */
import { html, type TemplateResult } from 'lit';
import { hasAddressRules } from '@omni-checkout/core/address';
import type { CountryOption } from '@omni-checkout/core/checkout-form';

/** The country a browser's language suggests (`pl-PL` → PL), when it has address data; else US. */
export function browserCountry(): string {
  for (const tag of navigator.languages ?? [navigator.language]) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && hasAddressRules(region)) return region;
    } catch {
      // Malformed tag: try the next.
    }
  }
  return 'US';
}

/** The country select: the countries offered, by name in the shopper's language, `selected` chosen. */
export function countrySelect(id: string, label: string, autocomplete: string, countries: readonly CountryOption[], selected: string): TemplateResult {
  return html`<div class="omni-field">
    <label for=${id}>${label}</label>
    <select id=${id} data-omni-address-field data-field="country" autocomplete=${autocomplete} required>
      ${countries.map((c) => html`<option value=${c.code} ?selected=${c.code === selected}>${c.name}</option>`)}
    </select>
  </div>`;
}

/** libphonenumber-js (metadata and examples) loads the first time a phone number is checked. */
let phone: Promise<typeof import('./phone.js')> | undefined;

/** Checks a phone number as dialled in `country` (`phone.ts`, loaded at the first check). */
export const checkPhone = async (value: string, country: string) => (await (phone ??= import('./phone.js'))).checkPhone(value, country);
