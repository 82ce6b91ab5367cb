/** One field of `<omni-address>` (address.ts): its label, native input (or region select), example and error. */
import { html, nothing, type TemplateResult } from 'lit';
import { ADDRESS_MAX_LENGTH, type AddressPart, type AddressRules } from '@omni-checkout/core/address';
import { autocompleteToken, type AddressField, type AddressSection } from '@omni-checkout/core/checkout-form';
import { isolate, type Translation } from '../i18n/index.js';
import { shownLabel } from './field-text.js';

export function fieldTemplate(
  t: Translation,
  rules: AddressRules,
  mode: AddressSection,
  id: string,
  error: string | undefined,
  value: string,
  field: AddressField,
  latin: boolean,
): TemplateResult {
  const required = field !== 'phone' && (field === 'name' || rules.required.has(field as AddressPart));
  const example = field === 'postalCode' && rules.postalCodeExamples[0] ? t.address.example(isolate(rules.postalCodeExamples[0])) : '';
  const describedBy = [error ? `${id}-error` : '', example ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    token: autocompleteToken(mode, field),
    invalid: error ? 'true' : nothing,
    describedBy: describedBy || nothing,
  };
  const control =
    field === 'region' && rules.regions.length
      ? html`<select
          id=${common.id}
          data-omni-address-field
          data-field=${field}
          autocomplete=${common.token}
          ?required=${required}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedBy}
        >
          <option value="" ?selected=${!value}>${t.address.chooseRegion}</option>
          ${rules.regions.map(
            (region) =>
              html`<option value=${region.key} ?selected=${region.key === value}>${latin ? region.latinName ?? region.name : region.name}</option>`,
          )}
        </select>`
      : html`<input
          id=${common.id}
          data-omni-address-field
          data-field=${field}
          type=${field === 'phone' ? 'tel' : 'text'}
          autocomplete=${common.token}
          maxlength=${field === 'phone' ? ADDRESS_MAX_LENGTH.phone : ADDRESS_MAX_LENGTH[field as AddressPart] ?? 200}
          ?required=${required}
          .value=${value}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedBy}
        />`;
  return html`<div class="omni-field">
    <label for=${id}>${shownLabel(t, rules, field)}</label>
    ${control}
    ${example ? html`<p class="omni-hint" id="${id}-hint">${example}</p>` : nothing}
    ${error ? html`<p class="omni-field-error" id="${id}-error">${error}</p>` : nothing}
  </div>`;
}
