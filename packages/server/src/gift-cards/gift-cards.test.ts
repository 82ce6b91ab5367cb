/**
 * Gift cards (issue 18): issue, ledger, debits and credits through the merchant API, the page's
 * balance check with attempt limits, and no negative balance under concurrency — 50 parallel
 * debits of one card on PGlite and PostgreSQL, and on PostgreSQL across two backend instances
 * (two apps, each with its own connection pool) on one database.
 */
import { describe, expect, it } from 'vitest';
import { normaliseGiftCardCode, type GiftCardTransaction, type GiftCardWithTransactions, type IssuedGiftCard } from '@omni-checkout/core';
import { createApp } from '../app.js';
import { randomVault } from '../identity/vault.js';
import { createLogger } from '../logger.js';
import { openPostgres, type Db } from '../storage/db.js';
import { storageFromDb } from '../storage/index.js';
import { Seed, applySeed } from '../seed.js';
import { newPublishableKey, newSecretKey } from '../crypto.js';
import { createFakeProvider } from '../test/fake-provider.js';
import { SAMPLE_SESSION } from '../test/env.js';
import { onEachDatabase, postgresReachable, usePostgres } from '../test/databases.js';

const ORIGIN = 'https://shop.example';
const silent = createLogger({ level: 'silent' });

function appOn(db: Db, clock: { now: Date }, mac = randomVault().mac) {
  const storage = storageFromDb(db, {});
  const app = createApp({ storage, providers: [createFakeProvider()], logger: silent, db, now: () => clock.now, giftCards: { mac, limits: { perSession: 5, perIp: 1000, windowS: 3600 } } });
  return { app, storage };
}

async function newMerchant(db: Db) {
  const publishableKey = newPublishableKey();
  const secretKey = newSecretKey();
  await applySeed(storageFromDb(db, {}), Seed.parse({ merchants: [{ name: 'Gift shop', publishableKey, secretKey, allowedOrigins: [ORIGIN], providers: ['mock'] }] }));
  return { publishableKey, secretKey };
}

type App = ReturnType<typeof appOn>['app'];

