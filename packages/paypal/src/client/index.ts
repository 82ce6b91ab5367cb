/**
 * Client half of the PayPal provider: PayPal, Pay Later and Venmo buttons rendered by PayPal's JS
 * SDK into light-DOM containers (PayPal's iframes refuse shadow roots), Pay Later messaging, and
 * the same buttons as express wallets.
 *
 * The SDK loads only when the buttons are about to be visible, once per configuration
 * (`loader.ts`). Every PayPal callback asks the backend: the order is created from the live
 * session (`context.prepare`, never an amount from the page), a shipping change in the PayPal
 * window re-prices the session and the order, and an approval is confirmed like any payment
 * (`context.submit`). When PayPal declines the funding source at capture (`INSTRUMENT_DECLINED`),
 * the PayPal window opens again so the buyer can pick another.
 */
import type { FUNDING_SOURCE, PayPalButtonsComponent, PayPalButtonsComponentOptions, PayPalNamespace } from '@paypal/paypal-js';
import type {
  ClientProvider,
  ClientProviderContext,
  ExpressWallet,
  MountedPaymentFields,
  PaymentFieldsChange,
  SubmitOutcome,
  WalletAvailability,
} from '@omni-checkout/core/provider';
import type { CheckoutSession, PaymentMethodType } from '@omni-checkout/core/types';
import { loadPayPal, paypalOf, sdkOptions } from './loader.js';

export { fundingFor, paypalLocale, sdkOptions, loadPayPal } from './loader.js';

/** The funding sources we render, in this order: PayPal first, Pay Later, then Venmo (US only). */
export const SOURCES = ['paypal', 'paylater', 'venmo'] as const satisfies readonly (ExpressWallet & FUNDING_SOURCE)[];
type Source = (typeof SOURCES)[number];

/** `19.99` from 1999 EUR cents, for Pay Later messaging. */
function major(session: CheckoutSession): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: session.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return ((session.amountDue || session.totals.total) / 10 ** digits).toFixed(digits);
}

/** Why PayPal did not offer a source, as the wallet-unavailable reason codes name it. */
function reasonFor(source: Source, session: CheckoutSession): Exclude<WalletAvailability, { available: true }>['reason'] {
  if (source === 'venmo') return session.currency !== 'USD' ? 'unsupported_currency' : session.country !== 'US' ? 'unsupported_country' : 'not_enabled';
  return 'not_enabled';
}

let bridges = 0;

/**
 * A node in the document's light DOM, shown where `container` is: PayPal's iframes refuse shadow
 * roots, so when the container sits in one (or several), a `<slot>` at each level carries the node
 * up from the document. Answers the node and a function removing every piece.
 */
export function lightNode(container: HTMLElement): { node: HTMLElement; remove(): void } {
  const doc = container.ownerDocument;
  const node = doc.createElement('div');
  const parts: Element[] = [node];
  let parent: Element = container;
  for (let root = parent.getRootNode(); root instanceof ShadowRoot; root = parent.getRootNode()) {
    node.slot ||= `omni-paypal-${++bridges}`;
    const slot = doc.createElement('slot');
    slot.name = node.slot;
    // Past the first level the slot is itself a light child of the next host: slot it onwards.
    if (parts.length > 1) slot.slot = node.slot;
    parent.append(slot);
    parts.push(slot);
    parent = root.host;
  }
  parent.append(node);
  return { node, remove: () => parts.forEach((part) => part.remove()) };
}

function element(container: HTMLElement, className: string): HTMLElement {
  const el = container.ownerDocument.createElement('div');
  el.className = className;
  container.append(el);
  return el;
}

export interface Handlers {
  /** Approved in the PayPal window: `declined` reopens it so the buyer can choose another funding source. */
  approve(orderId: string, order: () => Promise<unknown>): Promise<'succeeded' | 'failed' | 'declined'>;
  cancel(): void;
  /** Express only: `{ express: true }` on prepare, and extra button options (shipping changes in the PayPal window). */
  express?: (prepare: () => Promise<string>) => PayPalButtonsComponentOptions;
  /** `onClick`: false keeps the PayPal window closed (e.g. the checkout form is incomplete). */
  ready?(): Promise<boolean>;
}

/**
 * Renders one button per eligible source into `container`. Answers which rendered, and a function
 * that closes them.
 */
