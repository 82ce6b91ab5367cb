/**
 * Gift cards over HTTP (issue 18, docs/payment-methods.md).
 *
 * Merchant API (secret key):
 *   POST /v1/gift-cards                       issue a card; its code is answered once
 *   GET  /v1/gift-cards/{id}                  the card and its ledger
 *   POST /v1/gift-cards/{id}/debits           take an amount (Idempotency-Key); never below zero
 *   POST /v1/gift-cards/{id}/credits          give back part of a debit (Idempotency-Key): a refund to the card
 *   POST /v1/gift-cards/{id}/disable          the card stops paying (credits still land)
 *
 * Client API (the session's client secret):
 *   POST /v1/client/checkout-sessions/{id}/gift-cards/balance   what a code is worth, with attempt
 *        limits per session and per client IP counted before the code is looked up
 *   POST /v1/client/checkout-sessions/{id}/gift-cards           apply a card (the same limits)
 *   POST /v1/client/checkout-sessions/{id}/tenders/{tender}/remove   take a card or store credit off
 *   GET  /v1/client/checkout-sessions/{id}/store-credit         a recognised, consenting shopper's store credit here
 *   POST /v1/client/checkout-sessions/{id}/store-credit         apply it
 *
 * Merchant API: POST /v1/store-credit   grant store credit to a shopper (Idempotency-Key)
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import {
  ApplyGiftCardRequest,
  CheckoutSessionWithTenders,
  GrantStoreCreditRequest,
  StoreCredit,
  StoreCreditBalance,
  GiftCardBalance,
  GiftCardBalanceRequest,
  GiftCardCreditRequest,
  GiftCardDebitRequest,
  GiftCardTransaction,
  GiftCardWithTransactions,
  Id,
  IssueGiftCardRequest,
  IssuedGiftCard,
  GiftCard,
} from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import { clientIp } from '../http/client-ip.js';
import { consumed, rateLimitStore } from '../identity/limits.js';
import { jsonBody, secretKeyAuth, type AppEnv } from '../http/middleware.js';
import { ErrorBody } from '../http/routes.js';
import type { Db } from '../storage/db.js';
import type { Storage } from '../storage/index.js';
import { authenticateShopper, requireConsent } from '../identity/shopper.js';
import { callerOf } from '../identity/routes.js';
import { normaliseEmail, type IdentityDeps } from '../identity/deps.js';
import type { SessionRecord } from '../storage/index.js';
import type { CheckoutSession } from '@omni-checkout/core';
import { accountSource, applyTender, grantStoreCredit, removeTender, storeCreditBalance, storeCreditOf } from './tenders.js';
import { creditGiftCard, debitGiftCard, disableGiftCard, giftCardByCode, giftCardById, isUsable, issueGiftCard, type LedgerDeps } from './ledger.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const errors = { default: json(ErrorBody, 'Error: `{ error: { code, message, issues? } }` with a stable code') };
const security = [{ secretKey: [] }];
const tags = ['gift cards'];
const params = z.object({ id: Id });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(255) });
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

export const issueGiftCardRoute = createRoute({
  method: 'post',
  path: '/v1/gift-cards',
  summary: 'Issue a gift card. The answer holds its code, shown only now: the backend keeps a keyed hash of it.',
  tags,
  security,
  request: { body: body(IssueGiftCardRequest) },
  responses: { 201: json(IssuedGiftCard, 'The card with its code'), ...errors },
});
export const getGiftCardRoute = createRoute({
  method: 'get',
  path: '/v1/gift-cards/{id}',
  summary: 'A gift card with its ledger (issue, debits, credits), oldest first',
  tags,
  security,
  request: { params },
  responses: { 200: json(GiftCardWithTransactions, 'The card and its ledger'), ...errors },
});
export const debitGiftCardRoute = createRoute({
  method: 'post',
  path: '/v1/gift-cards/{id}/debits',
  summary:
    'Take an amount from the card (Idempotency-Key required). All or nothing: 409 `gift_card_insufficient_balance`, `gift_card_inactive` (expired or disabled), `gift_card_currency_mismatch`; the balance never goes below zero under any concurrency.',
  tags,
  security,
  request: { params, body: body(GiftCardDebitRequest), headers: idempotencyHeader },
  responses: { 200: json(GiftCardTransaction, 'The ledger line'), ...errors },
});
export const creditGiftCardRoute = createRoute({
  method: 'post',
  path: '/v1/gift-cards/{id}/credits',
  summary: 'Give back part or all of a debit to the card, e.g. a refund (Idempotency-Key required); at most what the debit took (409 `gift_card_credit_exceeds_debit`).',
  tags,
  security,
  request: { params, body: body(GiftCardCreditRequest), headers: idempotencyHeader },
  responses: { 200: json(GiftCardTransaction, 'The ledger line'), ...errors },
});
export const disableGiftCardRoute = createRoute({
  method: 'post',
  path: '/v1/gift-cards/{id}/disable',
  summary: 'The card stops paying (a lost or revoked card); credits for its debits still land on it',
  tags,
  security,
  request: { params, body: body(z.object({}).strict()) },
  responses: { 200: json(GiftCard, 'The card, now disabled'), ...errors },
});
export const giftCardBalanceRoute = createRoute({
  method: 'post',
  path: '/v1/client/checkout-sessions/{id}/gift-cards/balance',
  summary:
    'What a gift card code is worth at this shop. Wrong codes are limited per session and per client IP (429 `too_many_attempts`), counted before the code is looked up; an unknown and a wrong code answer alike (404 `gift_card_not_found`).',
  tags,
  security: [{ clientSecret: [], publishableKey: [] }],
  request: { params, body: body(GiftCardBalanceRequest) },
  responses: { 200: json(GiftCardBalance, 'Balance of a card that pays now'), ...errors },
});

const clientSecurity = [{ clientSecret: [], publishableKey: [] }];
const checkoutTags = ['gift cards', 'checkout'];

export const applyGiftCardRoute = createRoute({
  method: 'post',
  path: '/v1/client/checkout-sessions/{id}/gift-cards',
  summary:
    'Apply a gift card to this checkout: it takes up to its balance of the total, held when the shopper pays and taken with the order. Attempts are limited as for the balance check; 404 `gift_card_not_found` (wrong code), 409 `gift_card_inactive`, `gift_card_insufficient_balance` (empty), `gift_card_currency_mismatch`, `operation_not_supported`.',
  tags: checkoutTags,
  security: clientSecurity,
  request: { params, body: body(ApplyGiftCardRequest) },
  responses: { 200: json(CheckoutSessionWithTenders, 'The session with `tenders` and `amountDue`'), ...errors },
});
export const removeTenderRoute = createRoute({
  method: 'post',
  path: '/v1/client/checkout-sessions/{id}/tenders/{tender}/remove',
  summary: 'Take a gift card or store credit off this checkout (before paying)',
  tags: checkoutTags,
  security: clientSecurity,
  request: { params: z.object({ id: Id, tender: Id }), body: body(z.object({}).strict()) },
  responses: { 200: json(CheckoutSessionWithTenders, 'The session'), ...errors },
});
export const storeCreditRoute = createRoute({
  method: 'get',
  path: '/v1/client/checkout-sessions/{id}/store-credit',
  summary: 'The recognised shopper’s store credit at this shop in the session’s currency (shopper token; 403 `consent_required` without their consent to share; 404 `not_found`)',
  tags: checkoutTags,
  security: [{ clientSecret: [], publishableKey: [], shopperToken: [] }],
  request: { params },
  responses: { 200: json(StoreCreditBalance, 'The balance'), ...errors },
});
export const applyStoreCreditRoute = createRoute({
  method: 'post',
  path: '/v1/client/checkout-sessions/{id}/store-credit',
  summary: 'Apply the recognised shopper’s store credit to this checkout (as a gift card: held when paying, taken with the order)',
  tags: checkoutTags,
  security: [{ clientSecret: [], publishableKey: [], shopperToken: [] }],
  request: { params, body: body(z.object({}).strict()) },
  responses: { 200: json(CheckoutSessionWithTenders, 'The session with `tenders` and `amountDue`'), ...errors },
});
export const grantStoreCreditRoute = createRoute({
  method: 'post',
  path: '/v1/store-credit',
  summary:
    'Give store credit to a shopper of the identity network who shares their details with this shop, by id or by email (Idempotency-Key required); it adds to their balance in that currency. 404 `not_found` for anyone else, alike.',
  tags: ['store credit'],
  security,
  request: { body: body(GrantStoreCreditRequest), headers: idempotencyHeader },
  responses: { 200: json(StoreCredit, 'The shopper’s store credit after the grant'), ...errors },
});

/** Wrong gift card codes allowed per window. */
export interface GiftCardLimits {
  readonly perSession: number;
  readonly perIp: number;
  readonly windowS: number;
}

