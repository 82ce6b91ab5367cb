/**
 * The ways a merchant integrates, each paying with the test card against the suite's backend:
 * the CDN build in a plain HTML page (no bundler), Vite + React (@omni-checkout/react), Vite + Vue
 * (@omni-checkout/vue). Every page runs under a strict CSP (`script-src 'self'`, no inline script)
 * and the suite's guard fails a test on any console error, uncaught exception or CSP violation.
 * Built once (serially, one worker) from the packages' dist, as installed packages would be.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Page, Response } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { CARDS } from '../fixtures/flows.js';
import { CheckoutPage } from '../models/checkout-page.js';
import { PORTS, buildPackages, close, exampleUrl, ordersOf, root, serveExample, viteBuild } from '../fixtures/examples.js';

test.describe.configure({ mode: 'serial' });

/** 2 × house blend (12.90) + standard delivery (4.90), in cents: the merchant server's catalogue. */
const TOTAL = 2 * 1290 + 490;

const servers: Server[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  buildPackages();
  viteBuild(join(root, 'examples', 'react-shop'));
  viteBuild(join(root, 'examples', 'vue-shop'));
  servers.push(
    await serveExample(join(root, 'examples', 'react-shop', 'dist'), PORTS.react),
    await serveExample(join(root, 'examples', 'vue-shop', 'dist'), PORTS.vue),
    await serveExample(join(root, 'examples', 'cdn'), PORTS.cdn, { '/cdn': join(root, 'packages', 'elements', 'cdn') }),
  );
});

test.afterAll(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** Opens an example, pays with 4242 and returns the session id and order id it reported. */
async function payIn(page: Page, url: string): Promise<{ sessionId: string; orderId: string }> {
  const started = page.waitForResponse((r: Response) => r.url().endsWith('/api/checkout') && r.request().method() === 'POST');
  await page.goto(url);
  const response = await started;
  expect(response.status(), 'POST /api/checkout').toBe(201);
  const { sessionId } = (await response.json()) as { sessionId: string };
  // The merchant's strict policy is what the page ran under.
  const policy = (await page.request.get(url)).headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self';");
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|nonce-/);

  const checkout = new CheckoutPage(page);
  await expect(checkout.email).toBeVisible({ timeout: 20_000 });
  await checkout.fillAll(CARDS.success);
  await expect(checkout.payButton).toHaveAccessibleName(/Pay €30\.70/);
  await checkout.pay();
  const thanks = page.getByRole('status').filter({ hasText: /Thank you! Order \S+ is paid\./ });
  await expect(thanks).toBeVisible({ timeout: 20_000 });
  const orderId = /Order (\S+) is paid/.exec((await thanks.textContent()) ?? '')![1]!;
  return { sessionId, orderId };
}

for (const [name, what] of [
  ['cdn', 'a plain HTML page loading the CDN build with <script type="module" src> (no bundler)'],
  ['react', 'Vite + React through @omni-checkout/react (onOmniComplete)'],
  ['vue', 'Vite + Vue through @omni-checkout/vue (@omni-complete)'],
] as const) {
  test(`${what} pays with the test card`, async ({ page }) => {
    const { sessionId, orderId } = await payIn(page, exampleUrl(name));
    const orders = await ordersOf(exampleUrl(name), sessionId);
    expect(orders).toEqual([{ id: orderId, status: 'paid', amount: TOTAL, currency: 'EUR' }]);
  });
}

test('the CDN build is one self-contained module per entry: the page requests no other script', async ({ page, guard }) => {
  await page.goto(exampleUrl('cdn'));
  await expect(new CheckoutPage(page).email).toBeVisible({ timeout: 20_000 });
  const scripts = guard.requestUrls.filter((url) => /\.m?js(\?|$)/.test(url)).map((url) => new URL(url).pathname);
  // The element's module and the page's own script; the mock provider is inside the first.
  expect(scripts.sort()).toEqual(['/cdn/checkout.js', '/checkout-page.js']);
});
