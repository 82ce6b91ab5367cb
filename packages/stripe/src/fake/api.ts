/**
 * A loopback fake of the parts of Stripe's HTTP API that omni-checkout uses, for tests and the
 * offline demo. Every object it answers is typed with the `stripe` SDK's own types, and it refuses
 * what Stripe refuses: unknown parameters, an amount that is not an integer, a missing currency,
 * an unknown payment method, a secret key where only a publishable one is allowed (and the reverse),
 * an idempotency key replayed with other parameters. Test cards and `pm_card_*` tokens behave as in
 * Stripe's test mode. State changes are delivered as signed webhooks to a URL, as Stripe does.
 *
 * Not Stripe: `POST /_fake/3ds/:payment_intent` decides a 3-D Secure challenge (the Stripe.js
 * double's challenge frame calls it), `GET /_fake/state` lists what exists, and the test pages of
 * local methods (local-methods.ts): `/_fake/redirect/:pi` (a bank, Klarna or Alipay page) and
 * `/_fake/pay/:pi` (the phone that scanned a Swish or WeChat Pay QR code), and
 * `POST /_fake/action/:pi` (`decision=approve|fail|cancel`, for tests).
 *
 * This module starts the server and assembles the parts:
 * - cards.ts: test cards and tokens, and what each does;
 * - errors.ts: Stripe's error answers and parameter checks;
 * - store.ts: what the fake holds, and the `FakeStripe` shape;
 * - payment-methods.ts, customers.ts, payment-intents.ts, money-out.ts: the endpoints;
 * - routes.ts: which endpoint a request reaches; http.ts: keys, accounts, CORS, `/_fake/...`;
 * - idempotency.ts: idempotency keys; webhooks.ts: events and their signed delivery.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, send } from './http.js';
import { createMoneyOut } from './money-out.js';
import { decideAction, decideChallenge } from './payment-intents.js';
import { createRouter } from './routes.js';
import { id, now, PLATFORM, type FakeStore, type FakeStripe, type FakeStripeOptions, type StoredCustomer, type StoredIntent, type StoredMethod } from './store.js';
import { createWebhooks } from './webhooks.js';

export { FAKE_TEST_CARDS, FAKE_TEST_TOKENS } from './cards.js';
export type { FakeStripe, FakeStripeOptions } from './store.js';

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const webhooks = createWebhooks(options);
  const requests: FakeStripe['requests'] = [];
  const store: FakeStore = {
    methods: new Map<string, StoredMethod>(),
    intents: new Map<string, StoredIntent>(),
    customers: new Map<string, StoredCustomer>(),
    emit: (type, object, account) => webhooks.emit(type, object, account),
    url: () => fake.url,
    blikApproval(paymentIntent) {
      const delay = fake.blikApprovalMs;
      if (delay === null) return;
      // The shopper approves in the bank app; a decision made meanwhile (a test, a timeout) wins.
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (store.intents.get(paymentIntent)?.object.status === 'requires_action') decideAction(store, paymentIntent, 'approve');
      }, delay);
      timers.add(timer);
    },
  };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const moneyOut = createMoneyOut({
    intent: (account, piId) => {
      const stored = store.intents.get(piId);
      return stored && stored.account === account ? stored.object : undefined;
    },
    replaceIntent: (_account, intent) => {
      const stored = store.intents.get(intent.id);
      if (stored) stored.object = intent;
    },
    emit: (type, object, account) => webhooks.emit(type, object, account),
    newId: id,
    now,
  });
  const handle = createHandler({
    store,
    route: createRouter(store, moneyOut),
    requests,
    eventCount: () => webhooks.events.length,
    latencyMs: () => fake.latencyMs,
  });

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, 500, { error: { type: 'api_error', message: error instanceof Error ? error.message : 'fake error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeStripe = {
    url: `http://127.0.0.1:${port}`,
    port,
    latencyMs: 0,
    blikApprovalMs: 1500,
    requests,
    events: webhooks.events,
    deliveries: webhooks.deliveries,
    paymentIntents: (account = PLATFORM) => [...store.intents.values()].filter((i) => i.account === account).map((i) => i.object),
    paymentMethods: (account = PLATFORM) => [...store.methods.values()].filter((m) => m.account === account).map((m) => m.object),
    customers: (account = PLATFORM) => [...store.customers.values()].filter((c) => c.account === account).map((c) => c.object),
    refunds: (account = PLATFORM) => moneyOut.refunds(account),
    decideChallenge: (paymentIntent, decision) => decideChallenge(store, paymentIntent, decision),
    decideAction: (paymentIntent, decision) => decideAction(store, paymentIntent, decision),
    setWebhook: (url, secret) => webhooks.setWebhook(url, secret),
    flushWebhooks: () => webhooks.flush(),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await fake.flushWebhooks();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
