/**
 * The PayPal client adapter in Chromium, with PayPal's SDK double served by page.route() and
 * PayPal's server side played by the real server half against the REST fake (vitest commands).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import type { ClientProviderContext, ExpressCallbacks, PaymentFieldsChange, SubmitOutcome } from '@omni-checkout/core/provider';
import type { CheckoutSession, PrepareRequest } from '@omni-checkout/core/types';
import type { PayPalCommands } from '../testing/vitest-commands.js';
import { paypalLocale, paypalProvider } from './index.js';

const pp = commands as unknown as PayPalCommands;
let clientId = '';
let sessions = 0;

beforeAll(async () => {
  ({ clientId } = await pp.paypalSetup());
});

function session(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return {
    id: `cs_browser_${++sessions}_${Date.now()}`,
    object: 'checkout_session',
    status: 'open',
    livemode: false,
    merchant: { name: 'Demo shop' },
    currency: 'EUR',
    country: 'DE',
    locale: 'de',
    channel: 'web',
    lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2, amount: 2500 }],
    shippingOptions: [
      { id: 'standard', label: 'Standard', amount: 490, deliveryEstimate: { minDays: 2, maxDays: 4 } },
      { id: 'express', label: 'Express', amount: 1290, deliveryEstimate: { minDays: 1, maxDays: 1 } },
    ],
    selectedShippingOptionId: 'standard',
    contact: { email: 'ada@example.com' },
    shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    totals: { subtotal: 2500, shipping: 490, total: 2990 },
    provider: { id: 'paypal', config: { clientId, environment: 'sandbox', intent: 'capture' } },
    // PayPal offered with every funding source it can turn on: which buttons show is PayPal's
    // eligibility (the SDK double's), as with a backend that sends no list.
    providers: [{ id: 'paypal', config: { clientId, environment: 'sandbox', intent: 'capture' }, methods: ['paypal', 'paylater', 'venmo'] }],
    paymentMethods: [
      { type: 'paypal', provider: 'paypal', available: true },
      { type: 'paylater', provider: 'paypal', available: true },
      { type: 'venmo', provider: 'paypal', available: true },
    ],
    nextAction: null,
    lastPaymentError: null,
    orderId: null,
    expiresAt: '2099-01-01T00:00:00Z',
    ...overrides,
  };
}

const loads = () => window.__paypalDoubleLoads ?? [];
const sdkScripts = () => document.querySelectorAll('script[data-js-sdk-library="paypal-js"]');

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

interface Harness {
  container: HTMLElement;
  changes: PaymentFieldsChange[];
  submitted: SubmitOutcome[];
  prepared: PrepareRequest[];
  live: { session: CheckoutSession };
}

/** Context wired like `<omni-checkout>` wires it: prepare and submit go to PayPal's server side. */
function context(live: { session: CheckoutSession }, h: Pick<Harness, 'submitted' | 'prepared'>, extra: Partial<ClientProviderContext> = {}): ClientProviderContext {
  return {
    session: live.session,
    locale: 'de',
    dir: 'ltr',
    apiBase: 'https://pay.example.test',
    publishableKey: 'pk_test_demo',
    prepare: async (request) => {
      h.prepared.push(request);
      const { reference } = await pp.paypalPrepare(live.session, request);
      return { reference, provider: 'paypal', session: live.session };
    },
    submit: async (orderId) => {
      const result = await pp.paypalCapture(live.session, orderId);
      const outcome: SubmitOutcome =
        result.status === 'succeeded'
          ? { status: 'succeeded' }
          : { status: 'failed', code: result.status === 'failed' ? result.code : 'provider_error', ...(result.status === 'failed' && result.declineCode ? { declineCode: result.declineCode } : {}), message: '' };
      h.submitted.push(outcome);
      return outcome;
    },
    ...extra,
  };
}

async function mount(s = session(), extra: Partial<ClientProviderContext> = {}, into: HTMLElement = document.body): Promise<Harness & { fields: Awaited<ReturnType<typeof paypalProvider.mountPaymentFields>> }> {
  const container = document.createElement('div');
  into.append(container);
  const h = { submitted: [] as SubmitOutcome[], prepared: [] as PrepareRequest[] };
  const live = { session: s };
  const fields = await paypalProvider.mountPaymentFields(container, context(live, h, extra));
  const changes: PaymentFieldsChange[] = [];
  fields.onChange((change) => changes.push(change));
  cleanup.push(() => {
    fields.destroy();
    container.remove();
  });
  return { container, fields, changes, live, ...h };
}

const paypalWindow = () => page.getByRole('dialog');

