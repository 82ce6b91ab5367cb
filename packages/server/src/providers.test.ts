/**
 * Several providers per merchant and session, and the provider webhook framework
 * (`POST /v1/webhooks/:provider`): verified, applied once, only ever moving a session forward.
 */
import type { CheckoutSession, ConfirmResponse, Order, ProviderPaymentResult } from '@omni-checkout/core';
import { describe, expect, it } from 'vitest';
import { clientFor, countRows, createMerchant, createSession, createTestEnv, merchantGet, type TestMerchant } from './test/env.js';
import { createFakeProvider, type FakeProvider, type FakeWebhookBody } from './test/fake-provider.js';

// "stripe" carries cards and wallets, "paypal" carries PayPal (and would carry cards too, but comes second).
const cards = createFakeProvider({ id: 'stripe', methods: ['card', 'apple_pay', 'google_pay', 'link'], config: { publishableKey: 'pk_test_fake' } });
const wallet = createFakeProvider({ id: 'paypal', methods: ['paypal', 'paylater', 'card'], config: { clientId: 'fake-client' } });
const env = await createTestEnv({ providers: [cards, wallet] });

async function ready(providers: ('stripe' | 'paypal')[] = ['stripe', 'paypal']) {
  const merchant = await createMerchant(env, 'Two providers', providers);
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  await client.fill();
  return { merchant, created, client };
}

async function ordersOf(merchant: TestMerchant, sessionId: string): Promise<Order[]> {
  const response = await merchantGet(env, merchant, `/v1/orders?sessionId=${sessionId}`);
  return ((await response.json()) as { data: Order[] }).data;
}

