/**
 * A merchant's strict TypeScript project that imports only one component's `define` entry (the
 * built package, through its `types` condition, as an installed copy resolves it) gets typed events
 * and elements: for every element of the Custom Elements Manifest, a fixture imports its entry
 * alone, creates it with `document.createElement`, reads every public property, and reads every
 * field of every `omni-*` event it dispatches inside `addEventListener` (e.g. `event.orderId` on
 * `omni-complete`). Each fixture is compiled on its own (`tsc --strict`), so one entry's types
 * cannot lean on another's. The fixtures are generated from the manifest: a new element is covered.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineEntryOf, elementsOf, generateManifest, type Package } from './custom-elements-manifest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'test-results', 'merchant-types');

interface Member {
  kind: string;
  name: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
}

let manifest: Package;
/** Event class name → its public fields. */
const eventFields = new Map<string, string[]>();

beforeAll(() => {
  // The fixtures compile against dist (the `types` condition), as an installed package would.
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b', 'packages/elements'], { cwd: root, stdio: 'inherit' });
  manifest = generateManifest();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.kind === 'class' && /Event$/.test(declaration.name) && !declaration.customElement) {
        eventFields.set(
          declaration.name,
          ((declaration.members ?? []) as Member[]).filter((m) => m.kind === 'field' && !m.static && m.privacy !== 'private').map((m) => m.name),
        );
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}, 240_000);

function fixtureFor(tag: string): string {
  const { declaration } = elementsOf(manifest).find((e) => e.declaration.tagName === tag)!;
  const entry = defineEntryOf(manifest, tag)!;
  const lines = [`import '${entry}';`, '', `const element = document.createElement('${tag}');`];
  const properties = ((declaration.members ?? []) as Member[]).filter(
    (m) => m.kind === 'field' && !m.static && !m.privacy && !m.name.startsWith('#'),
  );
  for (const property of properties) lines.push(`void element.${property.name};`);
  for (const event of (declaration.events ?? []) as { name: string; type?: { text: string } }[]) {
    if (!event.name.startsWith('omni-')) continue;
    const fields = eventFields.get(event.type?.text ?? '') ?? [];
    lines.push(`element.addEventListener('${event.name}', (event) => {`);
    lines.push(`  const type: '${event.name}' = event.type as '${event.name}';`, '  void type;');
    for (const field of fields) lines.push(`  void event.${field};`);
    lines.push('});');
  }
  lines.push('export {};', '');
  return lines.join('\n');
}

describe('a strict TypeScript merchant project importing one entry', () => {
  const tags = () => elementsOf(manifest).map((e) => e.declaration.tagName as string);

  it('covers every element of the manifest, and the omni-complete detail', () => {
    expect(tags().length).toBeGreaterThanOrEqual(6);
    expect(fixtureFor('omni-checkout')).toContain('void event.orderId;');
  });

  it.each(['omni-checkout', 'omni-address', 'omni-express', 'omni-identity', 'omni-saved-methods', 'omni-payment-methods'])(
    '%s: compiles with every property and event detail',
    (tag) => {
      const all = tags();
      expect(all).toContain(tag);
      compile(tag);
    },
  );

  it('every other element of the manifest compiles too', () => {
    const known = new Set(['omni-checkout', 'omni-address', 'omni-express', 'omni-identity', 'omni-saved-methods', 'omni-payment-methods']);
    for (const tag of tags().filter((t) => !known.has(t))) compile(tag);
    // One strict tsc run per element (seven now): about 3 s each on an idle core, 25 s on a loaded machine.
  }, 90_000);

  it('a wrong detail type is an error (the check has teeth)', () => {
    const file = join(dir, 'wrong.ts');
    writeFileSync(file, `import '@omni-checkout/elements/checkout/define';\ndocument.createElement('omni-checkout').addEventListener('omni-complete', (event) => { const n: number = event.orderId; void n; });\nexport {};\n`);
    let output = '';
    try {
      tsc(file);
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/Type 'string' is not assignable to type 'number'/);
  });
});

function tsc(file: string): string {
  return execFileSync(
    join(root, 'node_modules/.bin/tsc'),
    ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2023,dom,dom.iterable', '--skipLibCheck', file],
    { cwd: root, encoding: 'utf8', stdio: 'pipe' },
  );
}

function compile(tag: string): void {
  const file = join(dir, `${tag}.ts`);
  writeFileSync(file, fixtureFor(tag));
  try {
    tsc(file);
  } catch (error) {
    const output = String((error as { stdout?: string }).stdout ?? error);
    throw new Error(`${tag}: the merchant fixture does not compile:\n${output}\n--- fixture ---\n${fixtureFor(tag)}`);
  }
}