describe('PayPal buttons as a payment method', () => {
  it('loads the SDK once with the session’s currency, intent, locale and the CSP nonce, in light DOM', async () => {
    const before = loads().length;
    const { container, fields } = await mount(session(), { nonce: 'n0nce-abc' });
    expect(fields.ownButton).toBe(true);
    await expect.element(page.getByRole('button', { name: 'PayPal', exact: true })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Pay Later' })).toBeVisible();
    // Venmo is for US shoppers paying in USD.
    expect(container.querySelector('[data-funding-source="venmo"]')).toBeNull();
    // Pay Later messaging for the session total: 4 × €7.48 (of €29.90).
    await expect.element(page.getByText('Pay in 4 interest-free payments of €7.48 with PayPal.')).toBeVisible();
    expect(loads().length).toBe(before + 1);
    const load = loads().at(-1)!;
    const url = new URL(load.url);
    expect(url.origin).toBe('https://www.sandbox.paypal.com');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ 'client-id': clientId, currency: 'EUR', intent: 'capture', locale: 'de_DE', 'enable-funding': 'paylater,venmo', components: 'buttons,messages' });
    expect(load.nonce).toBe('n0nce-abc');
    expect(container.getRootNode()).toBe(document);
  });

  it('pays: PayPal click → order from the backend → approve → confirm', async () => {
    const h = await mount();
    await userEvent.click(page.getByRole('button', { name: 'PayPal', exact: true }));
    await expect.element(paypalWindow()).toBeVisible();
    expect(h.prepared).toEqual([{ method: 'paypal' }]);
    await userEvent.click(page.getByRole('button', { name: /^Pay now/ }));
    await expect.poll(() => h.submitted).toEqual([{ status: 'succeeded' }]);
  });

  it('INSTRUMENT_DECLINED reopens PayPal; another funding source succeeds (one capture)', async () => {
    const h = await mount();
    await userEvent.click(page.getByRole('button', { name: 'PayPal', exact: true }));
    await userEvent.click(page.getByRole('radio', { name: /declined by the bank/ }));
    await userEvent.click(page.getByRole('button', { name: /^Pay now/ }));
    await expect.poll(() => h.submitted.length).toBe(1);
    expect(h.submitted[0]).toMatchObject({ status: 'failed', code: 'card_declined', declineCode: 'instrument_declined' });
    // PayPal's window opened again for the same order: the buyer picks the balance.
    await expect.element(paypalWindow()).toBeVisible();
    await userEvent.click(page.getByRole('radio', { name: 'PayPal balance' }));
    await userEvent.click(page.getByRole('button', { name: /^Pay now/ }));
    await expect.poll(() => h.submitted.length).toBe(2);
    expect(h.submitted[1]).toEqual({ status: 'succeeded' });
    expect(h.prepared).toHaveLength(1);
  });

  it('the buyer cancels: nothing is captured and the checkout hears about it', async () => {
    const h = await mount();
    await userEvent.click(page.getByRole('button', { name: 'Pay Later' }));
    await userEvent.click(page.getByRole('button', { name: 'Cancel and return to the store' }));
    await expect.poll(() => h.changes.at(-1)?.error?.code).toBe('authentication_canceled');
    expect(h.submitted).toEqual([]);
    expect(h.prepared).toEqual([{ method: 'paylater' }]);
  });

  it('ready() false keeps the PayPal window closed (the form is incomplete)', async () => {
    const h = await mount(session(), { ready: async () => false });
    await userEvent.click(page.getByRole('button', { name: 'PayPal', exact: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelector('dialog')).toBeNull();
    expect(h.prepared).toEqual([]);
  });

  it('two mounts share one SDK; a new currency replaces it, never two copies', async () => {
    const before = loads().length;
    const a = await mount();
    await mount();
    expect(loads().length).toBe(before);
    expect(sdkScripts()).toHaveLength(1);
    a.fields.update(session({ currency: 'USD', country: 'US', locale: 'en-US' }));
    await expect.element(page.getByRole('button', { name: 'Venmo' })).toBeVisible();
    expect(loads().length).toBe(before + 1);
    expect(new URL(loads().at(-1)!.url).searchParams.get('currency')).toBe('USD');
    expect(sdkScripts()).toHaveLength(1);
  });

  it('loads nothing until the host says the buttons are about to be visible (context.nearViewport)', async () => {
    const usd = session({ currency: 'GBP', country: 'GB', locale: 'en-GB' });
    const before = loads().length;
    let reveal = () => {};
    const gated: Element[] = [];
    const nearViewport = (element: Element) => {
      gated.push(element);
      return new Promise<void>((resolve) => (reveal = resolve));
    };
    let mounted = false;
    const mounting = mount(usd, { nearViewport }).then((h) => ((mounted = true), h));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mounted).toBe(false);
    expect(loads().length).toBe(before);
    expect(gated).toHaveLength(1);
    reveal();
    const { container } = await mounting;
    expect(gated[0]).toBe(container);
    expect(loads().length).toBe(before + 1);
  });
});

