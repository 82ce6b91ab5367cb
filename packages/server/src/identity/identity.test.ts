/**
 * The shopper identity network through the HTTP API, on PGlite and PostgreSQL: save with consent,
 * recognition without enumeration, one-time codes (R17–R19), tokens (R25), step-up (R20, R24),
 * devices (R23), the network of merchants, saved methods and one-click, encryption, export and
 * erasure (R29–R33). Mail really goes over SMTP to a loopback smtp-server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVE_CONSENT_VERSION, SHARE_CONSENT_VERSION, type IdentityLookupResponse, type RecallResponse, type ShopperProfile, type ShopperSession } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import { startMailCatcher, type MailCatcher } from '../notifications/mail-catcher.js';
import { createSmtpMailer, type Mailer } from '../notifications/mailer.js';
import { createOutboxWorker } from '../notifications/outbox.js';
import type { SmsMessage } from '../notifications/sms.js';
import { defaultTemplates } from '../notifications/templates.js';
import { createLogger } from '../logger.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, SAMPLE_SESSION, type TestEnv, type TestMerchant } from '../test/env.js';
import type { Db } from '../storage/db.js';
import { DEFAULT_LIMITS } from './limits.js';
import { rotateKeys } from './rotate.js';
import { createVault, randomVault, type Vault } from './vault.js';
import { randomBytes } from 'node:crypto';

let catcher: MailCatcher;
let mailer: Mailer;
beforeAll(async () => {
  catcher = await startMailCatcher(0);
  mailer = createSmtpMailer({ url: catcher.url, from: 'Checkout <codes@omni.example>' });
});
afterAll(async () => {
  mailer.close();
  await catcher.close();
});

/** R20 threshold of the suite's app: the sample session (53.43 EUR) is above it, a single mug is not. */
const STEP_UP_ABOVE = 5000;

let run = 0;
const uniqueEmail = (label: string) => `${label}.${Date.now().toString(36)}${(run++).toString(36)}@example.com`;

/** The newest code mailed to `email` after message id `after`. */
async function codeMailedTo(email: string, after: number): Promise<string> {
  const message = await catcher.waitFor((m) => m.to === email && m.id > after && /checkout code/.test(m.subject));
  return /\b(\d{6})\b/.exec(message.subject)![1]!;
}
const lastMessageId = () => catcher.messages().at(-1)?.id ?? 0;

