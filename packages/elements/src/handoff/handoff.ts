import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  createHandoffClient,
  handoffLink,
  handoffTokenFromHash,
  redeemHandoff,
  type HandoffState,
} from '@omni-checkout/core/handoff-client';
import { OmniApiError } from '@omni-checkout/core/errors';
import { CheckoutLink } from '../context/checkout-link.js';
import { OmniCompleteEvent } from '../events/complete.js';
import { OmniHandoffRedeemEvent } from '../events/handoff-redeem.js';
import { VERSION } from '../internal/define-element.js';
import { applyLanguageDirection } from '../internal/direction.js';
import { languageOf } from '../i18n/language.js';
import { loadHandoffTranslation, type HandoffTranslation } from '../i18n/handoff/index.js';
import { handoffStyles } from './handoff.styles.js';
import type { QrShape } from './qr.js';

/** What the first screen shows: nothing yet, the code being made, the code, a failure, an expired code. */
type View = 'closed' | 'preparing' | 'ready' | 'failed' | 'expired';
/** What the phone shows after opening a link: nothing (the checkout takes over) or why not. */
type Landing = 'opening' | 'redeemed' | 'used' | 'expired' | 'invalid' | 'network';

/**
 * @summary Pay on your phone: a QR code and a short link that open this checkout on another
 * device (same cart and shipping choice), and the live state of the payment there — "Waiting for
 * your phone…", "Opened on your phone", "Paying on your phone…", then `omni-complete` once.
 *
 * Inside `<omni-checkout>` (slot `handoff`) it uses the checkout's context: its backend, its
 * session, its client secret (never shown, never put in the link). On its own, give it
 * `publishable-key`, `api-base` and the `clientSecret` property.
 *
 * With `redeem`, it is the phone's side: it reads the token from the page address's fragment,
 * removes it from the address, exchanges it once and fires `omni-handoff-redeem` with this
 * device's own credential; a used, expired or unknown link shows a page saying so, in the
 * shopper's language.
 *
 * @attr link-base - The page a phone opens (default: this page's address without its fragment); the token goes in its fragment.
 * @attr redeem - The phone's side: open the link in this page's address.
 *
 * @event omni-complete - The session was paid (on the phone or here): `orderId`, `session`; once. Inside `<omni-checkout>`, the checkout fires its own instead.
 * @event omni-handoff-redeem - With `redeem`: the link opened; `clientSecret` is this device's credential for the session.
 *
 * @csspart base - The section.
 * @csspart toggle - The "Pay on your phone" button.
 * @csspart panel - The code, the link and the status.
 * @csspart qr - The QR code (SVG).
 * @csspart link - The link and its copy button.
 * @csspart hint - How long the code works.
 * @csspart status - Polite live region: the state on the phone.
 * @csspart error - What went wrong.
 * @csspart notice - With `redeem`: the page for a used, expired or unknown link.
 *
 * @cssproperty --omni-font-family - Font family.
 * @cssproperty --omni-font-size - Base font size.
 * @cssproperty --omni-color-text - Text colour.
 * @cssproperty --omni-color-text-muted - The hint and the link's label.
 * @cssproperty --omni-color-background - Buttons and the link field.
 * @cssproperty --omni-color-border - Borders.
 * @cssproperty --omni-color-success - "Paid on your phone".
 * @cssproperty --omni-color-error - Errors.
 * @cssproperty --omni-radius - Corner radius.
 * @cssproperty --omni-spacing - Spacing unit.
 * @cssproperty --omni-focus-ring - Focus indicator.
 */
