/**
 * A double of Stripe.js (`https://js.stripe.com/.../stripe.js`) for the e2e suite and component
 * tests, typed against `@stripe/stripe-js`. It implements what the adapter uses: `Stripe(key)`
 * (with or without `new`, with `Stripe.version`), `elements()` with the Payment Element and the
 * Express Checkout Element, `createPaymentMethod({ elements })`, `handleNextAction()`.
 *
 * Like Stripe.js, card fields live in a cross-origin iframe from js.stripe.com that talks to
 * api.stripe.com itself; the page only ever receives a `pm_...` id. Frames and page exchange
 * messages with an exact target origin, and each side checks the origin, the source window and
 * the message's shape (docs/security.md R7). The e2e suite serves the frames and forwards api.stripe.com
 * to the loopback fake (`page.route`).
 */
import type { PaymentIntent as Stripe_PaymentIntent } from '@stripe/stripe-js';
import type {
  Stripe,
  StripeConstructor,
  StripeElements,
  StripeElementsOptions,
  StripeError,
  StripeExpressCheckoutElement,
  StripePaymentElement,
} from '@stripe/stripe-js';

export const STRIPE_ORIGIN = 'https://js.stripe.com';
export const API_ORIGIN = 'https://api.stripe.com';
export const FRAME_SOURCE = 'omni-fake-stripe';

/**
 * Where the double's frames come from: js.stripe.com (the e2e suite serves them with `page.route()`),
 * or, where there is no network (Storybook), the base URL in `window.__omniFakeStripeFrames`, whose
 * origin then takes js.stripe.com's place in every origin check.
 */
const frameBase = (): URL => new URL(window.__omniFakeStripeFrames ?? `${STRIPE_ORIGIN}/v3/`, location.href);

/** Which wallets the double's Express Checkout Element reports (tests set `window.__omniFakeWallets`). */
export interface FakeWalletAvailability {
  applePay: boolean;
  googlePay: boolean;
  link: boolean;
}

/** The sheet the double plays when a wallet button is clicked (tests set `window.__omniFakeWalletSheet`). */
export interface FakeWalletSheet {
  readonly email: string;
  readonly address: { country: string; city: string; postal_code: string; line1: string; state?: string };
  /** A shipping rate the shopper switches to inside the sheet. */
  readonly shippingRateId?: string;
}

/** What the double recorded, for assertions (`window.__omniFakeStripe`). */
export interface FakeStripeRecord {
  keys: string[];
  elementsOptions: StripeElementsOptions[];
  updates: Record<string, unknown>[];
  mounts: { type: string; node: HTMLElement }[];
  created: number;
  /** Whether each wallet click resolved before the click handler returned (the sheet opened in the gesture). */
  clicks: { wallet: string; synchronous: boolean }[];
}

type Listener = (event: never) => void;
type Stripe_NextAction = NonNullable<Stripe_PaymentIntent['next_action']> & {
  redirect_to_url?: { url: string | null };
  alipay_handle_redirect?: { url: string | null };
};
type FrameMessage = { source: typeof FRAME_SOURCE; type: string; id?: number; [key: string]: unknown };

declare global {
  interface Window {
    __omniFakeWallets?: FakeWalletAvailability;
    __omniFakeWalletSheet?: FakeWalletSheet;
    __omniFakeStripe?: FakeStripeRecord;
    __omniFakeStripeFrames?: string;
  }
}

const record = (): FakeStripeRecord =>
  (window.__omniFakeStripe ??= { keys: [], elementsOptions: [], updates: [], mounts: [], created: 0, clicks: [] });

function isFrameMessage(event: MessageEvent, frame: HTMLIFrameElement | null): event is MessageEvent<FrameMessage> {
  return (
    event.origin === frameBase().origin &&
    frame !== null &&
    event.source === frame.contentWindow &&
    typeof event.data === 'object' &&
    event.data !== null &&
    (event.data as FrameMessage).source === FRAME_SOURCE &&
    typeof (event.data as FrameMessage).type === 'string'
  );
}

