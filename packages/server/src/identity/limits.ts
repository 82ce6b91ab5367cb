/**
 * Shared counters for one-time codes (docs/security.md R18, R19), kept in PostgreSQL (or PGlite) through
 * rate-limiter-flexible, so every backend process behind a load balancer sees the same counts.
 * The `rate_limits` table is created by migration 101 in the library's own schema.
 */
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Queryable } from '../storage/db.js';

export interface LimitsConfig {
  /** Codes sent per identity (email or phone) per window. R19: 5 per 10 minutes. */
  readonly sendsPerIdentity: number;
  readonly sendWindowS: number;
  /** Lookups per client IP per window. */
  readonly sendsPerIp: number;
  /** Wrong codes per identity per window, across all its codes (a new code does not reset it). */
  readonly failuresPerIdentity: number;
  readonly failureWindowS: number;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  sendsPerIdentity: 5,
  sendWindowS: 600,
  sendsPerIp: 30,
  failuresPerIdentity: 10,
  failureWindowS: 3600,
};

export interface IdentityLimits {
  /** Counts one send for the identity and the IP; false (and nothing should be sent) when either is over. */
  allowSend(identityHash: string, ip: string): Promise<boolean>;
  /**
   * Consume-before-verify: takes one guess from the identity's budget in one atomic statement
   * (an upsert), before the code is compared; false (and the code must not be evaluated) once the
   * budget is spent. So N parallel guesses evaluate at most `failuresPerIdentity` of them.
   */
  takeGuess(identityHash: string): Promise<boolean>;
  /** Gives a guess back: the code was right, so it was not a failure. */
  refundGuess(identityHash: string): Promise<void>;
}

/** rate-limiter-flexible's "client" store over our `Queryable` (PGlite or a `pg` pool). */
export function storeClient(db: Queryable) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const { rows } = await db.query<Record<string, unknown>>(q.text, q.values ?? []);
      // bigint comes back as a string (pg) or a bigint (PGlite); the library does arithmetic on it.
      const normalised = rows.map((row) => ('expire' in row && row.expire !== null ? { ...row, expire: Number(row.expire) } : row));
      return { rows: normalised, rowCount: normalised.length };
    },
  };
}

/** The options every limiter shares: counters in the `rate_limits` table, so every instance sees the same counts. */
export const rateLimitStore = (db: Queryable) =>
  ({ storeClient: storeClient(db), storeType: 'client', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false }) as const;

/** Takes one point; false when the limit is reached (other errors are thrown). */
export async function consumed(limiter: RateLimiterPostgres, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

export function createIdentityLimits(db: Queryable, config: LimitsConfig = DEFAULT_LIMITS): IdentityLimits {
  const base = rateLimitStore(db);
  const perIdentity = new RateLimiterPostgres({ ...base, keyPrefix: 'otp_send_id', points: config.sendsPerIdentity, duration: config.sendWindowS });
  const perIp = new RateLimiterPostgres({ ...base, keyPrefix: 'otp_send_ip', points: config.sendsPerIp, duration: config.sendWindowS });
  const failures = new RateLimiterPostgres({
    ...base,
    keyPrefix: 'otp_fail_id',
    points: config.failuresPerIdentity,
    duration: config.failureWindowS,
  });
  return {
    async allowSend(identityHash, ip) {
      const [identityOk, ipOk] = [await consumed(perIdentity, identityHash), await consumed(perIp, ip)];
      return identityOk && ipOk;
    },
    takeGuess: (identityHash) => consumed(failures, identityHash),
    async refundGuess(identityHash) {
      await failures.reward(identityHash, 1);
    },
  };
}
