/**
 * The demo shop serves its pages and assets compressed, as a merchant's server would: Brotli or gzip
 * by `Accept-Encoding` (q-values honoured), `Vary: Accept-Encoding`, and the same bytes once decoded.
 * Read with `node:http`, which (unlike fetch) hands over the bytes as they came over the wire.
 */
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { test, expect } from '../fixtures/test.js';
import { shopUrl } from '../fixtures/env.js';

interface Raw {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function raw(path: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = get(new URL(path, shopUrl), { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

const decode = (response: Raw): Buffer => {
  switch (response.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(response.body);
    case 'gzip':
      return gunzipSync(response.body);
    default:
      return response.body;
  }
};

/** The largest of the scripts the checkout page names (some of its chunks are too small to compress). */
async function checkoutScript(): Promise<string> {
  const page = decode(await raw('/checkout', 'identity')).toString('utf8');
  const sources = [...page.matchAll(/<script type="module"[^>]*src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(sources.length, 'the checkout page names its scripts').toBeGreaterThan(0);
  const sizes = await Promise.all(sources.map(async (src) => (await raw(src, 'identity')).body.length));
  return sources[sizes.indexOf(Math.max(...sizes))]!;
}

test.describe('compressed responses', () => {
  test('assets in Brotli or gzip by Accept-Encoding, the same bytes decoded, Vary on every answer', async () => {
    const script = await checkoutScript();
    const plain = await raw(script);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.headers['content-type']).toMatch(/^text\/javascript/);

    const cases: [string, 'br' | 'gzip' | undefined][] = [
      ['gzip, deflate, br, zstd', 'br'], // what Chromium sends
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=0.5, br;q=0.8', 'br'],
      ['br;q=0.2, gzip;q=0.9', 'gzip'],
      ['*', 'br'],
      ['identity', undefined],
      ['gzip;q=0, br;q=0', undefined],
    ];
    for (const [accept, expected] of cases) {
      const response = await raw(script, accept);
      expect(response.status, accept).toBe(200);
      expect(response.headers['content-encoding'], accept).toBe(expected);
      expect(response.headers['vary'], accept).toMatch(/accept-encoding/i);
      expect(decode(response).equals(plain.body), `${accept}: decoded bytes`).toBe(true);
      if (expected) {
        expect(response.body.length, `${accept}: smaller`).toBeLessThan(plain.body.length * 0.5);
        expect(Number(response.headers['content-length'] ?? response.body.length)).toBe(response.body.length);
      }
    }
    // Brotli beats gzip on the same file.
    expect((await raw(script, 'br')).body.length).toBeLessThan((await raw(script, 'gzip')).body.length);
  });

  test('pages are compressed per response and keep their own CSP nonce', async () => {
    const [first, second] = [await raw('/checkout', 'br'), await raw('/checkout', 'gzip')];
    expect(first.headers['content-encoding']).toBe('br');
    expect(second.headers['content-encoding']).toBe('gzip');
    for (const response of [first, second]) {
      expect(response.headers['vary']).toMatch(/accept-encoding/i);
      const html = decode(response).toString('utf8');
      const nonce = /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))?.[1];
      expect(nonce).toBeTruthy();
      expect(html).toContain(`nonce="${nonce}"`);
      expect(html).not.toContain('omni-csp-nonce-placeholder');
    }
  });

  test('what is compressed already, or too small to gain, goes as it is', async () => {
    const favicon = await raw('/favicon.svg', 'br, gzip');
    expect(favicon.status).toBe(200);
    // A small SVG: not worth it below 1 KB, still varies by encoding.
    if (favicon.body.length < 1024) expect(favicon.headers['content-encoding']).toBeUndefined();
    expect(favicon.headers['vary']).toMatch(/accept-encoding/i);
  });

  test('the browser gets the shop compressed and the page works', async ({ page }) => {
    const assets: Promise<[string, string | undefined, number]>[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin !== shopUrl || !url.pathname.startsWith('/assets/')) return;
      assets.push(Promise.all([url.pathname, response.allHeaders().then((h) => h['content-encoding']), response.body().then((b) => b.length)]));
    });
    await page.goto('/');
    await expect(page.getByRole('list', { name: 'Products' }).getByRole('article').first()).toBeVisible();
    const seen = await Promise.all(assets);
    expect(seen.length).toBeGreaterThan(0);
    // Chromium asks for Brotli; every asset worth compressing came that way.
    for (const [path, encoding, size] of seen) expect(encoding, path).toBe(size >= 1024 ? 'br' : undefined);
  });
});
