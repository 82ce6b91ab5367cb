import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runnerImport } from 'vite';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type BrowserCommand, type TestSpecification } from 'vitest/node';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './scripts/chromium.js';
import { litOxc, sourceConditions } from './scripts/lit-oxc.js';

/**
 * The PayPal browser commands import workspace packages (core, the PayPal server half). A static
 * import would be bundled with this config and resolve them to their built `dist/`, which a fresh
 * clone does not have; Vite's module runner loads them from source (the `source` condition).
 */
const { module: commands } = await runnerImport<typeof import('./packages/paypal/src/testing/vitest-commands.js')>(
  './packages/paypal/src/testing/vitest-commands.ts',
  { configFile: false, environments: { inline: { resolve: { conditions: ['source'], noExternal: [/^@omni-checkout\//] } } } },
);
const { paypalCommands } = commands;

/**
 * For scripts/wrappers*.browser.test.ts: writes the generated React component of one element, or the
 * Vue plugin (scripts/generate-wrappers.mjs, as `pnpm build` writes them to packages/{react,vue}/src),
 * to packages/{react,vue}/browser-fixtures, where they import react, @lit/react and the elements as
 * the packages do, and answers its path (from the root) and the element's properties. A folder of
 * its own: the node project's wrappers.test.ts regenerates packages/{react,vue}/src.
 */
const generatedWrapper: BrowserCommand<[pkg: 'react' | 'vue', tag: string], { path: string; properties: string[] }> = async (_context, pkg, tag) => {
  const generator = pathToFileURL(resolve(import.meta.dirname, 'scripts/generate-wrappers.mjs')).href;
  const { describeElements, reactFile, vueIndex } = (await import(generator)) as typeof import('./scripts/generate-wrappers.mjs');
  const elements = describeElements();
  const element = elements.find((e) => e.tag === tag);
  if (!element) throw new Error(`no element <${tag}> in the manifest`);
  const path = `packages/${pkg}/browser-fixtures/${pkg === 'react' ? element.file : 'index'}.ts`;
  mkdirSync(resolve(import.meta.dirname, `packages/${pkg}/browser-fixtures`), { recursive: true });
  writeFileSync(resolve(import.meta.dirname, path), pkg === 'react' ? reactFile(element) : vueIndex(elements));
  return { path, properties: element.properties.map((p) => p.name) };
};

/**
 * Node test files that run longest (seconds on a quiet 2-core machine, 3 workers): started first.
 * Vitest orders files by their last run's duration when it has one, but a fresh clone (CI) has
 * none, and it then starts the largest files first: the npm-install test (one short file, 71 s)
 * started after 225 s and ran alone at the end of a 335 s run.
 */
const LONGEST_FIRST = [
  'packages/server/src/cli/npx.test.ts', // 71 s: packs the packages and installs them with npm
  'packages/server/src/fault.test.ts', // 35 s: crashes and restarts the backend process six times
  'scripts/packages.test.ts', // 30 s: builds and packs every package, then publint and attw
  'scripts/merchant-types.test.ts', // 29 s: a strict tsc run per element's entry
  'packages/server/src/reconciler-crash.test.ts', // 21 s: kills and restarts the backend
  'packages/server/src/cli/payment-links.test.ts', // 18 s
];
// A renamed or removed file would lose its place without a word.
for (const file of LONGEST_FIRST) {
  if (!existsSync(resolve(import.meta.dirname, file))) throw new Error(`vitest.config.ts LONGEST_FIRST: ${file} does not exist`);
}

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = LONGEST_FIRST.indexOf(relative(import.meta.dirname, file.moduleId));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the rest keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        resolve: { conditions: ['source', 'node', 'import', 'default'] },
        // No 'import' here: Vitest hands these to Node as --conditions, and 'import' would make pg's
        // require('pg-pool') load pg-pool's ES wrapper.
        ssr: { resolve: { conditions: ['source', 'node', 'development|production'], externalConditions: ['source'] } },
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{core,server,mock,paypal,stripe,moyasar,node}/src/**/*.test.ts', 'examples/shop/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // Three files at a time on two cores (Vitest's default is cores − 1: one): most of these
          // wait on PostgreSQL, spawned backends and sockets, not on the CPU; every describe has a
          // database of its own (packages/server/src/test/databases.ts).
          maxWorkers: 3,
        },
      },
      {
        resolve: { conditions: sourceConditions },
        // @lit/react is ES modules without imports, reached only through the generated React component
        // that scripts/wrappers.browser.test.ts writes and imports at run time: nothing to pre-bundle
        // (found only then, the optimizer would reload the page mid-test).
        optimizeDeps: { exclude: ['@lit/react'] },
        // Lit decorators: legacy (experimentalDecorators) with [[Set]] class fields, as in the package tsconfig.
        oxc: litOxc,
        test: {
          name: 'browser',
          include: ['packages/elements/src/**/*.test.ts', 'packages/{mock,paypal,stripe,moyasar}/src/client/**/*.browser.test.ts', 'scripts/**/*.browser.test.ts'],
          testTimeout: 15_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
            // PayPal's SDK double through page.route(), and PayPal's server side (the REST fake); the
            // generated React component of an element and the Vue plugin (`generatedWrapper`).
            commands: { ...paypalCommands, generatedWrapper },
          },
        },
      },
    ],
  },
});
