/**
 * Vitest browser commands (they run in Node, next to Playwright): serve the SDK double with
 * `page.route()`, and play PayPal's server side — the REST fake, driven by the real server half —
 * so a component test exercises the client adapter, the double, the server half and the fake together.
 */
import type { CheckoutSession, PrepareRequest, ProviderPaymentResult } from '@omni-checkout/core';
import type { BrowserCommand } from 'vitest/node';
import { createPayPalProvider, type PayPalServerProvider } from '../server/index.js';
import { startPayPalRestFake, type PayPalRestFake } from './rest-fake.js';
import { routePayPal, type Routable } from './sdk-double-route.js';

let started: Promise<{ fake: PayPalRestFake; server: PayPalServerProvider }> | undefined;

function paypal() {
  started ??= startPayPalRestFake({ unref: true }).then((fake) => ({
    fake,
    server: createPayPalProvider({ clientId: fake.clientId, clientSecret: fake.clientSecret, apiBase: fake.url, webhookId: fake.webhookId }),
  }));
  return started;
}

let keys = 0;

export const paypalCommands = {
  /** Routes the SDK to the double for this page; answers the client id the double expects. */
  paypalSetup: (async (context) => {
    const { fake } = await paypal();
    await routePayPal((context as unknown as { page: Routable }).page, fake.url);
    return { clientId: fake.clientId };
  }) as BrowserCommand<[], { clientId: string }>,
  /** The backend's prepare step: the server half creates (or re-prices) the order from the session. */
  paypalPrepare: (async (_context, session: CheckoutSession, request: PrepareRequest) => {
    const { server } = await paypal();
    return server.prepare!({
      session,
      amount: session.totals.total,
      currency: session.currency,
      method: request.method,
      idempotencyKey: `${session.id}:prepare:${++keys}`,
      ...(request.reference ? { reference: request.reference } : {}),
      ...(request.express ? { express: true } : {}),
    });
  }) as BrowserCommand<[CheckoutSession, PrepareRequest], { reference: string }>,
  /** The backend's confirm: the server half captures the approved order. */
  paypalCapture: (async (_context, session: CheckoutSession, orderId: string) => {
    const { server } = await paypal();
    return server.createPayment({ sessionId: session.id, amount: session.totals.total, currency: session.currency, paymentMethod: orderId, idempotencyKey: `${session.id}:confirm:${++keys}`, metadata: {} });
  }) as BrowserCommand<[CheckoutSession, string], ProviderPaymentResult>,
  /** What PayPal holds for an order. */
  paypalOrder: (async (_context, orderId: string) => {
    const { fake } = await paypal();
    const entry = fake.orders.get(orderId);
    return {
      status: entry?.order.status ?? 'MISSING',
      amount: entry?.order.purchase_units?.[0]?.amount?.value ?? '',
      captures: fake.captures.filter((c) => c.custom_id === entry?.order.purchase_units?.[0]?.custom_id).length,
    };
  }) as BrowserCommand<[string], { status: string; amount: string; captures: number }>,
};

export type PayPalCommands = {
  [K in keyof typeof paypalCommands]: (typeof paypalCommands)[K] extends BrowserCommand<infer A, infer R> ? (...args: A) => Promise<R> : never;
};
