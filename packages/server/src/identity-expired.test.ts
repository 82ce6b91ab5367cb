/**
 * An expired or paid session's client secret sends no codes (docs/security.md, "Sessions"): the
 * secret may linger in a page, a log or a shared screen long after the checkout.
 */
import { describe, expect, it } from 'vitest';
import type { MailMessage, Mailer } from './notifications/mailer.js';
import { randomVault } from './identity/vault.js';
import { clientFor, createMerchant, createSession, createTestEnv } from './test/env.js';

const sent: MailMessage[] = [];
const mailer: Mailer = { send: async (message) => void sent.push(message), close: () => undefined };
const env = await createTestEnv();
const identityEnv = await createTestEnv({ db: env.db, app: { identity: { db: env.db, vault: randomVault(), mailer, sms: null } } });
const app = identityEnv.app;

async function lookupAfter(prepare: (client: ReturnType<typeof clientFor>) => Promise<void>) {
  const merchant = await createMerchant(env);
  const created = await createSession(env, merchant);
  const client = clientFor({ ...env, app }, merchant, created);
  await prepare(client);
  const before = (await env.db.query('SELECT count(*) AS n FROM outbox')).rows[0] as { n: string | number };
  const response = await client.post('/identity/lookup', { email: 'ada@example.com' });
  const after = (await env.db.query('SELECT count(*) AS n FROM outbox')).rows[0] as { n: string | number };
  return { response, queued: Number(after.n) - Number(before.n) };
}

describe('identity lookup with a session that can no longer be paid', () => {
  it('an open session may look up (the control)', async () => {
    const { response } = await lookupAfter(async () => undefined);
    expect(response.status).toBe(200);
  });

  it('an expired session answers 410 session_expired and queues no code', async () => {
    const { response, queued } = await lookupAfter(async () => {
      identityEnv.clock.now = new Date(identityEnv.clock.now.getTime() + 25 * 60 * 60 * 1000);
    });
    identityEnv.clock.now = new Date();
    expect(response.status).toBe(410);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('session_expired');
    expect(queued).toBe(0);
  });

  it('a paid session answers 410 too', async () => {
    const { response, queued } = await lookupAfter(async (client) => {
      await client.fill();
      expect((await client.confirm('pm_ok')).status).toBe(200);
    });
    expect(response.status).toBe(410);
    expect(queued).toBe(0);
  });
});
