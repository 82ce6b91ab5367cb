/**
 * Skipped tests in `pnpm test` (scripts/test-all.mjs): each is listed with the reason it was skipped
 * (no Stripe or PayPal test keys, no PostgreSQL, or the reason its title gives after `skipped:`), and
 * a suite that ran only skips, or a skip without a reason, counts as a failure.
 */

/**
 * Why a test was skipped, from where it is and what it is called: the suites that need something
 * this machine may not have say so here. A skip that matches none of these, and whose title does not
 * say `skipped: <reason>` itself, is listed as "no reason given".
 */
export const SKIP_REASONS = [
  {
    where: (file) => file.endsWith('packages/stripe/src/server/live.test.ts'),
    reason: () => 'no Stripe test keys: set STRIPE_SECRET_KEY=sk_test_… and STRIPE_PUBLISHABLE_KEY=pk_test_…',
  },
  {
    where: (file) => file.endsWith('packages/paypal/src/server/live.test.ts'),
    reason: () => 'no PayPal sandbox keys: set PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET',
  },
  {
    where: (file) => file.endsWith('packages/moyasar/src/server/live.test.ts'),
    reason: () => 'no Moyasar test keys: set MOYASAR_SECRET_KEY=sk_test_… and MOYASAR_PUBLISHABLE_KEY=pk_test_…',
  },
  {
    where: (_file, titles) => titles.some((title) => /PostgreSQL/.test(title)),
    reason: () =>
      `no PostgreSQL: ${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL did not answer' : 'nothing answers on 127.0.0.1:5432 (set TEST_DATABASE_URL)'}`,
  },
];

export function skipReason(file, titles) {
  const own = titles.map((title) => /\bskipped: (.+)$/.exec(title)?.[1]).find(Boolean);
  if (own) return own;
  return SKIP_REASONS.find((known) => known.where(file, titles))?.reason() ?? 'no reason given';
}

/** Prints the skipped tests grouped by reason (with the suites they are in); returns how many had no reason. */
function reportSkips(skips, log) {
  if (skips.length === 0) return 0;
  const byReason = new Map();
  for (const skip of skips) {
    const group = byReason.get(skip.reason) ?? new Map();
    group.set(skip.where, (group.get(skip.where) ?? 0) + 1);
    byReason.set(skip.reason, group);
  }
  log(`skipped ${skips.length}:`);
  for (const [reason, places] of byReason) {
    log(`  ${reason}`);
    for (const [where, count] of places) log(`    ${count} × ${where}`);
  }
  return skips.filter((skip) => skip.reason === 'no reason given').length;
}

/** Skipped tests of a Vitest JSON report, each with its reason. */
export function vitestSkips(report, root) {
  const skips = [];
  for (const file of report.testResults ?? []) {
    const relative = String(file.name ?? '').replace(`${root}/`, '');
    for (const test of file.assertionResults ?? []) {
      if (!['skipped', 'pending', 'todo'].includes(test.status)) continue;
      const titles = [...(test.ancestorTitles ?? []), test.title ?? ''];
      skips.push({ where: `${relative} › ${(test.ancestorTitles ?? []).join(' › ') || test.title}`, reason: skipReason(relative, titles) });
    }
  }
  return skips;
}

/** Skipped tests of a Playwright JSON report, each with its `test.skip(condition, reason)` description. */
export function playwrightSkips(report) {
  const skips = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'skipped') continue;
        const annotation = [...(test.annotations ?? []), ...(test.results ?? []).flatMap((r) => r.annotations ?? [])].find(
          (a) => a.type === 'skip' || a.type === 'fixme',
        );
        const where = `${spec.file ?? suite.file ?? ''} › ${[...titles, spec.title].filter(Boolean).join(' › ')}`;
        skips.push({ where, reason: annotation?.description || skipReason(spec.file ?? '', [...titles, spec.title]) });
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return skips;
}

/**
 * A suite that ran nothing but skips proves nothing: it counts as one failure. So does a skip that
 * gives no reason. Returns the note for the summary, if any.
 */
export function judgeSkips(counts, skips, log = () => {}) {
  const unexplained = reportSkips(skips, log);
  const notes = [];
  if (counts.skipped > 0 && counts.passed === 0 && counts.failed === 0) {
    counts.failed = 1;
    notes.push('only skipped tests ran');
  }
  if (unexplained > 0) {
    counts.failed += 1;
    notes.push(`${unexplained} skipped without a reason`);
  }
  return notes.length ? notes.join('; ') : undefined;
}

