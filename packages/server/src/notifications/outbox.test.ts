/**
 * Mail and the transactional outbox, on PGlite and PostgreSQL: the order confirmation is enqueued
 * with the order and leaves once over real SMTP (nodemailer → a loopback smtp-server), whatever
 * is replayed; concurrent workers never send a row twice; failures retry and finally give up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { randomVault } from '../identity/vault.js';
import { clientFor, createMerchant, createSession, createTestEnv, type TestEnv } from '../test/env.js';
import { onEachDatabase } from '../test/databases.js';
import type { Db, Queryable } from '../storage/db.js';
import { startMailCatcher, type MailCatcher } from './mail-catcher.js';
import { createSmtpMailer, messageIdFor, type Mailer } from './mailer.js';
import { createOutboxWorker, enqueueNotification, retryDelayMs, type Template } from './outbox.js';
import { defaultTemplates, orderConfirmationKey } from './templates.js';

const silent = createLogger({ level: 'silent' });
const noSms = { send: async () => undefined };

let catcher: MailCatcher;
let mailer: Mailer;
beforeAll(async () => {
  catcher = await startMailCatcher(0);
  mailer = createSmtpMailer({ url: catcher.url, from: 'Shop <no-reply@shop.example>' });
});
afterAll(async () => {
  mailer.close();
  await catcher.close();
});

const mailTo = (address: string) => catcher.messages().filter((m) => m.to === address);

/** A template that mails `payload.to` with `payload.n` in the subject. */
const probe: Template = async (row) => ({
  channel: 'email',
  message: { to: String(row.payload.to), subject: `probe ${String(row.payload.n)}`, text: 'hello' },
});

async function outboxRow(db: Queryable, key: string) {
  const { rows } = await db.query<{ status: string; attempts: number; last_error: string | null }>(
    'SELECT status, attempts, last_error FROM outbox WHERE dedupe_key = $1',
    [key],
  );
  return rows;
}

