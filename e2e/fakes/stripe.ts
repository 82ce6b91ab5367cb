/**
 * Stripe's doubles for the e2e suite: the Stripe.js double (typed against `@stripe/stripe-js`),
 * bundled once and served at js.stripe.com with its frames, and api.stripe.com forwarded to the
 * loopback fake of Stripe's API that the demo started (`--stripe-fake`). Nothing reaches Stripe.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { PAYMENT_FRAME_HTML, THREE_DS_FRAME_HTML } from '../../packages/stripe/src/fake/frames.js';
import { stripeFakeUrl } from '../fixtures/env.js';

let bundle: Promise<string> | undefined;

/** The double as a classic script that defines `window.Stripe`, like the real one. */
function stripeJs(): Promise<string> {
  bundle ??= build({
    stdin: {
      contents: "import { FakeStripe } from './stripe-js.ts'; window.Stripe = FakeStripe;",
      resolveDir: fileURLToPath(new URL('../../packages/stripe/src/fake/', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

export interface StripeTraffic {
  /** Every request the page (or its frames) made to a Stripe host. */
  readonly requests: string[];
}

/** Serves the doubles on `page`; call before navigating. */
export async function useStripeDoubles(page: Page): Promise<StripeTraffic> {
  const traffic: StripeTraffic = { requests: [] };
  const script = await stripeJs();
  await page.route(/^https:\/\/js\.stripe\.com\//, async (route) => {
    const url = new URL(route.request().url());
    traffic.requests.push(url.href);
    if (/\/stripe\.js$/.test(url.pathname) || url.pathname === '/v3' || url.pathname === '/v3/') {
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: script });
    }
    if (url.pathname === '/v3/omni-fake-payment.html') return route.fulfill({ status: 200, contentType: 'text/html', body: PAYMENT_FRAME_HTML });
    if (url.pathname === '/v3/omni-fake-3ds.html') return route.fulfill({ status: 200, contentType: 'text/html', body: THREE_DS_FRAME_HTML });
    return route.fulfill({ status: 404, body: 'not in the double' });
  });
  await page.route(/^https:\/\/api\.stripe\.com\//, async (route) => {
    const request = route.request();
    traffic.requests.push(request.url());
    const url = new URL(request.url());
    const response = await route.fetch({ url: `${stripeFakeUrl()}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  return traffic;
}

/** Stripe's test cards. */
export const STRIPE_CARDS = {
  success: '4242 4242 4242 4242',
  mastercard: '5555 5555 5555 4444',
  decline: '4000 0000 0000 0002',
  threeDSecure: '4000 0000 0000 3220',
} as const;
