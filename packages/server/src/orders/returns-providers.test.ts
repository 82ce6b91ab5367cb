/**
 * The whole path at the API level, through the real Stripe provider (the `stripe` SDK against
 * the loopback Stripe fake) and the real PayPal provider (against the PayPal REST fake), on PGlite
 * and PostgreSQL: pay → the merchant adds a shipment → the confirmation and "shipped" emails in the
 * shopper's language (Polish with Stripe, Arabic with PayPal) with a status link that works → the
 * shopper sees the tracking → returns one item → the merchant approves → the provider refunds that
 * item → the status shows it refunded, and each email went out once. (Not the browser: see
 * docs/order-status.md for what the e2e suite does not cover yet.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderReturn, OrderStatusView, PrepareResponse, ShopperOrderStatus } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { randomVault } from '../identity/vault.js';
import { createLogger } from '../logger.js';
import type { MailMessage } from '../notifications/mailer.js';
import { createOutboxWorker } from '../notifications/outbox.js';
import { defaultTemplates } from '../notifications/templates.js';
import { onEachDatabase } from '../test/databases.js';
import { useProviderFakes } from '../test/provider-fakes.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, merchantPost, SAMPLE_SESSION, type TestEnv, type TestMerchant } from '../test/env.js';

const WEBHOOK_SECRET = 'whsec_returns_suite';
const fakes = useProviderFakes(WEBHOOK_SECRET);

onEachDatabase((dbName, getDb) => {
  describe(`returns refunded through Stripe and PayPal on ${dbName}`, () => {
    let env: TestEnv;
    let stripeMerchant: TestMerchant;
    let paypalMerchant: TestMerchant;
    const sent: MailMessage[] = [];

    beforeAll(async () => {
      const { stripe, paypal } = fakes.providers('returns_suite');
      env = await createTestEnv({ db: getDb(), app: { db: getDb(), providers: [stripe, paypal] } });
      stripeMerchant = await createMerchant(env, 'Kawiarnia Stripe', ['stripe']);
      paypalMerchant = await createMerchant(env, 'Qahwa PayPal', ['paypal']);
      for (const m of [stripeMerchant, paypalMerchant]) await merchantPost(env, m, '/v1/order-settings', { statusPageUrl: `${m.origin}/order-status` });
    });

    const deliverMail = async () => {
      const worker = createOutboxWorker({
        db: getDb(),
        mailer: { send: async (message) => void sent.push(message), close: () => undefined },
        sms: { send: async () => undefined },
        templates: defaultTemplates({ storage: env.storage, db: getDb(), vault: randomVault() }),
        logger: createLogger({ level: 'silent' }),
      });
      await worker.runOnce();
      await worker.runOnce();
    };

    /** The shopper's page: the token from the emailed link's fragment. */
    const fromLink = (m: TestMerchant, url: string) => {
      const token = new URL(url).hash.slice('#order-status='.length);
      const headers = { authorization: `Bearer ${token}`, 'omni-publishable-key': m.publishableKey, origin: m.origin, 'content-type': 'application/json' };
      return {
        status: async () => (await (await env.app.request('/v1/client/order-status', { headers })).json()) as ShopperOrderStatus,
        requestReturn: async (body: unknown) => (await (await env.app.request('/v1/client/order-status/returns', { method: 'POST', headers, body: JSON.stringify(body) })).json()) as ShopperOrderStatus,
      };
    };

    async function afterPurchase(m: TestMerchant, orderId: string, email: string, subjects: { confirmed: string; shipped: string; refunded: string }) {
      await merchantPost(env, m, `/v1/orders/${orderId}/shipments`, { carrier: 'DHL', trackingNumber: 'JJD000390007', trackingUrl: 'https://www.dhl.de/track?piececode=JJD000390007' });
      await deliverMail();
      const mine = () => sent.filter((message) => message.to === email);
      expect(mine().map((message) => message.subject).sort()).toEqual([subjects.confirmed, subjects.shipped].sort());
      const shippedMail = mine().find((message) => message.subject === subjects.shipped)!;
      const url = /(https?:\/\/\S+#order-status=\S+)/.exec(shippedMail.text)![1]!;
      const page = fromLink(m, url);
      const seen = await page.status();
      expect(seen).toMatchObject({ orderId, state: 'shipped', shipments: [{ carrier: 'DHL', trackingNumber: 'JJD000390007', trackingUrl: 'https://www.dhl.de/track?piececode=JJD000390007' }] });

      await merchantPost(env, m, `/v1/orders/${orderId}/delivery-events`, { type: 'delivered' });
      const asked = await page.requestReturn({ items: [{ lineItemId: 'mug', quantity: 1 }], reason: 'Cracked' });
      const approved = (await (await merchantPost(env, m, `/v1/returns/${asked.returns[0]!.id}/approve`, { instructions: 'Drop it at any DHL point' })).json()) as OrderReturn;
      expect(approved).toMatchObject({ status: 'refunded', refund: { amount: 850, status: 'succeeded' } });
      const after = await page.status();
      expect(after).toMatchObject({ state: 'partially_refunded', amountRefunded: 850, returns: [{ status: 'refunded' }] });
      await deliverMail();
      await deliverMail();
      // Confirmation, shipped, delivered, return received, refunded: each once.
      expect(mine()).toHaveLength(5);
      expect(mine().filter((message) => message.subject === subjects.refunded)).toHaveLength(1);
      return approved;
    }

    it('Stripe, in Polish: the returned mug is refunded at Stripe, once', async () => {
      const created = await createSession(env, stripeMerchant, { ...SAMPLE_SESSION, locale: 'pl' });
      const client = clientFor(env, stripeMerchant, created);
      await client.fill();
      const email = `ola.${randomHex(4)}@example.com`;
      await client.post('/contact', { email });
      const paid = (await (await client.confirm('pm_card_visa', randomHex(8), { provider: 'stripe' })).json()) as { order: { id: string; paymentReference: string } };
      const approved = await afterPurchase(stripeMerchant, paid.order.id, email, {
        confirmed: `Twoje zamówienie w Kawiarnia Stripe zostało potwierdzone (${paid.order.id})`,
        shipped: `Twoje zamówienie w Kawiarnia Stripe zostało wysłane (${paid.order.id})`,
        refunded: `Kawiarnia Stripe zwrócił pieniądze za zamówienie (${paid.order.id})`,
      });
      const atStripe = fakes.stripeFake().refunds().filter((r) => r.payment_intent === paid.order.paymentReference);
      expect(atStripe.map((r) => [r.id, r.amount])).toEqual([[approved.refund!.providerReference, 850]]);
      const view = (await (await merchantGet(env, stripeMerchant, `/v1/orders/${paid.order.id}/status`)).json()) as OrderStatusView;
      expect(view.history.map((h) => h.to)).toEqual(['paid', 'shipped', 'delivered', 'return_requested', 'return_approved', 'partially_refunded']);
    });

    it('PayPal, in Arabic: the returned mug is refunded from the capture, once', async () => {
      const created = await createSession(env, paypalMerchant, { ...SAMPLE_SESSION, locale: 'ar-SA' });
      const client = clientFor(env, paypalMerchant, created);
      await client.fill();
      const email = `layla.${randomHex(4)}@example.com`;
      await client.post('/contact', { email });
      const { reference } = (await (await client.post('/prepare', { method: 'paypal' }, { 'idempotency-key': randomHex(8) })).json()) as PrepareResponse;
      fakes.paypalFake().approve(reference);
      const paid = (await (await client.confirm(reference)).json()) as { order: { id: string } };
      await afterPurchase(paypalMerchant, paid.order.id, email, {
        confirmed: `تم تأكيد طلبك من Qahwa PayPal (${paid.order.id})`,
        shipped: `تم شحن طلبك من Qahwa PayPal (${paid.order.id})`,
        refunded: `ردّ Qahwa PayPal مبلغ طلبك (${paid.order.id})`,
      });
      const capture = fakes.paypalFake().orders.get(reference)!.order.purchase_units![0]!.payments!.captures![0]!;
      expect(fakes.paypalFake().refunds().filter((r) => r.capture === capture.id).map((r) => r.amount?.value)).toEqual(['8.50']);
      expect(capture.status).toBe('PARTIALLY_REFUNDED');
      expect(sent.filter((m) => m.to === email).every((m) => m.html?.includes('<html lang="ar" dir="rtl"'))).toBe(true);
    });
  });
});
