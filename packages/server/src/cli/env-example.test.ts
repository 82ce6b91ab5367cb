/** `.env.example` lists every environment variable the server and its provider plugins read. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');
/** Read only by tests and local tooling, never by a deployed server. */
const NOT_FOR_DEPLOYMENT = new Set(['CI', 'TEST_DATABASE_URL', 'HOME', 'PATH']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'testing' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

it('documents every variable the server reads', () => {
  const dirs = ['packages/server/src', 'packages/stripe/src/server', 'packages/paypal/src/server', 'packages/mock/src/server'];
  const read = new Set<string>();
  for (const file of dirs.flatMap((dir) => sources(resolve(root, dir)))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]+)/g)) read.add(match[1]!);
  }
  const documented = new Set([...readFileSync(resolve(root, 'packages/server/.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));
  const missing = [...read].filter((name) => !documented.has(name) && !NOT_FOR_DEPLOYMENT.has(name)).sort();
  expect(missing).toEqual([]);
  expect(read.size).toBeGreaterThan(25);
});
