import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CashOnDeliverySettings,
  ConfirmRequest,
  Contact,
  CreateCheckoutSessionRequest,
  LIMITS,
  Metadata,
  PaymentMethodSettings,
  PostalAddress,
  SetShippingOptionRequest,
  isKnownCountry,
  UNSTORABLE_MESSAGE,
} from './schemas.js';

const validRequest = () => ({
  currency: 'EUR',
  country: 'DE',
  lineItems: [
    { id: 'sku_tee', name: 'Organic tee', unitAmount: 2500, quantity: 2 },
    { id: 'sku_mug', name: 'Mug', unitAmount: 1200, quantity: 1 },
  ],
  shippingOptions: [{ id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
});

type Issue = z.core.$ZodIssue;

/** Parses and returns the issues, failing the test if the input was accepted. */
function issuesOf(schema: z.ZodType, input: unknown): Issue[] {
  const result = schema.safeParse(input);
  expect(result.success, `expected ${JSON.stringify(input)} to be rejected`).toBe(false);
  return result.error!.issues;
}

const paths = (issues: Issue[]) => issues.map((i) => i.path.join('.'));

describe('CreateCheckoutSessionRequest', () => {
  it('accepts a valid request and fills defaults', () => {
    const parsed = CreateCheckoutSessionRequest.parse(validRequest());
    expect(parsed.channel).toBe('web');
    expect(parsed.lineItems).toHaveLength(2);
    expect(parsed.shippingOptions[0]?.amount).toBe(495);

    const minimal = CreateCheckoutSessionRequest.parse({
      currency: 'JPY',
      country: 'JP',
      lineItems: [{ id: 'a', name: 'A', unitAmount: 1500, quantity: 1 }],
    });
    expect(minimal.shippingOptions).toEqual([]);
  });

  it('trims text fields', () => {
    const req = validRequest();
    req.lineItems[0]!.name = '  Organic tee  ';
    expect(CreateCheckoutSessionRequest.parse(req).lineItems[0]?.name).toBe('Organic tee');
  });

  it('is strict: unknown fields are errors at every level', () => {
    const top = issuesOf(CreateCheckoutSessionRequest, { ...validRequest(), amount: 1 });
    expect(top).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['amount'] })]);

    const nested = validRequest();
    (nested.lineItems[0] as Record<string, unknown>).price = 1;
    const lineIssues = issuesOf(CreateCheckoutSessionRequest, nested);
    expect(lineIssues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['price'], path: ['lineItems', 0] });

    const ship = validRequest();
    (ship.shippingOptions[0]!.deliveryEstimate as Record<string, unknown>).hours = 3;
    expect(paths(issuesOf(CreateCheckoutSessionRequest, ship))).toEqual(['shippingOptions.0.deliveryEstimate']);
  });

  it('rejects overlong strings', () => {
    const req = validRequest();
    req.lineItems[0]!.name = 'x'.repeat(LIMITS.maxShortText + 1);
    const issues = issuesOf(CreateCheckoutSessionRequest, req);
    expect(paths(issues)).toEqual(['lineItems.0.name']);
    expect(issues[0]?.message).toMatch(/at most 200/);

    // exactly at the limit is fine
    req.lineItems[0]!.name = 'x'.repeat(LIMITS.maxShortText);
    expect(CreateCheckoutSessionRequest.safeParse(req).success).toBe(true);

    const longId = validRequest();
    longId.lineItems[0]!.id = 'a'.repeat(65);
    expect(paths(issuesOf(CreateCheckoutSessionRequest, longId))).toEqual(['lineItems.0.id']);
  });

  it('rejects control characters but keeps ordinary Unicode', () => {
    for (const bad of ['Tee\u0007bell', 'a\u001bb', 'del\u007f']) {
      const req = validRequest();
      req.lineItems[0]!.name = bad;
      const issues = issuesOf(CreateCheckoutSessionRequest, req);
      expect(issues.map((i) => i.message)).toEqual(['Contains control characters']);
    }
    // NUL and lone surrogates cannot even be stored: their own message and code (core text.ts).
    for (const bad of ['Tee\u0000', 'Tee\uD800', '\uDC00Tee']) {
      const req = validRequest();
      req.lineItems[0]!.name = bad;
      const result = CreateCheckoutSessionRequest.safeParse(req);
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => [i.message, i.code === 'custom' ? i.params?.code : i.code])).toEqual([[UNSTORABLE_MESSAGE, 'invalid_characters']]);
    }
    const req = validRequest();
    req.lineItems[0]!.name = 'Thé vert — 緑茶 🍵';
    expect(CreateCheckoutSessionRequest.safeParse(req).success).toBe(true);
  });

  it.each([
    ['negative', -1, 'Quantity must be at least 1'],
    ['zero', 0, 'Quantity must be at least 1'],
    ['fractional', 1.5, 'Quantity must be a whole number'],
    ['huge', LIMITS.maxQuantity + 1, `Quantity must be at most ${LIMITS.maxQuantity}`],
    ['NaN', Number.NaN, undefined],
    ['Infinity', Number.POSITIVE_INFINITY, undefined],
    ['a string', '2', undefined],
  ])('rejects a %s quantity', (_label, quantity, message) => {
    const req = validRequest();
    (req.lineItems[0] as Record<string, unknown>).quantity = quantity;
    const issues = issuesOf(CreateCheckoutSessionRequest, req);
    expect(paths(issues)).toEqual(['lineItems.0.quantity']);
    if (message) expect(issues[0]?.message).toBe(message);
  });

  it('accepts the largest allowed quantity', () => {
    const req = validRequest();
    req.lineItems[0]!.quantity = LIMITS.maxQuantity;
    expect(CreateCheckoutSessionRequest.safeParse(req).success).toBe(true);
  });

  it('rejects amounts given as strings, negative, fractional or too large', () => {
    for (const unitAmount of ['25.00', '2500', -1, 0.5, LIMITS.maxAmount + 1]) {
      const req = validRequest();
      (req.lineItems[0] as Record<string, unknown>).unitAmount = unitAmount;
      expect(paths(issuesOf(CreateCheckoutSessionRequest, req))).toEqual(['lineItems.0.unitAmount']);
    }
    const ship = validRequest();
    (ship.shippingOptions[0] as Record<string, unknown>).amount = '4.95';
    expect(paths(issuesOf(CreateCheckoutSessionRequest, ship))).toEqual(['shippingOptions.0.amount']);

    const free = validRequest();
    free.lineItems[0]!.unitAmount = 0;
    expect(CreateCheckoutSessionRequest.safeParse(free).success).toBe(true);
  });

  it('marks an unknown currency with params.code = unknown_currency', () => {
    const issues = issuesOf(CreateCheckoutSessionRequest, { ...validRequest(), currency: 'XYZ' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['currency'], code: 'custom', params: { code: 'unknown_currency' } });
  });

  it('rejects a malformed currency code with a hint at the expected format', () => {
    for (const currency of ['eur', 'EURO', 'E1R', '']) {
      const issues = issuesOf(CreateCheckoutSessionRequest, { ...validRequest(), currency });
      expect(new Set(paths(issues))).toEqual(new Set(['currency']));
      expect(issues.map((i) => i.message)).toContain('Use a three-letter ISO 4217 code in capitals, e.g. EUR');
    }
  });

  it('rejects unknown and malformed countries', () => {
    for (const country of ['XX', 'AA']) {
      const issues = issuesOf(CreateCheckoutSessionRequest, { ...validRequest(), country });
      expect(issues).toEqual([expect.objectContaining({ path: ['country'], message: 'Unknown country code' })]);
    }
    for (const country of ['de', 'DEU', '']) {
      const issues = issuesOf(CreateCheckoutSessionRequest, { ...validRequest(), country });
      expect(new Set(paths(issues))).toEqual(new Set(['country']));
      expect(issues.map((i) => i.message)).toContain('Use a two-letter ISO 3166-1 code in capitals, e.g. DE');
    }
    expect(isKnownCountry('JP')).toBe(true);
    expect(isKnownCountry('XX')).toBe(false);
  });

  it('rejects well-formed codes that name no territory', () => {
    for (const code of ['AB', 'ZY', 'OO']) expect(isKnownCountry(code)).toBe(false);
    for (const code of ['USA', 'US ', 'us', '1US']) expect(isKnownCountry(code)).toBe(false);
  });

  it('rejects CLDR pseudo-regions that are not countries, but keeps Kosovo', () => {
    for (const code of ['ZZ', 'EU', 'EZ', 'UN', 'QO', 'XA', 'AA']) expect(isKnownCountry(code)).toBe(false);
    expect(isKnownCountry('XK')).toBe(true);
  });

  it('rejects duplicate line item and shipping option ids', () => {
    const req = validRequest();
    req.lineItems[1]!.id = req.lineItems[0]!.id;
    const issues = issuesOf(CreateCheckoutSessionRequest, req);
    expect(issues).toEqual([expect.objectContaining({ path: ['lineItems', 1, 'id'], message: 'Duplicate line item id' })]);

    const ship = validRequest();
    ship.shippingOptions.push({ ...ship.shippingOptions[0]!, label: 'Again' });
    expect(paths(issuesOf(CreateCheckoutSessionRequest, ship))).toEqual(['shippingOptions.1.id']);
  });

  it('names a duplicate id for the merchant, as a custom issue', () => {
    const req = validRequest();
    req.lineItems[1]!.id = req.lineItems[0]!.id;
    req.shippingOptions.push({ ...req.shippingOptions[0]!, label: 'Again' });
    expect(issuesOf(CreateCheckoutSessionRequest, req)).toEqual([
      expect.objectContaining({ code: 'custom', path: ['lineItems', 1, 'id'], message: 'Duplicate line item id' }),
      expect.objectContaining({ code: 'custom', path: ['shippingOptions', 1, 'id'], message: 'Duplicate shipping option id' }),
    ]);
  });

  it('requires at least one line item and bounds the list', () => {
    expect(paths(issuesOf(CreateCheckoutSessionRequest, { ...validRequest(), lineItems: [] }))).toEqual(['lineItems']);
    const many = Array.from({ length: LIMITS.maxLineItems + 1 }, (_, i) => ({ id: `i${i}`, name: 'n', unitAmount: 1, quantity: 1 }));
    expect(paths(issuesOf(CreateCheckoutSessionRequest, { ...validRequest(), lineItems: many }))).toEqual(['lineItems']);
  });

  it('rejects a delivery estimate whose minimum exceeds its maximum', () => {
    const req = validRequest();
    req.shippingOptions[0]!.deliveryEstimate = { minDays: 5, maxDays: 2 };
    expect(paths(issuesOf(CreateCheckoutSessionRequest, req))).toEqual(['shippingOptions.0.deliveryEstimate.maxDays']);
  });

  it('rejects a malformed locale and an unknown channel', () => {
    expect(paths(issuesOf(CreateCheckoutSessionRequest, { ...validRequest(), locale: 'en_GB' }))).toEqual(['locale']);
    expect(paths(issuesOf(CreateCheckoutSessionRequest, { ...validRequest(), channel: 'fax' }))).toEqual(['channel']);
    expect(CreateCheckoutSessionRequest.parse({ ...validRequest(), locale: 'pt-BR' }).locale).toBe('pt-BR');
  });
});

