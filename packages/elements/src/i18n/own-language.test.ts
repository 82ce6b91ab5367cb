/**
 * Every language, English included, is a catalog an element loads before its first render
 * (`i18n/index.ts`, `whenSpoken`): a Polish element never shows English while its catalog loads, a
 * Polish page never downloads the English catalog, and an English element is complete when its
 * `updateComplete` resolves. One file, so that no other test has loaded a catalog before.
 */
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_SAVED_METHODS } from '@omni-checkout/mock/backend/identity';
import '../saved-methods/define.js';
import '../address/define.js';
import { loadedCatalog } from './index.js';

afterEach(() => document.body.replaceChildren());

/** Every text the element's shadow root showed, from insertion until its update completed. */
async function textsWhileLoading(element: HTMLElement & { updateComplete: Promise<boolean> }): Promise<string[]> {
  const seen: string[] = [];
  document.body.append(element);
  const root = element.shadowRoot!;
  const record = () => seen.push(root.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  const observer = new MutationObserver(record);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  await element.updateComplete;
  observer.disconnect();
  record();
  return seen.filter(Boolean);
}

it('a Polish element shows only Polish, from its first render, and the English catalog is never loaded', async () => {
  expect(loadedCatalog('pl')).toBeUndefined();
  const element = document.createElement('omni-saved-methods');
  element.lang = 'pl';
  element.methods = DEFAULT_SAVED_METHODS;
  const texts = await textsWhileLoading(element);
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(text).toContain('Zapisane metody płatności');
    expect(text).not.toContain('Saved payment methods');
  }
  expect(loadedCatalog('pl')?.$code).toBe('pl');
  expect(loadedCatalog('en')).toBeUndefined();
});

it('an English element loads English like any language and has rendered it when updateComplete resolves', async () => {
  expect(loadedCatalog('en')).toBeUndefined();
  const element = document.createElement('omni-saved-methods');
  element.lang = 'en-GB';
  element.methods = DEFAULT_SAVED_METHODS;
  const texts = await textsWhileLoading(element);
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(text).toContain('Saved payment methods');
  expect(texts.at(-1)).toContain('Add a new card');
  expect(loadedCatalog('en')?.$code).toBe('en');
});

it('an address in English: its labels are English once the country’s rules are there', async () => {
  const element = document.createElement('omni-address');
  element.lang = 'en';
  element.country = 'US';
  const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
  document.body.append(element);
  await ready;
  expect([...element.querySelectorAll('label')].map((label) => label.textContent?.trim())).toEqual(expect.arrayContaining(['Full name', 'ZIP code']));
});
