import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { litOxc, sourceConditions } from '../../scripts/lit-oxc.js';

const root = fileURLToPath(new URL('.', import.meta.url));
export const CSP_NONCE_PLACEHOLDER = 'omni-csp-nonce-placeholder';

/** The shop's pages: one HTML entry each. */
const pages = ['index', 'cart', 'checkout', 'confirmation', 'order-status'];

type ModuleGraph = (id: string) => { readonly importedIds: readonly string[]; readonly dynamicallyImportedIds: readonly string[] } | null;

/** The modules a page (or a module) loads: up front (static imports only, `lazy` false) or at all. */
function reach(page: string, graph: ModuleGraph, lazy: boolean, start = resolve(root, `${page}.html`)): ReadonlySet<string> {
  const seen = new Set<string>();
  const next = [start];
  for (let id = next.pop(); id !== undefined; id = next.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const module = graph(id);
    next.push(...(module?.importedIds ?? []), ...(lazy ? (module?.dynamicallyImportedIds ?? []) : []));
  }
  return seen;
}
let reached: { readonly upFront: ReadonlySet<string>; readonly atAll: ReadonlySet<string> }[] | null = null;

/**
 * `<omni-checkout>` itself (`checkout/define`): the checkout page loads it after its first render
 * (`checkout/first` paints a returning shopper's button before it; a guest's page asks for it at
 * once). What only it needs is one chunk, not Rolldown's dozen, so a guest waits for one more file,
 * not twelve.
 */
const SHELL = resolve(root, '../../packages/elements/src/checkout/define.ts');
let shell: ReadonlySet<string> | null = null;

/**
 * The chunk of a module a page loads up front: one per set of pages that load it so (`checkout`,
 * `checkout_order-status`, `shop` for every page), instead of Rolldown's one per set of entries and
 * lazy parts that share it, which split the checkout's first render into 17 files (docs/architecture.md).
 * A lazy part of the page reads what it shares from these chunks, already loaded. A module that
 * some page loads only lazily is left to Rolldown, so that page's lazy part pulls no other page's
 * chunk.
 */
function firstChunk(id: string, graph: ModuleGraph): string | null {
  reached ??= pages.map((page) => ({ upFront: reach(page, graph, false), atAll: reach(page, graph, true) }));
  const loading = pages.filter((_, i) => reached![i]!.upFront.has(id));
  const using = pages.filter((_, i) => reached![i]!.atAll.has(id));
  shell ??= reach('', graph, false, SHELL);
  if (!loading.length && shell.has(id) && using.join() === 'checkout') return 'omni-checkout-shell';
  if (!loading.length || loading.length !== using.length) return null;
  const group = loading.length === pages.length ? 'shop' : loading.join('_');
  // omni-checkout's code (its packages and their dependencies) apart from the shop's own, so the
  // first render's bytes of each are measured exactly (e2e/fixtures/first-render.ts).
  return id.startsWith('\0') || (id.startsWith(root) && !id.includes('/node_modules/')) ? group : `omni-${group}`;
}

export default defineConfig(({ mode }) => ({
  root,
  // Lit decorators (legacy) and workspace sources through the `source` export condition.
  oxc: litOxc,
  // A production build leaves out the `development` condition: Lit's production build and no
  // component dev warnings, as a real shop would ship.
  resolve: { conditions: mode === 'development' ? sourceConditions : sourceConditions.filter((c) => c !== 'development') },
  // Vite puts this placeholder on its script tags and in <meta property="csp-nonce">; the shop's
  // server replaces it with a fresh nonce per response (PayPal's SDK needs one for what it injects).
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be an inline script; the strict CSP forbids those.
    modulePreload: {
      polyfill: false,
      // "Pay on your phone" (pages/pay.ts) loads on idle after the checkout shows: its chunks load
      // when it does, so the checkout page does not carry their names in its preload lists.
      resolveDependencies: (filename, deps) => (/(^|\/)pay-[\w-]+\.js$/.test(filename) ? [] : deps),
    },
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: (id, ctx) => firstChunk(id, (m) => ctx.getModuleInfo(m)),
              debugName: 'first render by page',
              // Every module a page loads up front has its group; none pulls another's dependencies in.
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
      input: Object.fromEntries(pages.map((page) => [page, resolve(root, `${page}.html`)])),
    },
  },
}));
