/**
 * The Moyasar adapter in a real browser: the fields the shopper chose in the list, what they say
 * when something is missing (before anything leaves the page), the card sent only to Moyasar with
 * the publishable key, STC Pay's number and code, the way back from 3-D Secure, and axe in LTR and RTL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import type { ClientProviderContext, MountedPaymentFields, SubmitOutcome } from '@omni-checkout/core/provider';
import type { CheckoutSession, NextAction } from '@omni-checkout/core/types';
import moyasarDefault, { moyasarProvider } from './index.js';
import { MOYASAR_LANGUAGES } from './i18n/messages.js';
import { luhn, normaliseMobile, parseExpiry } from './validate.js';

const session: CheckoutSession = {
  id: 'cs_test_sa',
  object: 'checkout_session',
  status: 'open',
  livemode: false,
  merchant: { name: 'Omni Roasters' },
  currency: 'SAR',
  country: 'SA',
  locale: 'ar',
  channel: 'web',
  lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 5000, quantity: 1, amount: 5000 }],
  shippingOptions: [],
  selectedShippingOptionId: null,
  contact: null,
  shippingAddress: null,
  totals: { subtotal: 5000, shipping: 0, total: 5000 },
  provider: { id: 'mock', config: {} },
  providers: [{ id: 'moyasar', config: { publishableKey: 'pk_test_page', apiBase: 'https://moyasar.example.test' }, methods: ['mada', 'stc_pay'] }],
  paymentMethods: [],
  nextAction: null,
  lastPaymentError: null,
  orderId: null,
  expiresAt: '2099-01-01T00:00:00Z',
};

interface Sent {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

function harness(overrides: Partial<ClientProviderContext> = {}) {
  const sent: Sent[] = [];
  const submitted: string[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    sent.push({ url: String(input), init });
    if (String(input).endsWith('/v1/tokens')) return Response.json({ id: 'token_page1234567890' }, { status: 201 });
    return Response.json({ status: 'paid' });
  };
  const context: ClientProviderContext = {
    session,
    locale: 'en',
    dir: 'ltr',
    apiBase: '',
    publishableKey: 'pk_test_page',
    fetch: fetchStub,
    ready: async () => true,
    submit: async (paymentMethod): Promise<SubmitOutcome> => {
      submitted.push(paymentMethod);
      return { status: 'succeeded' };
    },
    ...overrides,
  };
  return { sent, submitted, context };
}

let mounted: MountedPaymentFields | null = null;
let container: HTMLElement | null = null;

async function mount(context: ClientProviderContext): Promise<HTMLElement> {
  container = document.createElement('div');
  container.dir = context.dir;
  document.body.append(container);
  mounted = await moyasarProvider.mountPaymentFields(container, context);
  return container;
}

afterEach(() => {
  mounted?.destroy();
  container?.remove();
  mounted = null;
  container = null;
});

async function noAxeViolations(root: HTMLElement): Promise<void> {
  const results = await axe.run(root, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] });
  expect(results.violations.map((v) => v.id)).toEqual([]);
}

describe('mada', () => {
  it('says what is missing and sends nothing until the card is complete', async () => {
    const { context, sent, submitted } = harness();
    await mount({ ...context, method: 'mada' });
    expect(mounted!.ownButton).toBe(true);
    expect(mounted!.returnsToPage).toBe(true);
    await userEvent.click(page.getByRole('button', { name: 'Pay with mada' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Enter the name as it is on the card.');
    await expect.element(page.getByLabelText('Name on card')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByLabelText('Card number')).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toEqual([]);
    expect(submitted).toEqual([]);
  });

  it('sends the card to Moyasar with the publishable key only, and pays with the token', async () => {
    const { context, sent, submitted } = harness();
    await mount({ ...context, method: 'mada' });
    await userEvent.fill(page.getByLabelText('Name on card'), 'Noura Alharbi');
    await userEvent.fill(page.getByLabelText('Card number'), '4201 3201 1111 1010');
    await userEvent.fill(page.getByLabelText('Expiry date'), '12 / 39');
    await userEvent.fill(page.getByLabelText('Security code (CVC)'), '123');
    await userEvent.click(page.getByRole('button', { name: 'Pay with mada' }));
    await expect.poll(() => submitted).toEqual(['token_page1234567890']);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://moyasar.example.test/v1/tokens');
    expect(new Headers(sent[0]!.init?.headers).get('authorization')).toBe(`Basic ${btoa('pk_test_page:')}`);
    expect(JSON.parse(String(sent[0]!.init?.body))).toEqual({ name: 'Noura Alharbi', number: '4201320111111010', month: 12, year: 2039, cvc: '123', save_only: true });
  });

  it('does not pay when the checkout says its form is not complete', async () => {
    const { context, sent, submitted } = harness({ ready: async () => false });
    await mount({ ...context, method: 'mada' });
    await userEvent.click(page.getByRole('button', { name: 'Pay with mada' }));
    expect(sent).toEqual([]);
    expect(submitted).toEqual([]);
  });

  it('has no axe violations, left to right and right to left (Arabic)', async () => {
    const { context } = harness();
    await noAxeViolations(await mount({ ...context, method: 'mada' }));
    mounted!.destroy();
    container!.remove();
    const arabic = await mount({ ...context, locale: 'ar', dir: 'rtl', method: 'mada' });
    await expect.element(page.getByRole('button', { name: 'ادفع بمدى' })).toBeVisible();
    await noAxeViolations(arabic);
  });
});

describe('STC Pay', () => {
  it('shows the field of the method chosen in the list, and follows a new choice', async () => {
    const { context } = harness();
    await mount({ ...context, method: 'mada' });
    await expect.element(page.getByRole('group', { name: 'mada' })).toBeVisible();
    mounted!.select!('stc_pay');
    await expect.element(page.getByRole('group', { name: 'STC Pay' })).toBeVisible();
    await expect.element(page.getByLabelText('STC Pay mobile number')).toBeVisible();
    await expect.element(page.getByLabelText('Card number')).not.toBeVisible();
  });

  it('pays with the mobile number written the way STC Pay takes it', async () => {
    const { context, submitted } = harness();
    await mount({ ...context, method: 'stc_pay' });
    await userEvent.fill(page.getByLabelText('STC Pay mobile number'), '+966 51 234 5678');
    await userEvent.click(page.getByRole('button', { name: 'Pay with STC Pay' }));
    await expect.poll(() => submitted).toEqual(['stcpay:0512345678']);
  });

  it('asks for the code, checks it has 6 digits, and sends it to the payment’s own address', async () => {
    const { context, sent } = harness();
    await mount({ ...context, method: 'stc_pay' });
    const action: NextAction = { type: 'challenge', provider: 'moyasar', reference: 'pay_1', data: { kind: 'stc_pay_otp', url: 'https://moyasar.example.test/v1/stc_pays/pay_1/proceed?otp_token=abc' } };
    const result = moyasarProvider.handleNextAction(action, context);
    const code = page.getByRole('group', { name: 'Confirm with STC Pay' }).getByLabelText('Verification code');
    await expect.element(code).toHaveFocus();
    await noAxeViolations(container!);
    await userEvent.fill(code, '12');
    await userEvent.click(page.getByRole('button', { name: 'Confirm' }));
    await expect.element(page.getByText('Enter the 6-digit code.')).toBeVisible();
    expect(sent).toEqual([]);
    await userEvent.fill(code, '123456');
    await userEvent.click(page.getByRole('button', { name: 'Confirm' }));
    expect(await result).toEqual({ status: 'completed' });
    expect(sent.map((s) => s.url)).toEqual(['https://moyasar.example.test/v1/stc_pays/pay_1/proceed?otp_token=abc&otp_value=123456']);
    await expect.element(page.getByLabelText('STC Pay mobile number')).toBeVisible();
  });

  it('cancelling the code step is a cancel, and nothing is sent', async () => {
    const { context, sent } = harness();
    await mount({ ...context, method: 'stc_pay' });
    const result = moyasarProvider.handleNextAction({ type: 'challenge', provider: 'moyasar', reference: 'pay_2', data: { kind: 'stc_pay_otp', url: 'https://moyasar.example.test/x' } }, context);
    await userEvent.click(page.getByRole('button', { name: 'Cancel' }));
    expect(await result).toEqual({ status: 'canceled' });
    expect(sent).toEqual([]);
  });
});

describe('back from 3-D Secure', () => {
  const waiting = { ...session, status: 'requires_action' as const, nextAction: { type: 'redirect' as const, provider: 'moyasar' as const, reference: '3181fa62-da58-4945-88aa-9d3673d4095f', data: { url: 'https://x' } } };

  it('recognises its own payment and gives the address back without Moyasar’s parameters', async () => {
    const back = await moyasarProvider.handleReturn!(new URL('https://shop.example/checkout?market=SA&id=3181fa62-da58-4945-88aa-9d3673d4095f&status=paid&message=APPROVED'), { ...harness().context, session: waiting });
    expect(back).toEqual({ result: { status: 'completed' }, cleanUrl: 'https://shop.example/checkout?market=SA' });
  });

  it('ignores another payment’s parameters and other providers’ steps', async () => {
    const context = harness().context;
    expect(await moyasarProvider.handleReturn!(new URL('https://shop.example/checkout?id=pay_other&status=paid'), { ...context, session: waiting })).toBeNull();
    const stripe = { ...waiting, nextAction: { ...waiting.nextAction, provider: 'stripe' as const } };
    expect(await moyasarProvider.handleReturn!(new URL('https://shop.example/checkout?id=3181fa62-da58-4945-88aa-9d3673d4095f&status=paid'), { ...context, session: stripe })).toBeNull();
    expect(await moyasarProvider.handleReturn!(new URL('https://shop.example/checkout?market=SA'), { ...context, session: waiting })).toBeNull();
    // Settled by a webhook before the shopper came back (no step left): its own parameters only.
    const settled = { ...session, status: 'complete' as const, nextAction: null };
    expect(await moyasarProvider.handleReturn!(new URL('https://shop.example/checkout?id=3181fa62-da58-4945-88aa-9d3673d4095f&status=paid'), { ...context, session: settled })).toEqual({
      result: { status: 'completed' },
      cleanUrl: 'https://shop.example/checkout',
    });
    expect(await moyasarProvider.handleReturn!(new URL('https://shop.example/checkout?id=42&status=new'), { ...context, session: settled })).toBeNull();
  });

  it('is the default export, and speaks the 10 languages of the components', () => {
    expect(moyasarDefault).toBe(moyasarProvider);
    expect(MOYASAR_LANGUAGES.sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'pl', 'sv', 'tr']);
  });
});

describe('checks before sending', () => {
  it('card numbers, expiry dates and Saudi mobile numbers', () => {
    expect(luhn('4201320111111010')).toBe(true);
    expect(luhn('4201320111111011')).toBe(false);
    expect(parseExpiry('12/39')).toEqual([12, 2039]);
    expect(parseExpiry('13/39')).toBeNull();
    expect(parseExpiry('01/20', new Date('2026-12-06'))).toBeNull();
    expect(normaliseMobile('0512345678')).toBe('0512345678');
    expect(normaliseMobile('00966512345678')).toBe('0512345678');
    expect(normaliseMobile('512345678')).toBe('0512345678');
    expect(normaliseMobile('0412345678')).toBeNull();
  });
});
