import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
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
import { CheckoutLink } from '../context/checkout-link.js';
import type { CheckoutContext } from '../context/context.js';
import { OmniReadyEvent } from '../events/ready.js';
import { OmniWalletUnavailableEvent } from '../events/wallet-unavailable.js';
import { VERSION } from '../internal/define-element.js';
import { nearViewport } from '../internal/near-viewport.js';
import { enFirst, languageOf, speakFirst, type FirstTranslation } from '../i18n/first.js';
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
 * (as a child with `slot="express"`) it uses the checkout's context: its session, backend client
 * and state machine (a wallet payment and the checkout's pay button cannot both run). On its own
 * it builds its own from `publishable-key`, `api-base` and `clientSecret`.
 */
export class OmniExpress extends LitElement {
  // `static properties`, not decorators: no decorator helpers in the bundle (docs/architecture.md).
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    apiBase: { attribute: 'api-base' },
    clientSecret: { attribute: false },
    fetch: { attribute: false },
    providers: {},
    t: { state: true },
    alert: { state: true },
  };

  static readonly version = VERSION;
  static override styles = expressStyles;

  /** The merchant's publishable key (on its own; inside `<omni-checkout>` its context's). */
  publishableKey = '';
  /** The omni-checkout backend (on its own; default: the page's origin). */
  apiBase = '';
  /** The session's client secret (on its own): a property only. */
  clientSecret = '';
  /** Optional `fetch` for the backend client (tests, Storybook). */
  declare fetch: typeof globalThis.fetch | undefined;
  /**
   * Space-separated provider ids whose wallets show here (e.g. `stripe paypal`). Default: every
   * provider of the session — inside `<omni-checkout>`, except those the checkout already shows as
   * payment methods (PayPal's buttons), so no button shows twice. Naming a provider here moves its
   * buttons from the checkout's payment methods to the express area.
   */
  providers = '';

  private t: FirstTranslation = enFirst;
  private alert = '';

  readonly #link = new CheckoutLink(this);
  /** The context the wallets were mounted for (a new backend client means a new session: mount again). */
  #for: CheckoutContext['backend'] | null = null;
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
    this.#for = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    speakFirst(this, (t) => (this.t = t));
    const context = this.#link.value;
    if (!context) return;
    const named = this.#named();
    if (named.length) context.claim(named);
    const session = context.session;
    if (!session) return;
    if (context.backend !== this.#for || changed.has('providers')) {
      this.#for = context.backend;
      void this.#start(context);
    } else if (session !== this.#session) {
      // The checkout (or a wallet sheet) changed the session: the wallets show the new amount.
      this.#session = session;
      for (const { express } of this.#mounted) express.update(session);
    }
  }

  #named(): ProviderId[] {
    return this.providers.split(/\s+/).filter(Boolean) as ProviderId[];
  }

  #context(session: CheckoutSession, provider?: ClientProvider): ClientProviderContext {
    const { config, backend } = this.#link.value!;
    return {
      session,
      locale: languageOf(this),
      dir: this.matches(':dir(rtl)') ? 'rtl' : 'ltr',
      apiBase: config.apiBase,
      publishableKey: config.publishableKey,
      ...(config.nonce || this.nonce ? { nonce: config.nonce || this.nonce } : {}),
      ...(config.fetch ? { fetch: config.fetch } : {}),
      nearViewport,
      // PayPal: the order is created by the backend from the live session (a new key per click).
      ...(provider && backend.prepare
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

  async #start(context: CheckoutContext): Promise<void> {
    const load = ++this.#load;
    this.#unmount();
    const session = context.session!;
    this.#session = session;
    // Wallet SDKs (Stripe.js, PayPal's) load only once the wallets are about to be visible: not
    // while the enclosing checkout shows its one-click button (the express slot is not rendered).
    await nearViewport(this);
    if (load !== this.#load) return;
    void import('./authorize.js');
    const availability: ExpressAvailability[] = [];
    const named = this.#named();
    const shown = (id: ProviderId) => (named.length ? named.includes(id) : !context.methodProviders.includes(id));
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

  #callbacks(provider: ClientProvider): ExpressCallbacks {
    const context = () => this.#link.value!;
    const save = async (run: () => Promise<CheckoutSession>) => {
      const session = await context().save(run);
      this.#session = session;
      for (const { express } of this.#mounted) express.update(session);
      return session;
    };
    return {
      currentSession: () => this.#session!,
      // The backend prices the session; the address in the sheet is partial until the shopper pays.
      onShippingAddressChange: () => save(() => context().backend.getSession()),
      onShippingOptionChange: (id) => save(() => context().backend.setShippingOption(id)),
      onCancel: () => {},
      // The authorisation step loads with the wallets (prefetched in #start), not with the element.
      onAuthorized: async (payment) =>
        (await import('./authorize.js')).authorize(payment, provider, {
          context: context(),
          t: this.t,
          providerContext: (session) => this.#context(session, provider),
          report: (message) => (this.alert = message),
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
