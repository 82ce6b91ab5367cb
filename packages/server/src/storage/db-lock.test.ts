/**
 * `Db.lock` serialises tasks with the same key across every process on the database: on
 * PostgreSQL two separate pools (as two server processes) never run them at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomHex } from '../crypto.js';
import { openPglite, openPostgres, type Db } from './db.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const probe = openPostgres(`${adminUrl}${adminUrl.includes('?') ? '&' : '?'}connect_timeout=2`);
const pgUp = await probe.query('SELECT 1').then(() => true, () => false);
await probe.close();
if (!pgUp && process.env.CI === 'true') throw new Error('PostgreSQL is required in CI');

/** Runs `perKey` tasks per key on each of `dbs`, all at once; answers the most that overlapped per key and the keys' overlaps. */
async function overlap(dbs: Db[], keys: string[], perKey: number) {
  const running = new Map<string, number>();
  let most = 0;
  let acrossKeys = 0;
  await Promise.all(
    dbs.flatMap((db) =>
      keys.flatMap((key) =>
        Array.from({ length: perKey }, () =>
          db.lock(key, async () => {
            const now = (running.get(key) ?? 0) + 1;
            running.set(key, now);
            most = Math.max(most, now);
            acrossKeys = Math.max(acrossKeys, [...running.values()].filter((n) => n > 0).length);
            await new Promise((resolve) => setTimeout(resolve, 15));
            running.set(key, now - 1);
          }),
        ),
      ),
    ),
  );
  return { most, acrossKeys };
}

describe.runIf(pgUp)('PostgreSQL advisory lock', () => {
  let a: Db;
  let b: Db;
  beforeAll(() => {
    a = openPostgres(adminUrl, { poolSize: 4 });
    b = openPostgres(adminUrl, { poolSize: 4 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('one task per key at a time across two pools; different keys run side by side', async () => {
    const key = `test:${randomHex(6)}`;
    const { most, acrossKeys } = await overlap([a, b], [key, `${key}:other`], 4);
    expect(most).toBe(1);
    expect(acrossKeys).toBe(2);
  });

  it('a failing task releases the lock', async () => {
    const key = `test:${randomHex(6)}`;
    await expect(a.lock(key, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(b.lock(key, async () => 'next')).resolves.toBe('next');
  });
});

describe('PGlite (one process)', () => {
  let lite: Db;
  beforeAll(async () => {
    lite = await openPglite();
  });
  afterAll(() => lite?.close());

  it('one task per key at a time', async () => {
    expect((await overlap([lite], ['k'], 5)).most).toBe(1);
  });
});
