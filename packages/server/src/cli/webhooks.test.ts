import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const dataDir = mkdtempSync(join(tmpdir(), 'omni-cli-webhooks-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const keys = { OMNI_DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`, OMNI_LOOKUP_KEY: randomBytes(32).toString('base64') };

async function run(...argv: string[]) {
  const lines: string[] = [];
  const code = await runCli(argv, { out: (line) => lines.push(line), env: { OMNI_DATA_DIR: dataDir, ...keys } });
  return { code, output: lines.join('\n') };
}

describe('omni-checkout webhooks', () => {
  it('adds, lists, rotates and removes a merchant endpoint', async () => {
    const merchant = await run('merchant', 'create', '--name', 'Hooks', '--origin', 'https://hooks.example');
    const merchantId = /\((mer_\w+)\)/.exec(merchant.output)![1]!;
    const added = await run('webhooks', 'add', '--merchant', merchantId, '--url', 'https://hooks.example/omni', '--event', 'order.paid', '--event', 'order.refunded');
    expect(added.code).toBe(0);
    const endpointId = /Endpoint (we_\w+)/.exec(added.output)![1]!;
    const secret = /Signing secret: (whsec_\S+)/.exec(added.output)![1]!;
    expect((await run('webhooks', 'list', '--merchant', merchantId)).output).toBe(`${endpointId}  enabled   https://hooks.example/omni  order.paid,order.refunded`);
    const rotated = await run('webhooks', 'rotate', '--endpoint', endpointId, '--keep-previous-seconds', '3600');
    expect(rotated.output).toMatch(/New signing secret: whsec_\S+\nThe previous secret also signs deliveries until \d{4}-/);
    expect(rotated.output).not.toContain(secret);
    await expect(run('webhooks', 'add', '--merchant', merchantId, '--url', 'not a url')).rejects.toThrow(/url/i);
    expect((await run('webhooks', 'remove', '--endpoint', endpointId)).output).toBe(`Removed ${endpointId}.`);
    expect((await run('webhooks', 'list', '--merchant', merchantId)).output).toBe('');
  }, 90_000);
});
