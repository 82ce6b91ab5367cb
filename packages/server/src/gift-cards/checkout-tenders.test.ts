/**
 * Gift cards and store credit paid in the checkout (issue 18, docs/payment-methods.md), on PGlite
 * and PostgreSQL, with the scriptable fake provider: a card that covers everything (no provider),
 * split tender (the provider is charged only the rest), atomicity with the order (a declined card
 * gives the hold back, a card spent meanwhile refuses the confirm before any provider call),
 * idempotent confirm, the reconciler finishing a card-only attempt, refunds per tender, parallel
 * confirms spending one card, and store credit for a recognised, consenting shopper.
 */
import { describe, expect, it } from 'vitest';
import type { CheckoutSession, ConfirmResponse, IssuedGiftCard, StoreCredit } from '@omni-checkout/core';
import type { CheckoutDeps } from '../checkout.js';
import { randomVault } from '../identity/vault.js';
import type { MailMessage } from '../notifications/mailer.js';
import { createLogger } from '../logger.js';
import { reconcileOnce } from '../reconciler.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, merchantPost, paySaving, shopperAt, type TestEnv, type TestMerchant } from '../test/env.js';
import type { Db } from '../storage/db.js';

// SAMPLE_SESSION: 2 × 19.99 + 8.50 = 48.48, standard shipping 4.95: 53.43.
const TOTAL = 5343;

