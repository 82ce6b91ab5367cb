/**
 * Against PayPal's real sandbox, only when PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET are set
 * (sandbox app credentials); skipped otherwise. Nothing here can approve an order (that needs a
 * buyer in a browser), so it checks what the server half does alone: OAuth, order creation with
 * the session's amount and PayPal-Request-Id, re-pricing, refusing to capture an unapproved order,
 * and webhook verification refusing a forged signature.
 */
import { describe, expect, it } from 'vitest';
import type { CheckoutSession } from '@omni-checkout/core';
import { createPayPalProvider, PayPalApiError } from './index.js';

const clientId = process.env['PAYPAL_CLIENT_ID'];
const clientSecret = process.env['PAYPAL_CLIENT_SECRET'];
const live = Boolean(clientId && clientSecret);

describe.skipIf(!live)('PayPal sandbox (PAYPAL_CLIENT_ID / PAYPAL_CLIENT_SECRET)', () => {
  const provider = () => createPayPalProvider({ clientId: clientId!, clientSecret: clientSecret!, environment: 'sandbox', webhookId: process.env['PAYPAL_WEBHOOK_ID'] ?? 'WH-NOT-SET' });
  const session: CheckoutSession = {
    id: `cs_live_${Date.now()}`,
    object: 'checkout_session',
    status: 'open',
    livemode: false,
    merchant: { name: 'omni-checkout sandbox test' },
    currency: 'EUR',
    country: 'DE',
    locale: 'de',
    channel: 'web',
    lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2, amount: 2500 }],
    shippingOptions: [{ id: 'standard', label: 'Standard', amount: 490, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
    selectedShippingOptionId: 'standard',
    contact: { email: 'sandbox-buyer@example.com' },
    shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    totals: { subtotal: 2500, shipping: 490, total: 2990 },
    provider: { id: 'paypal', config: {} },
    providers: [{ id: 'paypal', config: {}, methods: ['paypal', 'paylater'] }],
    paymentMethods: [
      { type: 'paypal', provider: 'paypal', available: true },
      { type: 'paylater', provider: 'paypal', available: true },
    ],
    nextAction: null,
    lastPaymentError: null,
    orderId: null,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  };

  it('creates an order with the session’s amount (idempotently), re-prices it, and will not capture it unapproved', async () => {
    const p = provider();
    const key = `${session.id}:prepare:live`;
    const input = { session, amount: 2990, currency: 'EUR', method: 'paypal' as const, idempotencyKey: key };
    const { reference } = await p.prepare!(input);
    expect((await p.prepare!(input)).reference).toBe(reference);
    expect(p.tokenFetches).toBe(1);
    await p.prepare!({ ...input, reference, session: { ...session, totals: { subtotal: 2500, shipping: 990, total: 3490 } }, amount: 3490 });
    const result = await p.createPayment({ sessionId: session.id, amount: 3490, currency: 'EUR', paymentMethod: reference, idempotencyKey: `${session.id}:confirm:1`, metadata: {} });
    expect(result).toMatchObject({ status: 'failed', code: 'authentication_canceled', reference });
  }, 60_000);

  it('wrong credentials are refused', async () => {
    const p = createPayPalProvider({ clientId: clientId!, clientSecret: 'wrong', environment: 'sandbox' });
    await expect(p.retrievePayment('0000000000000000')).rejects.toBeInstanceOf(PayPalApiError);
  }, 60_000);

  it('the verification API refuses a forged signature', async () => {
    const headers = new Headers({
      'paypal-transmission-id': crypto.randomUUID(),
      'paypal-transmission-time': new Date().toISOString(),
      'paypal-transmission-sig': Buffer.from('forged').toString('base64'),
      'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
      'paypal-auth-algo': 'SHA256withRSA',
    });
    const body = JSON.stringify({ id: 'WH-FORGED', event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: {} });
    await expect(provider().webhooks!.verify(body, headers, new Date())).rejects.toThrow();
  }, 60_000);
});