describe('Contact', () => {
  it('accepts an email address', () => {
    expect(Contact.parse({ email: 'ada@example.com' })).toEqual({ email: 'ada@example.com' });
  });

  it.each(['ada', 'ada@', '@example.com', 'ada@example', 'ada @example.com', ''])('rejects %j', (email) => {
    const issues = issuesOf(Contact, { email });
    expect(paths(issues)).toEqual(['email']);
  });

  it('rejects an overlong email and unknown fields', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`;
    expect(email.length).toBeGreaterThan(LIMITS.maxEmail);
    expect(paths(issuesOf(Contact, { email }))).toEqual(['email']);
    expect(issuesOf(Contact, { email: 'ada@example.com', name: 'Ada' })[0]?.code).toBe('unrecognized_keys');
  });
});

describe('PostalAddress', () => {
  const address = { name: 'Ada Lovelace', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };

  it('accepts an address with optional fields omitted', () => {
    expect(PostalAddress.parse(address)).toEqual(address);
  });

  it('rejects empty required fields, control characters and unknown countries', () => {
    expect(paths(issuesOf(PostalAddress, { ...address, name: '   ' }))).toEqual(['name']);
    expect(paths(issuesOf(PostalAddress, { ...address, line2: 'x\u0000' }))).toEqual(['line2']);
    expect(paths(issuesOf(PostalAddress, { ...address, country: 'XX' }))).toEqual(['country']);
    expect(paths(issuesOf(PostalAddress, { ...address, city: 'c'.repeat(101) }))).toEqual(['city']);
  });
});

describe('client requests', () => {
  it('SetShippingOptionRequest is strict and validates the id', () => {
    expect(SetShippingOptionRequest.parse({ shippingOptionId: 'express' })).toEqual({ shippingOptionId: 'express' });
    expect(paths(issuesOf(SetShippingOptionRequest, { shippingOptionId: 'a b' }))).toEqual(['shippingOptionId']);
    expect(issuesOf(SetShippingOptionRequest, { shippingOptionId: 'x', amount: 0 })[0]?.code).toBe('unrecognized_keys');
  });

  it('ConfirmRequest requires a payment method and tolerates (ignored) amount fields', () => {
    expect(ConfirmRequest.parse({ paymentMethod: 'pm_1', amount: 1, currency: 'EUR' }).paymentMethod).toBe('pm_1');
    expect(paths(issuesOf(ConfirmRequest, { paymentMethod: '' }))).toEqual(['paymentMethod']);
    expect(issuesOf(ConfirmRequest, { paymentMethod: 'pm_1', customer: 'c' })[0]?.code).toBe('unrecognized_keys');
  });

  it('ConfirmRequest carries a BLIK code of exactly six digits, and nothing else in the options', () => {
    expect(ConfirmRequest.parse({ paymentMethod: 'pm_1', paymentMethodOptions: { blik: { code: '012345' } } }).paymentMethodOptions).toEqual({ blik: { code: '012345' } });
    for (const code of ['12345', '1234567', '12a456', ' 123456', 123456]) {
      expect(paths(issuesOf(ConfirmRequest, { paymentMethod: 'pm_1', paymentMethodOptions: { blik: { code } } }))).toEqual(['paymentMethodOptions.blik.code']);
    }
    expect(issuesOf(ConfirmRequest, { paymentMethod: 'pm_1', paymentMethodOptions: { card: { cvc: '123' } } })[0]?.code).toBe('unrecognized_keys');
  });
});

describe('contact and notifications', () => {
  it('SMS updates need a mobile number; email-only does not', () => {
    for (const notifyBy of ['sms', 'email_sms']) {
      expect(issuesOf(Contact, { email: 'ada@example.com', notifyBy })).toEqual([
        expect.objectContaining({ code: 'custom', path: ['phone'], message: 'Enter a mobile number to get order updates by SMS' }),
      ]);
      expect(Contact.safeParse({ email: 'ada@example.com', notifyBy, phone: '+48501234567' }).success).toBe(true);
    }
    expect(Contact.safeParse({ email: 'ada@example.com', notifyBy: 'email' }).success).toBe(true);
    expect(Contact.safeParse({ email: 'ada@example.com' }).success).toBe(true);
  });
});

describe('bounded merchant settings', () => {
  it(`metadata takes at most ${LIMITS.maxMetadataKeys} keys`, () => {
    const metadata = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(Metadata.safeParse(metadata(LIMITS.maxMetadataKeys)).success).toBe(true);
    expect(issuesOf(Metadata, metadata(LIMITS.maxMetadataKeys + 1))).toEqual([
      expect.objectContaining({ message: `At most ${LIMITS.maxMetadataKeys} metadata keys` }),
    ]);
  });

  it('cash on delivery takes at most 50 currencies', () => {
    const currencies = Intl.supportedValuesOf('currency').filter((c) => /^[A-Z]{3}$/.test(c));
    const maximum = (n: number) => Object.fromEntries(currencies.slice(0, n).map((c) => [c, 10000]));
    expect(CashOnDeliverySettings.safeParse({ maximum: maximum(50) }).success).toBe(true);
    expect(issuesOf(CashOnDeliverySettings, { maximum: maximum(51) })).toEqual([
      expect.objectContaining({ path: ['maximum'], message: 'At most 50 currencies' }),
    ]);
  });

  it('per-country method settings take at most 250 countries', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const countries = [...letters].flatMap((a) => [...letters].map((b) => a + b)).filter(isKnownCountry);
    const settings = (n: number) => ({ countries: Object.fromEntries(countries.slice(0, n).map((c) => [c, { disable: ['card'] }])) });
    expect(PaymentMethodSettings.safeParse(settings(250)).success).toBe(true);
    expect(issuesOf(PaymentMethodSettings, settings(251))).toEqual([
      expect.objectContaining({ path: ['countries'], message: 'At most 250 countries' }),
    ]);
  });
});
