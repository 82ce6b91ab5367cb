/**
 * The Node test project alone, for Stryker (`pnpm mutation`, stryker.config.mjs): mutation testing
 * runs the unit tests of the modules it mutates, never the browser or e2e suites.
 */
import { defineConfig } from 'vitest/config';

/**
 * Only the tests of the mutated packages: the server's tests import core too, and running them for
 * every core mutant would take hours on a shared machine; PayPal's webhook verification is tested in
 * its own package. `OMNI_MUTATE` is read here as in stryker.config.mjs.
 */
const modules = (process.env.OMNI_MUTATE ?? 'core').split(',').map((name) => name.trim());
const include = [
  ...(modules.includes('core') ? ['packages/core/src/**/*.test.ts'] : []),
  ...(modules.includes('checkout') || modules.includes('identity') ? ['packages/server/src/**/*.test.ts'] : []),
  ...(modules.includes('webhook') ? ['packages/paypal/src/server/**/*.test.ts'] : []),
];

export default defineConfig({
  resolve: { conditions: ['source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'], externalConditions: ['source'] } },
  test: {
    name: 'node',
    environment: 'node',
    include,
    exclude: ['**/node_modules/**', '**/*.browser.test.ts', '**/live.test.ts', 'packages/server/src/fault.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