export const DEFAULT_GIFT_CARD_LIMITS: GiftCardLimits = { perSession: 5, perIp: 20, windowS: 3600 };

export interface GiftCardRouteDeps {
  readonly db: Db;
  readonly storage: Storage;
  readonly mac: (purpose: string, value: string) => string;
  readonly now: () => Date;
  readonly limits?: GiftCardLimits;
  /** Read the client IP from X-Forwarded-For. */
  readonly trustProxy?: boolean;
  /** The session as the page sees it (answered after applying or removing a tender). */
  readonly sessionView?: (session: SessionRecord) => CheckoutSession;
  /** The identity network, for store credit (absent: store credit routes answer 404). */
  readonly identity?: IdentityDeps | null;
}

function idempotencyKey(c: Context<AppEnv>): string {
  const key = c.req.header('idempotency-key');
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1–255 visible characters), a new one per gift card movement.');
  }
  return key;
}


export function registerGiftCardRoutes(app: OpenAPIHono<AppEnv>, deps: GiftCardRouteDeps): void {
  const ledger: LedgerDeps = { db: deps.db, mac: deps.mac, now: deps.now };
  const limits = deps.limits ?? DEFAULT_GIFT_CARD_LIMITS;
  // Shared counters in the database (rate_limits, as one-time codes use), so every instance sees the same counts.
  const store = rateLimitStore(deps.db);
  const perSession = new RateLimiterPostgres({ ...store, keyPrefix: 'gift_code_session', points: limits.perSession, duration: limits.windowS });
  const perIp = new RateLimiterPostgres({ ...store, keyPrefix: 'gift_code_ip', points: limits.perIp, duration: limits.windowS });

  app.use('/v1/store-credit', secretKeyAuth(deps.storage), jsonBody);
  // Also matches `/v1/gift-cards` itself.
  app.use('/v1/gift-cards/*', secretKeyAuth(deps.storage), jsonBody);

  app.openapi(issueGiftCardRoute, async (c) => {
    const merchant = c.get('merchant');
    return c.json(await issueGiftCard(ledger, { id: merchant.id, livemode: merchant.livemode }, c.req.valid('json')), 201);
  });
  app.openapi(getGiftCardRoute, async (c) => {
    const found = await giftCardById(deps.db, c.get('merchant').id, c.req.valid('param').id);
    if (!found) throw new ApiError(404, 'gift_card_not_found', 'No gift card with this id.');
    return c.json({ ...found.card, transactions: found.transactions }, 200);
  });
  app.openapi(debitGiftCardRoute, async (c) =>
    c.json(await debitGiftCard(ledger, c.get('merchant').id, c.req.valid('param').id, c.req.valid('json'), idempotencyKey(c)), 200),
  );
  app.openapi(creditGiftCardRoute, async (c) =>
    c.json(await creditGiftCard(ledger, c.get('merchant').id, c.req.valid('param').id, c.req.valid('json'), idempotencyKey(c)), 200),
  );
  app.openapi(disableGiftCardRoute, async (c) => c.json(await disableGiftCard(deps.db, c.get('merchant').id, c.req.valid('param').id), 200));

  app.openapi(giftCardBalanceRoute, async (c) => {
    const session = c.get('session');
    const ip = clientIp(c, deps.trustProxy ?? false);
    // Consume-before-verify: a guess is counted before the code is looked up; a right code gives it back.
    const [sessionOk, ipOk] = [await consumed(perSession, session.id), await consumed(perIp, ip)];
    if (!sessionOk || !ipOk) {
      throw new ApiError(429, 'too_many_attempts', 'Too many gift card codes tried. Try again later.');
    }
    const card = await giftCardByCode(ledger, session.merchantId, c.req.valid('json').code);
    const now = deps.now();
    if (!card || !isUsable(card, now)) {
      throw new ApiError(404, 'gift_card_not_found', 'No gift card with this code at this shop, or it no longer pays.');
    }
    await Promise.all([perSession.reward(session.id, 1), perIp.reward(ip, 1)]);
    return c.json({ object: 'gift_card_balance' as const, last4: card.last4, balance: card.balance, currency: card.currency, expiresAt: card.expiresAt }, 200);
  });

  const view = async (id: string) => {
    const session = await deps.storage.sessionById(id);
    if (!session || !deps.sessionView) throw new ApiError(404, 'session_not_found', 'No checkout session with this id.');
    return deps.sessionView(session);
  };

  app.openapi(applyGiftCardRoute, async (c) => {
    const session = c.get('session');
    // Only where the checkout offers gift cards (the merchant enabled them for this market), as the page shows.
    const offered = deps.sessionView && (await deps.sessionView(session)).giftCards;
    if (!offered) throw new ApiError(409, 'operation_not_supported', 'This shop does not take gift cards in this checkout.');
    const ip = clientIp(c, deps.trustProxy ?? false);
    // Consume-before-verify, as the balance check: a code that applies gives its attempt back.
    const [sessionOk, ipOk] = [await consumed(perSession, session.id), await consumed(perIp, ip)];
    if (!sessionOk || !ipOk) throw new ApiError(429, 'too_many_attempts', 'Too many gift card codes tried. Try again later.');
    const card = await giftCardByCode(ledger, session.merchantId, c.req.valid('json').code);
    if (!card) throw new ApiError(404, 'gift_card_not_found', 'No gift card with this code at this shop. Check the code and try again.');
    await applyTender(deps.db, session, card, deps.now(), 'gift_card');
    await Promise.all([perSession.reward(session.id, 1), perIp.reward(ip, 1)]);
    return c.json(await view(session.id), 200);
  });
  app.openapi(removeTenderRoute, async (c) => {
    const session = c.get('session');
    await removeTender(deps.db, session, c.req.valid('param').tender);
    return c.json(await view(session.id), 200);
  });

  /** The recognised shopper's store credit here: shopper token for this session and origin, and consent to share. */
  const shopperCredit = async (c: Context<AppEnv>) => {
    const identity = deps.identity;
    if (!identity) throw new ApiError(404, 'not_found', 'This shop has no store credit for you.');
    const caller = callerOf(c, { trustProxy: deps.trustProxy ?? false });
    const token = await authenticateShopper(identity, caller, c.req.header('omni-shopper-token'));
    await requireConsent(identity, caller, token.shopperId);
    const account = await storeCreditOf(deps.db, caller.session.merchantId, token.shopperId, caller.session.currency);
    if (!account || account.balance <= 0) throw new ApiError(404, 'not_found', 'You have no store credit at this shop.');
    return account;
  };
  app.openapi(storeCreditRoute, async (c) => c.json(storeCreditBalance(await shopperCredit(c)), 200));
  app.openapi(applyStoreCreditRoute, async (c) => {
    const account = await shopperCredit(c);
    await applyTender(deps.db, c.get('session'), accountSource(account), deps.now(), 'store_credit');
    return c.json(await view(c.get('session').id), 200);
  });
  app.openapi(grantStoreCreditRoute, async (c) => {
    const merchant = c.get('merchant');
    const identity = deps.identity;
    if (!identity) throw new ApiError(404, 'not_found', 'Store credit needs the identity network, which this server does not run.');
    const emailHash = (email: string) => identity.vault.lookupHash('email', normaliseEmail(email));
    return c.json(await grantStoreCredit(deps.db, { id: merchant.id, livemode: merchant.livemode }, c.req.valid('json'), idempotencyKey(c), deps.now(), emailHash), 200);
  });
}
