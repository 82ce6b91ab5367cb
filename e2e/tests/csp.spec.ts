import { test, expect, unexpectedCspReports } from '../fixtures/test.js';
import { expectedCsp, withoutNonce } from '../fixtures/env.js';
import { CARDS, openCheckoutWithCart } from '../fixtures/flows.js';

// docs/security.md R4. Every test in the suite also fails on any in-page `securitypolicyviolation` event or
// any report reaching POST /csp-report (see fixtures/test.ts); these tests check the policy itself.

const PAGES = ['/', '/cart', '/checkout', '/confirmation?session=cs_unknown', '/no-such-page'];

for (const path of PAGES) {
  test(`${path} is served with the strict CSP and no inline script or style`, async ({ page }) => {
    const response = await page.request.get(path);
    const headers = response.headers();
    expect(headers['content-type']).toMatch(/^text\/html/);
    expect(withoutNonce(headers['content-security-policy'])).toBe(expectedCsp());
    expect(headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // A fresh nonce per response.
    const again = (await page.request.get(path)).headers()['content-security-policy'];
    expect(again).not.toBe(headers['content-security-policy']);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');

    const html = await response.text();
    // The page carries this response's nonce (Vite's script tags and <meta property="csp-nonce">),
    // never the build's placeholder: PayPal's SDK nonces what it injects with the meta tag's value.
    const headerNonce = /'nonce-([^']*)'/.exec(headers['content-security-policy']!)?.[1];
    expect(headerNonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    const pageNonces = [...html.matchAll(/\snonce="([^"]*)"/g)].map((match) => match[1]);
    if (path !== '/no-such-page') {
      expect(html).toMatch(/<meta property="csp-nonce" nonce="[^"]+"/);
      expect(pageNonces.length).toBeGreaterThan(1);
    }
    expect(new Set(pageNonces)).toEqual(new Set(pageNonces.length ? [headerNonce] : []));
    expect(html).not.toContain('omni-csp-nonce-placeholder');
    // Every <script> has a same-origin src; no <style> element, no style= or on…= attribute.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/[^/]/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });
}

test('a full payment under the CSP produces no violation, in the page or at /csp-report', async ({
  page,
  guard,
  productList,
  cart,
  checkout,
  confirmation,
}) => {
  const before = (await unexpectedCspReports(page)).length;
  await openCheckoutWithCart(productList, cart, checkout);
  await checkout.fillAll(CARDS.success);
  await checkout.pay();
  await confirmation.waitForOrder();
  // The policy really was the strict one on the pages the shopper saw.
  const policy = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  expect(withoutNonce(policy)).toBe(expectedCsp());
  expect(guard.cspViolations).toEqual([]);
  expect((await unexpectedCspReports(page)).slice(before)).toEqual([]);
});

test.describe('the CSP checks can fail', () => {
  // This test breaks the policy on purpose: the violation is expected, so the guard must not count it.
  test.use({ allowedConsoleErrors: [/Content Security Policy/] });

  test('an injected inline script is blocked, raises an event and is reported', async ({ page, guard, productList }) => {
    // The marker in the address lets the guard tell this provoked report from a real one.
    await page.goto('/?csp-canary');
    await expect(productList.products.first()).toBeVisible();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran, 'inline script executed').toBe(false);
    await expect.poll(() => guard.cspViolations.length).toBeGreaterThan(0);
    expect(guard.cspViolations[0]!.violatedDirective).toMatch(/^script-src/);
    await expect
      .poll(async () => JSON.stringify(await page.request.get('/csp-report').then((r) => r.json())))
      .toContain('csp-canary');
    // Forget what this test provoked, so the guard judges only unexpected violations.
    guard.cspViolations.length = 0;
  });
});
