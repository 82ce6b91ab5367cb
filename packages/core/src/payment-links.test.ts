import { describe, expect, it } from 'vitest';
import { CreatePaymentLinkRequest, E164Phone, PaymentLink, PaymentLinkSend, SendPaymentLinkRequest } from './payment-links.js';

const line = { id: 'sku_1', name: 'Mug', unitAmount: 1200, quantity: 1 };
const base = { currency: 'EUR', country: 'DE', channel: 'email' } as const;

describe('CreatePaymentLinkRequest', () => {
  it('fills in the defaults: single use, open for 7 days, no shipping options', () => {
    expect(CreatePaymentLinkRequest.parse({ ...base, lineItems: [line] })).toEqual({
      ...base,
      lineItems: [line],
      shippingOptions: [],
      expiresInMinutes: 7 * 24 * 60,
      singleUse: true,
    });
    expect(CreatePaymentLinkRequest.parse({ ...base, amount: 500, description: 'Deposit', singleUse: false }).singleUse).toBe(false);
  });

  it('wants either line items or an amount, not both and not neither', () => {
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, description: 'Deposit' }).success).toBe(true);
    for (const what of [{}, { lineItems: [line], amount: 500 }]) {
      const result = CreatePaymentLinkRequest.safeParse({ ...base, ...what });
      expect(result.success).toBe(false);
      expect(result.error!.issues).toEqual([expect.objectContaining({ path: ['lineItems'], message: 'Give either lineItems or an amount' })]);
    }
  });

  it('takes 1 to 100 line items and up to 10 shipping options', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...line, id: `sku_${i}` }));
    expect(CreatePaymentLinkRequest.safeParse({ ...base, lineItems: many(100) }).success).toBe(true);
    expect(CreatePaymentLinkRequest.safeParse({ ...base, lineItems: many(101) }).success).toBe(false);
    expect(CreatePaymentLinkRequest.safeParse({ ...base, lineItems: [] }).success).toBe(false);
    const option = (i: number) => ({ id: `ship_${i}`, label: 'Standard', amount: 490, deliveryEstimate: { minDays: 2, maxDays: 4 } });
    const options = (n: number) => Array.from({ length: n }, (_, i) => option(i));
    expect(CreatePaymentLinkRequest.safeParse({ ...base, lineItems: [line], shippingOptions: options(10) }).success).toBe(true);
    expect(CreatePaymentLinkRequest.safeParse({ ...base, lineItems: [line], shippingOptions: options(11) }).success).toBe(false);
  });

  it('takes a positive whole amount up to 999,999.99 and a trimmed description of 1 to 200 characters', () => {
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 99_999_999 }).success).toBe(true);
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 100_000_000 }).success).toBe(false);
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 0 }).success).toBe(false);
    expect(CreatePaymentLinkRequest.parse({ ...base, amount: 500, description: '  Deposit  ' }).description).toBe('Deposit');
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, description: 'x'.repeat(200) }).success).toBe(true);
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, description: 'x'.repeat(201) }).success).toBe(false);
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, description: '   ' }).success).toBe(false);
  });

  it('opens for 5 minutes to 30 days', () => {
    const link = { ...base, amount: 500 };
    expect(CreatePaymentLinkRequest.safeParse({ ...link, expiresInMinutes: 5 }).success).toBe(true);
    expect(CreatePaymentLinkRequest.safeParse({ ...link, expiresInMinutes: 4 }).success).toBe(false);
    expect(CreatePaymentLinkRequest.safeParse({ ...link, expiresInMinutes: 30 * 24 * 60 }).success).toBe(true);
    expect(CreatePaymentLinkRequest.safeParse({ ...link, expiresInMinutes: 30 * 24 * 60 + 1 }).success).toBe(false);
  });

  it('is sent through one of the known channels, with an optional checkout page URL of at most 2000 characters', () => {
    for (const channel of ['email', 'sms', 'chat', 'social', 'invoice']) {
      expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, channel }).success, channel).toBe(true);
    }
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, channel: 'fax' }).success).toBe(false);
    const url = (n: number) => `https://shop.example/${'p'.repeat(n - 'https://shop.example/'.length)}`;
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, checkoutUrl: url(2000) }).success).toBe(true);
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, checkoutUrl: url(2001) }).success).toBe(false);
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, checkoutUrl: 'shop.example/pay' }).success).toBe(false);
  });

  it('refuses unknown fields', () => {
    expect(CreatePaymentLinkRequest.safeParse({ ...base, amount: 500, state: 'paid' }).success).toBe(false);
  });
});

