import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { CARDS, openCheckoutWithCart } from '../fixtures/flows.js';

// docs/security.md R6: the client secret is a property of <omni-checkout>, nothing else.

/** Every attribute value in the document and in every (open) shadow root, and the serialised light DOM. */
async function everythingInTheDom(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.documentElement.outerHTML];
    const visit = (root: Document | ShadowRoot): void => {
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.attributes) parts.push(`${attribute.name}=${attribute.value}`);
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) parts.push(element.value);
        if (element.shadowRoot) {
          parts.push(element.shadowRoot.innerHTML);
          visit(element.shadowRoot);
        }
      }
    };
    visit(document);
    return parts.join('\n');
  });
}

async function browserStorage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dump = (storage: Storage) => Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
    return [...dump(localStorage), ...dump(sessionStorage), document.cookie, location.href, document.referrer].join('\n');
  });
}

test('the client secret never appears in a URL, attribute, storage or the console', async ({
  page,
  guard,
  productList,
  cart,
  checkout,
  confirmation,
}) => {
  await openCheckoutWithCart(productList, cart, checkout);
  const secret = checkout.start!.clientSecret;
  expect(secret, 'the shop handed a client secret to the page').toMatch(/_secret_/);
  const secretPart = secret.slice(secret.indexOf('_secret_'));

  // The component received it (the form rendered), yet it is nowhere in the DOM or storage.
  await expect(checkout.payButton).toBeVisible();
  // Booleans, so a failure report does not print the secret either.
  expect((await everythingInTheDom(page)).includes(secretPart), 'client secret in the DOM').toBe(false);
  expect((await browserStorage(page)).includes(secretPart), 'client secret in storage, cookies or the address').toBe(false);

  await checkout.fillAll(CARDS.success);
  expect((await everythingInTheDom(page)).includes(secretPart), 'client secret in the DOM after typing').toBe(false);
  await checkout.pay();
  await confirmation.waitForOrder();
  expect((await everythingInTheDom(page)).includes(secretPart), 'client secret in the confirmation DOM').toBe(false);
  expect((await browserStorage(page)).includes(secretPart), 'client secret in storage after paying').toBe(false);

  const backendCalls = guard.requestUrls.filter((url) => url.includes('/v1/client/'));
  expect(backendCalls.length, 'the page talked to the backend').toBeGreaterThan(0);
  expect(guard.requestUrls.filter((url) => url.includes(secretPart) || url.includes(encodeURIComponent(secretPart))).length, 'request URLs with the client secret').toBe(0);
  expect(guard.consoleMessages.filter((m) => m.text().includes(secretPart)).length, 'console messages with the client secret').toBe(0);
  // Nor any resource the page loaded.
  const resources = await page.evaluate(() => performance.getEntries().map((e) => e.name).join('\n'));
  expect(resources.includes(secretPart), 'performance entries with the client secret').toBe(false);
});
