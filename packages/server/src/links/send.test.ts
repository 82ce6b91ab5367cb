/**
 * Sending a payment link by email or SMS (docs/omnichannel.md), on PGlite and PostgreSQL: the send
 * and its one outbox message are written together under the Idempotency-Key, the outbox worker
 * delivers it over real SMTP (a loopback smtp-server) or the Twilio-compatible adapter (a loopback
 * fake of Twilio), and only an active link of the caller's is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomHex } from '../crypto.js';
import { randomVault } from '../identity/vault.js';
import { createLogger } from '../logger.js';
import { startMailCatcher, type MailCatcher } from '../notifications/mail-catcher.js';
import { createSmtpMailer, type Mailer } from '../notifications/mailer.js';
import { createOutboxWorker, type OutboxWorker } from '../notifications/outbox.js';
import { startSmsCatcher, type SmsCatcher } from '../notifications/sms-catcher.js';
import { createTwilioSms } from '../notifications/sms.js';
import { defaultTemplates } from '../notifications/templates.js';
import { onEachDatabase } from '../test/databases.js';
import { createMerchant, createTestEnv, merchantGet, merchantPost, type TestEnv, type TestMerchant } from '../test/env.js';

interface Link {
  id: string;
  url: string;
  state: string;
}
interface Send {
  id: string;
  object: string;
  link: string;
  channel: string;
  to: string;
  error?: { code: string; issues?: { path: string }[] };
}

let catcher: MailCatcher;
let smsCatcher: SmsCatcher;
let mailer: Mailer;
beforeAll(async () => {
  catcher = await startMailCatcher(0);
  smsCatcher = await startSmsCatcher(catcher);
  mailer = createSmtpMailer({ url: catcher.url, from: 'Shop <no-reply@shop.example>' });
});
afterAll(async () => {
  mailer.close();
  await smsCatcher.close();
  await catcher.close();
});

const received = (to: string) => catcher.messages().filter((m) => m.to === to);

onEachDatabase((name, database) => {
  describe(`sending payment links (${name})`, () => {
    let env: TestEnv;
    let merchant: TestMerchant;
    let worker: OutboxWorker;
    beforeAll(async () => {
      const vault = randomVault();
      const sms = createTwilioSms({ accountSid: 'ACtest', authToken: 'test', from: '+15005550006', baseUrl: smsCatcher.baseUrl });
      env = await createTestEnv({
        db: database(),
        vault,
        app: { db: database(), identity: { db: database(), vault, mailer, sms } },
      });
      merchant = await createMerchant(env, 'Omni Roasters');
      worker = createOutboxWorker({
        db: database(),
        mailer,
        sms,
        templates: defaultTemplates({ storage: env.storage, db: database(), vault }),
        logger: createLogger({ level: 'silent' }),
      });
    });

    const create = async (body: Record<string, unknown> = {}) => {
      const response = await merchantPost(env, merchant, '/v1/payment_links', {
        currency: 'EUR',
        country: 'DE',
        channel: 'email',
        amount: 4200,
        description: 'Invoice 2026-117',
        checkoutUrl: `${merchant.origin}/pay`,
        ...body,
      });
      expect(response.status).toBe(201);
      return (await response.json()) as Link;
    };

    const send = async (link: Pick<Link, 'id'>, body: unknown, key: string | null = `key-${randomHex(6)}`, as: TestMerchant = merchant) => {
      const response = await env.app.request(`/v1/payment_links/${link.id}/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${as.secretKey}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Send };
    };

    it('mails the link once in its language, however often the same key is sent; the recipient is stored only sealed', async () => {
      const link = await create({ locale: 'de-DE' });
      const email = `ada.${link.id}@example.com`;
      const first = await send(link, { email }, 'send-1');
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ object: 'payment_link_send', link: link.id, channel: 'email', to: 'a•••@e•••.com' });
      const again = await send(link, { email }, 'send-1');
      expect(again).toEqual(first);
      // The same key for another recipient is a mistake, not a new send.
      const reused = await send(link, { email: `bob.${link.id}@example.com` }, 'send-1');
      expect([reused.status, reused.body.error!.code]).toEqual([422, 'idempotency_key_reused']);
      const { rows } = await database().query<{ payload: unknown }>('SELECT payload FROM outbox WHERE dedupe_key = $1', [`payment-link-send:${first.body.id}`]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows[0]!.payload)).not.toContain(email);

      expect(await worker.runOnce()).toBe(1);
      expect(await worker.runOnce()).toBe(0);
      const mail = await catcher.waitFor((m) => m.to === email);
      expect(mail.subject).toBe('Zahlungslink von Omni Roasters');
      expect(mail.text).toContain(`Jetzt bezahlen: ${link.url}`);
      expect(mail.text).toMatch(/^1 × Invoice 2026-117 {2}42,00\s€$/m);
      expect(mail.text).toMatch(/^Der Link ist gültig bis .+ UTC\.$/m);
      expect(received(email)).toHaveLength(1);
      // The mailed URL opens the link's checkout.
      expect((await env.app.request(new URL(link.url).pathname)).status).toBe(303);
    });

    it('texts the link to an E.164 number of a country texts may go to', async () => {
      const link = await create({ channel: 'sms' });
      const phone = `+49151${String(Date.now()).slice(-8)}`;
      const sent = await send(link, { phone });
      expect(sent.status).toBe(202);
      expect(sent.body).toMatchObject({ channel: 'sms', to: `••• ••${phone.slice(-2)}` });
      expect(await worker.runOnce()).toBe(1);
      const text = await catcher.waitFor((m) => m.channel === 'sms' && m.to === phone);
      expect(text.text).toBe(`Omni Roasters: pay here ${link.url}`);
      expect(received(phone)).toHaveLength(1);
      expect((await send(link, { phone: '+81312345678' })).body.error!.code).toBe('sms_country_not_allowed');
    });

    it('refuses a disabled or expired link with 409, and sends nothing for a link disabled before the message left', async () => {
      const disabled = await create();
      expect((await merchantPost(env, merchant, `/v1/payment_links/${disabled.id}/disable`, {})).status).toBe(200);
      const refused = await send(disabled, { email: `x.${disabled.id}@example.com` });
      expect([refused.status, refused.body.error!.code]).toEqual([409, 'payment_link_not_active']);

      const expiring = await create({ expiresInMinutes: 5 });
      const start = env.clock.now;
      try {
        env.clock.now = new Date(start.getTime() + 5 * 60_000);
        const expired = await send(expiring, { email: `x.${expiring.id}@example.com` });
        expect([expired.status, expired.body.error!.code]).toEqual([409, 'payment_link_not_active']);
      } finally {
        env.clock.now = start;
      }

      const late = await create();
      const email = `late.${late.id}@example.com`;
      expect((await send(late, { email })).status).toBe(202);
      await merchantPost(env, merchant, `/v1/payment_links/${late.id}/disable`, {});
      expect(await worker.runOnce()).toBe(0);
      expect(received(email)).toHaveLength(0);
      expect((await database().query('SELECT 1 FROM outbox WHERE payload->>\'linkId\' = $1 AND status = \'sent\'', [late.id])).rows).toHaveLength(1);
    });

    it('validates the body and the key; another merchant’s link is not found', async () => {
      const link = await create();
      for (const body of [{}, { email: 'not-an-email' }, { phone: '0151 23456789' }, { email: 'a@example.com', phone: '+4915123456789' }, { email: 'a@example.com', cc: 'b@example.com' }]) {
        const refused = await send(link, body);
        expect([refused.status, refused.body.error!.code]).toEqual([400, 'validation_failed']);
      }
      expect((await send(link, { email: 'a@example.com' }, null)).status).toBe(400);
      const other = await createMerchant(env, 'Other');
      const foreign = await send(link, { email: 'a@example.com' }, 'k', other);
      expect([foreign.status, foreign.body.error!.code]).toEqual([404, 'not_found']);
      expect((await send({ id: 'plink_000000000000000000000000' }, { email: 'a@example.com' })).status).toBe(404);
      expect((await env.app.request(`/v1/payment_links/${link.id}/send`, { method: 'POST' })).status).toBe(401);
      // Nothing was queued by any refusal.
      expect((await database().query('SELECT 1 FROM payment_link_sends WHERE link_id = $1', [link.id])).rows).toHaveLength(0);
      expect((await (await merchantGet(env, merchant, `/v1/payment_links/${link.id}`)).json()) as Link).toMatchObject({ state: 'active' });
    });
  });
});
