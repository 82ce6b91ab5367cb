import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import type { ClientProviderContext, MountedPaymentFields, PaymentFieldsChange } from '@omni-checkout/core/provider';
import type { CheckoutSession, NextAction } from '@omni-checkout/core/types';
import { TEST_CARDS, tokenFor, type MockScenario } from '../test-cards.js';
import { createBackendClient } from '@omni-checkout/core/client';
import { createMemoryBackend } from '../backend/index.js';
import mockDefault, { mockProvider } from './index.js';

const session: CheckoutSession = {
  id: 'cs_test_1',
  object: 'checkout_session',
  status: 'open',
  livemode: false,
  merchant: { name: 'Demo shop' },
  currency: 'EUR',
  country: 'DE',
  locale: null,
  channel: 'web',
  lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2, amount: 2500 }],
  shippingOptions: [],
  selectedShippingOptionId: null,
  contact: null,
  shippingAddress: null,
  totals: { subtotal: 2500, shipping: 0, total: 2500 },
  provider: { id: 'mock', config: {} },
  providers: [{ id: 'mock', config: {}, methods: ['card'] }],
  paymentMethods: [{ type: 'card', provider: 'mock', available: true }],
  nextAction: null,
  lastPaymentError: null,
  orderId: null,
  expiresAt: '2099-01-01T00:00:00Z',
};

const context = (overrides: Partial<ClientProviderContext> = {}): ClientProviderContext => ({
  session,
  locale: 'en',
  dir: 'ltr',
  apiBase: 'https://pay.example.test/',
  publishableKey: 'pk_test_demo',
  ...overrides,
});

/** Two digits of a year that is certainly in the future. */
const futureYY = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

interface Mounted {
  container: HTMLElement;
  fields: MountedPaymentFields;
  changes: PaymentFieldsChange[];
}

async function mount(options: { into?: Node; ctx?: Partial<ClientProviderContext> } = {}): Promise<Mounted> {
  const container = document.createElement('div');
  (options.into ?? document.body).appendChild(container);
  const fields = await mockProvider.mountPaymentFields(container, context(options.ctx));
  const changes: PaymentFieldsChange[] = [];
  fields.onChange((change) => changes.push(change));
  cleanup.push(() => {
    fields.destroy();
    container.remove();
  });
  return { container, fields, changes };
}

const number = () => page.getByLabelText('Card number', { exact: true });
const expiry = () => page.getByLabelText('Expiry date', { exact: true });
const cvc = () => page.getByLabelText('Security code (CVC)', { exact: true });

async function fillCard(card: string, exp = `12${futureYY}`, code = '123') {
  await userEvent.fill(number(), '');
  await userEvent.type(number(), card);
  await userEvent.fill(expiry(), '');
  await userEvent.type(expiry(), exp);
  await userEvent.fill(cvc(), '');
  await userEvent.type(cvc(), code);
}

