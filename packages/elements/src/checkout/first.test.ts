/**
 * The painted first render (`paint.ts`, `first.ts`): a returning shopper's summary and one-click
 * button before `<omni-checkout>` is defined, and the shell's take-over. The tests run in order:
 * `<omni-checkout>` is not defined until the take-over test loads it (this file imports neither
 * `define.ts` nor `checkout.ts` up front).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import axe from 'axe-core';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity } from '@omni-checkout/mock/backend/identity';
import { PAINTED, type PaintedElement } from './handover.js';
import { paint } from './paint.js';
import { recordingFetch } from './shopper.test-support.js';

const DEVICE = 'dvc_remembered_device_token_for_tests';
const CART = {
  lineItems: [
    { id: 'beans', name: 'Coffee beans', unitAmount: 1850, quantity: 2 },
    { id: 'mug', name: 'Enamel mug', unitAmount: 500, quantity: 1 },
  ],
  shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
};

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

type Pending = HTMLElement & { clientSecret?: string; fetch?: typeof fetch; publishableKey?: string; apiBase?: string; identity?: boolean };

/**
 * An `<omni-checkout>` as a page sets it up (attributes, client secret, fetch), in the document, with
 * every request it sends. `properties`: the key, the API base and `identity` set as properties, as
 * the React wrapper and Vue's `.prop` bindings do.
 */
function checkoutElement({ remembered = true, passkeys = 1, lang = '', network = true, cart = CART, properties = false } = {}) {
  const memory = createMemoryBackend(cart);
  const identity = withIdentity(memory, { deviceToken: DEVICE, passkeys });
  if (remembered) localStorage.setItem(`omni-device:${memory.publishableKey}`, DEVICE);
  const element = document.createElement('omni-checkout') as Pending;
  if (properties) {
    element.publishableKey = memory.publishableKey;
    element.apiBase = memory.apiBase;
    element.identity = network;
  } else {
    element.setAttribute('publishable-key', memory.publishableKey);
    element.setAttribute('api-base', memory.apiBase);
    if (network) element.setAttribute('identity', '');
  }
  if (lang) element.setAttribute('lang', lang);
  const { fetch, sent } = recordingFetch((request) => identity.fetch(request));
  element.fetch = fetch;
  element.clientSecret = memory.clientSecret;
  document.body.append(element);
  cleanup.push(() => {
    element.remove();
    localStorage.clear();
  });
  return { element, memory, sent };
}

