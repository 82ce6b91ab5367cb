/**
 * The SQL statements one confirm sends to PostgreSQL, counted as `pg_stat_statements` counts them
 * (BEGIN and COMMIT included), through the app as `serve` runs it: the identity network on, the
 * mock provider (docs/backend-operations.md, "Fifth pass"). Each statement costs the backend pg's
 * client work and PostgreSQL its per-statement work.
 */
import { SAVE_CONSENT_VERSION, type ConfirmResponse } from '@omni-checkout/core';
import { expect, it } from 'vitest';
import { onEachDatabase } from './test/databases.js';
import { createMerchant, createSession, shopperAt, type TestEnv, type TestMerchant } from './test/env.js';
import { createIdentityTestEnv } from './test/identity.js';
import { countingDb, type StatementLog } from './test/statements.js';

/** A short name for each statement a confirm sends (the SQL itself when it is none of these). */
function named(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const rules: [RegExp, string][] = [
    [/^(BEGIN|COMMIT|ROLLBACK)$/, '$1'],
    [/^SELECT .* FROM checkout_sessions s JOIN merchants m .* WHERE s\.client_secret_hash = \$1$/, 'session by client secret'],
    [/^WITH s AS \( ?UPDATE checkout_sessions SET status = 'processing'.* a AS \( ?INSERT INTO confirm_attempts /, 'processing + attempt'],
    [/^SELECT .* FOR UPDATE OF s$/, 'session row lock'],
    [/^WITH o AS \( ?INSERT INTO orders .* r AS \( ?UPDATE session_tenders .* s AS \( ?UPDATE checkout_sessions SET status = 'complete'/, 'order + tenders + session'],
    [/^SELECT .* FROM session_save_intents /, 'save intent read'],
    [/^INSERT INTO outbox/, 'order email'],
    [/^UPDATE confirm_attempts SET payment_reference = COALESCE/, 'stored response'],
  ];
  for (const [pattern, name] of rules) {
    const match = pattern.exec(text);
    if (match) return name === '$1' ? match[1]! : name;
  }
  return text.slice(0, 80);
}

onEachDatabase((name, getDb) => {
  let env: TestEnv;
  let merchant: TestMerchant;
  let log: StatementLog;
  const setup = async () => {
    if (env) return;
    const counting = countingDb(getDb());
    log = counting.log;
    env = await createIdentityTestEnv([], {}, counting.db);
    merchant = await createMerchant(env);
  };

  async function confirmCounted(save: boolean): Promise<string[]> {
    await setup();
    const browser = shopperAt(env, [], merchant, await createSession(env, merchant));
    await browser.client.fill();
    if (save) expect((await browser.call('POST', '/identity/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).status).toBe(200);
    // The merchant is cached after its first request: the confirm's statements are its own.
    log.reset();
    const confirmed = await browser.client.confirm('pm_mock_success_4242');
    expect(confirmed.status).toBe(200);
    expect(((await confirmed.json()) as ConfirmResponse).status).toBe('succeeded');
    return log.sent.map(named);
  }

  it(`${name}: a confirm with the mock provider sends 8 statements (15 before)`, async () => {
    const sent = await confirmCounted(false);
    expect(sent).toEqual([
      'session by client secret',
      // The move to processing and the attempt, in one statement (no gift cards, the shipping option unchanged).
      'processing + attempt',
      'BEGIN',
      'session row lock',
      // The order, the tenders' redemption and the session's completion, in one statement.
      'order + tenders + session',
      'order email',
      'stored response',
      'COMMIT',
    ]);
  });

  it(`${name}: a guest saving their details: the save intent is read once, in the order's transaction`, async () => {
    const sent = await confirmCounted(true);
    expect(sent.filter((s) => s === 'save intent read')).toHaveLength(1);
    expect(sent.indexOf('save intent read')).toBeGreaterThan(sent.indexOf('session row lock'));
  });
});