onEachDatabase((dbName, getDb) => {
  describe(`order confirmation on ${dbName}`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await createTestEnv({ db: getDb() });
    });

    it('enqueues one confirmation with the order and mails it once over SMTP, however often the outcome is replayed', async () => {
      const merchant = await createMerchant(env, 'Omni Roasters');
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      const email = `ada.${created.id}@example.com`;
      await client.fill();
      expect((await client.post('/contact', { email })).status).toBe(200);
      expect((await client.confirm('pm_ok', 'key-1')).status).toBe(200);
      // The same attempt replayed and a second attempt key: still one order, one row.
      expect((await client.confirm('pm_ok', 'key-1')).status).toBe(200);
      expect((await client.confirm('pm_ok', 'key-2')).status).toBe(409);
      expect(await outboxRow(getDb(), orderConfirmationKey(created.id))).toEqual([{ status: 'pending', attempts: 0, last_error: null }]);

      const worker = createOutboxWorker({ db: getDb(), mailer, sms: noSms, templates: defaultTemplates({ storage: env.storage, db: getDb(), vault: randomVault() }), logger: silent });
      expect(await worker.runOnce()).toBeGreaterThanOrEqual(1);
      expect(await worker.runOnce()).toBe(0);
      const message = await catcher.waitFor((m) => m.to === email);
      expect(message.subject).toMatch(/^Your order at Omni Roasters is confirmed \(ord_/);
      expect(message.text).toContain('Total paid: €53.43');
      expect(message.text).toContain('2 × T-shirt');
      expect(message.messageId).toBe(messageIdFor(orderConfirmationKey(created.id)));
      expect(mailTo(email)).toHaveLength(1);
      expect(await outboxRow(getDb(), orderConfirmationKey(created.id))).toMatchObject([{ status: 'sent', attempts: 1 }]);
    });

    it('enqueues nothing for a declined payment', async () => {
      const merchant = await createMerchant(env);
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      await client.fill();
      expect((await client.confirm('pm_decline')).status).toBe(402);
      expect(await outboxRow(getDb(), orderConfirmationKey(created.id))).toEqual([]);
    });
  });

  describe(`outbox on ${dbName}`, () => {
    const db = (): Db => getDb();

    it('enqueues once per key, and not at all when the transaction rolls back', async () => {
      const key = `probe:${crypto.randomUUID()}`;
      expect(await enqueueNotification(db(), { key, channel: 'email', template: 'probe', payload: {} })).toBe(true);
      expect(await enqueueNotification(db(), { key, channel: 'email', template: 'probe', payload: {} })).toBe(false);
      const rolledBack = `probe:${crypto.randomUUID()}`;
      await expect(
        db().transaction(async (tx) => {
          await enqueueNotification(tx, { key: rolledBack, channel: 'email', template: 'probe', payload: {} });
          throw new Error('the effect failed');
        }),
      ).rejects.toThrow('the effect failed');
      expect(await outboxRow(db(), key)).toHaveLength(1);
      expect(await outboxRow(db(), rolledBack)).toEqual([]);
      await db().query(`UPDATE outbox SET status = 'sent' WHERE dedupe_key = $1`, [key]);
    });

    it('two workers running at once send each of 20 messages exactly once', async () => {
      const run = crypto.randomUUID().slice(0, 8);
      const to = `crowd-${run}@example.com`;
      for (let n = 0; n < 20; n++) {
        await enqueueNotification(db(), { key: `crowd:${run}:${n}`, channel: 'email', template: 'probe', payload: { to, n } });
      }
      const make = () => createOutboxWorker({ db: db(), mailer, sms: noSms, templates: { probe }, logger: silent, batchSize: 3 });
      const [a, b] = await Promise.all([make().runOnce(), make().runOnce()]);
      expect(a + b).toBe(20);
      const subjects = mailTo(to).map((m) => m.subject).sort();
      expect(subjects).toHaveLength(20);
      expect(new Set(subjects).size).toBe(20);
    });

    it("delivers a batch's messages side by side, and one order's notices one after another, in the order enqueued", async () => {
      const run = crypto.randomUUID().slice(0, 8);
      const to = `lanes-${run}@example.com`;
      // Order A's two notices and order B's one.
      for (const [n, orderId] of [['a1', `A-${run}`], ['b1', `B-${run}`], ['a2', `A-${run}`]] as const) {
        await enqueueNotification(db(), { key: `lanes:${run}:${n}`, channel: 'email', template: 'probe', payload: { to, n, orderId } });
      }
      const events: string[] = [];
      let inFlight = 0;
      let most = 0;
      let together!: () => void;
      const overlapped = new Promise<void>((resolve) => (together = resolve));
      // A relay that answers each message only once a second one is being sent (or after 2 s).
      const relay: Mailer = {
        async send(message) {
          events.push(`start ${message.subject}`);
          most = Math.max(most, ++inFlight);
          if (inFlight >= 2) together();
          await Promise.race([overlapped, new Promise((resolve) => setTimeout(resolve, 2000))]);
          inFlight--;
          events.push(`end ${message.subject}`);
          await mailer.send(message);
        },
        close: () => undefined,
      };
      const worker = createOutboxWorker({ db: db(), mailer: relay, sms: noSms, templates: { probe }, logger: silent });
      expect(await worker.runOnce()).toBe(3);
      // A's first notice and B's were with the relay at the same time (one at a time, it is 1).
      expect(most).toBe(2);
      // A's second notice only after its first was accepted.
      expect(events.indexOf('start probe a2')).toBeGreaterThan(events.indexOf('end probe a1'));
      expect(mailTo(to).map((m) => m.subject).sort()).toEqual(['probe a1', 'probe a2', 'probe b1']);
    });

    it('retries a failed delivery with backoff, then gives up after the last attempt', async () => {
      const to = `flaky-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const key = `flaky:${to}`;
      await enqueueNotification(db(), { key, channel: 'email', template: 'probe', payload: { to, n: 1 } });
      let failures = 1;
      const flaky: Mailer = {
        async send(message) {
          if (failures-- > 0) throw new Error('421 try again later');
          await mailer.send(message);
        },
        close: () => undefined,
      };
      const worker = createOutboxWorker({ db: db(), mailer: flaky, sms: noSms, templates: { probe }, logger: silent, maxAttempts: 2 });
      expect(await worker.runOnce()).toBe(0);
      expect(await outboxRow(db(), key)).toEqual([{ status: 'pending', attempts: 1, last_error: 'Error: 421 try again later' }]);
      // Not due yet: the backoff holds it back.
      expect(await worker.runOnce()).toBe(0);
      expect(retryDelayMs(1)).toBe(2000);
      await db().query(`UPDATE outbox SET next_attempt_at = now() WHERE dedupe_key = $1`, [key]);
      expect(await worker.runOnce()).toBe(1);
      expect(mailTo(to)).toHaveLength(1);

      const doomedTo = `doomed-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const doomed = `doomed:${doomedTo}`;
      await enqueueNotification(db(), { key: doomed, channel: 'email', template: 'probe', payload: { to: doomedTo, n: 1 } });
      failures = 10;
      for (let i = 0; i < 2; i++) {
        await worker.runOnce();
        await db().query(`UPDATE outbox SET next_attempt_at = now() WHERE dedupe_key = $1`, [doomed]);
      }
      expect(await outboxRow(db(), doomed)).toMatchObject([{ status: 'dead', attempts: 2 }]);
      expect(await worker.runOnce()).toBe(0);
    });

    it('delivers again after a crash between sending and recording it, with the same Message-ID', async () => {
      const to = `crash-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const key = `crash:${to}`;
      await enqueueNotification(db(), { key, channel: 'email', template: 'probe', payload: { to, n: 1 } });
      // The database refuses the "sent" update once, as if the process died right after SMTP accepted the message.
      let refuse = true;
      const flakyDb = {
        query: <T>(sql: string, params?: readonly unknown[]) => {
          if (refuse && sql.includes("status = 'sent'")) {
            refuse = false;
            return Promise.reject(new Error('connection lost'));
          }
          return db().query<T>(sql, params);
        },
        transaction: db().transaction.bind(db()),
      };
      const worker = createOutboxWorker({ db: flakyDb, mailer, sms: noSms, templates: { probe }, logger: silent });
      await worker.runOnce();
      await db().query(`UPDATE outbox SET next_attempt_at = now() WHERE dedupe_key = $1`, [key]);
      await worker.runOnce();
      const copies = mailTo(to);
      expect(copies).toHaveLength(2);
      expect(new Set(copies.map((m) => m.messageId))).toEqual(new Set([messageIdFor(key)]));
      expect(await outboxRow(db(), key)).toMatchObject([{ status: 'sent' }]);
    });
  });
});

describe('dev mailbox page', () => {
  let shared: TestEnv;
  beforeAll(async () => {
    shared = await createTestEnv();
  });
  afterAll(() => shared?.db.close());

  it('lists what the loopback SMTP server received, escaped, under a policy that allows no script', async () => {
    const env = await createTestEnv({ db: shared.db, app: { devMailbox: catcher } });
    await mailer.send({ to: 'page@example.com', subject: '<b>Your code</b>', text: 'Your code is 123456' });
    await catcher.waitFor((m) => m.to === 'page@example.com');
    const response = await env.app.request('/dev/mailbox');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('&lt;b&gt;Your code&lt;/b&gt;');
    expect(html).toContain('Your code is 123456');
    const json = (await (await env.app.request('/dev/mailbox.json')).json()) as { data: { to: string }[] };
    expect(json.data.some((m) => m.to === 'page@example.com')).toBe(true);
  });

  it('does not exist without a dev mailbox', async () => {
    expect((await shared.app.request('/dev/mailbox')).status).toBe(404);
  });
});
