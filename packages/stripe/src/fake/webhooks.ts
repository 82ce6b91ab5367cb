/**
 * Events in the fake Stripe API: each state change becomes a `Stripe.Event`, recorded in order and
 * POSTed to the webhook URL with a `Stripe-Signature` header made by the SDK's own signer, retried
 * with backoff (five tries) as Stripe retries a failing endpoint.
 */
import Stripe from 'stripe';
import { id, now, PLATFORM, type FakeStripe } from './store.js';

export interface Webhooks {
  readonly events: Stripe.Event[];
  readonly deliveries: FakeStripe['deliveries'];
  emit(type: Stripe.Event.Type, object: Stripe.PaymentIntent | Stripe.Refund, account: string): void;
  setWebhook(url: string | null, secret?: string): void;
  /** Resolves once every event so far was delivered (or gave up). */
  flush(): Promise<void>;
}

export function createWebhooks(options: { readonly webhookUrl?: string; readonly webhookSecret?: string }): Webhooks {
  const events: Stripe.Event[] = [];
  const deliveries: FakeStripe['deliveries'] = [];
  const pending = new Set<Promise<void>>();
  let webhookUrl = options.webhookUrl ?? null;
  let webhookSecret = options.webhookSecret ?? 'whsec_fake';
  const signer = new Stripe('sk_test_fake_signer', { telemetry: false });

  function deliver(event: Stripe.Event): void {
    if (!webhookUrl) return;
    const url = webhookUrl;
    const payload = JSON.stringify(event, null, 2);
    const attempt = async () => {
      for (let tries = 0; tries < 5; tries += 1) {
        const header = signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
          deliveries.push({ event: event.id, status: response.status });
          if (response.ok) return;
        } catch {
          deliveries.push({ event: event.id, status: 0 });
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** tries));
      }
    };
    const run = attempt().finally(() => pending.delete(run));
    pending.add(run);
  }

  function emit(type: Stripe.Event.Type, object: Stripe.PaymentIntent | Stripe.Refund, account: string): void {
    const event = {
      id: id('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: { id: id('req'), idempotency_key: null },
      type,
      ...(account === PLATFORM ? {} : { account }),
    } as Stripe.Event;
    events.push(event);
    deliver(event);
  }

  return {
    events,
    deliveries,
    emit,
    setWebhook(url, secret) {
      webhookUrl = url;
      if (secret) webhookSecret = secret;
    },
    async flush() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