describe('PayPal as an express wallet', () => {
  it('reports availability, re-prices a shipping change in the PayPal window, and authorises with the payer', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const h = { submitted: [] as SubmitOutcome[], prepared: [] as PrepareRequest[] };
    const live = { session: session({ shippingAddress: null }) };
    const authorised: unknown[] = [];
    const addresses: unknown[] = [];
    const callbacks: ExpressCallbacks = {
      currentSession: () => live.session,
      async onShippingAddressChange(address) {
        addresses.push(address);
        // The backend re-prices: shipping to France costs more.
        if (address.country === 'FR') live.session = { ...live.session, totals: { subtotal: 2500, shipping: 1290, total: 3790 }, selectedShippingOptionId: 'express' };
        return live.session;
      },
      async onShippingOptionChange() {
        return live.session;
      },
      async onAuthorized(payment) {
        authorised.push(payment);
        const result = await pp.paypalCapture(live.session, payment.paymentMethod);
        return result.status === 'succeeded' ? 'succeeded' : 'failed';
      },
      onCancel() {},
    };
    const mounted = await paypalProvider.express!.mount(container, context(live, h), callbacks);
    cleanup.push(() => {
      mounted.destroy();
      container.remove();
    });
    expect(mounted.availability).toEqual([
      { wallet: 'paypal', available: true },
      { wallet: 'paylater', available: true },
      { wallet: 'venmo', available: false, reason: 'unsupported_currency' },
    ]);
    await userEvent.click(page.getByRole('button', { name: 'PayPal', exact: true }));
    await expect.element(page.getByRole('combobox', { name: 'Ship to' })).toBeVisible();
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Ship to' }), 'Alan Turing, 2 Rue de Rivoli, 75001 Paris, France');
    await expect.element(page.getByRole('button', { name: 'Pay now 37.90 EUR' })).toBeVisible();
    expect(addresses.at(-1)).toEqual({ country: 'FR', region: '', city: 'Paris', postalCode: '75001' });
    expect(h.prepared.at(-1)).toMatchObject({ method: 'paypal', express: true, reference: expect.any(String) });
    await userEvent.click(page.getByRole('button', { name: 'Pay now 37.90 EUR' }));
    await expect.poll(() => authorised.length).toBe(1);
    const payment = authorised[0] as { paymentMethod: string; contact: { email: string } };
    expect(payment.contact).toEqual({ email: 'buyer@example.com' });
    await expect.poll(() => pp.paypalOrder(payment.paymentMethod)).toEqual({ status: 'COMPLETED', amount: '37.90', captures: 1 });
  });
});

describe('PayPal express without the backend’s prepare step', () => {
  it('shows nothing and loads nothing: the buttons could not create an order', async () => {
    const before = loads().length;
    const container = document.createElement('div');
    document.body.append(container);
    cleanup.push(() => container.remove());
    const { prepare: _prepare, ...withoutPrepare } = context({ session: session() }, { submitted: [], prepared: [] });
    const mounted = await paypalProvider.express!.mount(container, withoutPrepare, {
      currentSession: () => session(),
      onShippingAddressChange: async () => session(),
      onShippingOptionChange: async () => session(),
      onAuthorized: async () => 'failed',
      onCancel() {},
    });
    expect(mounted.availability.map((a) => [a.wallet, a.available])).toEqual([
      ['paypal', false],
      ['paylater', false],
      ['venmo', false],
    ]);
    expect(container.children).toHaveLength(0);
    expect(loads().length).toBe(before);
  });
});

describe('paypalLocale', () => {
  it('maps BCP 47 tags to the locales PayPal accepts', () => {
    expect(paypalLocale('de', 'DE')).toBe('de_DE');
    expect(paypalLocale('de-AT', 'DE')).toBe('de_AT');
    expect(paypalLocale('de', 'LU')).toBe('de_DE');
    expect(paypalLocale('ar', 'SA')).toBe('ar_EG');
    expect(paypalLocale('en-GB', 'US')).toBe('en_GB');
    expect(paypalLocale('zh-Hant-TW', 'TW')).toBe('zh_TW');
    expect(paypalLocale('nb', 'NO')).toBe('no_NO');
    expect(paypalLocale('ko', 'KR')).toBe('ko_KR');
    expect(paypalLocale('xx', 'DE')).toBeUndefined();
  });
});
