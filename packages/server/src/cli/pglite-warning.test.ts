/** `serve` says PostgreSQL is for production: it warns when started on PGlite, unless `--dev`. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { databaseWarning, PGLITE_WARNING } from './run.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'omni-warn-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The messages `serve` logs until it listens; then it is stopped. */
function linesUntilListening(...args: string[]): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/cli.ts', 'serve', '--port', '0', ...args], {
    cwd: packageDir,
    env: {
      PATH: process.env.PATH,
      OMNI_DATA_DIR: dataDir,
      OMNI_SWEEP_INTERVAL_SECONDS: '0',
      // Without --dev, serve is a production server: it needs real keys and a mail transport to start
      // (docs/security.md, "Modes"). Nothing is sent: the server is stopped once it listens.
      OMNI_DATA_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      OMNI_LOOKUP_KEY: Buffer.alloc(32, 8).toString('base64'),
      SMTP_URL: 'smtp://127.0.0.1:9',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const messages: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const { msg } = JSON.parse(line) as { msg: string };
      messages.push(msg);
      if (msg === 'omni-checkout listening') child.kill('SIGTERM');
    });
    child.once('exit', (code) => {
      if (messages.includes('omni-checkout listening')) resolve(messages);
      else reject(new Error(`serve exited with ${code} before listening: ${messages.join(' | ')}`));
    });
  });
}

it('serve warns when it starts on PGlite', async () => {
  expect(await linesUntilListening()).toContain(PGLITE_WARNING);
}, 120_000);

it('no warning on PostgreSQL, nor on PGlite with --dev', () => {
  expect(databaseWarning({}, false)).toBe(PGLITE_WARNING);
  expect(databaseWarning({}, true)).toBeNull();
  expect(databaseWarning({ DATABASE_URL: 'postgres://db/omni' }, false)).toBeNull();
});
