/**
 * The generated React component of `<omni-checkout>` (scripts/generate-wrappers.mjs) on a returning
 * shopper's device: it loads the painted first render (`checkout/first`), not the element's class,
 * so the one-click button is painted while `<omni-checkout>` is not defined yet (no Lit); then the
 * shell defines the element, takes the painted button over, and the shopper pays through it.
 *
 * The component is the generator's output for the element, written by the `generatedWrapper` browser
 * command (vitest.config.ts) next to the React package, rendered with react-dom as a page would.
 * Generation and types: scripts/wrappers.test.ts; the painted render itself:
 * packages/elements/src/checkout/first.test.ts; a guest paying in examples/react-shop:
 * e2e/tests/frameworks.spec.ts. The Vue plugin: scripts/wrappers-vue.browser.test.ts.
 */
import { afterEach, expect, it } from 'vitest';
import { commands, page } from 'vitest/browser';
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity } from '@omni-checkout/mock/backend/identity';
import { registerProvider } from '@omni-checkout/core/provider';

const DEVICE = 'dvc_remembered_device_token_for_tests';
const { generatedWrapper } = commands as unknown as { generatedWrapper: (pkg: 'react', tag: string) => Promise<{ path: string; properties: string[] }> };

registerProvider('mock', () => import('@omni-checkout/mock/client'));

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0).reverse()) fn();
});

/** A passkey assertion as the browser hands it over (what the backend verifies is not under test here). */
function assertion(): PublicKeyCredential {
  const bytes = (text: string) => new TextEncoder().encode(text).buffer;
  return {
    id: 'cred_double',
    rawId: bytes('cred_double'),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response: { authenticatorData: bytes('authenticator'), clientDataJSON: bytes('{}'), signature: bytes('signature'), userHandle: null },
    getClientExtensionResults: () => ({}),
  } as unknown as PublicKeyCredential;
}

// Generating the wrapper reads the whole manifest from the sources (2–3 s, more on a busy machine).
it('React, a remembered device: the one-click button painted before <omni-checkout> is defined; the shell takes it over; the shopper pays', { timeout: 30_000 }, async () => {
  const memory = createMemoryBackend({
    lineItems: [
      { id: 'beans', name: 'Coffee beans', unitAmount: 1850, quantity: 2 },
      { id: 'mug', name: 'Enamel mug', unitAmount: 500, quantity: 1 },
    ],
    shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  });
  const identity = withIdentity(memory, { deviceToken: DEVICE, passkeys: 1 });
  localStorage.setItem(`omni-device:${memory.publishableKey}`, DEVICE);
  cleanup.push(() => localStorage.clear());
  // Every request, as `METHOD path` below the session. The identity double has no passkey route: the
  // backend's answer to a verified passkey is a signed-in shopper, here by the double's own code sign-in.
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^.*\/checkout-sessions\/[^/]+/, '') || '/';
    sent.push(`${request.method} ${path}`);
    if (path !== '/identity/passkeys/authenticate') return identity.fetch(request);
    const call = (route: string, body: unknown) =>
      identity.fetch(new Request(request.url.replace(/passkeys\/authenticate$/, route), { method: 'POST', headers: request.headers, body: JSON.stringify(body) }));
    const { challengeId } = (await (await call('lookup', { email: 'ada@example.com' })).json()) as { challengeId: string };
    return call('verify', { challengeId, code: '123456' });
  };
  const prompts: CredentialRequestOptions[] = [];
  const get = navigator.credentials.get.bind(navigator.credentials);
  navigator.credentials.get = async (options) => {
    prompts.push(options!);
    return assertion();
  };
  cleanup.push(() => (navigator.credentials.get = get));

  const { path, properties } = await generatedWrapper('react', 'omni-checkout');
  const { OmniCheckout } = (await import(/* @vite-ignore */ `/${path}`)) as typeof import('../packages/react/src/checkout.js');
  // Importing the component loaded the painter, not the element.
  expect(customElements.get('omni-checkout')).toBeUndefined();

  // Every state of the element's shadow root, frame by frame: painted (not defined) or rendered by the element.
  const states = new Set<string>();
  let watching = true;
  const watch = () => {
    const button = document.querySelector('omni-checkout')?.shadowRoot?.querySelector("[part~='one-click'] [part~='pay-button']");
    if (button) states.add(customElements.get('omni-checkout') ? 'button, defined' : 'button, not defined');
    if (watching) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  cleanup.push(() => (watching = false));

  const orders: string[] = [];
  const errors: string[] = [];
  const ref = React.createRef<HTMLElement>();
  const container = document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  cleanup.push(() => {
    root.unmount();
    container.remove();
  });
  root.render(
    React.createElement(OmniCheckout, {
      ref: ref as React.Ref<never>,
      publishableKey: memory.publishableKey,
      apiBase: memory.apiBase,
      clientSecret: memory.clientSecret,
      identity: true,
      fetch,
      onOmniComplete: (event) => orders.push(event.orderId),
      onOmniError: (event) => errors.push(event.code),
    }),
  );

  const label = 'Pay €47.00 with •••• 4242, deliver to Home';
  await expect.element(page.getByRole('button', { name: label })).toBeVisible();
  await expect.poll(() => states.has('button, not defined')).toBe(true);
  // The painter read what React set as properties (the key, the API base, `identity`); one request before the button.
  expect(sent).toEqual(['POST /identity/recall']);
  const element = ref.current!;
  expect(element.localName).toBe('omni-checkout');

  // The shell loads after the button: it defines the element and takes the painted button over.
  await customElements.whenDefined('omni-checkout');
  await expect.poll(() => element.shadowRoot!.querySelector('.painted')).toBeNull();
  await expect.poll(() => states.has('button, defined')).toBe(true);
  const OmniCheckoutElement = customElements.get('omni-checkout')! as CustomElementConstructor & { elementProperties: Map<string, { state?: boolean }> };
  expect(element).toBeInstanceOf(OmniCheckoutElement);
  // The stand-in's properties are the element's public reactive properties: each prop was a DOM property, none an attribute.
  const reactive = [...OmniCheckoutElement.elementProperties].filter(([, options]) => !options.state).map(([name]) => name);
  expect([...properties].sort()).toEqual([...reactive].sort());
  expect(element).toMatchObject({ publishableKey: memory.publishableKey, apiBase: memory.apiBase, clientSecret: memory.clientSecret, identity: true });
  expect(element.getAttributeNames().filter((name) => /key|base|secret|identity|fetch/i.test(name))).toEqual([]);
  expect(element.outerHTML).not.toContain(memory.clientSecret);

  // The shell's button pays: the passkey prompt with the recall's challenge, the saved address and method, the order.
  await page.getByRole('button', { name: label }).click();
  await expect.poll(() => orders.length, { timeout: 10_000 }).toBe(1);
  expect(orders[0]).toMatch(/^ord_/);
  expect(errors).toEqual([]);
  expect(prompts).toHaveLength(1);
  expect(prompts[0]!.publicKey?.challenge).toBeDefined();
  expect(sent.filter((s) => s === 'POST /identity/recall' || s.startsWith('POST /identity/passkeys/authentication-options'))).toEqual(['POST /identity/recall']);
  expect(sent).toContain('POST /identity/passkeys/authenticate');
  expect(sent).toContain('POST /confirm');
});
