import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createBackendClient, type CheckoutBackend } from '@omni-checkout/core/client';
import { OmniApiError } from '@omni-checkout/core/errors';
import {
  isProviderRegistered,
  loadProvider,
  type ClientProvider,
  type ClientProviderContext,
  type ExpressCallbacks,
  type MountedExpress,
  type WalletAvailability,
} from '@omni-checkout/core/provider';
import type { CheckoutSession, PaymentMethodType, ProviderId } from '@omni-checkout/core/types';
import { OmniLoadErrorEvent } from '../events/load-error.js';
import { OmniReadyEvent } from '../events/ready.js';
import { OmniWalletUnavailableEvent } from '../events/wallet-unavailable.js';
import { VERSION } from '../internal/define-element.js';
import { nearViewport } from '../internal/near-viewport.js';
import { en, languageOf, speak, type Translation } from '../i18n/index.js';
import { expressStyles } from './express.styles.js';

/** One wallet of one provider: shown, or not and why. */
export type ExpressAvailability = WalletAvailability & { readonly provider: ProviderId };

const WALLETS: readonly PaymentMethodType[] = ['apple_pay', 'google_pay', 'link', 'paypal', 'paylater', 'venmo'];

/**
 * @summary Express wallets — Apple Pay, Google Pay, Link, PayPal… — of every provider of the
 * session, in the merchant's order. Each wallet is shown, or reported with a reason code.
 *
 * @attr providers - Space-separated provider ids whose wallets show (default: all; inside `<omni-checkout>`, not those it shows as payment methods).
 *
 * @event omni-ready - The wallets that can show are mounted.
 * @event omni-wallet-unavailable - A wallet is not offered (`wallet`, `reason`, `provider`); reasons: `insecure_context`, `domain_not_registered`, `no_card_in_wallet`, `unsupported_browser`, `unsupported_currency`, `unsupported_country`, `not_enabled`, `load_failed`.
 * @event omni-complete - A wallet payment succeeded and the order was recorded (`orderId`, `session`).
 * @event omni-error - A wallet payment failed (`code`, `message`).
 * @event omni-load-error - The session could not be loaded (`code`, `message`).
 *
 * @slot - The providers' wallet buttons (light DOM, so provider iframes can mount).
 *
 * @csspart base - The group around the wallet buttons.
 * @csspart error - Assertive live region: what went wrong.
 *
 * @cssproperty --omni-font-family - Font family.
 * @cssproperty --omni-font-size - Base font size.
 * @cssproperty --omni-color-text - Text colour.
 * @cssproperty --omni-color-error - Errors.
 * @cssproperty --omni-spacing - Gap between the buttons of each provider.
 *
 * The wallet click opens the sheet synchronously (the provider answers the click without awaiting
 * anything). Shipping changes in the sheet are repriced by the backend. Inside `<omni-checkout>`
 * (as a child with `slot="express"`) it uses the checkout's key, backend and client secret.
 */
export class OmniExpress extends LitElement {
  static readonly version = VERSION;
  static override styles = expressStyles;

  /** The merchant's publishable key (default: the enclosing `<omni-checkout>`'s). */
  @property({ attribute: 'publishable-key' }) publishableKey = '';
  /** The omni-checkout backend (default: the enclosing `<omni-checkout>`'s, else the page's origin). */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** The session's client secret: a property only. */
  @property({ attribute: false }) clientSecret = '';
  /** Optional `fetch` for the backend client (tests, Storybook). */
  @property({ attribute: false }) fetch: typeof globalThis.fetch | undefined = undefined;
  /**
   * Space-separated provider ids whose wallets show here (e.g. `stripe paypal`). Default: every
   * provider of the session — inside `<omni-checkout>`, except those the checkout already shows as
   * payment methods (PayPal's buttons), so no button shows twice. Naming a provider here moves its
   * buttons from the checkout's payment methods to the express area.
   */
  @property() providers = '';

  @state() private t: Translation = en;
  @state() private alert = '';

  #backend: CheckoutBackend | null = null;
  #session: CheckoutSession | null = null;
  #mounted: { provider: ClientProvider; express: MountedExpress; container: HTMLElement }[] = [];
  #availability: ExpressAvailability[] = [];
  #load = 0;