async function api<T>(key: string, method: 'GET' | 'POST', path: string, body?: URLSearchParams): Promise<{ ok: true; value: T } | { ok: false; error: StripeError }> {
  const response = await fetch(`${API_ORIGIN}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(body ? { body } : {}),
  });
  const json = (await response.json()) as T & { error?: StripeError };
  return response.ok ? { ok: true, value: json } : { ok: false, error: json.error ?? ({ type: 'api_error', message: 'error' } as StripeError) };
}

class Emitter {
  readonly #listeners = new Map<string, Set<Listener>>();
  on(type: string, listener: Listener): this {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type)!.add(listener);
    return this;
  }
  off(type: string, listener?: Listener): this {
    if (listener) this.#listeners.get(type)?.delete(listener);
    else this.#listeners.delete(type);
    return this;
  }
  once(type: string, listener: Listener): this {
    const wrapped = ((event: never) => {
      this.off(type, wrapped);
      listener(event);
    }) as Listener;
    return this.on(type, wrapped);
  }
  emit(type: string, event: unknown): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) (listener as (e: unknown) => void)(event);
  }
}

/** The Payment Element: an iframe with the card fields, from js.stripe.com. */
class FakePaymentElement extends Emitter {
  frame: HTMLIFrameElement | null = null;
  complete = false;
  readonly #pending = new Map<number, (message: FrameMessage) => void>();
  #next = 0;
  #onMessage = (event: MessageEvent) => {
    if (!isFrameMessage(event, this.frame)) return;
    const message = event.data;
    if (message.type === 'ready') this.emit('ready', { elementType: 'payment' });
    if (message.type === 'change') {
      this.complete = message.complete === true;
      this.emit('change', { elementType: 'payment', complete: this.complete, empty: message.empty === true, collapsed: false, value: { type: typeof message.value === 'string' ? message.value : 'card' } });
    }
    if (typeof message.id === 'number') this.#pending.get(message.id)?.(message);
  };
  constructor(
    private readonly key: string,
    private readonly appearance: StripeElementsOptions['appearance'] = {},
    /** The Payment Element's tabs (`paymentMethodTypes` of `elements()`); cards alone without. */
    private readonly types: readonly string[] = ['card'],
  ) {
    super();
  }
  mount(target: string | HTMLElement): void {
    const node = typeof target === 'string' ? document.querySelector<HTMLElement>(target)! : target;
    record().mounts.push({ type: 'payment', node });
    const frame = document.createElement('iframe');
    frame.title = 'Secure payment input frame';
    frame.setAttribute('allow', 'payment *');
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.height = '300px';
    // Like Stripe, the frame draws its fields with the Appearance API's variables (colours, font, radius, spacing).
    const variables = JSON.stringify(this.appearance?.variables ?? {});
    frame.src = `${new URL('omni-fake-payment.html', frameBase())}#${new URLSearchParams({ origin: location.origin, key: this.key, variables, types: this.types.join(',') })}`;
    this.frame = frame;
    window.addEventListener('message', this.#onMessage);
    node.append(frame);
  }
  /** Asks the frame; resolves with its answer. */
  ask(type: string, extra: Record<string, unknown> = {}): Promise<FrameMessage> {
    const id = ++this.#next;
    return new Promise((resolve) => {
      this.#pending.set(id, (message) => {
        this.#pending.delete(id);
        resolve(message);
      });
      this.frame?.contentWindow?.postMessage({ source: FRAME_SOURCE, type, id, ...extra }, frameBase().origin);
    });
  }
  update(options: { readOnly?: boolean }): void {
    record().updates.push({ element: 'payment', ...options });
    void this.ask('readonly', { readOnly: options.readOnly === true });
  }
  focus(): void {
    this.frame?.focus();
  }
  blur(): void {}
  clear(): void {}
  unmount(): void {
    this.frame?.remove();
  }
  destroy(): void {
    window.removeEventListener('message', this.#onMessage);
    this.frame?.remove();
    this.frame = null;
  }
}

