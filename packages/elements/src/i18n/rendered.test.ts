/**
 * Every component speaks the page's language: each is rendered in Arabic and in Polish, and the
 * text a person meets (text nodes, labels, accessible names, placeholders, titles) is scanned for
 * English catalog strings. Finds hard-coded English and keys a component forgot to translate. The
 * provider's own payment fields (the mock provider's card inputs, Stripe's iframes) are the
 * provider's to translate and are left out. Also: `dir` follows the language.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerProvider } from '@omni-checkout/core/provider';
import { decideMethods } from '@omni-checkout/core/method-offer';
import { PaymentMethodType } from '@omni-checkout/core/schemas';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { DEFAULT_SAVED_METHODS, withIdentity } from '@omni-checkout/mock/backend/identity';
import { FakeStripe } from '@omni-checkout/stripe/fake/stripe-js';
import '../define.js';
import en from './en.js';
import { BRAND_NAMES } from './brands.js';
import { loadTranslation, type Translation } from './index.js';

beforeAll(() => {
  (window as unknown as { Stripe: unknown }).Stripe = FakeStripe;
  registerProvider('mock', () => import('@omni-checkout/mock/client'));
  registerProvider('stripe', () => import('@omni-checkout/stripe/client'));
});

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
  delete window.__omniFakeWallets;
});

/** Every literal string of a catalog, by key; a message function's fixed parts (split around its arguments). */
function strings(t: object, path = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]): [string, string][] => {
    const at = path ? `${path}.${k}` : k;
    if (typeof v === 'object') return strings(v as object, at);
    if (typeof v === 'function') {
      const fn = v as (...args: unknown[]) => string;
      return fn(...Array.from({ length: fn.length }, () => '«X»'))
        .split('«X»')
        .map((part) => part.trim().replace(/^[,.:;()–-]+|[,.:;()–-]+$/g, '').trim())
        .filter(Boolean)
        .map((part): [string, string] => [`${at}()`, part]);
    }
    return [[at, String(v)]];
  });
}

/**
 * The English strings that must not appear in `t`'s rendering: English catalog text at least
 * four letters long that the other catalog does not share (brand names and loanwords stay).
 */
function englishOnly(t: Translation): Map<string, string> {
  const theirs = new Set(strings(t).map(([, text]) => text));
  const brands = new Set(Object.values(BRAND_NAMES as Record<string, string>));
  const english = new Map<string, string>();
  for (const [key, text] of strings(en)) {
    if (key.startsWith('$') || text.replace(/[^\p{L}]/gu, '').length < 4 || theirs.has(text) || brands.has(text)) continue;
    english.set(text, key);
  }
  return english;
}

/** What a person meets in `root`, through shadow roots: text nodes and naming attributes, provider fields left out. */
function humanText(root: Element): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element) {
      if ([...node.classList].some((c) => c.startsWith('omni-mock-')) || node.tagName === 'IFRAME' || node.tagName === 'STYLE') return;
      for (const name of ['aria-label', 'aria-description', 'placeholder', 'title', 'alt', 'aria-roledescription']) {
        const value = node.getAttribute(name);
        if (value) out.push(value.trim());
      }
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text) out.push(text);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out;
}

function englishIn(root: Element, t: Translation): string[] {
  const english = englishOnly(t);
  const found: string[] = [];
  for (const text of humanText(root)) {
    if (english.has(text)) found.push(`${english.get(text)}: "${text}"`);
    // Longer English phrases inside a larger text (two words or more).
    for (const [phrase, key] of english) if (phrase.includes(' ') && phrase !== text && text.includes(phrase)) found.push(`${key}: "${phrase}" in "${text}"`);
  }
  return found;
}

function host(lang: string): HTMLElement {
  const div = document.createElement('div');
  div.lang = lang;
  document.body.append(div);
  cleanup.push(() => div.remove());
  return div;
}