function merchantApi(app: App, secretKey: string) {
  const send = (method: string, path: string, body?: unknown, key?: string) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${secretKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(key ? { 'idempotency-key': key } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  return {
    issue: async (body: unknown) => send('POST', '/v1/gift-cards', body),
    get: async (id: string) => (await (await send('GET', `/v1/gift-cards/${id}`)).json()) as GiftCardWithTransactions,
    debit: (id: string, body: unknown, key: string) => send('POST', `/v1/gift-cards/${id}/debits`, body, key),
    credit: (id: string, body: unknown, key: string) => send('POST', `/v1/gift-cards/${id}/credits`, body, key),
    disable: (id: string) => send('POST', `/v1/gift-cards/${id}/disable`, {}),
  };
}

const code = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

async function issue(api: ReturnType<typeof merchantApi>, body: unknown): Promise<IssuedGiftCard> {
  const response = await api.issue(body);
  expect(response.status).toBe(201);
  return (await response.json()) as IssuedGiftCard;
}

onEachDatabase((name, getDb) => {
  describe(`gift cards (${name})`, () => {
    it('issues a card with a long random code, stored only as a keyed hash; its ledger starts with the issue', async () => {
      const db = getDb();
      const clock = { now: new Date('2026-12-06T10:00:00Z') };
      const { app } = appOn(db, clock);
      const api = merchantApi(app, (await newMerchant(db)).secretKey);
      const card = await issue(api, { amount: 5000, currency: 'EUR', validityDays: 1095 });
      expect(card.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
      expect(card).toMatchObject({ object: 'gift_card', balance: 5000, initialAmount: 5000, currency: 'EUR', status: 'active', livemode: false, last4: card.code.slice(-4) });
      expect(card.expiresAt).toBe('2029-12-05T10:00:00.000Z');
      const other = await issue(api, { amount: 5000, currency: 'EUR' });
      expect(other.code).not.toBe(card.code);
      expect(other.expiresAt).toBeNull();
      // Nothing in the database holds the code.
      const dump = JSON.stringify((await db.query('SELECT * FROM gift_cards')).rows) + JSON.stringify((await db.query('SELECT * FROM gift_card_transactions')).rows);
      expect(dump).not.toContain(normaliseGiftCardCode(card.code));
      expect(dump).not.toContain(card.code);
      const read = await api.get(card.id);
      expect(read).not.toHaveProperty('code');
      expect(read.transactions.map((t) => [t.kind, t.amount, t.balanceAfter])).toEqual([['issue', 5000, 5000]]);
      // A card of another merchant is not found.
      const foreign = merchantApi(app, (await newMerchant(db)).secretKey);
      expect((await foreign.debit(card.id, { amount: 1, currency: 'EUR' }, 'k-foreign')).status).toBe(404);
      expect((await api.issue({ amount: 0, currency: 'EUR' })).status).toBe(400);
      expect(await code(await api.issue({ amount: 100, currency: 'EUR', expiresAt: '2020-01-01T00:00:00Z' }))).toBe('validation_failed');
    });

    it('debits all or nothing, idempotently; credits give back at most what a debit took', async () => {
      const db = getDb();
      const clock = { now: new Date('2026-12-06T10:00:00Z') };
      const { app } = appOn(db, clock);
      const api = merchantApi(app, (await newMerchant(db)).secretKey);
      const card = await issue(api, { amount: 5000, currency: 'EUR' });
      const first = await api.debit(card.id, { amount: 3000, currency: 'EUR', reference: 'ord_1' }, 'k1');
      expect(first.status).toBe(200);
      const debit = (await first.json()) as GiftCardTransaction;
      expect(debit).toMatchObject({ kind: 'debit', amount: -3000, balanceAfter: 2000, reference: 'ord_1' });
      // The same key answers the same line; with another body it is refused.
      expect(await (await api.debit(card.id, { amount: 3000, currency: 'EUR', reference: 'ord_1' }, 'k1')).json()).toEqual(debit);
      const reused = await api.debit(card.id, { amount: 10, currency: 'EUR' }, 'k1');
      expect(reused.status).toBe(422);
      expect(await code(reused)).toBe('idempotency_key_reused');
      expect(await code(await api.debit(card.id, { amount: 2001, currency: 'EUR' }, 'k2'))).toBe('gift_card_insufficient_balance');
      expect(await code(await api.debit(card.id, { amount: 100, currency: 'USD' }, 'k3'))).toBe('gift_card_currency_mismatch');
      expect(await code(await api.debit(card.id, { amount: 100, currency: 'EUR' }, ''))).toBe('validation_failed');
      expect((await api.get(card.id)).balance).toBe(2000);

      // A refund back to the card: part, then the rest; never more than the debit took.
      expect(await code(await api.credit(card.id, { debit: debit.id, amount: 3001 }, 'c0'))).toBe('gift_card_credit_exceeds_debit');
      expect(((await (await api.credit(card.id, { debit: debit.id, amount: 1000 }, 'c1')).json()) as GiftCardTransaction).balanceAfter).toBe(3000);
      expect(await code(await api.credit(card.id, { debit: debit.id, amount: 2001 }, 'c2'))).toBe('gift_card_credit_exceeds_debit');
      const rest = (await (await api.credit(card.id, { debit: debit.id, amount: 2000 }, 'c3')).json()) as GiftCardTransaction;
      expect(rest).toMatchObject({ kind: 'credit', amount: 2000, balanceAfter: 5000, debit: debit.id });
      expect((await api.get(card.id)).transactions.map((t) => t.kind)).toEqual(['issue', 'debit', 'credit', 'credit']);

      // Disabled or expired: no more debits, but a credit still lands.
      expect((await api.disable(card.id)).status).toBe(200);
      expect(await code(await api.debit(card.id, { amount: 1, currency: 'EUR' }, 'k4'))).toBe('gift_card_inactive');
      const expiring = await issue(api, { amount: 1000, currency: 'EUR', validityDays: 1 });
      const spent = (await (await api.debit(expiring.id, { amount: 400, currency: 'EUR' }, 'k5')).json()) as GiftCardTransaction;
      clock.now = new Date('2026-12-08T10:00:00Z');
      expect(await code(await api.debit(expiring.id, { amount: 1, currency: 'EUR' }, 'k6'))).toBe('gift_card_inactive');
      expect((await api.credit(expiring.id, { debit: spent.id, amount: 400 }, 'c4')).status).toBe(200);
    });

    it('50 parallel debits of one card: exactly as many as the balance covers succeed, never below zero', async () => {
      const db = getDb();
      const { app } = appOn(db, { now: new Date() });
      const api = merchantApi(app, (await newMerchant(db)).secretKey);
      const card = await issue(api, { amount: 10_000, currency: 'EUR' });
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => api.debit(card.id, { amount: 300, currency: 'EUR' }, `par-${i}`)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(33);
      expect(statuses.filter((s) => s === 409)).toHaveLength(17);
      const read = await api.get(card.id);
      expect(read.balance).toBe(100);
      expect(read.transactions.filter((t) => t.kind === 'debit')).toHaveLength(33);
      expect(Math.min(...read.transactions.map((t) => t.balanceAfter))).toBe(100);
      console.log(`[gift cards ${name}] 50 parallel debits of 3.00 from 100.00: ${statuses.filter((s) => s === 200).length} taken, balance ${read.balance}`);
    });

    it('the page checks a code’s balance; wrong codes are limited per session before any lookup', async () => {
      const db = getDb();
      const { app, storage } = appOn(db, { now: new Date() });
      const merchant = await newMerchant(db);
      const api = merchantApi(app, merchant.secretKey);
      const card = await issue(api, { amount: 2500, currency: 'EUR' });
      const created = await app.request('/v1/checkout-sessions', {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(SAMPLE_SESSION),
      });
      const { id, clientSecret } = (await created.json()) as { id: string; clientSecret: string };
      const check = (value: string) =>
        app.request(`/v1/client/checkout-sessions/${id}/gift-cards/balance`, {
          method: 'POST',
          headers: { authorization: `Bearer ${clientSecret}`, 'omni-publishable-key': merchant.publishableKey, origin: ORIGIN, 'content-type': 'application/json' },
          body: JSON.stringify({ code: value }),
        });
      // Typed as a person would: lower case, spaces, O for 0.
      const typed = card.code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
      const right = await check(typed);
      expect(right.status).toBe(200);
      expect(await right.json()).toEqual({ object: 'gift_card_balance', last4: card.last4, balance: 2500, currency: 'EUR', expiresAt: null });
      // A right code gives its attempt back: five wrong codes are still allowed, then nothing is looked up.
      const wrong = 'ABCD-EFGH-JKMN-PQRS-TVWX';
      for (let i = 0; i < 5; i++) expect(await code(await check(wrong))).toBe('gift_card_not_found');
      const blocked = await check(card.code);
      expect(blocked.status).toBe(429);
      expect(await code(blocked)).toBe('too_many_attempts');
      void storage;
    });
  });
});

describe.runIf(postgresReachable)('gift cards across two backend instances on one PostgreSQL', () => {
  const database = usePostgres('omni_gift');

  it('50 debits spread over two instances: no double spend, never below zero', async () => {
    const second = openPostgres(database.url());
    try {
      const mac = randomVault().mac;
      const clock = { now: new Date() };
      const one = appOn(database(), clock, mac).app;
      const two = appOn(second, clock, mac).app;
      const { secretKey } = await newMerchant(database());
      const card = await issue(merchantApi(one, secretKey), { amount: 10_000, currency: 'EUR' });
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => merchantApi(i % 2 ? two : one, secretKey).debit(card.id, { amount: 700, currency: 'EUR' }, `inst-${i % 25}`)),
      );
      // 25 keys, each sent once to each instance: a key moves money once, whichever instance wins.
      const lines = await Promise.all(answers.map(async (a) => (a.status === 200 ? ((await a.json()) as GiftCardTransaction).id : `refused-${a.status}`)));
      const taken = new Set(lines.filter((l) => l.startsWith('gctx_')));
      expect(taken.size).toBe(14);
      const read = await merchantApi(two, secretKey).get(card.id);
      expect(read.balance).toBe(10_000 - 14 * 700);
      expect(read.transactions.filter((t) => t.kind === 'debit')).toHaveLength(14);
      console.log(`[gift cards, two instances] 50 debits (25 keys × 2 instances) of 7.00 from 100.00: ${taken.size} taken once each, balance ${read.balance}`);
    } finally {
      await second.close();
    }
  });
});
