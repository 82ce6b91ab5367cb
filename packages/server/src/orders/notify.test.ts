/**
 * The shopper's notifications after the purchase, on PGlite and PostgreSQL: confirmation, shipped,
 * delivered, return received and refunded go out once each through the outbox (however often the
 * worker runs), in the session's language (Polish; Arabic right to left), as text and as HTML made
 * by MJML, each with the signed status link — which opens the order's status.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderStatusView, ShopperOrderStatus } from '@omni-checkout/core';
import { createLogger } from '../logger.js';
import type { MailMessage, Mailer } from '../notifications/mailer.js';
import { createOutboxWorker } from '../notifications/outbox.js';
import { defaultTemplates } from '../notifications/templates.js';
import { randomVault } from '../identity/vault.js';
import { newPublishableKey, newSecretKey } from '../crypto.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, merchantPost, SAMPLE_SESSION, type TestEnv, type TestMerchant } from '../test/env.js';

const silent = createLogger({ level: 'silent' });

onEachDatabase((dbName, getDb) => {
  describe(`order notifications on ${dbName}`, () => {
    let env: TestEnv;
    let merchant: TestMerchant;
    const sent: MailMessage[] = [];
    const mailer: Mailer = { send: async (message) => void sent.push(message), close: () => undefined };
    const deliverAll = async () => {
      const worker = createOutboxWorker({
        db: getDb(),
        mailer,
        sms: { send: async () => undefined },
        templates: defaultTemplates({ storage: env.storage, db: getDb(), vault: randomVault() }),
        logger: silent,
      });
      // Twice: a second run finds nothing left to send.
      await worker.runOnce();
      await worker.runOnce();
    };

    beforeAll(async () => {
      env = await createTestEnv({ db: getDb(), app: { db: getDb() } });
      merchant = await createMerchant(env, 'Palarnia Omni');
      await merchantPost(env, merchant, '/v1/order-settings', { statusPageUrl: 'https://palarnia.example/zamowienie' });
    });

    async function paidOrder(locale: string, email: string): Promise<string> {
      const created = await createSession(env, merchant, { ...SAMPLE_SESSION, locale });
      const client = clientFor(env, merchant, created);
      await client.fill();
      expect((await client.post('/contact', { email })).status).toBe(200);
      return ((await (await client.confirm('pm_ok')).json()) as { order: { id: string } }).order.id;
    }

    it('mails each step once, in Polish, as text and MJML HTML, with a status link that opens the order', async () => {
      const email = `jan.${Math.random().toString(36).slice(2)}@example.com`;
      const orderId = await paidOrder('pl-PL', email);
      await merchantPost(env, merchant, `/v1/orders/${orderId}/shipments`, {
        carrier: 'InPost',
        trackingNumber: '620000000000000000000001',
        trackingUrl: 'https://inpost.pl/sledzenie-przesylek?number=620000000000000000000001',
      });
      await merchantPost(env, merchant, `/v1/orders/${orderId}/delivery-events`, { type: 'delivered' });
      const { statusToken, statusUrl } = (await (await merchantGet(env, merchant, `/v1/orders/${orderId}/status`)).json()) as OrderStatusView;
      const link = (path: string, body?: unknown) =>
        env.app.request(`/v1/client/order-status${path}`, {
          method: body ? 'POST' : 'GET',
          headers: { authorization: `Bearer ${statusToken}`, 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin, 'content-type': 'application/json' },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      const asked = (await (await link('/returns', { items: [{ lineItemId: 'mug', quantity: 1 }], reason: 'Wyszczerbiony' })).json()) as ShopperOrderStatus;
      await merchantPost(env, merchant, `/v1/returns/${asked.returns[0]!.id}/approve`, {});
      await deliverAll();
      await deliverAll();

      // The worker sends a batch in parallel: each message once, in any order.
      const mine = sent.filter((m) => m.to === email);
      const subjects = [
        `Twoje zamówienie w Palarnia Omni zostało potwierdzone (${orderId})`,
        `Twoje zamówienie w Palarnia Omni zostało wysłane (${orderId})`,
        `Twoje zamówienie w Palarnia Omni zostało doręczone (${orderId})`,
        `Palarnia Omni otrzymał Twoje zgłoszenie zwrotu (${orderId})`,
        `Palarnia Omni zwrócił pieniądze za zamówienie (${orderId})`,
      ];
      expect(mine.map((m) => m.subject).sort()).toEqual([...subjects].sort());
      const [confirmed, shipped, , , refunded] = subjects.map((subject) => mine.find((m) => m.subject === subject)!);
      expect(confirmed!.text).toContain('Dziękujemy za zamówienie w Palarnia Omni.');
      expect(confirmed!.text).toMatch(/2 × T-shirt\s+39,98\s€/);
      expect(confirmed!.text).toMatch(/Zapłacono: 53,43\s€/);
      expect(shipped!.text).toContain('InPost · Numer przesyłki: 620000000000000000000001');
      expect(shipped!.text).toContain('Śledź przesyłkę w InPost: https://inpost.pl/sledzenie-przesylek?number=620000000000000000000001');
      expect(refunded!.text).toMatch(/Zwrócono: 8,50\s€/);
      expect(statusUrl).toBe(`https://palarnia.example/zamowienie#order-status=${statusToken}`);
      for (const message of mine) {
        expect(message.text).toContain(`Zobacz zamówienie: ${statusUrl}`);
        expect(message.html).toMatch(/^<!doctype html>/i);
        expect(message.html).toContain('<html lang="pl" dir="ltr"');
        expect(message.html).toContain(`href="${statusUrl}"`);
        expect(message.html).not.toContain('<mj-');
      }
      expect(shipped!.html).toContain('href="https://inpost.pl/sledzenie-przesylek?number=620000000000000000000001"');

      // The link in the email opens the order's status (the page reads the token from the fragment).
      const token = new URL(statusUrl!).hash.slice('#order-status='.length);
      const opened = await env.app.request('/v1/client/order-status', {
        headers: { authorization: `Bearer ${token}`, 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin },
      });
      expect(((await opened.json()) as ShopperOrderStatus)).toMatchObject({ orderId, state: 'partially_refunded' });
    });

    it('writes Arabic right to left, and escapes what the shop and shopper typed', async () => {
      const email = `layla.${Math.random().toString(36).slice(2)}@example.com`;
      const orderId = await paidOrder('ar', email);
      await merchantPost(env, merchant, `/v1/orders/${orderId}/shipments`, { carrier: 'Aramex <b>&</b>', trackingNumber: 'AX1' });
      await deliverAll();
      const mine = sent.filter((m) => m.to === email);
      expect(mine.map((m) => m.subject).sort()).toEqual([`تم تأكيد طلبك من Palarnia Omni (${orderId})`, `تم شحن طلبك من Palarnia Omni (${orderId})`].sort());
      const shipped = mine.find((m) => m.subject.startsWith('تم شحن'))!;
      expect(shipped.html).toContain('<html lang="ar" dir="rtl"');
      expect(shipped.html).toContain('Aramex &lt;b&gt;&amp;&lt;/b&gt;');
      expect(shipped.html).not.toContain('<b>&</b>');
      expect(shipped.text).toContain('رقم التتبع: AX1');
    });

    it('a cash-on-delivery order is not called paid: its fee has a line and the total is what to pay on delivery', async () => {
      const publishableKey = newPublishableKey();
      const secretKey = newSecretKey();
      const origin = `https://cod-${Math.random().toString(36).slice(2, 8)}.example`;
      const paymentMethods = { countries: { PL: { enable: ['cash_on_delivery' as const] } }, cashOnDelivery: { maximum: { PLN: 100_000 }, fee: { PLN: 1500 } } };
      await env.storage.upsertMerchant({ name: 'Palarnia Omni', publishableKey, secretKey, allowedOrigins: [origin], paymentMethods });
      const shop = { publishableKey, secretKey, origin };
      const email = `ewa.${Math.random().toString(36).slice(2)}@example.com`;
      const created = await createSession(env, shop, { ...SAMPLE_SESSION, country: 'PL', currency: 'PLN', locale: 'pl' });
      const client = clientFor(env, shop, created);
      expect((await client.post('/contact', { email })).status).toBe(200);
      const address = { name: 'Ewa Nowak', line1: 'ul. Długa 5', city: 'Warszawa', postalCode: '00-950', country: 'PL' };
      expect((await client.post('/shipping-address', address)).status).toBe(200);
      const answer = (await (await client.confirm('cash_on_delivery', 'cod-mail-1', { provider: 'cash_on_delivery' })).json()) as { order: { id: string; amount: number } };
      expect(answer.order.amount).toBe(2 * 1999 + 850 + 495 + 1500);
      await deliverAll();
      const mail = sent.find((m) => m.to === email)!;
      expect(mail.text).toContain('Opłata za płatność przy odbiorze');
      expect(mail.text).toMatch(/Opłata za płatność przy odbiorze\s+15,00\s*zł/);
      expect(mail.text).toMatch(/Do zapłaty przy odbiorze: 68,43\s*zł/);
      expect(mail.text).not.toContain('Zapłacono:');
    });

    it('sends nothing for an order without an email address', async () => {
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      // The contact is required to pay: an order always has one; a move on it is announced once.
      await client.fill();
      const orderId = ((await (await client.confirm('pm_ok')).json()) as { order: { id: string } }).order.id;
      await getDb().query('UPDATE orders SET contact = NULL WHERE id = $1', [orderId]);
      await merchantPost(env, merchant, `/v1/orders/${orderId}/shipments`, { carrier: 'DHL' });
      const { rows } = await getDb().query(`SELECT 1 FROM outbox WHERE dedupe_key LIKE $1`, [`order-notice:%:${orderId}:%`]);
      expect(rows).toEqual([]);
    });
  });
});
