import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vaultFromEnv } from '../identity/vault.js';
import { PAYMENT_LINK_TEMPLATE, paymentLinkMessage } from '../links/send.js';
import { createLogger } from '../logger.js';
import type { MailMessage } from '../notifications/mailer.js';
import { createOutboxWorker } from '../notifications/outbox.js';
import { openDb } from '../storage/index.js';
import { runCli } from './run.js';

const dataDir = mkdtempSync(join(tmpdir(), 'omni-cli-links-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const lines: string[] = [];
  const code = await runCli(argv, { out: (line) => lines.push(line), env: { OMNI_DATA_DIR: dataDir, OMNI_PUBLIC_URL: 'https://pay.example.com' } });
  return { code, output: lines.join('\n') };
}

describe('omni-checkout payment-links', () => {
  it('creates a link for a merchant, shows it and disables it; refuses a checkout page on another origin', async () => {
    const merchant = await run('merchant', 'create', '--name', 'Links', '--origin', 'https://links.example');
    const merchantId = /\((mer_\w+)\)/.exec(merchant.output)![1]!;
    const created = await run('payment-links', 'create', '--merchant', merchantId, '--amount', '4200', '--currency', 'EUR', '--country', 'DE',
      '--channel', 'sms', '--checkout-url', 'https://links.example/pay', '--multi-use');
    expect(created.code).toBe(0);
    const id = /^(plink_[0-9a-f]{24})  active  https:\/\/pay\.example\.com\/l\/plink_[0-9a-f]{24}$/m.exec(created.output)![1]!;
    expect(created.output).toContain('multiple use, sms, 0 opened, 0 paid, expires ');
    expect((await run('payment-links', 'disable', '--link', id)).output).toMatch(new RegExp(`^${id}  disabled  `));
    expect((await run('payment-links', 'show', '--link', id)).output).toMatch(/  disabled  /);
    await expect(run('payment-links', 'create', '--merchant', merchantId, '--amount', '1', '--currency', 'EUR', '--country', 'DE',
      '--channel', 'sms', '--checkout-url', 'https://elsewhere.example/pay')).rejects.toThrow(/allowed origins/);
    await expect(run('payment-links', 'create', '--merchant', merchantId, '--currency', 'EUR', '--country', 'DE', '--channel', 'fax',
      '--checkout-url', 'https://links.example/pay')).rejects.toThrow(/channel/);
  }, 90_000);
});

describe('omni-checkout payment-links send', () => {
  it('queues one email per --key for the running server’s outbox, with the public URL; refuses a disabled link', async () => {
    const merchant = await run('merchant', 'create', '--name', 'Send Shop', '--origin', 'https://send.example');
    const merchantId = /\((mer_\w+)\)/.exec(merchant.output)![1]!;
    const created = await run('payment-links', 'create', '--merchant', merchantId, '--amount', '990', '--currency', 'EUR', '--country', 'DE',
      '--channel', 'email', '--checkout-url', 'https://send.example/pay');
    const id = /^(plink_[0-9a-f]{24})  active/m.exec(created.output)![1]!;
    const first = await run('payment-links', 'send', '--link', id, '--email', 'ada@example.com', '--key', 'k1', '--dev');
    expect(first.output).toMatch(/^plsend_[0-9a-f]{24}  queued  email to a•••@e•••\.com/);
    expect((await run('payment-links', 'send', '--link', id, '--email', 'ada@example.com', '--key', 'k1', '--dev')).output).toBe(first.output);

    // What the server's outbox worker (same data directory, same development vault) mails.
    const db = await openDb({ dataDir });
    try {
      const mails: MailMessage[] = [];
      const worker = createOutboxWorker({
        db,
        mailer: { send: async (message) => void mails.push(message), close: () => undefined },
        sms: { send: async () => undefined },
        templates: { [PAYMENT_LINK_TEMPLATE]: paymentLinkMessage({ db, vault: vaultFromEnv({}, () => undefined, { dev: true }) }) },
        logger: createLogger({ level: 'silent' }),
      });
      expect(await worker.runOnce()).toBe(1);
      expect(mails.map((m) => [m.to, m.text.includes(`Pay now: https://pay.example.com/l/${id}`)])).toEqual([['ada@example.com', true]]);
    } finally {
      await db.close();
    }
    await run('payment-links', 'disable', '--link', id);
    await expect(run('payment-links', 'send', '--link', id, '--email', 'ada@example.com', '--dev')).rejects.toThrow(/^payment_link_not_active/);
    await expect(run('payment-links', 'send', '--link', id, '--email', 'not-an-email', '--dev')).rejects.toThrow(/--email/);
  }, 90_000);
});
