import type { CheckoutSession, ConfirmResponse, Order } from '@omni-checkout/core';
import { describe, expect, it } from 'vitest';
import { sha256 } from './crypto.js';
import {
  ADDRESS,
  CONTACT,
  SAMPLE_SESSION,
  clientFor,
  countRows,
  createMerchant,
  createSession,
  createTestEnv,
  merchantGet,
} from './test/env.js';

const env = await createTestEnv();

async function readySession() {
  const merchant = await createMerchant(env);
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  await client.fill();
  return { merchant, created, client };
}

const callsFor = (sessionId: string) => env.provider.calls.filter((call) => call.sessionId === sessionId);

async function ordersOf(merchant: Awaited<ReturnType<typeof createMerchant>>, sessionId: string): Promise<Order[]> {
  const response = await merchantGet(env, merchant, `/v1/orders?sessionId=${sessionId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Order[] }).data;
}

describe('creating a checkout session', () => {
  it('prices the items on the server and selects the first shipping option', async () => {
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    expect(created.session.totals).toEqual({ subtotal: 2 * 1999 + 850, shipping: 495, total: 2 * 1999 + 850 + 495 });
    expect(created.session.lineItems.map((item) => item.amount)).toEqual([3998, 850]);
    expect(created.session.selectedShippingOptionId).toBe('standard');
    expect(created.session.status).toBe('open');
    expect(created.id).toMatch(/^cs_[0-9a-f]{24}$/);
    expect(created.clientSecret).toMatch(new RegExp(`^${created.id}_secret_[0-9a-f]{64}$`));
    expect(Date.parse(created.session.expiresAt) - env.clock.now.getTime()).toBe(24 * 60 * 60 * 1000);
    expect(JSON.stringify(created.session)).not.toContain(created.clientSecret);
  });

  it('prices zero-decimal (JPY) and three-decimal (KWD) currencies in minor units', async () => {
    const merchant = await createMerchant(env);
    const jpy = await createSession(env, merchant, {
      currency: 'JPY',
      country: 'JP',
      lineItems: [{ id: 'tea', name: 'Matcha', unitAmount: 1500, quantity: 3 }],
    });
    expect(jpy.session.totals).toEqual({ subtotal: 4500, shipping: 0, total: 4500 });
    expect(jpy.session.selectedShippingOptionId).toBeNull();
    const kwd = await createSession(env, merchant, {
      currency: 'KWD',
      country: 'KW',
      lineItems: [{ id: 'dates', name: 'Dates', unitAmount: 12_345, quantity: 2 }],
      shippingOptions: [{ id: 'local', label: 'Local', amount: 1_500, deliveryEstimate: { minDays: 1, maxDays: 2 } }],
    });
    expect(kwd.session.totals).toEqual({ subtotal: 24_690, shipping: 1_500, total: 26_190 });
  });

  it('stores only hashes of the client secret and the secret key', async () => {
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const { rows } = await env.db.query('SELECT * FROM checkout_sessions WHERE client_secret_hash = $1', [sha256(created.clientSecret)]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(created.clientSecret);
    const merchants = await env.db.query('SELECT * FROM merchants WHERE publishable_key = $1', [merchant.publishableKey]);
    expect(JSON.stringify(merchants.rows)).not.toContain(merchant.secretKey);
  });

  it("lets a merchant read its own session but not another merchant's", async () => {
    const merchant = await createMerchant(env);
    const other = await createMerchant(env);
    const created = await createSession(env, merchant);
    const own = await merchantGet(env, merchant, `/v1/checkout-sessions/${created.id}`);
    expect(own.status).toBe(200);
    expect(((await own.json()) as CheckoutSession).totals.total).toBe(created.session.totals.total);
    const foreign = await merchantGet(env, other, `/v1/checkout-sessions/${created.id}`);
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('session_not_found');
  });
});

describe('client endpoints', () => {
  it('reads and updates the session; totals follow the chosen shipping option', async () => {
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    const read = await client.get();
    expect(read.status).toBe(200);
    const text = await read.text();
    expect(text).not.toContain(created.clientSecret);
    expect((JSON.parse(text) as CheckoutSession).id).toBe(created.id);

    const contact = (await (await client.post('/contact', CONTACT)).json()) as CheckoutSession;
    expect(contact.contact).toEqual(CONTACT);
    const address = (await (await client.post('/shipping-address', ADDRESS)).json()) as CheckoutSession;
    expect(address.shippingAddress).toMatchObject(ADDRESS);
    const express = await client.post('/shipping-option', { shippingOptionId: 'express' });
    expect(express.status).toBe(200);
    expect(((await express.json()) as CheckoutSession).totals).toEqual({ subtotal: 4848, shipping: 1295, total: 6143 });
  });

  it('refuses a shipping option the session does not offer', async () => {
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const response = await clientFor(env, merchant, created).post('/shipping-option', { shippingOptionId: 'teleport' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('shipping_option_not_found');
  });

  it("does not let one session's client secret reach another session", async () => {
    const merchant = await createMerchant(env);
    const a = await createSession(env, merchant);
    const b = await createSession(env, merchant);
    const crossed = clientFor(env, merchant, { id: b.id, clientSecret: a.clientSecret });
    for (const response of [await crossed.get(), await crossed.post('/contact', CONTACT)]) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_client_secret');
    }
    const forged = clientFor(env, merchant, { id: b.id, clientSecret: `${b.id}_secret_${'0'.repeat(64)}` });
    expect((await forged.get()).status).toBe(401);
    const otherMerchant = await createMerchant(env);
    expect((await clientFor(env, otherMerchant, b).get()).status).toBe(401);
    expect((await clientFor(env, merchant, b).get()).status).toBe(200);
  });

  it('marks a session expired after 24 hours and refuses changes', async () => {
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    const start = env.clock.now;
    env.clock.now = new Date(start.getTime() + 24 * 60 * 60 * 1000 + 1);
    try {
      expect(((await (await client.get()).json()) as CheckoutSession).status).toBe('expired');
      const response = await client.post('/contact', CONTACT);
      expect(response.status).toBe(410);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('session_expired');
    } finally {
      env.clock.now = start;
    }
  });
});

describe('confirm', () => {
  it('refuses a session without contact and address, and writes nothing', async () => {
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const before = await countRows(env.db);
    const response = await clientFor(env, merchant, created).confirm('pm_ok');
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('session_not_ready');
    expect(body.error.issues.map((issue) => issue.path)).toEqual(['contact', 'shippingAddress']);
    expect(await countRows(env.db)).toEqual(before);
    expect(callsFor(created.id)).toHaveLength(0);
  });

  it('charges the server total and records exactly one order', async () => {
    const { merchant, created, client } = await readySession();
    const response = await client.confirm('pm_ok');
    expect(response.status).toBe(200);
    const body = (await response.json()) as ConfirmResponse;
    expect(body.status).toBe('succeeded');
    expect(body.session.status).toBe('complete');
    expect(body.order).toMatchObject({ sessionId: created.id, amount: 5343, currency: 'EUR', status: 'paid' });
    expect(body.session.orderId).toBe(body.order!.id);
    expect(callsFor(created.id)).toEqual([expect.objectContaining({ amount: 5343, currency: 'EUR', idempotencyKey: `${created.id}:confirm:1` })]);
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
    const order = await merchantGet(env, merchant, `/v1/orders/${body.order!.id}`);
    expect(((await order.json()) as Order).paymentReference).toBe(body.order!.paymentReference);

    const again = await client.confirm('pm_ok');
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('session_completed');
    expect((await client.post('/contact', CONTACT)).status).toBe(409);
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });

  it("hides a merchant's orders from other merchants", async () => {
    const { merchant, created, client } = await readySession();
    const { order } = (await (await client.confirm('pm_ok')).json()) as ConfirmResponse;
    const other = await createMerchant(env);
    expect((await merchantGet(env, other, `/v1/orders/${order!.id}`)).status).toBe(404);
    expect(await ordersOf(other, created.id)).toEqual([]);
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });

  it('ignores a tampered amount and currency from the page', async () => {
    const { created, client } = await readySession();
    const response = await client.confirm('pm_ok', 'tamper-1', { amount: 1, currency: 'JPY' });
    expect(response.status).toBe(200);
    const { order } = (await response.json()) as ConfirmResponse;
    expect(order).toMatchObject({ amount: 5343, currency: 'EUR' });
    expect(callsFor(created.id)[0]).toMatchObject({ amount: 5343, currency: 'EUR' });
    expect(env.logs.some((line) => line.includes(created.id) && line.includes('ignored'))).toBe(true);
  });

  it('answers a decline with 402 and a readable message, then accepts another card', async () => {
    const { merchant, created, client } = await readySession();
    const declined = await client.confirm('pm_decline');
    expect(declined.status).toBe(402);
    expect(await declined.json()).toEqual({
      error: { code: 'card_declined', message: 'Your card was declined. Try another card.', declineCode: 'generic_decline' },
    });
    const session = (await (await client.get()).json()) as CheckoutSession;
    expect(session.status).toBe('open');
    expect(session.lastPaymentError).toMatchObject({ code: 'card_declined' });

    const funds = await client.confirm('pm_funds');
    expect(funds.status).toBe(402);
    expect(((await funds.json()) as { error: { code: string } }).error.code).toBe('insufficient_funds');

    const paid = await client.confirm('pm_ok');
    expect(paid.status).toBe(200);
    expect(((await paid.json()) as ConfirmResponse).session.lastPaymentError).toBeNull();
    expect(callsFor(created.id).map((call) => call.idempotencyKey)).toEqual([1, 2, 3].map((n) => `${created.id}:confirm:${n}`));
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });

  it('requires an Idempotency-Key', async () => {
    const { client } = await readySession();
    const response = await client.post('/confirm', { paymentMethod: 'pm_ok' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_required');
  });

  it('replays the first response for a repeated Idempotency-Key, byte for byte, with one provider call', async () => {
    const { created, client } = await readySession();
    const first = await client.confirm('pm_decline', 'key-decline');
    const second = await client.confirm('pm_decline', 'key-decline');
    expect(second.status).toBe(first.status);
    expect(await second.text()).toBe(await first.text());

    const paid = await client.confirm('pm_ok', 'key-ok');
    const replay = await client.confirm('pm_ok', 'key-ok');
    expect([paid.status, replay.status]).toEqual([200, 200]);
    expect(await replay.text()).toBe(await paid.text());
    expect(callsFor(created.id)).toHaveLength(2);

    const reused = await client.confirm('pm_decline', 'key-ok');
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
  });

  it('lets exactly one of 20 parallel confirms through: one payment, one order', async () => {
    const { merchant, created, client } = await readySession();
    env.provider.delayMs = 30;
    try {
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => client.confirm('pm_ok', `parallel-${i}`)));
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      const codes = await Promise.all(responses.filter((r) => r.status === 409).map(async (r) => ((await r.json()) as { error: { code: string } }).error.code));
      expect(new Set(codes)).toEqual(new Set(['confirm_in_progress']));
    } finally {
      env.provider.delayMs = 0;
    }
    expect(callsFor(created.id)).toHaveLength(1);
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });

  it('resumes with the same provider key after the provider call failed mid-way', async () => {
    const { merchant, created, client } = await readySession();
    env.provider.throwAfterNextPayment();
    const failed = await client.confirm('pm_ok', 'crash-key');
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('provider_error');
    const blocked = await client.confirm('pm_ok', 'another-key');
    expect(blocked.status).toBe(409);

    const retried = await client.confirm('pm_ok', 'crash-key');
    expect(retried.status).toBe(200);
    const keys = callsFor(created.id).map((call) => call.idempotencyKey);
    expect(keys).toEqual([`${created.id}:confirm:1`, `${created.id}:confirm:1`]);
    expect([...env.provider.payments.keys()].filter((key) => key.startsWith(created.id))).toHaveLength(1);
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });
});

describe('3-D Secure', () => {
  async function challenged() {
    const ready = await readySession();
    const response = await ready.client.confirm('pm_3ds');
    expect(response.status).toBe(200);
    const body = (await response.json()) as ConfirmResponse;
    expect(body.status).toBe('requires_action');
    expect(body.session.status).toBe('requires_action');
    expect(body.order).toBeNull();
    return { ...ready, action: body.session.nextAction! };
  }

  it('completes the payment once the shopper approves', async () => {
    const { merchant, created, client, action } = await challenged();
    const pending = await client.completeAction();
    expect(pending.status).toBe(409);
    expect(((await pending.json()) as { error: { code: string } }).error.code).toBe('confirm_in_progress');

    env.provider.resolveAction(action.reference, 'approve');
    const done = await client.completeAction();
    expect(done.status).toBe(200);
    const body = (await done.json()) as ConfirmResponse;
    expect(body).toMatchObject({ status: 'succeeded', session: { status: 'complete', nextAction: null } });
    expect(body.order).toMatchObject({ amount: 5343, paymentReference: action.reference });
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });

  it('reopens the session when the shopper cancels, and a new card can pay', async () => {
    const { merchant, created, client, action } = await challenged();
    env.provider.resolveAction(action.reference, 'cancel');
    const canceled = await client.completeAction();
    expect(canceled.status).toBe(402);
    expect(((await canceled.json()) as { error: { code: string } }).error.code).toBe('authentication_canceled');
    const session = (await (await client.get()).json()) as CheckoutSession;
    expect(session).toMatchObject({ status: 'open', nextAction: null, lastPaymentError: { code: 'authentication_canceled' } });
    expect((await client.confirm('pm_ok')).status).toBe(200);
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });

  it('answers 402 authentication_failed when the bank refuses the challenge', async () => {
    const { client, action } = await challenged();
    env.provider.resolveAction(action.reference, 'fail');
    const failed = await client.completeAction();
    expect(failed.status).toBe(402);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('authentication_failed');
  });

  it('refuses complete-action when nothing is pending', async () => {
    const { client } = await readySession();
    const response = await client.completeAction();
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('no_action_pending');
  });
});
