/**
 * axe over every story of the built Storybook, in LTR (English) and in RTL (Arabic); each story's
 * play function must pass in both.
 *
 * Known violations live in `storybook-a11y.known-violations.json`, keyed by story id:
 * `{ "elements-checkout--saved-card": ["color-contrast"] }`. The list may only shrink: a listed
 * rule that no longer fires in either direction fails the test until its entry is removed, and an
 * entry for a story that no longer exists fails too.
 */
import { readFileSync, existsSync, statSync, createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

const here = fileURLToPath(new URL('.', import.meta.url));
const staticDir = resolve(here, '../storybook-static');
const knownFile = resolve(here, 'storybook-a11y.known-violations.json');

/** WCAG 2.x A/AA plus axe best practices. Page-level rules are off: a story is a fragment, not a page. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const PAGE_LEVEL_RULES = ['region', 'landmark-one-main', 'page-has-heading-one', 'bypass', 'document-title', 'html-has-lang'];

const DIRECTIONS = [
  { dir: 'ltr', globals: 'dir:ltr;locale:en' },
  { dir: 'rtl', globals: 'dir:rtl;locale:ar' },
] as const;

interface IndexEntry {
  readonly id: string;
  readonly type: 'story' | 'docs';
  readonly title: string;
  readonly name: string;
  readonly tags?: readonly string[];
}

function readStories(): IndexEntry[] {
  const indexPath = join(staticDir, 'index.json');
  if (!existsSync(indexPath)) return [];
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { entries: Record<string, IndexEntry> };
  return Object.values(index.entries).filter((entry) => entry.type === 'story');
}

const stories = readStories();
const known = JSON.parse(readFileSync(knownFile, 'utf8')) as Record<string, string[]>;

// ── A tiny static server for storybook-static/ (one per worker) ──────────────────────────────

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    // Cacheable: the build does not change during the run, and the worker's page keeps its cache (below).
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

let server: Server | undefined;
let origin = '';

/**
 * One context and page per worker for all the stories it checks. A new context per story started
 * each from an empty HTTP cache, so every render loaded and compiled Storybook's preview again:
 * 15 stories took 46 s on one worker that way, 39 s with a page kept (31 s with axe's legacy mode
 * below as well). Each navigation still starts from empty storage, as a new context would: the init
 * script empties localStorage and sessionStorage (the only storage the elements use, for the
 * remembered device) before the story's scripts run, so no story sees what another left behind.
 * Stories never reach the internet: everything but our loopback origin is aborted.
 */
const test = base.extend<object, { storyPage: Page }>({
  storyPage: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
      await context.addInitScript(() => {
        localStorage.clear();
        sessionStorage.clear();
        // A play function that throws does not stop the render (it still ends `finished`): Storybook
        // reports it on its channel, which the preview assigns to this global as it starts. Each
        // failure is kept for the test to read, and so is whether the channel was seen at all (were
        // Storybook to reach it another way, no failure would ever show: the test fails instead).
        const watch = { channel: false, failures: [] as string[] };
        let channel: { on(event: string, listener: (error: { message?: string }) => void): void } | undefined;
        Object.defineProperty(window, '__omniPlayWatch', { value: watch });
        Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
          configurable: true,
          get: () => channel,
          set(value: typeof channel) {
            channel = value;
            watch.channel = Boolean(value);
            for (const event of ['playFunctionThrewException', 'unhandledErrorsWhilePlaying']) {
              value?.on(event, (error) => watch.failures.push(`${event}: ${error?.message ?? String(error)}`));
            }
          },
        });
      });
      await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
      await use(await context.newPage());
      await context.close();
    },
    { scope: 'worker' },
  ],
});

