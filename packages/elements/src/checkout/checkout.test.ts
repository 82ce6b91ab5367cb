import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { registerProvider } from '@omni-checkout/core/provider';
import './define.js';
import { field, fillCard, fillGuest } from './shopper.test-support.js';
import type { OmniCheckout } from './checkout.js';
import { loadTranslation } from '../i18n/index.js';
import { createMemoryBackend, type MemoryBackendOptions } from '@omni-checkout/mock/backend';

const CARDS = { success: '4242424242424242', decline: '4000000000000002', threeDSecure: '4000000000003220' };

/** Subtotal €37.00; standard delivery (preselected by the backend) €5.00. */
const CART: MemoryBackendOptions = {
  sessionId: 'cs_test_1',
  lineItems: [
    { id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 },
    { id: 'dripper', name: 'Dripper', unitAmount: 1200, quantity: 1 },
  ],
  shippingOptions: [
    { id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } },
    { id: 'express', label: 'Express delivery', amount: 1200, deliveryEstimate: { minDays: 1, maxDays: 1 } },
  ],
};

interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  /** Path below the session, e.g. `/confirm`. */
  readonly path: string;
  readonly headers: Headers;
}

/** The in-memory backend, with every request the page makes recorded as it goes through `fetch`. */
function recordingBackend(options: MemoryBackendOptions = {}) {
  const backend = createMemoryBackend({ ...CART, ...options });
  const requests: RecordedRequest[] = [];
  /** Runs before a request reaches the backend (something else acting on the session meanwhile). */
  const hooks: { before?: (path: string, init: RequestInit | undefined) => Promise<void> } = {};
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    requests.push({
      method: init?.method ?? 'GET',
      url,
      path: new URL(url).pathname.replace(/^.*\/checkout-sessions\/[^/]+/, ''),
      headers: new Headers(init?.headers),
    });
    await hooks.before?.(requests.at(-1)!.path, init);
    return backend.fetch(input, init);
  };
  return { ...backend, session: backend.session, order: backend.order, fetch, requests, hooks };
}

