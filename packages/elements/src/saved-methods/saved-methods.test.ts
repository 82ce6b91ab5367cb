import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { createIdentityClient } from '@omni-checkout/core/identity-client';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { DEFAULT_SAVED_METHODS, withIdentity } from '@omni-checkout/mock/backend/identity';
import './define.js';
import type { OmniSavedMethods } from './saved-methods.js';
import type { OmniSavedMethodChangeEvent } from '../events/saved-method-change.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

async function mount(setup: (element: OmniSavedMethods) => void = () => undefined) {
  const element = document.createElement('omni-saved-methods');
  element.methods = DEFAULT_SAVED_METHODS;
  setup(element);
  const changes: (string | null)[] = [];
  element.addEventListener('omni-saved-method-change', (e: OmniSavedMethodChangeEvent) => changes.push(e.value));
  document.body.append(element);
  cleanup.push(() => element.remove());
  await element.updateComplete;
  return { element, changes };
}

/** A signed-in shopper (email code) against the identity double, so removal meets step-up. */
async function signedInClient() {
  const memory = createMemoryBackend();
  const double = withIdentity(memory);
  const client = createIdentityClient({ apiBase: memory.apiBase, publishableKey: memory.publishableKey, clientSecret: memory.clientSecret, fetch: double.fetch });
  const { challengeId } = await client.lookup({ email: 'ada@example.com' });
  await client.verify(challengeId, '123456');
  return { client, double };
}

async function violations(context: Element): Promise<string[]> {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('<omni-saved-methods>', () => {
  it('lists saved cards masked, with brand, expiry and the default chosen, as one radio group', async () => {
    const { element } = await mount();
    const group = page.getByRole('group', { name: 'Saved payment methods' });
    await expect.element(group).toBeVisible();
    const visa = page.getByRole('radio', { name: /Visa ending in 4242/ });
    await expect.element(visa).toBeChecked();
    await expect.element(page.getByText('Expires 12/34')).toBeVisible();
    await expect.element(page.getByText('Default')).toBeVisible();
    await expect.element(page.getByRole('radio', { name: /Mastercard ending in 4444/ })).not.toBeChecked();
    await expect.element(page.getByRole('radio', { name: 'Add a new card' })).toBeVisible();
    expect(element.getValue()).toEqual({ complete: true, empty: false, value: 'spm_visa4242' });
    expect(element.shadowRoot!.textContent).not.toMatch(/pm_mock|\d{5,}/);
    expect(await violations(element)).toEqual([]);
  });

  it('moves the choice with the arrow keys (radio-group semantics) and says so', async () => {
    const { element, changes } = await mount();
    await page.getByRole('radio', { name: /Visa ending in 4242/ }).click();
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(page.getByRole('radio', { name: /Mastercard ending in 4444/ })).toBeChecked();
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(page.getByRole('radio', { name: 'Add a new card' })).toBeChecked();
    expect(changes).toEqual(['spm_mc4444', null]);
    expect(element.value).toBeNull();
  });

  it('removing a card after an email code asks for an SMS code first, then removes it', async () => {
    const { client, double } = await signedInClient();
    const { element } = await mount((el) => (el.backend = client));
    await page.getByRole('button', { name: 'Remove Mastercard ending in 4444' }).click();
    await expect.element(page.getByText('To remove a card, confirm it is you.')).toBeVisible();
    const code = page.getByLabelText('Verification code');
    await expect.poll(() => element.shadowRoot!.activeElement?.getAttribute('name')).toBe('step-up-code');
    await expect.element(code).toHaveAccessibleDescription('If you saved your details with us, we sent a 6-digit code to ••• ••42.');
    await userEvent.type(code, '123456');
    await expect.element(page.getByText('Card removed.')).toBeVisible();
    await expect.element(page.getByRole('radio', { name: /Mastercard/ })).not.toBeInTheDocument();
    expect(element.methods.map((m) => m.last4)).toEqual(['4242']);
    expect(double.requests.map((r) => r.path)).toEqual(['lookup', 'verify', 'methods/spm_mc4444/remove', 'step-up', 'verify', 'methods/spm_mc4444/remove']);
  });

  it('works right to left', async () => {
    document.documentElement.dir = 'rtl';
    document.documentElement.lang = 'ar';
    cleanup.push(() => {
      document.documentElement.dir = 'ltr';
      document.documentElement.lang = 'en';
    });
    const { element } = await mount();
    await expect.element(page.getByRole('group', { name: 'طرق الدفع المحفوظة' })).toBeVisible();
    expect(await violations(element)).toEqual([]);
  });
});
