import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { decideMethods } from '@omni-checkout/core/method-offer';
import { PaymentMethodType } from '@omni-checkout/core/schemas';
import { loadTranslation } from '../i18n/index.js';
import './define.js';
import type { OmniPaymentMethods } from './payment-methods.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

/** The list a session shows in a market when its provider takes every method (the backend leaves out what none takes). */
const mockSession = (country: string, currency: string) =>
  decideMethods({ country, currency }, 5000, {}, [{ id: 'mock', methods: PaymentMethodType.options }]).shown;

async function mount(country: string, currency: string, attributes: Record<string, string> = {}): Promise<OmniPaymentMethods> {
  if (attributes.lang) await loadTranslation(attributes.lang);
  const element = document.createElement('omni-payment-methods');
  for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
  element.methods = mockSession(country, currency);
  document.body.append(element);
  cleanup.push(() => element.remove());
  await element.updateComplete;
  await new Promise((r) => setTimeout(r));
  await element.updateComplete;
  return element;
}

describe('<omni-payment-methods>', () => {
  it('lists Poland’s methods with BLIK and Przelewy24 first, in Polish, every one choosable', async () => {
    const element = await mount('PL', 'PLN', { lang: 'pl' });
    const radios = page.getByRole('radio');
    expect(radios.elements().map((r) => (r as HTMLInputElement).labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'BLIK', 'Przelewy24', 'Karta', 'Google Pay', 'Apple Pay', 'PayPal', 'Klarna', 'Link',
    ]);
    expect(radios.elements().every((r) => !(r as HTMLInputElement).disabled)).toBe(true);
    await expect.element(page.getByRole('radio', { name: 'BLIK' })).toBeChecked();
    expect(element.value).toBe('blik');
    await expect.element(page.getByRole('radiogroup', { name: 'Metoda płatności' })).toBeVisible();
  });

  it('never shows a method marked unavailable (an older backend’s test-mode rows)', async () => {
    const element = await mount('PL', 'PLN');
    element.methods = element.methods.map((m) => (m.type === 'card' ? m : { ...m, available: false }));
    await element.updateComplete;
    expect(page.getByRole('radio').elements().map((r) => (r as HTMLInputElement).labels?.[0]?.textContent?.trim())).toEqual(['Card']);
    expect(element.value).toBe('card');
    expect(element.shadowRoot!.textContent).not.toMatch(/test mode/i);
  });

  it('shows Korea’s and Saudi Arabia’s local methods first, by their local names', async () => {
    await mount('KR', 'KRW', { lang: 'ko' });
    expect(page.getByRole('radio').elements().map((r) => (r as HTMLInputElement).labels?.[0]?.querySelector('span')?.textContent)).toEqual([
      '카카오페이',
      '네이버페이',
      '카드',
      'Apple Pay',
    ]);
    cleanup.splice(0).forEach((fn) => fn());
    await mount('SA', 'SAR', { lang: 'ar', dir: 'rtl' });
    expect(page.getByRole('radio').elements().map((r) => (r as HTMLInputElement).labels?.[0]?.querySelector('span')?.textContent)).toEqual([
      'مدى',
      'STC Pay',
      'Apple Pay',
      'البطاقة',
    ]);
  });

  it('fires change when the shopper picks another available method', async () => {
    const element = await mount('US', 'USD');
    let changes = 0;
    element.addEventListener('change', () => changes++);
    await userEvent.click(page.getByRole('radio', { name: 'PayPal', exact: true }));
    expect(element.value).toBe('paypal');
    expect(changes).toBe(1);
  });

  it('has no axe violations, left to right and right to left', async () => {
    const ltr = await mount('PL', 'PLN');
    expect((await axe.run(ltr)).violations).toEqual([]);
    const rtl = await mount('SA', 'SAR', { lang: 'ar', dir: 'rtl' });
    expect((await axe.run(rtl)).violations).toEqual([]);
  });

  it('says cash on delivery’s fee in the shopper’s language and currency, left to right and right to left', async () => {
    const withCod = (country: string, currency: string) =>
      decideMethods({ country, currency }, 5000, { enable: ['cash_on_delivery'] }, [
        { id: 'mock', methods: ['card'] },
        { id: 'cash_on_delivery', methods: ['cash_on_delivery'] },
      ]).shown.map((m) => (m.type === 'cash_on_delivery' ? { ...m, fee: 500 } : m));
    const pl = await mount('PL', 'PLN', { lang: 'pl', currency: 'PLN' });
    pl.methods = withCod('PL', 'PLN');
    await pl.updateComplete;
    const row = (element: OmniPaymentMethods, name: string) =>
      element.shadowRoot!.querySelector(`#${element.shadowRoot!.querySelector<HTMLInputElement>(`input[value="cash_on_delivery"]`)!.id}`)!.closest('label')!.textContent!.replace(/\s+/g, ' ').trim().startsWith(name);
    expect(row(pl, 'Płatność przy odbiorze')).toBe(true);
    expect(pl.shadowRoot!.querySelector('[part~="fee"]')!.textContent!.replace(/\s/g, ' ')).toBe('+ 5,00 zł');
    await userEvent.click(page.getByRole('radio', { name: /Płatność przy odbiorze/ }));
    expect(pl.value).toBe('cash_on_delivery');
    expect((await axe.run(pl)).violations).toEqual([]);
    pl.remove();

    const ar = await mount('SA', 'SAR', { lang: 'ar', dir: 'rtl', currency: 'SAR' });
    ar.methods = withCod('SA', 'SAR');
    await ar.updateComplete;
    expect(row(ar, 'الدفع عند الاستلام')).toBe(true);
    expect(ar.shadowRoot!.querySelector('[part~="fee"]')!.textContent).toContain('5');
    expect((await axe.run(ar)).violations).toEqual([]);
    // Without a fee, nothing is added to the row.
    ar.methods = withCod('SA', 'SAR').map((m) => ({ ...m, fee: undefined }) as typeof m);
    await ar.updateComplete;
    expect(ar.shadowRoot!.querySelector('[part~="fee"]')).toBeNull();
  });
});