async function violations(context: Element): Promise<string[]> {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('mock payment fields', () => {
  it('exports the provider as default and named, with the mock id', () => {
    expect(mockDefault).toBe(mockProvider);
    expect(mockProvider.id).toBe('mock');
  });

  it('renders labelled native inputs in light DOM with exact autocomplete tokens', async () => {
    const { container } = await mount();
    await expect.element(page.getByRole('group', { name: 'Card details' })).toBeVisible();
    await expect.element(page.getByText('Test mode — use 4242 4242 4242 4242')).toBeVisible();
    const inputs = [number(), expiry(), cvc()].map((l) => l.element() as HTMLInputElement);
    expect(inputs.map((i) => i.getAttribute('autocomplete'))).toEqual(['cc-number', 'cc-exp', 'cc-csc']);
    for (const input of inputs) {
      expect(input.getRootNode()).toBe(document);
      expect(container.contains(input)).toBe(true);
      expect(input.getAttribute('inputmode')).toBe('numeric');
      expect(input.getAttribute('aria-invalid')).toBe('false');
      expect(input.hasAttribute('name')).toBe(false);
    }
    expect(expiry().element().getAttribute('placeholder')).toBe('MM / YY');
  });

  it.each(Object.entries(TEST_CARDS) as [MockScenario, string][])('turns the %s card into its token only', async (scenario, card) => {
    const { fields } = await mount();
    await fillCard(card);
    const result = await fields.createPaymentMethod();
    expect(result).toEqual({ paymentMethod: tokenFor(scenario, card.slice(-4)) });
    expect(JSON.stringify(result)).not.toContain(card);
  });

  it('formats the card number in groups of 4 and the expiry as MM / YY while typing', async () => {
    await mount();
    await userEvent.type(number(), '4000000000003220');
    await expect.element(number()).toHaveValue('4000 0000 0000 3220');
    await userEvent.type(expiry(), '1234');
    await expect.element(expiry()).toHaveValue('12 / 34');
    await userEvent.fill(expiry(), '');
    await userEvent.type(expiry(), '4');
    await expect.element(expiry()).toHaveValue('04');
    await userEvent.type(cvc(), '1a2b3c45');
    await expect.element(cvc()).toHaveValue('1234');
  });

  it('accepts autofilled values such as "12/2030"', async () => {
    await mount();
    await userEvent.fill(expiry(), `12/20${futureYY}`);
    await expect.element(expiry()).toHaveValue(`12 / ${futureYY}`);
    await userEvent.fill(number(), '4242-4242-4242-4242');
    await expect.element(number()).toHaveValue('4242 4242 4242 4242');
  });

  it('keeps the caret where the shopper is editing', async () => {
    await mount();
    await userEvent.type(number(), '42424242');
    const input = number().element() as HTMLInputElement;
    input.setSelectionRange(2, 2);
    await userEvent.keyboard('1');
    await expect.element(number()).toHaveValue('4214 2424 2');
    expect(input.selectionStart).toBe(3);
  });

  it('shows a Luhn error as soon as a full number is wrong, tied to the input', async () => {
    await mount();
    await userEvent.type(number(), '4242424242424241');
    await expect.element(number()).toHaveAttribute('aria-invalid', 'true');
    await expect.element(number()).toHaveAccessibleDescription('Your card number is invalid.');
    await userEvent.fill(number(), '');
    await userEvent.type(number(), TEST_CARDS.success);
    await expect.element(number()).toHaveAttribute('aria-invalid', 'false');
    await expect.element(number()).toHaveAccessibleDescription('');
  });

  it('shows an incomplete number only after the shopper leaves the field', async () => {
    await mount();
    await userEvent.type(number(), '4242');
    await expect.element(number()).toHaveAttribute('aria-invalid', 'false');
    await userEvent.click(expiry());
    await expect.element(number()).toHaveAccessibleDescription('Your card number is incomplete.');
  });

  it('rejects an expiry date in the past and an impossible month', async () => {
    await mount();
    await userEvent.type(expiry(), '0120');
    await expect.element(expiry()).toHaveAccessibleDescription("Your card's expiry date is in the past.");
    await expect.element(expiry()).toHaveAttribute('aria-invalid', 'true');
    await userEvent.fill(expiry(), '');
    await userEvent.type(expiry(), `13${futureYY}`);
    await expect.element(expiry()).toHaveAccessibleDescription("Your card's expiry month is invalid.");
  });

  it('asks for 3 CVC digits', async () => {
    await mount();
    await userEvent.type(cvc(), '12');
    await userEvent.click(number());
    await expect.element(cvc()).toHaveAccessibleDescription("Your card's security code is incomplete.");
  });

  it('refuses an incomplete card and shows every missing field', async () => {
    const { fields } = await mount();
    const result = await fields.createPaymentMethod();
    expect(result.error?.code).toBe('incomplete_card');
    await expect.element(number()).toHaveAccessibleDescription('Your card number is incomplete.');
    await expect.element(expiry()).toHaveAccessibleDescription("Your card's expiry date is incomplete.");
    await expect.element(cvc()).toHaveAccessibleDescription("Your card's security code is incomplete.");
  });

  it('refuses a valid card that is not a test card', async () => {
    const { fields } = await mount();
    await fillCard('5555555555554444');
    expect(await fields.createPaymentMethod()).toEqual({
      error: { code: 'test_card_required', message: 'This is a test checkout: use a test card such as 4242 4242 4242 4242.' },
    });
  });

  it('reports changes in the shape { complete, empty, error }', async () => {
    const { changes } = await mount();
    await userEvent.type(number(), '4');
    expect(changes.at(-1)).toEqual({ complete: false, empty: false, error: null });
    await fillCard(TEST_CARDS.success);
    expect(changes.at(-1)).toEqual({ complete: true, empty: false, error: null });
    await userEvent.fill(expiry(), '');
    await userEvent.type(expiry(), '0120');
    expect(changes.at(-1)).toEqual({
      complete: false,
      empty: false,
      error: { code: 'invalid_expiry_year_past', message: "Your card's expiry date is in the past." },
    });
    await userEvent.fill(number(), '');
    await userEvent.fill(expiry(), '');
    await userEvent.fill(cvc(), '');
    expect(changes.at(-1)).toMatchObject({ complete: false, empty: true });
  });

  it('disables and re-enables input, and focuses the first field to fix', async () => {
    const { fields } = await mount();
    fields.setDisabled(true);
    for (const input of [number(), expiry(), cvc()]) await expect.element(input).toBeDisabled();
    fields.setDisabled(false);
    for (const input of [number(), expiry(), cvc()]) await expect.element(input).toBeEnabled();
    fields.focus();
    await expect.element(number()).toHaveFocus();
    await userEvent.type(number(), TEST_CARDS.success);
    fields.focus();
    await expect.element(expiry()).toHaveFocus();
  });

  it('uses no inline styles: one constructed sheet adopted on the document', async () => {
    const before = document.querySelectorAll('style, [style]').length; // the test runner's own styles
    const sheetsBefore = document.adoptedStyleSheets.length;
    const { container } = await mount();
    await mount(); // a second mount shares the sheet
    await userEvent.type(number().first(), '4242424242424241');
    expect(container.querySelectorAll('style, [style]').length).toBe(0);
    expect(document.querySelectorAll('style, [style]').length).toBe(before);
    expect(document.adoptedStyleSheets.length).toBe(sheetsBefore + 1);
    const border = getComputedStyle(number().first().element()).borderTopStyle;
    expect(border).toBe('solid');
  });

  it('mounts inside a shadow root and adopts its styles there', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    cleanup.push(() => host.remove());
    const root = host.attachShadow({ mode: 'open' });
    const { container } = await mount({ into: root });
    const input = container.querySelector('input')!;
    expect(input.getRootNode()).toBe(root);
    expect(root.adoptedStyleSheets.length).toBe(1);
    expect(getComputedStyle(input).borderTopStyle).toBe('solid');
  });

  it('destroy removes its markup, styles and listeners', async () => {
    const sheetsBefore = document.adoptedStyleSheets.length;
    const container = document.createElement('div');
    container.append(document.createTextNode('merchant content'));
    document.body.append(container);
    cleanup.push(() => container.remove());
    const fields = await mockProvider.mountPaymentFields(container, context());
    const changes: PaymentFieldsChange[] = [];
    fields.onChange((change) => changes.push(change));
    const input = container.querySelector('input')!;
    expect(document.adoptedStyleSheets.length).toBe(sheetsBefore + 1);
    fields.destroy();
    expect(container.childNodes.length).toBe(1);
    expect(container.textContent).toBe('merchant content');
    expect(document.adoptedStyleSheets.length).toBe(sheetsBefore);
    input.value = '4242424242424242';
    input.dispatchEvent(new Event('input'));
    expect(input.value).toBe('4242424242424242'); // no longer formatted: the listener is gone
    expect(changes).toEqual([]);
    fields.destroy(); // twice is harmless
  });

  it('refuses to mount for a live session', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    cleanup.push(() => container.remove());
    await expect(mockProvider.mountPaymentFields(container, context({ session: { ...session, livemode: true } }))).rejects.toThrow(/live/);
    expect(container.childNodes.length).toBe(0);
  });

  it('keeps the card number out of attributes and markup', async () => {
    const { container } = await mount();
    await fillCard(TEST_CARDS.three_d_secure); // not the one the hint shows
    expect(document.documentElement.outerHTML).not.toMatch(/4000\s?0000\s?0000\s?3220/);
    expect(container.innerHTML).not.toContain('3220');
  });

  it('has no axe violations, empty and with errors shown', async () => {
    const { container, fields } = await mount();
    expect(await violations(container)).toEqual([]);
    await fields.createPaymentMethod();
    await expect.element(number()).toHaveAttribute('aria-invalid', 'true');
    expect(await violations(container)).toEqual([]);
  });

  it('follows the direction of the checkout and keeps digits left to right', async () => {
    const { container } = await mount({ ctx: { dir: 'rtl' } });
    expect(getComputedStyle(container.querySelector('fieldset')!).direction).toBe('rtl');
    expect(getComputedStyle(number().element()).direction).toBe('ltr');
    expect(await violations(container)).toEqual([]);
  });
});

