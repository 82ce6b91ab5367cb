/** The mock card fields and 3-D Secure dialog in the shopper's language, and their layout on a phone. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ClientProviderContext } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { mockProvider } from './index.js';
import { mockMessages, type MockMessages } from './i18n/messages.js';
import en from './i18n/en.js';

const session = {
  id: 'cs_test_1',
  object: 'checkout_session',
  status: 'open',
  livemode: false,
  merchant: { name: 'Demo shop' },
  currency: 'EUR',
  country: 'DE',
  locale: null,
  channel: 'web',
  lineItems: [],
  shippingOptions: [],
  selectedShippingOptionId: null,
  contact: null,
  shippingAddress: null,
  totals: { subtotal: 0, shipping: 0, total: 0 },
  provider: { id: 'mock', config: {} },
  providers: [],
  paymentMethods: [],
  nextAction: null,
  lastPaymentError: null,
  orderId: null,
  expiresAt: '2099-01-01T00:00:00Z',
} satisfies CheckoutSession;

const context = (locale: string, dir: 'ltr' | 'rtl' = 'ltr'): ClientProviderContext => ({
  session,
  locale,
  dir,
  apiBase: 'https://pay.example.test/',
  publishableKey: 'pk_test_demo',
});

/** The components' 10 languages. */
const MOCK_LANGUAGES = ['en', 'pl', 'ko', 'ar', 'de', 'fr', 'es', 'sv', 'tr', 'ja'];

const cleanup: (() => void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) fn();
  await page.viewport(414, 896);
});

async function mount(locale: string, into: HTMLElement = document.body) {
  const container = document.createElement('div');
  into.append(container);
  const fields = await mockProvider.mountPaymentFields(container, context(locale, locale.startsWith('ar') ? 'rtl' : 'ltr'));
  cleanup.push(() => {
    fields.destroy();
    container.remove();
  });
  return { container, fields };
}

const texts = (m: MockMessages): string[] => [
  m.cardDetails, m.testMode, m.cardNumber, m.expiry, m.cvc, ...Object.values(m.errors), m.testCardRequired,
  m.challengeTitle, m.challengeText, m.approve, m.cancel, m.unsupportedAction, m.networkError, m.verificationFailed,
];

describe('the mock card fields speak the shopper’s language', () => {
  it('has a complete catalog for each of the 10 languages, none of it left in English', async () => {
    const english = new Set(texts(en));
    for (const language of MOCK_LANGUAGES.filter((l) => l !== 'en')) {
      const messages = await mockMessages(language);
      expect(messages.$code).toBe(language);
      expect(Object.keys(messages.errors).sort()).toEqual(Object.keys(en.errors).sort());
      for (const text of texts(messages)) {
        expect(text.trim(), `${language}: ${text}`).not.toBe('');
        expect(english.has(text), `${language} still says “${text}”`).toBe(false);
      }
    }
  });

  it.each([
    ['pl-PL', 'Dane karty', 'Numer karty', 'Data ważności', 'Kod zabezpieczający (CVC)', 'Numer karty jest niepełny.'],
    ['ko', '카드 정보', '카드 번호', '유효기간', '보안 코드(CVC)', '카드 번호가 완전하지 않습니다.'],
    ['ar-SA', 'بيانات البطاقة', 'رقم البطاقة', 'تاريخ الانتهاء', 'رمز الأمان (CVC)', 'رقم البطاقة غير مكتمل.'],
    ['de', 'Kartendaten', 'Kartennummer', 'Ablaufdatum', 'Sicherheitscode (CVC)', 'Ihre Kartennummer ist unvollständig.'],
    ['ja', 'カード情報', 'カード番号', '有効期限', 'セキュリティコード (CVC)', 'カード番号が不完全です。'],
  ])('labels the fields and their errors in %s', async (locale, legend, number, expiry, cvc, incomplete) => {
    const { fields, container } = await mount(locale);
    await expect.element(page.getByRole('group', { name: legend })).toBeVisible();
    await expect.element(page.getByLabelText(number, { exact: true })).toBeVisible();
    await expect.element(page.getByLabelText(expiry, { exact: true })).toBeVisible();
    await expect.element(page.getByLabelText(cvc, { exact: true })).toBeVisible();
    await userEvent.type(page.getByLabelText(number, { exact: true }), '4242');
    const result = await fields.createPaymentMethod();
    expect(result).toEqual({ error: { code: 'incomplete_card', message: incomplete } });
    await expect.element(page.getByText(incomplete)).toBeVisible();
    expect(container.textContent).not.toMatch(/Card|Expiry|Security code|Test mode/);
  });

  it('falls back to English for a language it does not have', async () => {
    await mount('fi');
    await expect.element(page.getByRole('group', { name: 'Card details' })).toBeVisible();
    await expect.element(page.getByLabelText('Security code (CVC)', { exact: true })).toBeVisible();
  });

  it('asks for the 3-D Secure approval in the shopper’s language', async () => {
    const ctx = { ...context('pl'), fetch: (async () => new Response('{}', { status: 200 })) as typeof fetch };
    const outcome = mockProvider.handleNextAction!({ type: 'challenge', provider: 'mock', reference: 'pi_1', data: { challengeId: 'ch_1' } }, ctx);
    await expect.element(page.getByRole('dialog', { name: 'Potwierdź płatność' })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Zatwierdź' }));
    expect(await outcome).toEqual({ status: 'completed' });
  });
});

describe('on a 360 px phone', () => {
  it.each(MOCK_LANGUAGES)('keeps the expiry and CVC inputs side by side, in line (%s)', async (language) => {
    await page.viewport(360, 740);
    // The shop's margins and the checkout's padding leave about 288 px for the fields.
    const column = document.createElement('div');
    column.style.cssText = 'inline-size:288px;font-size:16px';
    document.body.append(column);
    cleanup.push(() => column.remove());
    const { container } = await mount(language, column);
    const [expiry, cvc] = ['.omni-mock-expiry', '.omni-mock-cvc'].map((s) => container.querySelector(`${s} input`)!.getBoundingClientRect());
    const [expiryLabel, cvcLabel] = ['.omni-mock-expiry', '.omni-mock-cvc'].map((s) => container.querySelector(`${s} label`)!.getBoundingClientRect());
    expect(Math.abs(cvc!.top - expiry!.top), 'inputs on one line').toBeLessThan(1);
    expect(Math.abs(cvc!.height - expiry!.height)).toBeLessThan(1);
    // Each label sits right above its own input, however many lines it needs.
    expect(Math.abs(expiryLabel!.bottom - cvcLabel!.bottom)).toBeLessThan(1);
    expect(cvc!.top - cvcLabel!.bottom).toBeLessThan(12);
    // Side by side, not stacked.
    expect(Math.abs(cvc!.left - expiry!.left)).toBeGreaterThan(100);
  });

  it('keeps the inputs in line when only one field shows an error', async () => {
    await page.viewport(360, 740);
    const column = document.createElement('div');
    column.style.cssText = 'inline-size:288px;font-size:16px';
    document.body.append(column);
    cleanup.push(() => column.remove());
    const { container } = await mount('en', column);
    await userEvent.type(page.getByLabelText('Expiry date', { exact: true }), '1320');
    await expect.element(page.getByText("Your card's expiry month is invalid.")).toBeVisible();
    const [expiry, cvc] = ['.omni-mock-expiry', '.omni-mock-cvc'].map((s) => container.querySelector(`${s} input`)!.getBoundingClientRect());
    expect(Math.abs(cvc!.top - expiry!.top)).toBeLessThan(1);
  });
});
