/**
 * An error names its field without the label's "(optional)": "Apartment, suite, floor contains
 * characters that cannot be used.", not "Apartment, suite, floor (optional) contains…", in every
 * language, while the label itself still says the field is optional.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadTranslation } from '../i18n/index.js';
import './define.js';
import type { OmniAddress } from './address.js';

const LANGUAGES = ['en', 'pl', 'ko', 'ar', 'de', 'fr', 'es', 'sv', 'tr', 'ja'];

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

async function mount(lang: string): Promise<OmniAddress> {
  await loadTranslation(lang);
  const element = document.createElement('omni-address');
  element.setAttribute('lang', lang);
  element.setAttribute('country', 'DE');
  document.body.append(element);
  cleanup.push(() => element.remove());
  await expect.poll(() => element.addressRules?.country === 'DE' && element.querySelector('[data-field="line1"]') !== null).toBe(true);
  // Line 2 sits behind a button until asked for.
  element.querySelector<HTMLButtonElement>('button[type="button"]')?.click();
  await expect.poll(() => element.querySelector('[data-field="line2"]')).not.toBeNull();
  return element;
}

function autofill(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const labelOf = (element: OmniAddress, field: string) => {
  const input = element.querySelector<HTMLInputElement>(`[data-field="${field}"]`)!;
  return element.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent?.trim() ?? '';
};

describe('<omni-address> error messages', () => {
  it.each(LANGUAGES)('name an optional field without “(optional)” (%s)', async (lang) => {
    const t = await loadTranslation(lang);
    const optional = t.optional('').trim(); // "(optional)", "(opcjonalnie)", "（任意）"…
    const element = await mount(lang);
    // The labels still say the fields are optional…
    expect(labelOf(element, 'line2')).toBe(t.optional(t.addressLine2));
    expect(labelOf(element, 'phone')).toBe(t.optional(t.phone));
    expect(labelOf(element, 'line2')).toContain(optional);
    // …the message about the field does not repeat it.
    const line2 = element.querySelector<HTMLInputElement>('[data-field="line2"]')!;
    autofill(line2, 'Hinterhaus\u0007 2');
    await element.updateComplete;
    const message = line2.validationMessage;
    expect(message).toBe(t.errors.controlCharacters(t.addressLine2));
    expect(message).toContain(t.addressLine2);
    expect(message).not.toContain(optional);
    const shown = element.querySelector(`#${CSS.escape(line2.id)}-error`)?.textContent?.trim();
    expect(shown).toBe(message);
  });
});
