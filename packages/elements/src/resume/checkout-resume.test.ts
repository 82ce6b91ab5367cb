/**
 * Resume on another device inside `<omni-checkout identity>`: after the shopper signs in on a new
 * session, "Continue your checkout" shows the lines and total of the one they left on another
 * device; continuing switches the checkout to that session (its cart) by itself, and the shopper
 * pays that session from the checkout's one form.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity } from '@omni-checkout/mock/backend/identity';
import '../checkout/define.js';
import type { OmniCheckout } from '../checkout/checkout.js';
import type { OmniResumeEvent } from './resume-event.js';
import { fillCard, fillGuest } from '../checkout/shopper.test-support.js';

beforeAll(() => {
  registerProvider('mock', () => import('@omni-checkout/mock/client'));
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

const SHIPPING = [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }];

it('offers the checkout left on another device after the sign-in, switches to it, and pays it', async () => {
  // The desktop's session (left unfinished) and the phone's new one, on two in-memory backends.
  const desktop = createMemoryBackend({ lineItems: [{ id: 'lamp', name: 'Desk lamp', unitAmount: 4900, quantity: 2 }], shippingOptions: SHIPPING });
  const phone = createMemoryBackend({ lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 1 }], shippingOptions: SHIPPING });
  const identity = withIdentity(phone, {
    resume: {
      offer: {
        object: 'resume_offer',
        sessionId: desktop.session().id,
        lineItems: [{ name: 'Desk lamp', quantity: 2, unitAmount: 4900 }],
        total: 10300,
        currency: 'EUR',
        touchedAt: new Date().toISOString(),
      },
      clientSecret: desktop.clientSecret,
    },
  });
  const element = document.createElement('omni-checkout') as OmniCheckout;
  element.setAttribute('publishable-key', phone.publishableKey);
  element.setAttribute('api-base', phone.apiBase);
  element.setAttribute('identity', '');
  // Calls with the desktop session's credential reach the desktop's backend.
  element.fetch = (input, init) =>
    (new Headers(init?.headers).get('authorization') ?? '').includes(desktop.clientSecret) ? desktop.fetch(input, init) : identity.fetch(input, init);
  element.clientSecret = phone.clientSecret;
  const resumed: OmniResumeEvent[] = [];
  const record = (event: OmniResumeEvent) => resumed.push(event);
  document.addEventListener('omni-resume', record);
  cleanup.push(() => document.removeEventListener('omni-resume', record));
  const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
  document.body.append(element);
  cleanup.push(() => element.remove());
  await ready;
  await expect.element(page.getByText('Coffee beans')).toBeVisible();

  await userEvent.type(page.getByLabelText('Email', { exact: true }), 'ada@example.com{Enter}');
  await userEvent.type(page.getByLabelText(/Verification code/), '123456');
  await expect.element(page.getByRole('heading', { name: 'Continue your checkout' })).toBeVisible();
  await expect.element(page.getByText('2 × Desk lamp')).toBeVisible();
  await expect.element(page.getByText('Total €103.00')).toBeVisible();

  await userEvent.click(page.getByRole('button', { name: 'Continue your checkout', exact: true }));
  await expect.poll(() => resumed.length).toBe(1);
  // The switch waits for the identity client's module (the shopper's sign-in is handed to that session).
  await expect.poll(() => element.clientSecret).toBe(desktop.clientSecret);
  // The checkout now shows the desktop's cart, and the phone's own session was left as it was.
  await expect.element(page.getByText('Desk lamp')).toBeVisible();
  await expect.element(page.getByText('Coffee beans')).not.toBeInTheDocument();
  expect(phone.session().status).toBe('open');

  // Paid on the desktop's session. The phone session's form is gone: it no longer renders into the
  // checkout (it did, and the confirm was refused for details that were filled).
  await fillGuest();
  await fillCard('4242424242424242');
  await userEvent.click(page.getByRole('button', { name: /^Pay/ }));
  await expect.poll(() => desktop.session().status).toBe('complete');
  await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  expect(phone.session().status).toBe('open');
});