onEachDatabase((dbName, getDb) => {
  describe(`identity on ${dbName}`, () => {
    let env: TestEnv;
    let vault: Vault;
    const texts: SmsMessage[] = [];
    const provider = createMockProvider({ env: 'test' });
    const detached: string[] = [];
    const customers = provider.customers!;
    const spiedProvider = {
      ...provider,
      customers: {
        ...customers,
        detach: async (customer: string, reference: string) => {
          detached.push(reference);
          await customers.detach(customer, reference);
        },
      },
    };
    const logs = () => env.logs.join('\n');
    /** A fault point of the confirm where the next payment throws (a failure between the order and the shopper's save). */
    let failAt: string | null = null;

    beforeAll(async () => {
      vault = randomVault();
      env = await createTestEnv({
        db: getDb(),
        vault,
        app: {
          providers: [spiedProvider],
          identity: {
            db: getDb(),
            vault,
            mailer,
            sms: { send: async (message) => void texts.push(message) },
            limits: { ...DEFAULT_LIMITS, sendsPerIp: 12 },
            trustProxy: true,
            stepUpNewCountryAbove: STEP_UP_ABOVE,
          },
          fault: (point) => {
            if (point === failAt) throw new Error(`injected failure at ${point}`);
          },
        },
      });
    });

    /** A browser at `merchant`'s shop with a new checkout session. */
    async function visit(merchant: TestMerchant, ip = `10.0.${run % 250}.${(run++ % 250) + 1}`) {
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      const headers = (token?: string) => ({
        authorization: `Bearer ${created.clientSecret}`,
        'omni-publishable-key': merchant.publishableKey,
        origin: merchant.origin,
        'x-forwarded-for': ip,
        ...(token ? { 'omni-shopper-token': token } : {}),
      });
      const base = `/v1/client/checkout-sessions/${created.id}/identity`;
      const post = (path: string, body: unknown, token?: string) =>
        env.app.request(`${base}${path}`, { method: 'POST', headers: { ...headers(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const get = (path: string, token?: string) => env.app.request(`${base}${path}`, { headers: headers(token) });
      return {
        created,
        client,
        post,
        get,
        async lookup(body: { email: string } | { phone: string }) {
          const response = await post('/lookup', body);
          return { status: response.status, body: (await response.json()) as IdentityLookupResponse & { error?: { code: string } } };
        },
        async verify(challengeId: string, code: string, rememberDevice = false) {
          const response = await post('/verify', { challengeId, code, rememberDevice });
          return { status: response.status, body: (await response.json()) as ShopperSession & { error?: { code: string } } };
        },
        /** Email → code from the mailbox → verified session. */
        async signIn(email: string, rememberDevice = false) {
          const before = lastMessageId();
          const { body } = await this.lookup({ email });
          const code = await codeMailedTo(email, before);
          const verified = await this.verify(body.challengeId, code, rememberDevice);
          expect(verified.status).toBe(200);
          return verified.body;
        },
      };
    }

    /** Guest checkout at `merchant`, ticking "save my details" when `save`. */
    async function buyAsGuest(merchant: TestMerchant, email: string, options: { save?: boolean; phone?: string } = {}) {
      const browser = await visit(merchant);
      await browser.client.fill();
      expect((await browser.client.post('/contact', { email })).status).toBe(200);
      if (options.save !== false) {
        const saved = await browser.post('/save', { consent: true, textVersion: SAVE_CONSENT_VERSION, ...(options.phone ? { phone: options.phone } : {}) });
        expect(saved.status).toBe(200);
      }
      const paid = await browser.client.confirm('pm_mock_success_4242');
      expect(paid.status).toBe(200);
      return browser;
    }

    const shopperCount = async () => Number((await getDb().query<{ n: string }>('SELECT count(*) AS n FROM shoppers')).rows[0]!.n);

    it('documents every identity route in the OpenAPI document', async () => {
      const doc = (await (await env.app.request('/v1/openapi.json')).json()) as { paths: Record<string, unknown>; components: { securitySchemes: object } };
      const paths = Object.keys(doc.paths).filter((p) => p.includes('/identity/'));
      expect(paths.length).toBeGreaterThanOrEqual(20);
      expect(paths).toContain('/v1/client/checkout-sessions/{id}/identity/lookup');
      expect(doc.components.securitySchemes).toHaveProperty('shopperToken');
    });

    describe('save with consent (R29)', () => {
      it('stores no identity for a guest who did not tick the box', async () => {
        const before = await shopperCount();
        await buyAsGuest(await createMerchant(env), uniqueEmail('noconsent'), { save: false });
        expect(await shopperCount()).toBe(before);
      });

      it('with consent stores the identity sealed, the consent (time, text version, merchant), the address, the preferred shipping and the card as a provider reference', async () => {
        const merchant = await createMerchant(env, 'Shop A');
        const email = uniqueEmail('saver');
        await buyAsGuest(merchant, email, { phone: '+49 151 23456742' });
        const { rows } = await getDb().query<Record<string, unknown>>(
          'SELECT s.*, c.text_version, c.kind, c.granted_at, m.name FROM shoppers s JOIN shopper_consents c ON c.shopper_id = s.id JOIN merchants m ON m.id = c.merchant_id WHERE s.email_hash = $1',
          [vault.lookupHash('email', email)],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ text_version: SAVE_CONSENT_VERSION, kind: 'save', name: 'Shop A' });
        expect(rows[0]!.granted_at).toBeTruthy();
        expect(String(rows[0]!.email_sealed)).toMatch(/^v1\.test\./);
        expect(JSON.stringify(rows[0])).not.toContain(email);
        const { rows: methods } = await getDb().query('SELECT provider_id, reference, brand, last4, exp_month, exp_year, is_default FROM saved_methods WHERE shopper_id = $1', [rows[0]!.id]);
        expect(methods).toEqual([{ provider_id: 'mock', reference: 'pm_mock_saved_success_4242', brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, is_default: true }]);
      });

      it('a guest cannot write into an existing identity by saving with its email', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('owner');
        await buyAsGuest(merchant, email);
        const impostor = await visit(merchant);
        await impostor.client.fill();
        await impostor.client.post('/shipping-address', { name: 'Mallory', line1: 'Elsewhere 2', city: 'Hamburg', country: 'DE' });
        await impostor.client.post('/contact', { email });
        await impostor.post('/save', { consent: true, textVersion: SAVE_CONSENT_VERSION });
        expect((await impostor.client.confirm('pm_mock_success_4242')).status).toBe(200);
        const owner = await visit(merchant);
        const session = await owner.signIn(email);
        expect(session.profile!.addresses.map((a) => a.address.name)).toEqual(['Ada Lovelace']);
      });
    });

    it('saves the shopper when the order is completed by the provider webhook (tab closed during 3-D Secure)', async () => {
      const webhookEnv = await createTestEnv({
        db: getDb(),
        vault,
        app: { identity: { db: getDb(), vault, mailer, sms: null } },
      });
      const merchant = await createMerchant(webhookEnv);
      const created = await createSession(webhookEnv, merchant);
      const client = clientFor(webhookEnv, merchant, created);
      const email = uniqueEmail('webhook');
      await client.fill();
      await client.post('/contact', { email });
      const intent = await client.post('/identity/save', { consent: true, textVersion: SAVE_CONSENT_VERSION });
      expect(intent.status).toBe(200);
      const pending = (await (await client.confirm('pm_3ds')).json()) as { session: { nextAction: { reference: string } } };
      const reference = pending.session.nextAction.reference;
      const before = (await getDb().query('SELECT 1 FROM shoppers WHERE email_hash = $1', [vault.lookupHash('email', email)])).rows;
      expect(before).toEqual([]);
      const body = JSON.stringify({ id: `evt_${created.id}`, type: 'payment.succeeded', reference, sessionId: created.id, outcome: { status: 'succeeded', reference, amount: created.session.totals.total, currency: created.session.currency } });
      const response = await webhookEnv.app.request('/v1/webhooks/mock', { method: 'POST', headers: webhookEnv.provider.signWebhook(body), body });
      expect(response.status).toBe(200);
      const { rows } = await getDb().query<{ kind: string }>(
        'SELECT c.kind FROM shoppers s JOIN shopper_consents c ON c.shopper_id = s.id WHERE s.email_hash = $1',
        [vault.lookupHash('email', email)],
      );
      expect(rows).toEqual([{ kind: 'save' }]);
    });

    describe('saving is atomic with the order (R29)', () => {
      const orders = async (sessionId: string) =>
        Number((await getDb().query<{ n: string }>('SELECT count(*) AS n FROM orders WHERE session_id = $1', [sessionId])).rows[0]!.n);
      const identityRows = async (email: string) => {
        const { rows } = await getDb().query<{ id: string }>('SELECT id FROM shoppers WHERE email_hash = $1', [vault.lookupHash('email', email)]);
        const ids = rows.map((r) => r.id);
        const count = async (sql: string) => Number((await getDb().query<{ n: string }>(sql, [ids])).rows[0]!.n);
        return {
          shoppers: ids.length,
          consents: await count('SELECT count(*) AS n FROM shopper_consents WHERE shopper_id = ANY($1)'),
          methods: await count('SELECT count(*) AS n FROM saved_methods WHERE shopper_id = ANY($1)'),
          orderLinks: await count('SELECT count(*) AS n FROM shopper_orders WHERE shopper_id = ANY($1)'),
        };
      };
      const nothing = { shoppers: 0, consents: 0, methods: 0, orderLinks: 0 };
      const saved = { shoppers: 1, consents: 1, methods: 1, orderLinks: 1 };

      for (const point of ['order:before-save-shopper', 'order:after-save-shopper'] as const) {
        it(`a failure at ${point} leaves neither the order nor any part of the identity; the same Idempotency-Key then records both`, async () => {
          const merchant = await createMerchant(env);
          const email = uniqueEmail('atomic');
          const browser = await visit(merchant);
          await browser.client.fill();
          expect((await browser.client.post('/contact', { email })).status).toBe(200);
          expect((await browser.post('/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).status).toBe(200);
          const key = `atomic-${point}-${run}`;
          failAt = point;
          let failed: Response;
          try {
            failed = await browser.client.confirm('pm_mock_success_4242', key);
          } finally {
            failAt = null;
          }
          expect(failed.status).toBeGreaterThanOrEqual(500);
          expect(await orders(browser.created.id)).toBe(0);
          expect(await identityRows(email)).toEqual(nothing);

          const retried = await browser.client.confirm('pm_mock_success_4242', key);
          expect(retried.status).toBe(200);
          expect(await orders(browser.created.id)).toBe(1);
          expect(await identityRows(email)).toEqual(saved);
        });
      }

      it('a declined payment records no order and stores no identity', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('declined');
        const browser = await visit(merchant);
        await browser.client.fill();
        await browser.client.post('/contact', { email });
        await browser.post('/save', { consent: true, textVersion: SAVE_CONSENT_VERSION });
        expect((await browser.client.confirm('pm_mock_decline_0002')).status).toBe(402);
        expect(await orders(browser.created.id)).toBe(0);
        expect(await identityRows(email)).toEqual(nothing);
      });
    });

    describe('a new shipping country above the threshold needs step-up (R20)', () => {
      const france = { name: 'Ada Lovelace', line1: '1 Rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };
      const stepUpCode = async (phone: string, after: number) => {
        await expect.poll(() => texts.slice(after).some((t) => t.to === phone)).toBe(true);
        return /code is (\d{6})/.exec(texts.slice(after).findLast((t) => t.to === phone)!.body)![1]!;
      };

      it('refuses the one-click payment after an email code, writes nothing, and pays after an SMS step-up', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('abroad');
        const phone = `+4915112348${String(run % 100).padStart(2, '0')}`;
        await buyAsGuest(merchant, email, { phone });
        const browser = await visit(merchant);
        const session = await browser.signIn(email);
        expect(session.assurance).toBe('email');
        await browser.post('/apply', {}, session.shopperToken);
        expect((await browser.client.post('/shipping-address', france)).status).toBe(200);
        const method = session.profile!.savedMethods[0]!.id;
        const pay = (token: string, key: string) =>
          browser.client.post('/confirm', { paymentMethod: method }, { 'idempotency-key': key, 'omni-shopper-token': token });

        const refused = await pay(session.shopperToken, 'abroad-1');
        expect(refused.status).toBe(403);
        const error = ((await refused.json()) as { error: { code: string; message: string } }).error;
        expect(error.code).toBe('step_up_required');
        expect(error.message).toMatch(/new country/);
        expect(Number((await getDb().query<{ n: string }>('SELECT count(*) AS n FROM orders WHERE session_id = $1', [browser.created.id])).rows[0]!.n)).toBe(0);
        expect(((await (await browser.client.get()).json()) as { status: string }).status).toBe('open');

        const sent = texts.length;
        const challenge = (await (await browser.post('/step-up', {}, session.shopperToken)).json()) as IdentityLookupResponse;
        expect(challenge).toMatchObject({ channel: 'sms', hint: `••• ••${phone.slice(-2)}` });
        const strong = (await browser.verify(challenge.challengeId, await stepUpCode(phone, sent))).body;
        expect(strong.assurance).toBe('sms');
        const paid = await pay(strong.shopperToken, 'abroad-2');
        expect(paid.status).toBe(200);
        expect(await paid.json()).toMatchObject({ status: 'succeeded', order: { shippingAddress: { country: 'FR' } } });
      });

      it('needs no step-up for a saved country, nor at or below the threshold', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('home');
        await buyAsGuest(merchant, email, { phone: `+4915112349${String(run % 100).padStart(2, '0')}` });
        // A saved country (DE), above the threshold.
        const home = await visit(merchant);
        const atHome = await home.signIn(email);
        await home.post('/apply', {}, atHome.shopperToken);
        const method = atHome.profile!.savedMethods[0]!.id;
        const paidHome = await home.client.post('/confirm', { paymentMethod: method }, { 'idempotency-key': 'home-1', 'omni-shopper-token': atHome.shopperToken });
        expect(paidHome.status).toBe(200);
        // A new country (FR), with a total of 8.50 + 4.95 EUR: below the threshold.
        const created = await createSession(env, merchant, { ...SAMPLE_SESSION, lineItems: [{ id: 'mug', name: 'Mug', unitAmount: 850, quantity: 1 }] });
        expect(created.session.totals.total).toBeLessThanOrEqual(STEP_UP_ABOVE);
        const small = clientFor(env, merchant, created);
        const headers = { authorization: `Bearer ${created.clientSecret}`, 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin, 'content-type': 'application/json' };
        const id = `/v1/client/checkout-sessions/${created.id}/identity`;
        const before = lastMessageId();
        const lookup = (await (await env.app.request(`${id}/lookup`, { method: 'POST', headers, body: JSON.stringify({ email }) })).json()) as IdentityLookupResponse;
        const code = await codeMailedTo(email, before);
        const verified = (await (await env.app.request(`${id}/verify`, { method: 'POST', headers, body: JSON.stringify({ challengeId: lookup.challengeId, code }) })).json()) as ShopperSession;
        await small.post('/contact', { email });
        await small.post('/shipping-address', france);
        const paidSmall = await small.post('/confirm', { paymentMethod: method }, { 'idempotency-key': 'small-1', 'omni-shopper-token': verified.shopperToken });
        expect(paidSmall.status).toBe(200);
      });
    });

    describe('recognition and codes (R17, R21)', () => {
      it('answers the same shape for known and unknown shoppers, with only a masked hint, and mails a code only to the known one', async () => {
        const merchant = await createMerchant(env);
        const known = uniqueEmail('known');
        await buyAsGuest(merchant, known);
        const unknown = uniqueEmail('nobody');
        const browser = await visit(merchant);
        const before = lastMessageId();
        const a = await browser.lookup({ email: known });
        const b = await browser.lookup({ email: unknown });
        expect(a.status).toBe(200);
        expect(b.status).toBe(200);
        const shape = (value: object) => Object.entries(value).map(([key, v]) => [key, typeof v]);
        expect(shape(a.body)).toEqual(shape(b.body));
        expect(a.body.hint).toBe(`${known[0]}•••@e•••.com`);
        expect(JSON.stringify(a.body)).not.toMatch(/Ada|Berlin|4242/);
        const code = await codeMailedTo(known, before);
        expect(code).toMatch(/^\d{6}$/);
        expect(catcher.messages().filter((m) => m.to === unknown)).toEqual([]);
        // An unknown identity's challenge can never be verified.
        expect((await browser.verify(b.body.challengeId, '000000')).body.error?.code).toBe('invalid_code');
      });

      it('answers known and unknown shoppers in similar time (medians of many interleaved lookups; figures printed)', async () => {
        // Limits raised so the measurement is of the lookup itself, not of a 429.
        const timed = await createTestEnv({
          db: getDb(),
          vault,
          app: {
            providers: [provider],
            identity: { db: getDb(), vault, mailer, sms: null, trustProxy: true, limits: { ...DEFAULT_LIMITS, sendsPerIdentity: 1000, sendsPerIp: 1000 } },
          },
        });
        // An address of its own: the per-IP counters are shared through the database with the other tests.
        const ip = '198.51.100.21';
        const merchant = await createMerchant(env);
        const known = uniqueEmail('timed');
        await buyAsGuest(merchant, known);
        const created = await createSession(timed, merchant);
        const lookup = async (email: string) => {
          const started = performance.now();
          const response = await timed.app.request(`/v1/client/checkout-sessions/${created.id}/identity/lookup`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${created.clientSecret}`,
              'omni-publishable-key': merchant.publishableKey,
              origin: merchant.origin,
              'content-type': 'application/json',
              'x-forwarded-for': ip,
            },
            body: JSON.stringify({ email }),
          });
          const elapsed = performance.now() - started;
          expect(response.status).toBe(200);
          return elapsed;
        };
        const samples = { known: [] as number[], unknown: [] as number[] };
        for (let i = 0; i < 5; i++) await Promise.all([lookup(known), lookup(uniqueEmail('warm'))]).catch(() => undefined);
        for (let i = 0; i < 60; i++) {
          // Interleaved, alternating which goes first, so load on the machine hits both alike.
          if (i % 2 === 0) {
            samples.known.push(await lookup(known));
            samples.unknown.push(await lookup(uniqueEmail('ghost')));
          } else {
            samples.unknown.push(await lookup(uniqueEmail('ghost')));
            samples.known.push(await lookup(known));
          }
        }
        const median = (values: number[]) => {
          const sorted = [...values].sort((a, b) => a - b);
          return (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
        };
        const k = median(samples.known);
        const u = median(samples.unknown);
        console.log(`R21 lookup timing on ${dbName} (60 samples each): known median ${k.toFixed(2)} ms, unknown median ${u.toFixed(2)} ms, difference ${(k - u).toFixed(2)} ms`);
        // Generous: the medians within 10 ms or 50% of each other (enumeration by timing needs a steady gap).
        expect(Math.abs(k - u)).toBeLessThan(Math.max(10, 0.5 * Math.min(k, u)));
        // The known shopper did get codes; the unknown ones got nothing.
        await catcher.waitFor((m) => m.to === known && /checkout code/.test(m.subject));
        expect(catcher.messages().some((m) => m.to.startsWith('ghost.'))).toBe(false);
      });

      it('does not wait for the mail to go out: a known shopper is answered while the SMTP server hangs', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('slowmail');
        await buyAsGuest(merchant, email);
        const hanging = await createTestEnv({
          db: getDb(),
          vault,
          app: { providers: [provider], identity: { db: getDb(), vault, mailer: { send: () => new Promise(() => undefined), close: () => undefined }, sms: null } },
        });
        const created = await createSession(hanging, merchant);
        const response = await hanging.app.request(`/v1/client/checkout-sessions/${created.id}/identity/lookup`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.clientSecret}`, 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin, 'content-type': 'application/json' },
          body: JSON.stringify({ email }),
        });
        expect(response.status).toBe(200);
      });

      it('stores the code only as a keyed hash; it works once, and not after 10 minutes', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('once');
        await buyAsGuest(merchant, email);
        const browser = await visit(merchant);
        const before = lastMessageId();
        const { body } = await browser.lookup({ email });
        const code = await codeMailedTo(email, before);
        const { rows } = await getDb().query('SELECT * FROM otp_challenges WHERE id = $1', [body.challengeId]);
        expect(JSON.stringify(rows)).not.toContain(code);
        expect(new Date(body.expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60 * 1000);
        expect((await browser.verify(body.challengeId, code)).status).toBe(200);
        expect((await browser.verify(body.challengeId, code)).status).not.toBe(200);

        const later = await browser.lookup({ email });
        const laterCode = await codeMailedTo(email, before + 1);
        env.clock.now = new Date(Date.now() + 10 * 60 * 1000 + 1000);
        try {
          expect((await browser.verify(later.body.challengeId, laterCode)).body.error?.code).toBe('code_expired');
        } finally {
          env.clock.now = new Date();
        }
      });

      it('evaluates at most 5 of 50 parallel wrong guesses; then even the right code is refused', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('guess');
        await buyAsGuest(merchant, email);
        const browser = await visit(merchant);
        const before = lastMessageId();
        const { body } = await browser.lookup({ email });
        const code = await codeMailedTo(email, before);
        const wrong = code === '999999' ? '999998' : '999999';
        const answers = await Promise.all(Array.from({ length: 50 }, () => browser.verify(body.challengeId, wrong)));
        const evaluated = answers.filter((a) => a.body.error?.code === 'invalid_code').length;
        expect(evaluated).toBeLessThanOrEqual(5);
        expect(answers.filter((a) => a.body.error?.code === 'too_many_attempts').length).toBe(50 - evaluated);
        const { rows } = await getDb().query<{ attempts: number }>('SELECT attempts FROM otp_challenges WHERE id = $1', [body.challengeId]);
        expect(rows[0]!.attempts).toBe(5);
        expect((await browser.verify(body.challengeId, code)).body.error?.code).toBe('too_many_attempts');
      });

      it('a new code does not reset the identity’s failure count (R18)', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('persistent');
        await buyAsGuest(merchant, email);
        const browser = await visit(merchant);
        for (let round = 0; round < 2; round++) {
          const { body } = await browser.lookup({ email });
          for (let i = 0; i < 5; i++) await browser.verify(body.challengeId, '000001');
        }
        const before = lastMessageId();
        const { body } = await browser.lookup({ email });
        const code = await codeMailedTo(email, before);
        expect((await browser.verify(body.challengeId, code)).body.error?.code).toBe('too_many_attempts');
      });
    });

    describe('send limits (R19)', () => {
      it('the 6th code for one identity in 10 minutes → 429 and nothing sent', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('limit');
        await buyAsGuest(merchant, email);
        const browser = await visit(merchant);
        const before = lastMessageId();
        for (let i = 0; i < 5; i++) expect((await browser.lookup({ email })).status).toBe(200);
        await catcher.waitFor((m) => m.to === email && m.id > before && catcher.messages().filter((x) => x.to === email && x.id > before).length === 5);
        const sixth = await browser.lookup({ email });
        expect(sixth.status).toBe(429);
        expect(sixth.body.error?.code).toBe('rate_limited');
        // Same for an unknown identity: the limit does not reveal who exists.
        const stranger = uniqueEmail('stranger');
        for (let i = 0; i < 5; i++) await browser.lookup({ email: stranger });
        expect((await browser.lookup({ email: stranger })).status).toBe(429);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(catcher.messages().filter((m) => m.to === email && m.id > before)).toHaveLength(5);
      });

      it('limits lookups per client IP across identities', async () => {
        const merchant = await createMerchant(env);
        const browser = await visit(merchant, '192.0.2.77');
        const statuses = [];
        for (let i = 0; i < 13; i++) statuses.push((await browser.lookup({ email: uniqueEmail('ip') })).status);
        expect(statuses.slice(0, 12).every((s) => s === 200)).toBe(true);
        expect(statuses[12]).toBe(429);
      });

      it('sends codes by SMS only to allowed countries, with the WebOTP line', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('texter');
        const phone = `+4915112345${String(run % 100).padStart(2, '0')}`;
        await buyAsGuest(merchant, email, { phone });
        const browser = await visit(merchant);
        const refused = await browser.lookup({ phone: '+86 139 1234 5678' });
        expect(refused.body.error?.code).toBe('sms_country_not_allowed');
        const { status, body } = await browser.lookup({ phone });
        expect(status).toBe(200);
        expect(body).toMatchObject({ channel: 'sms', hint: `••• ••${phone.slice(-2)}` });
        await expect.poll(() => texts.some((t) => t.to === phone)).toBe(true);
        const text = texts.findLast((t) => t.to === phone)!;
        const code = /code is (\d{6})/.exec(text.body)![1]!;
        expect(text.body).toMatch(new RegExp(`@${new URL(merchant.origin).hostname} #${code}$`));
        expect((await browser.verify(body.challengeId, code)).body.assurance).toBe('sms');
      });
    });

    describe('shopper tokens (R25)', () => {
      it('work only for their merchant, session and origin, and not one second after 15 minutes', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('token');
        await buyAsGuest(merchant, email);
        const browser = await visit(merchant);
        const session = await browser.signIn(email);
        expect(new Date(session.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000 + 1000);
        expect((await browser.get('/profile', session.shopperToken)).status).toBe(200);

        const otherSession = await visit(merchant);
        expect((await otherSession.get('/profile', session.shopperToken)).status).toBe(401);
        const otherMerchant = await visit(await createMerchant(env));
        expect((await otherMerchant.get('/profile', session.shopperToken)).status).toBe(401);
        // The same session from another allowed origin of the merchant.
        const twoOrigins = { ...merchant, origin: `https://other-${run}.example` };
        await env.storage.upsertMerchant({ name: 'Test Shop', publishableKey: merchant.publishableKey, secretKey: merchant.secretKey, allowedOrigins: [merchant.origin, twoOrigins.origin] });
        const fromElsewhere = await env.app.request(`/v1/client/checkout-sessions/${browser.created.id}/identity/profile`, {
          headers: { authorization: `Bearer ${browser.created.clientSecret}`, 'omni-publishable-key': merchant.publishableKey, origin: twoOrigins.origin, 'omni-shopper-token': session.shopperToken },
        });
        expect(fromElsewhere.status).toBe(401);
        expect((await browser.get('/profile', `${session.shopperToken}x`)).status).toBe(401);
        env.clock.now = new Date(new Date(session.expiresAt).getTime() + 1000);
        try {
          const expired = await browser.get('/profile', session.shopperToken);
          expect(expired.status).toBe(401);
          expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('invalid_shopper_token');
        } finally {
          env.clock.now = new Date();
        }
      });
    });

    describe('the network: shop B sees only what the shopper agrees to share', () => {
      it('recognises a shopper saved at shop A, asks for consent, then prefills', async () => {
        const shopA = await createMerchant(env, 'Shop A');
        const shopB = await createMerchant(env, 'Shop B');
        const email = uniqueEmail('network');
        await buyAsGuest(shopA, email);
        const atB = await visit(shopB);
        const session = await atB.signIn(email);
        expect(session).toMatchObject({ consentRequired: true, profile: null });
        const denied = await atB.post('/apply', {}, session.shopperToken);
        expect(denied.status).toBe(403);
        expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('consent_required');
        expect((await atB.get('/profile', session.shopperToken)).status).toBe(403);
        const shared = await atB.post('/share', { textVersion: SHARE_CONSENT_VERSION }, session.shopperToken);
        const profile = (await shared.json()) as ShopperProfile;
        expect(profile.savedMethods.map((m) => m.last4)).toEqual(['4242']);
        const applied = await atB.post('/apply', {}, session.shopperToken);
        expect(applied.status).toBe(200);
        expect(await applied.json()).toMatchObject({ contact: { email }, shippingAddress: { city: 'Berlin' }, selectedShippingOptionId: 'standard' });
      });
    });

    describe('profile', () => {
      it('keeps several addresses with one default, which prefills the session, and remembers the last shipping choice', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('profile');
        await buyAsGuest(merchant, email);
        const browser = await visit(merchant);
        const session = await browser.signIn(email);
        const office = { name: 'Ada Lovelace', line1: 'Friedrichstraße 100', city: 'Hamburg', postalCode: '20095', country: 'DE' };
        const added = (await (await browser.post('/addresses', { label: 'Office', address: office, makeDefault: true }, session.shopperToken)).json()) as ShopperProfile;
        expect(added.addresses.map((a) => [a.label, a.isDefault])).toEqual([['Home', false], ['Office', true]]);
        const applied = await (await browser.post('/apply', {}, session.shopperToken)).json();
        expect(applied).toMatchObject({ shippingAddress: { city: 'Hamburg' } });
        const home = added.addresses.find((a) => a.label === 'Home')!;
        const back = (await (await browser.post(`/addresses/${home.id}/default`, {}, session.shopperToken)).json()) as ShopperProfile;
        expect(back.addresses.filter((a) => a.isDefault).map((a) => a.label)).toEqual(['Home']);
        expect((await browser.post('/addresses/adr_nope/default', {}, session.shopperToken)).status).toBe(404);

        // Paying with express delivery makes it the preferred option for next time.
        await browser.post('/apply', { addressId: home.id }, session.shopperToken);
        await browser.client.post('/shipping-option', { shippingOptionId: 'express' });
        const method = session.profile!.savedMethods[0]!;
        const paid = await browser.client.post('/confirm', { paymentMethod: method.id }, { 'idempotency-key': 'pref', 'omni-shopper-token': session.shopperToken });
        expect(paid.status).toBe(200);
        const next = await visit(merchant);
        const again = await next.signIn(email);
        expect(again.profile!.preferredShippingOptionId).toBe('express');
        expect(await (await next.post('/apply', {}, again.shopperToken)).json()).toMatchObject({ selectedShippingOptionId: 'express', shippingAddress: { city: 'Berlin' } });
      });
    });

    describe('one-click with a saved method', () => {
      it('pays with the saved method for a verified shopper, and refuses it without the token', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('oneclick');
        await buyAsGuest(merchant, email);
        const browser = await visit(merchant);
        const session = await browser.signIn(email);
        await browser.post('/apply', {}, session.shopperToken);
        const method = session.profile!.savedMethods[0]!;
        expect(method.id).toMatch(/^spm_/);
        const refused = await browser.client.confirm(method.id);
        expect(refused.status).toBe(401);
        const paid = await browser.client.confirm(method.id, 'one-click', {});
        expect(paid.status).toBe(401);
        const ok = await browser.client.post('/confirm', { paymentMethod: method.id }, { 'idempotency-key': 'one-click-2', 'omni-shopper-token': session.shopperToken });
        expect(ok.status).toBe(200);
        expect(await ok.json()).toMatchObject({ status: 'succeeded', order: { amount: 5343 } });
      });
    });

    describe('devices (R23)', () => {
      it('a remembered device shows the one-click summary on its own merchant site only, until revoked or 30 days idle', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('device');
        await buyAsGuest(merchant, email);
        const browser = await visit(merchant);
        const session = await browser.signIn(email, true);
        const token = session.deviceToken!;
        expect(Buffer.from(token.replace(/^dvc_/, ''), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
        const again = await visit(merchant);
        const summary = async (b: Awaited<ReturnType<typeof visit>>) => (await (await b.post('/device', { deviceToken: token })).json()) as Record<string, unknown>;
        expect(await summary(again)).toMatchObject({ recognized: true, method: { brand: 'visa', last4: '4242' }, address: { label: 'Home' } });
        expect(await summary(await visit(await createMerchant(env)))).toMatchObject({ recognized: false, method: null });
        env.clock.now = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
        try {
          expect(await summary(again)).toMatchObject({ recognized: false });
        } finally {
          env.clock.now = new Date();
        }
        const fresh = await browser.signIn(email, true);
        expect(await (await again.post('/device/forget', { deviceToken: fresh.deviceToken })).json()).toEqual({ revoked: true });
        expect((await (await again.post('/device', { deviceToken: fresh.deviceToken })).json()) as object).toMatchObject({ recognized: false });
      });
    });

    describe('step-up and notifications (R20, R24)', () => {
      it('removing a method after an email code needs step-up by SMS; the provider detaches it and the shopper is told', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('stepup');
        const phone = `+4915112346${String(run % 100).padStart(2, '0')}`;
        await buyAsGuest(merchant, email, { phone });
        const browser = await visit(merchant);
        const session = await browser.signIn(email);
        const method = session.profile!.savedMethods[0]!;
        const refused = await browser.post(`/methods/${method.id}/remove`, {}, session.shopperToken);
        expect(refused.status).toBe(403);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('step_up_required');

        const challenge = (await (await browser.post('/step-up', {}, session.shopperToken)).json()) as IdentityLookupResponse;
        expect(challenge).toMatchObject({ channel: 'sms', hint: `••• ••${phone.slice(-2)}` });
        await expect.poll(() => texts.some((t) => t.to === phone)).toBe(true);
        const code = /code is (\d{6})/.exec(texts.findLast((t) => t.to === phone)!.body)![1]!;
        const strong = (await browser.verify(challenge.challengeId, code)).body;
        expect(strong.assurance).toBe('sms');
        const removed = await browser.post(`/methods/${method.id}/remove`, {}, strong.shopperToken);
        expect(removed.status).toBe(200);
        expect(((await removed.json()) as ShopperProfile).savedMethods).toEqual([]);
        expect(detached).toContain('pm_mock_saved_success_4242');

        const worker = createOutboxWorker({ db: getDb(), mailer, sms: { send: async () => undefined }, templates: defaultTemplates({ storage: env.storage, db: getDb(), vault }), logger: createLogger({ level: 'silent' }) });
        await worker.runOnce();
        const notice = await catcher.waitFor((m) => m.to === email && m.subject === 'A saved card was removed');
        expect(notice.text).toContain('visa card ending in 4242');
      });

      it('changing the email needs step-up, revokes remembered devices and tells the old address', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('mover');
        const phone = `+4915112347${String(run % 100).padStart(2, '0')}`;
        await buyAsGuest(merchant, email, { phone });
        const browser = await visit(merchant);
        const session = await browser.signIn(email, true);
        const newEmail = uniqueEmail('moved');
        expect((await browser.post('/contact', { email: newEmail }, session.shopperToken)).status).toBe(403);
        const challenge = (await (await browser.post('/step-up', {}, session.shopperToken)).json()) as IdentityLookupResponse;
        await expect.poll(() => texts.some((t) => t.to === phone)).toBe(true);
        const code = /code is (\d{6})/.exec(texts.findLast((t) => t.to === phone)!.body)![1]!;
        const strong = (await browser.verify(challenge.challengeId, code)).body;
        const changed = await browser.post('/contact', { email: newEmail }, strong.shopperToken);
        expect(changed.status).toBe(200);
        expect(((await changed.json()) as ShopperProfile).email).toBe(newEmail);
        expect(await (await browser.post('/device', { deviceToken: session.deviceToken })).json()).toMatchObject({ recognized: false });
        const worker = createOutboxWorker({ db: getDb(), mailer, sms: { send: async () => undefined }, templates: defaultTemplates({ storage: env.storage, db: getDb(), vault }), logger: createLogger({ level: 'silent' }) });
        await worker.runOnce();
        await catcher.waitFor((m) => m.to === email && m.subject === 'Your checkout details were changed');
        // The old address no longer finds the shopper.
        const before = lastMessageId();
        await browser.lookup({ email });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(catcher.messages().filter((m) => m.to === email && m.id > before)).toEqual([]);
      });
    });

    describe('passkey challenges (R22)', () => {
      it('refuses an assertion whose challenge was never issued, or was already used', async () => {
        const merchant = await createMerchant(env);
        const browser = await visit(merchant);
        const options = (await (await browser.post('/passkeys/authentication-options', {})).json()) as { options: { challenge: string; userVerification: string; timeout: number; rpId: string } };
        expect(options.options).toMatchObject({ userVerification: 'required', timeout: 300000, rpId: new URL(merchant.origin).hostname });
        const forged = (challenge: string) => ({
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: {
            clientDataJSON: Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin: merchant.origin })).toString('base64url'),
            authenticatorData: 'AAAA',
            signature: 'AAAA',
          },
          clientExtensionResults: {},
        });
        const unknown = await browser.post('/passkeys/authenticate', { response: forged('bm90LWlzc3VlZA') });
        expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('passkey_failed');
        // The issued challenge is consumed by the first attempt, even a failed one.
        expect((await browser.post('/passkeys/authenticate', { response: forged(options.options.challenge) })).status).toBe(400);
        const { rows } = await getDb().query('SELECT used_at FROM webauthn_challenges WHERE challenge = $1', [options.options.challenge]);
        expect(rows[0]).toMatchObject({ used_at: expect.anything() });

        // A challenge is good for 5 minutes only.
        const late = (await (await browser.post('/passkeys/authentication-options', {})).json()) as { options: { challenge: string } };
        env.clock.now = new Date(Date.now() + 5 * 60 * 1000 + 1000);
        try {
          expect((await browser.post('/passkeys/authenticate', { response: forged(late.options.challenge) })).status).toBe(400);
        } finally {
          env.clock.now = new Date();
        }
        const { rows: expired } = await getDb().query('SELECT used_at FROM webauthn_challenges WHERE challenge = $1', [late.options.challenge]);
        expect(expired[0]).toMatchObject({ used_at: null });
      });
    });

    describe('the returning shopper\'s one call (recall)', () => {
      it('answers the passkey options of a one-click device with a challenge bound to its session and good once', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('recall');
        await buyAsGuest(merchant, email);
        const { deviceToken } = await (await visit(merchant)).signIn(email, true);
        const { rows } = await getDb().query<{ id: string }>('SELECT id FROM shoppers WHERE email_hash = $1', [vault.lookupHash('email', email)]);
        await getDb().query(`INSERT INTO passkeys (credential_id, shopper_id, public_key, counter, transports) VALUES ($1, $2, 'AAAA', 0, '[]'::jsonb)`, [`recall-${rows[0]!.id}`, rows[0]!.id]);
        const again = await visit(merchant);
        const answer = (await (await again.post('/recall', { deviceToken })).json()) as RecallResponse;
        expect(answer).toMatchObject({ session: { id: again.created.id, status: 'open' }, device: { recognized: true, hasPasskey: true }, passkeyOptions: { userVerification: 'required', rpId: new URL(merchant.origin).hostname } });
        const challenge = String(answer.passkeyOptions!['challenge']);
        const stored = async () => (await getDb().query('SELECT session_id, used_at FROM webauthn_challenges WHERE challenge = $1', [challenge])).rows[0];
        expect(await stored()).toMatchObject({ session_id: again.created.id, used_at: null });
        const assertion = {
          id: `recall-${rows[0]!.id}`,
          rawId: `recall-${rows[0]!.id}`,
          type: 'public-key',
          response: {
            clientDataJSON: Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin: merchant.origin })).toString('base64url'),
            authenticatorData: 'AAAA',
            signature: 'AAAA',
          },
          clientExtensionResults: {},
        };
        // Another checkout session of the same merchant cannot use it, and does not spend it.
        expect((await (await visit(merchant)).post('/passkeys/authenticate', { response: assertion })).status).toBe(400);
        expect(await stored()).toMatchObject({ used_at: null });
        // Its own session spends it on the first attempt (this forged one fails), never twice.
        expect((await again.post('/passkeys/authenticate', { response: assertion })).status).toBe(400);
        expect(await stored()).toMatchObject({ used_at: expect.anything() });
        // No challenge is issued for a device that cannot pay in one click.
        const before = (await getDb().query('SELECT count(*)::int AS n FROM webauthn_challenges')).rows[0] as { n: number };
        const stranger = (await (await (await visit(merchant)).post('/recall', { deviceToken: `dvc_${'x'.repeat(43)}` })).json()) as RecallResponse;
        expect(stranger).toMatchObject({ device: { recognized: false }, passkeyOptions: null });
        expect((await getDb().query('SELECT count(*)::int AS n FROM webauthn_challenges')).rows[0]).toEqual(before);
      });
    });

    describe('privacy (R31–R33)', () => {
      it('exports everything, then erases identity, devices and methods and pseudonymises orders', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('erase');
        const guest = await buyAsGuest(merchant, email);
        const browser = await visit(merchant);
        const session = await browser.signIn(email, true);
        const exported = (await (await browser.get('/export', session.shopperToken)).json()) as Record<string, unknown>;
        expect(exported).toMatchObject({ shopper: { email }, addresses: [{ label: 'Home' }], savedMethods: [{ last4: '4242' }], consents: [{ kind: 'save' }], devices: [{ revoked: false }] });
        expect((exported.orders as string[]).length).toBe(1);
        const orderId = (exported.orders as string[])[0]!;

        expect((await browser.post('/erase', {}, session.shopperToken)).status).toBe(200);
        expect(detached).toContain('pm_mock_saved_success_4242');
        const left = await getDb().query('SELECT 1 FROM shoppers WHERE email_hash = $1', [vault.lookupHash('email', email)]);
        expect(left.rows).toEqual([]);
        const order = (await getDb().query<{ contact: unknown; amount: string }>('SELECT contact, amount FROM orders WHERE id = $1', [orderId])).rows[0]!;
        expect(order.contact).toBeNull();
        expect(Number(order.amount)).toBe(5343);
        expect(guest.created.id).toBeTruthy();
        expect((await browser.get('/profile', session.shopperToken)).status).toBe(401);
        expect(await (await browser.post('/device', { deviceToken: session.deviceToken })).json()).toMatchObject({ recognized: false });
      });

      it('a dump of every table holds no fixture email, phone or code in clear, and no log line holds a code, token or email', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('dump');
        const phone = '+49 151 23456789';
        await buyAsGuest(merchant, email, { phone });
        const browser = await visit(merchant);
        const before = lastMessageId();
        const { body } = await browser.lookup({ email });
        const code = await codeMailedTo(email, before);
        const session = (await browser.verify(body.challengeId, code, true)).body;
        const dump = await dumpAll(getDb());
        expect(dump).toContain(vault.lookupHash('email', email));
        for (const secret of [email, 'ada@example.com', '+4915123456789', code, session.shopperToken, session.deviceToken!, 'Unter den Linden']) {
          expect(dump, secret).not.toContain(secret);
        }
        for (const secret of [email, code, session.shopperToken, session.deviceToken!, '+4915123456789']) {
          expect(logs(), secret).not.toContain(secret);
        }
      });

      it('rotates to a new key: every sealed value is rewritten and still readable without the old key', async () => {
        const merchant = await createMerchant(env);
        const email = uniqueEmail('rotate');
        await buyAsGuest(merchant, email, { phone: '+49 151 23456780' });
        const oldKey = randomBytes(32);
        // This test's own vaults share the suite's lookup key through a fresh createVault.
        const lookupKey = randomBytes(32);
        const v1 = createVault([{ id: 'k1', key: oldKey }], lookupKey);
        const sealed = v1.seal('secret');
        const v2 = createVault([{ id: 'k2', key: randomBytes(32) }, { id: 'k1', key: oldKey }], lookupKey);
        expect(v2.open(sealed)).toBe('secret');
        expect(v2.needsRotation(sealed)).toBe(true);
        expect(() => createVault([{ id: 'k2', key: randomBytes(32) }], lookupKey).open(sealed)).toThrow(/Unknown data key "k1"/);
        // One character inside the sealed bytes (the last one may hold only padding bits, so changing it can decode to the same bytes).
        const at = sealed.lastIndexOf('.') + 10;
        const tampered = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
        expect(() => v2.open(tampered)).toThrow();

        // The suite's data under a rotated configuration: new key first, the suite's key after it.
        const suiteKeyId = vault.currentKeyId;
        const { rows: beforeRows } = await getDb().query<{ n: string }>(`SELECT count(*) AS n FROM shoppers WHERE email_sealed LIKE $1`, [`v1.${suiteKeyId}.%`]);
        expect(Number(beforeRows[0]!.n)).toBeGreaterThan(0);
        const rotated: Vault = {
          ...vault,
          currentKeyId: 'next',
          seal: (plain) => `v1.next.${Buffer.from(vault.seal(plain)).toString('base64url')}`,
          open: (value) => (value.startsWith('v1.next.') ? vault.open(Buffer.from(value.slice(8), 'base64url').toString()) : vault.open(value)),
          needsRotation: (value) => !value.startsWith('v1.next.'),
        };
        expect(await rotateKeys(getDb(), rotated)).toBeGreaterThan(0);
        const { rows: after } = await getDb().query<{ n: string }>(`SELECT count(*) AS n FROM shoppers WHERE email_sealed NOT LIKE 'v1.next.%'`);
        expect(Number(after[0]!.n)).toBe(0);
        expect(await rotateKeys(getDb(), rotated)).toBe(0);
        const { rows: one } = await getDb().query<{ email_sealed: string }>('SELECT email_sealed FROM shoppers WHERE email_hash = $1', [vault.lookupHash('email', email)]);
        expect(rotated.open(one[0]!.email_sealed)).toBe(email);
        // Put the suite's data back under the suite's key for the tests that follow.
        await rotateKeys(getDb(), { ...vault, open: rotated.open });
      });
    });
  });
});

/** Every row of every table as text, like `pg_dump --data-only`. */
async function dumpAll(db: Db): Promise<string> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await db.query<{ t: string }>(`SELECT t::text AS t FROM "${table_name}" t`);
    parts.push(...rows.map((r) => r.t));
  }
  return parts.join('\n');
}
