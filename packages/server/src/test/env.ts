/** One app over one in-memory PGlite (migrated, from `pglite-snapshot.ts`) per test file; tests isolate by creating their own merchants. */
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import {
  SAVE_CONSENT_VERSION,
  type CheckoutSession,
  type ConfirmResponse,
  type CreateCheckoutSessionRequest,
  type CreateCheckoutSessionResponse,
  type IdentityLookupResponse,
  type ProviderId,
  type ServerProvider,
  type ShopperSession,
} from '@omni-checkout/core';
import { createApp } from '../app.js';
import { newPublishableKey, newSecretKey, randomHex } from '../crypto.js';
import { createLogger } from '../logger.js';
import { storageFromDb, type Db, type Storage } from '../storage/index.js';
import { openMigratedPglite } from './pglite-snapshot.js';
import { createFakeProvider, type FakeProvider } from './fake-provider.js';
import type { Vault } from '../identity/vault.js';

/** `P`: the providers the app runs, the fake `mock` unless `createTestEnv` was given others. */
export interface TestEnv<P extends ServerProvider = FakeProvider> {
  readonly app: ReturnType<typeof createApp>;
  readonly db: Db;
  readonly storage: Storage;
  readonly provider: P;
  /** Every provider the app runs (the first is `provider`). */
  readonly providers: readonly P[];
  /** Every log line written so far. */
  readonly logs: string[];
  /** Moves the app's clock. */
  clock: { now: Date };
}

export interface TestEnvOptions<P extends ServerProvider = FakeProvider> {
  /** A migrated database to use instead of a fresh in-memory PGlite (e.g. PostgreSQL). */
  readonly db?: Db;
  /** Seals contact and address columns (as production does). */
  readonly vault?: Vault;
  /** More options for `createApp`. */
  readonly app?: Partial<Parameters<typeof createApp>[0]>;
  /** The providers the app runs (default: one fake `mock`). */
  readonly providers?: readonly P[];
}

/** Any test env, whatever providers it runs: what the helpers below take. */
export type AnyTestEnv = TestEnv<ServerProvider>;

export async function createTestEnv(options?: TestEnvOptions & { readonly providers?: undefined }): Promise<TestEnv>;
export async function createTestEnv<P extends ServerProvider>(options: TestEnvOptions<P> & { readonly providers: readonly P[] }): Promise<TestEnv<P>>;
export async function createTestEnv(options: TestEnvOptions<ServerProvider> = {}): Promise<AnyTestEnv> {
  const db = options.db ?? (await openMigratedPglite());
  const storage = storageFromDb(db, { vault: options.vault });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const providers = options.providers ?? [createFakeProvider()];
  const provider = providers[0]!;
  const clock = { now: new Date() };
  const logger = createLogger({ level: 'info', destination });
  const app = createApp({ storage, providers, logger, now: () => clock.now, ...options.app });
  return { app, db, storage, provider, providers, logs, clock };
}

export interface TestMerchant {
  readonly publishableKey: string;
  readonly secretKey: string;
  readonly origin: string;
}

export async function createMerchant(env: AnyTestEnv, name = 'Test Shop', providers?: ProviderId[]): Promise<TestMerchant> {
  const origin = `https://shop-${randomHex(4)}.example`;
  const publishableKey = newPublishableKey();
  const secretKey = newSecretKey();
  await env.storage.upsertMerchant({ name, publishableKey, secretKey, allowedOrigins: [origin], ...(providers ? { providers } : {}) });
  return { publishableKey, secretKey, origin };
}

export const SAMPLE_SESSION = {
  currency: 'EUR',
  country: 'DE',
  lineItems: [
    { id: 'tee', name: 'T-shirt', unitAmount: 1999, quantity: 2 },
    { id: 'mug', name: 'Mug', unitAmount: 850, quantity: 1 },
  ],
  shippingOptions: [
    { id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } },
    { id: 'express', label: 'Express', amount: 1295, deliveryEstimate: { minDays: 1, maxDays: 1 } },
  ],
} satisfies CreateCheckoutSessionRequest;

export const CONTACT = { email: 'ada@example.com' };
export const ADDRESS = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };

