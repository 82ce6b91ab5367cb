/**
 * A double of PayPal's JS SDK (`https://www.paypal.com/sdk/js?…`), typed against
 * `@paypal/paypal-js`'s `PayPalNamespace`. Tests serve it with `page.route()` (see
 * `sdk-double-route.ts`); after its types are stripped it is a classic script with no imports.
 *
 * It renders one button per eligible funding source (Venmo only for USD with buyer country US,
 * Pay Later for the currencies PayPal offers it in), Pay Later messages, and, when a button is
 * clicked, stands in for the PayPal window: a modal dialog where the buyer picks a funding source
 * (one of them is declined at capture), an address and a shipping option (express), then pays or
 * cancels. What the buyer does there reaches PayPal's side as it would for real: the dialog posts
 * it to `https://www.sandbox.paypal.com/__double/…`, which the test routes to the REST fake.
 *
 * Each execution adds its URL and nonce to `window.__paypalDoubleLoads`, so tests can count copies.
 *
 * Like the real SDK, it injects a `<style>` beside each button it renders, carrying the nonce from
 * its script's `data-csp-nonce` attribute (PayPal's CSP guidance): under the shop's strict policy a
 * missing or wrong nonce blocks that style and raises a CSP violation, as it would with PayPal.
 */
import type {
  FUNDING_SOURCE,
  OrderResponseBody,
  PayPalButtonsComponent,
  PayPalButtonsComponentOptions,
  PayPalMessagesComponentOptions,
  PayPalNamespace,
} from '@paypal/paypal-js';

interface DoubleLoad {
  readonly url: string;
  readonly nonce: string;
}

declare global {
  interface Window {
    __paypalDoubleLoads?: DoubleLoad[];
  }
}

/**
 * Installs the double as if PayPal's SDK had just run from `script` (its URL gives the currency,
 * buyer country and funding sources). Storybook calls it directly (no network there); served as a
 * classic script, the double runs it for its own `<script>`.
 */
