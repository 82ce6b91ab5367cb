/**
 * `@omni-checkout/elements/checkout/first`: `<omni-checkout>` with a returning shopper's one-click
 * button painted before Lit loads (docs/architecture.md, "The painted first render").
 *
 * It watches the document for `<omni-checkout>` elements (those in the page and those added later),
 * paints the summary and the one-click button into each one on a remembered device, and then loads
 * the element itself (`define.ts`, with Lit): at once on a site where no device is remembered (a
 * guest), after the button showed for a returning shopper. The client secret may be set before or
 * after the element is inserted. The element is defined asynchronously: a page that uses the class
 * or its methods at once, or puts the element inside another shadow root, imports `checkout/define`.
 * On a server (SSR) importing it does nothing.
 */
import { anyRememberedDevice } from '../identity/device.js';
import { paint } from './paint.js';

let shell: Promise<unknown> | null = null;
const loadShell = (): Promise<unknown> => (shell ??= import('./define.js'));

const seen = new WeakSet<Element>();

/** After the next frame: the painted button is on the screen before anything else loads. */
const afterPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

function start(element: HTMLElement): void {
  void paint(element)
    .then((drawn) => (drawn ? afterPaint() : undefined))
    .finally(loadShell);
}

function found(element: Element): void {
  if (seen.has(element) || customElements.get('omni-checkout')) return;
  seen.add(element);
  const pending = element as HTMLElement & { clientSecret?: unknown };
  if (pending.clientSecret || !anyRememberedDevice()) return start(pending);
  // A remembered device, and the page sets the client secret later (it asks its server for it once the
  // element is in the page): the paint starts when it does, a microtask after, once the page's setup is done.
  let secret: unknown;
  Object.defineProperty(pending, 'clientSecret', {
    configurable: true,
    enumerable: true,
    get: () => secret,
    set(value: unknown) {
      secret = value;
      if (!value) return;
      // A plain property again, as the element takes it over when it is defined.
      delete pending.clientSecret;
      pending.clientSecret = value;
      queueMicrotask(() => start(pending));
    },
  });
}

function visit(node: Element | Document): void {
  if (node instanceof Element && node.localName === 'omni-checkout') found(node);
  node.querySelectorAll('omni-checkout').forEach(found);
}

// In a server render there is no document (the React wrapper imports this module there too, as a
// server renders the page's components): nothing to paint, nothing to load.
if (typeof document !== 'undefined') {
  // No device remembered on this site (a guest): nothing will be painted, so the shell loads at once,
  // beside the page's own work, as `checkout/define` would.
  if (!anyRememberedDevice()) void loadShell();

  if (!customElements.get('omni-checkout')) {
    // A microtask after each insertion: what the page set before inserting (the client secret) is there.
    const observer = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) visit(node);
    });
    observer.observe(document, { childList: true, subtree: true });
    void customElements.whenDefined('omni-checkout').then(() => observer.disconnect());
    visit(document);
  }
}

export type { OmniCheckout } from './checkout.js';
