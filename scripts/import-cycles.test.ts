/**
 * No import cycles in `packages/*\/src` (scripts/import-cycles.mjs): every static import counts,
 * type-only ones and imports across packages included; a dynamic `import()` is a lazy-loading
 * boundary and does not. The detector itself is checked on a small repository written here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph, specifiersOf } from './import-cycles.mjs';

it('packages/*/src has no import cycle (run node scripts/import-cycles.mjs to see them)', () => {
  const graph = importGraph();
  expect(graph.size, 'no source files found: the scan is broken').toBeGreaterThan(100);
  expect(findCycles(graph)).toEqual([]);
});

describe('the cycle detector', () => {
  const root = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('packages/a/package.json', JSON.stringify({ name: '@omni-checkout/a', exports: { '.': { source: './src/index.ts' } } }));
  write('packages/b/package.json', JSON.stringify({ name: '@omni-checkout/b', exports: { '.': { source: './src/index.ts' } } }));
  write('packages/c/package.json', JSON.stringify({ name: '@omni-checkout/c', exports: { './ring': { source: './src/ring/index.ts' } } }));
  // A type-only cycle inside a package, through a folder's index.
  write('packages/a/src/index.ts', `export { helper } from './util/index.js';\nexport type Shape = { readonly n: number };\n`);
  write('packages/a/src/util/index.ts', `import type { Shape } from '../index.js';\nexport const helper = (s: Shape) => s.n;\n`);
  // A cycle across packages through their exports maps.
  write('packages/b/src/index.ts', `import { later } from './later.js';\nexport const b = 1 + later;\n`);
  write('packages/b/src/later.ts', `import { ring } from '@omni-checkout/c/ring';\nexport const later = 2;\nexport { ring };\n`);
  write('packages/c/src/ring/index.ts', `import { b } from '@omni-checkout/b';\nexport const ring = b;\n`);
  // A lazily loaded chunk naming its loader's type: not a cycle.
  write('packages/b/src/lazy.ts', `export const load = () => import('./chunk.js');\nexport interface Chunk { readonly x: number }\n`);
  write('packages/b/src/chunk.ts', `import type { Chunk } from './lazy.js';\nconst chunk: Chunk = { x: 1 };\nexport default chunk;\n`);
  // Strings and comments that look like imports are not imports.
  write('packages/b/src/quiet.ts', `// import { b } from './index.js';\nexport const text = "import { b } from './index.js'";\n`);

  it('reads static, type-only and re-export specifiers apart from dynamic import() calls', () => {
    const found = specifiersOf(
      'x.ts',
      `import a from './a.js';\nimport type { B } from './b.js';\nexport * from './c.js';\ntype D = import('./d.js').D;\nconst e = () => import('./e.js');\n// import f from './f.js';\n`,
    );
    expect(found).toEqual({ static: ['./a.js', './b.js', './c.js', './d.js'], dynamic: ['./e.js'] });
  });

  it('finds a type-only cycle and a cycle across packages, and nothing through import() or in comments', () => {
    const cycles = findCycles(importGraph(root), root);
    expect(cycles).toHaveLength(2);
    const [crossPackage, typeOnly] = [...cycles].sort((x, y) => y.length - x.length);
    expect(crossPackage).toEqual(['packages/b/src/index.ts', 'packages/b/src/later.ts', 'packages/c/src/ring/index.ts', 'packages/b/src/index.ts']);
    expect(typeOnly).toEqual(['packages/a/src/index.ts', 'packages/a/src/util/index.ts', 'packages/a/src/index.ts']);
  });

  it('counts the lazy chunk when dynamic imports are asked for', () => {
    const cycles = findCycles(importGraph(root, { dynamic: true }), root).map((cycle) => [...new Set(cycle)].sort());
    expect(cycles).toContainEqual(['packages/b/src/chunk.ts', 'packages/b/src/lazy.ts']);
  });
});
