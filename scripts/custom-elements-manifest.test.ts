/**
 * The Custom Elements Manifest (scripts/custom-elements-manifest.mjs) describes every element the
 * library registers and every event its JSDoc documents. The expectations are read from the
 * sources independently of the analyzer (each `defineElement('omni-…', …)` call, each `@event`,
 * `@attr`, `@slot`, `@csspart` and `@cssproperty` line, each `@property()` field), so a new element
 * or event that the manifest misses fails here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineEntryOf, elementsDir, elementsOf, generateManifest } from './custom-elements-manifest.mjs';

interface Doc {
  name: string;
  description?: string;
  type?: { text: string };
  fieldName?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
}
interface ElementDoc {
  name: string;
  tagName: string;
  summary?: string;
  description?: string;
  attributes?: Doc[];
  members?: Doc[];
  events?: Doc[];
  slots?: Doc[];
  cssParts?: Doc[];
  cssProperties?: Doc[];
}
interface Manifest {
  modules: { path: string; declarations?: (ElementDoc & { kind: string })[]; exports?: { kind: string; name: string }[] }[];
}

const src = join(elementsDir, 'src');
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const sources = walk(src).filter((file) => file.endsWith('.ts') && !/\.(test|stories)\.ts$/.test(file));

/**
 * tag → class name, from every `defineElement('omni-x', OmniX)` in the sources (and the plain
 * `customElements.define('omni-x', OmniX)` of a lazy chunk that keeps clear of the shared helper).
 */
const defined = new Map<string, string>();
for (const file of sources) {
  for (const match of readFileSync(file, 'utf8').matchAll(/(?:defineElement|customElements\.define)\(\s*'([a-z][a-z0-9-]*-[a-z0-9-]+)'\s*,\s*(\w+)\s*\)/g)) {
    defined.set(match[1]!, match[2]!);
  }
}

/** The JSDoc block right above `export class <name>`, and the file it is in. */
function classJsDoc(className: string): { text: string; file: string } {
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    const at = text.search(new RegExp(`export (?:abstract )?class ${className}\\b`));
    if (at < 0) continue;
    const before = text.slice(0, at);
    const start = before.lastIndexOf('/**');
    const end = before.lastIndexOf('*/');
    return { text: start >= 0 && end > start && before.slice(end + 2).trim().split('\n').every((l) => /^\s*@/.test(l) || !l.trim()) ? before.slice(start, end) : '', file };
  }
  throw new Error(`class ${className} not found`);
}

/** Names after a JSDoc tag (`@event omni-ready - …` → omni-ready; `@slot - …` → the default slot ''). */
function tagged(doc: string, tag: string): string[] {
  return [...doc.matchAll(new RegExp(`@${tag}\\s+(?:\\{[^}]*\\}\\s+)?([\\w-]*)`, 'g'))].map((m) => (m[1] === '-' ? '' : m[1]!));
}

let manifest: Manifest;
beforeAll(() => {
  manifest = generateManifest() as Manifest;
}, 60_000);

const element = (tag: string): ElementDoc => {
  const found = (elementsOf(manifest) as { declaration: ElementDoc }[]).find((e) => e.declaration.tagName === tag);
  if (!found) throw new Error(`<${tag}> is not in the manifest`);
  return found.declaration;
};

it('finds the elements the sources register (at least the six of the first release)', () => {
  expect(defined.size).toBeGreaterThanOrEqual(6);
  expect([...defined.keys()]).toEqual(
    expect.arrayContaining(['omni-checkout', 'omni-address', 'omni-express', 'omni-identity', 'omni-saved-methods', 'omni-payment-methods']),
  );
  const tags = (elementsOf(manifest) as { declaration: ElementDoc }[]).map((e) => e.declaration.tagName);
  expect(tags.sort()).toEqual([...defined.keys()].sort());
});

describe.each([...defined])('<%s> (%s)', (tag, className) => {
  it('has its class, a summary, and the package entry that registers it', () => {
    const doc = element(tag);
    expect(doc.name).toBe(className);
    expect(doc.summary ?? doc.description).toBeTruthy();
    const entry = defineEntryOf(manifest, tag) as string | null;
    expect(entry).toMatch(/^@omni-checkout\/elements\/.+define$/);
    const exportsMap = JSON.parse(readFileSync(join(elementsDir, 'package.json'), 'utf8')).exports as Record<string, unknown>;
    expect(Object.keys(exportsMap)).toContain(`./${entry!.replace('@omni-checkout/elements/', '')}`);
  });

  it('lists every documented event with the type of the event it dispatches', () => {
    const { text } = classJsDoc(className);
    const documented = [...new Set([...tagged(text, 'event'), ...tagged(text, 'fires')])];
    const events = element(tag).events ?? [];
    for (const name of documented) {
      const event = events.find((e) => e.name === name);
      expect(event, `event ${name} of <${tag}>`).toBeDefined();
      expect(event!.description, `description of ${name}`).toBeTruthy();
      if (name.startsWith('omni-')) expect(event!.type?.text, `type of ${name}`).toMatch(/^Omni\w+Event$/);
    }
  });

  it('lists its documented attributes, slots, parts and CSS properties', () => {
    const { text } = classJsDoc(className);
    const doc = element(tag);
    const names = (list: Doc[] | undefined) => (list ?? []).map((d) => d.name);
    expect(names(doc.attributes)).toEqual(expect.arrayContaining(tagged(text, 'attr')));
    expect(names(doc.slots)).toEqual(expect.arrayContaining(tagged(text, 'slot')));
    expect(names(doc.cssParts)).toEqual(expect.arrayContaining(tagged(text, 'csspart')));
    expect(names(doc.cssProperties)).toEqual(expect.arrayContaining(tagged(text, 'cssproperty')));
  });

  it('lists every reactive property (@property) as a public member', () => {
    const { file } = classJsDoc(className);
    const source = readFileSync(file, 'utf8');
    const declared = [...source.matchAll(/@property\([^)]*\)\s*(?:declare\s+|override\s+|accessor\s+)*(\w+)/g)].map((m) => m[1]!);
    const members = (element(tag).members ?? []).filter((m) => m.kind === 'field' && m.privacy !== 'private').map((m) => m.name);
    expect(members, relative(elementsDir, file)).toEqual(expect.arrayContaining(declared));
  });
});

it('describes every event class with its fields (the event detail)', () => {
  const eventFiles = sources.filter((file) => file.includes(`${join('src', 'events')}`) && !file.endsWith('index.ts'));
  expect(eventFiles.length).toBeGreaterThanOrEqual(10);
  for (const file of eventFiles) {
    const text = readFileSync(file, 'utf8');
    const className = /export class (\w+) extends Event/.exec(text)?.[1];
    if (!className) continue;
    const module = manifest.modules.find((m) => m.path === relative(elementsDir, file));
    const declaration = module?.declarations?.find((d) => d.name === className);
    expect(declaration, className).toBeDefined();
    const fields = [...text.matchAll(/^\s+readonly (\w+)[?]?:/gm)].map((m) => m[1]!);
    expect((declaration!.members ?? []).map((m) => m.name)).toEqual(expect.arrayContaining(fields));
  }
});

it('is what package.json points at, and is shipped', () => {
  const pkg = JSON.parse(readFileSync(join(elementsDir, 'package.json'), 'utf8'));
  expect(pkg.customElements).toBe('custom-elements.json');
  expect(pkg.files).toContain('custom-elements.json');
});
