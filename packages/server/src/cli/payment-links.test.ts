import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