  /** Which wallets show, and why the others do not. */
  getAvailability(): readonly ExpressAvailability[] {
    return this.#availability;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unmount();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    speak(this, (t) => (this.t = t));
    if (changed.has('clientSecret') || changed.has('apiBase') || changed.has('publishableKey') || changed.has('fetch') || changed.has('providers')) {
      if (this.#config().clientSecret) void this.#start();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Inside <omni-checkout>: start with its configuration once it has one.
    if (!this.clientSecret && this.closest('omni-checkout')) queueMicrotask(() => this.requestUpdate('clientSecret'));
  }

  #config() {
    const host = this.closest('omni-checkout') as (HTMLElement & Pick<OmniExpress, 'publishableKey' | 'apiBase' | 'clientSecret' | 'fetch' | 'nonce'>) | null;
    return {
      nonce: this.nonce || host?.nonce || '',
      publishableKey: this.publishableKey || host?.publishableKey || '',
      apiBase: this.apiBase || host?.apiBase || '',
      clientSecret: this.clientSecret || host?.clientSecret || '',
      fetch: this.fetch ?? host?.fetch,
    };
  }

  #context(session: CheckoutSession, provider?: ClientProvider): ClientProviderContext {
    const { apiBase, publishableKey, fetch, nonce } = this.#config();
    const backend = this.#backend;
    return {
      session,
      locale: languageOf(this),
      dir: this.matches(':dir(rtl)') ? 'rtl' : 'ltr',
      apiBase,
      publishableKey,
      ...(nonce ? { nonce } : {}),
      ...(fetch ? { fetch } : {}),
      nearViewport,
      // PayPal: the order is created by the backend from the live session (a new key per click).
      ...(provider && backend?.prepare
        ? { prepare: (request) => backend.prepare!({ ...request, provider: provider.id }, crypto.randomUUID()) }
        : {}),
    };
  }

  #unmount(): void {
    for (const { express, container } of this.#mounted) {
      express.destroy();
      container.remove();
    }
    this.#mounted = [];
  }

  async #start(): Promise<void> {
    const load = ++this.#load;
    this.#unmount();
    const { fetch, nonce: _nonce, ...config } = this.#config();
    let session: CheckoutSession;
    try {
      this.#backend = createBackendClient({ ...config, ...(fetch ? { fetch } : {}) });
      session = await this.#backend.getSession();
    } catch (error) {
      if (load !== this.#load) return;
      const code = error instanceof OmniApiError ? error.code : 'load_failed';
      const message = error instanceof OmniApiError ? error.message : this.t.errors.loadFailed;
      this.dispatchEvent(new OmniLoadErrorEvent({ code, message }));
      return;
    }
    if (load !== this.#load) return;
    this.#session = session;
    // Wallet SDKs (Stripe.js, PayPal's) load only once the wallets are about to be visible: not
    // while the enclosing checkout shows its one-click button (the express slot is not rendered).
    await nearViewport(this);
    if (load !== this.#load) return;
    void import('./authorize.js');
    const availability: ExpressAvailability[] = [];
    const host = this.parentElement?.localName === 'omni-checkout' ? (this.parentElement as HTMLElement & { walletMethodProviders(session: CheckoutSession): ProviderId[] }) : null;
    const named = this.providers.split(/\s+/).filter(Boolean);
    const shown = (id: ProviderId) => (named.length ? named.includes(id) : !host?.walletMethodProviders(session).includes(id));
    for (const entry of session.providers) {
      if (!shown(entry.id) || !entry.methods.some((method) => WALLETS.includes(method)) || !isProviderRegistered(entry.id)) continue;
      let provider: ClientProvider;
      try {
        provider = await loadProvider(entry.id);
      } catch {
        continue;
      }
      if (!provider.express || load !== this.#load) continue;
      const container = document.createElement('div');
      this.append(container);
      const express = await provider.express.mount(container, this.#context(session, provider), this.#callbacks(provider));
      if (load !== this.#load) {
        express.destroy();
        container.remove();
        return;
      }
      this.#mounted.push({ provider, express, container });
      availability.push(...express.availability.map((a) => ({ ...a, provider: entry.id })));
    }
    this.#availability = availability;
    for (const a of availability) {
      if (!a.available) this.dispatchEvent(new OmniWalletUnavailableEvent({ wallet: a.wallet, reason: a.reason, provider: a.provider }));
    }
    this.hidden = !availability.some((a) => a.available);
    this.dispatchEvent(new OmniReadyEvent());
  }

  #repriced(session: CheckoutSession): CheckoutSession {
    this.#session = session;
    for (const { express } of this.#mounted) express.update(session);
    return session;
  }

  #callbacks(provider: ClientProvider): ExpressCallbacks {
    const backend = () => this.#backend!;
    return {
      currentSession: () => this.#session!,
      // The backend prices the session; the address in the sheet is partial until the shopper pays.
      onShippingAddressChange: async () => this.#repriced(await backend().getSession()),
      onShippingOptionChange: async (id) => this.#repriced(await backend().setShippingOption(id)),
      onCancel: () => {},
      // The authorisation step loads with the wallets (prefetched in #start), not with the element.
      onAuthorized: async (payment) =>
        (await import('./authorize.js')).authorize(payment, provider, {
          backend: backend(),
          t: this.t,
          context: (session) => this.#context(session, provider),
          report: (message) => (this.alert = message),
          paid: (session) => (this.#session = session),
          dispatch: (event) => this.dispatchEvent(event),
        }),
    };
  }

  protected override render(): TemplateResult {
    return html`<div part="base" role="group" aria-label=${this.t.expressCheckout}><slot></slot></div>
      <p part="error" role="alert">${this.alert}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-express': OmniExpress;
  }
}
