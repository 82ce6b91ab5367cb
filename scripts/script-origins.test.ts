/**
 * docs/security.md R5 (PCI DSS 6.4.3): every third-party origin that provider client code loads from, or
 * that the demo shop's Content-Security-Policy allows, has an entry in security/script-origins.json.
 * A new origin without an entry fails CI; an entry nobody uses fails too (the list stays true).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const inventory = JSON.parse(readFileSync(join(root, 'security/script-origins.json'), 'utf8')) as { origins: { origin: string }[] };
const listed = new Set(inventory.origins.map((entry) => entry.origin));

/** Example hosts in comments and tests are not origins a page loads from. */
const EXAMPLE = /\.(example|test|invalid|localhost)$|^https:\/\/(127\.|localhost)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.ts$/.test(name) && !/\.(test|browser\.test|stories)\.ts$/.test(name) ? [path] : [];
  });
}

function originsIn(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/https:\/\/[a-z0-9*.-]+\.[a-z]{2,}/g)].map((m) => m[0]).filter((origin) => !EXAMPLE.test(origin));
}

describe('third-party origin inventory (R5)', () => {
  const sources = [
    ...readdirSync(join(root, 'packages')).flatMap((pkg) => {
      const client = join(root, 'packages', pkg, 'src', 'client');
      try {
        return statSync(client).isDirectory() ? files(client) : [];
      } catch {
        return [];
      }
    }),
    join(root, 'examples/shop/src/server.ts'),
  ];
  const found = new Map<string, string[]>();
  for (const path of sources) {
    for (const origin of originsIn(path)) found.set(origin, [...(found.get(origin) ?? []), relative(root, path)]);
  }

  it('lists every origin provider client code or the demo CSP names', () => {
    const missing = [...found].filter(([origin]) => !listed.has(origin)).map(([origin, where]) => `${origin} (${where.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('lists nothing that no code uses', () => {
    expect([...listed].filter((origin) => !found.has(origin))).toEqual([]);
  });
});
