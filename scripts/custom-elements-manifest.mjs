#!/usr/bin/env node
/**
 * Generates packages/elements/custom-elements.json, the Custom Elements Manifest
 * (https://github.com/webcomponents/custom-elements-manifest), with @custom-elements-manifest/analyzer
 * and its Lit plugin, from the components' sources and JSDoc (@summary, @attr, @event, @slot,
 * @csspart, @cssproperty).
 *
 * Two additions of our own (plugins below):
 *   - tag names come from `defineElement('omni-…', Class)` calls (the analyzer only knows
 *     `customElements.define`), so every element a `define` module registers is found without a
 *     hand-kept list or a `@tagname` line;
 *   - an event documented with `@event omni-…` gets the type of the event class that dispatches it
 *     (`super('omni-complete', …)` in src/events/*.ts), and those classes, with their fields, are
 *     in the manifest too: the event's "detail";
 *   - reactive properties declared in `static properties` (the checkout's first render does without
 *     the decorator helpers) read as decorated fields do: `state: true` ones are no attributes and
 *     are listed only when `private`, as `@state()` ones are, and public ones carry no `privacy`
 *     (the wrappers and Storybook take those).
 *
 * Runs in the elements build (`pnpm --filter @omni-checkout/elements build`), in Storybook's
 * start-up, in the React and Vue wrapper generators, and in scripts/custom-elements-manifest.test.ts.
 *
 *   node scripts/custom-elements-manifest.mjs            writes the file
 *   import { generateManifest } from './custom-elements-manifest.mjs'   returns it
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
import { resolveModuleOrPackageSpecifier } from '@custom-elements-manifest/analyzer/src/utils/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const elementsDir = join(root, 'packages', 'elements');
export const manifestPath = join(elementsDir, 'custom-elements.json');

/** The component sources: everything under src except tests, stories, test helpers and i18n tables. */
function sourceFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of ts.sys.readDirectory(dir, ['.ts'], undefined, undefined)) files.push(entry);
  };
  walk(join(elementsDir, 'src'));
  return files
    .map((file) => relative(elementsDir, file).split('\\').join('/'))
    .filter((file) => !/\.(test|stories)\.ts$|\/internal\/test\/|\/i18n\/|\.d\.ts$/.test(file))
    .sort();
}

/** `defineElement('omni-x', OmniX)` registers a custom element: record it as the analyzer does for `customElements.define`. */
function defineElementPlugin() {
  return {
    name: 'omni-checkout: defineElement() calls',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        {
          kind: 'custom-element-definition',
          name: tag.text,
          declaration: { name: klass.text, ...resolveModuleOrPackageSpecifier(moduleDoc, context, klass.text) },
        },
      ];
    },
  };
}

/** Event classes (`class X extends Event { constructor() { super('omni-…') } }`) and the name each dispatches. */
function eventTypesPlugin() {
  /** @type {Map<string, { name: string, module: string }>} */
  const classes = new Map();
  return {
    name: 'omni-checkout: event classes',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const extendsEvent = node.heritageClauses?.some((clause) => clause.types.some((type) => /Event$/.test(type.expression.getText())));
      if (!extendsEvent) return;
      const visit = (child) => {
        if (ts.isCallExpression(child) && child.expression.kind === ts.SyntaxKind.SuperKeyword) {
          const [first] = child.arguments;
          if (first && ts.isStringLiteral(first)) classes.set(first.text, { name: node.name.text, module: moduleDoc.path });
        }
        ts.forEachChild(child, visit);
      };
      ts.forEachChild(node, visit);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.events) continue;
          // `dispatchEvent(new OmniReadyEvent())` is found as an event without a name: name it from its class.
          for (const event of declaration.events) {
            if (event.name) continue;
            const named = [...classes].find(([, c]) => c.name === event.type?.text);
            if (named) event.name = named[0];
          }
          // One entry per event name: the documented one (`@event`) wins over the one found in code.
          const byName = new Map();
          for (const event of declaration.events) {
            if (!event.name) continue;
            const seen = byName.get(event.name);
            if (!seen || (!seen.description && event.description)) byName.set(event.name, { ...seen, ...event, description: event.description || seen?.description });
          }
          declaration.events = [...byName.values()];
          for (const event of declaration.events) {
            const eventClass = classes.get(event.name);
            if (!eventClass) {
              event.type ??= { text: 'Event' };
              continue;
            }
            event.type = { text: eventClass.name, references: [{ name: eventClass.name, module: eventClass.module, start: 0, end: eventClass.name.length }] };
          }
        }
      }
    },
  };
}

