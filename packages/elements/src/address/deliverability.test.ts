/**
 * The merchant's deliverability hook of <omni-address>, validation messages in the shopper's
 * language, and prefill from the identity profile inside <omni-checkout identity> (with the
 * suggestions and the hook passed through).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { registerProvider } from '@omni-checkout/core/provider';
import type { PostalAddress } from '@omni-checkout/core/types';
import type { SuggestionProvider } from '@omni-checkout/core/suggestions';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity } from '@omni-checkout/mock/backend/identity';
import { loadTranslation, LOCALES } from '../i18n/index.js';
import { loadAssistTranslation } from '../i18n/assist/index.js';
import './define.js';
import '../checkout/define.js';
import type { DeliverabilityCheck, OmniAddress } from './address.js';

beforeAll(() => {
  registerProvider('mock', () => import('@omni-checkout/mock/client'));
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

async function mount(attributes: Record<string, string>, check: DeliverabilityCheck): Promise<OmniAddress> {
  if (attributes.lang) await loadTranslation(attributes.lang);
  const element = document.createElement('omni-address');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.deliverability = check;
  document.body.append(element);
  cleanup.push(() => element.remove());
  await expect.poll(() => element.addressRules?.country === element.country && element.querySelector('[data-field="line1"]') !== null).toBe(true);
  await element.updateComplete;
  return element;
}

const control = (element: Element, name: string) => element.querySelector<HTMLInputElement & HTMLSelectElement>(`[data-field="${name}"]`)!;

/** Browser-autofill style: every value, then input and change events. */
function autofill(element: OmniAddress, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const input = control(element, name);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

describe('<omni-address> deliverability', () => {
  it('puts the merchant’s refusal on the field it names, blocks the form, and checks again once the address changes', async () => {
    const asked: { address: PostalAddress; language: string }[] = [];
    const element = await mount({ country: 'DE', lang: 'de' }, (address, { language }) => {
      asked.push({ address, language });
      return /packstation/i.test(address.line1) ? { deliverable: false, field: 'line1', message: 'Keine Lieferung an Packstationen.' } : { deliverable: true };
    });
    autofill(element, { name: 'Ada Lovelace', line1: 'Packstation 101', postalCode: '10117', city: 'Berlin' });
    await expect.poll(() => control(element, 'line1').getAttribute('aria-invalid')).toBe('true');
    const error = element.querySelector(`#${control(element, 'line1').getAttribute('aria-describedby')}`);
    expect(error?.textContent).toBe('Keine Lieferung an Packstationen.');
    expect(element.checkValidity()).toBe(false);
    expect(element.validationMessage).toBe('Keine Lieferung an Packstationen.');
    expect(element.getValue().complete).toBe(true); // the address is whole; it is the merchant who refuses it
    expect(element.matches(':state(complete)')).toBe(false);
    expect(asked).toEqual([{ address: { name: 'Ada Lovelace', country: 'DE', line1: 'Packstation 101', postalCode: '10117', city: 'Berlin' }, language: 'de' }]);

    await userEvent.clear(control(element, 'line1'));
    await userEvent.type(control(element, 'line1'), 'Unter den Linden 1');
    await expect.poll(() => asked.at(-1)?.address.line1).toBe('Unter den Linden 1');
    expect(element.checkValidity()).toBe(true);
    expect(control(element, 'line1').getAttribute('aria-invalid')).toBeNull();
    // Debounced: not one check per keystroke.
    expect(asked.length).toBeLessThan(6);
  });

  it('says it in the shopper’s language when the merchant gives no message, on the field named (all ten languages have it)', async () => {
    const element = await mount({ country: 'PL', lang: 'pl' }, () => ({ deliverable: false, field: 'postalCode' }));
    autofill(element, { name: 'Jan Kowalski', line1: 'ul. Długa 5', postalCode: '00-950', city: 'Warszawa' });
    await expect.poll(() => control(element, 'postalCode').getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('.omni-field-error')?.textContent).toBe('Nie możemy dostarczyć przesyłki pod ten adres.');
    const messages = await Promise.all(LOCALES.map(async (code) => (await loadAssistTranslation(code)).undeliverable));
    expect(new Set(messages).size).toBe(10);
  });

  it('never lets a failing or stale check block the form', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    cleanup.push(() => window.removeEventListener('unhandledrejection', onUnhandled));

    const failing = await mount({ country: 'US' }, () => {
      throw new Error('the merchant’s service is down');
    });
    autofill(failing, { name: 'Ada', line1: '1600 Amphitheatre Pkwy', city: 'Mountain View', region: 'CA', postalCode: '94043' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(failing.checkValidity()).toBe(true);

    // The first address's answer (a refusal) arrives after the shopper changed the address: it is dropped.
    const signals: AbortSignal[] = [];
    const stale = await mount({ country: 'US' }, (address, { signal }) => {
      signals.push(signal);
      return new Promise((resolve) =>
        setTimeout(() => resolve(address.line1.startsWith('1') ? { deliverable: false, message: 'No.' } : { deliverable: true }), address.line1.startsWith('1') ? 300 : 0),
      );
    });
    autofill(stale, { name: 'Ada', line1: '1 Apple Park Way', city: 'Cupertino', region: 'CA', postalCode: '95014' });
    await expect.poll(() => signals.length).toBe(1);
    autofill(stale, { line1: '2 Apple Park Way' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(signals[0]!.aborted).toBe(true);
    expect(stale.checkValidity()).toBe(true);
    expect(stale.querySelector('.omni-field-error')).toBeNull();
    expect(unhandled).toEqual([]);
  });
});

describe('<omni-checkout identity> prefill, suggestions and deliverability', () => {
  it('prefills the address from the shopper’s profile, checks it with the merchant’s hook, and keeps suggestions on the first line', async () => {
    await loadTranslation('de');
    const memory = createMemoryBackend({
      lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 3700, quantity: 1 }],
      shippingOptions: [{ id: 'standard', label: 'Standard', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
    });
    const identity = withIdentity(memory);
    const checked: PostalAddress[] = [];
    const provider: SuggestionProvider = {
      id: 'memory',
      startSession: () => ({
        suggest: async ({ input }) => [{ id: 'p1', mainText: `${input} 2`, secondaryText: '10117 Berlin' }],
        resolve: async () => ({ country: 'DE', line1: 'Unter den Linden 2', city: 'Berlin', postalCode: '10117' }),
      }),
    };
    const element = document.createElement('omni-checkout');
    element.setAttribute('publishable-key', memory.publishableKey);
    element.setAttribute('api-base', memory.apiBase);
    element.setAttribute('identity', '');
    element.setAttribute('lang', 'de');
    element.fetch = identity.fetch;
    element.suggestions = provider;
    element.deliverability = (address) => {
      checked.push(address);
      return address.line1 === 'Unter den Linden 1' ? { deliverable: false, field: 'line1' } : { deliverable: true };
    };
    element.clientSecret = memory.clientSecret;
    const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
    document.body.append(element);
    cleanup.push(() => element.remove());
    await ready;

    await userEvent.type(page.getByLabelText('E-Mail', { exact: true }), 'ada@example.com{Enter}');
    await userEvent.type(page.getByLabelText(/Bestätigungscode|Code/), '123456');
    const address = element.querySelector('omni-address')!;
    await expect.poll(() => control(address, 'line1')?.value).toBe('Unter den Linden 1');
    expect(control(address, 'city').value).toBe('Berlin');
    expect(control(address, 'postalCode').value).toBe('10117');
    // The profile's address went to the merchant's check, whose refusal is said in German.
    await expect.poll(() => control(address, 'line1').getAttribute('aria-invalid')).toBe('true');
    expect(checked.at(-1)).toMatchObject({ line1: 'Unter den Linden 1', country: 'DE' });
    expect(address.querySelector('.omni-field-error')?.textContent).toBe('An diese Adresse können wir nicht liefern.');
    expect(address.checkValidity()).toBe(false);

    // "Deliver to" shows the saved address (the form hidden); the shopper picks "A new address",
    // and a suggestion fills it; the check accepts it.
    await userEvent.click(page.getByLabelText('Eine neue Adresse'));
    await expect.poll(() => address.hidden).toBe(false);
    await userEvent.type(control(address, 'name'), 'Ada Lovelace');
    const line1 = control(address, 'line1');
    expect(line1.getAttribute('role')).toBe('combobox');
    await userEvent.clear(line1);
    await userEvent.type(line1, 'Unter den Linden');
    await expect.poll(() => address.querySelectorAll('[role="option"]').length, { timeout: 5000 }).toBe(1);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect.poll(() => control(address, 'line1').value).toBe('Unter den Linden 2');
    await expect.poll(() => address.checkValidity()).toBe(true);
    expect(control(address, 'name').value).toBe('Ada Lovelace'); // the name typed stays
    await expect.poll(() => memory.session().shippingAddress?.line1).toBe('Unter den Linden 2');
  });
});
