import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { loadTranslation } from '../i18n/index.js';
import './define.js';
import type { OmniAddress } from './address.js';
import { formControlContract } from '../internal/test/form-control-contract.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

const field = (label: string | RegExp) => page.getByLabelText(label, { exact: typeof label === 'string' });

/** Waits for the country's rules (its data module loads lazily) and the fields. */
async function settled(element: OmniAddress): Promise<void> {
  await expect.poll(() => element.addressRules?.country === element.country && element.querySelector('[data-field="line1"]') !== null).toBe(true);
  await element.updateComplete;
}

async function mount(attributes: Record<string, string> = {}, into: Node = document.body, setup?: (el: OmniAddress) => void): Promise<OmniAddress> {
  // The catalog loads lazily; have it ready so the first render is already in the element's language.
  if (attributes.lang) await loadTranslation(attributes.lang);
  const element = document.createElement('omni-address');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  setup?.(element);
  into.appendChild(element);
  cleanup.push(() => element.remove());
  await settled(element);
  return element;
}

/** Sets a value the way Chromium autofill and password managers do: the value, then input and change events. */
function autofill(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const control = (element: OmniAddress, name: string) => element.querySelector<HTMLInputElement & HTMLSelectElement>(`[data-field="${name}"]`)!;

async function violations(context: Element): Promise<string[]> {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('<omni-address>', () => {
  formControlContract<OmniAddress>({
    create: () => {
      const element = document.createElement('omni-address');
      element.name = 'shipping';
      element.country = 'PL';
      return element;
    },
    ready: settled,
    fill: async (element) => {
      autofill(control(element, 'name'), 'Jan Kowalski');
      autofill(control(element, 'line1'), 'ul. Długa 5');
      autofill(control(element, 'postalCode'), '00-950');
      autofill(control(element, 'city'), 'Warszawa');
      await element.updateComplete;
    },
    initialEntries: [['shipping[country]', 'PL']],
    filledEntries: [
      ['shipping[country]', 'PL'],
      ['shipping[name]', 'Jan Kowalski'],
      ['shipping[line1]', 'ul. Długa 5'],
      ['shipping[postalCode]', '00-950'],
      ['shipping[city]', 'Warszawa'],
    ],
  });

  it('lays out Poland: postal code before the town, native inputs in light DOM inside a real form, exact tokens', async () => {
    const element = await mount({ country: 'PL', lang: 'pl' });
    await expect.element(field('Kod pocztowy')).toBeVisible();
    const order = [...element.querySelectorAll('[data-field]')].map((el) => (el as HTMLElement).dataset['field']);
    expect(order).toEqual(['country', 'name', 'line1', 'postalCode', 'city', 'phone']);
    for (const [label, token] of [
      ['Kraj', 'shipping country'],
      ['Imię i nazwisko', 'shipping name'],
      ['Ulica i numer domu', 'shipping address-line1'],
      ['Kod pocztowy', 'shipping postal-code'],
      ['Miejscowość', 'shipping address-level2'],
      ['Telefon (opcjonalnie)', 'shipping tel'],
    ] as const) {
      const input = field(label).element() as HTMLInputElement;
      expect(input.getAttribute('autocomplete'), label).toBe(token);
      expect(input.getRootNode()).toBe(document);
      expect(input.form).toBeInstanceOf(HTMLFormElement);
    }
    expect(field('Kraj').element()).toHaveProperty('value', 'PL');
    await expect.element(page.getByText('Na przykład')).toBeVisible();
  });

  it('shows its fields as one grid without the native fieldset box, the legend as a heading (the shared field styles)', async () => {
    const element = await mount({ country: 'DE' });
    const fieldset = element.querySelector('fieldset')!;
    const legend = fieldset.querySelector('legend')!;
    expect(getComputedStyle(fieldset)).toMatchObject({ display: 'grid', borderTopStyle: 'none', paddingTop: '0px', marginTop: '0px' });
    expect(Number.parseFloat(getComputedStyle(fieldset).rowGap)).toBeGreaterThan(0);
    expect(getComputedStyle(legend).fontWeight).toBe('600');
    expect(Number.parseFloat(getComputedStyle(legend).fontSize)).toBeGreaterThan(Number.parseFloat(getComputedStyle(fieldset).fontSize));
  });

  it('lays out Korea in Korean (region first, Google’s region list) and in Latin order for an English shopper', async () => {
    const ko = await mount({ country: 'KR', lang: 'ko', mode: 'billing' });
    const order = [...ko.querySelectorAll('[data-field]')].map((el) => (el as HTMLElement).dataset['field']);
    expect(order.slice(0, 4)).toEqual(['country', 'region', 'city', 'dependentLocality']);
    const region = field('시/도').element() as HTMLSelectElement;
    expect(region.getAttribute('autocomplete')).toBe('billing address-level1');
    expect([...region.options].map((o) => o.textContent)).toContain('서울');
    await expect.element(page.getByRole('group', { name: '청구지 주소' })).toBeVisible();
    ko.remove();
    const en = await mount({ country: 'KR', lang: 'en' });
    const latin = [...en.querySelectorAll('[data-field]')].map((el) => (el as HTMLElement).dataset['field']);
    expect(latin).toEqual(['country', 'name', 'line1', 'dependentLocality', 'city', 'region', 'postalCode', 'phone']);
    expect([...(field('Province').element() as HTMLSelectElement).options].map((o) => o.textContent)).toContain('Seoul');
  });

  it('switches format when the shopper picks another country, keeping what fits', async () => {
    const element = await mount({ country: 'DE' });
    await userEvent.fill(field('Address line 1'), 'Unter den Linden 1');
    await userEvent.selectOptions(field('Country'), 'US');
    await expect.element(field('State')).toBeVisible();
    await expect.element(field('ZIP code')).toBeVisible();
    expect(field('Address line 1').element()).toHaveProperty('value', 'Unter den Linden 1');
    expect(element.getValue().value).toMatchObject({ country: 'US', line1: 'Unter den Linden 1' });
  });

  it('takes up browser autofill (values plus input events only) and reports a complete address', async () => {
    const element = await mount({ country: 'US' });
    const changes: Event[] = [];
    element.addEventListener('omni-address-change', (e) => changes.push(e));
    const set = (name: string, value: string) => {
      const input = control(element, name);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    set('name', 'Ada Lovelace');
    set('line1', '1098 Alta Ave');
    set('city', 'Mountain View');
    set('region', 'CA');
    set('postalCode', '94043');
    await element.updateComplete;
    expect(element.getValue()).toEqual({
      complete: true,
      empty: false,
      value: { name: 'Ada Lovelace', country: 'US', line1: '1098 Alta Ave', city: 'Mountain View', region: 'CA', postalCode: '94043' },
    });
    expect(element.matches(':state(complete)')).toBe(true);
    expect(changes.at(-1)).toMatchObject({ complete: true, bubbles: true, composed: true });
  });

  it('explains a bad postal code in the shopper’s language, with Google’s example, and clears it once fixed', async () => {
    const element = await mount({ country: 'PL', lang: 'pl' });
    await userEvent.fill(field('Kod pocztowy'), '12345');
    await userEvent.tab();
    const message = 'Pole „Kod pocztowy” ma niepoprawny format. Przykład: \u206800-950\u2069.';
    await expect.element(page.getByText(message)).toBeVisible();
    const input = field('Kod pocztowy').element() as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(`${input.id}-error`);
    expect(element.checkValidity()).toBe(false);
    await userEvent.fill(field('Kod pocztowy'), '12-345');
    await expect.element(page.getByText(message)).not.toBeInTheDocument();
  });

  it('checks that a US ZIP code belongs to the chosen state', async () => {
    const element = await mount({ country: 'US' });
    await userEvent.selectOptions(field('State'), 'NY');
    await userEvent.fill(field('ZIP code'), '94043');
    await userEvent.tab();
    await expect.element(page.getByText('This zip code is not in the state you chose.')).toBeVisible();
    expect((field('ZIP code').element() as HTMLInputElement).validity.customError).toBe(true);
    expect(element.checkValidity()).toBe(false);
  });

  it('shows every missing field on reportValidity and focuses the first', async () => {
    const element = await mount({ country: 'DE' });
    expect(element.reportValidity()).toBe(false);
    await expect.element(page.getByText('Enter your full name.')).toBeVisible();
    await expect.element(page.getByText('Enter your postal code.')).toBeVisible();
    expect(document.activeElement).toBe(field('Full name').element());
  });

  it('checks phone numbers with libphonenumber-js and writes them internationally', async () => {
    const element = await mount({ country: 'PL', lang: 'pl' });
    await userEvent.fill(field('Telefon (opcjonalnie)'), '501 234 567');
    await userEvent.tab();
    await expect.poll(() => control(element, 'phone').value).toBe('+48 501 234 567');
    await userEvent.fill(field('Telefon (opcjonalnie)'), '12');
    await userEvent.tab();
    await expect.element(page.getByText(/^Wpisz numer telefonu, na przykład \u2068\+48/)).toBeVisible();
    expect(element.checkValidity()).toBe(false);
  });

  it('prefills from a value (country included)', async () => {
    const element = await mount({}, document.body, (el) => {
      el.value = { name: 'Sara Al-Harbi', line1: 'King Fahd Rd 1', city: 'Riyadh', postalCode: '12345', country: 'SA' };
    });
    expect(element.country).toBe('SA');
    expect(field('City').element()).toHaveProperty('value', 'Riyadh');
    expect(element.getValue().complete).toBe(true);
  });

  it('offers only the merchant’s countries', async () => {
    const element = await mount({}, document.body, (el) => (el.countries = ['PL', 'DE', 'KR']));
    expect([...(field('Country').element() as HTMLSelectElement).options].map((o) => o.value).sort()).toEqual(['DE', 'KR', 'PL']);
    expect(['PL', 'DE', 'KR']).toContain(element.country);
  });

  it('is right to left in Arabic (Saudi Arabia), with logical layout and no axe violations', async () => {
    const element = await mount({ country: 'SA', lang: 'ar', dir: 'rtl' });
    await expect.element(field('المدينة')).toBeVisible();
    const city = field('المدينة').element() as HTMLInputElement;
    expect(getComputedStyle(city).direction).toBe('rtl');
    // The label starts at the right edge in RTL.
    const label = city.labels![0]!.getBoundingClientRect();
    const box = city.getBoundingClientRect();
    expect(Math.abs(label.right - box.right)).toBeLessThan(2);
    expect(await violations(element)).toEqual([]);
  });

  it('has no axe violations left to right, including with errors shown', async () => {
    const element = await mount({ country: 'US' });
    expect(await violations(element)).toEqual([]);
    element.reportValidity();
    await element.updateComplete;
    expect(await violations(element)).toEqual([]);
  });

  it('works two shadow roots deep (light-DOM styles adopted where it lives)', async () => {
    const outer = document.createElement('div');
    document.body.append(outer);
    cleanup.push(() => outer.remove());
    const inner = document.createElement('div');
    outer.attachShadow({ mode: 'open' }).append(inner);
    const shadow = inner.attachShadow({ mode: 'open' });
    const element = await mount({ country: 'DE' }, shadow);
    expect(shadow.adoptedStyleSheets.some((sheet) => [...sheet.cssRules].some((r) => r.cssText.startsWith('omni-address')))).toBe(true);
    expect(element.querySelector('form')).toBeInstanceOf(HTMLFormElement);
  });
});
