/**
 * `<omni-address>` against Google's own address data, country by country: every country whose
 * data has example postal codes (`zipex`). For each, the rendered form has the country's fields in
 * Google's order (`fmt`), marks Google's required fields (`require`) required, accepts each of
 * Google's example postal codes and refuses a mangled one with a message quoting the example.
 * The expectations come from the data package's content (through core's `loadAddressRules`),
 * never from hand-written tables; core's `address.test.ts` checks the same rules, and formatting,
 * against the package's own implementation for every country.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COUNTRY_CODES, addressParts, loadAddressRules, type AddressRules } from '@omni-checkout/core/address';
import '../define.js';
import en from '../i18n/en.js';
import type { OmniAddress } from './address.js';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

function autofill(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const all = await Promise.all(COUNTRY_CODES.map((code) => loadAddressRules(code)));
/** Countries whose data gives example postal codes and a pattern to check them with. */
const WITH_EXAMPLES = all.filter((rules) => rules.postalCodePattern && rules.postalCodeExamples.length && addressParts(rules).includes('postalCode'));

async function mount(rules: AddressRules): Promise<OmniAddress> {
  const element = document.createElement('omni-address');
  element.lang = 'en';
  element.setAttribute('country', rules.country);
  element.setAttribute('name', 'shipping');
  const form = document.createElement('form');
  form.append(element);
  document.body.append(form);
  cleanup.push(() => form.remove());
  await expect.poll(() => element.addressRules?.country === rules.country && element.querySelector('[data-field="line1"]') !== null).toBe(true);
  await element.updateComplete;
  return element;
}

describe('<omni-address> with Google’s address examples', () => {
  it('covers at least 30 countries with example postal codes', () => {
    expect(WITH_EXAMPLES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(WITH_EXAMPLES.map((rules) => [rules.country, rules] as const))('%s: fields in Google’s order, required as Google says, its example postal codes', async (_country, rules) => {
    const element = await mount(rules);
    const shown = [...element.querySelectorAll<HTMLInputElement>('[data-field]')].map((el) => el.dataset['field']!);
    // An English-speaking shopper gets Google's Latin-script order where the country writes in another script (CN, JP, KR, TW…).
    const latin = Boolean(rules.lang) && rules.lang!.split('-')[0] !== 'en';
    expect(shown.filter((f) => f !== 'country' && f !== 'phone'), 'order').toEqual(addressParts(rules, latin).filter((part) => part !== 'line2'));
    for (const part of addressParts(rules)) {
      const control = element.querySelector<HTMLInputElement>(`[data-field="${part}"]`);
      if (control) expect(control.required, `${part} required`).toBe(part === 'name' || rules.required.has(part));
    }
    const postal = element.querySelector<HTMLInputElement>('[data-field="postalCode"]')!;
    for (const example of rules.postalCodeExamples) {
      autofill(postal, example);
      await element.updateComplete;
      expect(postal.validationMessage, `${rules.country} example ${example}`).toBe('');
    }
    autofill(postal, `${rules.postalCodeExamples[0]}9!`);
    await element.updateComplete;
    expect(postal.validationMessage).toContain(`\u2068${rules.postalCodeExamples[0]}\u2069`);
    expect(postal.validationMessage).toBe(en.errors.invalidPostalCode(postal.labels![0]!.textContent!.replace(/ \(optional\)$/, '').trim(), `\u2068${rules.postalCodeExamples[0]}\u2069`));
  });
});