const settle = async (element: Element, until: () => boolean) => {
  await expect.poll(until, { timeout: 10_000 }).toBe(true);
  await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
};

const CART = {
  lineItems: [{ id: 'beans', name: 'Kawa', unitAmount: 3700, quantity: 1 }],
  shippingOptions: [{ id: 'standard', label: 'Kurier', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
};

/** Each component, mounted under a `lang` host, resolved once it has rendered in that language. */
const COMPONENTS: Record<string, (parent: HTMLElement, t: Translation) => Promise<Element>> = {
  async 'omni-checkout'(parent, t) {
    const backend = createMemoryBackend({ ...CART, country: parent.lang === 'ar' ? 'SA' : 'PL', currency: parent.lang === 'ar' ? 'SAR' : 'PLN' } as never);
    const element = document.createElement('omni-checkout');
    element.setAttribute('publishable-key', backend.publishableKey);
    element.setAttribute('api-base', backend.apiBase);
    element.fetch = backend.fetch;
    element.clientSecret = backend.clientSecret;
    const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
    parent.append(element);
    await ready;
    await settle(element, () => element.textContent!.includes(t.orderSummary) || humanText(element).includes(t.orderSummary));
    return element;
  },
  async 'omni-checkout with identity'(parent, t) {
    const memory = createMemoryBackend(CART);
    const identity = withIdentity(memory, {});
    const element = document.createElement('omni-checkout');
    element.setAttribute('publishable-key', memory.publishableKey);
    element.setAttribute('api-base', memory.apiBase);
    element.identity = true;
    element.fetch = identity.fetch;
    element.clientSecret = memory.clientSecret;
    const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
    parent.append(element);
    await ready;
    await settle(element, () => humanText(element).includes(t.identity.saveDetails));
    return element;
  },
  async 'omni-address'(parent, t) {
    const element = document.createElement('omni-address');
    element.setAttribute('country', parent.lang === 'ar' ? 'SA' : 'PL');
    element.setAttribute('name', 'shipping');
    parent.append(element);
    await settle(element, () => humanText(element).includes(t.fullName));
    return element;
  },
  async 'omni-identity'(parent, t) {
    const memory = createMemoryBackend(CART);
    const identity = withIdentity(memory, {});
    const element = document.createElement('omni-identity');
    element.publishableKey = memory.publishableKey;
    element.apiBase = memory.apiBase;
    element.fetch = identity.fetch;
    element.clientSecret = memory.clientSecret;
    element.merchantName = 'Sklep';
    parent.append(element);
    await settle(element, () => humanText(element).includes(t.email));
    return element;
  },
  async 'omni-saved-methods'(parent, t) {
    const element = document.createElement('omni-saved-methods');
    element.methods = DEFAULT_SAVED_METHODS;
    parent.append(element);
    await settle(element, () => humanText(element).includes(t.identity.addNew));
    return element;
  },
  async 'omni-payment-methods'(parent, t) {
    const element = document.createElement('omni-payment-methods');
    const market = parent.lang === 'ar' ? { country: 'SA', currency: 'SAR' } : { country: 'PL', currency: 'PLN' };
    element.methods = decideMethods(market, 5000, { enable: ['cash_on_delivery', 'gift_card'] }, [{ id: 'mock', methods: PaymentMethodType.options }]).shown;
    parent.append(element);
    await settle(element, () => humanText(element).includes(t.methods.card));
    return element;
  },
  async 'omni-express'(parent, t) {
    window.__omniFakeWallets = { applePay: true, googlePay: true, link: true };
    const session: CheckoutSession = {
      id: 'cs_lang', object: 'checkout_session', status: 'open', livemode: false, merchant: { name: 'Sklep' }, currency: 'PLN', country: 'PL',
      locale: parent.lang, channel: 'web', lineItems: [{ id: 'beans', name: 'Kawa', unitAmount: 3700, quantity: 1, amount: 3700 }],
      shippingOptions: CART.shippingOptions, selectedShippingOptionId: 'standard', contact: null, shippingAddress: null,
      totals: { subtotal: 3700, shipping: 500, total: 4200 }, provider: { id: 'stripe', config: { publishableKey: 'pk_test_lang' } },
      providers: [{ id: 'stripe', config: { publishableKey: 'pk_test_lang' }, methods: ['card', 'apple_pay', 'google_pay', 'link'] }],
      paymentMethods: (['card', 'apple_pay', 'google_pay', 'link'] as const).map((type) => ({ type, provider: 'stripe', available: true })),
      nextAction: null, lastPaymentError: null, orderId: null, expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const element = document.createElement('omni-express');
    element.publishableKey = 'pk_test_lang';
    element.apiBase = 'https://pay.example';
    element.fetch = (async () => Response.json(session)) as typeof fetch;
    element.clientSecret = 'cs_lang_secret_abc';
    const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
    parent.append(element);
    await ready;
    await settle(element, () => humanText(element).includes(t.expressCheckout));
    return element;
  },
};

describe.each(['ar', 'pl'] as const)('rendered in %s', (lang) => {
  it.each(Object.keys(COMPONENTS))('%s shows no English catalog string, and its direction follows the language', async (name) => {
    const t = await loadTranslation(lang);
    const element = await COMPONENTS[name]!(host(lang), t);
    expect(englishIn(element, t)).toEqual([]);
    const inner = (element.shadowRoot?.firstElementChild ?? element) as Element;
    expect(getComputedStyle(inner).direction).toBe(t.$dir);
  });
});

describe('the scan itself', () => {
  it('finds English that a component would have hard-coded', async () => {
    const t = await loadTranslation('pl');
    const div = host('pl');
    div.innerHTML = `<label>${en.fullName}</label><button aria-label="${en.errors.chooseShipping}">x</button><p>Zapłać — ${en.orderSummary} teraz</p>`;
    expect(englishIn(div, t)).toEqual([`fullName: "${en.fullName}"`, `errors.chooseShipping: "${en.errors.chooseShipping}"`, `orderSummary: "${en.orderSummary}" in "Zapłać — ${en.orderSummary} teraz"`]);
    div.innerHTML = `<label>${t.fullName}</label><p>BLIK</p>`;
    expect(englishIn(div, t)).toEqual([]);
  });
});

describe('bidi: text a shopper or merchant wrote is isolated where it sits in the other direction', () => {
  it('Latin product names and shipping labels in an Arabic order summary', async () => {
    await loadTranslation('ar');
    const backend = createMemoryBackend({
      lineItems: [{ id: 'beans', name: 'Coffee beans (250 g)', unitAmount: 1250, quantity: 2 }],
      shippingOptions: [{ id: 'dhl', label: 'DHL Express', amount: 500, deliveryEstimate: { minDays: 1, maxDays: 2 } }],
    });
    const element = document.createElement('omni-checkout');
    element.setAttribute('publishable-key', backend.publishableKey);
    element.setAttribute('api-base', backend.apiBase);
    element.fetch = backend.fetch;
    element.clientSecret = backend.clientSecret;
    const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
    host('ar').append(element);
    await ready;
    await element.updateComplete;
    // The summary and the shipping options are parts of their own inside the checkout.
    const summary = element.shadowRoot!.querySelector('omni-summary')!;
    const shipping = element.shadowRoot!.querySelector('omni-shipping')!;
    await Promise.all([summary.updateComplete, shipping.updateComplete]);
    const line = summary.shadowRoot!.querySelector('[part~="line-item"]')!;
    expect(line.textContent).toContain('\u2068Coffee beans (250 g)\u2069');
    const label = [...shipping.shadowRoot!.querySelectorAll('bdi')].find((bdi) => bdi.textContent === 'DHL Express');
    expect(label, 'the shipping label in <bdi>').toBeDefined();
    expect(getComputedStyle(label!).unicodeBidi).toBe('isolate');
  });
});
