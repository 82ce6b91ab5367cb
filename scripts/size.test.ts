/**
 * Size budgets as tests (docs/style.md rule 20). Same functions as `pnpm size`, which also regenerates
 * docs/size.md. Entries whose file does not exist yet are skipped with a message saying so.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KB, entries, measure, root, stableChunkNames, upFrontCode } from './size.mjs';

const fmt = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`;

describe('size budgets (min + gzip)', () => {
  for (const entry of entries) {
    const exists = existsSync(resolve(root, entry.entry));
    const title = `${entry.name} (${entry.entry}) ≤ ${fmt(entry.budget)}${entry.enforced ? '' : ' [reported only]'}`;
    if (!exists) {
      it.skip(`${title} — skipped: entry file ${entry.entry} does not exist yet`, () => {});
      continue;
    }
    it(title, async () => {
      const size = await measure(entry);
      const line = `${entry.entry}: ${fmt(size.gzip)} min+gz (${fmt(size.minified)} min), budget ${fmt(entry.budget)} (${entry.budgetName})`;
      console.log(line);
      expect(size.minified, 'the bundle is empty: measuring is broken').toBeGreaterThan(0);
      if (entry.enforced && entry.notMet && size.gzip > entry.budget) {
        // The budget is not met and says so; the figure may only go down (see `notMet` in size.mjs).
        console.warn(`✗ NOT MET: ${line}; must not grow past ${fmt(entry.notMet.ceiling)} (${entry.notMet.why})`);
        expect(size.gzip, `${line}: grew past the last measured ${fmt(entry.notMet.ceiling)}`).toBeLessThanOrEqual(entry.notMet.ceiling);
      } else if (entry.enforced) {
        expect(size.gzip, line).toBeLessThanOrEqual(entry.budget);
      } else if (size.gzip > entry.budget) {
        console.warn(`✗ over the ${entry.budgetName} budget (not enforced yet): ${line}`);
      }
    }, 60_000);
  }
});

describe('the size measurement itself', () => {
  it('counts Lit when included, drops it when external, and keeps lazy chunks out', async () => {
    const fixture = 'scripts/size-fixtures/lit-element.ts';
    const withLit = await measure({ entry: fixture });
    const withoutLit = await measure({ entry: fixture, external: ['lit', 'lit/*', '@lit/*'] });
    // A minimal LitElement is ~6 KB min+gz; without Lit, a few hundred bytes.
    expect(withLit.gzip).toBeGreaterThan(4 * KB);
    expect(withLit.gzip).toBeLessThan(9 * KB);
    expect(withoutLit.gzip).toBeLessThan(1 * KB);
    // The fixture imports the zod schemas lazily: they must not count, but must be reported.
    expect(withLit.lazyGzip).toBeGreaterThan(5 * KB);
  }, 60_000);

  it('names chunks after the modules they hold, not their content: a change inside a lazy chunk leaves the files that import it as they were', () => {
    const outputs = (hash: string) => ({
      'out/entry.js': { inputs: { 'src/entry.ts': { bytesInOutput: 1 } } },
      [`out/chunk-${hash}.js`]: { inputs: { 'src/lazy.ts': { bytesInOutput: 1 }, 'src/shared.ts': { bytesInOutput: 1 } } },
    });
    const build = (hash: string, lazy: string) =>
      stableChunkNames(
        new Map([
          ['out/entry.js', Buffer.from(`import("./chunk-${hash}.js")`)],
          [`out/chunk-${hash}.js`, Buffer.from(lazy)],
        ]),
        outputs(hash) as never,
      );
    const before = build('7KQ2XJ3M', 'a()');
    const after = build('Q4ZB6N2D', 'a(), b()');
    expect(after.get('out/entry.js')!.toString()).toBe(before.get('out/entry.js')!.toString());
    // Still a name of esbuild's shape and length (as much for gzip to carry), and not the old one.
    expect(before.get('out/entry.js')!.toString()).toMatch(/^import\("\.\/chunk-[A-Z2-7]{8}\.js"\)$/);
    expect(before.get('out/entry.js')!.toString()).not.toContain('7KQ2XJ3M');
    // A chunk holding other modules gets another name.
    const other = stableChunkNames(new Map([['out/entry.js', Buffer.from('import("./chunk-7KQ2XJ3M.js")')]]), {
      'out/chunk-7KQ2XJ3M.js': { inputs: { 'src/other.ts': { bytesInOutput: 1 } } },
    } as never);
    expect(other.get('out/entry.js')!.toString()).not.toBe(before.get('out/entry.js')!.toString());
  });
});

describe('production bundles', () => {
  it('carry no development warning up front: the first render and all components', async () => {
    for (const entry of ['packages/elements/src/checkout/first.ts', 'packages/elements/src/checkout/define.ts', 'packages/elements/src/define.ts']) {
      const code = await upFrontCode({ entry });
      expect(code, entry).toContain('omni-checkout'); // the bundle is there
      // `warnOnce` prefixes every development warning; esbuild keeps code behind an imported `DEV`
      // (internal/prod.ts), so a warning the first render reaches belongs in internal/dev.ts.
      expect(code, entry).not.toContain('[omni-checkout] ');
      expect(code, entry).not.toContain('is already defined by another copy');
    }
  }, 60_000);
});
