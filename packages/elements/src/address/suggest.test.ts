/**
 * The address-suggestion combobox of <omni-address> (ARIA 1.2 combobox + listbox) in Chromium:
 * real keystrokes, suggestion providers typed against the core contract (in memory, or the real
 * Photon adapter over an in-memory fetch), slow / failing / out-of-order providers, axe.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import axe from 'axe-core';
import type { AddressSuggestion, SuggestedAddress, SuggestionProvider, SuggestionQuery } from '@omni-checkout/core/suggestions';
import { photon } from '@omni-checkout/core/suggestions/photon';
import { loadTranslation } from '../i18n/index.js';
import './define.js';
import type { OmniAddress } from './address.js';

/** Holds the combobox's messages back while a test types (open unless a test closes it). */
const assist = vi.hoisted(() => ({ gate: Promise.resolve(), asked: () => {} }));
vi.mock('../i18n/assist/index.js', async (original) => {
  const actual = await original<typeof import('../i18n/assist/index.js')>();
  return {
    ...actual,
    loadAssistTranslation: async (lang: string) => {
      assist.asked();
      await assist.gate;
      return actual.loadAssistTranslation(lang);
    },
  };
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

const PLACES: Record<string, SuggestedAddress & { line1: string; secondary: string }> = {
  'us-1600': { country: 'US', line1: '1600 Amphitheatre Parkway', city: 'Mountain View', region: 'California', postalCode: '94043', secondary: 'Mountain View, CA, USA' },
  'us-1601': { country: 'US', line1: '1601 Amphitheatre Parkway', city: 'Mountain View', region: 'CA', postalCode: '94043', secondary: 'Mountain View, CA, USA' },
  'kr-1': { country: 'KR', line1: '세종대로 209', city: '종로구', region: '서울특별시', postalCode: '03171', secondary: '서울특별시 종로구' },
  'sa-1': { country: 'SA', line1: '2239 King Fahd Road', city: 'Riyadh', dependentLocality: 'Al Olaya', postalCode: '12271', secondary: 'الرياض' },
};

/** An in-memory provider with the contract's shape; records what it was asked. */
function memoryProvider(options: { delay?: (query: SuggestionQuery) => number; fail?: boolean } = {}) {
  const queries: SuggestionQuery[] = [];
  const sessions: number[] = [];
  let session = 0;
  const provider: SuggestionProvider = {
    id: 'memory',
    startSession() {
      const id = ++session;
      return {
        suggest(query) {
          queries.push(query);
          sessions.push(id);
          if (options.fail) return Promise.reject(new Error('service down'));
          const found: AddressSuggestion[] = Object.entries(PLACES)
            .filter(([, place]) => place.country === query.country && place.line1.toLowerCase().includes(query.input.toLowerCase()))
            .map(([id, place]) => ({ id, mainText: place.line1, secondaryText: place.secondary }));
          return new Promise((resolve) => setTimeout(() => resolve(found), options.delay?.(query) ?? 0));
        },
        async resolve(suggestion) {
          const { secondary: _, ...address } = PLACES[suggestion.id]!;
          return address;
        },
      };
    },
  };
  return { provider, queries, sessions };
}

async function mount(attributes: Record<string, string>, provider: SuggestionProvider | (() => Promise<SuggestionProvider>)): Promise<OmniAddress> {
  if (attributes.lang) await loadTranslation(attributes.lang);
  const element = document.createElement('omni-address');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.suggestions = provider;
  document.body.append(element);
  cleanup.push(() => element.remove());
  await expect.poll(() => element.addressRules?.country === element.country && element.querySelector('[data-field="line1"]') !== null).toBe(true);
  await element.updateComplete;
  return element;
}

/** Clicks the first line and waits for the combobox code (loaded on that first focus) to be attached. */
async function focusLine1(element: OmniAddress): Promise<HTMLInputElement> {
  const line1 = control(element, 'line1');
  await userEvent.click(line1);
  await expect.poll(() => line1.getAttribute('aria-controls'), { timeout: 5000 }).not.toBeNull();
  return line1;
}

const control = (element: OmniAddress, name: string) => element.querySelector<HTMLInputElement & HTMLSelectElement>(`[data-field="${name}"]`)!;
const listbox = (element: OmniAddress) => element.querySelector<HTMLUListElement>('[role="listbox"]')!;
const options = (element: OmniAddress) => [...element.querySelectorAll<HTMLLIElement>('[role="option"]')];
const status = (element: OmniAddress) => element.querySelector('[role="status"]')?.textContent?.trim() ?? '';

async function violations(context: Element): Promise<string[]> {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('<omni-address> suggestions', () => {
  it('is an ARIA 1.2 combobox on the first line that keeps its autofill token', async () => {
    const { provider } = memoryProvider();
    const element = await mount({ country: 'US' }, provider);
    const line1 = control(element, 'line1');
    expect(line1.getAttribute('role')).toBe('combobox');
    expect(line1.getAttribute('aria-autocomplete')).toBe('list');
    expect(line1.getAttribute('aria-expanded')).toBe('false');
    expect(line1.getAttribute('autocomplete')).toBe('shipping address-line1');
    expect(line1.tagName).toBe('INPUT');
    // The list and its code come with the first focus.
    await userEvent.click(line1);
    await expect.poll(() => line1.getAttribute('aria-controls')).not.toBeNull();
    const list = element.querySelector(`#${line1.getAttribute('aria-controls')}`);
    expect(list?.getAttribute('role')).toBe('listbox');
    expect(line1.getAttribute('aria-expanded')).toBe('false');
    // Only the first line is a combobox.
    expect(element.querySelectorAll('[role="combobox"]')).toHaveLength(1);
  });

  it('suggests while the shopper types, announces the count, and fills every field of the country on Enter', async () => {
    const { provider, queries, sessions } = memoryProvider();
    const element = await mount({ country: 'US' }, provider);
    const line1 = control(element, 'line1');
    await userEvent.type(control(element, 'name'), 'Ada Lovelace');
    await focusLine1(element);
    await userEvent.keyboard('1600 Amph');
    await expect.poll(() => options(element).length, { timeout: 5000 }).toBe(1);
    await userEvent.keyboard('{Backspace}{Backspace}{Backspace}{Backspace}{Backspace}{Backspace}');
    await expect.poll(() => options(element).length, { timeout: 5000 }).toBe(2);
    expect(line1.getAttribute('aria-expanded')).toBe('true');
    expect(listbox(element).hidden).toBe(false);
    expect(status(element)).toBe('Suggested addresses: 2. Use the up and down arrow keys to choose one.');
    // Debounced: far fewer requests than keystrokes, all in one session, in the form's country and language.
    expect(queries.length).toBeLessThanOrEqual(3);
    expect(new Set(sessions).size).toBe(1);
    expect(queries.at(-1)).toMatchObject({ input: '160', country: 'US', language: 'en' });

    await userEvent.keyboard('{ArrowDown}');
    const [first, second] = options(element) as [HTMLLIElement, HTMLLIElement];
    expect(line1.getAttribute('aria-activedescendant')).toBe(first.id);
    expect(first.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowDown}');
    expect(line1.getAttribute('aria-activedescendant')).toBe(second.id);
    await userEvent.keyboard('{ArrowDown}');
    expect(line1.getAttribute('aria-activedescendant')).toBe(first.id); // wraps
    await userEvent.keyboard('{ArrowUp}');
    expect(line1.getAttribute('aria-activedescendant')).toBe(second.id);
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(line1); // focus never leaves the input

    let submitted = 0;
    element.querySelector('form')!.addEventListener('submit', () => submitted++);
    await userEvent.keyboard('{Enter}');
    expect(submitted).toBe(0); // Enter picked, it did not submit
    await expect.poll(() => line1.value).toBe('1600 Amphitheatre Parkway');
    await element.updateComplete;
    expect(control(element, 'city').value).toBe('Mountain View');
    expect(control(element, 'region').value).toBe('CA'); // "California" mapped onto Google's region key
    expect(control(element, 'postalCode').value).toBe('94043');
    expect(control(element, 'name').value).toBe('Ada Lovelace');
    expect(element.getValue()).toMatchObject({ complete: true });
    expect(element.checkValidity()).toBe(true);
    expect(line1.getAttribute('aria-expanded')).toBe('false');
    expect(line1.hasAttribute('aria-activedescendant')).toBe(false);
    expect(status(element)).toBe('Address filled in. Please check it.');
    expect(document.activeElement).toBe(line1);

    // The pick ended the session; the next keystrokes start a new one.
    await userEvent.clear(line1);
    await userEvent.keyboard('1601');
    await expect.poll(() => options(element).length, { timeout: 5000 }).toBe(1);
    expect(new Set(sessions).size).toBe(2);
  });

  it('closes on Escape, picks with the mouse, and fills another country’s form through its own fields (Korea)', async () => {
    const { provider } = memoryProvider();
    const element = await mount({ country: 'KR', lang: 'ko' }, provider);
    const line1 = control(element, 'line1');
    await focusLine1(element);
    await userEvent.keyboard('세종대로');
    await expect.poll(() => options(element).length, { timeout: 5000 }).toBe(1);
    expect(status(element)).toBe('추천 주소 1개. 위아래 화살표 키로 선택하세요.');
    await userEvent.keyboard('{Escape}');
    expect(line1.getAttribute('aria-expanded')).toBe('false');
    expect(line1.value).toBe('세종대로'); // Escape closes, it does not clear
    await userEvent.keyboard(' 2');
    await expect.poll(() => options(element).length, { timeout: 5000 }).toBe(1);
    await userEvent.click(options(element)[0]!);
    await expect.poll(() => line1.value).toBe('세종대로 209');
    expect(document.activeElement).toBe(line1);
    expect(control(element, 'region').tagName).toBe('SELECT');
    expect(control(element, 'region').value).toBe('서울특별시');
    expect(control(element, 'city').value).toBe('종로구');
    expect(control(element, 'postalCode').value).toBe('03171');
  });

  it('asks about what was typed while the combobox code was loading', async () => {
    const { provider, queries } = memoryProvider();
    const element = await mount({ country: 'US' }, provider);
    const line1 = control(element, 'line1');
    // Focus starts loading the code; the shopper's keystrokes land before it arrives.
    line1.focus();
    line1.value = '1600 Am';
    line1.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'm' }));
    await expect.poll(() => options(element).length, { timeout: 5000 }).toBe(1);
    expect(queries.map((q) => q.input)).toEqual(['1600 Am']);
  });

  it('asks about keystrokes that land after the combobox code arrived but before its messages did', async () => {
    const { provider, queries } = memoryProvider();
    const element = await mount({ country: 'US' }, provider);
    const line1 = control(element, 'line1');
    const type = (value: string) => {
      line1.value = value;
      line1.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value.at(-1) }));
    };
    let release = () => {};
    assist.gate = new Promise((resolve) => (release = resolve));
    const messagesAsked = new Promise<void>((resolve) => (assist.asked = resolve));
    cleanup.push(() => {
      release();
      assist.gate = Promise.resolve();
      assist.asked = () => {};
    });
    line1.focus();
    type('1600');
    // The code is here and waits for its messages; the shopper types on.
    await messagesAsked;
    type('1600 Am');
    release();
    await expect.poll(() => options(element).length, { timeout: 5000 }).toBe(1);
    expect(queries.map((q) => q.input)).toEqual(['1600 Am']);
  });

  it('leaves browser autofill alone: plain input events on the first line ask nothing', async () => {
    const { provider, queries } = memoryProvider();
    const element = await mount({ country: 'US' }, provider);
    const line1 = control(element, 'line1');
    line1.focus();
    line1.value = '1600 Amphitheatre Parkway';
    line1.dispatchEvent(new Event('input', { bubbles: true }));
    line1.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(queries).toEqual([]);
    expect(line1.getAttribute('aria-expanded')).toBe('false');
    expect(element.getValue().value.line1).toBe('1600 Amphitheatre Parkway');
  });

  it('keeps typing working when the provider is slow or down: no error on the form, no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    cleanup.push(() => window.removeEventListener('unhandledrejection', onUnhandled));

    const slow = memoryProvider({ delay: () => 60_000 });
    const element = await mount({ country: 'US' }, slow.provider);
    const line1 = control(element, 'line1');
    await focusLine1(element);
    await userEvent.keyboard('1600 Amphitheatre Parkway');
    expect(line1.value).toBe('1600 Amphitheatre Parkway');
    await expect.poll(() => status(element), { timeout: 6000 }).toBe('Address suggestions are not available right now. Type the address.');
    expect(line1.getAttribute('aria-expanded')).toBe('false');
    expect(line1.getAttribute('aria-invalid')).toBeNull();
    expect(element.querySelector('.omni-field-error')).toBeNull();
    await userEvent.type(control(element, 'city'), 'Mountain View');
    await userEvent.selectOptions(control(element, 'region'), 'CA');
    await userEvent.type(control(element, 'postalCode'), '94043');
    await userEvent.type(control(element, 'name'), 'Ada Lovelace');
    expect(element.checkValidity()).toBe(true);

    const down = memoryProvider({ fail: true });
    element.suggestions = down.provider;
    await element.updateComplete;
    await userEvent.clear(line1);
    await userEvent.type(line1, '350 Fifth');
    await expect.poll(() => down.queries.length).toBeGreaterThan(0);
    await expect.poll(() => status(element)).toBe('Address suggestions are not available right now. Type the address.');
    expect(line1.value).toBe('350 Fifth');

    // A provider whose code fails to load is the same.
    element.suggestions = () => Promise.reject(new Error('chunk failed'));
    await element.updateComplete;
    await userEvent.type(line1, ' Avenue');
    await expect.poll(() => status(element)).toBe('Address suggestions are not available right now. Type the address.');
    expect(line1.value).toBe('350 Fifth Avenue');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unhandled).toEqual([]);
  });

  it('never shows an older answer over a newer one', async () => {
    // "1600" answers after 1.2 s, "1601" at once: the list must end with 1601's answer.
    const { provider, queries } = memoryProvider({ delay: (q) => (q.input === '1600' ? 1200 : 0) });
    const element = await mount({ country: 'US' }, provider);
    const line1 = control(element, 'line1');
    await focusLine1(element);
    await userEvent.keyboard('1600');
    await expect.poll(() => queries.length).toBe(1);
    await userEvent.keyboard('{Backspace}1');
    await expect.poll(() => options(element).length, { timeout: 5000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1400));
    expect(options(element).map((o) => o.textContent?.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual(['1601 Amphitheatre Parkway']);
  });

  it('works with the Photon adapter end to end (its HTTP shape, in memory)', async () => {
    const requests: URL[] = [];
    const fetchPhoton: typeof fetch = async (input) => {
      const url = new URL(String(input));
      requests.push(url);
      return Response.json({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: { type: 'Point', coordinates: [13.39, 52.51] }, properties: { osm_type: 'N', osm_id: 7, housenumber: '1', street: 'Unter den Linden', postcode: '10117', city: 'Berlin', state: 'Berlin', country: 'Deutschland', countrycode: 'DE' } },
        ],
      });
    };
    const element = await mount({ country: 'DE', lang: 'de' }, async () => photon({ baseUrl: 'https://photon.example', fetch: fetchPhoton }));
    const line1 = control(element, 'line1');
    await focusLine1(element);
    await userEvent.keyboard('Unter den');
    await expect.poll(() => options(element).length, { timeout: 5000 }).toBe(1);
    expect(requests.at(-1)?.searchParams.get('lang')).toBe('de');
    expect(status(element)).toBe('Vorgeschlagene Adressen: 1. Mit den Pfeiltasten nach oben und unten auswählen.');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect.poll(() => control(element, 'postalCode').value).toBe('10117');
    expect(line1.value).toBe('Unter den Linden 1');
    expect(control(element, 'city').value).toBe('Berlin');
  });

  it('has no axe violations with the list open, left to right', async () => {
    const { provider } = memoryProvider();
    const us = await mount({ country: 'US' }, provider);
    await focusLine1(us);
    await userEvent.keyboard('160');
    await expect.poll(() => options(us).length, { timeout: 5000 }).toBe(2);
    await userEvent.keyboard('{ArrowDown}');
    expect(await violations(us)).toEqual([]);
  });

  it('has no axe violations with the list open right to left (Arabic, Saudi Arabia), the list aligned to the right', async () => {
    const { provider } = memoryProvider();
    const sa = await mount({ country: 'SA', lang: 'ar', dir: 'rtl' }, provider);
    const line1 = control(sa, 'line1');
    await focusLine1(sa);
    await userEvent.keyboard('2239');
    await expect.poll(() => options(sa).length, { timeout: 5000 }).toBe(1);
    await userEvent.keyboard('{ArrowDown}');
    expect(status(sa)).toBe(`عدد العناوين المقترحة: ${new Intl.NumberFormat('ar').format(1)}. استخدم مفتاحَي السهم لأعلى ولأسفل للاختيار.`);
    // The list lines up with the input from the right edge.
    const list = listbox(sa).getBoundingClientRect();
    const box = line1.getBoundingClientRect();
    expect(Math.abs(list.right - box.right)).toBeLessThan(2);
    expect(await violations(sa)).toEqual([]);
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => line1.value).toBe('2239 King Fahd Road');
    expect(control(sa, 'postalCode').value).toBe('12271');
  });
});
