/**
 * "Order updates" as a shopper meets it: offered only when the shop can send texts, email by
 * default; choosing SMS asks for a mobile number (autofillable, checked against the shop's country,
 * sent in E.164) and keeps the pay button locked until it is one; the choice reaches the order.
 * In Polish and in Arabic right to left, with no axe violations.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend, type MemoryBackendOptions } from '@omni-checkout/mock/backend';
import './define.js';
import type { OmniCheckout } from './checkout.js';

beforeAll(() => {
  registerProvider('mock', () => import('@omni-checkout/mock/client'));
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

async function mount(backendOptions: MemoryBackendOptions, attributes: Record<string, string> = {}) {
  const backend = createMemoryBackend({
    lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 }],
    shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
    ...backendOptions,
  });
  const element = document.createElement('omni-checkout') as OmniCheckout;
  element.setAttribute('publishable-key', backend.publishableKey);
  element.setAttribute('api-base', backend.apiBase);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.fetch = backend.fetch;
  element.clientSecret = backend.clientSecret;
  const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
  document.body.append(element);
  cleanup.push(() => element.remove());
  await ready;
  return { element, backend };
}

const field = (label: string | RegExp) => page.getByLabelText(label, { exact: typeof label === 'string' });

async function violations(context: Element): Promise<string[]> {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('order updates in <omni-checkout>', () => {
  it('is not offered when the shop cannot send texts', async () => {
    const { element } = await mount({ country: 'PL', currency: 'PLN' });
    await expect.element(field('Email')).toBeVisible();
    await expect.element(field('Card number')).toBeVisible();
    expect(element.querySelector('[name="notifyBy"]')).toBeNull();
  });

  it('shows with the form, in the render that first shows the form: nothing moves when it arrives', async () => {
    // Each time the light DOM changes: once the form is in the checkout's slot (shown), is the choice in it?
    const seen: boolean[] = [];
    const observer = new MutationObserver(() => {
      const form = document.querySelector('omni-checkout form');
      if (form?.assignedSlot) seen.push(form.querySelector('[name="notifyBy"]') !== null);
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['slot'] });
    cleanup.push(() => observer.disconnect());
    await mount({ country: 'PL', currency: 'PLN', smsUpdates: true });
    await expect.element(page.getByRole('group', { name: 'Order updates' })).toBeVisible();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBe(true);
  });

  it('lets a Polish shopper choose SMS with a mobile number, pays only once it is one, and the order carries the choice', async () => {
    const { element, backend } = await mount({ country: 'PL', currency: 'PLN', locale: 'pl', smsUpdates: true }, { lang: 'pl' });
    const group = page.getByRole('group', { name: 'Powiadomienia o zamówieniu' });
    await expect.element(group).toBeVisible();
    await expect.element(page.getByRole('radio', { name: 'E-mailem', exact: true })).toBeChecked();
    expect(field('Numer telefonu komórkowego').query()).toBeNull();

    await userEvent.fill(field('E-mail'), 'jan@example.com');
    await userEvent.fill(field('Imię i nazwisko'), 'Jan Kowalski');
    await userEvent.fill(field('Ulica i numer domu'), 'ul. Marszałkowska 1');
    await userEvent.fill(field('Miejscowość'), 'Warszawa');
    await userEvent.fill(field('Kod pocztowy'), '00-001');
    await userEvent.fill(field('Numer karty'), '4242424242424242');
    await userEvent.fill(field(/^Data ważności/), '12 / 34');
    await userEvent.fill(field(/^Kod zabezpieczający/), '123');
    const pay = page.getByRole('button', { name: /^Zapłać\s/ });

    await userEvent.click(page.getByRole('radio', { name: 'SMS-em', exact: true }));
    const phone = field('Numer telefonu komórkowego');
    await expect.element(phone).toBeVisible();
    const input = phone.element() as HTMLInputElement;
    expect([input.type, input.getAttribute('autocomplete'), input.required, input.getRootNode()]).toEqual(['tel', 'tel', true, document]);
    // No number yet: paying charges nothing, says what is missing and goes to the field.
    await userEvent.click(pay);
    await expect.element(page.getByText('Podaj numer telefonu komórkowego, aby otrzymywać SMS-y.')).toBeVisible();
    await expect.element(phone).toHaveFocus();
    expect(backend.order()).toBeNull();

    await userEvent.fill(phone, '12345');
    await userEvent.tab();
    await expect.element(phone).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByText(/^Podaj numer telefonu komórkowego, np\. \+48 /)).toBeVisible();

    expect(await violations(element)).toEqual([]);

    // Pay pressed right after typing the number: the payment waits for its check, then goes through.
    await userEvent.fill(phone, '501 234 567');
    await userEvent.click(pay);
    await expect.element(page.getByRole('heading', { name: 'Płatność zakończona powodzeniem' })).toBeVisible();
    expect(backend.order()!.contact).toEqual({ email: 'jan@example.com', phone: '+48501234567', notifyBy: 'sms' });
  });

  it('takes email and SMS right to left in Arabic, and goes back to email only', async () => {
    const { element, backend } = await mount({ country: 'SA', currency: 'SAR', locale: 'ar', smsUpdates: true }, { lang: 'ar', dir: 'rtl' });
    await expect.element(page.getByRole('group', { name: 'تحديثات الطلب' })).toBeVisible();
    await userEvent.fill(field('البريد الإلكتروني'), 'layla@example.com');
    await userEvent.tab();
    await userEvent.click(page.getByRole('radio', { name: 'بالبريد الإلكتروني والرسائل النصية' }));
    const phone = field('رقم الجوال');
    await userEvent.fill(phone, '050 123 4567');
    await userEvent.tab();
    await expect.element(phone).toHaveValue('+966 50 123 4567');
    await expect.poll(() => backend.session().contact).toEqual({ email: 'layla@example.com', phone: '+966501234567', notifyBy: 'email_sms' });
    expect(getComputedStyle(page.getByRole('group', { name: 'تحديثات الطلب' }).element()).direction).toBe('rtl');
    expect(await violations(element)).toEqual([]);

    await userEvent.click(page.getByRole('radio', { name: 'بالبريد الإلكتروني', exact: true }));
    expect(field('رقم الجوال').query()).toBeNull();
    await expect.poll(() => backend.session().contact).toEqual({ email: 'layla@example.com' });
  });
});
