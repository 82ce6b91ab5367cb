import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../storage/migrations.js';
import { moyasarFromEnv, paypalFromEnv, runCli } from './run.js';

const dataDir = mkdtempSync(join(tmpdir(), 'omni-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const lines: string[] = [];
  const code = await runCli(argv, { out: (line) => lines.push(line), env: { OMNI_DATA_DIR: dataDir } });
  return { code, output: lines.join('\n') };
}

describe('omni-checkout CLI', () => {
  it('migrates once, then reports the database is up to date', async () => {
    expect(await run('migrate')).toEqual({ code: 0, output: `Applied migrations: ${MIGRATIONS.map((m) => m.version).join(', ')}` });
    expect(await run('migrate')).toEqual({ code: 0, output: 'Database is up to date.' });
    // Two PGlite starts on disk: give a shared, busy machine room (it takes ~5 s when idle).
  }, 90_000);

  it('creates a merchant with fixed keys and upserts it on a second run', async () => {
    const keys = ['--publishable-key', 'pk_test_cli0000000000000000', '--secret-key', 'sk_test_cli0000000000000000'];
    const first = await run('merchant', 'create', '--name', 'CLI Shop', '--origin', 'http://localhost:5173', ...keys);
    const second = await run('merchant', 'create', '--name', 'CLI Shop 2', '--origin', 'http://localhost:5173', '--origin', 'https://shop.example', ...keys);
    expect(first.output).toContain('Secret key:      sk_test_cli0000000000000000');
    const id = /\((mer_\w+)\)/.exec(first.output)?.[1];
    expect(second.output).toContain(`Merchant "CLI Shop 2" (${id}), origins: http://localhost:5173 https://shop.example`);
  });

  it('generates keys when none are given and refuses an origin with a path', async () => {
    const { output } = await run('merchant', 'create', '--name', 'Fresh', '--origin', 'https://fresh.example');
    expect(output).toMatch(/Publishable key: pk_test_[0-9a-f]{32}\nSecret key: +sk_test_[0-9a-f]{64}/);
    await expect(run('merchant', 'create', '--name', 'Bad', '--origin', 'https://bad.example/shop')).rejects.toThrow(/exact origin/);
  });

  it('sets a merchant’s default capture method, and refuses one it does not know', async () => {
    const { output } = await run('merchant', 'create', '--name', 'Made to order', '--origin', 'https://mto.example', '--capture-method', 'manual');
    expect(output).toContain('Capture: manual');
    await expect(run('merchant', 'create', '--name', 'Odd', '--origin', 'https://odd.example', '--capture-method', 'later')).rejects.toThrow(/captureMethod/);
  });

  it('prints usage and exits 2 for an unknown command', async () => {
    expect(await run('frobnicate')).toMatchObject({ code: 2, output: expect.stringContaining('Usage:') });
  });
});

describe('PayPal from the environment', () => {
  const logger = { info: () => {}, warn: () => {} } as unknown as Parameters<typeof paypalFromEnv>[1];

  it('registers PayPal only with both credentials, and never a fake API base in production', async () => {
    expect(await paypalFromEnv({}, logger)).toEqual([]);
    expect(await paypalFromEnv({ PAYPAL_CLIENT_ID: 'id' }, logger)).toEqual([]);
    const [paypal] = await paypalFromEnv({ PAYPAL_CLIENT_ID: 'id', PAYPAL_CLIENT_SECRET: 'secret', PAYPAL_ENVIRONMENT: 'live' }, logger);
    expect(paypal).toMatchObject({ id: 'paypal', livemode: true });
    expect(paypal!.publicConfig()).toEqual({ clientId: 'id', environment: 'production', intent: 'capture' });
    await expect(
      paypalFromEnv({ PAYPAL_CLIENT_ID: 'id', PAYPAL_CLIENT_SECRET: 's', PAYPAL_API_BASE: 'http://127.0.0.1:1' }, logger),
    ).rejects.toThrow(/never in production/);
  });
});

describe('Moyasar from the environment', () => {
  const logger = { info: () => {}, warn: () => {} } as unknown as Parameters<typeof moyasarFromEnv>[1];
  // Assembled at run time: the tree never holds anything shaped like a live key.
  const live = ['sk', 'live', 'x'.repeat(4)].join('_');

  it('registers Moyasar only with both keys, and never a fake API base in production or with live keys', async () => {
    expect(await moyasarFromEnv({}, logger)).toEqual([]);
    expect(await moyasarFromEnv({ MOYASAR_SECRET_KEY: 'sk_test_a' }, logger)).toEqual([]);
    const [moyasar] = await moyasarFromEnv({ MOYASAR_SECRET_KEY: 'sk_test_a', MOYASAR_PUBLISHABLE_KEY: 'pk_test_b' }, logger);
    expect(moyasar).toMatchObject({ id: 'moyasar', livemode: false });
    expect(moyasar!.publicConfig()).toEqual({ publishableKey: 'pk_test_b', apiBase: 'https://api.moyasar.com' });
    const fake = { MOYASAR_SECRET_KEY: 'sk_test_a', MOYASAR_PUBLISHABLE_KEY: 'pk_test_b', MOYASAR_API_BASE: 'http://127.0.0.1:1' };
    await expect(moyasarFromEnv(fake, logger)).rejects.toThrow(/never in production/);
    await expect(moyasarFromEnv({ ...fake, MOYASAR_SECRET_KEY: live }, logger, { dev: true })).rejects.toThrow(/never in production/);
    const [viaFake] = await moyasarFromEnv(fake, logger, { dev: true });
    expect(viaFake!.publicConfig()).toEqual({ publishableKey: 'pk_test_b', apiBase: 'http://127.0.0.1:1' });
    // Live keys: mada's card fields are in the page, so mada only when the merchant accepts that.
    const keys = { MOYASAR_SECRET_KEY: live, MOYASAR_PUBLISHABLE_KEY: 'pk_live_b' };
    const saudi = { country: 'SA', currency: 'SAR' };
    expect((await moyasarFromEnv(keys, logger))[0]!.supportedMethods!(saudi)).toEqual(['stc_pay']);
    expect((await moyasarFromEnv({ ...keys, MOYASAR_PAGE_CARD_FIELDS: '1' }, logger))[0]!.supportedMethods!(saudi)).toEqual(['mada', 'stc_pay']);
  });
});
