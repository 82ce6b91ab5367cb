/**
 * The built Storybook as designers use it: a docs page for every element of the Custom Elements
 * Manifest, the landing page, the Theming page and one page per flow; the Theming story applies a
 * token at once (PayPal's button style follows); a component story applies a changed control to
 * its element. Runs with the a11y pass (`-c scripts/storybook-a11y.config.ts`) on storybook-static/.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { elementsOf, generateManifest } from './custom-elements-manifest.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const staticDir = resolve(here, '../storybook-static');

interface IndexEntry {
  readonly id: string;
  readonly type: 'story' | 'docs';
  readonly title: string;
  readonly tags?: readonly string[];
}
const entries = (): IndexEntry[] => Object.values((JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }).entries);

let server: Server | undefined;
let origin = '';
test.beforeAll(async () => {
  server = createServer((req, res) => {
    let file = normalize(join(staticDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!file.startsWith(staticDir)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', () => done()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

async function open(page: Page, id: string, args: string): Promise<void> {
  await page.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&args=${args}`);
  await page.waitForFunction(() => {
    const phase = (window as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__?.currentRender?.phase;
    return phase === 'finished' || phase === 'aborted';
  });
}

test('a docs page for every element, the landing page, Theming and every flow', () => {
  const docs = entries().filter((e) => e.type === 'docs');
  const titles = docs.map((d) => d.title);
  // Each element's stories (component: 'omni-…') have an autodocs page.
  const storiesByTitle = new Map(entries().filter((e) => e.type === 'story').map((e) => [e.title, e]));
  for (const { declaration } of elementsOf(generateManifest())) {
    const title = [...storiesByTitle.keys()].find((t) => t.endsWith(`/${declaration.tagName}`));
    expect(title, `stories of <${declaration.tagName}>`).toBeDefined();
    expect(titles, `docs page of <${declaration.tagName}>`).toContain(title);
  }
  expect(titles).toEqual(expect.arrayContaining(['Introduction', 'Design/Theming', 'Design/Theming guide']));
  for (const flow of ['Guest', 'Recognised', 'One-click', '3-D Secure', 'Declined', 'Errors', 'Right-to-left']) {
    expect(titles.some((t) => t.startsWith('Flows/') && t.endsWith(flow)), `flow page ${flow}`).toBe(true);
  }
});

test('Theming: a token set in the controls applies at once, PayPal’s style included', async ({ page }) => {
  await open(page, 'design-theming--defaults', '--omni-radius:0px');
  const radius = await page.locator('omni-checkout').evaluate((el) => getComputedStyle(el).getPropertyValue('--omni-radius').trim());
  expect(radius).toBe('0px');
  // Storybook puts the documented defaults on :root: the primary colour is blue (#0b57d0).
  await expect(page.locator('output')).toHaveText('shape sharp, height 44px, colour blue', { timeout: 20_000 });
});

test('Theming: a token changed in its control restyles the mock fields, Stripe’s Payment Element and PayPal’s buttons at once', async ({ page }) => {
  await page.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  await page.goto(`${origin}/?path=/story/design-theming--defaults`);
  const preview = page.frameLocator('#storybook-preview-iframe');
  const mockField = preview.locator('omni-checkout .omni-mock-fields input[autocomplete="cc-number"]');
  const stripeField = preview.locator('[data-theming="stripe"] iframe').contentFrame().locator('#number');
  const stripeTab = preview.locator('[data-theming="stripe"] iframe').contentFrame().getByText('Card', { exact: true });
  const paypal = preview.getByRole('button', { name: 'PayPal', exact: true });
  // A frame that remounts while being read (a control change re-renders the providers' frames) reads as
  // 'detached': a poll then reads again, and a single read fails on the value.
  const style = async (locator: typeof paypal, property: string) =>
    locator
      .evaluate((el, name) => getComputedStyle(el).getPropertyValue(name), property)
      .catch((error: Error) => {
        if (/detached/i.test(error.message)) return 'detached';
        throw error;
      });

  // The documented defaults first: radius 6px, 16px text; PayPal 44px high, blue from the blue primary colour.
  await expect(paypal).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => style(mockField, 'border-top-left-radius')).toBe('6px');
  await expect.poll(() => style(stripeField, 'border-top-left-radius')).toBe('6px');
  expect(await style(paypal, 'border-top-left-radius')).toBe('6px');
  expect(await style(paypal, 'height')).toBe('44px');
  expect(await style(paypal, 'background-color')).toBe('rgb(0, 112, 186)');
  expect(await style(stripeField, 'font-size')).toBe('16px');
  expect(await style(mockField, 'font-size')).toBe('16px');

  // A designer sets the radius to 0 in the controls panel: sharp corners in all three.
  await page.locator('#set---omni-radius').click();
  await page.locator('#control---omni-radius').fill('0px');
  await expect.poll(() => style(mockField, 'border-top-left-radius')).toBe('0px');
  await expect.poll(() => style(stripeField, 'border-top-left-radius')).toBe('0px');
  await expect.poll(() => style(paypal, 'border-top-left-radius')).toBe('0px');

  // A larger base font size: bigger text in the mock fields and Stripe's, taller PayPal buttons (2.75 × 20px).
  await page.locator('#set---omni-font-size').click();
  await page.locator('#control---omni-font-size').fill('20px');
  await expect.poll(() => style(mockField, 'font-size')).toBe('20px');
  await expect.poll(() => style(stripeField, 'font-size')).toBe('20px');
  await expect.poll(() => style(paypal, 'height')).toBe('55px');
  // Sharp corners kept through the remount (polled: PayPal's buttons may remount once more while read).
  await expect.poll(() => style(paypal, 'border-top-left-radius')).toBe('0px');

  // A near-black primary colour: Stripe's selected tab takes it, PayPal's buttons turn black.
  await page.locator('#control---omni-color-primary').fill('#1a1a1a');
  await expect.poll(() => style(stripeTab, 'color')).toBe('rgb(26, 26, 26)');
  await expect.poll(() => style(paypal, 'background-color')).toBe('rgb(44, 46, 47)');
  await expect(preview.locator('output')).toHaveText('shape sharp, height 55px, colour black');
});

test('a component story applies a changed control (from the manifest) to its element', async ({ page }) => {
  await open(page, 'address-omni-address--german-germany', 'label:Office');
  await expect(page.locator('omni-address').getByRole('group', { name: 'Office' })).toBeVisible({ timeout: 10_000 });
});