/** The Express Checkout Element: one button per available wallet; the wallet "sheet" is played by the double. */
class FakeExpressElement extends Emitter {
  readonly #container = document.createElement('div');
  constructor(private readonly group: FakeElements) {
    super();
  }
  mount(target: string | HTMLElement): void {
    const node = typeof target === 'string' ? document.querySelector<HTMLElement>(target)! : target;
    record().mounts.push({ type: 'expressCheckout', node });
    const available: FakeWalletAvailability = window.__omniFakeWallets ?? { applePay: 'ApplePaySession' in window, googlePay: false, link: true };
    const labels = { applePay: 'Apple Pay', googlePay: 'Google Pay', link: 'Link' } as const;
    for (const wallet of ['applePay', 'googlePay', 'link'] as const) {
      if (!available[wallet]) continue;
      // Stripe renders each button in its own frame; the double keeps them in page for the test to click.
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Pay with ${labels[wallet]}`;
      button.addEventListener('click', () => this.#click(wallet));
      this.#container.append(button);
    }
    node.append(this.#container);
    queueMicrotask(() => this.emit('ready', { elementType: 'expressCheckout', availablePaymentMethods: { ...available, amazonPay: false, paypal: false, klarna: false } }));
  }
  #click(wallet: string): void {
    let resolved: Record<string, unknown> | null = null;
    this.emit('click', { elementType: 'expressCheckout', expressPaymentType: wallet, resolve: (details: Record<string, unknown> = {}) => (resolved = details), reject: () => {} });
    // A wallet sheet must open inside the user gesture: resolve() after an await is too late.
    record().clicks.push({ wallet, synchronous: resolved !== null });
    if (resolved === null) {
      console.error(`[fake Stripe.js] ${wallet} sheet not opened: the click event was not resolved synchronously`);
      return;
    }
    void this.#playSheet(resolved);
  }
  async #playSheet(details: Record<string, unknown>): Promise<void> {
    const sheet = window.__omniFakeWalletSheet ?? { email: 'wallet@example.com', address: { country: 'DE', city: 'Berlin', postal_code: '10117', line1: 'Unter den Linden 1' } };
    const change = (type: string, payload: Record<string, unknown>) =>
      new Promise<Record<string, unknown> | null>((resolve) => this.emit(type, { ...payload, resolve: (d: Record<string, unknown> = {}) => resolve(d), reject: () => resolve(null) }));
    let rates = (details.shippingRates as { id: string; amount: number }[] | undefined) ?? [];
    if (details.shippingAddressRequired) {
      const { line1: _line1, ...partial } = sheet.address;
      const answer = await change('shippingaddresschange', { name: 'Wallet Shopper', address: partial });
      if (!answer) return;
      rates = (answer.shippingRates as typeof rates | undefined) ?? rates;
      if (sheet.shippingRateId) {
        const rate = rates.find((r) => r.id === sheet.shippingRateId);
        if (rate && !(await change('shippingratechange', { shippingRate: rate }))) return;
      }
    }
    let failed = false;
    this.emit('confirm', {
      elementType: 'expressCheckout',
      expressPaymentType: 'google_pay',
      billingDetails: { name: 'Wallet Shopper', email: sheet.email },
      shippingAddress: { name: 'Wallet Shopper', address: { ...sheet.address, line2: null } },
      paymentFailed: () => (failed = true),
    });
    this.group.walletConfirmed = () => failed;
  }
  update(): void {}
  unmount(): void {
    this.#container.remove();
  }
  destroy(): void {
    this.#container.remove();
  }
}

class FakeElements {
  payment: FakePaymentElement | null = null;
  express: FakeExpressElement | null = null;
  walletConfirmed: (() => boolean) | null = null;
  constructor(
    readonly key: string,
    readonly options: StripeElementsOptions,
  ) {
    record().elementsOptions.push(options);
  }
  create(type: 'payment' | 'expressCheckout'): FakePaymentElement | FakeExpressElement {
    record().created += 1;
    if (type === 'payment') {
      const types = (this.options as { paymentMethodTypes?: string[] }).paymentMethodTypes;
      return (this.payment = new FakePaymentElement(this.key, this.options.appearance, types?.length ? types : ['card']));
    }
    return (this.express = new FakeExpressElement(this));
  }
  getElement(type: string): FakePaymentElement | FakeExpressElement | null {
    return type === 'payment' ? this.payment : this.express;
  }
  update(options: Partial<StripeElementsOptions>): void {
    record().updates.push({ elements: true, ...options });
  }
  async submit(): Promise<{ error?: StripeError }> {
    if (!this.payment) return {};
    const answer = await this.payment.ask('validate');
    return answer.error ? { error: answer.error as StripeError } : {};
  }
  fetchUpdates(): Promise<{ error?: StripeError }> {
    return Promise.resolve({});
  }
}

function makeStripe(key: string): Pick<Stripe, 'elements' | 'createPaymentMethod' | 'handleNextAction' | 'retrievePaymentIntent'> {
  if (typeof key !== 'string' || !key.startsWith('pk_')) {
    throw new Error('IntegrationError: Invalid value for Stripe(): apiKey should be a publishable key (pk_...).');
  }
  record().keys.push(key);
  const stripe = {
    elements(options?: StripeElementsOptions) {
      const mode = options as { mode?: string; amount?: unknown; currency?: unknown } | undefined;
      if (mode?.mode === 'payment' && (!Number.isInteger(mode.amount) || typeof mode.currency !== 'string')) {
        throw new Error('IntegrationError: In payment mode, elements() needs an integer `amount` and a `currency`.');
      }
      return new FakeElements(key, options ?? {}) as unknown as StripeElements;
    },
    async createPaymentMethod(options: { elements?: StripeElements }) {
      const group = options.elements as unknown as FakeElements | undefined;
      if (!group) return { error: { type: 'invalid_request_error', message: 'IntegrationError: pass `elements`.' } as StripeError };
      if (group.payment) {
        const answer = await group.payment.ask('create');
        if (answer.error) return { error: answer.error as StripeError };
        return { paymentMethod: { id: String(answer.paymentMethod), object: 'payment_method', type: typeof answer.method === 'string' ? answer.method : 'card' } };
      }
      // A wallet: Stripe tokenises the card from the wallet; the double uses a test card.
      const body = new URLSearchParams({ type: 'card', 'card[number]': '4242424242424242', 'card[exp_month]': '12', 'card[exp_year]': '2040', 'card[cvc]': '123' });
      const made = await api<{ id: string }>(key, 'POST', '/v1/payment_methods', body);
      return made.ok ? { paymentMethod: { id: made.value.id, object: 'payment_method' } } : { error: made.error };
    },
    async handleNextAction({ clientSecret }: { clientSecret: string }) {
      if (typeof clientSecret !== 'string' || !/^pi_[^_]+_secret_/.test(clientSecret)) {
        return { error: { type: 'invalid_request_error', code: 'parameter_missing', message: 'IntegrationError: handleNextAction needs a PaymentIntent client secret.' } as StripeError };
      }
      const piId = clientSecret.split('_secret_')[0]!;
      const read = () =>
        api<{ id: string; status: string; last_payment_error: unknown; next_action: Stripe_NextAction | null }>(key, 'GET', `/v1/payment_intents/${piId}?client_secret=${encodeURIComponent(clientSecret)}`);
      const first = await read();
      if (!first.ok) return { error: first.error };
      if (first.value.status !== 'requires_action') {
        return { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent does not need an action.' } as StripeError };
      }
      const next = first.value.next_action;
      // Redirect-based methods: Stripe.js sends the page to the bank's (or Klarna's, Alipay's) page; it
      // comes back to the confirmation's return_url. The promise never settles, as the page is left.
      const away = next?.type === 'redirect_to_url' ? next.redirect_to_url?.url : next?.type === 'alipay_handle_redirect' ? next.alipay_handle_redirect?.url : null;
      if (away) {
        location.assign(away);
        return new Promise<never>(() => {});
      }
      if (next?.type === 'blik_authorize') {
        // BLIK: the shopper approves in the bank app; Stripe.js polls the intent until it leaves requires_action.
        let now: Awaited<ReturnType<typeof read>> = first;
        while (now.ok && now.value.status === 'requires_action') {
          await new Promise((resolve) => setTimeout(resolve, 500));
          now = await read();
        }
      } else {
        await challenge(piId);
      }
      const after = await read();
      if (!after.ok) return { error: after.error };
      // As Stripe.js resolves a failed authentication: an error carrying the intent, no paymentIntent.
      if (after.value.status === 'requires_payment_method') {
        const failure = (after.value.last_payment_error ?? {}) as { message?: string };
        return {
          error: {
            type: 'invalid_request_error',
            code: 'payment_intent_authentication_failure',
            message: failure.message ?? 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
            payment_intent: after.value,
          } as unknown as StripeError,
        };
      }
      return { paymentIntent: after.value };
    },
    async retrievePaymentIntent(clientSecret: string) {
      const piId = clientSecret.split('_secret_')[0]!;
      const read = await api<{ id: string }>(key, 'GET', `/v1/payment_intents/${piId}?client_secret=${encodeURIComponent(clientSecret)}`);
      return read.ok ? { paymentIntent: read.value } : { error: read.error };
    },
  };
  return stripe as unknown as Pick<Stripe, 'elements' | 'createPaymentMethod' | 'handleNextAction' | 'retrievePaymentIntent'>;
}

/** The bank's 3-D Secure page, in a modal frame from js.stripe.com; resolves when the shopper decided. */
function challenge(paymentIntent: string): Promise<void> {
  return new Promise((resolve) => {
    const overlay = document.createElement('div');
    for (const [property, value] of Object.entries({ position: 'fixed', inset: '0', background: 'rgba(0,0,0,.4)', display: 'grid', placeItems: 'center', zIndex: '2147483647' })) {
      overlay.style.setProperty(property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value);
    }
    const frame = document.createElement('iframe');
    frame.title = '3D Secure authentication';
    frame.style.width = '400px';
    frame.style.height = '300px';
    frame.style.border = '0';
    frame.style.background = 'white';
    frame.src = `${new URL('omni-fake-3ds.html', frameBase())}#${new URLSearchParams({ origin: location.origin, pi: paymentIntent })}`;
    const onMessage = (event: MessageEvent) => {
      if (!isFrameMessage(event, frame) || event.data.type !== '3ds-done') return;
      window.removeEventListener('message', onMessage);
      overlay.remove();
      resolve();
    };
    window.addEventListener('message', onMessage);
    overlay.append(frame);
    document.body.append(overlay);
  });
}

/** `Stripe(key)` or `new Stripe(key)`, as the real constructor allows. */
export const FakeStripe = function FakeStripe(this: unknown, key: string) {
  return makeStripe(key);
} as unknown as StripeConstructor & { version: number | string };
/** The release train `@stripe/stripe-js` expects (it warns about any other). */
FakeStripe.version = 'endive';

export type FakeStripeTyped = ReturnType<typeof makeStripe>;
export type { StripePaymentElement, StripeExpressCheckoutElement };