export class OmniHandoff extends LitElement {
  // `static properties`, not decorators: no decorator helpers in the bundle (docs/architecture.md).
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    apiBase: { attribute: 'api-base' },
    clientSecret: { attribute: false },
    fetch: { attribute: false },
    linkBase: { attribute: 'link-base' },
    redeem: { type: Boolean },
    t: { state: true },
    view: { state: true },
    landing: { state: true },
    phase: { state: true },
    link: { state: true },
    qr: { state: true },
    minutes: { state: true },
    copied: { state: true },
  };

  static readonly version = VERSION;
  static override styles = handoffStyles;

  /** The merchant's publishable key (on its own, and with `redeem`). */
  publishableKey = '';
  /** The omni-checkout backend (on its own, and with `redeem`). */
  apiBase = '';
  /** The session's client secret (on its own): a property only. */
  clientSecret = '';
  /** Optional `fetch` for the backend (tests, Storybook). */
  declare fetch: typeof globalThis.fetch | undefined;
  linkBase = '';
  redeem = false;

  private t: HandoffTranslation | null = null;
  private view: View = 'closed';
  private landing: Landing = 'opening';
  private phase: HandoffState = 'none';
  private link = '';
  private qr: QrShape | null = null;
  private minutes = 0;
  private copied = false;

  readonly #link = new CheckoutLink(this);
  #watch: AbortController | null = null;
  #expiry: ReturnType<typeof setTimeout> | undefined;
  #completed = false;
  #lang = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.redeem) void this.#redeem();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const lang = this.#link.value?.lang ?? languageOf(this);
    applyLanguageDirection(this, lang);
    if (lang !== this.#lang || changed.has('redeem')) {
      this.#lang = lang;
      void loadHandoffTranslation(lang).then((t) => {
        if (this.#lang === lang) this.t = t;
      });
    }
  }

  // ── The first screen ────────────────────────────────────────────────────────────────────────

  #toggle = (): void => {
    if (this.view === 'closed') void this.#start();
    else {
      this.#stop();
      this.view = 'closed';
    }
  };

  #stop(): void {
    this.#watch?.abort();
    this.#watch = null;
    clearTimeout(this.#expiry);
  }

  async #start(): Promise<void> {
    const context = this.#link.value;
    if (!context) return;
    this.#stop();
    this.view = 'preparing';
    this.copied = false;
    const client = createHandoffClient(context.config);
    try {
      // The QR library loads only now, while the token is made.
      const [{ token, expiresAt }, { qrShape }] = await Promise.all([client.create(), import('./qr.js')]);
      this.link = handoffLink(this.linkBase ? new URL(this.linkBase, location.href).href : location.href.split('#')[0]!, token);
      this.qr = qrShape(this.link);
      const lifetime = Date.parse(expiresAt) - Date.now();
      this.minutes = Math.max(1, Math.round(lifetime / 60_000));
      this.view = 'ready';
      this.#expiry = setTimeout(() => {
        if (this.phase === 'none' || this.phase === 'waiting') this.view = 'expired';
      }, lifetime);
    } catch {
      this.view = 'failed';
      return;
    }
    const watch = new AbortController();
    this.#watch = watch;
    void client.watch((status) => {
      this.phase = status.state;
      if (status.state === 'paid') void this.#paid(status.orderId ?? '');
    }, { signal: watch.signal });
  }

  async #paid(orderId: string): Promise<void> {
    clearTimeout(this.#expiry);
    if (this.#completed) return;
    this.#completed = true;
    const context = this.#link.value;
    const session = await context!.backend.getSession().catch(() => context!.session);
    if (!session) return;
    this.dispatchEvent(new OmniCompleteEvent({ orderId: session.orderId ?? orderId, session }));
  }

  #copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(this.link);
      this.copied = true;
    } catch {
      // No clipboard permission: the field stays selectable.
      this.renderRoot.querySelector('input')?.select();
    }
  };

  // ── The phone ───────────────────────────────────────────────────────────────────────────────

  async #redeem(): Promise<void> {
    const token = handoffTokenFromHash(location.hash);
    // R28: the token leaves the address at once (history, screenshots, a shared URL).
    if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
    if (!token) {
      this.landing = 'invalid';
      return;
    }
    try {
      const device = await redeemHandoff({ apiBase: this.apiBase, publishableKey: this.publishableKey, ...(this.fetch ? { fetch: this.fetch } : {}) }, token);
      this.landing = 'redeemed';
      this.dispatchEvent(new OmniHandoffRedeemEvent({ sessionId: device.sessionId, clientSecret: device.clientSecret }));
    } catch (error) {
      const code = error instanceof OmniApiError ? error.code : 'internal_error';
      this.landing =
        code === 'handoff_token_used'
          ? 'used'
          : code === 'handoff_token_expired' || code === 'session_expired'
            ? 'expired'
            : code === 'network_error'
              ? 'network'
              : 'invalid';
    }
  }

  // ── Rendering ───────────────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult | typeof nothing {
    const { t } = this;
    if (!t) return nothing;
    return this.redeem ? this.#renderLanding(t) : this.#renderPanel(t);
  }

  #renderLanding(t: HandoffTranslation): TemplateResult | typeof nothing {
    if (this.landing === 'redeemed') return nothing;
    if (this.landing === 'opening') return html`<p part="base" role="status">${t.opening}</p>`;
    const [title, text] = {
      used: [t.usedTitle, t.usedText],
      expired: [t.expiredTitle, t.expiredText],
      invalid: [t.invalidTitle, t.invalidText],
      network: [t.payOnPhone, t.networkText],
    }[this.landing];
    return html`<section part="base notice" aria-labelledby="notice-title">
      <h2 id="notice-title">${title}</h2>
      <p>${text}</p>
    </section>`;
  }

  #renderPanel(t: HandoffTranslation): TemplateResult | typeof nothing {
    const session = this.#link.value?.session;
    if (!session || (session.status === 'complete' && this.view === 'closed')) return nothing;
    const open = this.view !== 'closed';
    return html`<section part="base" aria-label=${t.payOnPhone}>
      <button type="button" part="toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="panel" @click=${this.#toggle}>
        ${t.payOnPhone}
      </button>
      ${open ? html`<div id="panel" part="panel">${this.#renderBody(t)}</div>` : nothing}
    </section>`;
  }

  #renderBody(t: HandoffTranslation): TemplateResult {
    if (this.view === 'preparing') return html`<p role="status">${t.preparing}</p>`;
    if (this.view === 'failed') {
      return html`<p part="error" role="alert">${t.failed}</p>
        <button type="button" @click=${() => void this.#start()}>${t.newCode}</button>`;
    }
    const status = { none: t.waiting, waiting: t.waiting, opened: t.opened, paying: t.paying, paid: t.paid }[this.phase];
    const live = html`<p part="status" role="status" data-state=${this.phase}>${this.view === 'expired' ? t.expired : status}</p>`;
    if (this.view === 'expired') return html`${live}<button type="button" @click=${() => void this.#start()}>${t.newCode}</button>`;
    const showCode = this.phase === 'none' || this.phase === 'waiting';
    return html`
      ${showCode
        ? html`<p>${t.scan}</p>
            ${this.qr
              ? html`<svg part="qr" viewBox="0 0 ${this.qr.size} ${this.qr.size}" role="img" aria-label=${t.qrLabel} shape-rendering="crispEdges">
                  <rect width=${this.qr.size} height=${this.qr.size} fill="#fff"></rect>
                  <path d=${this.qr.path} fill="#000"></path>
                </svg>`
              : nothing}
            <div part="link">
              <label for="link">${t.linkLabel}</label>
              <input id="link" type="url" readonly .value=${this.link} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
              <button type="button" @click=${this.#copy}>${t.copy}</button>
            </div>
            <p part="hint">${this.copied ? t.copied : t.expires(this.minutes)}</p>`
        : nothing}
      ${live}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-handoff': OmniHandoff;
  }
}
