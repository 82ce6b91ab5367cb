/**
 * The in-store kiosk (examples/kiosk/README.md). Staff tap products into a cart on a touch screen;
 * "Checkout" asks the shop's server for a checkout session of channel `kiosk` (priced from the
 * shop's own catalogue, for the chosen market), and the shopper pays on their own phone: either
 * they scan the QR code of `<omni-handoff>` (the kiosk follows the payment live and gets
 * `omni-complete` once), or staff send them the link by text message (a single-use payment link
 * sent through the backend's outbox; the kiosk follows the link's state). Once paid, the kiosk
 * says so and resets itself for the next shopper. The kiosk never takes a card itself and never
 * holds the merchant's secret key: the client secret is handed to the element as a property only.
 */
import '@omni-checkout/elements/handoff/define';
import { formatMoney } from '@omni-checkout/core/money';
import { MARKETS, MAX_QUANTITY, PRODUCTS, priceIn, type Market } from '../../shop/src/catalogue.js';
import { productText } from '../../shop/src/product-text.js';
import { orderReference } from '../../shop/src/order-reference.js';
import './kiosk.css';

/** How long the "Paid" screen stays before the kiosk is ready for the next shopper. */
export const RESET_SECONDS = 8;

interface KioskStart {
  readonly sessionId: string;
  readonly clientSecret: string;
  readonly publishableKey: string;
  readonly apiBase: string;
}

type View = 'cart' | 'pay' | 'paid';

const $ = <T extends Element>(selector: string): T => document.querySelector<T>(selector)!;
const main = $<HTMLElement>('main');
const marketSelect = $<HTMLSelectElement>('[data-market]');
const productList = $<HTMLUListElement>('[data-products]');
const lineList = $<HTMLUListElement>('[data-lines]');
const empty = $<HTMLParagraphElement>('[data-empty]');
const total = $<HTMLElement>('[data-total]');
const checkoutButton = $<HTMLButtonElement>('[data-checkout]');
const problem = $<HTMLParagraphElement>('[data-problem]');
const handoffSlot = $<HTMLDivElement>('[data-handoff]');
const smsForm = $<HTMLFormElement>('[data-sms]');
const live = $<HTMLParagraphElement>('[data-live]');
const paidDetail = $<HTMLParagraphElement>('[data-paid-detail]');
const resetIn = $<HTMLParagraphElement>('[data-reset-in]');

let market: Market = MARKETS[0]!;
/** Product id → quantity. */
const cart = new Map<string, number>();
/** Everything the current shopper's payment runs (the element's stream, the link's polling, the reset timer). */
let running = new AbortController();

/** An amount in the market's currency, written for the staff (the kiosk's own words are English). */
const money = (amount: number): string => formatMoney({ amount, currency: market.currency }, 'en-IE');
const name = (productId: string): string => productText(PRODUCTS.find((p) => p.id === productId)!, 'en').name;
const cartTotal = (): number => [...cart].reduce((sum, [id, quantity]) => sum + priceIn(PRODUCTS.find((p) => p.id === id)!.unitAmount, market) * quantity, 0);
const items = () => [...cart].map(([productId, quantity]) => ({ productId, quantity }));

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

function show(view: View): void {
  main.dataset.view = view;
  for (const section of document.querySelectorAll<HTMLElement>('[data-when]')) section.hidden = section.dataset.when !== view;
}

// ── The cart ──────────────────────────────────────────────────────────────────────────────────

function renderProducts(): void {
  productList.replaceChildren(
    ...PRODUCTS.map((product) => {
      const button = el(
        'button',
        { type: 'button', class: 'product' },
        el('img', { src: product.image, alt: '', width: '160', height: '120' }),
        el('span', { class: 'product__name' }, name(product.id)),
        el('span', { class: 'product__price' }, money(priceIn(product.unitAmount, market))),
      );
      button.setAttribute('aria-label', `Add ${name(product.id)}, ${money(priceIn(product.unitAmount, market))}`);
      button.addEventListener('click', () => setQuantity(product.id, (cart.get(product.id) ?? 0) + 1));
      return el('li', {}, button);
    }),
  );
}

function setQuantity(productId: string, quantity: number): void {
  if (quantity <= 0) cart.delete(productId);
  else cart.set(productId, Math.min(quantity, MAX_QUANTITY));
  renderCart();
}

function renderCart(): void {
  lineList.replaceChildren(
    ...[...cart].map(([productId, quantity]) => {
      const less = el('button', { type: 'button', class: 'step', 'aria-label': `One ${name(productId)} less` }, '−');
      const more = el('button', { type: 'button', class: 'step', 'aria-label': `One ${name(productId)} more` }, '+');
      less.addEventListener('click', () => setQuantity(productId, quantity - 1));
      more.addEventListener('click', () => setQuantity(productId, quantity + 1));
      if (quantity >= MAX_QUANTITY) more.disabled = true;
      const unit = priceIn(PRODUCTS.find((p) => p.id === productId)!.unitAmount, market);
      return el(
        'li',
        { class: 'line', 'data-product': productId },
        el('span', { class: 'line__name' }, name(productId)),
        el('span', { class: 'line__quantity' }, less, el('output', { 'aria-label': `Quantity of ${name(productId)}` }, String(quantity)), more),
        el('span', { class: 'line__amount' }, money(unit * quantity)),
      );
    }),
  );
  empty.hidden = cart.size > 0;
  total.textContent = money(cartTotal());
  checkoutButton.disabled = cart.size === 0;
}

