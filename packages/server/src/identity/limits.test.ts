/**
 * The shared counters behind one-time codes (R18, R19), on PGlite: sends stop at the identity's and
 * the IP's limits, a right code gives its guess back so a shopper who types correctly is never
 * locked out, and a database failure is an error, not a silent "limit reached".
 */
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { usePglite } from '../test/databases.js';
import type { Queryable } from '../storage/db.js';
import { consumed, createIdentityLimits, rateLimitStore, storeClient } from './limits.js';

const getDb = usePglite();
const config = { sendsPerIdentity: 2, sendWindowS: 600, sendsPerIp: 3, failuresPerIdentity: 2, failureWindowS: 3600 };

describe('identity limits', () => {
  it('sends stop at the identity limit, and at the IP limit for other identities', async () => {
    const limits = createIdentityLimits(getDb(), config);
    expect(await limits.allowSend('id-a', '203.0.113.1')).toBe(true);
    expect(await limits.allowSend('id-a', '203.0.113.1')).toBe(true);
    expect(await limits.allowSend('id-a', '203.0.113.1')).toBe(false);
    // Same IP, another identity: the IP has used its three sends.
    expect(await limits.allowSend('id-b', '203.0.113.1')).toBe(false);
    expect(await limits.allowSend('id-b', '203.0.113.2')).toBe(true);
  });

  it('a right code gives its guess back; wrong ones use up the budget', async () => {
    const limits = createIdentityLimits(getDb(), config);
    for (let i = 0; i < 4; i++) {
      expect(await limits.takeGuess('id-right')).toBe(true);
      await limits.refundGuess('id-right');
    }
    expect(await limits.takeGuess('id-wrong')).toBe(true);
    expect(await limits.takeGuess('id-wrong')).toBe(true);
    expect(await limits.takeGuess('id-wrong')).toBe(false);
  });

  it('reads expiry times as numbers, whatever type the driver gives, and leaves rows without one alone', async () => {
    const rows = [{ key: 'a', points: 1, expire: 1_800_000_000_000n }, { key: 'b', points: 1, expire: '1800000000000' }, { key: 'c', points: 1, expire: null }, { key: 'd' }];
    const fake: Queryable = { query: async () => ({ rows }) } as unknown as Queryable;
    const { rows: out } = await storeClient(fake).query({ text: 'SELECT 1' });
    expect(out).toEqual([
      { key: 'a', points: 1, expire: 1_800_000_000_000 },
      { key: 'b', points: 1, expire: 1_800_000_000_000 },
      { key: 'c', points: 1, expire: null },
      { key: 'd' },
    ]);
  });

  it('a database failure is thrown, not taken for a reached limit', async () => {
    const failing: Queryable = {
      query: async () => {
        throw new Error('connection lost');
      },
    } as unknown as Queryable;
    const limiter = new RateLimiterPostgres({ ...rateLimitStore(failing), keyPrefix: 'fail', points: 1, duration: 60 });
    await expect(consumed(limiter, 'k')).rejects.toThrow();
  });
});
