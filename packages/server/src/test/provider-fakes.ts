/**
 * The real Stripe provider (the `stripe` SDK against the loopback Stripe fake) and the real PayPal
 * provider (against the PayPal REST fake), for suites that follow money through both: call
 * `useProviderFakes()` at the top of a test file; the fakes start before its tests and stop after.
 */
import { afterAll, beforeAll } from 'vitest';
import { createStripeProvider } from '@omni-checkout/stripe/server';
import { startFakeStripe, type FakeStripe } from '@omni-checkout/stripe/fake';
import { createPayPalProvider } from '@omni-checkout/paypal/server';
import { startPayPalRestFake, type PayPalRestFake } from '@omni-checkout/paypal/testing';

export interface ProviderFakes {
  /** The Stripe fake (started in `beforeAll`). */
  readonly stripeFake: () => FakeStripe;
  /** The PayPal REST fake (started in `beforeAll`). */
  readonly paypalFake: () => PayPalRestFake;
  /** A Stripe provider and a PayPal provider wired to the fakes; `suite` names the (test-mode) keys. */
  readonly providers: (suite: string) => {
    readonly stripe: ReturnType<typeof createStripeProvider>;
    readonly paypal: ReturnType<typeof createPayPalProvider>;
  };
}

export function useProviderFakes(webhookSecret: string): ProviderFakes {
  let stripeFake: FakeStripe | undefined;
  let paypalFake: PayPalRestFake | undefined;
  beforeAll(async () => {
    stripeFake = await startFakeStripe({ webhookSecret });
    paypalFake = await startPayPalRestFake();
  });
  afterAll(async () => {
    await stripeFake?.close();
    await paypalFake?.close();
  });
  const started = <T>(fake: T | undefined): T => {
    if (!fake) throw new Error('the provider fakes start in beforeAll: use them inside a test or a hook');
    return fake;
  };
  return {
    stripeFake: () => started(stripeFake),
    paypalFake: () => started(paypalFake),
    providers: (suite) => {
      const key = suite.replace(/\W/g, '_').padEnd(20, '0');
      const paypal = started(paypalFake);
      return {
        stripe: createStripeProvider({
          secretKey: `sk_test_${key}`,
          publishableKey: `pk_test_${key}`,
          webhookSecret,
          api: { host: '127.0.0.1', port: started(stripeFake).port, protocol: 'http' },
        }),
        paypal: createPayPalProvider({ clientId: paypal.clientId, clientSecret: paypal.clientSecret, apiBase: paypal.url }),
      };
    },
  };
}
