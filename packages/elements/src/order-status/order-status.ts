import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { formatMoney } from '@omni-checkout/core/money';
import type { OrderReturn, ShopperOrderList, ShopperOrderStatus } from '@omni-checkout/core/order-status';
import { loadOrderText, type OrderText } from '@omni-checkout/core/order-text';
import { OmniOrderStatusChangeEvent } from '../events/order-status-change.js';
import { VERSION } from '../internal/define-element.js';
import { applyLanguageDirection } from '../internal/direction.js';
import { isolate, languageOf } from '../i18n/language.js';
import { orderStatusStyles } from './order-status.styles.js';

/** The fragment key of a signed status link: `…/order-status#order-status=<token>`. */
const LINK_PARAM = 'order-status';

type Phase = 'loading' | 'ready' | 'invalid' | 'error';

/**
 * @summary After the purchase: the shopper's order — its state, a timeline, the delivery window as
 * calendar dates, each shipment's carrier and tracking link, the items, returns (choose items and a
 * reason, then follow the return to its refund) and cancelling before shipment when the shop allows.
 *
 * It needs no account: the signed status link from every order notification carries a token that
 * opens that one order. Put the element on the page the link points to; it reads the token from
 * the link's `#order-status=` fragment (never sent to any server) or from the `token` property,
 * and talks to the backend with the merchant's `publishable-key`.
 *
 * A shopper recognised by the identity network (a `shopperToken` from a code or passkey sign-in at
 * this shop, with consent to share) and no status link sees the list of their orders at this shop,
 * newest first, and opens one (then goes back to the list).
 *
 * @event omni-order-status-change - The order changed here (a return requested, the order canceled); `value` is the new status.
 *
 * @csspart status - The section.
 * @csspart state - The order's state.
 * @csspart timeline - The list of what happened.
 * @csspart shipment - One shipment.
 * @csspart item - One line item.
 * @csspart return - One return.
 * @csspart return-form - The form to ask for a return.
 * @csspart orders - The list of the recognised shopper's orders.
 * @csspart order - One order in that list.
 *
 * @cssproperty --omni-font-family - Font family of all text.
 * @cssproperty --omni-font-size - Base font size.
 * @cssproperty --omni-color-text - Text colour.
 * @cssproperty --omni-color-text-muted - Dates and hints.
 * @cssproperty --omni-color-background - Field background.
 * @cssproperty --omni-color-primary - The state badge, buttons and links.
 * @cssproperty --omni-color-on-primary - Text on the primary colour.
 * @cssproperty --omni-color-border - Borders of shipments, returns and fields.
 * @cssproperty --omni-color-error - Messages that something went wrong.
 * @cssproperty --omni-color-success - Confirmations.
 * @cssproperty --omni-radius - Corner radius.
 * @cssproperty --omni-spacing - Spacing unit.
 * @cssproperty --omni-focus-ring - Focus outline.
 */
