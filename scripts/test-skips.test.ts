/** `pnpm test` says why each test was skipped, and does not pass a suite that only skipped. */
import { describe, expect, it } from 'vitest';
import { judgeSkips, playwrightSkips, vitestSkips } from './test-skips.mjs';

const root = '/repo';
const vitestReport = (tests: { file: string; ancestors: string[]; title: string; status: string }[]) => ({
  testResults: [...new Set(tests.map((t) => t.file))].map((file) => ({
    name: `${root}/${file}`,
    assertionResults: tests.filter((t) => t.file === file).map((t) => ({ ancestorTitles: t.ancestors, title: t.title, status: t.status })),
  })),
});

describe('skip reasons', () => {
  const report = vitestReport([
    { file: 'packages/stripe/src/server/live.test.ts', ancestors: ['Stripe test mode (live API)'], title: 'pays', status: 'skipped' },
    { file: 'packages/stripe/src/server/live.test.ts', ancestors: ['Stripe test mode (live API)'], title: 'declines', status: 'skipped' },
    { file: 'packages/paypal/src/server/live.test.ts', ancestors: ['PayPal sandbox'], title: 'captures', status: 'skipped' },
    { file: 'packages/moyasar/src/server/live.test.ts', ancestors: ['Moyasar test mode'], title: 'waits for 3-D Secure', status: 'skipped' },
    { file: 'packages/server/src/identity/identity.test.ts', ancestors: ['PostgreSQL', 'identity on PostgreSQL'], title: 'saves', status: 'skipped' },
    { file: 'scripts/size.test.ts', ancestors: [], title: 'react — skipped: entry file x.ts does not exist yet', status: 'skipped' },
    { file: 'packages/core/src/money.test.ts', ancestors: ['money'], title: 'formats', status: 'passed' },
  ]);

  it('names the reason of every skip, grouped, with where it was', () => {
    const lines: string[] = [];
    const counts = { passed: 1, failed: 0, skipped: 6 };
    expect(judgeSkips(counts, vitestSkips(report, root), (line) => lines.push(line))).toBeUndefined();
    expect(counts).toEqual({ passed: 1, failed: 0, skipped: 6 });
    expect(lines).toEqual([
      'skipped 6:',
      '  no Stripe test keys: set STRIPE_SECRET_KEY=sk_test_… and STRIPE_PUBLISHABLE_KEY=pk_test_…',
      '    2 × packages/stripe/src/server/live.test.ts › Stripe test mode (live API)',
      '  no PayPal sandbox keys: set PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET',
      '    1 × packages/paypal/src/server/live.test.ts › PayPal sandbox',
      '  no Moyasar test keys: set MOYASAR_SECRET_KEY=sk_test_… and MOYASAR_PUBLISHABLE_KEY=pk_test_…',
      '    1 × packages/moyasar/src/server/live.test.ts › Moyasar test mode',
      expect.stringMatching(/^ {2}no PostgreSQL: /),
      '    1 × packages/server/src/identity/identity.test.ts › PostgreSQL › identity on PostgreSQL',
      '  entry file x.ts does not exist yet',
      '    1 × scripts/size.test.ts › react — skipped: entry file x.ts does not exist yet',
    ]);
  });

  it('fails a suite that ran only skips', () => {
    const onlySkips = vitestReport([{ file: 'packages/stripe/src/server/live.test.ts', ancestors: ['Stripe'], title: 'pays', status: 'skipped' }]);
    const counts = { passed: 0, failed: 0, skipped: 1 };
    expect(judgeSkips(counts, vitestSkips(onlySkips, root))).toBe('only skipped tests ran');
    expect(counts.failed).toBe(1);
  });

  it('fails a skip that gives no reason', () => {
    const bare = vitestReport([
      { file: 'packages/core/src/state.test.ts', ancestors: ['state'], title: 'pays', status: 'skipped' },
      { file: 'packages/core/src/state.test.ts', ancestors: ['state'], title: 'works', status: 'passed' },
    ]);
    const counts = { passed: 1, failed: 0, skipped: 1 };
    expect(judgeSkips(counts, vitestSkips(bare, root))).toBe('1 skipped without a reason');
    expect(counts.failed).toBe(1);
  });

  it("takes Playwright's skip annotation as the reason", () => {
    const report = {
      suites: [
        {
          title: 'stripe.spec.ts',
          file: 'stripe.spec.ts',
          specs: [],
          suites: [
            {
              title: 'Stripe sandbox',
              specs: [{ title: 'pays', file: 'stripe.spec.ts', tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: 'no Stripe test keys' }], results: [] }] }],
            },
          ],
        },
      ],
    };
    expect(playwrightSkips(report)).toEqual([{ where: 'stripe.spec.ts › Stripe sandbox › pays', reason: 'no Stripe test keys' }]);
  });
});
