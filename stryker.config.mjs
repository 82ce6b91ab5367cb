// @ts-check
/**
 * Mutation testing (`pnpm mutation`, never part of `pnpm test`): Stryker mutates the modules named
 * in OMNI_MUTATE (comma-separated, default `core`) and runs the Node tests related to each mutant.
 *
 *   core      packages/core/src (logic: money, totals, schemas, address, markets, state, provider…)
 *   checkout  packages/server/src/checkout.ts (sessions, confirm, settle, provider events)
 *   identity  packages/server/src/identity/*.ts
 *   webhook   packages/paypal/src/server/webhooks.ts and the server's webhook route (http/routes.ts)
 *
 * One mutant at a time (concurrency 1): the machine is shared. Reports land in reports/mutation/.
 * docs/mutation.md has the scores measured and the command per module.
 */
const TARGETS = {
  core: [
    'packages/core/src/**/*.ts',
    '!packages/core/src/**/*.test.ts',
    '!packages/core/src/address-data/**',
    '!packages/core/src/{index,types}.ts',
  ],
  checkout: ['packages/server/src/checkout.ts'],
  identity: ['packages/server/src/identity/*.ts', '!packages/server/src/identity/*.test.ts'],
  webhook: ['packages/paypal/src/server/webhooks.ts'],
};

const wanted = (process.env.OMNI_MUTATE ?? 'core').split(',').map((name) => name.trim()).filter(Boolean);
for (const name of wanted) {
  if (!(name in TARGETS)) throw new Error(`OMNI_MUTATE: unknown module "${name}" (use ${Object.keys(TARGETS).join(', ')})`);
}
const label = wanted.join('+');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: wanted.flatMap((name) => TARGETS[/** @type {keyof typeof TARGETS} */ (name)]),
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.OMNI_MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${label}.html` },
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  // A repeated run re-tests only mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: `reports/mutation/${label}.incremental.json`,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['test-results', 'storybook-static', 'reports', '.omni-data', 'examples', 'e2e', '**/dist'],
  cleanTempDir: 'always',
};
