#!/usr/bin/env node
/**
 * Mutation score with all tests and without some test files, from one Stryker JSON report
 * (`reports/mutation/<group>.json`) of a run without bail (`OMNI_MUTATION_BAIL=0`, stryker.config.mjs):
 * every mutant lists every test that killed it (`killedBy`) and every test that ran it (`coveredBy`).
 * With bail (the default) a killed mutant names one killing test, and "before" would be wrong.
 *
 *   OMNI_MUTATE=checkout OMNI_MUTATION_BAIL=0 pnpm mutation
 *   node scripts/mutation-before-after.mjs reports/mutation/checkout.json packages/server/src/checkout-guards.test.ts
 *
 * "Before" is the same run read as if the named test files did not exist: a mutant killed only by
 * their tests was a survivor (or without coverage, when no other test ran it). A timeout counts as
 * detected both times (Stryker does not say which test hung). Prints one row per mutated file and a
 * total, and with `--survivors` the mutants still alive after.
 */
import { readFileSync } from 'node:fs';

const [reportPath, ...rest] = process.argv.slice(2);
if (!reportPath) {
  console.error('usage: node scripts/mutation-before-after.mjs <report.json> [new test files…] [--survivors]');
  process.exit(2);
}
const listSurvivors = rest.includes('--survivors');
const newFiles = rest.filter((arg) => arg !== '--survivors');
const report = JSON.parse(readFileSync(reportPath, 'utf8'));

/** Test id → the file it is in. */
const fileOfTest = new Map();
for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) for (const test of tests) fileOfTest.set(test.id, file);
const isNew = (testId) => newFiles.some((file) => (fileOfTest.get(testId) ?? '').endsWith(file));

const counted = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];
function before(mutant) {
  const oldCover = (mutant.coveredBy ?? []).filter((id) => !isNew(id));
  switch (mutant.status) {
    case 'Killed':
      if ((mutant.killedBy ?? []).some((id) => !isNew(id))) return 'Killed';
      return oldCover.length > 0 ? 'Survived' : 'NoCoverage';
    case 'Timeout':
      return oldCover.length > 0 ? 'Timeout' : 'NoCoverage';
    case 'Survived':
      return oldCover.length > 0 ? 'Survived' : 'NoCoverage';
    default:
      return mutant.status;
  }
}

const tally = () => Object.fromEntries(counted.map((status) => [status, 0]));
const score = (t) => {
  const detected = t.Killed + t.Timeout;
  const valid = detected + t.Survived + t.NoCoverage;
  return valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(2)} %`;
};
const show = (t) => `${score(t)} (${t.Killed} killed, ${t.Timeout} timeout, ${t.Survived} survived, ${t.NoCoverage} no coverage)`;

const total = { before: tally(), after: tally() };
const survivors = [];
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const row = { before: tally(), after: tally() };
  for (const mutant of mutants) {
    if (!counted.includes(mutant.status)) continue;
    const was = before(mutant);
    row.before[was]++;
    total.before[was]++;
    row.after[mutant.status]++;
    total.after[mutant.status]++;
    if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
      const line = mutant.location.start.line;
      survivors.push(`${file}:${line} ${mutant.status} ${mutant.mutatorName} → ${JSON.stringify(mutant.replacement ?? '')}  | ${source.split('\n')[line - 1].trim()}`);
    }
  }
  console.log(`${file}\n  before: ${show(row.before)}\n  after:  ${show(row.after)}`);
}
console.log(`all\n  before: ${show(total.before)}\n  after:  ${show(total.after)}`);
if (listSurvivors) console.log(survivors.join('\n'));
