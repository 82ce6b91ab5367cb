/**
 * The identity network's test set-up, in one place: an app with the network on (over a migrated
 * PGlite from the snapshot, mail kept in a list, no SMS, the client IP read from X-Forwarded-For),
 * and its dependencies for tests that call the identity modules directly.
 */
import type { SavedAddress } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import type { IdentityOptions } from '../app.js';
import { TOKEN_TTL_MS, type Caller, type IdentityDeps } from '../identity/deps.js';
import { DEFAULT_LIMITS, createIdentityLimits } from '../identity/limits.js';
import { identityStore, type NewShopperToken } from '../identity/store.js';
import { randomVault, type Vault } from '../identity/vault.js';
import { createLogger } from '../logger.js';
import type { MailMessage } from '../notifications/mailer.js';
import type { Db } from '../storage/index.js';
import { createTestEnv, type AnyTestEnv, type TestEnv, type TestMerchant } from './env.js';
import { openMigratedPglite } from './pglite-snapshot.js';

/** An app with the identity network on and the mock provider; every email sent lands in `mail`. `db`: a migrated database (default a PGlite). */
export async function createIdentityTestEnv(
  mail: MailMessage[],
  identity: Partial<Omit<IdentityOptions, 'db' | 'vault' | 'mailer'>> = {},
  db?: Db,
): Promise<TestEnv> {
  db ??= await openMigratedPglite();
  const vault = randomVault();
  return createTestEnv({
    db,
    vault,
    app: {
      providers: [createMockProvider({ env: 'test' })],
      identity: { db, vault, mailer: { send: async (message) => void mail.push(message), close: () => {} }, sms: null, trustProxy: true, ...identity },
    },
  });
}

/** What the identity modules need, as the app builds it: mail dropped, no SMS, no providers, silent logs. */
export function identityDeps(db: Db, vault: Vault, overrides: Partial<IdentityDeps> = {}): IdentityDeps {
  return {
    db,
    vault,
    mailer: { send: async () => undefined, close: () => {} },
    sms: null,
    limits: createIdentityLimits(db, DEFAULT_LIMITS),
    providers: new Map(),
    logger: createLogger({ level: 'silent' }),
    now: () => new Date(),
    smsCountries: new Set(['DE']),
    stepUpNewCountryAbove: 5343,
    ...overrides,
  };
}

/** The caller of an identity request: the stored session `sessionId` at `shop`, from its origin. */
export async function callerAt(env: AnyTestEnv, shop: TestMerchant, sessionId: string, ip: string): Promise<Caller> {
  const session = (await env.storage.sessionById(sessionId))!;
  const merchant = (await env.storage.merchantByPublishableKey(shop.publishableKey))!;
  return { session, merchant, origin: shop.origin, ip };
}

/**
 * A shopper stored as the identity network stores one (hashed and sealed email `<id>@example.com`,
 * sealed profile), with the saved addresses, phone and provider customers given. No consent, passkey
 * or method: the tests add what their case needs.
 */
export async function storeShopper(
  db: Db,
  vault: Vault,
  id: string,
  options: { readonly addresses?: readonly SavedAddress[]; readonly phone?: string; readonly providerCustomers?: Record<string, string> } = {},
): Promise<void> {
  const email = `${id}@example.com`;
  await identityStore(db).insertShopper({
    id,
    emailHash: vault.lookupHash('email', email),
    phoneHash: options.phone ? vault.lookupHash('phone', options.phone) : null,
    emailSealed: vault.seal(email),
    phoneSealed: options.phone ? vault.seal(options.phone) : null,
    profileSealed: vault.seal(JSON.stringify({ addresses: options.addresses ?? [], preferredShippingOptionId: null })),
    providerCustomers: options.providerCustomers ?? {},
  });
}

/** Stores the shopper token `raw` for `caller`'s session and origin, verified by `assurance` at `verifiedAt`. */
export async function storeShopperToken(
  db: Db,
  vault: Vault,
  caller: Caller,
  token: { readonly raw: string; readonly shopperId: string; readonly assurance: NewShopperToken['assurance']; readonly verifiedAt: Date },
): Promise<void> {
  await identityStore(db).insertShopperToken({
    tokenHash: vault.mac('shopper-token', token.raw),
    shopperId: token.shopperId,
    merchantId: caller.merchant.id,
    sessionId: caller.session.id,
    origin: caller.origin,
    assurance: token.assurance,
    verifiedAt: token.verifiedAt,
    expiresAt: new Date(token.verifiedAt.getTime() + TOKEN_TTL_MS),
  });
}