async function sessionOf(client: ReturnType<typeof clientFor>): Promise<CheckoutSession> {
  return (await (await client.get()).json()) as CheckoutSession;
}

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe('several providers', () => {
  it('shows each provider of the session with its public config and the methods it carries in the market, in the merchant order', async () => {
    const { created, client } = await ready();
    const session = await sessionOf(client);
    expect(session.provider).toEqual({ id: 'stripe', config: { mode: 'test', publishableKey: 'pk_test_fake' } });
    expect(session.providers).toEqual([
      { id: 'stripe', config: { mode: 'test', publishableKey: 'pk_test_fake' }, methods: ['card', 'apple_pay', 'google_pay', 'link'] },
      { id: 'paypal', config: { mode: 'test', clientId: 'fake-client' }, methods: ['paypal', 'paylater'] },
    ]);
    expect(created.session.providers).toEqual(session.providers);
  });

  it('routes cards to the first provider that carries them when the merchant lists PayPal first (methods in the German market order)', async () => {
    const { client } = await ready(['paypal', 'stripe']);
    const session = await sessionOf(client);
    expect(session.provider.id).toBe('paypal');
    expect(session.providers.map((p) => [p.id, p.methods])).toEqual([
      ['paypal', ['paypal', 'card', 'paylater']],
      ['stripe', ['apple_pay', 'google_pay', 'link']],
    ]);
  });

  it('pays with the provider the confirm names, and records it on the order', async () => {
    const { merchant, created, client } = await ready();
    const response = await client.confirm('pm_ok', 'pp-1', { provider: 'paypal' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as ConfirmResponse;
    expect(body.order).toMatchObject({ provider: 'paypal', paymentReference: expect.stringMatching(/^paypal_/) });
    expect(wallet.calls.filter((c) => c.sessionId === created.id)).toHaveLength(1);
    expect(cards.calls.filter((c) => c.sessionId === created.id)).toHaveLength(0);
    expect((await ordersOf(merchant, created.id))[0]?.provider).toBe('paypal');
  });

  it('uses the first provider when confirm names none', async () => {
    const { created, client } = await ready();
    const body = (await (await client.confirm('pm_ok')).json()) as ConfirmResponse;
    expect(body.order?.provider).toBe('stripe');
    expect(cards.calls.filter((c) => c.sessionId === created.id)).toHaveLength(1);
  });

  it('refuses a provider the session does not offer, writing nothing', async () => {
    const { created, client } = await ready(['stripe']);
    const before = await countRows(env.db);
    const response = await client.confirm('pm_ok', 'mock-1', { provider: 'paypal' });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('provider_not_available');
    expect((await client.confirm('pm_ok', 'mock-2', { provider: 'venmo' })).status).toBe(400);
    expect(await countRows(env.db)).toEqual(before);
    expect((await sessionOf(client)).status).toBe('open');
    expect(wallet.calls.filter((c) => c.sessionId === created.id)).toHaveLength(0);
  });

  it('leaves out a provider the merchant lists but this backend does not run', async () => {
    const { client } = await ready(['stripe', 'mock' as 'stripe']);
    expect((await sessionOf(client)).providers.map((p) => p.id)).toEqual(['stripe']);
  });

  it('keeps a replayed Idempotency-Key on the provider of its first request', async () => {
    const { created, client } = await ready();
    const first = await client.confirm('pm_ok', 'same', { provider: 'paypal' });
    const again = await client.confirm('pm_ok', 'same', { provider: 'paypal' });
    expect(await again.text()).toBe(await first.text());
    expect(wallet.calls.filter((c) => c.sessionId === created.id)).toHaveLength(1);
  });

  it('completes a 3-D Secure action with the provider that asked for it', async () => {
    const { created, client } = await ready();
    const body = (await (await client.confirm('pm_3ds', 'ch', { provider: 'paypal' })).json()) as ConfirmResponse;
    const action = body.session.nextAction!;
    expect(action.provider).toBe('paypal');
    wallet.resolveAction(action.reference, 'approve');
    const done = (await (await client.completeAction()).json()) as ConfirmResponse;
    expect(done.order).toMatchObject({ provider: 'paypal', paymentReference: action.reference });
    expect(cards.calls.filter((c) => c.sessionId === created.id)).toHaveLength(0);
  });
});

// ── Webhooks ─────────────────────────────────────────────────────────────────────────────────

let eventCounter = 0;

function event(provider: FakeProvider, reference: string | null, outcome: ProviderPaymentResult | null, extra: Partial<FakeWebhookBody> = {}) {
  const body: FakeWebhookBody = { id: `evt_${++eventCounter}`, type: `payment.${outcome?.status ?? 'other'}`, reference, outcome, ...extra };
  return JSON.stringify(body);
}

function post(provider: FakeProvider, body: string, headers: Record<string, string> = provider.signWebhook(body, env.clock.now)) {
  return env.app.request(`/v1/webhooks/${provider.id}`, { method: 'POST', headers, body });
}

/** A success as the provider reports it: the sample session's total (standard shipping) unless told otherwise. */
const succeeded = (reference: string, amount = 5343, currency = 'EUR'): ProviderPaymentResult => ({ status: 'succeeded', reference, amount, currency });
const failed = (reference: string): ProviderPaymentResult => ({
  status: 'failed',
  reference,
  code: 'authentication_failed',
  message: 'failed',
});
const needsAction = (provider: FakeProvider, reference: string): ProviderPaymentResult => ({
  status: 'requires_action',
  reference,
  action: { type: 'challenge', provider: provider.id, reference, data: { challengeId: 'x' } },
});

/** A session waiting on 3-D Secure at `cards`, as when the shopper closes the tab mid-challenge. */
async function challenged() {
  const state = await ready();
  const body = (await (await state.client.confirm('pm_3ds', 'challenge')).json()) as ConfirmResponse;
  return { ...state, reference: body.session.nextAction!.reference };
}

describe('webhooks', () => {
  it('completes a session left mid-challenge (tab closed) once the provider reports success', async () => {
    const { merchant, created, client, reference } = await challenged();
    cards.resolveAction(reference, 'approve');
    const response = await post(cards, event(cards, reference, cards.current(reference)!));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    expect(await sessionOf(client)).toMatchObject({ status: 'complete', nextAction: null });
    const orders = await ordersOf(merchant, created.id);
    expect(orders).toMatchObject([{ provider: 'stripe', paymentReference: reference, amount: 5343 }]);
    // The page comes back later and asks: the order is there.
    const late = (await (await client.completeAction()).json()) as ConfirmResponse;
    expect(late).toMatchObject({ status: 'succeeded', order: { id: orders[0]!.id } });
  });

  it('answers a replayed event as a duplicate and changes nothing', async () => {
    const { client, reference } = await challenged();
    const body = event(cards, reference, succeeded(reference));
    expect(await (await post(cards, body)).json()).toEqual({ received: true, duplicate: false });
    const rows = await countRows(env.db);
    expect(await (await post(cards, body)).json()).toEqual({ received: true, duplicate: true });
    expect(await countRows(env.db)).toEqual(rows);
    expect((await sessionOf(client)).status).toBe('complete');
  });

  it('refuses a bad signature, an old or future timestamp and another provider’s signature with 400, writing nothing', async () => {
    const { client, reference } = await challenged();
    const body = event(cards, reference, succeeded(reference));
    const rows = await countRows(env.db);
    const signed = cards.signWebhook(body, env.clock.now);
    const flipped = { ...signed, 'fake-signature': signed['fake-signature']!.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    const old = cards.signWebhook(body, new Date(env.clock.now.getTime() - 301_000));
    const future = cards.signWebhook(body, new Date(env.clock.now.getTime() + 301_000));
    for (const headers of [flipped, old, future, {}]) {
      const response = await post(cards, body, headers);
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('webhook_signature_invalid');
    }
    expect((await post(cards, body.replace('"succeeded"', '"succeeded" '), signed)).status).toBe(400);
    expect(await countRows(env.db)).toEqual(rows);
    expect((await sessionOf(client)).status).toBe('requires_action');
  });

  it('takes events larger than an API request (up to 512 KB), and refuses larger ones with 413', async () => {
    const { client, reference } = await challenged();
    // Large like a real event (the whole payment object), not through a 200 KB event type: ids and
    // types must be storable text of at most 255 characters (docs/security.md R36).
    const bulky = { ...succeeded(reference), charges: ' '.repeat(200_000) };
    const large = event(cards, reference, bulky);
    expect((await post(cards, large)).status).toBe(200);
    expect((await sessionOf(client)).status).toBe('complete');
    const huge = event(cards, reference, succeeded(reference), { type: 'x'.repeat(600_000) });
    const response = await post(cards, huge);
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('payload_too_large');
  });

  it('answers 404 for a provider that does not exist or sends no webhooks', async () => {
    expect((await env.app.request('/v1/webhooks/nobody', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await env.app.request('/v1/webhooks/mock', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('acknowledges an event about no session of ours', async () => {
    const rows = await countRows(env.db);
    const response = await post(cards, event(cards, 'stripe_elsewhere', succeeded('stripe_elsewhere')));
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    expect((await countRows(env.db)).orders).toBe(rows.orders);
  });

  it('ignores a late failure after success, and a failure of an earlier attempt', async () => {
    const { merchant, created, client, reference } = await challenged();
    await post(cards, event(cards, reference, succeeded(reference)));
    await post(cards, event(cards, reference, failed(reference)));
    expect((await sessionOf(client)).status).toBe('complete');
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);

    // A new session: attempt 1 is declined, attempt 2 waits on 3-D Secure; attempt 1's late failure event is harmless.
    const second = await ready();
    const declined = await second.client.confirm('pm_decline', 'a1');
    expect(declined.status).toBe(402);
    const firstRef = cards.payments.get(`${second.created.id}:confirm:1`)!.reference!;
    const body = (await (await second.client.confirm('pm_3ds', 'a2')).json()) as ConfirmResponse;
    expect(body.session.status).toBe('requires_action');
    await post(cards, event(cards, firstRef, failed(firstRef)));
    expect((await sessionOf(second.client)).status).toBe('requires_action');
  });

  it('fails the current attempt forward only: requires_action → open, never back', async () => {
    const { client, reference } = await challenged();
    await post(cards, event(cards, reference, failed(reference)));
    const session = await sessionOf(client);
    expect(session).toMatchObject({ status: 'open', nextAction: null, lastPaymentError: { code: 'authentication_failed' } });
    // A late "requires action" for the same payment does not move the open session back.
    await post(cards, event(cards, reference, needsAction(cards, reference)));
    expect((await sessionOf(client)).status).toBe('open');
  });

  it('settles a payment whose reference was never stored (crash after the provider call) through the session id the provider echoes', async () => {
    const { merchant, created, client } = await ready();
    cards.throwAfterNextPayment();
    expect((await client.confirm('pm_ok', 'crash')).status).toBe(502);
    expect((await sessionOf(client)).status).toBe('processing');
    const reference = cards.payments.get(`${created.id}:confirm:1`)!.reference!;
    await post(cards, event(cards, reference, succeeded(reference), { sessionId: created.id }));
    expect((await sessionOf(client)).status).toBe('complete');
    // The page retries its request: same answer shape, still one payment and one order.
    const retried = (await (await client.confirm('pm_ok', 'crash')).json()) as ConfirmResponse;
    expect(retried).toMatchObject({ status: 'succeeded', order: { paymentReference: reference } });
    expect(new Set(cards.calls.filter((c) => c.sessionId === created.id).map((c) => c.idempotencyKey)).size).toBe(1);
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });

  it('does not let one provider’s event settle a session paid through another provider', async () => {
    const { client, reference } = await challenged();
    await post(wallet, event(wallet, reference, succeeded(reference)));
    expect((await sessionOf(client)).status).toBe('requires_action');
  });

  it('ends shuffled event streams with duplicates in the same state with one order and one confirmation email', async () => {
    const finals = new Set<string>();
    for (let round = 0; round < 6; round += 1) {
      const { merchant, created, client, reference } = await challenged();
      const bodies = [
        event(cards, reference, needsAction(cards, reference)),
        event(cards, reference, failed(reference)),
        event(cards, reference, succeeded(reference)),
        event(cards, reference, { status: 'processing', reference }),
        event(cards, null, null, { type: 'charge.refund.updated' }),
      ];
      const stream = [...bodies, bodies[2]!, bodies[1]!, bodies[0]!];
      // A deterministic shuffle per round (Fisher–Yates with a small LCG).
      let seed = round + 1;
      for (let i = stream.length - 1; i > 0; i -= 1) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        const j = seed % (i + 1);
        [stream[i], stream[j]] = [stream[j]!, stream[i]!];
      }
      const receipts = [];
      for (const body of stream) receipts.push(((await (await post(cards, body)).json()) as { duplicate: boolean }).duplicate);
      expect(receipts.filter(Boolean)).toHaveLength(3);
      const session = await sessionOf(client);
      const orders = await ordersOf(merchant, created.id);
      expect(orders).toHaveLength(1);
      // One confirmation email queued in the outbox, with the order.
      const { rows: mails } = await env.db.query('SELECT template FROM outbox WHERE dedupe_key LIKE $1', [`%${created.id}%`]);
      expect(mails).toEqual([{ template: 'order_confirmation' }]);
      finals.add(JSON.stringify({ status: session.status, nextAction: session.nextAction, reference: orders[0]?.paymentReference === reference }));
    }
    expect([...finals]).toEqual([JSON.stringify({ status: 'complete', nextAction: null, reference: true })]);
  });
});
