/**
 * The hosted pay page of payment links (docs/omnichannel.md) on PGlite and PostgreSQL: a link
 * without the merchant's own checkout page opens a page on the backend's origin, in the shopper's
 * language, under a nonce CSP, whose token gives this browser its own credential; the page's API
 * calls come from the backend's own origin; its script is served from the built directory only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onEachDatabase } from '../test/databases.js';
import { createMerchant, createTestEnv, merchantPost, type TestEnv, type TestMerchant } from '../test/env.js';
import { PAGE_TEXT, pageLanguage } from './page.js';

const assets = mkdtempSync(join(tmpdir(), 'omni-link-page-'));
writeFileSync(join(assets, 'pay.js'), 'import "./chunk-ABC123.js";');
writeFileSync(join(assets, 'chunk-ABC123.js'), 'export const x = 1;');
afterAll(() => rmSync(assets, { recursive: true, force: true }));

const OWN = 'http://localhost';

onEachDatabase((name, database) => {
  describe(`the hosted pay page of a payment link (${name})`, () => {
    let env: TestEnv;
    let merchant: TestMerchant;
    const setUp = async (merchantName = 'Omni <Roasters> & Co') => {
      env ??= await createTestEnv({ db: database(), app: { db: database(), linkPage: { assets } } });
      merchant = await createMerchant(env, merchantName);
    };
    const create = async (body: Record<string, unknown>) =>
      (await (await merchantPost(env, merchant, '/v1/payment_links', { currency: 'EUR', country: 'DE', channel: 'sms', ...body })).json()) as {
        id: string;
        url: string;
        checkoutUrl: string | null;
      };
    const open = (url: string, language?: string) =>
      env.app.request(new URL(url).pathname, { headers: language ? { 'accept-language': language } : {} });

    it("serves the page on the backend's origin: merchant, amount, the shopper's language, a nonce CSP, a token for this browser", async () => {
      await setUp();
      const link = await create({ lineItems: [{ id: 'beans', name: 'Beans', unitAmount: 1250, quantity: 2 }], locale: 'de' });
      expect(link.checkoutUrl).toBeNull();
      const response = await open(link.url, 'ar,en;q=0.5');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain('<html lang="ar" dir="rtl">');
      // The merchant's name escaped, never markup.
      expect(html).toContain('Omni &lt;Roasters&gt; &amp; Co');
      expect(html).not.toContain('<Roasters>');
      expect(html).toContain(PAGE_TEXT.ar.amountDue);
      expect(html).toContain(new Intl.NumberFormat('ar', { style: 'currency', currency: 'EUR' }).format(25));

      // One fresh nonce, on the script and the style, and no unsafe-inline anywhere in the policy.
      const csp = response.headers.get('content-security-policy')!;
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      expect(nonce.length).toBeGreaterThanOrEqual(24);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(html).toContain(`<script type="module" nonce="${nonce}" src="/l/assets/pay.js"></script>`);
      expect(html.match(/<script/g)).toHaveLength(1);
      const again = await open(link.url, 'ar');
      expect(again.headers.get('content-security-policy')).not.toContain(nonce);

      // The page's token, exchanged from the backend's own origin, gives this browser its own credential.
      const token = /data-token="([^"]+)"/.exec(html)![1]!;
      const redeemed = await env.app.request('/v1/client/handoff/redeem', {
        method: 'POST',
        headers: { 'omni-publishable-key': merchant.publishableKey, origin: OWN, 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(redeemed.status).toBe(200);
      const device = (await redeemed.json()) as { sessionId: string; clientSecret: string };
      expect(html).not.toContain(device.clientSecret);
      const session = await env.app.request(`/v1/client/checkout-sessions/${device.sessionId}`, {
        headers: { 'omni-publishable-key': merchant.publishableKey, authorization: `Bearer ${device.clientSecret}`, origin: OWN },
      });
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({ channel: 'link', totals: { subtotal: 2500 } });
      // Another website is still refused.
      const foreign = await env.app.request(`/v1/client/checkout-sessions/${device.sessionId}`, {
        headers: { 'omni-publishable-key': merchant.publishableKey, authorization: `Bearer ${device.clientSecret}`, origin: 'https://evil.example' },
      });
      expect(foreign.status).toBe(403);
      // Used once, the token opens nothing more.
      const reused = await env.app.request('/v1/client/handoff/redeem', {
        method: 'POST',
        headers: { 'omni-publishable-key': merchant.publishableKey, origin: OWN, 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(reused.status).toBe(410);
    });

    it("speaks the link's locale when the browser's languages are none of the ten, then English", async () => {
      await setUp('Kawiarnia');
      const link = await create({ amount: 900, locale: 'pl' });
      const html = await (await open(link.url, 'nl-NL,nl;q=0.9')).text();
      expect(html).toContain('<html lang="pl" dir="ltr">');
      expect(html).toContain('Zapłać dla Kawiarnia');
      expect(pageLanguage('xx', null)).toBe('en');
      expect(pageLanguage('ja-JP,en;q=0.3', 'de')).toBe('ja');
    });

    it('serves the built script and its chunks, nothing else; a link with its own checkout page is still sent there', async () => {
      await setUp();
      const entry = await env.app.request('/l/assets/pay.js');
      expect(entry.status).toBe(200);
      expect(entry.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(entry.headers.get('cache-control')).toBe('no-cache');
      expect(await entry.text()).toBe('import "./chunk-ABC123.js";');
      const chunk = await env.app.request('/l/assets/chunk-ABC123.js');
      expect(chunk.headers.get('cache-control')).toContain('immutable');
      for (const path of ['/l/assets/nope.js', '/l/assets/..%2Fpackage.json', '/l/assets/%2e%2e%2fpay.js']) {
        expect((await env.app.request(path)).status, path).toBe(404);
      }
      const own = await create({ amount: 900, checkoutUrl: `${merchant.origin}/pay` });
      const redirect = await open(own.url);
      expect(redirect.status).toBe(303);
      expect(redirect.headers.get('location')).toMatch(new RegExp(`^${merchant.origin}/pay#omni-handoff=`));
    });

    it("answers a hosted link with 503 and a page in the shopper's language; links to the merchant's own page still work", async () => {
      const env = await createTestEnv({ db: database(), app: { db: database(), linkPage: { assets: join(assets, 'missing') } } });
      const merchant = await createMerchant(env);
      const create = async (body: Record<string, unknown>) =>
        (await (await merchantPost(env, merchant, '/v1/payment_links', { currency: 'EUR', country: 'DE', channel: 'email', amount: 500, ...body })).json()) as { url: string };
      const hosted = await env.app.request(new URL((await create({})).url).pathname, { headers: { 'accept-language': 'sv' } });
      expect(hosted.status).toBe(503);
      expect(await hosted.text()).toContain(PAGE_TEXT.sv.unavailable);
      expect(hosted.headers.get('content-security-policy')).toContain("default-src 'none'");
      const own = await env.app.request(new URL((await create({ checkoutUrl: `${merchant.origin}/pay` })).url).pathname);
      expect(own.status).toBe(303);
    });
  });
});