test.beforeAll(async () => {
  if (stories.length === 0) return;
  server = await serve(staticDir);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

// ── Rendering a story ────────────────────────────────────────────────────────────────────────

interface Rendered {
  /** Uncaught errors in the page while the story rendered. */
  readonly pageErrors: string[];
  /** The story's play function threw, or errors went unhandled while it played. */
  readonly playFailures: string[];
  /** Storybook's channel was seen, so a failed play would be in `playFailures`. */
  readonly playWatched: boolean;
}

async function renderStory(page: Page, id: string, globals: string): Promise<Rendered> {
  const pageErrors: string[] = [];
  const onError = (error: Error) => pageErrors.push(error.message);
  page.on('pageerror', onError);
  await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=${globals}`);
  // StoryRender phases end in `finished` (after play functions and afterEach), or `aborted`;
  // a story whose module fails to load shows Storybook's error panel instead.
  await page.waitForFunction(() => {
    if (document.body.classList.contains('sb-show-errordisplay')) return true;
    const phase = (window as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__
      ?.currentRender?.phase;
    return phase === 'finished' || phase === 'aborted';
  });
  // Let Lit elements (also inside shadow roots) finish their pending updates, and fonts load.
  await page.evaluate(async () => {
    const pending: Promise<unknown>[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const update = (el as { updateComplete?: Promise<unknown> }).updateComplete;
        if (update) pending.push(update);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    await Promise.all(pending);
    await document.fonts.ready;
  });
  page.off('pageerror', onError);
  const { channel, failures } = await page.evaluate(() => (window as unknown as { __omniPlayWatch: { channel: boolean; failures: string[] } }).__omniPlayWatch);
  return { pageErrors, playFailures: failures, playWatched: channel };
}

// ── One test per story; each checks LTR then RTL ────────────────────────────────────────────

test('storybook-static has been built and has stories', () => {
  expect(existsSync(join(staticDir, 'index.json')), 'run `pnpm build-storybook` first').toBe(true);
  expect(stories.length, 'storybook-static/index.json lists no stories').toBeGreaterThan(0);
});

test('known-violations list only names existing stories', () => {
  const ids = new Set(stories.map((s) => s.id));
  const stale = Object.keys(known).filter((id) => !ids.has(id));
  expect(stale, `remove these entries from ${knownFile}`).toEqual([]);
});

for (const story of stories) {
  test(`${story.id} (${story.title} / ${story.name})`, async ({ storyPage: page }) => {
    const allowed = new Set(known[story.id] ?? []);
    const seenAllowed = new Set<string>();

    for (const { dir, globals } of DIRECTIONS) {
      await test.step(dir.toUpperCase(), async () => {
        const { pageErrors, playFailures, playWatched } = await renderStory(page, story.id, globals);
        expect(pageErrors, 'uncaught errors while rendering the story').toEqual([]);
        // A story's play function is its interaction test, in every language of the toolbar.
        expect(playWatched, "Storybook's channel was never assigned: a failed play would go unnoticed").toBe(true);
        expect(playFailures, 'the play function failed').toEqual([]);
        await expect(page.locator('body'), 'Storybook shows an error for this story').not.toHaveClass(/sb-show-errordisplay/);
        // The toolbar global really applied: otherwise the RTL pass would silently test LTR.
        expect(await page.locator('#storybook-root').getAttribute('dir')).toBe(dir);

        const results = await new AxeBuilder({ page })
          .withTags(AXE_TAGS)
          .disableRules(PAGE_LEVEL_RULES)
          // Legacy mode runs axe in the page and its frames without opening a blank page in the
          // context for every analysis (which costs a page per check). What it leaves out is
          // cross-origin frames, and a story has none: every other origin is aborted above.
          .setLegacyMode(true)
          .exclude('.sb-wrapper') // Storybook's own (hidden) loading and error panels
          .analyze();

        const unexpected = results.violations.filter((v) => {
          if (allowed.has(v.id)) {
            seenAllowed.add(v.id);
            return false;
          }
          return true;
        });
        const report = unexpected.map((v) => ({
          rule: v.id,
          impact: v.impact,
          help: `${v.help} (${v.helpUrl})`,
          targets: v.nodes.map((n) => n.target.join(' ')),
        }));
        expect(report, `axe violations in ${dir.toUpperCase()}`).toEqual([]);
      });
    }

    const fixed = [...allowed].filter((rule) => !seenAllowed.has(rule));
    expect(fixed, `no longer violated: remove from ${story.id} in scripts/storybook-a11y.known-violations.json`).toEqual([]);
  });
}