export async function renderButtons(
  paypal: PayPalNamespace,
  container: HTMLElement,
  sources: readonly Source[],
  ctx: ClientProviderContext,
  handlers: Handlers,
): Promise<{ availability: WalletAvailability[]; close(): void }> {
  const rendered: PayPalButtonsComponent[] = [];
  const availability: WalletAvailability[] = [];
  // The theme mapping loads with the buttons (a lazy chunk), so the adapter stays within 3 KB.
  const { buttonStyleFor } = await import('./style.js');
  // The methods the backend gives PayPal in this market (the markets table), when it says.
  const offered = paypalOf(ctx.session).methods;
  for (const source of sources) {
    if (offered && !offered.includes(source)) {
      availability.push({ wallet: source, available: false, reason: reasonFor(source, ctx.session) });
      continue;
    }
    const method: PaymentMethodType = source;
    let reference: string | undefined;
    const prepare = async () => {
      reference = (await ctx.prepare!({ method, ...(handlers.express ? { express: true } : {}), ...(reference ? { reference } : {}) })).reference;
      return reference;
    };
    const options: PayPalButtonsComponentOptions = {
      fundingSource: source,
      // Shape, height and colour from the --omni-* theme (style.ts), as Stripe's Appearance API gets it.
      style: buttonStyleFor(container, source),
      onClick: async (_data, actions) => ((await (handlers.ready?.() ?? true)) ? actions.resolve() : actions.reject()),
      // A new order per click, from the live session (never totals cached in the page).
      createOrder: () => {
        reference = undefined;
        return prepare();
      },
      onApprove: async (data, actions) => {
        const outcome = await handlers.approve(data.orderID, async () => actions.order?.get());
        if (outcome === 'declined') actions.restart();
      },
      onCancel: () => handlers.cancel(),
      onError: () => handlers.cancel(),
      ...handlers.express?.(prepare),
    };
    const buttons = paypal.Buttons!(options);
    if (!buttons.isEligible()) {
      availability.push({ wallet: source, available: false, reason: reasonFor(source, ctx.session) });
      continue;
    }
    await buttons.render(element(container, `omni-paypal-${source}`));
    rendered.push(buttons);
    availability.push({ wallet: source, available: true });
  }
  return {
    availability,
    close: () => {
      for (const buttons of rendered) void buttons.close().catch(() => undefined);
      container.replaceChildren();
    },
  };
}

/**
 * Keeps buttons (and messages) rendered for the session: renders when the container is near the
 * viewport, and renders again when the SDK configuration changes (currency, intent).
 */
export function keepRendered(container: HTMLElement, ctx: ClientProviderContext, draw: (paypal: PayPalNamespace, ctx: ClientProviderContext) => Promise<() => void>) {
  let context = ctx;
  let key = '';
  let close = () => {};
  let run = Promise.resolve();
  const render = () =>
    (run = run.then(async () => {
      const options = sdkOptions(context);
      const next = JSON.stringify(options);
      if (next === key) return;
      key = next;
      const paypal = await loadPayPal(options);
      close();
      close = await draw(paypal, context);
    }));
  return {
    start: async () => {
      // The host's gate: the SDK loads only when the buttons are about to be visible.
      await ctx.nearViewport?.(container);
      await render();
    },
    update(session: CheckoutSession) {
      context = { ...context, session };
      void render().catch(() => undefined);
    },
    destroy() {
      key = 'destroyed';
      run = run.then(() => close());
    },
  };
}

async function mountPaymentFields(container: HTMLElement, ctx: ClientProviderContext): Promise<MountedPaymentFields> {
  const listeners = new Set<(change: PaymentFieldsChange) => void>();
  const emit = (change: PaymentFieldsChange) => listeners.forEach((listener) => listener(change));
  let disabled = false;
  const light = lightNode(container);
  const messages = element(light.node, 'omni-paypal-messages');
  const buttons = element(light.node, 'omni-paypal-buttons');
  const view = keepRendered(container, ctx, async (paypal, current) => {
    const drawn = await renderButtons(paypal, buttons, SOURCES, current, {
      ready: async () => !disabled && (await (current.ready?.() ?? Promise.resolve(true))),
      async approve(orderId) {
        const outcome: SubmitOutcome = current.submit ? await current.submit(orderId) : { status: 'failed', code: 'provider_error', message: '' };
        return outcome.status === 'succeeded' ? 'succeeded' : outcome.declineCode === 'instrument_declined' ? 'declined' : 'failed';
      },
      cancel: () => emit({ complete: false, empty: true, error: { code: 'authentication_canceled', message: '' } }),
    });
    // Pay Later messaging under the buttons' amount, when PayPal offers Pay Later here.
    const payLater = drawn.availability.some((a) => a.wallet === 'paylater' && a.available);
    if (payLater && paypal.Messages) {
      await paypal.Messages({ amount: major(current.session), currency: current.session.currency as 'EUR', placement: 'payment', style: { layout: 'text' } }).render(messages);
    }
    return () => {
      drawn.close();
      messages.replaceChildren();
    };
  });
  await view.start();
  return {
    ownButton: true,
    async createPaymentMethod() {
      return { error: { code: 'use_paypal_button', message: '' } };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update: (session) => view.update(session),
    setDisabled(value) {
      disabled = value;
      light.node.toggleAttribute('inert', value);
    },
    focus() {
      light.node.querySelector<HTMLElement>('iframe, button')?.focus();
    },
    destroy() {
      listeners.clear();
      view.destroy();
      light.remove();
    },
  };
}

/** The PayPal provider's client half: `registerProvider('paypal', () => import('@omni-checkout/paypal/client'))`. */
export const paypalProvider: ClientProvider = {
  id: 'paypal',
  mountPaymentFields,
  // PayPal has no challenge of ours to run: its own window handles the buyer's approval.
  handleNextAction: async () => ({ status: 'canceled' }),
  // Only `<omni-express>` needs the express handlers: they load with it.
  express: { mount: async (...args) => (await import('./express.js')).mountExpress(...args) },
};

export default paypalProvider;