export function installPayPalDouble(script: { readonly src: string; readonly nonce?: string; readonly cspNonce?: string | null } | null): void {
  const url = new URL(script?.src ?? 'https://www.paypal.com/sdk/js');
  const query = url.searchParams;
  const currency = query.get('currency') ?? 'USD';
  const buyerCountry = query.get('buyer-country');
  const enabled = (query.get('enable-funding') ?? '').split(',');
  const api = `${url.origin}/__double`;
  const cspNonce = script?.cspNonce ?? '';
  (window.__paypalDoubleLoads ??= []).push({ url: url.href, nonce: script?.nonce ?? '' });

  const LABELS: Partial<Record<FUNDING_SOURCE, string>> = { paypal: 'PayPal', paylater: 'Pay Later', venmo: 'Venmo' };
  const PAY_LATER_CURRENCIES = ['USD', 'EUR', 'GBP', 'AUD'];
  /** PayPal's button colours (background, label), as its SDK draws them. */
  const BUTTON_COLOURS: Record<string, readonly [string, string]> = {
    gold: ['#ffc439', '#111111'],
    blue: ['#0070ba', '#ffffff'],
    silver: ['#eeeeee', '#111111'],
    white: ['#ffffff', '#111111'],
    black: ['#2c2e2f', '#ffffff'],
  };
  const ADDRESSES = [
    { label: 'Ada Lovelace, Unter den Linden 1, 10117 Berlin, Germany', name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE', region: '' },
    { label: 'Grace Hopper, 1 Main St, San Jose CA 95131, United States', name: 'Grace Hopper', line1: '1 Main St', city: 'San Jose', postalCode: '95131', country: 'US', region: 'CA' },
    { label: 'Alan Turing, 2 Rue de Rivoli, 75001 Paris, France', name: 'Alan Turing', line1: '2 Rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR', region: '' },
  ];

  function eligible(source: FUNDING_SOURCE): boolean {
    if (source === 'paypal') return true;
    if (source === 'venmo') return enabled.includes('venmo') && currency === 'USD' && buyerCountry === 'US';
    if (source === 'paylater') return enabled.includes('paylater') && PAY_LATER_CURRENCIES.includes(currency);
    return false;
  }

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  const getOrder = async (id: string): Promise<OrderResponseBody> => (await fetch(`${api}/orders/${id}`)).json() as Promise<OrderResponseBody>;

  /** The PayPal window: approve (with a funding instrument, an address…) or cancel. */
  function openWindow(options: PayPalButtonsComponentOptions, source: FUNDING_SOURCE, orderID: string): void {
    const express = Boolean(options.onShippingAddressChange);
    const dialog = el('dialog', { 'aria-label': `${LABELS[source]} window`, 'data-paypal-double': 'window' });
    const problem = el('p', { role: 'alert' });
    const instruments = el(
      'fieldset',
      {},
      el('legend', {}, 'Pay with'),
      el('label', {}, el('input', { type: 'radio', name: 'instrument', value: 'balance', checked: '' }), source === 'venmo' ? 'Venmo balance' : 'PayPal balance'),
      el('label', {}, el('input', { type: 'radio', name: 'instrument', value: 'declined' }), 'Visa ending 0002 (declined by the bank)'),
    );
    const address = el('select', { 'aria-label': 'Ship to' }, ...ADDRESSES.map((a, i) => el('option', { value: String(i) }, a.label)));
    const shipping = el('select', { 'aria-label': 'Shipping method' });
    const pay = el('button', { type: 'button' }, source === 'paylater' ? 'Pay in 4' : 'Pay now');
    const cancel = el('button', { type: 'button' }, 'Cancel and return to the store');
    dialog.append(el('h2', {}, LABELS[source]!), el('p', {}, `Order ${orderID}`), instruments, ...(express ? [address, shipping] : []), problem, pay, cancel);
    document.body.append(dialog);
    dialog.showModal();
    const close = () => {
      dialog.close();
      dialog.remove();
    };

    async function showOptions(): Promise<void> {
      const order = await getOrder(orderID);
      const unit = order.purchase_units?.[0];
      const options = unit?.shipping?.options ?? [];
      shipping.replaceChildren(...options.map((o) => el('option', { value: o.id, ...(o.selected ? { selected: '' } : {}) }, `${o.label} (${o.amount?.value} ${o.amount?.currency_code})`)));
      pay.textContent = `${source === 'paylater' ? 'Pay in 4' : 'Pay now'} ${unit?.amount?.value} ${unit?.amount?.currency_code}`;
    }

    async function changeAddress(): Promise<void> {
      const a = ADDRESSES[Number(address.value)]!;
      let rejected = false;
      problem.textContent = '';
      await options.onShippingAddressChange?.(
        { orderID, amount: { currencyCode: currency, value: '' }, shippingAddress: { city: a.city, state: a.region, countryCode: a.country, postalCode: a.postalCode } },
        {
          reject: async () => void (rejected = true),
          buildOrderPatchPayload: () => [],
        },
      );
      pay.disabled = rejected;
      if (rejected) problem.textContent = 'The seller does not ship to this address. Choose another one.';
      await showOptions();
    }

    if (express) {
      address.addEventListener('change', () => void changeAddress());
      shipping.addEventListener('change', () => {
        void (async () => {
          await options.onShippingOptionsChange?.(
            { orderID, selectedShippingOption: { id: shipping.value, label: '', selected: true, type: 'SHIPPING', amount: { currencyCode: currency, value: '' } } },
            { reject: async () => void (problem.textContent = 'This shipping method is not available.'), buildOrderPatchPayload: () => [] },
          );
          await showOptions();
        })();
      });
      void changeAddress();
    }

    cancel.addEventListener('click', () => {
      close();
      options.onCancel?.({ orderID }, { redirect: () => undefined });
    });
    pay.addEventListener('click', () => {
      void (async () => {
        const declined = (dialog.querySelector<HTMLInputElement>('input[name=instrument]:checked')?.value ?? '') === 'declined';
        const a = ADDRESSES[Number(address.value)]!;
        await fetch(`${api}/orders/${orderID}/approve`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ funding: source, declined, email: 'buyer@example.com', ...(express ? { shipping: a } : {}) }),
        });
        close();
        await options.onApprove?.(
          { orderID, payerID: 'DOUBLEPAYER1', facilitatorAccessToken: 'A21AA-double' },
          {
            order: { get: () => getOrder(orderID), capture: () => getOrder(orderID), authorize: () => getOrder(orderID), patch: async () => undefined },
            redirect: () => undefined,
            restart: () => openWindow(options, source, orderID),
          },
        );
      })();
    });
  }

  function Buttons(options: PayPalButtonsComponentOptions = {}): PayPalButtonsComponent {
    const source: FUNDING_SOURCE = options.fundingSource ?? 'paypal';
    let button: HTMLButtonElement | null = null;
    let stylesheet: HTMLStyleElement | null = null;
    return {
      isEligible: () => eligible(source),
      async render(container) {
        const target = typeof container === 'string' ? document.querySelector<HTMLElement>(container) : container;
        if (!target) throw new Error('PayPal double: container not found');
        if (!eligible(source)) throw new Error(`PayPal double: ${source} is not eligible`);
        button = el('button', { type: 'button', 'data-funding-source': source }, LABELS[source]!);
        // The SDK's own styles, nonced as PayPal does (its marker colour lets tests see they applied).
        const style = el('style', cspNonce ? { nonce: cspNonce } : {}, `button[data-funding-source] { outline-color: rgb(0, 48, 135); }`);
        // PayPal draws its buttons at the height asked for (25–55 px, default 35), across the container,
        // in the shape (`sharp`, `rect` with an optional `borderRadius`, `pill`) and colour asked for.
        const height = options.style?.height ?? 35;
        const shape = options.style?.shape ?? 'rect';
        const radius = shape === 'sharp' ? 0 : shape === 'pill' ? height / 2 : (options.style?.borderRadius ?? 4);
        const [background, text] = BUTTON_COLOURS[options.style?.color ?? (source === 'venmo' ? 'blue' : 'gold')] ?? BUTTON_COLOURS.gold!;
        button.style.blockSize = `${height}px`;
        button.style.inlineSize = '100%';
        button.style.borderRadius = `${radius}px`;
        button.style.backgroundColor = background;
        button.style.color = text;
        button.style.border = background === '#ffffff' ? '1px solid #555555' : '0';
        button.addEventListener('click', () => {
          void (async () => {
            let allowed = true;
            await options.onClick?.({ fundingSource: source }, { resolve: async () => undefined, reject: async () => void (allowed = false) });
            if (!allowed) return;
            let orderID: string;
            try {
              orderID = await options.createOrder!({ paymentSource: source }, { order: { create: async () => Promise.reject(new Error('use the server')) } });
            } catch (error) {
              options.onError?.({ message: String(error) });
              return;
            }
            openWindow(options, source, orderID);
          })();
        });
        target.append(style, button);
        stylesheet = style;
      },
      async close() {
        button?.remove();
        stylesheet?.remove();
      },
      async updateProps() {},
      resume() {},
      hasReturned: () => false,
    };
  }

  function Messages(options: PayPalMessagesComponentOptions = {}) {
    return {
      async render(container: HTMLElement | string) {
        const target = typeof container === 'string' ? document.querySelector<HTMLElement>(container) : container;
        const amount = Number(options.amount ?? 0);
        const installment = new Intl.NumberFormat('en', { style: 'currency', currency: options.currency ?? currency }).format(amount / 4);
        target?.replaceChildren(el('p', { 'data-paypal-double': 'message' }, `Pay in 4 interest-free payments of ${installment} with PayPal.`));
      },
    };
  }

  const paypal: PayPalNamespace = {
    version: '5.0.0-omni-double',
    Buttons,
    Messages,
    FUNDING: { PAYPAL: 'paypal', PAYLATER: 'paylater', VENMO: 'venmo' },
    getFundingSources: () => ['paypal', 'paylater', 'venmo'],
    isFundingEligible: eligible,
    rememberFunding: () => undefined,
  };
  window.paypal = paypal;
}

if (typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement) {
  const script = document.currentScript;
  installPayPalDouble({ src: script.src, nonce: script.nonce, cspNonce: script.getAttribute('data-csp-nonce') });
}
