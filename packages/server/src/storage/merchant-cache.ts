/**
 * Merchants in memory: every authenticated request starts with "which merchant is this key?",
 * and merchants change rarely. Entries live `ttlMs` (default 5 s); a change made through this
 * process (`upsertMerchant`) clears the cache at once, a change made by another instance shows
 * within `ttlMs`. Misses are not cached, so a merchant created elsewhere is found at once.
 */
import { sha256 } from '../crypto.js';

export const MERCHANT_CACHE_MS = 5_000;

export interface MerchantCacheOptions {
  /** How long an entry is trusted; 0 turns the cache off. */
  readonly ttlMs?: number;
  /** Clock (ms), for tests. */
  readonly now?: () => number;
}

/** The merchant lookups of `Storage` (generic, so this module does not import the storage's types). */
export interface MerchantLookups<Merchant, Input> {
  upsertMerchant(input: Input): Promise<Merchant>;
  merchantBySecretKey(secretKey: string): Promise<Merchant | null>;
  merchantByPublishableKey(publishableKey: string): Promise<Merchant | null>;
  isOriginAllowedAnywhere(origin: string): Promise<boolean>;
}

export function cachedMerchants<Merchant, Input>(
  storage: MerchantLookups<Merchant, Input>,
  options: MerchantCacheOptions = {},
): MerchantLookups<Merchant, Input> {
  const ttl = options.ttlMs ?? MERCHANT_CACHE_MS;
  if (ttl <= 0) return storage;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: unknown; until: number }>();
  // Bumped by every local change: a lookup that started before it must not store its (stale) answer.
  let generation = 0;
  function cached<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    const hit = entries.get(key);
    if (hit && hit.until > now()) return Promise.resolve(hit.value as T);
    const started = generation;
    return load().then((value) => {
      if (keep(value) && started === generation) {
        if (entries.size > 10_000) entries.clear();
        entries.set(key, { value, until: now() + ttl });
      }
      return value;
    });
  }
  const found = (merchant: Merchant | null) => merchant !== null;
  return {
    async upsertMerchant(input) {
      generation++;
      entries.clear();
      try {
        return await storage.upsertMerchant(input);
      } finally {
        generation++;
        entries.clear();
      }
    },
    // Keyed by the secret key's hash, as the database is: the key itself is not kept.
    merchantBySecretKey: (secretKey) => cached(`sk:${sha256(secretKey)}`, () => storage.merchantBySecretKey(secretKey), found),
    merchantByPublishableKey: (key) => cached(`pk:${key}`, () => storage.merchantByPublishableKey(key), found),
    isOriginAllowedAnywhere: (origin) => cached(`origin:${origin}`, () => storage.isOriginAllowedAnywhere(origin), (allowed) => allowed),
  };
}
