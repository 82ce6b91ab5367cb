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
 * An element with a painted first render (the elements package exports `<dir>/first` next to
 * `<dir>/define`: `checkout/first` for `<omni-checkout>`, docs/architecture.md "The painted first
 * render") is loaded through it, so a React or Vue page's returning shopper sees the one-click
 * button before Lit and the element's class load (React's component up front: 7.90 KB gzip with
 * `@lit/react` and `checkout/first`, React aside, instead of 16.99 KB with `checkout/define`):
 *
 *   React  the component imports `…/first` for its side effect and never imports the class. What
 *          @lit/react's `createComponent` takes of `elementClass` is `name in elementClass.prototype`
 *          (that prop is set as a DOM property, any other goes to React as an attribute), so it gets
 *          a stand-in: a class whose prototype has the element's public properties from the manifest,
 *          an HTMLElement in the browser (`id`, `hidden`, `lang`… are properties, as on the real
 *          class), a plain class during SSR (no HTMLElement there; `…/first` does nothing there),
 *          typed as the real class (`import type`), so props, handlers and refs are typed as before.
 *          `<Name>Element` is then exported as a type only (the class is the define entry's).
 *   Vue    `loaders[tag]` imports `…/first`, then waits for `customElements.whenDefined(tag)`, so
 *          `$omniReady` still settles once the element is registered (after its painted button).
 *
 * Both set the element's settings as properties (Vue with `.prop`); the painter reads them there
 * (paint.ts). Tested: scripts/wrappers.test.ts (what is generated, the types, SSR, the bytes) and
 * scripts/wrappers.browser.test.ts, scripts/wrappers-vue.browser.test.ts (painted, then defined).
 *
 *   node scripts/generate-wrappers.mjs [react|vue]…      (default: both)
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineEntryOf, elementsOf, generateManifest } from './custom-elements-manifest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const HEADER = '// Generated from @omni-checkout/elements/custom-elements.json by scripts/generate-wrappers.mjs: do not edit.\n';

const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
/** `omni-complete` → `onOmniComplete` (React's and Vue's handler prop name). */
export const handlerName = (event) => `on${pascal(event)}`;

/**
 * The painted first render of the element registered by `entry`, when the elements package exports
 * one beside it (`@omni-checkout/elements/checkout/define` → `@omni-checkout/elements/checkout/first`).
 */
export function firstEntryOf(entry, exports = elementsExports()) {
  const first = entry.replace(/\/define$/, '/first');
  return first !== entry && `./${first.replace(/^@omni-checkout\/elements\//, '')}` in exports ? first : null;
}

const elementsExports = () => JSON.parse(readFileSync(join(root, 'packages', 'elements', 'package.json'), 'utf8')).exports;

/** The elements, their entries, public properties and `omni-*` events with their event classes. */
export function describeElements(manifest = generateManifest()) {
  const exports = elementsExports();
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
      first: firstEntryOf(entry, exports),
      summary: (declaration.summary ?? declaration.description ?? '').replace(/\s+/g, ' ').trim(),
      properties,
      events,
    };
  });
}

const comment = (text, indent = '') => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()} */\n` : '');

/** The class a painted element's component gives `createComponent`: its public properties on a prototype, nothing loaded. */
function standIn(element) {
  const { className } = element;
  return `
/**
 * What \`createComponent\` takes of \`<${element.tag}>\`'s class: \`name in elementClass.prototype\` sets
 * that prop as a DOM property. A stand-in with the element's public properties, so that the class,
 * Lit with it, loads after the painted first render, not with this component. In the browser an
 * HTMLElement, as the class is (\`id\`, \`hidden\`, \`lang\`… are properties too); during SSR, where
 * there is no HTMLElement, a plain class with the same properties. Never defined or constructed.
 */
const ${className}Properties = /* @__PURE__ */ (() => {
  const base = (typeof HTMLElement === 'undefined' ? Object : HTMLElement) as new () => object;
  const standIn = class ${className} extends base {};
  for (const name of [${element.properties.map((p) => `'${p.name}'`).join(', ')}]) Object.defineProperty(standIn.prototype, name, { value: undefined });
  return standIn as unknown as typeof ${className}Element;
})();
`;
}

/** The React component of one element (`packages/react/src/<file>.ts`). */
export function reactFile(element) {
  const eventTypes = [...new Set(element.events.map((e) => e.type))].sort();
  const painted = Boolean(element.first);
  const imports = painted
    ? `// The painted first render: a returning shopper's one-click button is drawn into <${element.tag}>
// before Lit loads; it then loads and defines the element (${element.entry}).
import '${element.first}';
import type { ${element.className} as ${element.className}Element } from '${element.first}';`
    : `import { ${element.className} as ${element.className}Element } from '${element.entry}';`;
  return `${HEADER}import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
${imports}
${eventTypes.length ? `import type { ${eventTypes.join(', ')} } from '@omni-checkout/elements';\n` : ''}${painted ? standIn(element) : ''}
${comment(`\`<${element.tag}>\` as a React component. ${element.summary}`)}export const ${element.className} = createComponent({
  react: React,
  tagName: '${element.tag}',
  elementClass: ${element.className}${painted ? 'Properties' : 'Element'},
  displayName: '${element.className}',
  events: {
${element.events.map((e) => `${comment(e.description, '    ')}    ${handlerName(e.name)}: '${e.name}' as EventName<${e.type}>,`).join('\n')}
  },
});

export type ${element.className}Props = React.ComponentProps<typeof ${element.className}>;
${painted ? `/** The element's type (\`useRef<${element.className}Element>\`); its class is \`${element.className}\` of \`${element.entry}\`, which loads Lit at once. */
export type { ${element.className}Element };` : `export { ${element.className}Element };`}
`;
}

function reactIndex(elements) {
  const events = [...new Set(elements.flatMap((e) => e.events.map((ev) => ev.type)))].sort();
  return `${HEADER}${elements.map((e) => `export { ${e.className}, ${e.first ? 'type ' : ''}${e.className}Element, type ${e.className}Props } from './${e.file}.js';`).join('\n')}
export type { ${events.join(', ')} } from '@omni-checkout/elements';
`;
}

/** The Vue plugin and declarations (`packages/vue/src/index.ts`). */
export function vueIndex(elements) {
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

/**
 * Loads (and registers) one element: each is its own chunk. ${elements.filter((e) => e.first).map((e) => `\`<${e.tag}>\``).join(', ')} through its painted first
 * render (a returning shopper's one-click button before Lit loads): settled once the element is
 * defined, which on a returning shopper's device is after its button is painted, so render the
 * element without waiting for it.
 */
export const loaders: Record<TagName, () => Promise<unknown>> = {
${elements.map((e) => (e.first ? `  '${e.tag}': () => import('${e.first}').then(() => customElements.whenDefined('${e.tag}')),` : `  '${e.tag}': () => import('${e.entry}'),`)).join('\n')}
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
