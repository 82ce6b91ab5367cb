/**
 * `checkout/first` on a page that inserts `<omni-checkout>` first and sets its client secret later
 * (it asks its server for it), as the README's example does: the one-click button is still painted
 * before the element is defined, and the element takes over the one recall. A file of its own: the
 * element must not be defined when it starts.
 */
import { afterEach, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity } from '@omni-checkout/mock/backend/identity';
import { PAINTED, type PaintedElement } from './handover.js';
import { recordingFetch } from './shopper.test-support.js';

const DEVICE = 'dvc_remembered_device_token_for_tests';

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

it('a client secret set after the element is in the page: painted before the element is defined, one recall', async () => {
  const memory = createMemoryBackend({
    lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 3700, quantity: 1 }],
    shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  });
  const identity = withIdentity(memory, { deviceToken: DEVICE, passkeys: 1 });
  localStorage.setItem(`omni-device:${memory.publishableKey}`, DEVICE);
  const element = document.createElement('omni-checkout') as PaintedElement & { clientSecret?: string; fetch?: typeof fetch };
  element.setAttribute('publishable-key', memory.publishableKey);
  element.setAttribute('api-base', memory.apiBase);
  element.setAttribute('identity', '');
  const { fetch, sent } = recordingFetch((request) => identity.fetch(request));
  element.fetch = fetch;
  document.body.append(element);
  // Every state of the element's shadow root as the page goes: painted (no Lit) or rendered by the element.
  const states = new Set<string>();
  const watch = () => {
    const button = element.shadowRoot?.querySelector("[part~='one-click'] [part~='pay-button']");
    if (button) states.add(customElements.get('omni-checkout') ? 'button, defined' : 'button, not defined');
    if (!states.has('button, defined')) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  await import('./first.js');
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Nothing to paint without the secret, and the element waits for it (a device is remembered).
  expect(element.shadowRoot).toBeNull();
  expect(customElements.get('omni-checkout')).toBeUndefined();
  element.clientSecret = memory.clientSecret;
  await expect.element(page.getByRole('button', { name: 'Pay €42.00 with •••• 4242, deliver to Home' })).toBeVisible();
  await expect.poll(() => states.has('button, defined')).toBe(true);
  expect(states.has('button, not defined')).toBe(true);
  expect(element[PAINTED]).toBeDefined();
  expect(sent).toEqual(['POST /identity/recall']);
  // The element took the secret over as its own property.
  expect(element.clientSecret).toBe(memory.clientSecret);
});