export function merchantPost(env: AnyTestEnv, m: TestMerchant, path: string, body: unknown) {
  return env.app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${m.secretKey}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function merchantGet(env: AnyTestEnv, m: TestMerchant, path: string) {
  return env.app.request(path, { headers: { authorization: `Bearer ${m.secretKey}` } });
}

export async function createSession(env: AnyTestEnv, m: TestMerchant, body: CreateCheckoutSessionRequest = SAMPLE_SESSION) {
  const response = await merchantPost(env, m, '/v1/checkout-sessions', body);
  if (response.status !== 201) throw new Error(`create session: ${response.status} ${await response.text()}`);
  // The backend's session carries its tender fields too (`giftCards`, `tenders`, `amountDue`): a `CheckoutSession`.
  return (await response.json()) as CreateCheckoutSessionResponse & { readonly session: CheckoutSession };
}

/** A browser-side client for one session. */
export function clientFor(env: AnyTestEnv, m: TestMerchant, created: { id: string; clientSecret: string }) {
  const base = `/v1/client/checkout-sessions/${created.id}`;
  const headers = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${created.clientSecret}`,
    'omni-publishable-key': m.publishableKey,
    origin: m.origin,
    ...extra,
  });
  const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
    env.app.request(base + path, {
      method: 'POST',
      headers: headers({ 'content-type': 'application/json', ...extra }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    get: () => env.app.request(base, { headers: headers() }),
    post,
    confirm: (paymentMethod: string, key: string = randomHex(8), extra: Record<string, unknown> = {}) =>
      post('/confirm', { paymentMethod, ...extra }, { 'idempotency-key': key }),
    completeAction: () => post('/complete-action', {}),
    /** Contact, address and (the default) shipping option: ready to pay. */
    async fill() {
      for (const [path, body] of [['/contact', CONTACT], ['/shipping-address', ADDRESS]] as const) {
        const response = await post(path, body);
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      }
    },
  };
}

/** The messages the test app's identity mailer sent (where `signIn` reads the code). */
export type Mailbox = readonly { readonly to: string; readonly subject: string }[];

/**
 * A shopper's browser on checkout session `created` at `merchant` (its id and a credential: the client
 * secret, or a handed-off device's own): `clientFor`'s calls, `call` for any client route of the
 * session with extra headers (e.g. `omni-shopper-token`), and `signIn` with the code mailed to `mailbox`.
 */
export function shopperAt(env: AnyTestEnv, mailbox: Mailbox, merchant: TestMerchant, created: { id: string; clientSecret: string }) {
  const client = clientFor(env, merchant, created);
  const call = (method: 'GET' | 'POST', path: string, body?: unknown, extra: Record<string, string> = {}) =>
    env.app.request(`/v1/client/checkout-sessions/${created.id}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${created.clientSecret}`,
        'omni-publishable-key': merchant.publishableKey,
        origin: merchant.origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extra,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  async function signIn(email: string, rememberDevice?: boolean): Promise<ShopperSession> {
    const before = mailbox.length;
    const lookup = (await (await call('POST', '/identity/lookup', { email })).json()) as IdentityLookupResponse;
    // The code is mailed after the answer (the same timing for known and unknown shoppers).
    await expect.poll(() => mailbox.slice(before).some((m) => m.to === email), { message: `a code mailed to ${email}` }).toBe(true);
    const code = /\b(\d{6})\b/.exec(mailbox.slice(before).find((m) => m.to === email)!.subject)![1]!;
    const verified = await call('POST', '/identity/verify', { challengeId: lookup.challengeId, code, ...(rememberDevice === undefined ? {} : { rememberDevice }) });
    expect(verified.status).toBe(200);
    return (await verified.json()) as ShopperSession;
  }
  return { created, client, call, signIn };
}

/**
 * A recognised shopper at `merchant`: a guest who fills the checkout, saves their details (address and
 * the card) with consent there and pays with `paymentMethod`, so the order is linked to the new
 * identity. Answers the paid order.
 */
export async function paySaving(env: AnyTestEnv, merchant: TestMerchant, email: string, paymentMethod = 'pm_mock_success_4242'): Promise<NonNullable<ConfirmResponse['order']>> {
  const browser = shopperAt(env, [], merchant, await createSession(env, merchant));
  await browser.client.fill();
  expect((await browser.client.post('/contact', { email })).status).toBe(200);
  expect((await browser.call('POST', '/identity/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).status).toBe(200);
  const confirmed = await browser.client.confirm(paymentMethod);
  expect(confirmed.status).toBe(200);
  return ((await confirmed.json()) as ConfirmResponse).order!;
}

/** Row counts of every table, to assert that a rejected request wrote nothing. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const { rows } = await db.query<{ t: string; n: number | string }>(
    `SELECT 'merchants' AS t, count(*) AS n FROM merchants UNION ALL SELECT 'sessions', count(*) FROM checkout_sessions
     UNION ALL SELECT 'attempts', count(*) FROM confirm_attempts UNION ALL SELECT 'orders', count(*) FROM orders
     UNION ALL SELECT 'provider_events', count(*) FROM provider_events`,
  );
  return Object.fromEntries(rows.map((row) => [row.t, Number(row.n)]));
}

/** A fingerprint of every mutable session column, to assert that a rejected update changed nothing. */
export async function sessionSnapshot(db: Db, id: string): Promise<string> {
  const { rows } = await db.query('SELECT * FROM checkout_sessions WHERE id = $1', [id]);
  return JSON.stringify(rows[0]);
}
