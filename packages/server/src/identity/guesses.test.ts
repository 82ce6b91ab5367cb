/**
 * The identity's wrong-code cap holds in parallel (R18, docs/security.md "Codes"), on PGlite and
 * PostgreSQL: 50 parallel wrong guesses spread over one identity's five codes evaluate at most the
 * cap (10). Before consume-before-verify, a read (`mayVerify`) then a separate write
 * (`recordFailure`) let 25 through on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import type { IdentityLookupResponse } from '@omni-checkout/core';
import type { Mailer } from '../notifications/mailer.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, type TestEnv } from '../test/env.js';
import { DEFAULT_LIMITS } from './limits.js';
import { randomVault } from './vault.js';

const mailer: Mailer = { send: async () => undefined, close: () => undefined };

onEachDatabase((name, getDb) => {
  let env: TestEnv;
  const vault = randomVault();

  describe(`${name}: wrong codes`, () => {
    it('50 parallel wrong guesses over one identity’s 5 codes evaluate at most the cap of 10', async () => {
      env ??= await createTestEnv({
        db: getDb(),
        vault,
        app: { identity: { db: getDb(), vault, mailer, sms: null, limits: { ...DEFAULT_LIMITS, sendsPerIp: 1000 } } },
      });
      const merchant = await createMerchant(env);
      const client = clientFor(env, merchant, await createSession(env, merchant));
      const email = `guess.${Date.now().toString(36)}@example.com`;
      const challenges: string[] = [];
      for (let i = 0; i < DEFAULT_LIMITS.sendsPerIdentity; i++) {
        const response = await client.post('/identity/lookup', { email });
        expect(response.status).toBe(200);
        challenges.push(((await response.json()) as IdentityLookupResponse).challengeId);
      }
      const answers = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const r = await client.post('/identity/verify', { challengeId: challenges[i % challenges.length], code: String(100000 + i) });
          return { status: r.status, code: ((await r.json()) as { error: { code: string } }).error.code };
        }),
      );
      const { rows } = await getDb().query<{ n: string | number }>('SELECT COALESCE(sum(attempts), 0) AS n FROM otp_challenges WHERE identity_hash = $1', [
        vault.lookupHash('email', email),
      ]);
      const evaluated = Number(rows[0]!.n);
      const refused = answers.filter((a) => a.status === 429 && a.code === 'too_many_attempts').length;
      const wrong = answers.filter((a) => a.status === 400 && a.code === 'invalid_code').length;
      console.log(`${name}: 50 parallel wrong guesses → ${evaluated} evaluated (cap ${DEFAULT_LIMITS.failuresPerIdentity}), ${wrong} invalid_code, ${refused} too_many_attempts`);
      expect(evaluated).toBeLessThanOrEqual(DEFAULT_LIMITS.failuresPerIdentity);
      expect(wrong).toBeLessThanOrEqual(DEFAULT_LIMITS.failuresPerIdentity);
      expect(wrong + refused).toBe(50);
    });
  });
});
