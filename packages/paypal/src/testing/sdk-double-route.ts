/**
 * Serves the PayPal SDK double with Playwright's `route()` (e2e, and Vitest browser tests through a
 * custom command): `https://www.paypal.com/sdk/js` and `https://www.sandbox.paypal.com/sdk/js`
 * answer the double, and the double's PayPal-window calls (`…/__double/orders/…`) reach the REST
 * fake's control endpoints, as a buyer's approval reaches PayPal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

/** The subset of Playwright's `Route` the handler needs. */
export interface RouteLike {
  request(): { url(): string; method(): string; postData(): string | null };
  fulfill(response: { status?: number; contentType?: string; body?: string; headers?: Record<string, string> }): Promise<void>;
}

/** A Playwright `Page` or `BrowserContext`. */
export interface Routable {
  route(url: RegExp, handler: (route: RouteLike) => Promise<void>): Promise<unknown>;
}

import { PAYPAL_SDK_URL } from './sdk-url.js';

export { PAYPAL_SDK_URL };
const DOUBLE_API = /^https:\/\/www\.(sandbox\.)?paypal\.com\/__double\/orders\/([A-Z0-9]+)(\/approve)?$/;

let source: string | undefined;

/** The double as a classic script (its TypeScript stripped). */
export function sdkDoubleScript(): string {
  // From src/testing, or from dist/testing with the sources shipped beside it.
  const file = [new URL('./sdk-double.ts', import.meta.url), new URL('../../src/testing/sdk-double.ts', import.meta.url)].map((u) => fileURLToPath(u)).find((f) => existsSync(f))!;
  source ??= transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'iife', target: 'es2022' }).code;
  return source;
}

/** Routes PayPal's SDK to the double and the double's window to the REST fake at `fakeUrl`. */
export async function routePayPal(target: Routable, fakeUrl: string): Promise<void> {
  await target.route(PAYPAL_SDK_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: sdkDoubleScript(), headers: { 'access-control-allow-origin': '*' } }),
  );
  await target.route(DOUBLE_API, async (route) => {
    const request = route.request();
    const [, , orderId, approve] = DOUBLE_API.exec(request.url())!;
    const response = await fetch(`${fakeUrl}/__fake/orders/${orderId}${approve ?? ''}`, {
      method: request.method(),
      headers: { 'content-type': 'application/json' },
      body: request.method() === 'POST' ? (request.postData() ?? '{}') : undefined,
    });
    await route.fulfill({ status: response.status, contentType: 'application/json', body: await response.text(), headers: { 'access-control-allow-origin': '*' } });
  });
}
