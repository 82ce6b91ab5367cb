/**
 * The Node test project alone, for Stryker (`pnpm mutation`, stryker.config.mjs): mutation testing
 * runs the unit tests of the modules it mutates, never the browser or e2e suites.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'], externalConditions: ['source'] } },
  test: {
    name: 'node',
    environment: 'node',
    include: ['packages/{core,server,paypal}/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.browser.test.ts', '**/live.test.ts', 'packages/server/src/fault.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
