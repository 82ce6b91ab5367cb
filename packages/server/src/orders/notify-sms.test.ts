/**
 * Order updates by SMS as the shopper chose at checkout, on PGlite and PostgreSQL: each of the five
 * notices goes out once by text (however often the worker runs), in the session's language, with the
 * signed status link that opens the order; nothing by SMS when the shopper did not choose it, and no
 * email when they chose SMS only. The choice and the number are checked where they enter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderStatusView, ShopperOrderStatus } from '@omni-checkout/core';
import { createLogger } from '../logger.js';
import type { MailMessage, Mailer } from '../notifications/mailer.js';
import { createOutboxWorker } from '../notifications/outbox.js';
import type { SmsMessage } from '../notifications/sms.js';
import { defaultTemplates } from '../notifications/templates.js';
import { randomVault } from '../identity/vault.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, merchantPost, SAMPLE_SESSION, type TestEnv, type TestMerchant } from '../test/env.js';

const silent = createLogger({ level: 'silent' });

onEachDatabase((dbName, getDb) => {
  describe(`order updates by SMS on ${dbName}`, () => {
    let env: TestEnv;
    let merchant: TestMerchant;
    const mails: MailMessage[] = [];
    const texts: SmsMessage[] = [];
    const mailer: Mailer = { send: async (message) => void mails.push(message), close: () => undefined };
    const deliverAll = async () => {
      const worker = createOutboxWorker({
        db: getDb(),
        mailer,
        sms: { send: async (message) => void texts.push(message) },
        templates: defaultTemplates({ storage: env.storage, db: getDb(), vault: randomVault() }),
        logger: silent,
      });
      // Twice: a second run finds nothing left to send.
      await worker.runOnce();
      await worker.runOnce();
    };
    // A number of its own per test (the fake records every text of the database's tests).
    const newPhone = () => `+4850${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`;

    beforeAll(async () => {
      env = await createTestEnv({ db: getDb(), app: { db: getDb(), orderSms: true } });
      merchant = await createMerchant(env, 'Palarnia Omni');
      await merchantPost(env, merchant, '/v1/order-settings', { statusPageUrl: 'https://palarnia.example/zamowienie' });
    });

    async function paidOrder(locale: string, contact: Record<string, unknown>): Promise<string> {
      const created = await createSession(env, merchant, { ...SAMPLE_SESSION, locale });
      const client = clientFor(env, merchant, created);
      await client.fill();
      const saved = await client.post('/contact', contact);
      expect(saved.status, await saved.clone().text()).toBe(200);
      return ((await (await client.confirm('pm_ok')).json()) as { order: { id: string } }).order.id;
    }

    const statusOf = async (orderId: string) => (await (await merchantGet(env, merchant, `/v1/orders/${orderId}/status`)).json()) as OrderStatusView;

    it('texts each of the five notices once, in Polish, with a status link that opens the order, and no email when SMS only was chosen', async () => {
      const email = `jan.${Math.random().toString(36).slice(2)}@example.com`;
      const phone = newPhone();
      const orderId = await paidOrder('pl-PL', { email, phone, notifyBy: 'sms' });
      await merchantPost(env, merchant, `/v1/orders/${orderId}/shipments`, { carrier: 'InPost', trackingNumber: '6200001' });
      await merchantPost(env, merchant, `/v1/orders/${orderId}/delivery-events`, { type: 'delivered' });
      const { statusToken, statusUrl } = await statusOf(orderId);
      const asked = (await (
        await env.app.request('/v1/client/order-status/returns', {
          method: 'POST',
          headers: { authorization: `Bearer ${statusToken}`, 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin, 'content-type': 'application/json' },
          body: JSON.stringify({ items: [{ lineItemId: 'mug', quantity: 1 }], reason: 'Wyszczerbiony' }),
        })
      ).json()) as ShopperOrderStatus;
      await merchantPost(env, merchant, `/v1/returns/${asked.returns[0]!.id}/approve`, {});
      await deliverAll();
      await deliverAll();

      const mine = texts.filter((m) => m.to === phone).map((m) => m.body);
      const lines = [
        'Palarnia Omni: zamówienie potwierdzone.',
        'Palarnia Omni: zamówienie wysłane.',
        'Palarnia Omni: zamówienie doręczone.',
        'Palarnia Omni: otrzymaliśmy zgłoszenie zwrotu.',
        'Palarnia Omni: zwrot pieniędzy jest w drodze.',
      ];
      expect(mine.sort()).toEqual(lines.map((line) => `${line}\n${statusUrl}`).sort());
      expect(mails.filter((m) => m.to === email)).toEqual([]);

      // The link in the text opens the order's status (the page reads the token from the fragment).
      const token = new URL(mine[0]!.split('\n')[1]!).hash.slice('#order-status='.length);
      const opened = await env.app.request('/v1/client/order-status', {
        headers: { authorization: `Bearer ${token}`, 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin },
      });
      expect(opened.status).toBe(200);
      expect((await opened.json()) as ShopperOrderStatus).toMatchObject({ orderId, state: 'partially_refunded' });
    });

    it('sends both in Arabic when the shopper chose email and SMS, the number kept in E.164', async () => {
      const email = `layla.${Math.random().toString(36).slice(2)}@example.com`;
      const phone = '+966501234567';
      const orderId = await paidOrder('ar', { email, phone, notifyBy: 'email_sms' });
      await merchantPost(env, merchant, `/v1/orders/${orderId}/shipments`, { carrier: 'Aramex', trackingNumber: 'AX1' });
      await deliverAll();
      const { statusUrl } = await statusOf(orderId);
      const mine = texts.filter((m) => m.body.endsWith(statusUrl!));
      expect(mine.map((m) => m.body).sort()).toEqual([`Palarnia Omni: تم تأكيد طلبك.\n${statusUrl}`, `Palarnia Omni: تم شحن طلبك.\n${statusUrl}`].sort());
      expect(mine.every((m) => m.to === phone)).toBe(true);
      expect(mails.filter((m) => m.to === email).map((m) => m.subject).sort()).toEqual(
        [`تم تأكيد طلبك من Palarnia Omni (${orderId})`, `تم شحن طلبك من Palarnia Omni (${orderId})`].sort(),
      );
    });

    it('texts nothing when the shopper chose email, even with a phone number', async () => {
      const phone = newPhone();
      const orderId = await paidOrder('pl', { email: 'ola@example.com', phone, notifyBy: 'email' });
      await merchantPost(env, merchant, `/v1/orders/${orderId}/shipments`, { carrier: 'DPD' });
      await deliverAll();
      expect(texts.filter((m) => m.to === phone)).toEqual([]);
      const { rows } = await getDb().query(`SELECT dedupe_key FROM outbox WHERE channel = 'sms' AND dedupe_key LIKE $1`, [`%:${orderId}:%`]);
      expect(rows).toEqual([]);
    });

    it('checks the choice where it enters: SMS needs a real mobile number, national numbers are refused, a backend without SMS says so', async () => {
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      const error = async (body: unknown) => ((await (await client.post('/contact', body)).json()) as { error: { code: string; issues?: { path: string }[] } }).error;
      expect(await error({ email: 'a@example.com', notifyBy: 'sms' })).toMatchObject({ code: 'validation_failed', issues: [{ path: 'phone' }] });
      expect(await error({ email: 'a@example.com', phone: '501234567', notifyBy: 'sms' })).toMatchObject({ code: 'validation_failed', issues: [{ path: 'phone' }] });
      expect(await error({ email: 'a@example.com', phone: '+4812345678', notifyBy: 'sms' })).toMatchObject({ code: 'validation_failed', issues: [{ path: 'phone' }] });
      expect(await error({ email: 'a@example.com', phone: '+48501234567', notifyBy: 'fax' })).toMatchObject({ code: 'validation_failed' });
      const saved = (await (await client.post('/contact', { email: 'a@example.com', phone: '+48501234567', notifyBy: 'email_sms' })).json()) as { contact: unknown };
      expect(saved.contact).toEqual({ email: 'a@example.com', phone: '+48501234567', notifyBy: 'email_sms' });

      const without = await createTestEnv({ db: getDb(), app: { db: getDb(), orderSms: false } });
      const shop = await createMerchant(without, 'No Texts');
      const noSms = clientFor(without, shop, await createSession(without, shop));
      const refused = await noSms.post('/contact', { email: 'a@example.com', phone: '+48501234567', notifyBy: 'sms' });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('sms_unavailable');
      expect((await noSms.post('/contact', { email: 'a@example.com', phone: '+48501234567', notifyBy: 'email' })).status).toBe(200);
    });
  });
});