describe('mock 3-D Secure challenge', () => {
  const action: NextAction = { type: 'challenge', provider: 'mock', reference: 'mockpay_1', data: { challengeId: 'mockch_abc' } };

  function fakeFetch(respond: () => Response | Promise<Response> = () => Response.json({ status: 'approved' })) {
    const calls: { url: string; init: RequestInit; headers: Headers; body: unknown }[] = [];
    const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push({ url: String(input), init, headers: new Headers(init.headers), body: JSON.parse(String(init.body)) });
      return respond();
    }) as typeof globalThis.fetch;
    return { fetch, calls };
  }

  const dialog = () => page.getByRole('dialog', { name: 'Confirm your payment' });

  it('shows a labelled modal dialog and posts approval to the challenge route', async () => {
    const { container } = await mount();
    const { fetch, calls } = fakeFetch();
    const result = mockProvider.handleNextAction(action, context({ fetch }));
    await expect.element(dialog()).toBeVisible();
    await expect.element(dialog()).toHaveAccessibleDescription('Test 3-D Secure challenge from your bank');
    const element = dialog().element() as HTMLDialogElement;
    expect(element.open).toBe(true);
    expect(element.matches(':modal')).toBe(true);
    expect(container.contains(element)).toBe(true); // beside the fields, in light DOM
    expect(element.querySelectorAll('style, [style]').length).toBe(0);
    expect(await violations(element)).toEqual([]);
    await userEvent.click(dialog().getByRole('button', { name: 'Approve' }));
    expect(await result).toEqual({ status: 'completed' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://pay.example.test/v1/providers/mock/challenges/mockch_abc');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.headers.get('omni-publishable-key')).toBe('pk_test_demo');
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
    expect(calls[0]!.body).toEqual({ decision: 'approve' });
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('posts a cancellation when the shopper clicks Cancel', async () => {
    await mount();
    const { fetch, calls } = fakeFetch(() => Response.json({ status: 'canceled' }));
    const result = mockProvider.handleNextAction(action, context({ fetch }));
    await userEvent.click(dialog().getByRole('button', { name: 'Cancel' }));
    expect(await result).toEqual({ status: 'canceled' });
    expect(calls[0]!.body).toEqual({ decision: 'cancel' });
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('treats Escape as cancel', async () => {
    await mount();
    const { fetch, calls } = fakeFetch(() => Response.json({ status: 'canceled' }));
    const result = mockProvider.handleNextAction(action, context({ fetch }));
    await expect.element(dialog().getByRole('button', { name: 'Approve' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(await result).toEqual({ status: 'canceled' });
    expect(calls[0]!.body).toEqual({ decision: 'cancel' });
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('fails with network_error when the decision cannot be sent', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const result = mockProvider.handleNextAction(action, context({ fetch }));
    await userEvent.click(dialog().getByRole('button', { name: 'Approve' }));
    expect(await result).toEqual({ status: 'failed', error: { code: 'network_error', message: expect.any(String) } });
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('fails with the backend error when the challenge was already decided', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json({ error: { code: 'no_action_pending', message: 'This card verification was already decided.' } }, { status: 409 }),
    );
    const result = mockProvider.handleNextAction(action, context({ fetch }));
    await userEvent.click(dialog().getByRole('button', { name: 'Approve' }));
    expect(await result).toEqual({
      status: 'failed',
      error: { code: 'no_action_pending', message: 'This card verification was already decided.' },
    });
  });

  it('refuses an action that is not a mock challenge', async () => {
    const { fetch, calls } = fakeFetch();
    const result = await mockProvider.handleNextAction({ ...action, provider: 'stripe' }, context({ fetch }));
    expect(result).toMatchObject({ status: 'failed', error: { code: 'unsupported_action' } });
    expect(calls).toHaveLength(0);
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('returns focus to where the shopper was', async () => {
    await mount();
    const button = document.createElement('button');
    button.textContent = 'Pay';
    document.body.append(button);
    cleanup.push(() => button.remove());
    button.focus();
    const { fetch } = fakeFetch();
    const result = mockProvider.handleNextAction(action, context({ fetch }));
    await userEvent.click(dialog().getByRole('button', { name: 'Approve' }));
    await result;
    expect(document.activeElement).toBe(button);
  });
});

describe('with the memory backend', () => {
  it('pays with the 3-D Secure card end to end, and no card number reaches the backend', async () => {
    const backend = createMemoryBackend({
      contact: { email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', country: 'DE' },
    });
    const bodies: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      bodies.push(`${String(input)} ${JSON.stringify(init?.headers ?? {})} ${String(init?.body ?? '')}`);
      return backend.fetch(input, init);
    };
    const api = createBackendClient({ apiBase: backend.apiBase, publishableKey: backend.publishableKey, clientSecret: backend.clientSecret, fetch });
    const ctx = { session: await api.getSession(), apiBase: backend.apiBase, publishableKey: backend.publishableKey, fetch };
    const { fields } = await mount({ ctx });
    await fillCard(TEST_CARDS.three_d_secure);
    const { paymentMethod } = await fields.createPaymentMethod();
    const confirmed = await api.confirm(paymentMethod!, 'attempt-1');
    expect(confirmed.status).toBe('requires_action');
    const outcome = mockProvider.handleNextAction(confirmed.session.nextAction!, context(ctx));
    await userEvent.click(page.getByRole('dialog', { name: 'Confirm your payment' }).getByRole('button', { name: 'Approve' }));
    expect(await outcome).toEqual({ status: 'completed' });
    const done = await api.completeAction();
    expect(done.status).toBe('succeeded');
    expect(done.order?.amount).toBe(5340); // 24.50 + 2 × 12.00 + 4.90, the default cart with standard delivery
    // Random hex ids (session, secret, challenge) may hold long digit runs by chance: leave them out.
    expect(bodies.join('\n').replace(/[0-9a-f]{24,}/g, '<id>')).not.toMatch(/\d{13,19}/);
    expect(bodies.join('\n')).not.toContain('4000 0000');
  });
});