export class OmniOrderStatus extends LitElement {
  // `static properties`, not decorators: no decorator helpers in the bundle (docs/architecture.md).
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    apiBase: { attribute: 'api-base' },
    token: { attribute: false },
    shopperToken: { attribute: false },
    fetch: { attribute: false },
    status: { state: true },
    phase: { state: true },
    t: { state: true },
    message: { state: true },
    confirmingCancel: { state: true },
    busy: { state: true },
    orders: { state: true },
    listPhase: { state: true },
    opened: { state: true },
  };

  static readonly version = VERSION;
  static override styles = orderStatusStyles;

  /** The merchant's publishable key. */
  publishableKey = '';
  /** The omni-checkout backend (default: the page's origin). */
  apiBase = '';
  /** The status link's token (`ost_…`); default: the page address's `#order-status=` fragment. A property only. */
  token = '';
  /** A recognised shopper's token (`shtok_…`, from the identity network's sign-in at this shop): without a status token, the page lists their orders here. A property only. */
  shopperToken = '';
  /** Optional `fetch` for the backend calls (tests, Storybook). */
  declare fetch: typeof globalThis.fetch | undefined;

  private status: ShopperOrderStatus | null = null;
  private phase: Phase = 'loading';
  private t: OrderText | null = null;
  private message: { kind: 'alert' | 'status'; text: string } | null = null;
  private confirmingCancel = false;
  private busy = false;
  private orders: ShopperOrderList | null = null;
  private listPhase: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  /** The status token of the order opened from the list. */
  private opened = '';

  #lang = 'en';
  #loadedFor = '';

  /** The status as last read. */
  get value(): ShopperOrderStatus | null {
    return this.status;
  }

  /** Reads the order again (after the shop changed it). */
  async refresh(): Promise<void> {
    await this.#load();
  }

  protected override willUpdate(): void {
    const lang = languageOf(this);
    applyLanguageDirection(this, lang);
    if (lang !== this.#lang || !this.t) {
      this.#lang = lang;
      void loadOrderText(lang).then((t) => {
        if (this.#lang === lang) this.t = t;
      });
    }
    const key = `${this.apiBase}|${this.publishableKey}|${this.#token()}|${this.shopperToken}`;
    if (key !== this.#loadedFor && this.publishableKey) {
      this.#loadedFor = key;
      void this.#load();
    }
  }

  #token(): string {
    if (this.token) return this.token;
    if (this.opened) return this.opened;
    const fragment = new URLSearchParams(location.hash.slice(1));
    return fragment.get(LINK_PARAM) ?? '';
  }

  async #listOrders(): Promise<void> {
    // Back from an order, the list stays on screen while it is read again.
    if (!this.orders) this.listPhase = 'loading';
    try {
      const base = (this.apiBase || location.origin).replace(/\/+$/, '');
      const response = await (this.fetch ?? globalThis.fetch)(`${base}/v1/client/identity/orders`, {
        headers: { 'omni-publishable-key': this.publishableKey, 'omni-shopper-token': this.shopperToken },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.orders = (await response.json()) as ShopperOrderList;
      this.listPhase = 'ready';
    } catch {
      this.listPhase = 'error';
    }
  }

  #open(statusToken: string): void {
    this.status = null;
    this.phase = 'loading';
    this.message = null;
    this.opened = statusToken;
  }

  #backToList(): void {
    this.status = null;
    this.message = null;
    this.opened = '';
    // Focus the list's heading again once it is back.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#orders-heading')?.focus());
  }

  async #call(path: string, body?: unknown): Promise<ShopperOrderStatus> {
    const base = (this.apiBase || location.origin).replace(/\/+$/, '');
    const response = await (this.fetch ?? globalThis.fetch)(`${base}/v1/client/order-status${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${this.#token()}`,
        'omni-publishable-key': this.publishableKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json().catch(() => null)) as (ShopperOrderStatus & { error?: { code: string; message: string } }) | null;
    if (!response.ok) throw Object.assign(new Error(json?.error?.message ?? `HTTP ${response.status}`), { code: json?.error?.code ?? 'network', status: response.status });
    return json!;
  }

  async #load(): Promise<void> {
    if (!this.#token()) {
      if (this.shopperToken) return this.#listOrders();
      this.phase = 'invalid';
      return;
    }
    try {
      this.status = await this.#call('');
      this.phase = 'ready';
    } catch (error) {
      this.phase = (error as { status?: number }).status === 401 ? 'invalid' : 'error';
    }
  }

  async #act(path: string, body: unknown, done: string | null): Promise<void> {
    this.busy = true;
    this.message = null;
    try {
      this.status = await this.#call(path, body);
      this.message = done ? { kind: 'status', text: done } : null;
      this.dispatchEvent(new OmniOrderStatusChangeEvent({ value: this.status }));
    } catch (error) {
      this.message = { kind: 'alert', text: (error as Error).message };
    } finally {
      this.busy = false;
      this.confirmingCancel = false;
    }
  }

  #submitReturn(event: SubmitEvent): void {
    event.preventDefault();
    const t = this.t!;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const items = this.status!.items
      .map((item) => ({ lineItemId: item.id, quantity: Number(data.get(`qty-${item.id}`) ?? 0) }))
      .filter((item) => item.quantity > 0);
    const reason = String(data.get('reason') ?? '').trim();
    if (items.length === 0) return void (this.message = { kind: 'alert', text: t.chooseAnItem });
    if (!reason) return void (this.message = { kind: 'alert', text: t.reasonRequired });
    void this.#act('/returns', { items, reason }, t.returnSent).then(() => form.reset());
  }

  protected override render(): TemplateResult | typeof nothing {
    const t = this.t;
    if (!t) return nothing;
    if (!this.#token() && this.shopperToken) return this.#renderList(t);
    const back = this.opened
      ? html`<p><button type="button" class="secondary" @click=${() => this.#backToList()}>${t.orderList.back}</button></p>`
      : nothing;
    return html`${back}${this.#renderStatus(t)}`;
  }

  #renderList(t: OrderText): TemplateResult {
    if (this.listPhase === 'error') return html`<section part="orders"><p role="alert">${t.orderList.loadError}</p></section>`;
    const list = this.orders;
    if (this.listPhase !== 'ready' || !list) return html`<section part="orders" aria-busy="true"></section>`;
    const lang = this.#lang;
    const day = (iso: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(iso));
    return html`<section part="orders" aria-labelledby="orders-heading">
      <h2 id="orders-heading" tabindex="-1">${t.orderList.title}</h2>
      ${list.data.length === 0
        ? html`<p>${t.orderList.empty}</p>`
        : html`<ul class="orders">
            ${list.data.map(
              (order) => html`<li part="order">
                <p><strong>${t.orderNumber(order.orderId)}</strong> · <span part="state">${t.states[order.state]}</span></p>
                <p><time datetime=${order.createdAt}>${t.orderList.placed(day(order.createdAt))}</time> · ${formatMoney({ amount: order.amount, currency: order.currency }, lang)}</p>
                <p class="muted">${t.itemCount(order.itemCount)}: ${order.items.map((item) => `${item.quantity} × ${isolate(item.name)}`).join(', ')}</p>
                <button type="button" @click=${() => this.#open(order.statusToken)}>${t.orderList.open(order.orderId)}</button>
              </li>`,
            )}
          </ul>`}
      ${list.hasMore ? html`<p class="muted">${t.orderList.more}</p>` : nothing}
    </section>`;
  }

  #renderStatus(t: OrderText): TemplateResult {
    if (this.phase === 'invalid') return html`<section part="status"><p role="alert">${t.invalidLink}</p></section>`;
    if (this.phase === 'error') return html`<section part="status"><p role="alert">${t.loadError}</p></section>`;
    const status = this.status;
    if (!status) return html`<section part="status" aria-busy="true"></section>`;
    const lang = this.#lang;
    const money = (amount: number) => formatMoney({ amount, currency: status.currency }, lang);
    const day = (iso: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
    const when = (iso: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    const window = status.deliveryWindow;
    const beforeDelivery = ['paid', 'preparing', 'shipped', 'out_for_delivery'].includes(status.state);
    const itemName = (id: string) => status.items.find((item) => item.id === id)?.name ?? id;
    return html`<section part="status" aria-labelledby="heading">
      <h2 id="heading">${t.title}</h2>
      <p>${t.orderNumber(status.orderId)} · ${isolate(status.merchantName)}</p>
      <p><span part="state">${t.states[status.state]}</span></p>
      ${window && beforeDelivery
        ? html`<p>${window.earliest === window.latest ? t.deliveryOn(day(window.earliest)) : t.deliveryBetween(day(window.earliest), day(window.latest))}</p>`
        : nothing}
      ${this.message ? html`<p role=${this.message.kind}>${this.message.text}</p>` : nothing}
      ${status.amountRefunded > 0
        ? html`<p><label for="refund-progress">${t.refunded(money(status.amountRefunded), money(status.amount))}</label>
            <progress id="refund-progress" max=${status.amount} value=${status.amountRefunded}></progress></p>`
        : nothing}

      <h3>${t.timeline}</h3>
      <ol part="timeline">
        ${status.history.map((entry) => html`<li><span>${t.states[entry.to]}</span><time datetime=${entry.at}>${when(entry.at)}</time></li>`)}
      </ol>

      ${status.shipments.length
        ? html`<h3>${t.shipments}</h3>
            <ul>
              ${status.shipments.map(
                (shipment) => html`<li part="shipment">
                  <p><strong>${isolate(shipment.carrier)}</strong> · ${t.itemCount(shipment.items.reduce((n, i) => n + i.quantity, 0))}</p>
                  ${shipment.trackingNumber ? html`<p>${t.trackingNumber}: <span dir="ltr">${shipment.trackingNumber}</span></p>` : nothing}
                  ${shipment.trackingUrl ? html`<p><a href=${shipment.trackingUrl} target="_blank" rel="noopener noreferrer">${t.track(isolate(shipment.carrier))}</a></p>` : nothing}
                </li>`,
              )}
            </ul>`
        : nothing}

      <h3>${t.items}</h3>
      <ul>
        ${status.items.map((item) => html`<li part="item"><span>${item.quantity} × ${isolate(item.name)}</span><span>${money(item.amount)}</span></li>`)}
        <li part="item"><strong>${t.total}</strong><strong>${money(status.amount)}</strong></li>
      </ul>

      ${status.returns.length ? html`<h3>${t.returns}</h3><ul>${status.returns.map((ret) => this.#renderReturn(ret, t, money, itemName))}</ul>` : nothing}
      ${status.canReturn ? this.#renderReturnForm(status, t) : nothing}
      ${status.canCancel ? this.#renderCancel(t) : nothing}
    </section>`;
  }

  #renderReturn(ret: OrderReturn, t: OrderText, money: (amount: number) => string, itemName: (id: string) => string): TemplateResult {
    return html`<li part="return">
      <p><strong>${t.returnStates[ret.status]}</strong> · ${ret.items.map((i) => `${i.quantity} × ${isolate(itemName(i.lineItemId))}`).join(', ')}</p>
      <p class="muted">${isolate(ret.reason)}</p>
      ${ret.status === 'refused' && ret.refusalReason ? html`<p>${t.refusedBecause(isolate(ret.refusalReason))}</p>` : nothing}
      ${ret.instructions ? html`<p>${t.returnInstructions}: ${isolate(ret.instructions)}</p>` : nothing}
      ${ret.labelUrl ? html`<p><a href=${ret.labelUrl} target="_blank" rel="noopener noreferrer">${t.returnLabel}</a></p>` : nothing}
      ${ret.refund?.status === 'pending' ? html`<p>${t.refundPending(money(ret.refund.amount))}</p>` : nothing}
      ${ret.refund?.status === 'succeeded' ? html`<p>${t.mail.refundAmount(money(ret.refund.amount))}</p>` : nothing}
      ${ret.refund?.status === 'failed' ? html`<p role="alert">${t.refundFailed}</p>` : nothing}
    </li>`;
  }

  #renderReturnForm(status: ShopperOrderStatus, t: OrderText): TemplateResult {
    const returned = new Map<string, number>();
    for (const ret of status.returns) {
      if (ret.status === 'refused') continue;
      for (const item of ret.items) returned.set(item.lineItemId, (returned.get(item.lineItemId) ?? 0) + item.quantity);
    }
    return html`<form part="return-form" @submit=${(e: SubmitEvent) => this.#submitReturn(e)} novalidate>
      <fieldset>
        <legend>${t.returnItems}</legend>
        ${status.items.map((item) => {
          const left = item.quantity - (returned.get(item.id) ?? 0);
          return left > 0
            ? html`<label>${t.returnQuantity(isolate(item.name))}
                <input type="number" name=${`qty-${item.id}`} min="0" max=${left} value="0" inputmode="numeric" /></label>`
            : nothing;
        })}
        <label>${t.returnReason}<textarea name="reason" rows="3" maxlength="500"></textarea></label>
        <button type="submit" ?disabled=${this.busy}>${t.sendReturn}</button>
      </fieldset>
    </form>`;
  }

  #renderCancel(t: OrderText): TemplateResult {
    return this.confirmingCancel
      ? html`<div role="group" aria-labelledby="confirm-cancel">
          <p id="confirm-cancel">${t.confirmCancel}</p>
          <button type="button" ?disabled=${this.busy} @click=${() => void this.#act('/cancel', {}, null)}>${t.cancelOrder}</button>
          <button type="button" class="secondary" @click=${() => (this.confirmingCancel = false)}>${t.keepOrder}</button>
        </div>`
      : html`<p><button type="button" class="secondary" @click=${() => (this.confirmingCancel = true)}>${t.cancelOrder}</button></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-order-status': OmniOrderStatus;
  }
}
