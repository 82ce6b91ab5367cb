/** Provider events sent to `POST /v1/webhooks/<provider>` as the fake provider signs them (the provider-webhook suites). */
import { expect } from 'vitest';
import type { ProviderPaymentResult } from '@omni-checkout/core';
import { clientFor, createSession, type TestEnv, type TestMerchant } from './env.js';
import type { FakeWebhookBody } from './fake-provider.js';

/** A fake provider's event body; any field may be missing or wrong, to test refusals. */
export type EventBody = Partial<FakeWebhookBody> & Record<string, unknown>;

/** Events with ids of their own (`<prefix>_1`, `<prefix>_2`…). */
export function eventMaker(prefix: string) {
  let counter = 0;
  const nextId = () => `${prefix}_${++counter}`;
  const event = (reference: string | null, outcome: ProviderPaymentResult | null, extra: EventBody = {}): EventBody => ({
    id: nextId(),
    type: outcome ? `payment.${outcome.status}` : 'payment.updated',
    reference,
    outcome,
    ...extra,
  });
  return { event, nextId };
}

/** Posts `body` signed by `env`'s fake provider now (or with the `headers` given). */
export function postEvent(env: TestEnv, body: EventBody | string, headers?: Record<string, string>, provider = 'mock') {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return env.app.request(`/v1/webhooks/${provider}`, { method: 'POST', headers: headers ?? env.provider.signWebhook(raw, env.clock.now), body: raw });
}

/** A filled session waiting for 3-D Secure, and its payment reference at the fake provider. */
export async function waitingForAction(env: TestEnv, merchant: TestMerchant) {
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  await client.fill();
  expect((await client.confirm('pm_3ds')).status).toBe(200);
  const attempt = await env.storage.latestAttempt(created.id);
  return { created, client, reference: attempt!.paymentReference! };
}
