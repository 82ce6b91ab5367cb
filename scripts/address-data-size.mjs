#!/usr/bin/env node
/**
 * The cost of the lazily loaded address data: each country's chunk
 * (`packages/core/src/address-data/<cc>.ts`) minified and gzipped on its own (level 9), as a page
 * downloads it when the shopper picks that country. Prints the median, the largest, the total and
 * the figures for a few countries. `node scripts/address-data-size.mjs [--json]`
 */
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'packages/core/src/address-data');
const files = readdirSync(dir).filter((f) => /^[a-z]{2}\.ts$/.test(f));

const result = await build({
  entryPoints: files.map((f) => join(dir, f)),
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  outdir: 'out',
  logLevel: 'silent',
});
const sizes = result.outputFiles
  .map((file) => ({ country: file.path.replace(/^.*\/([a-z]{2})\.js$/, '$1').toUpperCase(), min: file.contents.length, gzip: gzipSync(file.contents, { level: 9 }).length }))
  .sort((a, b) => a.gzip - b.gzip);
const median = sizes[Math.floor(sizes.length / 2)];
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
const pick = (cc) => sizes.find((s) => s.country === cc);
const summary = {
  countries: sizes.length,
  medianGzip: median.gzip,
  largest: sizes.at(-1),
  smallest: sizes[0],
  totalGzip: total,
  totalMin: sizes.reduce((sum, s) => sum + s.min, 0),
  examples: Object.fromEntries(['US', 'DE', 'PL', 'KR', 'SA', 'JP', 'CN', 'BR', 'GB', 'SE', 'TR'].map((cc) => [cc, pick(cc)?.gzip])),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(summary, null, 2));
else {
  const kb = (n) => `${(n / 1000).toFixed(2)} KB`;
  console.log(`${summary.countries} countries, one chunk each (min+gz): median ${kb(summary.medianGzip)}, largest ${summary.largest.country} ${kb(summary.largest.gzip)}, smallest ${summary.smallest.country} ${kb(summary.smallest.gzip)}, all together ${kb(summary.totalGzip)} (${kb(summary.totalMin)} min)`);
  console.log(Object.entries(summary.examples).map(([cc, gz]) => `${cc} ${kb(gz)}`).join(', '));
}
