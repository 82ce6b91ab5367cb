/**
 * The identity network's test set-up, in one place: an app with the network on (over a migrated
 * PGlite from the snapshot, mail kept in a list, no SMS, the client IP read from X-Forwarded-For),
 * and its dependencies for tests that call the identity modules directly.
 */
import { createMockProvider } from '@omni-checkout/mock/server';
import type { IdentityOptions } from '../app.js';
import type { Caller, IdentityDeps } from '../identity/deps.js';
import { DEFAULT_LIMITS, createIdentityLimits } from '../identity/limits.js';
import { randomVault, type Vault } from '../identity/vault.js';
import { createLogger } from '../logger.js';
import type { MailMessage } from '../notifications/mailer.js';
import type { Db } from '../storage/index.js';
import { createTestEnv, type TestEnv, type TestMerchant } from './env.js';
import { openMigratedPglite } from './pglite-snapshot.js';

/** An app with the identity network on and the mock provider; every email sent lands in `mail`. */
export async function createIdentityTestEnv(
  mail: MailMessage[],
  identity: Partial<Omit<IdentityOptions, 'db' | 'vault' | 'mailer'>> = {},
): Promise<TestEnv> {
  const db = await openMigratedPglite();
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
export async function callerAt(env: TestEnv, shop: TestMerchant, sessionId: string, ip: string): Promise<Caller> {
  const session = (await env.storage.sessionById(sessionId))!;
  const merchant = (await env.storage.merchantByPublishableKey(shop.publishableKey))!;
  return { session, merchant, origin: shop.origin, ip };
}
