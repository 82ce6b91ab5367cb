/** Stripe money out against the loopback fake: refunds, captures of manual-capture PaymentIntents, cancels. */
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeStripe } from '../fake/api.js';
import { createStripeProvider, stripeMoneyOut, toProviderEvent } from './index.js';

const fake = await startFakeStripe();
const provider = createStripeProvider({
  secretKey: 'sk_test_money_out_000000000001',
  publishableKey: 'pk_test_money_out_000000000001',
  api: { host: '127.0.0.1', port: fake.port, protocol: 'http' },
});
const moneyOut = stripeMoneyOut(provider.stripe);
afterAll(() => fake.close());

const authorise = (amount: number) =>
  provider.stripe.paymentIntents.create({ amount, currency: 'eur', payment_method: 'pm_card_visa', confirm: true, capture_method: 'manual', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });

describe('Stripe money out', () => {
  it('refunds part and the rest of a payment, idempotently, never more than received', async () => {
    const paid = await provider.createPayment({ sessionId: 'cs_1', amount: 5000, currency: 'EUR', paymentMethod: 'pm_card_visa', idempotencyKey: 'pay-1', metadata: {} });
    expect(paid.status).toBe('succeeded');
    const reference = paid.reference!;
    const base = { reference, currency: 'EUR', metadata: { omni_refund: 're_1' } };
    const first = await moneyOut.refund({ ...base, amount: 2000, idempotencyKey: 'refund:re_1' });
    expect(first).toMatchObject({ status: 'succeeded', reference: expect.stringMatching(/^re_/) });
    expect(await moneyOut.refund({ ...base, amount: 2000, idempotencyKey: 'refund:re_1' })).toEqual(first);
    expect(await moneyOut.refund({ ...base, amount: 3001, idempotencyKey: 'refund:re_2' })).toMatchObject({ status: 'failed', message: expect.stringMatching(/greater than unrefunded/) });
    expect(await moneyOut.refund({ ...base, amount: 3000, idempotencyKey: 'refund:re_3' })).toMatchObject({ status: 'succeeded' });
    expect(fake.refunds().filter((r) => r.payment_intent === reference).map((r) => r.amount)).toEqual([2000, 3000]);
    const created = fake.events.filter((e) => e.type === 'refund.created').at(-1)!;
    expect(toProviderEvent(created).refund).toEqual({ reference: expect.stringMatching(/^re_/), status: 'succeeded' });
  });

  it('captures part of an authorised PaymentIntent once, and cancels another', async () => {
    const authorised = await authorise(4000);
    expect(authorised).toMatchObject({ status: 'requires_capture', amount_capturable: 4000 });
    expect(await moneyOut.capture!({ reference: authorised.id, amount: 3500, currency: 'EUR', idempotencyKey: 'capture:1' })).toEqual({ status: 'succeeded' });
    expect(await provider.stripe.paymentIntents.retrieve(authorised.id)).toMatchObject({ status: 'succeeded', amount_received: 3500 });
    expect(await moneyOut.capture!({ reference: authorised.id, amount: 500, currency: 'EUR', idempotencyKey: 'capture:2' })).toMatchObject({ status: 'failed' });
    const other = await authorise(1000);
    expect(await moneyOut.cancel!({ reference: other.id, idempotencyKey: 'cancel:1' })).toEqual({ status: 'canceled' });
    expect(await moneyOut.cancel!({ reference: authorised.id, idempotencyKey: 'cancel:2' })).toMatchObject({ status: 'failed' });
  });

  it('authorises only for a manual-capture payment, captures part of it, refunds at most the capture', async () => {
    const pay = (key: string, paymentMethod = 'pm_card_visa') =>
      provider.createPayment({ sessionId: 'cs_manual', amount: 6000, currency: 'EUR', paymentMethod, idempotencyKey: key, metadata: {}, captureMethod: 'manual' });
    const authorised = await pay('pay-manual-1');
    expect(authorised).toMatchObject({ status: 'succeeded', amount: 6000, currency: 'EUR', captured: false });
    const reference = authorised.reference!;
    expect(await provider.stripe.paymentIntents.retrieve(reference)).toMatchObject({ capture_method: 'manual', status: 'requires_capture', amount_capturable: 6000, amount_received: 0 });
    // Nothing taken yet: Stripe refuses a refund.
    expect(await moneyOut.refund({ reference, amount: 100, currency: 'EUR', idempotencyKey: 'refund:manual-0', metadata: {} })).toMatchObject({ status: 'failed' });
    // At most what was authorised.
    expect(await moneyOut.capture!({ reference, amount: 6001, currency: 'EUR', idempotencyKey: 'capture:manual-big' })).toMatchObject({ status: 'failed', message: expect.stringMatching(/larger than the amount capturable/) });
    expect(await moneyOut.capture!({ reference, amount: 4500, currency: 'EUR', idempotencyKey: 'capture:manual-1' })).toEqual({ status: 'succeeded' });
    // The same key again: Stripe answers the first capture; nothing is captured twice.
    expect(await moneyOut.capture!({ reference, amount: 4500, currency: 'EUR', idempotencyKey: 'capture:manual-1' })).toEqual({ status: 'succeeded' });
    const after = await provider.retrievePayment(reference);
    // The payment is what was authorised (a partial capture is not a payment of another amount).
    expect(after).toMatchObject({ status: 'succeeded', amount: 6000, captured: true });
    expect(await provider.stripe.paymentIntents.retrieve(reference)).toMatchObject({ status: 'succeeded', amount_received: 4500, amount_capturable: 0 });
    expect(await moneyOut.refund({ reference, amount: 4501, currency: 'EUR', idempotencyKey: 'refund:manual-1', metadata: {} })).toMatchObject({ status: 'failed' });
    expect(await moneyOut.refund({ reference, amount: 4500, currency: 'EUR', idempotencyKey: 'refund:manual-2', metadata: {} })).toMatchObject({ status: 'succeeded' });

    // Voided: the authorisation is released, the payment reads as failed.
    const other = await pay('pay-manual-2');
    expect(await moneyOut.cancel!({ reference: other.reference!, idempotencyKey: 'cancel:manual-2' })).toEqual({ status: 'canceled' });
    expect(await provider.retrievePayment(other.reference!)).toMatchObject({ status: 'failed' });
    expect(await moneyOut.capture!({ reference: other.reference!, amount: 100, currency: 'EUR', idempotencyKey: 'capture:manual-2' })).toMatchObject({ status: 'failed' });
  });

  it('cancels a PaymentIntent waiting for 3-D Secure, so the challenge can no longer complete it', async () => {
    const pending = await provider.createPayment({ sessionId: 'cs_3ds', amount: 2500, currency: 'EUR', paymentMethod: 'pm_card_threeDSecure2Required', idempotencyKey: 'pay-3ds-cancel', metadata: {} });
    expect(pending.status).toBe('requires_action');
    expect(await moneyOut.cancel!({ reference: pending.reference!, idempotencyKey: 'cancel:3ds' })).toEqual({ status: 'canceled' });
    expect(await provider.stripe.paymentIntents.retrieve(pending.reference!)).toMatchObject({ status: 'canceled' });
    expect(await provider.retrievePayment(pending.reference!)).toMatchObject({ status: 'failed' });
  });
});