function renderMarkets(): void {
  marketSelect.replaceChildren(...MARKETS.map((m) => el('option', { value: m.id }, m.name)));
  marketSelect.value = market.id;
  marketSelect.addEventListener('change', () => {
    market = MARKETS.find((m) => m.id === marketSelect.value) ?? MARKETS[0]!;
    renderProducts();
    renderCart();
  });
}

// ── Paying on the shopper's phone ─────────────────────────────────────────────────────────────

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const answer = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok || !answer) throw new Error(answer?.error?.message ?? 'The shop could not be reached. Try again.');
  return answer;
}

async function checkout(): Promise<void> {
  problem.textContent = '';
  checkoutButton.disabled = true;
  let start: KioskStart;
  try {
    start = await post<KioskStart>('/api/kiosk/checkout', { market: market.id, items: items() });
  } catch (error) {
    problem.textContent = (error as Error).message;
    checkoutButton.disabled = false;
    return;
  }
  running = new AbortController();
  $<HTMLElement>('[data-pay-total]').textContent = money(cartTotal());
  live.textContent = '';
  smsForm.reset();
  for (const control of smsForm.elements) (control as HTMLInputElement).disabled = false;

  // "Pay on your phone": the QR code and its live status, on its own (no checkout on the kiosk).
  const handoff = document.createElement('omni-handoff') as HTMLElement & { clientSecret: string };
  handoff.setAttribute('publishable-key', start.publishableKey);
  handoff.setAttribute('api-base', start.apiBase);
  // The shop's page that opens the link on the phone: the same page as the web shop's handoff.
  handoff.setAttribute('link-base', `${location.origin}/pay`);
  handoff.setAttribute('lang', market.lang);
  handoff.addEventListener(
    'omni-complete',
    (event) => {
      const { orderId, session } = event as Event & { orderId?: string; session?: { totals?: { total?: number } } };
      paid(orderId ?? '', session?.totals?.total);
    },
    { signal: running.signal },
  );
  handoff.clientSecret = start.clientSecret;
  handoffSlot.replaceChildren(handoff);
  show('pay');
}

/** Staff send the shopper the link by text: a single-use payment link for this cart, through the backend's outbox. */
async function sendText(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const input = smsForm.elements.namedItem('phone') as HTMLInputElement;
  const phone = input.value.replace(/[\s()-]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) {
    live.textContent = 'Enter the mobile number with its country code, e.g. +49 151 2345678.';
    input.focus();
    return;
  }
  live.textContent = 'Sending the link…';
  let sent: { link: string; to: string };
  try {
    sent = await post('/api/kiosk/text', { market: market.id, items: items(), phone });
  } catch (error) {
    live.textContent = (error as Error).message;
    return;
  }
  for (const control of smsForm.elements) (control as HTMLInputElement).disabled = true;
  live.textContent = `Link sent to ${sent.to}. Waiting for the payment…`;
  void followLink(sent.link, running.signal);
}

/** The link's state, each second, until it is paid (or the shopper is cancelled). */
async function followLink(link: string, signal: AbortSignal): Promise<void> {
  let opened = false;
  while (!signal.aborted) {
    const response = await fetch(`/api/kiosk/links/${encodeURIComponent(link)}`, { signal, credentials: 'same-origin' }).catch(() => null);
    const state = (await response?.json().catch(() => null)) as { state: string; sessions: number } | null;
    if (state?.state === 'paid') return paid('', undefined);
    if (state && state.sessions > 0 && !opened) {
      opened = true;
      live.textContent = 'The link was opened on the phone. Waiting for the payment…';
    }
    if (state && (state.state === 'expired' || state.state === 'disabled')) {
      live.textContent = 'The link can no longer be paid. Cancel and start again.';
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** The payment arrived (the order, and what was paid with the delivery the shopper chose, when known). */
function paid(orderId: string, amount: number | undefined): void {
  if (main.dataset.view !== 'pay') return;
  running.abort();
  paidDetail.textContent = orderId && amount !== undefined ? `Order ${orderReference(orderId)} · ${money(amount)}` : 'Paid through the link sent by text.';
  show('paid');
  $<HTMLElement>('#paid-title').focus();
  let left = RESET_SECONDS;
  const tick = () => {
    resetIn.textContent = `Ready for the next shopper in ${left} s.`;
    if (left-- <= 0) nextShopper();
  };
  tick();
  const timer = setInterval(tick, 1_000);
  running = new AbortController();
  running.signal.addEventListener('abort', () => clearInterval(timer));
}

function nextShopper(): void {
  running.abort();
  handoffSlot.replaceChildren();
  cart.clear();
  renderCart();
  show('cart');
}

renderMarkets();
renderProducts();
renderCart();
show('cart');
checkoutButton.addEventListener('click', () => void checkout());
$<HTMLButtonElement>('[data-clear]').addEventListener('click', () => {
  cart.clear();
  renderCart();
});
$<HTMLButtonElement>('[data-cancel]').addEventListener('click', () => {
  running.abort();
  handoffSlot.replaceChildren();
  show('cart');
  renderCart();
});
$<HTMLButtonElement>('[data-next]').addEventListener('click', nextShopper);
smsForm.addEventListener('submit', (event) => void sendText(event));
