// @ts-check
/**
 * Mutation testing (`pnpm mutation`, never part of `pnpm test`): Stryker mutates the modules named
 * in OMNI_MUTATE (comma-separated, default `core`) and runs the Node tests related to each mutant.
 *
 *   core      packages/core/src (logic: money, totals, schemas, address, markets, state, provider…)
 *   checkout  the server's checkout: checkout.ts (sessions, confirm, settle), outcome.ts, session-view.ts
 *   identity  packages/server/src/identity/*.ts (codes, consent, devices, saved methods, privacy)
 *   webhooks  the server's webhooks: provider-webhooks.ts (provider events in) and webhooks/*.ts
 *             (the merchant's endpoints and the signed deliveries out)
 *   paypal-webhook  packages/paypal/src/server/webhooks.ts (PayPal's webhook verification)
 *
 * One mutant at a time by default (OMNI_MUTATION_CONCURRENCY to change it): the machine is shared. Reports land in reports/mutation/.
 * docs/mutation.md has the scores measured and the command per module.
 */
const TARGETS = {
  core: [
    'packages/core/src/**/*.ts',
    '!packages/core/src/**/*.test.ts',
    '!packages/core/src/address-data/**',
    '!packages/core/src/{index,types}.ts',
  ],
  checkout: ['packages/server/src/{checkout,outcome,session-view}.ts'],
  identity: ['packages/server/src/identity/*.ts', '!packages/server/src/identity/*.test.ts'],
  webhooks: ['packages/server/src/provider-webhooks.ts', 'packages/server/src/webhooks/*.ts', '!packages/server/src/webhooks/*.test.ts'],
  'paypal-webhook': ['packages/paypal/src/server/webhooks.ts'],
};

const wanted = (process.env.OMNI_MUTATE ?? 'core').split(',').map((name) => name.trim()).filter(Boolean);
for (const name of wanted) {
  if (!(name in TARGETS)) throw new Error(`OMNI_MUTATE: unknown module "${name}" (use ${Object.keys(TARGETS).join(', ')})`);
}
const label = wanted.join('+');
/**
 * The server's groups leave out static mutants (module-level code: route definitions, zod shapes
 * built at import): each one needs every selected test file re-run with a fresh module graph, which
 * took over two thirds of a run's time; Stryker reports them as ignored, outside the score.
 * OMNI_MUTATION_STATIC=1 tests them too; OMNI_MUTATION_STATIC=0 leaves them out of any group (core's
 * whole run: 1,227 of its 4,842 mutants are static, the zod shapes and market tables, and each one
 * re-runs all of core's test files, estimated at 93 % of the run's time).
 */
const server = wanted.some((name) => ['checkout', 'identity', 'webhooks'].includes(name));
const ignoreStatic = process.env.OMNI_MUTATION_STATIC === '0' || (server && process.env.OMNI_MUTATION_STATIC !== '1');
/**
 * And string literals: in these modules they are SQL (emptied, every test touching it fails: always
 * killed, at the cost of a full test run each), log lines and error messages (which tests should not
 * pin word for word). OMNI_MUTATION_STRINGS=1 mutates them too.
 */
/**
 * A mutant's run stops at its first failing test (bail): most mutants are killed, often by the first
 * test that reaches them, and without bail every covering test of every killed mutant ran too (the
 * server's identity group: nearly all of its tests for most mutants). The score is the same; a
 * killed mutant's report then names one killing test. OMNI_MUTATION_BAIL=0 records every test that
 * kills each mutant, which scripts/mutation-before-after.mjs needs to read one report as "before"
 * (without some test files) and "after" (docs/mutation.md).
 */
const disableBail = process.env.OMNI_MUTATION_BAIL === '0';
const excludedMutations = server && process.env.OMNI_MUTATION_STRINGS !== '1' ? ['StringLiteral'] : [];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: wanted.flatMap((name) => TARGETS[/** @type {keyof typeof TARGETS} */ (name)]),
  coverageAnalysis: 'perTest',
  ignoreStatic,
  disableBail,
  mutator: { excludedMutations },
  concurrency: Number(process.env.OMNI_MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 30_000,
  // The initial run of the server's test files takes minutes on a busy machine (default: 5).
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${label}.html` },
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  // A repeated run re-tests only mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: `reports/mutation/${label}.incremental.json`,
  // One temp dir per module group, so runs of two groups at once do not clean each other's sandbox.
  tempDirName: `.stryker-tmp/${label}`,
  ignorePatterns: ['.stryker-tmp', 'test-results', 'storybook-static', 'reports', '.omni-data', 'examples', 'e2e', '**/dist'],
  cleanTempDir: 'always',
};