onEachDatabase((name, getDb) => {
  const mail: MailMessage[] = [];
  let env: TestEnv;
  let faultAt: string | null = null;
  const setup = async () => {
    if (env) return env;
    const db = getDb();
    const vault = randomVault();
    env = await createTestEnv({
      db,
      vault,
      app: {
        db,
        giftCards: { mac: vault.mac, limits: { perSession: 5, perIp: 1000, windowS: 3600 } },
        identity: { db, vault, mailer: { send: async (m) => void mail.push(m), close: () => {} }, sms: null, trustProxy: true },
        fault: (point) => {
          if (point === faultAt) throw new Error(`fault at ${point}`);
        },
      },
    });
    return env;
  };

  /** A shop that takes gift cards in its checkout (the method is opt-in: `paymentMethods.enable`). */
  const giftCardShop = async (name = 'Gift card shop') => {
    const merchant = await createMerchant(env, name);
    await env.storage.upsertMerchant({ name, publishableKey: merchant.publishableKey, secretKey: merchant.secretKey, allowedOrigins: [merchant.origin], paymentMethods: { enable: ['gift_card'] } });
    return merchant;
  };
  const issue = async (merchant: TestMerchant, amount: number, extra: Record<string, unknown> = {}) => {
    const response = await merchantPost(env, merchant, '/v1/gift-cards', { amount, currency: 'EUR', ...extra });
    expect(response.status).toBe(201);
    return (await response.json()) as IssuedGiftCard;
  };
  const card = async (merchant: TestMerchant, id: string) => (await (await merchantGet(env, merchant, `/v1/gift-cards/${id}`)).json()) as IssuedGiftCard & { transactions: { kind: string; amount: number }[] };
  const errorOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

  async function checkout(merchant: TestMerchant) {
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    await client.fill();
    const apply = (code: string) => client.post('/gift-cards', { code });
    return { created, client, apply };
  }

  describe(`${name}: gift cards in the checkout`, () => {
    it('a card that covers everything pays alone: no provider, the debit commits with the order, a repeated confirm answers the same', async () => {
      await setup();
      const merchant = await giftCardShop();
      const gift = await issue(merchant, 10_000);
      const { client, apply, created } = await checkout(merchant);
      const applied = await apply(gift.code.toLowerCase());
      expect(applied.status).toBe(200);
      const session = (await applied.json()) as CheckoutSession;
      expect(session.tenders).toEqual([{ id: expect.stringMatching(/^tnd_/), kind: 'gift_card', last4: gift.last4, amount: TOTAL, currency: 'EUR' }]);
      expect(session.amountDue).toBe(0);
      const calls = env.provider.calls.length;
      const first = await client.confirm('gift_card', 'pay-1');
      expect(first.status).toBe(200);
      const body = (await first.json()) as ConfirmResponse;
      expect(body.status).toBe('succeeded');
      expect(body.order).toMatchObject({ amount: TOTAL, currency: 'EUR' });
      expect(env.provider.calls.length).toBe(calls);
      // The same key answers the same order; the card was debited once.
      expect(await (await client.confirm('gift_card', 'pay-1')).json()).toEqual(body);
      const after = await card(merchant, gift.id);
      expect(after.balance).toBe(10_000 - TOTAL);
      expect(after.transactions.filter((t) => t.kind === 'debit')).toHaveLength(1);
      const { rows } = await getDb().query<{ status: string }>('SELECT status FROM checkout_sessions WHERE id = $1', [created.id]);
      expect(rows[0]!.status).toBe('complete');
    });

    it('split tender: the provider is charged only the rest; a declined card gives the hold back in the same transaction', async () => {
      await setup();
      const merchant = await giftCardShop();
      const gift = await issue(merchant, 2000);
      const { client, apply } = await checkout(merchant);
      expect(((await (await apply(gift.code)).json()) as CheckoutSession).amountDue).toBe(TOTAL - 2000);

      const declined = await client.confirm('pm_decline', 'decline-1');
      expect(declined.status).toBe(402);
      expect(env.provider.calls.at(-1)!.amount).toBe(TOTAL - 2000);
      const released = await card(merchant, gift.id);
      expect(released.balance).toBe(2000);
      expect(released.transactions.map((t) => [t.kind, t.amount])).toEqual([['issue', 2000], ['debit', -2000], ['credit', 2000]]);
      // Still applied: the next attempt holds it again.
      expect(((await (await client.get()).json()) as CheckoutSession).tenders).toHaveLength(1);

      const paid = await client.confirm('pm_ok', 'ok-1');
      expect(paid.status).toBe(200);
      expect(env.provider.calls.at(-1)!.amount).toBe(TOTAL - 2000);
      const order = ((await paid.json()) as ConfirmResponse).order!;
      expect(order.amount).toBe(TOTAL);
      expect((await card(merchant, gift.id)).balance).toBe(0);
      const money = (await (await merchantGet(env, merchant, `/v1/orders/${order.id}/refunds`)).json()) as { amountCaptured: number };
      expect(money.amountCaptured).toBe(TOTAL);
    });

    it('a card spent elsewhere meanwhile refuses the confirm before any provider call; nothing is held', async () => {
      await setup();
      const merchant = await giftCardShop();
      const gift = await issue(merchant, 3000);
      const { client, apply, created } = await checkout(merchant);
      expect((await apply(gift.code)).status).toBe(200);
      // The till takes 2,000 of it.
      expect((await env.app.request(`/v1/gift-cards/${gift.id}/debits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json', 'idempotency-key': 'till' },
        body: JSON.stringify({ amount: 2000, currency: 'EUR' }),
      })).status).toBe(200);
      const calls = env.provider.calls.length;
      expect(await errorOf(await client.confirm('pm_ok', 'spent-1'))).toEqual([409, 'gift_card_insufficient_balance']);
      expect(env.provider.calls.length).toBe(calls);
      expect((await card(merchant, gift.id)).balance).toBe(1000);
      const { rows } = await getDb().query<{ status: string; n: string | number }>(
        'SELECT s.status, (SELECT count(*) FROM confirm_attempts a WHERE a.session_id = s.id) AS n FROM checkout_sessions s WHERE s.id = $1',
        [created.id],
      );
      expect(rows[0]).toMatchObject({ status: 'open' });
      expect(Number(rows[0]!.n)).toBe(0);
      // Applied again, it takes what is left, and the order is paid.
      expect(((await (await apply(gift.code)).json()) as CheckoutSession).amountDue).toBe(TOTAL - 1000);
      expect((await client.confirm('pm_ok', 'spent-2')).status).toBe(200);
    });

    it('a shop that has not enabled gift cards in its checkout takes none, even a valid card of its own', async () => {
      await setup();
      // Gift cards are opt-in: a shop that did not enable them (it may still sell cards elsewhere).
      const merchant = await createMerchant(env, 'No gift cards');
      const gift = await issue(merchant, 1000);
      const { apply, client } = await checkout(merchant);
      expect(await errorOf(await apply(gift.code))).toEqual([409, 'operation_not_supported']);
      const session = (await (await client.get()).json()) as { tenders?: unknown[]; giftCards?: boolean };
      expect(session.giftCards).toBeUndefined();
      expect(session.tenders ?? []).toEqual([]);
      expect((await card(merchant, gift.id)).balance).toBe(1000);
    });

    it('wrong, expired and empty cards are refused clearly; wrong codes count toward the limit', async () => {
      await setup();
      const merchant = await giftCardShop();
      const expiring = await issue(merchant, 1000, { validityDays: 1 });
      const empty = await issue(merchant, 500);
      await env.app.request(`/v1/gift-cards/${empty.id}/debits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json', 'idempotency-key': 'empty-it' },
        body: JSON.stringify({ amount: 500, currency: 'EUR' }),
      });
      const { apply } = await checkout(merchant);
      expect(await errorOf(await apply('ABCD-EFGH-JKMN-PQRS-TVWX'))).toEqual([404, 'gift_card_not_found']);
      expect(await errorOf(await apply(empty.code))).toEqual([409, 'gift_card_insufficient_balance']);
      const now = env.clock.now;
      env.clock.now = new Date(now.getTime() + 2 * 86_400_000);
      try {
        const late = await checkout(merchant);
        expect(await errorOf(await late.apply(expiring.code))).toEqual([409, 'gift_card_inactive']);
      } finally {
        env.clock.now = now;
      }
      const other = await checkout(merchant);
      for (let i = 0; i < 5; i++) await other.apply('ABCD-EFGH-JKMN-PQRS-TVW' + String(i));
      expect(await errorOf(await other.apply(expiring.code))).toEqual([429, 'too_many_attempts']);
    });

    it('a card-only attempt interrupted before its answer is paid by the reconciler, never left processing', async () => {
      await setup();
      const merchant = await giftCardShop();
      const gift = await issue(merchant, 9000);
      const { client, apply, created } = await checkout(merchant);
      await apply(gift.code);
      faultAt = 'confirm:before-provider-call';
      try {
        expect((await client.confirm('gift_card', 'crash-1')).status).toBe(500);
      } finally {
        faultAt = null;
      }
      expect((await env.storage.sessionById(created.id))!.status).toBe('processing');
      const deps: CheckoutDeps & { db: Db } = {
        storage: env.storage,
        db: getDb(),
        providers: new Map([['mock', env.provider]]),
        logger: createLogger({ level: 'silent' }),
        now: () => new Date(env.clock.now.getTime() + 60_000),
        confirmLeaseMs: 30_000,
      };
      const calls = env.provider.calls.length;
      expect(await reconcileOnce(deps)).toMatchObject({ paid: 1 });
      expect(env.provider.calls.length).toBe(calls);
      expect((await env.storage.sessionById(created.id))!.status).toBe('complete');
      expect((await card(merchant, gift.id)).balance).toBe(9000 - TOTAL);
      // The page's retry gets the stored answer.
      expect(((await (await client.confirm('gift_card', 'crash-1')).json()) as ConfirmResponse).status).toBe('succeeded');
    });

    it('refunds go back per tender: the provider first, never above what it took; then the card, never above its debit', async () => {
      await setup();
      const merchant = await giftCardShop();
      const gift = await issue(merchant, 2000);
      const { client, apply } = await checkout(merchant);
      await apply(gift.code);
      const order = ((await (await client.confirm('pm_ok', 'refund-pay')).json()) as ConfirmResponse).order!;
      const refund = (amount: number, key: string) =>
        env.app.request(`/v1/orders/${order.id}/refunds`, {
          method: 'POST',
          headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ amount }),
        });
      const providerPaid = TOTAL - 2000;
      const before = [...env.provider.refunds.values()].length;
      expect((await refund(1000, 'r1')).status).toBe(200);
      expect([...env.provider.refunds.values()].slice(before).map((r) => r.amount)).toEqual([1000]);
      expect((await card(merchant, gift.id)).balance).toBe(0);
      // The rest of the provider's part and 500 of the card's: the provider gets only its part.
      const second = await refund(providerPaid - 1000 + 500, 'r2');
      expect(second.status).toBe(200);
      expect(((await second.json()) as { amount: number; status: string })).toMatchObject({ amount: providerPaid - 500, status: 'succeeded' });
      expect([...env.provider.refunds.values()].slice(before).map((r) => r.amount)).toEqual([1000, providerPaid - 1000]);
      expect((await card(merchant, gift.id)).balance).toBe(500);
      // The card's part only: no provider call.
      expect((await refund(1500, 'r3')).status).toBe(200);
      expect([...env.provider.refunds.values()].slice(before)).toHaveLength(2);
      expect((await card(merchant, gift.id)).balance).toBe(2000);
      expect(await errorOf(await refund(1, 'r4'))).toEqual([409, 'refund_exceeds_captured']);
    });
  });

  describe(`${name}: expiry per local rules`, () => {
    it('a card sold in a market gets its default validity, and a shorter one than its rules allow is refused', async () => {
      await setup();
      const merchant = await giftCardShop();
      const day = 86_400_000;
      const german = await issue(merchant, 1000, { country: 'DE' });
      expect(new Date(german.expiresAt!).getTime() - env.clock.now.getTime()).toBe(3 * 365 * day);
      expect((await issue(merchant, 1000, { country: 'PL', validityDays: 30 })).expiresAt).not.toBeNull();
      expect((await issue(merchant, 1000, { country: 'CA' })).expiresAt).toBeNull();
      const tooShort = await merchantPost(env, merchant, '/v1/gift-cards', { amount: 1000, currency: 'EUR', country: 'US', validityDays: 365 });
      expect(await errorOf(tooShort)).toEqual([400, 'validation_failed']);
      const expiring = await merchantPost(env, merchant, '/v1/gift-cards', { amount: 1000, currency: 'EUR', country: 'CA', validityDays: 3650 });
      expect(await errorOf(expiring)).toEqual([400, 'validation_failed']);
      // Without a market, no default: the card does not expire unless the merchant says so.
      expect((await issue(merchant, 1000)).expiresAt).toBeNull();
    });
  });

  describe(`${name}: one card, many checkouts at once`, () => {
    it('ten sessions confirm with the same card in parallel: as many as its balance covers, never below zero', async () => {
      await setup();
      const merchant = await giftCardShop();
      const gift = await issue(merchant, 3 * TOTAL + 100);
      const visits = await Promise.all(Array.from({ length: 10 }, () => checkout(merchant)));
      for (const visit of visits) expect((await visit.apply(gift.code)).status).toBe(200);
      const answers = await Promise.all(visits.map((visit, i) => visit.client.confirm('gift_card', `parallel-${i}`)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 409)).toHaveLength(7);
      const after = await card(merchant, gift.id);
      expect(after.balance).toBe(100);
      expect(after.transactions.filter((t) => t.kind === 'debit')).toHaveLength(3);
      console.log(`[tenders ${name}] 10 parallel card-only confirms on a card worth 3 orders: ${statuses.filter((s) => s === 200).length} paid, balance ${after.balance}`);
    });
  });

  describe(`${name}: store credit`, () => {
    async function visit(merchant: TestMerchant) {
      const { created, apply } = await checkout(merchant);
      return { ...shopperAt(env, mail, merchant, created), apply };
    }

    it('the merchant grants it; a recognised shopper who consented sees it and pays with it, alone or with a card', async () => {
      await setup();
      const shop = await createMerchant(env, 'Credit shop');
      const elsewhere = await createMerchant(env, 'Other shop');
      const email = `credit.${Math.random().toString(36).slice(2)}@example.com`;
      // A guest who saves their details here becomes a shopper of the network with consent at this shop.
      const firstOrder = await paySaving(env, shop, email, 'pm_ok');
      const shopper = (await getDb().query<{ shopper_id: string }>('SELECT shopper_id FROM shopper_orders WHERE order_id = $1', [firstOrder.id])).rows[0]!.shopper_id;

      const grant = (amount: number, key: string) =>
        env.app.request('/v1/store-credit', {
          method: 'POST',
          headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ shopper, amount, currency: 'EUR', reference: 'goodwill' }),
        });
      expect(((await (await grant(1500, 'g1')).json()) as StoreCredit).balance).toBe(1500);
      expect(((await (await grant(1500, 'g1')).json()) as StoreCredit).balance).toBe(1500);
      expect(((await (await grant(1000, 'g2')).json()) as StoreCredit)).toMatchObject({ object: 'store_credit', shopper, balance: 2500, currency: 'EUR' });
      expect(await errorOf(await grant(1000, 'g1'))).toEqual([422, 'idempotency_key_reused']);
      // By the email they verified, too; someone who does not share their details here is not found, like an unknown email.
      const byEmail = await env.app.request('/v1/store-credit', {
        method: 'POST',
        headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json', 'idempotency-key': 'g-email' },
        body: JSON.stringify({ email: email.toUpperCase(), amount: 100, currency: 'EUR' }),
      });
      expect(((await byEmail.json()) as StoreCredit).balance).toBe(2600);
      const elsewhereGrant = await env.app.request('/v1/store-credit', {
        method: 'POST',
        headers: { authorization: `Bearer ${elsewhere.secretKey}`, 'content-type': 'application/json', 'idempotency-key': 'g-else' },
        body: JSON.stringify({ email, amount: 100, currency: 'EUR' }),
      });
      expect(await errorOf(elsewhereGrant)).toEqual([404, 'not_found']);

      // Recognised at this shop: sees 25.00 and pays the rest with a card.
      const second = await visit(shop);
      const token = (await second.signIn(email)).shopperToken;
      expect(await errorOf(await second.call('GET', '/store-credit'))).toEqual([401, 'shopper_token_required']);
      expect(await (await second.call('GET', '/store-credit', undefined, { 'omni-shopper-token': token })).json()).toEqual({
        object: 'store_credit_balance',
        balance: 2600,
        currency: 'EUR',
        expiresAt: null,
      });
      const applied = (await (await second.call('POST', '/store-credit', {}, { 'omni-shopper-token': token })).json()) as CheckoutSession;
      expect(applied.tenders).toEqual([{ id: expect.any(String), kind: 'store_credit', last4: null, amount: 2600, currency: 'EUR' }]);
      expect(applied.amountDue).toBe(TOTAL - 2600);
      const paid = await second.call('POST', '/confirm', { paymentMethod: 'pm_ok' }, { 'omni-shopper-token': token, 'idempotency-key': 'credit-1' });
      expect(paid.status).toBe(200);
      expect(env.provider.calls.at(-1)!.amount).toBe(TOTAL - 2600);

      // Another shop where the shopper did not consent: nothing is shown.
      const other = await visit(elsewhere);
      const otherToken = (await other.signIn(email)).shopperToken;
      expect(await errorOf(await other.call('GET', '/store-credit', undefined, { 'omni-shopper-token': otherToken }))).toEqual([403, 'consent_required']);
      // Spent here: nothing left to show.
      const third = await visit(shop);
      const thirdToken = (await third.signIn(email)).shopperToken;
      expect(await errorOf(await third.call('GET', '/store-credit', undefined, { 'omni-shopper-token': thirdToken }))).toEqual([404, 'not_found']);
      // Enough credit pays alone.
      expect((await grant(TOTAL, 'g3')).status).toBe(200);
      await third.call('POST', '/store-credit', {}, { 'omni-shopper-token': thirdToken });
      const alone = await third.call('POST', '/confirm', { paymentMethod: 'store_credit' }, { 'omni-shopper-token': thirdToken, 'idempotency-key': 'credit-2' });
      expect(alone.status).toBe(200);
    });
  });
});