beforeAll(() => {
  registerProvider('mock', () => import('@omni-checkout/mock/client'));
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

interface Mounted {
  element: OmniCheckout;
  backend: ReturnType<typeof recordingBackend>;
  events: Event[];
}

const EVENT_NAMES = [
  'omni-ready',
  'omni-load-error',
  'omni-address-change',
  'omni-shipping-change',
  'omni-payment-requires-action',
  'omni-complete',
  'omni-error',
] as const;

/** Mounts <omni-checkout> the way a merchant page does; events are recorded on `document`. */
async function mount(options: { into?: Node; attributes?: Record<string, string>; backend?: MemoryBackendOptions } = {}): Promise<Mounted> {
  const backend = recordingBackend(options.backend);
  const element = document.createElement('omni-checkout');
  element.setAttribute('publishable-key', backend.publishableKey);
  element.setAttribute('api-base', backend.apiBase);
  for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
  element.fetch = backend.fetch;
  element.clientSecret = backend.clientSecret;
  const events: Event[] = [];
  const record = (event: Event) => events.push(event);
  for (const name of EVENT_NAMES) document.addEventListener(name, record);
  const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
  (options.into ?? document.body).appendChild(element);
  cleanup.push(() => {
    element.remove();
    for (const name of EVENT_NAMES) document.removeEventListener(name, record);
  });
  await ready;
  return { element, backend, events };
}

const payButton = () => page.getByRole('button', { name: /^Pay\b/ });

function confirms(backend: Mounted['backend']): number {
  return backend.requests.filter((r) => r.path === '/confirm').length;
}

function ofType<T extends Event>(events: Event[], type: string): T[] {
  return events.filter((e) => e.type === type) as T[];
}

describe('<omni-checkout>', () => {
  it('renders autofillable native inputs in light DOM inside a form, with exact autocomplete tokens', async () => {
    const { element } = await mount();
    await userEvent.click(page.getByRole('button', { name: 'Add apartment, suite or floor' }));
    const expected: [string | RegExp, string][] = [
      ['Email', 'email'],
      ['Full name', 'shipping name'],
      ['Country', 'shipping country'],
      ['Address line 1', 'shipping address-line1'],
      [/^Apartment, suite, floor/, 'shipping address-line2'],
      ['City', 'shipping address-level2'],
      ['Postal code', 'shipping postal-code'],
      ['Phone (optional)', 'shipping tel'],
    ];
    for (const [label, token] of expected) {
      const input = field(label).element() as HTMLInputElement | HTMLSelectElement;
      expect(input.getAttribute('autocomplete'), String(label)).toBe(token);
      expect(input.getRootNode(), `${label} is in light DOM`).toBe(document);
      expect(input.form, `${label} is in a form`).toBeInstanceOf(HTMLFormElement);
      expect(element.contains(input)).toBe(true);
      expect(input.labels?.[0]?.htmlFor).toBe(input.id);
    }
    expect(field('Country').element()).toBeInstanceOf(HTMLSelectElement);
    // The address is <omni-address>, composed inside the checkout's own form.
    const address = element.querySelector('omni-address')!;
    expect(address.form).toBe(field('Email').element().closest('form'));
    // The region line appears where Google's data has one, named as the country names it.
    expect(field('State').query()).toBeNull();
    await userEvent.selectOptions(field('Country'), 'US');
    await expect.element(field('State')).toBeVisible();
    const region = field('State').element() as HTMLSelectElement;
    expect(region.getAttribute('autocomplete')).toBe('shipping address-level1');
    expect(region.required).toBe(true);
    expect(field('ZIP code').element().getAttribute('autocomplete')).toBe('shipping postal-code');
  });

  it('shows at most 8 fields of its own by default (the provider adds the card fields)', async () => {
    const { element } = await mount();
    const visible = () => [...element.querySelectorAll('form input, form select')].filter((el) => (el as HTMLElement).checkVisibility());
    expect(visible()).toHaveLength(7);
    await userEvent.selectOptions(field('Country'), 'US');
    await expect.poll(() => visible()).toHaveLength(8);
  });

  it('shows only the ways to pay the provider can take; the developer reads why the others are hidden in the console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    cleanup.push(() => warn.mockRestore());
    // The mock provider takes cards only: Poland's BLIK, Przelewy24, Klarna… are not shown, so no list at all.
    await mount({ backend: { country: 'PL', currency: 'PLN' } });
    await expect.element(field('Card number')).toBeVisible();
    expect(page.getByRole('radiogroup', { name: 'Payment method' }).query()).toBeNull();
    expect(document.body.textContent).not.toMatch(/not available|BLIK|Przelewy24/i);
    const messages = warn.mock.calls.map((call) => String(call[0]));
    expect(messages.find((m) => m.includes('blik is not shown to shoppers in PL (PLN): test_mode'))).toContain('method-hidden');
    expect(messages.some((m) => m.includes('cash_on_delivery is not shown to shoppers in PL (PLN): not_enabled'))).toBe(true);
  });

  it('takes a guest from empty form to paid order', async () => {
    const { element, backend, events } = await mount();
    await expect.element(page.getByText('Total', { exact: true })).toBeVisible();
    await fillGuest();
    // The backend priced the shipping; the page shows its totals.
    await expect.element(payButton()).toHaveAccessibleName('Pay €42.00');
    await fillCard(CARDS.success);
    await userEvent.click(payButton());
    await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    const order = backend.order()!;
    expect(order).toMatchObject({ amount: 4200, currency: 'EUR' });
    await expect.element(page.getByText(order.id)).toBeVisible();
    expect(element.matches(':state(succeeded)')).toBe(true);
    const [complete] = ofType<Event & { orderId: string; session: { id: string } }>(events, 'omni-complete');
    expect(complete).toMatchObject({ orderId: order.id, bubbles: true, composed: true });
    expect(complete!.session.id).toBe('cs_test_1');
    expect(order.contact).toEqual({ email: 'ada@example.com' });
    expect(order.shippingAddress).toMatchObject({ name: 'Ada Lovelace', country: 'DE', line1: 'Unter den Linden 1', postalCode: '10117' });
    // One round trip after the click (docs/performance.md): the details were saved as they were entered.
    const afterClick = backend.requests.slice(backend.requests.findIndex((r) => r.path === '/confirm'));
    expect(afterClick.map((r) => r.path)).toEqual(['/confirm']);
    // Focus moves to the outcome.
    expect(element.shadowRoot!.activeElement?.textContent).toBe('Payment successful');
  });

  it('shows the order, not an error, when the session was paid by something else as the shopper pressed pay', async () => {
    const { element, backend, events } = await mount();
    await fillGuest();
    await fillCard(CARDS.success);
    // A webhook (after a closed PayPal window) or another tab pays the same session with its own
    // key just before this page's confirm arrives; the backend answers it 409 session_completed.
    backend.hooks.before = async (path, init) => {
      if (path !== '/confirm') return;
      backend.hooks.before = undefined;
      const headers = new Headers(init!.headers);
      headers.set('Idempotency-Key', 'elsewhere-1');
      const url = `${backend.apiBase}/v1/client/checkout-sessions/${backend.session().id}/confirm`;
      expect((await backend.fetch(url, { ...init, headers })).status).toBe(200);
    };
    await userEvent.click(payButton());
    await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    const order = backend.order()!;
    await expect.element(page.getByText(order.id)).toBeVisible();
    // The page confirmed once and did not try again; the other payment is the hook's.
    const keys = backend.requests.filter((r) => r.path === '/confirm').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys.filter((k) => k !== 'elsewhere-1')).toHaveLength(1);
    expect(ofType(events, 'omni-error')).toEqual([]);
    expect(ofType<Event & { orderId: string }>(events, 'omni-complete').map((e) => e.orderId)).toEqual([order.id]);
    expect(element.matches(':state(succeeded)')).toBe(true);
  });

  it('refuses to pay with missing details and says what is missing', async () => {
    const { backend } = await mount();
    await userEvent.click(payButton());
    await expect.element(page.getByText('Enter your email.')).toBeVisible();
    const email = field('Email').element();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe('Enter your email.');
    expect(document.activeElement).toBe(email);
    await fillGuest();
    await userEvent.click(payButton());
    // The provider's own message, next to its field and in the alert; focus moves to the card.
    await expect.element(page.getByRole('alert')).toHaveTextContent(/card number/i);
    expect(document.activeElement).toBe(field('Card number').element());
    expect(confirms(backend)).toBe(0);
  });

  it('a field holding only spaces is marked, focused and named, and nothing is charged', async () => {
    const { backend } = await mount();
    await fillGuest();
    await userEvent.fill(field('Full name'), '   ');
    await fillCard('4242424242424242');
    await userEvent.click(payButton());
    const name = field('Full name').element();
    await expect.element(field('Full name')).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(name);
    expect(document.getElementById(name.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('Enter your full name.');
    expect(field('Email').element().getAttribute('aria-invalid')).not.toBe('true');
    expect(confirms(backend)).toBe(0);
  });

  it('tells a Polish shopper of a decline in Polish, though the backend words it in English', async () => {
    // The backend's messages are English; the catalog puts a payment failure into the page's language by its code.
    const { events } = await mount({ attributes: { lang: 'pl' }, backend: { country: 'PL', currency: 'PLN', locale: 'pl' } });
    await userEvent.fill(field('E-mail'), 'jan@example.com');
    await userEvent.fill(field('Imię i nazwisko'), 'Jan Kowalski');
    await userEvent.fill(field('Ulica i numer domu'), 'ul. Marszałkowska 1');
    await userEvent.fill(field('Miejscowość'), 'Warszawa');
    await userEvent.fill(field('Kod pocztowy'), '00-001');
    await userEvent.fill(field('Numer karty'), CARDS.decline);
    await userEvent.fill(field(/^Data ważności/), '12 / 34');
    await userEvent.fill(field(/^Kod zabezpieczający/), '123');
    await userEvent.click(page.getByRole('button', { name: /^Zapłać\s/ }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Karta została odrzucona. Spróbuj użyć innej karty.');
    // The event carries the same words (a merchant's page shows or logs them as the shopper read them).
    expect(ofType<Event & { code: string; message: string }>(events, 'omni-error').map((e) => [e.code, e.message])).toEqual([
      ['card_declined', 'Karta została odrzucona. Spróbuj użyć innej karty.'],
    ]);
  });

  it('shows a decline, keeps the form editable, and pays with another card', async () => {
    const { element, backend, events } = await mount();
    await fillGuest();
    await fillCard(CARDS.decline);
    await userEvent.click(payButton());
    await expect.element(page.getByRole('alert')).toHaveTextContent('Your card was declined. Try another card.');
    expect(element.matches(':state(failed)')).toBe(true);
    expect(ofType<Event & { code: string }>(events, 'omni-error').map((e) => e.code)).toEqual(['card_declined']);
    expect(field('Card number').element()).toBe(document.activeElement);
    expect(field('Email').element()).toBeEnabled();
    await expect.element(payButton()).toHaveAttribute('aria-disabled', 'false');
    await fillCard(CARDS.success);
    await userEvent.click(payButton());
    await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    expect(confirms(backend)).toBe(2);
    const keys = backend.requests.filter((r) => r.path === '/confirm').map((r) => r.headers.get('idempotency-key'));
    expect(new Set(keys).size).toBe(2);
  });

  it('completes a 3-D Secure challenge the shopper approves', async () => {
    const { element, events } = await mount();
    await fillGuest();
    await fillCard(CARDS.threeDSecure);
    await userEvent.click(payButton());
    const dialog = page.getByRole('dialog');
    await expect.element(dialog).toBeVisible();
    expect(element.matches(':state(paying)')).toBe(true);
    await expect.element(page.getByRole('status')).toHaveTextContent('Waiting for your bank to verify the payment…');
    expect(ofType<Event & { action: { type: string } }>(events, 'omni-payment-requires-action')[0]?.action.type).toBe('challenge');
    await userEvent.click(dialog.getByRole('button', { name: 'Approve' }));
    await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  });

  it('explains a cancelled 3-D Secure challenge and lets the shopper pay again', async () => {
    const { element } = await mount();
    await fillGuest();
    await fillCard(CARDS.threeDSecure);
    await userEvent.click(payButton());
    await userEvent.click(page.getByRole('dialog').getByRole('button', { name: 'Cancel' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(/^You cancelled the card verification/);
    expect(element.matches(':state(failed)')).toBe(true);
    await userEvent.click(payButton());
    await userEvent.click(page.getByRole('dialog').getByRole('button', { name: 'Approve' }));
    await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  });

  it.each([
    ['a double click', () => userEvent.dblClick(payButton())],
    ['three clicks in one task', async () => {
      const button = payButton().element() as HTMLButtonElement;
      button.click();
      button.click();
      button.click();
    }],
  ])('sends exactly one confirm for %s on Pay', async (_, clickPay) => {
    const { backend } = await mount();
    await fillGuest();
    await fillCard(CARDS.success);
    await expect.element(payButton()).toHaveAccessibleName('Pay €42.00');
    await clickPay();
    await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    await new Promise((r) => setTimeout(r, 100));
    expect(confirms(backend)).toBe(1);
  });

  it('locks the button while paying and names the amount', async () => {
    const { element } = await mount();
    await fillGuest();
    await fillCard(CARDS.threeDSecure);
    await userEvent.click(payButton());
    await expect.element(page.getByRole('dialog')).toBeVisible();
    const button = element.shadowRoot!.querySelector('[part="pay-button"]')!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.textContent?.trim()).toBe('Paying €42.00…');
    expect(field('Email').element()).toBeDisabled();
    await userEvent.click(page.getByRole('dialog').getByRole('button', { name: 'Cancel' }));
  });

  it('fires omni-* events with their payloads, composed out of shadow roots', async () => {
    const outer = document.createElement('div');
    document.body.append(outer);
    cleanup.push(() => outer.remove());
    const shadow = outer.attachShadow({ mode: 'open' });
    const { element, events } = await mount({ into: shadow });
    expect(ofType(events, 'omni-ready')).toHaveLength(1);
    // Light-DOM styles are adopted where the element lives (here: the enclosing shadow root).
    const rules = shadow.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
    expect(rules.some((rule) => rule.startsWith('omni-checkout .omni-form'))).toBe(true);
    await fillGuest();
    const address = ofType<Event & { complete: boolean; empty: boolean; value: object }>(events, 'omni-address-change');
    expect(address.at(-1)).toMatchObject({
      complete: true,
      empty: false,
      value: { name: 'Ada Lovelace', country: 'DE', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117' },
    });
    expect(address[0]).toMatchObject({ complete: false, empty: false, value: { name: 'Ada Lovelace', country: 'DE' } });
    await userEvent.click(page.getByRole('radio', { name: /Express delivery/ }));
    expect(ofType<Event & { value: string }>(events, 'omni-shipping-change').map((e) => e.value)).toEqual(['express']);
    // Totals come from the backend's answer.
    await expect.element(payButton()).toHaveAccessibleName('Pay €49.00');
    await expect.element(page.getByRole('radio', { name: /Express delivery.*€12\.00.*1 business day/ })).toBeChecked();
    for (const event of events) expect([event.type, event.bubbles, event.composed]).toEqual([event.type, true, true]);
    expect(element.getValue()).toMatchObject({ complete: false, value: { contact: { email: 'ada@example.com' }, shippingOptionId: 'express' } });
  });

  /** A checkout whose session has expired (the backend's 410, in its English words): its `omni-load-error`. */
  function expiredCheckout(lang?: string): Promise<Event & { code: string; message: string }> {
    const element = document.createElement('omni-checkout');
    if (lang) element.setAttribute('lang', lang);
    const failed = new Promise<Event & { code: string; message: string }>((resolve) =>
      element.addEventListener('omni-load-error', (e) => resolve(e as never), { once: true }),
    );
    element.fetch = async () => new Response(JSON.stringify({ error: { code: 'session_expired', message: 'This checkout has expired.' } }), { status: 410 });
    element.clientSecret = 'cs_test_1_secret_abc';
    document.body.append(element);
    cleanup.push(() => element.remove());
    return failed;
  }

  it('reports a session that cannot load', async () => {
    expect(await expiredCheckout()).toMatchObject({ code: 'session_expired', message: 'This checkout has expired.', composed: true });
    await expect.element(page.getByRole('alert')).toHaveTextContent('This checkout has expired.');
  });

  it('tells a Polish shopper in Polish that the checkout expired, in the alert and the event', async () => {
    // The page's catalog is in (as once the painted first render has loaded it): the backend's English gives way to its words.
    await loadTranslation('pl');
    expect(await expiredCheckout('pl')).toMatchObject({ code: 'session_expired', message: 'Czas na tę płatność minął. Zacznij od nowa w sklepie.' });
    await expect.element(page.getByRole('alert')).toHaveTextContent('Czas na tę płatność minął. Zacznij od nowa w sklepie.');
  });

  it('keeps the client secret out of attributes, the DOM and URLs', async () => {
    const { backend } = await mount();
    const secretPart = backend.clientSecret.slice(backend.clientSecret.indexOf('_secret_'));
    await fillGuest();
    await fillCard(CARDS.success);
    const dom = (): string => {
      const parts = [document.documentElement.outerHTML];
      const visit = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          for (const attr of el.attributes) parts.push(attr.value);
          if (el instanceof HTMLInputElement) parts.push(el.value);
          if (el.shadowRoot) {
            parts.push(el.shadowRoot.innerHTML);
            visit(el.shadowRoot);
          }
        }
      };
      visit(document);
      return parts.join('\n');
    };
    expect(dom()).not.toContain(secretPart);
    await userEvent.click(payButton());
    await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    expect(dom()).not.toContain(secretPart);
    expect(backend.requests.map((r) => r.url).join()).not.toContain(secretPart);
    const ours = backend.requests.filter((r) => r.url.includes('/v1/client/'));
    expect(ours.length).toBeGreaterThan(3);
    expect(ours.every((r) => r.headers.get('authorization') === `Bearer ${backend.clientSecret}`)).toBe(true);
  });

  it('uses no inline styles (strict CSP)', async () => {
    const before = document.querySelectorAll('style, [style]').length; // the test runner's own page styles
    const { element } = await mount();
    await fillGuest();
    await fillCard(CARDS.threeDSecure);
    await userEvent.click(payButton());
    await expect.element(page.getByRole('dialog')).toBeVisible();
    expect(document.querySelectorAll('style, [style]').length).toBe(before);
    expect(element.shadowRoot!.querySelectorAll('style, [style]').length).toBe(0);
    expect(element.querySelectorAll('style, [style]').length).toBe(0);
    await userEvent.click(page.getByRole('dialog').getByRole('button', { name: 'Cancel' }));
  });

  describe('accessibility', () => {
    async function violations(context: Element): Promise<string[]> {
      const result = await axe.run(context, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }

    it('has no axe violations left to right', async () => {
      const { element } = await mount();
      expect(await violations(element)).toEqual([]);
      await userEvent.click(payButton());
      expect(await violations(element)).toEqual([]);
    });

    it('has no axe violations right to left, in Arabic', async () => {
      const { element } = await mount({ attributes: { dir: 'rtl', lang: 'ar' } });
      await expect.element(page.getByRole('heading', { name: 'ملخص الطلب' })).toBeVisible();
      expect(getComputedStyle(field('البريد الإلكتروني').element()).direction).toBe('rtl');
      expect(await violations(element)).toEqual([]);
    });
  });
});
