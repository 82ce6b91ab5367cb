#!/usr/bin/env node
/**
 * The CDN build of @omni-checkout/elements: one self-contained, minified ES module per entry in
 * packages/elements/cdn/, for a page without a bundler:
 *
 *   <script type="module" src="https://cdn.jsdelivr.net/npm/@omni-checkout/elements@0/cdn/checkout.js"></script>
 *
 * Entries come from the Custom Elements Manifest (every element's `define` entry, named after the
 * element without `omni-`), plus `all.js` (every element), plus `first/checkout.js`: the painted
 * first render, the one build split into chunks (see below). A file imports nothing: Lit, zod, the
 * core and, for the elements that pay (their sources use `@omni-checkout/core/provider`), the
 * client halves of the mock, Stripe and PayPal providers are inside it; code the components load
 * on demand (a provider, the identity kit) is in the same file but runs only when needed. Stripe.js
 * and PayPal's SDK still load from Stripe's and PayPal's own hosts, as their terms require.
 * No inline script, no eval: it runs under `script-src 'self'` (or the CDN's origin).
 *
 * Built from dist (run `tsc -b` first; the elements build does).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { defineEntryOf, elementsOf, generateManifest } from './custom-elements-manifest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = join(root, 'packages');
export const cdnDir = join(packages, 'elements', 'cdn');

/** Whether an element's sources register or load payment providers. */
function paysWith(entry) {
  const dir = join(packages, 'elements', 'src', entry.replace('@omni-checkout/elements/', '').replace(/\/?define$/, ''));
  return readdirSync(dir).some(
    (name) => name.endsWith('.ts') && !/\.(test|stories)\.ts$/.test(name) && readFileSync(join(dir, name), 'utf8').includes('@omni-checkout/core/provider'),
  );
}

const dist = (pkg, path) => join(packages, pkg, 'dist', path).split('\\').join('/');

function entrySource(defineEntry, pays, exportAll = false) {
  const lines = [`import ${JSON.stringify(dist('elements', `${defineEntry.replace('@omni-checkout/elements/', '')}.js`))};`];
  if (pays) {
    lines.push(
      `import { registerProvider, isProviderRegistered } from ${JSON.stringify(dist('core', 'provider.js'))};`,
      // Each provider's client half, loaded when a session offers it (inlined: no second request to the CDN).
      `if (!isProviderRegistered('mock')) registerProvider('mock', () => import(${JSON.stringify(dist('mock', 'client/index.js'))}));`,
      `if (!isProviderRegistered('stripe')) registerProvider('stripe', () => import(${JSON.stringify(dist('stripe', 'client/index.js'))}));`,
      `if (!isProviderRegistered('paypal')) registerProvider('paypal', () => import(${JSON.stringify(dist('paypal', 'client/index.js'))}));`,
    );
  }
  // `all.js` also exports the classes and event classes (for `instanceof` and types); the others only register.
  if (exportAll) lines.push(`export * from ${JSON.stringify(dist('elements', 'index.js'))};`);
  return lines.join('\n');
}

/** What every CDN build shares: a minified ES2022 module for browsers, production code, maps beside it. */
const COMMON = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  // Maps name the package's files (dist, shipped too) without repeating their text.
  sourcemap: true,
  sourcesContent: false,
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

export async function buildCdn() {
  const manifest = generateManifest();
  const entries = elementsOf(manifest).map(({ declaration }) => {
    const entry = defineEntryOf(manifest, declaration.tagName);
    return { name: declaration.tagName.replace(/^omni-/, ''), source: entrySource(entry, paysWith(entry)) };
  });
  entries.push({ name: 'all', source: entrySource('@omni-checkout/elements/define', true, true) });
  rmSync(cdnDir, { recursive: true, force: true });
  mkdirSync(cdnDir, { recursive: true });
  for (const { name, source } of entries) {
    await build({
      stdin: { contents: source, resolveDir: join(packages, 'elements'), loader: 'js', sourcefile: `cdn-entry-${name}.js` },
      ...COMMON,
      splitting: false,
      outfile: join(cdnDir, `${name}.js`),
    });
  }
  // `first/checkout.js`: the painted first render (`checkout/first`) for a page without a bundler. A
  // returning shopper's one-click button shows from this small module; `<omni-checkout>` itself, Lit
  // and the providers load afterwards from chunks in the same folder (relative imports, so the folder
  // moves as a whole: a CDN path or your own origin).
  await build({
    stdin: { contents: entrySource('@omni-checkout/elements/checkout/first', true), resolveDir: join(packages, 'elements'), loader: 'js', sourcefile: 'cdn-entry-first.js' },
    ...COMMON,
    splitting: true,
    outdir: join(cdnDir, 'first'),
    entryNames: 'checkout',
    chunkNames: 'chunk-[hash]',
  });
  return [...entries.map(({ name }) => ({ name, bytes: statSync(join(cdnDir, `${name}.js`)).size })), { name: 'first/checkout', bytes: statSync(join(cdnDir, 'first', 'checkout.js')).size }];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await buildCdn();
  console.log(`cdn: ${sizes.map(({ name, bytes }) => `${name}.js ${(bytes / 1024).toFixed(1)} KiB`).join(', ')}`);
}
