/**
 * The painted first render: a returning shopper's summary and one-click button, drawn into an
 * `<omni-checkout>` that is not defined yet, without Lit (docs/architecture.md, "The painted first
 * render"). The shell (`checkout.ts`) loads after the button shows, takes over the one recall's
 * answer (`handover.ts`), renders the same thing in the task it is defined in, and the painted DOM
 * goes in that task too: no frame shows both or neither.
 *
 * It draws the markup of `oneClickTemplate` and `<omni-summary>` with the very same style sheets
 * (adopted, as Lit adopts them), so nothing moves at the hand-over. Everything else (a guest, a
 * device that cannot pay in one click, a bank's return, an element already defined) is left to the
 * shell; the painter then only made the recall the shell would have made.
 */
import { createBackendClient } from '@omni-checkout/core/client';
import { formatMoney } from '@omni-checkout/core/money';
import type { CSSResultOrNative } from '@lit/reactive-element/css-tag.js';
import { rememberedDevice } from '../identity/device.js';
import { isolate, languageOf, loadFirstCatalog } from '../i18n/catalogs.js';
import enFirst from '../i18n/en-first.js';
import type { FirstTranslation } from '../i18n/first-translation.js';
import { applyLanguageDirection } from '../internal/direction.js';
import { summaryStyles } from '../summary/summary.styles.js';
import { checkoutStyles } from './checkout.styles.js';
import { PAINTED, type Painted, type PaintedElement } from './handover.js';
import { oneClickLabel, recallDevice, showsOneClick, type Recall } from './recall.js';

/** `<omni-checkout>` before it is defined: what the page set on it are plain own properties. */
type Pending = PaintedElement & { clientSecret?: unknown; fetch?: typeof fetch; publishableKey?: string; apiBase?: string; identity?: boolean };

/** What the painter keeps of one element: the hand-over, and what the shopper pressed before the shell arrived. */
type Painting = Painted & { node: HTMLElement | null; pressed: 'pay' | 'other' | null };

/**
 * Asks the backend what the element's first render needs, at once, for the shell to take over: the
 * recall on a remembered device, the session otherwise (so a guest's session is not asked only once
 * the shell has loaded). When the recall's answer is a one-click button, draws it. Answers whether
 * it drew (otherwise the shell shows what it shows).
 */
export async function paint(element: Pending): Promise<boolean> {
  // Each setting as the element will have it: the property the page set before the element was
  // defined (the React wrapper sets every one, Vue's `.prop` does; the element takes it over, and it
  // wins over the attribute), otherwise the attribute.
  const publishableKey = element.publishableKey ?? element.getAttribute('publishable-key') ?? '';
  const clientSecret = element.clientSecret;
  // Once only, and only before the element is defined (after, the element asks for itself).
  if (typeof clientSecret !== 'string' || !clientSecret || element.shadowRoot || element[PAINTED] || element.matches(':defined')) return false;
  const device = (element.identity ?? element.hasAttribute('identity')) ? rememberedDevice(publishableKey) : null;
  const backend = createBackendClient({
    apiBase: element.apiBase ?? element.getAttribute('api-base') ?? '',
    publishableKey,
    clientSecret,
    ...(element.fetch ? { fetch: element.fetch } : {}),
  });
  const answer: Promise<Recall> = device ? recallDevice(backend, device) : backend.getSession().then((session) => ({ session, recalled: null }));
  // The shell reports a failure (it awaits the same answer); nothing is left unhandled if it never asks.
  answer.catch(() => undefined);
  let handed = false;
  const painted: Painting = {
    node: null,
    pressed: null,
    recall: (secret, key) => (handed || secret !== clientSecret || key !== publishableKey ? null : ((handed = true), answer)),
    replace: (root) => replace(painted, root),
  };
  element[PAINTED] = painted;
  // Adopted style sheets are what keeps the painted DOM and the shell's identical; without them the shell draws.
  if (!device || !('adoptedStyleSheets' in Document.prototype)) return false;
  const lang = languageOf(element);
  applyLanguageDirection(element, lang);
  let recall: Recall, t: FirstTranslation;
  try {
    [recall, t] = await Promise.all([answer, loadFirstCatalog<FirstTranslation>(lang, enFirst)]);
  } catch {
    // The shell reports it (it awaits the same answer) and loads the catalog again.
    return false;
  }
  // Once the shell is defined it draws (it took the answer over); the painter draws only before.
  if (element.matches(':defined') || !showsOneClick(recall)) return false;
  draw(element, painted, recall, t, lang);
  return true;
}

