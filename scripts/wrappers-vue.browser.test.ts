/**
 * The generated Vue plugin (scripts/generate-wrappers.mjs) on a returning shopper's device: its
 * loader of `<omni-checkout>` loads the painted first render (`checkout/first`), so the one-click
 * button is painted before the element is defined, from what a template's `.prop` bindings set;
 * `$omniReady` settles once the element is defined (after the button), not before.
 *
 * The plugin is the generator's output, written by the `generatedWrapper` browser command
 * (vitest.config.ts). It imports nothing from Vue at run time (types only), so it is installed on the
 * part of an app it uses (`config`); the element is set up as Vue's runtime sets it up for
 * `<omni-checkout .publishableKey .apiBase .clientSecret identity>` (properties, then insertion).
 * A file of its own: `<omni-checkout>` must not be defined when it starts.
 */
import { afterEach, expect, it } from 'vitest';
import { commands, page } from 'vitest/browser';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity } from '@omni-checkout/mock/backend/identity';

const DEVICE = 'dvc_remembered_device_token_for_tests';
const { generatedWrapper } = commands as unknown as { generatedWrapper: (pkg: 'vue', tag: string) => Promise<{ path: string }> };

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

type Plugin = { install(app: unknown, options?: { elements?: readonly string[] }): void };

// Generating the wrapper reads the whole manifest from the sources (2–3 s, more on a busy machine).
it("Vue: app.use(omniCheckout) paints a returning shopper's button before <omni-checkout> is defined; $omniReady settles once it is", { timeout: 30_000 }, async () => {
  const memory = createMemoryBackend({
    lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 3700, quantity: 1 }],
    shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  });
  const identity = withIdentity(memory, { deviceToken: DEVICE, passkeys: 1 });
  localStorage.setItem(`omni-device:${memory.publishableKey}`, DEVICE);
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    sent.push(`${request.method} ${new URL(request.url).pathname.replace(/^.*\/checkout-sessions\/[^/]+/, '') || '/'}`);
    return identity.fetch(request);
  };

  const { path } = await generatedWrapper('vue', 'omni-checkout');
  const { omniCheckout, loaders } = (await import(/* @vite-ignore */ `/${path}`)) as { omniCheckout: Plugin; loaders: Record<string, () => Promise<unknown>> };
  expect(String(loaders['omni-checkout'])).toContain('checkout/first');
  const app = { config: { compilerOptions: {} as { isCustomElement?: (tag: string) => boolean }, globalProperties: {} as { $omniReady?: Promise<unknown[]> } } };
  omniCheckout.install(app, { elements: ['omni-checkout'] });
  expect(app.config.compilerOptions.isCustomElement!('omni-checkout')).toBe(true);
  let ready = false;
  void app.config.globalProperties.$omniReady!.then(() => (ready = true));

  // The page asks its server for the session, then renders the element: not defined, nor ready, until then.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(customElements.get('omni-checkout')).toBeUndefined();
  expect(ready).toBe(false);

  const states = new Set<string>();
  let watching = true;
  const watch = () => {
    const button = document.querySelector('omni-checkout')?.shadowRoot?.querySelector("[part~='one-click'] [part~='pay-button']");
    if (button) states.add(`button, ${customElements.get('omni-checkout') ? 'defined' : 'not defined'}, ${ready ? 'ready' : 'not ready'}`);
    if (watching) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  // As Vue's runtime does for `.prop` bindings and a plain attribute, before it inserts the element.
  const element = Object.assign(document.createElement('omni-checkout'), {
    publishableKey: memory.publishableKey,
    apiBase: memory.apiBase,
    clientSecret: memory.clientSecret,
    fetch,
  });
  element.setAttribute('identity', '');
  document.body.append(element);

  await expect.element(page.getByRole('button', { name: 'Pay €42.00 with •••• 4242, deliver to Home' })).toBeVisible();
  await expect.poll(() => states.has('button, not defined, not ready')).toBe(true);
  expect(sent).toEqual(['POST /identity/recall']);

  const settled = await app.config.globalProperties.$omniReady!;
  expect(settled).toEqual([customElements.get('omni-checkout')]);
  expect(element).toBeInstanceOf(customElements.get('omni-checkout')!);
  await expect.poll(() => element.shadowRoot!.querySelector('.painted')).toBeNull();
  await expect.poll(() => states.has('button, defined, ready')).toBe(true);
  watching = false;
  // The element took the recall over: one request for both.
  expect(sent).toEqual(['POST /identity/recall']);
});
