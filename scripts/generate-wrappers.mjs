#!/usr/bin/env node
/**
 * Generates the framework wrappers from the Custom Elements Manifest (scripts/custom-elements-manifest.mjs):
 *
 *   packages/react/src/<name>.ts  one @lit/react `createComponent` per element: typed props (the
 *                                 element's properties), typed handlers (`onOmniComplete` gets an
 *                                 `OmniCompleteEvent`), refs forwarded to the element
 *   packages/react/src/index.ts   every component
 *   packages/vue/src/index.ts     the Vue plugin (registers the elements), `isCustomElement` for
 *                                 the template compiler, and `GlobalComponents` declarations with
 *                                 typed props and `@omni-*` handlers for vue-tsc / Volar
 *
 * Nothing here is written per component by hand: a new element in @omni-checkout/elements is in
 * both packages at their next build. The files are build output (not committed).
 *
 *   node scripts/generate-wrappers.mjs [react|vue]…      (default: both)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineEntryOf, elementsOf, generateManifest } from './custom-elements-manifest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const HEADER = '// Generated from @omni-checkout/elements/custom-elements.json by scripts/generate-wrappers.mjs: do not edit.\n';

const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
/** `omni-complete` → `onOmniComplete` (React's and Vue's handler prop name). */
export const handlerName = (event) => `on${pascal(event)}`;

/** The elements, their entries, public properties and `omni-*` events with their event classes. */
export function describeElements(manifest = generateManifest()) {
  return elementsOf(manifest).map(({ declaration }) => {
    const tag = declaration.tagName;
    const entry = defineEntryOf(manifest, tag);
    if (!entry) throw new Error(`no define entry registers <${tag}>`);
    const properties = (declaration.members ?? [])
      .filter((m) => m.kind === 'field' && !m.static && !m.privacy && !m.readonly && !m.name.startsWith('#'))
      .map((m) => ({ name: m.name, description: m.description ?? '' }));
    const events = (declaration.events ?? [])
      .filter((e) => e.name?.startsWith('omni-') && /^Omni\w+Event$/.test(e.type?.text ?? ''))
      .map((e) => ({ name: e.name, type: e.type.text, description: e.description ?? '' }));
    return {
      tag,
      className: declaration.name,
      file: tag.replace(/^omni-/, ''),
      entry,
      summary: (declaration.summary ?? declaration.description ?? '').replace(/\s+/g, ' ').trim(),
      properties,
      events,
    };
  });
}

const comment = (text, indent = '') => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()} */\n` : '');

function reactFile(element) {
  const eventTypes = [...new Set(element.events.map((e) => e.type))].sort();
  return `${HEADER}import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { ${element.className} as ${element.className}Element } from '${element.entry}';
${eventTypes.length ? `import type { ${eventTypes.join(', ')} } from '@omni-checkout/elements';\n` : ''}
${comment(`\`<${element.tag}>\` as a React component. ${element.summary}`)}export const ${element.className} = createComponent({
  react: React,
  tagName: '${element.tag}',
  elementClass: ${element.className}Element,
  displayName: '${element.className}',
  events: {
${element.events.map((e) => `${comment(e.description, '    ')}    ${handlerName(e.name)}: '${e.name}' as EventName<${e.type}>,`).join('\n')}
  },
});

export type ${element.className}Props = React.ComponentProps<typeof ${element.className}>;
export { ${element.className}Element };
`;
}

function reactIndex(elements) {
  const events = [...new Set(elements.flatMap((e) => e.events.map((ev) => ev.type)))].sort();
  return `${HEADER}${elements.map((e) => `export { ${e.className}, ${e.className}Element, type ${e.className}Props } from './${e.file}.js';`).join('\n')}
export type { ${events.join(', ')} } from '@omni-checkout/elements';
`;
}

function vueIndex(elements) {
  const classes = elements.map((e) => e.className);
  const events = [...new Set(elements.flatMap((e) => e.events.map((ev) => ev.type)))].sort();
  const props = elements
    .map(
      (e) => `${comment(`Props and \`@omni-*\` handlers of \`<${e.tag}>\`.`)}export interface ${e.className}VueProps {
${e.properties.map((p) => `${comment(p.description, '  ')}  ${p.name}?: ${e.className}['${p.name}'];`).join('\n')}
${e.events.map((ev) => `${comment(ev.description, '  ')}  ${handlerName(ev.name)}?: (event: ${ev.type}) => void;`).join('\n')}
}`,
    )
    .join('\n\n');
  return `${HEADER}import type { App, DefineComponent, Plugin } from 'vue';
import type { ${[...classes, ...events].sort().join(', ')} } from '@omni-checkout/elements';

export type { ${events.join(', ')} } from '@omni-checkout/elements';

/** Every element of @omni-checkout/elements. */
export const tagNames = [${elements.map((e) => `'${e.tag}'`).join(', ')}] as const;
export type TagName = (typeof tagNames)[number];

/**
 * For Vue's template compiler, so it leaves the elements to the browser:
 * \`vue({ template: { compilerOptions: { isCustomElement } } })\` in vite.config.ts (Nuxt: \`vue.compilerOptions.isCustomElement\`).
 */
export function isCustomElement(tag: string): boolean {
  return (tagNames as readonly string[]).includes(tag);
}

/** Loads (and registers) one element: each is its own chunk. */
export const loaders: Record<TagName, () => Promise<unknown>> = {
${elements.map((e) => `  '${e.tag}': () => import('${e.entry}'),`).join('\n')}
};

${props}

export interface OmniCheckoutPluginOptions {
  /** The elements to register (default: all). */
  readonly elements?: readonly TagName[];
}

/**
 * \`app.use(omniCheckout)\`: registers the elements (in the browser; nothing happens during SSR) and
 * tells runtime-compiled templates that they are custom elements.
 */
export const omniCheckout: Plugin<[OmniCheckoutPluginOptions?]> = {
  install(app: App, options: OmniCheckoutPluginOptions = {}) {
    const previous = app.config.compilerOptions.isCustomElement;
    app.config.compilerOptions.isCustomElement = (tag: string) => isCustomElement(tag) || Boolean(previous?.(tag));
    if (typeof window === 'undefined') return;
    app.config.globalProperties.$omniReady = Promise.all((options.elements ?? tagNames).map((tag) => loaders[tag]()));
  },
};

export default omniCheckout;

declare module 'vue' {
  interface GlobalComponents {
${elements.map((e) => `    '${e.tag}': DefineComponent<${e.className}VueProps>;`).join('\n')}
  }
  interface ComponentCustomProperties {
    /** Settles once the plugin's elements are registered. */
    $omniReady: Promise<unknown[]>;
  }
}
`;
}

function clean(dir) {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith('.ts')) rmSync(join(dir, name));
}

export function generate(targets = ['react', 'vue']) {
  const elements = describeElements();
  if (targets.includes('react')) {
    const dir = join(root, 'packages', 'react', 'src');
    clean(dir);
    for (const element of elements) writeFileSync(join(dir, `${element.file}.ts`), reactFile(element));
    writeFileSync(join(dir, 'index.ts'), reactIndex(elements));
  }
  if (targets.includes('vue')) {
    const dir = join(root, 'packages', 'vue', 'src');
    clean(dir);
    writeFileSync(join(dir, 'index.ts'), vueIndex(elements));
  }
  return elements;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const targets = process.argv.slice(2);
  const elements = generate(targets.length ? targets : undefined);
  console.log(`wrappers (${targets.join(', ') || 'react, vue'}): ${elements.map((e) => e.tag).join(', ')}`);
}