/** `static properties = { x: {…}, y: { state: true, … } }`: documented as the same fields with decorators would be. */
function staticPropertiesPlugin() {
  /** @type {Map<string, { names: Set<string>, states: Set<string> }>} class name → its static properties */
  const classes = new Map();
  return {
    name: 'omni-checkout: static properties read as decorators',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStatic || !ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties') continue;
        if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        const names = new Set();
        const states = new Set();
        for (const property of member.initializer.properties) {
          if (!ts.isPropertyAssignment(property)) continue;
          const name = property.name.getText();
          names.add(name);
          if (/\bstate:\s*true\b/.test(property.initializer.getText())) states.add(name);
        }
        classes.set(node.name.text, { names, states });
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      // A member is judged by the class that declares it (an inherited one by its base class).
      const owner = (declaration, item) => classes.get(item.inheritedFrom?.name ?? declaration.name);
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          declaration.members = (declaration.members ?? []).filter(
            // A `private` state stays listed as private (as `@state() private x` is); any other state goes (as `@internal` ones do).
            (m) => !(owner(declaration, m)?.states.has(m.name) && (m.privacy ?? 'public') === 'public') && !(m.static && m.name === 'properties' && owner(declaration, m)),
          );
          declaration.attributes = (declaration.attributes ?? []).filter((a) => !owner(declaration, a)?.states.has(a.fieldName));
          for (const member of declaration.members) {
            const found = owner(declaration, member);
            if (found?.states.has(member.name)) delete member.attribute;
            else if (member.privacy === 'public' && found?.names.has(member.name)) delete member.privacy;
          }
          if (!declaration.members.length) delete declaration.members;
          if (!declaration.attributes.length) delete declaration.attributes;
        }
      }
    },
  };
}

/** Builds the manifest in memory. */
export function generateManifest() {
  const modules = sourceFiles().map((file) =>
    ts.createSourceFile(file, readFileSync(join(elementsDir, file), 'utf8'), ts.ScriptTarget.ES2022, true),
  );
  return create({ modules, plugins: [...litPlugin(), defineElementPlugin(), eventTypesPlugin(), staticPropertiesPlugin()], context: { dev: false } });
}

/** Every custom element of a manifest: its class declaration, tag and module. */
export function elementsOf(manifest) {
  const found = [];
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.kind === 'class' && declaration.customElement && declaration.tagName) found.push({ declaration, module });
    }
  }
  return found.sort((a, b) => a.declaration.tagName.localeCompare(b.declaration.tagName));
}

/** The package entry that registers `tag` (the module with its definition), e.g. `@omni-checkout/elements/checkout/define`. */
export function defineEntryOf(manifest, tag) {
  for (const module of manifest.modules) {
    if (!(module.exports ?? []).some((e) => e.kind === 'custom-element-definition' && e.name === tag)) continue;
    const subpath = module.path.replace(/^src\//, '').replace(/\.ts$/, '');
    return `@omni-checkout/elements/${subpath}`;
  }
  return null;
}

export function writeManifest() {
  const manifest = generateManifest();
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = writeManifest();
  const tags = elementsOf(manifest).map((e) => e.declaration.tagName);
  console.log(`custom-elements.json: ${tags.length} elements (${tags.join(', ')})`);
}
