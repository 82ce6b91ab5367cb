/**
 * Address entry through the demo shop: browser-style autofill (values set on the light-DOM inputs
 * with input and change events, all at once, as Chromium autofill and password managers do) and
 * address suggestions from the demo's loopback Photon-compatible geocoder; both end in a paid order
 * whose confirmation shows the address.
 */
import { test, expect } from '../fixtures/test.js';
import { CARDS, openCheckoutWithCart } from '../fixtures/flows.js';
import { GUEST } from '../models/checkout-page.js';
import { geocoderUrl } from '../fixtures/env.js';

test.describe('address entry', () => {
  test('browser autofill: every field set at once with input and change events is taken up, and the confirmation shows the address', async ({
    page,
    productList,
    cart,
    checkout,
    confirmation,
    backend,
  }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await expect(checkout.addressLine1).toHaveAttribute('autocomplete', 'shipping address-line1');
    await expect(checkout.addressLine1).toHaveAttribute('role', 'combobox');
    // What Chromium's autofill does: every value in one go, then input and change on each field (no keystrokes).
    await page.evaluate((values) => {
      // `~=`: the email field's token list is `email webauthn` (passkeys in the same field).
      const field = (token: string) => document.querySelector<HTMLInputElement | HTMLSelectElement>(`omni-checkout [autocomplete${token.includes(' ') ? '' : '~'}="${token}"]`);
      for (const [token, value] of Object.entries(values)) {
        const input = field(token);
        if (!input) throw new Error(`no field with autocomplete="${token}"`);
        input.value = value;
      }
      for (const token of Object.keys(values)) {
        const input = field(token)!;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }, {
      email: 'grace@example.com',
      'shipping name': 'Grace Hopper',
      'shipping country': 'DE',
      'shipping address-line1': 'Platz der Republik 1',
      'shipping postal-code': '11011',
      'shipping address-level2': 'Berlin',
    });
    await expect(checkout.addressLine1).toHaveValue('Platz der Republik 1');
    // Autofill asks no suggestions: the list stays closed.
    await expect(checkout.addressLine1).toHaveAttribute('aria-expanded', 'false');
    await checkout.chooseShipping(/Standard delivery/);
    // No keystroke and no focus went into the form: the card fields mount once the shopper scrolls
    // down to the payment section (Stripe.js only on intent), as a shopper does to pay.
    await checkout.scrollToPayment();
    await checkout.fillCard(CARDS.success);
    await checkout.pay();

    const orderId = await confirmation.waitForOrder();
    const shippedTo = page.locator('[data-shipping-address]');
    await expect(shippedTo).toContainText('Grace Hopper');
    await expect(shippedTo).toContainText('Platz der Republik 1');
    await expect(shippedTo).toContainText('11011 Berlin');
    expect((await backend.order(orderId)).shippingAddress).toMatchObject({ name: 'Grace Hopper', line1: 'Platz der Republik 1', postalCode: '11011', city: 'Berlin', country: 'DE' });
  });

  test('suggestions: type in the first line, see the fake geocoder’s suggestions, pick one with the keyboard, pay', async ({
    page,
    productList,
    cart,
    checkout,
    confirmation,
    backend,
    guard,
  }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.email.fill(GUEST.email);
    await checkout.fullName.fill(GUEST.name);
    await checkout.country.selectOption({ label: GUEST.country });
    const line1 = checkout.addressLine1;
    await line1.click();
    await line1.pressSequentially('Unter den Lin');
    const listbox = page.getByRole('listbox', { name: 'Suggested addresses' });
    await expect(listbox).toBeVisible();
    await expect(line1).toHaveAttribute('aria-expanded', 'true');
    await expect(listbox.getByRole('option')).toHaveCount(1);
    await expect(listbox.getByRole('option').first()).toContainText('Unter den Linden 1');
    await expect(page.getByRole('status').filter({ hasText: 'Suggested addresses: 1.' })).toHaveCount(1);
    // The suggestions came from the demo's loopback geocoder, asked in the shopper's language.
    const asked = guard.requestUrls.filter((url) => url.startsWith(`${geocoderUrl}/api?`));
    expect(asked.length).toBeGreaterThan(0);
    expect(new URL(asked.at(-1)!).searchParams.get('q')).toBe('Unter den Lin');

    await line1.press('ArrowDown');
    await expect(line1).toHaveAttribute('aria-activedescendant', /.+/);
    await line1.press('Enter');
    await expect(line1).toHaveValue('Unter den Linden 1');
    await expect(checkout.postalCode).toHaveValue('10117');
    await expect(checkout.city).toHaveValue('Berlin');
    await expect(checkout.fullName).toHaveValue(GUEST.name);
    await expect(line1).toHaveAttribute('aria-expanded', 'false');

    await checkout.chooseShipping(/Standard delivery/);
    await checkout.fillCard(CARDS.success);
    await checkout.pay();
    const orderId = await confirmation.waitForOrder();
    await expect(page.locator('[data-shipping-address]')).toContainText('10117 Berlin');
    expect((await backend.order(orderId)).shippingAddress).toMatchObject({ name: GUEST.name, line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' });
  });
});