async function violations(context: Element): Promise<string[]> {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Where the parts a shopper sees are, relative to the element (rounded to a tenth of a pixel). */
function layout(element: HTMLElement): Record<string, string> {
  const root = element.shadowRoot!;
  const base = [...root.querySelectorAll<HTMLElement>("[part~='base']")].find((b) => b.checkVisibility())!;
  const summaryHost = base.querySelector<HTMLElement>("[part~='summary']")!;
  const summary = summaryHost.shadowRoot!;
  const origin = element.getBoundingClientRect();
  const box = (node: Element | null | undefined) => {
    const r = node!.getBoundingClientRect();
    return [r.x - origin.x, r.y - origin.y, r.width, r.height].map((n) => n.toFixed(1)).join(' ');
  };
  const parts: Record<string, string> = { element: box(element), summary: box(summaryHost), heading: box(summary.querySelector('h2')) };
  summary.querySelectorAll("[part~='line-item'], dl > div").forEach((row, i) => (parts[`row ${i}: ${row.textContent}`] = box(row)));
  parts['welcome back'] = box(base.querySelector("[part~='one-click'] h2"));
  parts['pay button'] = box(base.querySelector("[part~='one-click'] [part~='pay-button']"));
  parts['use other details'] = box(base.querySelector("[part~='one-click'] .link"));
  return parts;
}

describe('the painted first render (checkout/first)', () => {
  it('a guest (no remembered device): nothing is painted; the session is asked at once, for the shell to take over once', async () => {
    const { element, memory, sent } = checkoutElement({ remembered: false });
    expect(await paint(element)).toBe(false);
    expect(element.shadowRoot).toBeNull();
    expect(sent).toEqual(['GET /']);
    const painted = (element as PaintedElement)[PAINTED]!;
    const answer = await painted.recall(memory.clientSecret, memory.publishableKey);
    expect(answer?.recalled).toBeNull();
    expect(answer?.session.totals.total).toBe(4700);
    expect(painted.recall(memory.clientSecret, memory.publishableKey)).toBeNull();
  });

  it('a remembered device: the summary and "Pay €47.00 with •••• 4242, deliver to Home", before the element is defined, in one request, axe-clean', async () => {
    const { element, sent } = checkoutElement();
    expect(await paint(element)).toBe(true);
    expect(customElements.get('omni-checkout')).toBeUndefined();
    await expect.element(page.getByRole('heading', { name: 'Order summary' })).toBeVisible();
    // The product's name isolated (its own direction in any sentence), the quantity, the line's amount.
    await expect.element(page.getByRole('listitem').filter({ hasText: 'Coffee beans' })).toHaveTextContent('\u2068Coffee beans\u2069 × 2€37.00');
    await expect.element(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Pay €47.00 with •••• 4242, deliver to Home' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Use other details' })).toBeVisible();
    expect(sent).toEqual(['POST /identity/recall']);
    expect(await violations(element)).toEqual([]);
  });

  it('the key, the API base and identity set as properties (the React wrapper, Vue `.prop`): painted the same, in one request; the recall handed over for that key', async () => {
    const { element, memory, sent } = checkoutElement({ properties: true });
    expect(element.hasAttribute('publishable-key')).toBe(false);
    expect(await paint(element)).toBe(true);
    expect(customElements.get('omni-checkout')).toBeUndefined();
    await expect.element(page.getByRole('button', { name: 'Pay €47.00 with •••• 4242, deliver to Home' })).toBeVisible();
    expect(sent).toEqual(['POST /identity/recall']);
    expect((element as PaintedElement)[PAINTED]!.recall(memory.clientSecret, memory.publishableKey)).not.toBeNull();
  });

  it('a product name is text, never markup, in the painted summary', async () => {
    const name = '<img src=x onerror="window.__painted_xss=1">Mug';
    const { element } = checkoutElement({ cart: { ...CART, lineItems: [{ id: 'mug', name, unitAmount: 4200, quantity: 1 }] } });
    expect(await paint(element)).toBe(true);
    const summary = element.shadowRoot!.querySelector("[part~='summary']")!.shadowRoot!;
    expect(summary.querySelector('img')).toBeNull();
    expect(summary.querySelector("[part~='line-item'] span")!.textContent).toBe(`\u2068${name}\u2069`);
    expect((window as { __painted_xss?: number }).__painted_xss).toBeUndefined();
  });

  it('right to left in Arabic: painted in Arabic, the element right to left, axe-clean', async () => {
    const { element } = checkoutElement({ lang: 'ar' });
    expect(await paint(element)).toBe(true);
    expect(element.dir).toBe('rtl');
    await expect.element(page.getByRole('heading', { name: 'ملخص الطلب' })).toBeVisible();
    await expect.element(page.getByRole('heading', { name: 'مرحبًا بعودتك' })).toBeVisible();
    expect(await violations(element)).toEqual([]);
  });

  it('a device that cannot pay in one click (no passkey): nothing painted; its one recall is handed to the shell, once', async () => {
    const { element, memory, sent } = checkoutElement({ passkeys: 0 });
    expect(await paint(element)).toBe(false);
    expect(element.shadowRoot).toBeNull();
    expect(sent).toEqual(['POST /identity/recall']);
    const painted = (element as PaintedElement)[PAINTED]!;
    // Not for another session or key; for this one once (a second recall would be a second passkey challenge).
    expect(painted.recall('cs_other_secret', memory.publishableKey)).toBeNull();
    expect(painted.recall(memory.clientSecret, 'pk_other')).toBeNull();
    expect((await painted.recall(memory.clientSecret, memory.publishableKey))?.session.totals.total).toBe(4700);
    expect(painted.recall(memory.clientSecret, memory.publishableKey)).toBeNull();
  });

  // Last: it defines <omni-checkout>.
  it('the shell takes over: the same layout, a one-click button in every frame, one recall; a press before it opens the passkey prompt; a guest beside it, one session read', async () => {
    // A guest's checkout on the same page (no identity network): nothing painted, its session read once, by the painter.
    const guest = checkoutElement({ network: false });
    expect(await paint(guest.element)).toBe(false);
    const { element, sent } = checkoutElement();
    // The passkey prompt, recorded and dismissed (a real passkey pays in e2e/tests/identity.spec.ts).
    const prompts: CredentialRequestOptions[] = [];
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = async (options) => {
      prompts.push(options!);
      throw new DOMException('The shopper closed the prompt.', 'NotAllowedError');
    };
    cleanup.push(() => (navigator.credentials.get = get));
    expect(await paint(element)).toBe(true);
    const painted = layout(element);
    const label = 'Pay €47.00 with •••• 4242, deliver to Home';
    // Pressed before the shell is there: it says so at once.
    await page.getByRole('button', { name: label }).click();
    await expect.element(page.getByRole('button', { name: 'Paying €47.00…' })).toHaveAttribute('aria-disabled', 'true');
    expect(customElements.get('omni-checkout')).toBeUndefined();

    // From here until the payment is back to its button: every frame shows exactly one one-click button, at one height.
    const frames = new Set<string>();
    let sampling = true;
    const sample = () => {
      const buttons = [...element.shadowRoot!.querySelectorAll("[part~='one-click'] [part~='pay-button']")].filter((b) => b.checkVisibility());
      frames.add(`${buttons.length} button(s), height ${element.getBoundingClientRect().height.toFixed(1)}`);
      if (sampling) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
    // `first.ts` finds the painted element and loads the shell.
    await import('./first.js');
    await expect.poll(() => element.shadowRoot!.querySelector('.painted')).toBeNull();
    // The press carried over: the passkey prompt opened, with the recall's options (no second request for them).
    await expect.poll(() => prompts.length).toBe(1);
    expect(prompts[0]!.publicKey?.challenge).toBeDefined();
    // Dismissed: the button is back, and nothing is said (the shopper closed it).
    await expect.element(page.getByRole('button', { name: label })).toHaveAttribute('aria-disabled', 'false');
    sampling = false;
    expect(sent.filter((s) => s.startsWith('POST /identity/') || s.startsWith('POST /passkeys'))).toEqual(['POST /identity/recall']);
    expect(element.shadowRoot!.querySelector("[part~='error']")!.textContent).toBe('');
    expect(layout(element)).toEqual(painted);
    await expect.element(page.getByRole('button', { name: 'Pay €47.00', exact: true })).toBeVisible();
    expect(guest.sent).toEqual(['GET /']);
    expect([...frames]).toEqual([`1 button(s), height ${painted.element!.split(' ')[3]}`]);
    expect(await violations(element)).toEqual([]);
  });
});
