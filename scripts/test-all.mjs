#!/usr/bin/env node
/**
 * `pnpm test`: every check of the repository, in order, continuing after a failure.
 *
 *   0. secret scan      `git grep` for live Stripe-style keys (1 check)
 *   1. typecheck        `tsc -b tsconfig.json tsconfig.test.json` (the packages, then their tests and
 *                       stories), then `tsc -p e2e` (the Playwright suite and its config) (1 check)
 *   2. unit (node)      `vitest run --project node`    → test-results/vitest-node.json
 *                       (core, server, mock, and scripts/**, including the size budgets)
 *   3. component        `vitest run --project browser` → test-results/vitest-browser.json
 *   4. storybook build  `storybook build` (1 check)
 *   5. storybook a11y   axe over every built story, LTR and RTL → test-results/storybook-a11y.json
 *   6. e2e              `playwright test` (playwright.config.ts) → test-results/e2e.json
 *
 * Counts come from each tool's JSON report, never from its console output. A suite that exits
 * non-zero without reporting a failure, or leaves no report, counts as one failure. Every skipped
 * test is listed with its reason (no Stripe or PayPal test keys, no PostgreSQL, or the reason in its
 * title); a suite that ran only skips, or a skip without a reason, counts as one failure. The last line
 * is exactly `N passed, N failed` (then `, N skipped` when something was skipped), and the exit
 * code is non-zero when anything failed.
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium); TEST_DATABASE_URL is exported as
 * postgres://postgres@127.0.0.1:5432/postgres when PostgreSQL answers there and it is not set.
 * OMNI_TEST_ONLY='typecheck,unit (node)' runs a subset (names as in the summary).
 * Each suite has a time limit, and no suite runs past OMNI_TEST_BUDGET_MINUTES (40) minutes from the
 * start. On a quiet 2-core machine the run takes about 18 minutes (the e2e suite 7, the Storybook
 * a11y pass 4, the unit tests 5); a loaded machine takes up to twice as long. CI's own hard limit is 90.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './bootstrap.mjs';
import { chromiumPath } from './chromium.js';
import { judgeSkips, playwrightSkips, vitestSkips } from './test-skips.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const only = process.env.OMNI_TEST_ONLY ? new Set(process.env.OMNI_TEST_ONLY.split(',').map((s) => s.trim())) : null;

const MIN = 60_000;
/**
 * No suite runs past this (a suite started late gets only what is left). It was 25 minutes, which a
 * loaded machine (the a11y pass at 11 minutes) passed before the e2e suite could finish: that suite
 * was then cut off and counted as failed although nothing in it failed.
 */
const DEADLINE = Date.now() + Number(process.env.OMNI_TEST_BUDGET_MINUTES ?? 40) * MIN;
/** @type {Array<{ name: string, passed: number, failed: number, skipped: number, seconds: number, note?: string }>} */
const summary = [];

function log(message) {
  process.stdout.write(`${message}\n`);
}

function banner(title) {
  log(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

/** Runs a command with inherited output; kills its whole process group after `timeoutMs`. */
function run(command, args, { timeoutMs = 10 * MIN, env = {} } = {}) {
  timeoutMs = Math.min(timeoutMs, DEADLINE - Date.now());
  if (timeoutMs <= 0) {
    log(`✗ ${command} ${args.join(' ')}: not started, the overall time budget is used up`);
    return Promise.resolve({ code: 124, timedOut: true });
  }
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
      detached: true,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      log(`\n✗ ${command} ${args.join(' ')}: timed out after ${timeoutMs / 1000}s, stopping it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {}
        }, 10_000).unref();
      } catch {}
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      log(`✗ could not start ${command}: ${error.message}`);
      done({ code: 127, timedOut });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal ? 128 : 1), timedOut });
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function record(name, counts, startedAt, note) {
  const entry = { name, passed: 0, failed: 0, skipped: 0, ...counts, seconds: (Date.now() - startedAt) / 1000, note };
  summary.push(entry);
  const skipped = entry.skipped ? `, ${entry.skipped} skipped` : '';
  const mark = entry.failed ? '✗' : '✓';
  log(`${mark} ${name}: ${entry.passed} passed, ${entry.failed} failed${skipped} (${entry.seconds.toFixed(1)}s)${note ? ` — ${note}` : ''}`);
}

const wanted = (name) => !only || only.has(name);

// ── Suites ──────────────────────────────────────────────────────────────────────────────────

/** A pass/fail check that counts as one test. */
async function check(name, command, args, options) {
  if (!wanted(name)) return null;
  banner(name);
  const startedAt = Date.now();
  const { code, timedOut } = await run(command, args, options);
  const ok = code === 0;
  record(name, ok ? { passed: 1 } : { failed: 1 }, startedAt, ok ? undefined : timedOut ? 'timed out' : `exit code ${code}`);
  return ok;
}

/** Counts from Vitest's JSON reporter (Jest-compatible shape). */
function vitestCounts(report) {
  const counts = {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
  // A test file that fails to load (syntax error, failing import) has no failed test but is a failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  );
  for (const file of brokenFiles) log(`✗ ${file.name}: ${String(file.message ?? 'failed to run').split('\n')[0]}`);
  counts.failed += brokenFiles.length;
  return counts;
}

async function vitest(name, project, { timeoutMs = 10 * MIN } = {}) {
  if (!wanted(name)) return;
  banner(name);
  const startedAt = Date.now();
  const outputFile = join(results, `vitest-${project}.json`);
  rmSync(outputFile, { force: true });
  const { code, timedOut } = await run(
    bin('vitest'),
    ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`],
    { timeoutMs },
  );
  const report = readJson(outputFile);
  if (!report) {
    record(name, { failed: 1 }, startedAt, timedOut ? 'timed out without a report' : `no report (exit code ${code})`);
    return;
  }
  const counts = vitestCounts(report);
  counts.failures = (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((t) => t.status === 'failed')
      .map((t) => `${relative(root, file.name)} › ${t.fullName ?? t.title}: ${firstLine(t.failureMessages?.[0])}`),
  );
  let note = judgeSkips(counts, vitestSkips(report, root), log);
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    note = counts.passed === 0 ? `no tests ran (exit code ${code})` : `exit code ${code} (unhandled errors?)`;
  }
  record(name, counts, startedAt, note);
}

