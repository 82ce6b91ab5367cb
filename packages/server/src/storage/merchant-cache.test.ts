/** The merchant cache: hits within the TTL, cleared by a local change, misses never cached; a replaced key's bound across instances. */
import { expect, it } from 'vitest';
import { createStorage } from './index.js';
import { cachedMerchants, type MerchantLookups } from './merchant-cache.js';
import { storageFromDb } from './storage.js';

interface M {
  readonly name: string;
}

function fakeStorage() {
  const merchants = new Map<string, M>([['pk_a', { name: 'A' }]]);
  const calls: string[] = [];
  let release: (() => void) | null = null;
  const storage: MerchantLookups<M, { key: string; name: string }> = {
    async upsertMerchant({ key, name }) {
      merchants.set(key, { name });
      return { name };
    },
    async merchantBySecretKey(secretKey) {
      calls.push(`sk:${secretKey}`);
      return merchants.get(secretKey.replace('sk_', 'pk_')) ?? null;
    },
    async merchantByPublishableKey(key) {
      calls.push(`pk:${key}`);
      if (release === null && key === 'pk_slow') await new Promise<void>((resolve) => (release = resolve));
      return merchants.get(key) ?? null;
    },
    async isOriginAllowedAnywhere(origin) {
      calls.push(`origin:${origin}`);
      return origin === 'https://a.example';
    },
  };
  return { storage, calls, merchants, release: () => release?.() };
}

it('answers from memory within the TTL, from the database after it', async () => {
  const { storage, calls } = fakeStorage();
  let now = 0;
  const cache = cachedMerchants(storage, { ttlMs: 1000, now: () => now });
  expect(await cache.merchantByPublishableKey('pk_a')).toEqual({ name: 'A' });
  expect(await cache.merchantBySecretKey('sk_a')).toEqual({ name: 'A' });
  expect(await cache.isOriginAllowedAnywhere('https://a.example')).toBe(true);
  now = 999;
  await cache.merchantByPublishableKey('pk_a');
  await cache.merchantBySecretKey('sk_a');
  await cache.isOriginAllowedAnywhere('https://a.example');
  expect(calls).toHaveLength(3);
  now = 1000;
  await cache.merchantByPublishableKey('pk_a');
  expect(calls).toHaveLength(4);
});

it('a change through this process is seen at once', async () => {
  const { storage } = fakeStorage();
  const cache = cachedMerchants(storage, { ttlMs: 60_000 });
  expect(await cache.merchantByPublishableKey('pk_a')).toEqual({ name: 'A' });
  await cache.upsertMerchant({ key: 'pk_a', name: 'A renamed' });
  expect(await cache.merchantByPublishableKey('pk_a')).toEqual({ name: 'A renamed' });
});

it('misses (unknown keys, refused origins) are not cached: a merchant created elsewhere is found at once', async () => {
  const { storage, merchants, calls } = fakeStorage();
  const cache = cachedMerchants(storage, { ttlMs: 60_000 });
  expect(await cache.merchantByPublishableKey('pk_b')).toBeNull();
  expect(await cache.isOriginAllowedAnywhere('https://b.example')).toBe(false);
  merchants.set('pk_b', { name: 'B' });
  expect(await cache.merchantByPublishableKey('pk_b')).toEqual({ name: 'B' });
  expect(await cache.isOriginAllowedAnywhere('https://b.example')).toBe(false);
  expect(calls.filter((c) => c === 'origin:https://b.example')).toHaveLength(2);
});

it('a lookup that started before a local change does not store its stale answer', async () => {
  const fake = fakeStorage();
  fake.merchants.set('pk_slow', { name: 'old' });
  const cache = cachedMerchants(fake.storage, { ttlMs: 60_000 });
  const pending = cache.merchantByPublishableKey('pk_slow');
  await new Promise((resolve) => setTimeout(resolve, 5));
  await cache.upsertMerchant({ key: 'pk_slow', name: 'new' });
  fake.merchants.set('pk_slow', { name: 'old' }); // the slow read saw the row before the change
  fake.release();
  expect(await pending).toEqual({ name: 'old' });
  fake.merchants.set('pk_slow', { name: 'new' });
  expect(await cache.merchantByPublishableKey('pk_slow')).toEqual({ name: 'new' });
});

it('ttlMs 0 turns the cache off', async () => {
  const { storage, calls } = fakeStorage();
  const cache = cachedMerchants(storage, { ttlMs: 0 });
  await cache.merchantByPublishableKey('pk_a');
  await cache.merchantByPublishableKey('pk_a');
  expect(calls).toHaveLength(2);
});

it('a secret key replaced on one instance is refused there at once and on another within the TTL, never later', async () => {
  // Two instances on one database, each with its own cache: what `merchant create` with a new key does.
  const { storage: first, db } = await createStorage({ dataDir: null, merchantCacheMs: 5_000 });
  let now = 0;
  const second = storageFromDb(db, { merchantCache: { ttlMs: 5_000, now: () => now } });
  const merchant = { name: 'Shop', publishableKey: 'pk_test_rotate', secretKey: 'sk_test_rotate_old', allowedOrigins: ['https://shop.example'] };
  await first.upsertMerchant(merchant);
  expect((await second.merchantBySecretKey('sk_test_rotate_old'))?.name).toBe('Shop');
  await first.upsertMerchant({ ...merchant, secretKey: 'sk_test_rotate_new' });
  expect(await first.merchantBySecretKey('sk_test_rotate_old')).toBeNull();
  expect((await first.merchantBySecretKey('sk_test_rotate_new'))?.name).toBe('Shop');
  // The other instance answered the old key from memory until its entry is 5 s old, and not after.
  now = 4_999;
  expect((await second.merchantBySecretKey('sk_test_rotate_old'))?.name).toBe('Shop');
  now = 5_000;
  expect(await second.merchantBySecretKey('sk_test_rotate_old')).toBeNull();
  // The new key works there at once: misses are not cached.
  expect((await second.merchantBySecretKey('sk_test_rotate_new'))?.name).toBe('Shop');
  await db.close();
  // A migrated PGlite takes seconds on a busy machine.
}, 120_000);
