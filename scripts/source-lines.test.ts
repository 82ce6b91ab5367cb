/**
 * No hand-written source file in `packages/*\/src` over 500 lines: a longer one is split along a
 * cohesive seam into sibling modules. Tests (`*.test.ts`) and the generated address data (`packages/core/src/address-data/`,
 * written by scripts/address-data.mjs) are exempt.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const MAX_LINES = 500;
const root = fileURLToPath(new URL('..', import.meta.url));

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'address-data' || entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

it(`no hand-written source file in packages/*/src has over ${MAX_LINES} lines`, () => {
  const packages = join(root, 'packages');
  const files = readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const src = join(packages, entry.name, 'src');
      try {
        return sources(src);
      } catch {
        return [];
      }
    });
  expect(files.length, 'no source files found: the scan is broken').toBeGreaterThan(100);
  const over = files
    .map((file) => ({ file: relative(root, file), lines: lineCount(readFileSync(file, 'utf8')) }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ file, lines }) => `${file}: ${lines} lines`)
    .sort();
  expect(over, `split these along a cohesive seam (at most ${MAX_LINES} lines each)`).toEqual([]);
});
