/**
 * Refunds through the real Stripe provider (the `stripe` SDK against the loopback Stripe fake) and
 * the real PayPal provider (against the PayPal REST fake), on PGlite and PostgreSQL: 20 parallel
 * partial refunds that together exceed the total — only those that fit succeed, and the provider
 * never sees one that does not; Stripe's refund webhook settles a refund. And manual capture through
 * both: authorised at confirm, part captured, refunded within the capture, or voided.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutSession, Order, PrepareResponse, Refund } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { onEachDatabase } from '../test/databases.js';
import { useProviderFakes } from '../test/provider-fakes.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, SAMPLE_SESSION, type TestEnv, type TestMerchant } from '../test/env.js';

const TOTAL = 5343;
const WEBHOOK_SECRET = 'whsec_money_out_suite';
const fakes = useProviderFakes(WEBHOOK_SECRET);

onEachDatabase((dbName, getDb) => {
  describe(`refunds through Stripe and PayPal on ${dbName}`, () => {
    let env: TestEnv;
    let stripe: ReturnType<typeof fakes.providers>['stripe'];
    let stripeMerchant: TestMerchant;
    let paypalMerchant: TestMerchant;

    beforeAll(async () => {
      const made = fakes.providers('money_out_suite');
      stripe = made.stripe;
      const paypal = made.paypal;
      env = await createTestEnv({ db: getDb(), app: { db: getDb(), providers: [stripe, paypal] } });
      stripeMerchant = await createMerchant(env, 'Stripe refunds', ['stripe']);
      paypalMerchant = await createMerchant(env, 'PayPal refunds', ['paypal']);
    });

    const refund = (m: TestMerchant, orderId: string, body: object, key = randomHex(8)) =>
      env.app.request(`/v1/orders/${orderId}/refunds`, {
        method: 'POST',
        headers: { authorization: `Bearer ${m.secretKey}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });

    async function race(m: TestMerchant, orderId: string) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => refund(m, orderId, { amount: 500 })));
      const fit = Math.floor(TOTAL / 500);
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(fit).fill(200), ...Array(20 - fit).fill(409)]);
      const money = (await (await merchantGet(env, m, `/v1/orders/${orderId}/refunds`)).json()) as { amountRefunded: number; refunds: Refund[] };
      expect(money.amountRefunded).toBe(fit * 500);
      expect(money.refunds.map((r) => r.status)).toEqual(Array(fit).fill('succeeded'));
      return money.refunds;
    }

    it('Stripe: 20 parallel partial refunds, only those that fit reach Stripe', async () => {
      const created = await createSession(env, stripeMerchant);
      const client = clientFor(env, stripeMerchant, created);
      await client.fill();
      const paid = (await (await client.confirm('pm_card_visa', randomHex(8), { provider: 'stripe' })).json()) as { order: { id: string; paymentReference: string } };
      const refunds = await race(stripeMerchant, paid.order.id);
      const atStripe = fakes.stripeFake().refunds().filter((r) => r.payment_intent === paid.order.paymentReference);
      expect(atStripe.map((r) => r.amount)).toEqual(Array(refunds.length).fill(500));
      expect(new Set(atStripe.map((r) => r.id))).toEqual(new Set(refunds.map((r) => r.providerReference)));
      expect(atStripe.every((r) => r.metadata?.omni_order === paid.order.id)).toBe(true);
    });

    it('Stripe: a refund that fails later (refund.updated webhook) gives its amount back', async () => {
      const created = await createSession(env, stripeMerchant);
      const client = clientFor(env, stripeMerchant, created);
      await client.fill();
      const paid = (await (await client.confirm('pm_card_visa', randomHex(8), { provider: 'stripe' })).json()) as { order: { id: string } };
      const made = (await (await refund(stripeMerchant, paid.order.id, {})).json()) as Refund;
      expect(made).toMatchObject({ status: 'succeeded', amount: TOTAL });
      const atStripe = fakes.stripeFake().refunds().find((r) => r.id === made.providerReference)!;
      const event = { id: `evt_${randomHex(6)}`, object: 'event', type: 'refund.updated', data: { object: { ...atStripe, status: 'failed', failure_reason: 'expired_or_canceled_card' } } };
      const payload = JSON.stringify(event);
      const header = stripe.stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      const delivered = await env.app.request('/v1/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
      expect(delivered.status).toBe(200);
      const after = (await (await merchantGet(env, stripeMerchant, `/v1/refunds/${made.id}`)).json()) as Refund;
      expect(after).toMatchObject({ status: 'failed', failureReason: 'expired_or_canceled_card' });
      const money = (await (await merchantGet(env, stripeMerchant, `/v1/orders/${paid.order.id}/refunds`)).json()) as { amountRefunded: number };
      expect(money.amountRefunded).toBe(0);
    });

    it('PayPal: 20 parallel partial refunds of the capture, only those that fit reach PayPal', async () => {
      const created = await createSession(env, paypalMerchant);
      const client = clientFor(env, paypalMerchant, created);
      await client.fill();
      const { reference } = (await (await client.post('/prepare', { method: 'paypal' }, { 'idempotency-key': randomHex(8) })).json()) as PrepareResponse;
      fakes.paypalFake().approve(reference);
      const paid = (await (await client.confirm(reference)).json()) as { order: { id: string } };
      const refunds = await race(paypalMerchant, paid.order.id);
      const capture = fakes.paypalFake().orders.get(reference)!.order.purchase_units![0]!.payments!.captures![0]!;
      const atPayPal = fakes.paypalFake().refunds().filter((r) => r.capture === capture.id);
      expect(atPayPal.map((r) => r.amount?.value)).toEqual(Array(refunds.length).fill('5.00'));
      expect(capture.status).toBe('PARTIALLY_REFUNDED');
      // The rest, then nothing more.
      const rest = (await (await refund(paypalMerchant, paid.order.id, {})).json()) as Refund;
      expect(rest).toMatchObject({ status: 'succeeded', amount: TOTAL - refunds.length * 500 });
      expect(capture.status).toBe('REFUNDED');
      expect((await refund(paypalMerchant, paid.order.id, { amount: 1 })).status).toBe(409);
    });

    const post = (m: TestMerchant, path: string, body: object) =>
      env.app.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${m.secretKey}`, 'content-type': 'application/json', 'idempotency-key': randomHex(8) },
        body: JSON.stringify(body),
      });

    it('Stripe manual capture: authorised (requires_capture), part captured, refunds within the capture; another voided', async () => {
      const authorise = async () => {
        const created = await createSession(env, stripeMerchant, { ...SAMPLE_SESSION, captureMethod: 'manual' });
        const client = clientFor(env, stripeMerchant, created);
        await client.fill();
        return ((await (await client.confirm('pm_card_visa', randomHex(8), { provider: 'stripe' })).json()) as { order: Order }).order;
      };
      const order = await authorise();
      expect(order).toMatchObject({ status: 'authorized', amount: TOTAL, amountCaptured: 0 });
      expect(await stripe.stripe.paymentIntents.retrieve(order.paymentReference)).toMatchObject({ capture_method: 'manual', status: 'requires_capture', amount_capturable: TOTAL });
      expect(await (await post(stripeMerchant, `/v1/orders/${order.id}/capture`, { amount: 3000 })).json()).toMatchObject({ status: 'paid', amountCaptured: 3000 });
      expect(await stripe.stripe.paymentIntents.retrieve(order.paymentReference)).toMatchObject({ status: 'succeeded', amount_received: 3000 });
      expect((await refund(stripeMerchant, order.id, { amount: 3001 })).status).toBe(409);
      expect(await (await refund(stripeMerchant, order.id, {})).json()).toMatchObject({ status: 'succeeded', amount: 3000 });

      const other = await authorise();
      expect(await (await post(stripeMerchant, `/v1/orders/${other.id}/cancel`, {})).json()).toMatchObject({ state: 'canceled', amountRefunded: 0 });
      expect(await stripe.stripe.paymentIntents.retrieve(other.paymentReference)).toMatchObject({ status: 'canceled' });
    });

    it('Stripe: canceling a session waiting for 3-D Secure cancels its PaymentIntent, then closes the session', async () => {
      const created = await createSession(env, stripeMerchant);
      const client = clientFor(env, stripeMerchant, created);
      await client.fill();
      const pending = (await (await client.confirm('pm_card_threeDSecure2Required', randomHex(8), { provider: 'stripe' })).json()) as { status: string; session: CheckoutSession };
      expect(pending.status).toBe('requires_action');
      const reference = pending.session.nextAction!.reference;
      const answer = await post(stripeMerchant, `/v1/checkout-sessions/${created.id}/cancel`, {});
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ status: 'expired', nextAction: null });
      expect(await stripe.stripe.paymentIntents.retrieve(reference)).toMatchObject({ status: 'canceled' });
      expect((await post(stripeMerchant, `/v1/checkout-sessions/${created.id}/cancel`, {})).status).toBe(200);
    });

    it('PayPal manual capture: an AUTHORIZE order, authorised at confirm, part captured and refunded; another voided', async () => {
      const authorise = async () => {
        const created = await createSession(env, paypalMerchant, { ...SAMPLE_SESSION, captureMethod: 'manual' });
        const client = clientFor(env, paypalMerchant, created);
        await client.fill();
        expect((await (await client.get()).json()) as CheckoutSession).toMatchObject({ providers: [{ id: 'paypal', config: { intent: 'authorize' } }] });
        const { reference } = (await (await client.post('/prepare', { method: 'paypal' }, { 'idempotency-key': randomHex(8) })).json()) as PrepareResponse;
        expect(fakes.paypalFake().orders.get(reference)!.order.intent).toBe('AUTHORIZE');
        fakes.paypalFake().approve(reference);
        return ((await (await client.confirm(reference)).json()) as { order: Order }).order;
      };
      const order = await authorise();
      expect(order).toMatchObject({ status: 'authorized', amount: TOTAL, amountCaptured: 0 });
      const payments = () => fakes.paypalFake().orders.get(order.paymentReference)!.order.purchase_units![0]!.payments!;
      expect(payments().authorizations).toEqual([expect.objectContaining({ status: 'CREATED', amount: { currency_code: 'EUR', value: '53.43' } })]);
      expect(payments().captures ?? []).toEqual([]);
      expect(await (await post(paypalMerchant, `/v1/orders/${order.id}/capture`, { amount: 3000 })).json()).toMatchObject({ status: 'paid', amountCaptured: 3000 });
      expect(payments().captures!.map((c) => [c.status, c.amount?.value])).toEqual([['COMPLETED', '30.00']]);
      expect(payments().authorizations![0]!.status).toBe('CAPTURED');
      expect((await refund(paypalMerchant, order.id, { amount: 3001 })).status).toBe(409);
      expect(await (await refund(paypalMerchant, order.id, {})).json()).toMatchObject({ status: 'succeeded', amount: 3000 });

      const other = await authorise();
      expect(await (await post(paypalMerchant, `/v1/orders/${other.id}/cancel`, {})).json()).toMatchObject({ state: 'canceled', amountRefunded: 0 });
      expect(fakes.paypalFake().orders.get(other.paymentReference)!.order.purchase_units![0]!.payments!.authorizations![0]!.status).toBe('VOIDED');
    });
  });
});
