import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import type { CheckoutSession, ProviderId } from '@omni-checkout/core/types';
import { CheckoutLink } from '../context/checkout-link.js';
import type { CheckoutContext } from '../context/context.js';
import { VERSION } from '../internal/define-element.js';
import { nearViewport } from '../internal/near-viewport.js';
import { enFirst, speakFirst, type FirstTranslation } from '../i18n/first.js';
import { expressStyles } from './express.styles.js';
import type { ExpressAvailability, Wallets } from './wallets.js';

// Declared with the wallets, which work it out; a type only, so nothing of their chunk loads with it.
export type { ExpressAvailability };

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
 *
 * Up front the element is its empty group only. Once it is near the viewport, the wallets load as
 * one chunk with their payment step (`wallets.ts`, `authorize.ts`), then the providers' adapters
 * and SDKs; `omni-ready` fires when they are mounted.
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
  /** The wallets and their payment step (`wallets.ts`), once the element came near the viewport. */
  #wallets: Wallets | null = null;
  #load = 0;

  /** Which wallets show, and why the others do not. */
  getAvailability(): readonly ExpressAvailability[] {
    return this.#wallets?.availability ?? [];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#wallets?.unmount();
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
      this.#wallets?.update(session);
    }
  }

  #named(): ProviderId[] {
    return this.providers.split(/\s+/).filter(Boolean) as ProviderId[];
  }

  async #start(context: CheckoutContext): Promise<void> {
    const load = ++this.#load;
    this.#wallets?.unmount();
    const session = context.session!;
    this.#session = session;
    // Wallet SDKs (Stripe.js, PayPal's) load only once the wallets are about to be visible: not
    // while the enclosing checkout shows its one-click button (the express slot is not rendered).
    // The wallets' own code and their payment step too: none of it shows before they mount.
    await nearViewport(this);
    if (load !== this.#load) return;
    const { Wallets } = await import('./wallets.js');
    if (load !== this.#load) return;
    // One per element: what the last mounting found stays `getAvailability()` until the next is done.
    this.#wallets ??= new Wallets(this, {
      context: () => this.#link.value!,
      session: () => this.#session!,
      saved: (saved) => (this.#session = saved),
      t: () => this.t,
      report: (message) => (this.alert = message),
    });
    await this.#wallets.mount(session, this.#named(), () => load === this.#load);
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