/** The first line of a failure message, without terminal colours. */
const firstLine = (message) => String(message ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? '';

/** `file › title: message` of each test that failed in a Playwright JSON report. */
function playwrightFailures(report) {
  const out = [];
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error;
        out.push(`${spec.file ?? file} › ${spec.title}: ${firstLine(error?.message)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, suite.file ?? file);
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file);
  return out;
}

/** Counts from Playwright's JSON reporter. */
function playwrightCounts(report) {
  const stats = report.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (report.errors?.length ?? 0),
    skipped: stats.skipped ?? 0,
  };
}

async function playwright(name, args, reportFile, { timeoutMs = 10 * MIN } = {}) {
  if (!wanted(name)) return;
  banner(name);
  const startedAt = Date.now();
  rmSync(reportFile, { force: true });
  const { code, timedOut } = await run(bin('playwright'), ['test', ...args], { timeoutMs });
  const report = readJson(reportFile);
  if (!report) {
    record(name, { failed: 1 }, startedAt, timedOut ? 'timed out without a report' : `no report at ${reportFile} (exit code ${code})`);
    return;
  }
  const counts = playwrightCounts(report);
  counts.failures = playwrightFailures(report);
  for (const error of report.errors ?? []) log(`✗ ${String(error.message ?? error).split('\n')[0]}`);
  let note = judgeSkips(counts, playwrightSkips(report), log);
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    note = timedOut ? 'timed out' : `exit code ${code}`;
  }
  record(name, counts, startedAt, note);
}

// ── Environment ─────────────────────────────────────────────────────────────────────────────

function secretScan() {
  if (!wanted('secret scan')) return;
  banner('secret scan');
  const startedAt = Date.now();
  // Tracked and untracked (not ignored) files, so a key is caught before it is committed.
  const result = spawnSync('git', ['grep', '--untracked', '-n', '-I', '-E', '(sk|rk)_live_[0-9A-Za-z]{8,}'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status === 1) {
    log('secret scan: ok');
    record('secret scan', { passed: 1 }, startedAt);
  } else if (result.status === 0) {
    // Show where, not what: the key itself is not printed again.
    const places = result.stdout.trim().split('\n').map((line) => line.split(':').slice(0, 2).join(':'));
    log(`secret scan: live keys found in\n  ${places.join('\n  ')}`);
    record('secret scan', { failed: 1 }, startedAt, `${places.length} live key(s)`);
  } else {
    log(`secret scan: git grep failed: ${result.stderr || result.error?.message}`);
    record('secret scan', { failed: 1 }, startedAt, 'git grep failed');
  }
}

/** Makes sure Chromium exists; installs Debian's package when running as root. */
function ensureChromium() {
  if (existsSync(chromiumPath)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && chromiumPath === '/usr/bin/chromium') {
    log(`Chromium is missing at ${chromiumPath}; installing Debian's chromium package…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
    if (install && install.status === 0 && existsSync(chromiumPath)) return true;
    log('✗ installing chromium failed.');
    return false;
  }
  log(
    `✗ Chromium not found at ${chromiumPath}. Install Debian's package as root:\n` +
      `    sudo apt-get update && sudo apt-get install -y chromium\n` +
      `  or point CHROMIUM_PATH at a Chromium binary. Browser suites are not run.`,
  );
  return false;
}

function portAnswers(host, port, timeoutMs = 1000) {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────

const startedAll = Date.now();
// `npm test` on a machine with only Node and npm: install the workspace with the pinned pnpm first.
ensureInstalled();
mkdirSync(results, { recursive: true });

if (!process.env.TEST_DATABASE_URL && (await portAnswers('127.0.0.1', 5432))) {
  process.env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
}
log(
  process.env.TEST_DATABASE_URL
    ? `PostgreSQL: TEST_DATABASE_URL=${process.env.TEST_DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`
    : 'PostgreSQL: not answering on 127.0.0.1:5432; storage suites run against PGlite only',
);

secretScan();
if (wanted('typecheck')) {
  // One check, as `pnpm typecheck`: every package (project references) and every package's tests and
  // stories (tsconfig.test.json), then the Playwright suite, which no package includes.
  banner('typecheck');
  const startedAt = Date.now();
  let result = await run(bin('tsc'), ['-b', 'tsconfig.json', 'tsconfig.test.json'], { timeoutMs: 4 * MIN });
  if (result.code === 0) result = await run(bin('tsc'), ['-p', 'e2e'], { timeoutMs: 2 * MIN });
  const ok = result.code === 0;
  record('typecheck', ok ? { passed: 1 } : { failed: 1 }, startedAt, ok ? undefined : result.timedOut ? 'timed out' : `exit code ${result.code}`);
}
// The node suite includes crash tests that start the backend process six times (packages/server/src/fault.test.ts).
await vitest('unit (node)', 'node', { timeoutMs: 12 * MIN });

const needsBrowser = ['component (browser)', 'storybook a11y', 'e2e'].filter(wanted);
const haveChromium = needsBrowser.length === 0 || ensureChromium();
const noBrowser = (name) => {
  if (!wanted(name)) return;
  record(name, { failed: 1 }, Date.now(), `not run: Chromium missing at ${chromiumPath}`);
};

if (haveChromium) await vitest('component (browser)', 'browser', { timeoutMs: 6 * MIN });
else noBrowser('component (browser)');

const storybookBuilt = await check(
  'storybook build',
  bin('storybook'),
  ['build', '-o', 'storybook-static', '--quiet', '--disable-telemetry'],
  { timeoutMs: 3 * MIN },
);
if (!haveChromium) noBrowser('storybook a11y');
else if (storybookBuilt === false && wanted('storybook a11y')) {
  record('storybook a11y', { failed: 1 }, Date.now(), 'not run: the Storybook build failed');
} else {
  await playwright('storybook a11y', ['-c', 'scripts/storybook-a11y.config.ts'], join(results, 'storybook-a11y.json'), {
    timeoutMs: 15 * MIN, // grows with every story (153 now: 6 minutes on a loaded machine, 12 before the page was kept per worker)
  });
}

if (haveChromium) {
  if (existsSync(join(root, 'playwright.config.ts'))) {
    // About 7 minutes on a quiet machine; a loaded one took more than 10 (its servers are built first).
    await playwright('e2e', [], join(results, 'e2e.json'), { timeoutMs: 15 * MIN });
  } else if (wanted('e2e')) {
    record('e2e', { failed: 1 }, Date.now(), 'not run: playwright.config.ts is missing');
  }
} else noBrowser('e2e');

// ── Summary ─────────────────────────────────────────────────────────────────────────────────

const total = summary.reduce(
  (sum, s) => ({ passed: sum.passed + s.passed, failed: sum.failed + s.failed, skipped: sum.skipped + s.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
banner(`summary (${((Date.now() - startedAll) / 1000).toFixed(1)}s)`);
const width = Math.max(...summary.map((s) => s.name.length));
for (const s of summary) {
  const skipped = s.skipped ? `, ${s.skipped} skipped` : '';
  log(
    `${s.failed ? '✗' : '✓'} ${s.name.padEnd(width)}  ${s.passed} passed, ${s.failed} failed${skipped}  ${s.seconds.toFixed(1)}s${s.note ? `  — ${s.note}` : ''}`,
  );
}
const failures = summary.flatMap((s) => (s.failures ?? []).map((f) => `${s.name}: ${f}`));
if (failures.length) {
  log('\nfailed:');
  for (const f of failures.slice(0, 30)) log(`  ✗ ${f.slice(0, 300)}`);
}
log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exitCode = total.failed > 0 || summary.length === 0 ? 1 : 0;
