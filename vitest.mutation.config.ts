/**
 * The Node test project alone, for Stryker (`pnpm mutation`, stryker.config.mjs): mutation testing
 * runs the unit tests of the modules it mutates, never the browser or e2e suites.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `@omni-checkout/core` and its subpaths resolve to this directory's `packages/core/src`: Stryker runs
 * the tests in a copy of the repository (its sandbox) whose `node_modules` links point back at the
 * original packages, so a test importing core by its package name (the server's suggestion tests)
 * would otherwise run the original, unmutated core and cover nothing.
 */
const root = dirname(fileURLToPath(import.meta.url));
const coreExports = (JSON.parse(readFileSync(resolve(root, 'packages/core/package.json'), 'utf8')) as { exports: Record<string, { source?: string }> }).exports;
const coreAliases = Object.entries(coreExports)
  .filter(([, target]) => typeof target === 'object' && target.source)
  .map(([subpath, target]) => ({
    find: new RegExp(`^@omni-checkout/core${subpath === '.' ? '' : subpath.slice(1).replace(/[/.-]/g, '\\$&')}$`),
    replacement: resolve(root, 'packages/core', target.source!),
  }));

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
  // The address suggestion clients are tested against loopback fakes of Google Places and Photon that
  // live with the server's test helpers; that file starts no app and no database (and imports core
  // by its package name: see coreAliases).
  core: ['packages/core/src/**/*.test.ts', 'packages/server/src/suggestions.test.ts'],
  checkout: ['checkout', 'checkout-guards', 'replay', 'providers', 'amounts'].map(server),
  identity: [
    'identity/identity',
    'identity/consent',
    'identity/checks',
    'identity/guesses',
    'identity/orders',
    'identity/privacy',
    'identity/resume',
    // Added with the whole group's first run (docs/mutation.md, "Whole groups, s24").
    'identity/deps',
    'identity/vault',
    'identity/rotate',
    'identity/limits',
    'identity/devices-edges',
    'identity/methods-edges',
    'identity/payments-edges',
    'identity/orders-edges',
    'identity/profile-edges',
    'identity/privacy-edges',
    'identity-expired',
    'stripe-saved',
  ].map(server),
  webhooks: ['webhooks/webhooks', 'webhooks/endpoints', 'provider-webhooks', 'provider-webhooks-effects', 'paypal', 'stripe'].map(server),
  'paypal-webhook': ['packages/paypal/src/server/**/*.test.ts'],
};
/** Test files to leave out (comma-separated, as in TESTS): the "before" runs of docs/mutation.md leave out the files added after them. */
const skipped = new Set((process.env.OMNI_MUTATION_SKIP ?? '').split(',').map((name) => name.trim()).filter(Boolean).map(server));
const include = [...new Set(modules.flatMap((name) => TESTS[name] ?? []))].filter((file) => !skipped.has(file));
const serverOnly = modules.some((name) => ['checkout', 'identity', 'webhooks'].includes(name));

export default defineConfig({
  resolve: { conditions: ['source', 'node', 'import', 'default'], alias: coreAliases },
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'], externalConditions: ['source'] } },
  test: {
    name: 'node',
    environment: 'node',
    include,
    exclude: ['**/node_modules/**', '**/*.browser.test.ts', '**/live.test.ts', 'packages/server/src/fault.test.ts'],
    // The server's race tests run 30 confirms; under a niced run on a busy machine they need more than 20 s.
    testTimeout: serverOnly ? 120_000 : 20_000,
    hookTimeout: serverOnly ? 300_000 : 60_000,
    pool: 'forks',
    /**
     * One module graph for all the test files of a run (Stryker runs one per mutant, in one worker
     * thread): the server's app, PGlite and their dependencies are imported once per mutant instead
     * of once per test file. Each file still builds its own app and database in its hooks, and
     * Stryker switches the active mutant through a global, so a shared graph tests the same code.
     * The chosen files mock no module and stub no global (a file that does must not join TESTS).
     */
    isolate: !serverOnly,
    // PGlite only for the server's groups (see above); CI=false so the unreachable PostgreSQL is a skip.
    env: serverOnly ? { TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:9/postgres', CI: 'false' } : {},
  },
});
