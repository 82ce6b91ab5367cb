import { runnerImport } from 'vite';
import { defineConfig } from 'vitest/config';
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


export default defineConfig({
  test: {
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
        // Lit decorators: legacy (experimentalDecorators) with [[Set]] class fields, as in the package tsconfig.
        oxc: litOxc,
        test: {
          name: 'browser',
          include: ['packages/elements/src/**/*.test.ts', 'packages/{mock,paypal,stripe,moyasar}/src/client/**/*.browser.test.ts'],
          testTimeout: 15_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
            // PayPal's SDK double through page.route(), and PayPal's server side (the REST fake).
            commands: paypalCommands,
          },
        },
      },
    ],
  },
});
