import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const dataDir = mkdtempSync(join(tmpdir(), 'omni-cli-gift-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const lines: string[] = [];
  const code = await runCli(argv, { out: (line) => lines.push(line), env: { OMNI_DATA_DIR: dataDir } });
  return { code, output: lines.join('\n') };
}

describe('omni-checkout gift-cards', () => {
  it('issues a card (code printed once, only its hash stored) and shows its balance and ledger', async () => {
    const merchant = await run('merchant', 'create', '--name', 'Gifts', '--origin', 'https://gifts.example');
    const merchantId = /\((mer_\w+)\)/.exec(merchant.output)![1]!;
    const issued = await run('gift-cards', 'issue', '--merchant', merchantId, '--amount', '5000', '--currency', 'EUR', '--validity-days', '1095', '--dev');
    expect(issued.code).toBe(0);
    expect(issued.output).toMatch(/^Gift card gc_\w+: €50\.00, pays until \d{4}-/);
    const code = /Code: (\S+)/.exec(issued.output)![1]!;
    expect(code).toMatch(/^(\w{4}-){4}\w{4}$/);
    const id = /(gc_\w+)/.exec(issued.output)![1]!;
    const shown = await run('gift-cards', 'show', '--merchant', merchantId, '--card', id);
    expect(shown.output).toContain(`${id}  active  balance €50.00  ••••${code.slice(-4)}`);
    expect(shown.output).toMatch(/issue\s+5000\s+→ 5000/);
    expect(shown.output).not.toContain(code);
    // Without --dev the lookup key is required, as for serve.
    await expect(run('gift-cards', 'issue', '--merchant', merchantId, '--amount', '100', '--currency', 'EUR')).rejects.toThrow(/OMNI_DATA_KEYS|OMNI_LOOKUP_KEY/);
    await expect(run('gift-cards', 'issue', '--merchant', merchantId, '--amount', '-1', '--currency', 'EUR', '--dev')).rejects.toThrow(/amount/i);
  }, 90_000);
});