describe('sending a link', () => {
  it('accepts an E.164 number: +, no leading zero, 7 to 15 digits', () => {
    for (const phone of ['+4915123456789', '+1234567', '+123456789012345']) expect(E164Phone.safeParse(phone).success, phone).toBe(true);
    for (const phone of ['4915123456789', '+04915123456', '+123456', '+1234567890123456', '+49 151 2345678', 'x+4915123456789', '+4915123456789x']) {
      const result = E164Phone.safeParse(phone);
      expect(result.success, phone).toBe(false);
      expect(result.error!.issues[0]!.message).toBe('Enter the number in international format, e.g. +4915123456789');
    }
  });

  it('goes to an email address or a phone number, one of them and nothing else', () => {
    expect(SendPaymentLinkRequest.parse({ email: 'ada@example.com' })).toEqual({ email: 'ada@example.com' });
    expect(SendPaymentLinkRequest.parse({ phone: '+4915123456789' })).toEqual({ phone: '+4915123456789' });
    expect(SendPaymentLinkRequest.safeParse({ email: 'ada@example.com', phone: '+4915123456789' }).success).toBe(false);
    expect(SendPaymentLinkRequest.safeParse({ email: 'ada@example.com', cc: 'bob@example.com' }).success).toBe(false);
    expect(SendPaymentLinkRequest.safeParse({}).success).toBe(false);
  });

  it('refuses an address that is not one, or longer than 254 characters', () => {
    const bad = SendPaymentLinkRequest.safeParse({ email: 'ada at example' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error!.issues)).toContain('Enter an email address like name@example.com');
    expect(SendPaymentLinkRequest.safeParse({ email: `${'a'.repeat(64)}@${'b'.repeat(185)}.com` }).success).toBe(true);
    expect(SendPaymentLinkRequest.safeParse({ email: `${'a'.repeat(64)}@${'b'.repeat(186)}.com` }).success).toBe(false);
  });
});

describe('the backend’s answers', () => {
  const link = {
    id: 'plink_1',
    object: 'payment_link',
    url: 'https://pay.example/l/plink_1',
    state: 'active',
    currency: 'EUR',
    country: 'DE',
    locale: null,
    channel: 'sms',
    singleUse: true,
    lineItems: [line],
    checkoutUrl: null,
    sessions: 2,
    paid: 1,
    expiresAt: '2026-01-08T00:00:00Z',
    disabledAt: null,
    createdAt: '2026-01-01T00:00:00Z',
  };

  it('a link is active, paid, expired or disabled', () => {
    expect(PaymentLink.parse(link)).toEqual(link);
    for (const state of ['active', 'paid', 'expired', 'disabled']) expect(PaymentLink.safeParse({ ...link, state }).success, state).toBe(true);
    expect(PaymentLink.safeParse({ ...link, state: 'open' }).success).toBe(false);
    expect(PaymentLink.safeParse({ ...link, object: 'payment_link_send' }).success).toBe(false);
  });

  it('a send went by email or SMS', () => {
    const send = { id: 'pls_1', object: 'payment_link_send', link: 'plink_1', channel: 'email', to: 'a•••@e•••.com', createdAt: '2026-01-01T00:00:00Z' };
    expect(PaymentLinkSend.parse(send)).toEqual(send);
    expect(PaymentLinkSend.safeParse({ ...send, channel: 'sms' }).success).toBe(true);
    expect(PaymentLinkSend.safeParse({ ...send, channel: 'chat' }).success).toBe(false);
    expect(PaymentLinkSend.safeParse({ ...send, object: 'payment_link' }).success).toBe(false);
  });
});
