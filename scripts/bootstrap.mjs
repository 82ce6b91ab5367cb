// Makes `npm run demo` and `npm test` work on a machine with only Node 20 and npm: installs the
// workspace with the pinned pnpm (through npx, no global install) when dependencies are missing
// or older than the lockfile.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@10.34.9';

function installed() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  if (!existsSync(marker)) return false;
  return statSync(marker).mtimeMs >= statSync(join(root, 'pnpm-lock.yaml')).mtimeMs;
}

/** Command prefix that runs the pinned pnpm: the global one when it matches, else through npx. */
export function pnpmCommand() {
  try {
    const version = execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (`pnpm@${version}` === PNPM) return ['pnpm'];
  } catch {
    // not installed globally: fall through to npx
  }
  return ['npx', '--yes', PNPM];
}

export function ensureInstalled() {
  if (installed()) return;
  const [cmd, ...args] = pnpmCommand();
  console.log(`Installing dependencies with ${PNPM} (first run only)…`);
  execFileSync(cmd, [...args, 'install', '--frozen-lockfile'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureInstalled();
