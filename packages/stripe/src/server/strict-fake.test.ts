/**
 * The server half against the fake of Stripe's API held to Stripe's documented behaviour
 * (docs.stripe.com/api/idempotent_requests, docs.stripe.com/payments/3d-secure): a request that
 * fails validation saves nothing under its idempotency key, a second request while the first is
 * still running gets 409 `idempotency_key_in_use`, and 3-D Secure answers `redirect_to_url` to a
 * server-side confirm with a return_url, `use_stripe_sdk` otherwise. Through the adapter and the
 * real `stripe` SDK.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderPaymentInput } from '@omni-checkout/core';
import { startFakeStripe, type FakeStripe } from '../fake/api.js';
import { createStripeProvider } from './index.js';

let fake: FakeStripe;
let provider: ReturnType<typeof createStripeProvider>;
let counter = 0;

beforeAll(async () => {
  fake = await startFakeStripe();
  provider = createStripeProvider({
    secretKey: 'sk_test_fake_strict_suite_0001',
    publishableKey: 'pk_test_fake_strict_suite_0001',
    api: { host: '127.0.0.1', port: fake.port, protocol: 'http' },
  });
});
afterAll(() => fake?.close());

function input(paymentMethod: string, extra: Partial<ProviderPaymentInput & { returnUrl: string }> = {}): ProviderPaymentInput {
  counter += 1;
  return { sessionId: `cs_strict_${counter}`, amount: 5390, currency: 'EUR', paymentMethod, idempotencyKey: `cs_strict_${counter}:confirm:1`, metadata: {}, ...extra };
}

const intentsOf = (sessionId: string) => fake.paymentIntents().filter((pi) => pi.metadata['omni_session'] === sessionId);

describe('idempotency as Stripe documents it', () => {
  it('a request that failed validation saves nothing: the same key then pays', async () => {
    const first = input('pm_does_not_exist');
    expect(await provider.createPayment(first)).toMatchObject({ status: 'failed', code: 'provider_error', reference: null });
    // Stripe would refuse other parameters under a saved key (idempotency_error); nothing was saved.
    const retried = await provider.createPayment({ ...first, paymentMethod: 'pm_card_visa' });
    expect(retried).toMatchObject({ status: 'succeeded' });
    expect(intentsOf(first.sessionId)).toHaveLength(1);
  });

  it('a card decline is saved under its key: the replay answers the same decline, no second intent', async () => {
    const declined = input('pm_card_chargeDeclined');
    const first = await provider.createPayment(declined);
    expect(first).toMatchObject({ status: 'failed', code: 'card_declined' });
    expect(await provider.createPayment(declined)).toEqual(first);
    expect(intentsOf(declined.sessionId)).toHaveLength(1);
  });

  it('a second request while the first is running gets 409 idempotency_key_in_use; one PaymentIntent', async () => {
    const request = input('pm_card_visa');
    fake.latencyMs = 300;
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      outcomes = await Promise.allSettled([provider.createPayment(request), new Promise((r) => setTimeout(r, 50)).then(() => provider.createPayment(request))]);
    } finally {
      fake.latencyMs = 0;
    }
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { status: 'succeeded' } });
    expect(outcomes[1]!.status).toBe('rejected');
    const error = (outcomes[1] as PromiseRejectedResult).reason as Stripe.errors.StripeError;
    expect({ status: error.statusCode, code: error.code }).toEqual({ status: 409, code: 'idempotency_key_in_use' });
    // Retried once the first finished: the first result, still one intent.
    const again = await provider.createPayment(request);
    expect(again.reference).toBe((outcomes[0] as PromiseFulfilledResult<{ reference: string }>).value.reference);
    expect(intentsOf(request.sessionId)).toHaveLength(1);
  });
});

describe('3-D Secure: both next-action shapes', () => {
  it('a confirm with a return_url gets redirect_to_url, which the adapter answers as a redirect', async () => {
    const request = { ...input('pm_card_threeDSecure2Required'), returnUrl: 'https://shop.example/checkout?return=1' };
    const result = await provider.createPayment(request);
    expect(result).toMatchObject({ status: 'requires_action', action: { type: 'redirect', provider: 'stripe', data: { clientSecret: expect.stringMatching(/^pi_.+_secret_/) } } });
    const pi = fake.paymentIntents().find((p) => p.id === result.reference)!;
    expect(pi.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url: 'https://shop.example/checkout?return=1' } });
  });

  it('a confirm without one gets use_stripe_sdk, which the adapter answers as a challenge', async () => {
    const result = await provider.createPayment(input('pm_card_threeDSecure2Required'));
    expect(result).toMatchObject({ status: 'requires_action', action: { type: 'challenge', provider: 'stripe' } });
    expect(fake.paymentIntents().find((p) => p.id === result.reference)!.next_action?.type).toBe('use_stripe_sdk');
  });
});
