/**
 * The Node test project alone, for Stryker (`pnpm mutation`, stryker.config.mjs): mutation testing
 * runs the unit tests of the modules it mutates, never the browser or e2e suites.
 */
import { defineConfig } from 'vitest/config';

/**
 * Only the tests of the mutated modules: the server's tests import core too, and running them for
 * every core mutant would take hours on a shared machine; PayPal's webhook verification is tested in
 * its own package. `OMNI_MUTATE` is read here as in stryker.config.mjs.
 *
 * The server's groups run a chosen set of the server's test files (the ones that drive the module
 * through its routes), on PGlite only: `TEST_DATABASE_URL` points at a port nothing listens on, so
 * the PostgreSQL halves of the suites skip at once (the same code runs on PGlite) and a run stays
 * under half an hour. Test files that spawn processes (`cli/`) or sleep (`fault`, `reconciler-crash`,
 * `multi-instance`) are left out.
 */
const modules = (process.env.OMNI_MUTATE ?? 'core').split(',').map((name) => name.trim());
const server = (file: string) => `packages/server/src/${file}.test.ts`;
const TESTS: Record<string, string[]> = {
  core: ['packages/core/src/**/*.test.ts'],
  checkout: [
    'checkout', 'amounts', 'replay', 'stripe', 'paypal', 'providers', 'markets', 'markets-providers',
    'reconciler', 'http', 'naughty', 'delivery',
  ].map(server),
  identity: [
    'identity/identity', 'identity/consent', 'identity/guesses', 'identity/privacy', 'identity-expired',
    'stripe-saved', 'paypal-vault',
  ].map(server),
  webhooks: ['webhooks/webhooks', 'stripe', 'paypal', 'providers', 'amounts'].map(server),
  'paypal-webhook': ['packages/paypal/src/server/**/*.test.ts'],
};
const include = [...new Set(modules.flatMap((name) => TESTS[name] ?? []))];
const serverOnly = modules.some((name) => ['checkout', 'identity', 'webhooks'].includes(name));

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
    // PGlite only for the server's groups (see above); CI=false so the unreachable PostgreSQL is a skip.
    env: serverOnly ? { TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:9/postgres', CI: 'false' } : {},
  },
});
