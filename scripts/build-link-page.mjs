#!/usr/bin/env node
/**
 * The hosted pay page's script (docs/omnichannel.md "Pay by link"): packages/server/link-page/main.js
 * and the elements it shows, bundled from the workspace's sources into
 * packages/server/link-page/dist/ (ES modules, split so that what the checkout loads on demand —
 * a provider's browser half, the identity network — stays in chunks of its own). The backend
 * serves them at `/l/assets/…` under its strict CSP. `pnpm demo` (and so the e2e suite) and the
 * server package's build run this; a backend without the files answers hosted links with a page
 * saying the payment page is unavailable.
 *
 *   node scripts/build-link-page.mjs
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pageDir = join(root, 'packages', 'server', 'link-page');
export const linkPageDist = join(pageDir, 'dist');

export async function buildLinkPage() {
  rmSync(linkPageDist, { recursive: true, force: true });
  mkdirSync(linkPageDist, { recursive: true });
  await build({
    entryPoints: { pay: join(pageDir, 'main.js') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'linked',
    // Workspace packages from their TypeScript sources; Lit's production build.
    conditions: ['source', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    // Lit's legacy decorators, as in packages/elements/tsconfig.json.
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outdir: linkPageDist,
    logLevel: 'warning',
  });
  return readdirSync(linkPageDist).map((name) => ({ name, bytes: statSync(join(linkPageDist, name)).size }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await buildLinkPage();
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  console.log(`link page: ${files.length} files, ${(total / 1024).toFixed(1)} KiB in packages/server/link-page/dist`);
}
