import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import axe from 'axe-core';
import { ContextProvider } from '@lit/context';
import { ReactiveElement } from 'lit';
import { createBackendClient } from '@omni-checkout/core/client';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { checkoutContext, type CheckoutContext } from '../context/context.js';
import { loadTranslation } from '../i18n/index.js';
import './define.js';
import type { OmniSummary } from './summary.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

/** `<omni-summary>` on its own: its attributes and client secret, its own session read. */
async function mount(lang = 'en') {
  const backend = createMemoryBackend({
    lineItems: [
      { id: 'beans', name: 'Coffee beans (250 g)', unitAmount: 1250, quantity: 2 },
      { id: 'dripper', name: 'Dripper', unitAmount: 1200, quantity: 1 },
    ],
    shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  });
  const requests: string[] = [];
  const element = document.createElement('omni-summary') as OmniSummary;
  element.lang = lang;
  element.setAttribute('publishable-key', backend.publishableKey);
  element.setAttribute('api-base', backend.apiBase);
  element.fetch = async (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return backend.fetch(input, init);
  };
  element.clientSecret = backend.clientSecret;
  document.body.append(element);
  cleanup.push(() => element.remove());
  return { element, requests };
}

describe('<omni-summary>', () => {
  it('on its own, reads the session once and shows lines, subtotal, shipping and total', async () => {
    const { element, requests } = await mount();
    await expect.element(page.getByRole('heading', { name: 'Order summary' })).toBeVisible();
    const lines = element.shadowRoot!.querySelectorAll('[part~="line-item"]');
    expect([...lines].map((l) => [...l.children].map((c) => c.textContent))).toEqual([
      ['\u2068Coffee beans (250 g)\u2069 × 2', '€25.00'],
      ['\u2068Dripper\u2069', '€12.00'],
    ]);
    await expect.element(page.getByText('Subtotal')).toBeVisible();
    expect(element.shadowRoot!.querySelector('[part~="total"]')!.textContent).toMatch(/Total\s*€42\.00/);
    expect(requests).toEqual(['GET /v1/client/checkout-sessions/' + requests[0]!.split('/').at(-1)]);
    const result = await axe.run(element, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('speaks the shopper’s language and keeps Latin names isolated in Arabic', async () => {
    await loadTranslation('ar');
    const { element } = await mount('ar');
    await expect.element(page.getByRole('heading', { name: 'ملخص الطلب' })).toBeVisible();
    const line = element.shadowRoot!.querySelector('[part~="line-item"]')!;
    expect(line.textContent).toContain('\u2068Coffee beans (250 g)\u2069');
  });

  it('inside a checkout defined after it (a page that loads the checkout later), shows the checkout’s session when it arrives', async () => {
    const backend = createMemoryBackend({ lineItems: [{ id: 'beans', name: 'Coffee beans (250 g)', unitAmount: 1250, quantity: 2 }] });
    const config = { apiBase: backend.apiBase, publishableKey: backend.publishableKey, clientSecret: backend.clientSecret, fetch: backend.fetch };
    const session = await createBackendClient(config).getSession();
    // The provider's tag is not defined yet: the summary asks for a context and nobody answers.
    const late = document.createElement('omni-test-late-checkout');
    const summary = document.createElement('omni-summary') as OmniSummary;
    late.append(summary);
    document.body.append(late);
    cleanup.push(() => late.remove());
    await summary.updateComplete;
    expect(summary.shadowRoot!.querySelector('h2')).toBeNull();
    // Now the checkout's element is defined (its script loaded later): it provides the context.
    customElements.define(
      'omni-test-late-checkout',
      class extends ReactiveElement {
        readonly provider = new ContextProvider(this, { context: checkoutContext });
        // No shadow root: the summary stays in view (as in `<omni-checkout>`'s light DOM).
        protected override createRenderRoot(): HTMLElement {
          return this;
        }
        override connectedCallback(): void {
          super.connectedCallback();
          this.provider.setValue({ config, session, lang: 'en' } as unknown as CheckoutContext);
        }
      },
    );
    await expect.element(page.getByRole('heading', { name: 'Order summary' })).toBeVisible();
    expect(summary.shadowRoot!.querySelector('[part~="line-item"]')!.textContent).toContain('\u2068Coffee beans (250 g)\u2069 × 2€25.00');
  });
});

