/**
 * The server half against Stripe's real test mode. Runs only when STRIPE_SECRET_KEY and
 * STRIPE_PUBLISHABLE_KEY (test keys) are set; skipped otherwise. Uses Stripe's test tokens, so it
 * needs no card data and charges nobody.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ProviderPaymentInput } from '@omni-checkout/core';
import { createStripeProvider } from './index.js';

const secretKey = process.env.STRIPE_SECRET_KEY ?? '';
const publishableKey = process.env.STRIPE_PUBLISHABLE_KEY ?? '';
const live = secretKey.startsWith('sk_test_') && publishableKey.startsWith('pk_test_');

describe.runIf(live)('Stripe test mode (live API)', () => {
  const provider = live ? createStripeProvider({ secretKey, publishableKey, webhookSecret: 'whsec_live_suite_local' }) : null!;
  const input = (paymentMethod: string, extra: Partial<ProviderPaymentInput> = {}): ProviderPaymentInput => {
    const sessionId = `cs_live_${randomUUID()}`;
    return { sessionId, amount: 1234, currency: 'EUR', paymentMethod, idempotencyKey: `${sessionId}:confirm:1`, metadata: { suite: 'omni-live' }, ...extra };
  };

  it('pays with a test card, once per idempotency key', async () => {
    const request = input('pm_card_visa');
    const first = await provider.createPayment(request);
    expect(first).toMatchObject({ status: 'succeeded', paymentMethod: { last4: '4242' } });
    expect((await provider.createPayment(request)).reference).toBe(first.reference);
  });

  it('reports declines and 3-D Secure as the backend expects', async () => {
    expect(await provider.createPayment(input('pm_card_chargeDeclined'))).toMatchObject({ status: 'failed', code: 'card_declined' });
    expect(await provider.createPayment(input('pm_card_chargeDeclinedInsufficientFunds'))).toMatchObject({ status: 'failed', code: 'insufficient_funds' });
    const challenged = await provider.createPayment(input('pm_card_authenticationRequired', { returnUrl: 'https://example.com/return' }));
    expect(challenged).toMatchObject({ status: 'requires_action', action: { data: { clientSecret: expect.stringContaining('_secret_') } } });
  });

  it('saves a card with consent, lists and detaches it', async () => {
    const customer = await provider.customers.ensure({ shopperId: `shp_${randomUUID()}`, key: `customer:${randomUUID()}` });
    await provider.createPayment(input('pm_card_visa', { customer, savePaymentMethod: true }));
    const [saved] = await provider.customers.list(customer);
    expect(saved).toMatchObject({ brand: 'visa', last4: '4242' });
    await provider.customers.detach(customer, saved!.reference);
    expect(await provider.customers.list(customer)).toEqual([]);
  });

  it('verifies webhook signatures made with Stripe’s own scheme', async () => {
    const payload = JSON.stringify({ id: 'evt_live_suite', object: 'event', type: 'customer.created', data: { object: { id: 'cus_x' } } });
    const header = provider.stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_live_suite_local' });
    await expect(provider.webhooks!.verify(payload, new Headers({ 'stripe-signature': header }), new Date())).resolves.toMatchObject({ id: 'evt_live_suite' });
  });
});