function draw(element: HTMLElement, painted: Painting, { session, recalled }: Recall, t: FirstTranslation, lang: string): void {
  const money = (amount: number) => formatMoney({ amount, currency: session.currency }, lang);
  const total = money(session.totals.total);
  const root = adopt(element, checkoutStyles);
  const summary = h('div', { part: 'section summary', exportparts: 'line-item, total' });
  const row = (dt: string, dd: string, part?: string) => h('div', part ? { part } : {}, h('dt', {}, dt), h('dd', {}, dd));
  adopt(summary, summaryStyles).append(
    h(
      'section',
      { part: 'summary', 'aria-labelledby': 'heading' },
      h('h2', { id: 'heading' }, t.orderSummary),
      h('ul', { role: 'list' }, ...session.lineItems.map((item) => h('li', { part: 'line-item' }, h('span', {}, t.lineItem(isolate(item.name), item.quantity)), h('span', {}, money(item.amount))))),
      h(
        'dl',
        {},
        row(t.subtotal, money(session.totals.subtotal)),
        row(t.shipping, session.selectedShippingOptionId ? money(session.totals.shipping) : t.shippingNotChosen),
        row(t.total, total, 'total'),
      ),
    ),
  );
  const pay = h('button', { part: 'pay-button', type: 'button', 'aria-disabled': 'false' }, oneClickLabel(t, total, recalled!));
  const other = h('button', { class: 'link', type: 'button' }, t.identity.useOtherDetails);
  // Pressed before the shell arrived: the shell carries it out once it has taken over.
  pay.addEventListener('click', () => {
    if (painted.pressed) return;
    painted.pressed = 'pay';
    pay.setAttribute('aria-disabled', 'true');
    pay.textContent = t.paying(total);
  });
  other.addEventListener('click', () => (painted.pressed ??= 'other'));
  painted.node = h(
    'div',
    { part: 'base', class: 'painted' },
    summary,
    h('section', { part: 'section one-click', 'aria-labelledby': 'one-click-heading' }, h('h2', { id: 'one-click-heading' }, t.identity.welcomeBack), pay, other),
    h('p', { part: 'status', role: 'status' }),
    h('div', { part: 'error', role: 'alert' }),
  );
  root.append(painted.node);
}

function replace(painted: Painting, root: ShadowRoot): void {
  const focused = root.activeElement;
  painted.node!.remove();
  const button = (selector: string) => root.querySelector<HTMLButtonElement>(`[part~='one-click'] ${selector}`);
  if (focused && painted.node!.contains(focused)) button(focused.matches('.link') ? '.link' : `[part~='pay-button']`)?.focus();
  // A press before the shell arrived: the shell's same button is pressed.
  if (painted.pressed) button(painted.pressed === 'pay' ? `[part~='pay-button']` : '.link')?.click();
}

/** An open shadow root with the element's style sheets adopted, as Lit's `createRenderRoot` makes it (and later reuses). */
function adopt(element: HTMLElement, styles: readonly CSSResultOrNative[]): ShadowRoot {
  const root = element.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = styles.map((s) => (s instanceof CSSStyleSheet ? s : s.styleSheet!));
  return root;
}

/** An element with attributes and children (text through `textContent`, never markup). */
function h(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
