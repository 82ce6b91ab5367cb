import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { createBackendClient, type CheckoutBackend } from '@omni-checkout/core/client';
import { createMachine, loaded, paidElsewhere, type CheckoutMachine } from '@omni-checkout/core/machine';
import { initialCheckoutState, type CheckoutState } from '@omni-checkout/core/state';
import { formatMoney } from '@omni-checkout/core/money';
import { OmniApiError } from '@omni-checkout/core/errors';
import type { CheckoutSession } from '@omni-checkout/core/types';
import type { SuggestionSource } from '@omni-checkout/core/suggestions';
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { DeliverabilityCheck } from '../address/address.js';
import { rememberedDevice } from '../identity/device.js';
import { OmniCompleteEvent } from '../events/complete.js';
import { OmniErrorEvent } from '../events/error.js';
import { OmniLoadErrorEvent } from '../events/load-error.js';
import { OmniReadyEvent } from '../events/ready.js';
import { VERSION } from '../internal/define-element.js';
import { enFirst, languageOf, speakFirst, type FirstTranslation } from '../i18n/first.js';
import type { OmniShipping } from '../shipping/shipping.js';
import '../summary/define.js';
import { checkoutStyles } from './checkout.styles.js';
import type { CheckoutHost, CheckoutValue, FormPart } from './host.js';
import { PAINTED, type PaintedElement } from './handover.js';
import { oneClickPayment, oneClickTemplate, recallDevice, requestIdle, type Recalled } from './one-click.js';
import { CheckoutProvision } from './provide.js';
import { shellTemplate, successTemplate } from './shell-template.js';

export type { CheckoutValue };

/**
 * The form and the payment fields, loaded when needed, never for the one-click first render; with
 * the identity network, the same form with `<omni-identity>` and `<omni-saved-methods>`.
 */
const formModule = (identity: boolean) => (identity ? import('./identity-form.js') : import('./checkout-form.js'));

let instances = 0;

/**
 * @summary One-click checkout: contact, shipping address, shipping method, payment and the pay
 * button for one checkout session.
 *
 * @event omni-ready - The session is loaded and the checkout is shown (without the identity network, the payment fields are mounted; with it they mount on intent).
 * @event omni-load-error - The session or the payment provider could not be loaded (`code`, `message`).
 * @event omni-address-change - A shipping address field changed (`complete`, `empty`, `value`).
 * @event omni-shipping-change - The shopper chose a shipping option (`value`: its id).
 * @event omni-payment-requires-action - The bank asks the shopper to verify the payment (`action`).
 * @event omni-complete - The payment succeeded and the order was recorded (`orderId`, `session`); also after a return from a provider's redirect.
 * @event omni-error - A payment or a detail was refused (`code`, `message`).
 *
 * @slot express - `<omni-express>`: wallet buttons above the summary; it uses this checkout's session.
 * @slot handoff - `<omni-handoff>`: "Pay on your phone" below the pay button; a payment there completes this checkout.
 *
 * @csspart base - The layout wrapping every section.
 * @csspart section - Each section (summary, shipping method, payment, success).
 * @csspart summary - The order summary (`<omni-summary>`).
 * @csspart line-item - One line of the order summary.
 * @csspart total - The total row of the order summary.
 * @csspart shipping-option - One shipping option (radio, name, estimate, price) of `<omni-shipping>`.
 * @csspart pay-button - The pay button.
 * @csspart status - Polite live region: progress messages.
 * @csspart error - Assertive live region: what went wrong and how to fix it.
 * @csspart success - The success message with the order number.
 * @csspart one-click - "Welcome back" with the one-click button (remembered device with a passkey).
 *
 * @cssproperty --omni-font-family - Font family of all text.
 * @cssproperty --omni-font-size - Base font size.
 * @cssproperty --omni-color-text - Text colour.
 * @cssproperty --omni-color-text-muted - Secondary text.
 * @cssproperty --omni-color-background - Background of the checkout and its fields.
 * @cssproperty --omni-color-primary - Pay button, selected option, links.
 * @cssproperty --omni-color-on-primary - Text on the primary colour.
 * @cssproperty --omni-color-border - Field and option borders.
 * @cssproperty --omni-color-error - Errors.
 * @cssproperty --omni-color-success - Payment succeeded.
 * @cssproperty --omni-radius - Corner radius.
 * @cssproperty --omni-spacing - Spacing unit.
 * @cssproperty --omni-focus-ring - Focus indicator (`box-shadow` value).
 *
 * @cssstate paying - A payment is in flight (including a 3-D Secure challenge).
 * @cssstate succeeded - The payment succeeded.
 * @cssstate failed - The last payment attempt failed; the shopper can fix it and pay again.
 *
 * Under a nonce-based CSP, give the element the page's nonce (`nonce` attribute or property, which
 * browsers hide from the DOM): provider scripts such as Stripe.js are inserted with it.
 *
 * The client secret is a JavaScript property only (`clientSecret`): never an attribute, a URL or a
 * log line. The fields browsers autofill are native inputs in the element's light DOM.
 *
 * The element is a small shell: it provides the checkout context (`context/context.ts`) to every
 * part inside it, renders `<omni-summary>`, `<omni-shipping>` and the pay button, and pays through
 * the payment flow of `@omni-checkout/core/flow`. The form, the payment fields and the identity
 * network load when needed (`checkout-form.ts`); a remembered device with a passkey gets one
 * button, "Pay €42.00 with •••• 4242, deliver to Home", without them. See docs/architecture.md.
 */
export class OmniCheckout extends LitElement implements CheckoutHost {
  static readonly version = VERSION;
  static override styles = checkoutStyles;

  // `static properties`, not decorators: the first render carries no decorator helpers (docs/architecture.md).
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    apiBase: { attribute: 'api-base' },
    clientSecret: { attribute: false },
    fetch: { attribute: false },
    identity: { type: Boolean },
    suggestions: { attribute: false },
    deliverability: { attribute: false },
    session: { state: true },
    checkout: { state: true },
    t: { state: true },
    alert: { state: true },
    notice: { state: true },
    oneClick: { state: true },
    recalling: { state: true },
  };

  static override get observedAttributes(): string[] {
    // `lang` and `dir` stay native attributes; the element re-renders when they change.
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  /** The merchant's publishable key. */
  publishableKey = '';
  /** Origin (and optional path) of the omni-checkout backend. Defaults to the page's origin. */
  apiBase = '';
  /** The session's client secret. A property only; setting it loads the session. */
  clientSecret = '';
  /** Optional `fetch` for the backend client and the provider (tests and Storybook pass an in-memory one). */
  declare fetch: typeof globalThis.fetch | undefined;
  /** Turns on the shopper identity network: recognition, saved details, one-click. */
  identity = false;
  /** Address suggestions for the shipping address's first line (see `<omni-address>`'s `suggestions`). */
  suggestions: SuggestionSource | null = null;
  /** The merchant's deliverability check for the shipping address (see `<omni-address>`'s `deliverability`). */
  deliverability: DeliverabilityCheck | null = null;

  /** @internal The session as the backend last answered it. */
  session: CheckoutSession | null = null;
  /** @internal The machine's state (rendered). */
  checkout: CheckoutState = initialCheckoutState;
  /** @internal */
  t: FirstTranslation = enFirst;
  /** @internal Assertive message. */
  alert = '';
  /** @internal Polite message. */
  notice = '';
  /** @internal A remembered device with a passkey: the one-click button replaces the form. */
  oneClick: Recalled | null = null;
  /** @internal A remembered device is being looked up (nothing is shown yet). */
  private recalling = false;

  /** @internal Prefix of the light-DOM ids. */
  readonly formId = `omni-checkout-${++instances}`;
  /** @internal */
  machine: CheckoutMachine = createMachine();
  /** @internal */
  backend: CheckoutBackend | null = null;
  /** @internal The identity client (one per checkout, shopper token shared by every part). */
  identityClient: IdentityBackend | null = null;
  /** @internal The form, once loaded. */
  form: FormPart | null = null;
  /** @internal The checkout context this element provides, and its save queue. */
  readonly context: CheckoutProvision = new CheckoutProvision(this);

  readonly #internals = this.attachInternals();
  /** The painted first render (`paint.ts`) this element took over, until the shell's render replaces it. */
  #painted = (this as PaintedElement)[PAINTED] ?? null;
  #load = 0;
  #unsubscribe: (() => void) | null = null;
  #announced = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // Capture: a part's event stops here, before any listener the page put on this element.
    this.addEventListener('omni-complete', this.#onExpressComplete, true);
    this.addEventListener('omni-error', this.#onPartError);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moving the element (disconnect + connect in one task) keeps the payment fields.
    queueMicrotask(() => {
      if (!this.isConnected) this.form?.unmount();
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    // `lang` and `dir` are not properties: nothing else would re-render (for the others, the update
    // their property asked for is the same one).
    this.requestUpdate();
  }

  /** The shopper's details as entered. */
  getValue(): CheckoutValue {
    return (
      this.form?.getValue() ?? {
        complete: false,
        value: { contact: this.session?.contact ?? null, shippingAddress: this.session?.shippingAddress ?? {}, shippingOptionId: this.session?.selectedShippingOptionId ?? null },
      }
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    speakFirst(this, (t) => (this.t = t));
    if (changed.has('clientSecret') || changed.has('apiBase') || changed.has('publishableKey') || changed.has('fetch')) {
      if (this.clientSecret) void this.#start();
    }
  }

  protected override updated(): void {
    const status = this.checkout.status;
    const states = { paying: status === 'paying' || status === 'requires_action', succeeded: status === 'succeeded', failed: status === 'failed' };
    for (const [name, on] of Object.entries(states)) this.#internals.states[on ? 'add' : 'delete'](name);
    const painted = this.#painted;
    // Past the loading skeleton (in the same task as the upgrade: the recall's answer is in): the shell's render replaces the painted one.
    if (painted?.node && (this.alert || (this.session && !this.recalling))) {
      this.#painted = null;
      painted.replace(this.renderRoot as ShadowRoot);
    }
  }

  /** @internal */
  shipping(): OmniShipping | null {
    return this.renderRoot.querySelector('omni-shipping');
  }

  // ── Loading ──────────────────────────────────────────────────────────────────────────────

  async #start(): Promise<void> {
    const load = ++this.#load;
    this.form?.unmount();
    this.form = null;
    this.#unsubscribe?.();
    this.machine = createMachine();
    this.#unsubscribe = this.machine.subscribe((state) => (this.checkout = state));
    this.checkout = this.machine.state;
    this.#announced = false;
    this.session = null;
    this.oneClick = null;
    this.alert = '';
    this.notice = this.t.loading;
    const config = this.context.config();
    const device = this.identity ? rememberedDevice(this.publishableKey) : null;
    // What `checkout/first` asked already for this session (the recall, or a guest's session): never twice (a second passkey challenge).
    const handed = this.#painted?.recall(config.clientSecret, config.publishableKey) ?? null;
    // A remembered device is looked up before anything shows: its one-click button may replace the form.
    this.recalling = Boolean(device);
    let session: CheckoutSession, found: Recalled | null;
    try {
      this.backend = createBackendClient(config);
      this.identityClient = null;
      this.context.provide();
      // One backend call, at once: `recall` (session, device, passkey options) on a remembered device, else the
      // session; the form's identity client loads beside it, unwaited for (behind a one-click button: on idle).
      if (!device) void this.loadIdentityClient().catch(() => undefined);
      ({ session, recalled: found } = await (handed ?? (device ? recallDevice(this.backend, device) : this.backend.getSession().then((s) => ({ session: s, recalled: null })))));
    } catch (error) {
      if (load === this.#load) this.loadFailed(error);
      return;
    }
    if (load !== this.#load) return;
    this.session = session;
    this.context.provide();
    // Back from a provider's redirect (a query in the address, a session not open, or reopened with
    // the bank's refusal): `returned.ts`.
    if (location.search && (session.status !== 'open' || session.lastPaymentError) && (await (await import('./returned.js')).returnedFromRedirect(this, session, () => load === this.#load))) return;
    if (load !== this.#load) return;
    if (loaded(this.machine, session)) {
      this.recalling = false;
      this.notice = '';
      return;
    }
    this.recalling = false;
    if (found && this.checkout.status !== 'succeeded') {
      this.oneClick = found;
      this.notice = '';
      this.dispatchEvent(new OmniReadyEvent());
      // Preloaded once the button shows, so neither the click nor "Use other details" waits.
      requestIdle(() => void Promise.all([this.loadIdentityClient(), oneClickPayment(), formModule(this.identity)]).catch(() => undefined));
      return;
    }
    await this.#loadForm(load);
  }

  async #loadForm(load: number): Promise<void> {
    if (this.form) return;
    try {
      // With the identity network, its elements register before the form first renders (no shift when they upgrade).
      const [{ CheckoutForm, prepareForm }] = await Promise.all([formModule(this.identity), this.loadIdentityClient()]);
      // The country's address rules (and the parts the session offers) first, so the form shows whole at once.
      const parts = this.session ? await prepareForm(this, this.session) : {};
      if (load !== this.#load || this.form) return;
      this.form = new CheckoutForm(this, parts);
    } catch (error) {
      if (load === this.#load) this.loadFailed(error);
      return;
    }
    await this.form.start(() => load === this.#load);
  }

  /** @internal The identity client (with the `identity` attribute), a lazy chunk loaded once per session; every part then gets it. */
  async loadIdentityClient(): Promise<IdentityBackend | null> {
    const load = this.#load;
    if (this.identity && !this.identityClient) {
      const { createIdentityClient } = await import('@omni-checkout/core/identity-client');
      if (load === this.#load) this.identityClient ??= createIdentityClient(this.context.config());
      this.context.provide();
    }
    return this.identityClient;
  }

  /** @internal */
  loadFailed(error: unknown): void {
    const code = error instanceof OmniApiError ? error.code : 'load_failed';
    // Backend messages are written for shoppers, in English (the page's language has its own words for
    // some codes: an expired checkout, a link not valid, the backend out of reach); anything else (a
    // failed import…) is not.
    const message = error instanceof OmniApiError && code !== 'internal_error' ? this.t.errors.backend?.[code] || error.message : this.t.errors.loadFailed;
    this.session = null;
    this.recalling = false;
    this.notice = '';
    this.alert = message;
    this.dispatchEvent(new OmniLoadErrorEvent({ code, message }));
  }

  // ── Outcomes ─────────────────────────────────────────────────────────────────────────────

  /** @internal The flow said succeeded (here, by a wallet beside the form, or elsewhere): the order shows, `omni-complete` fires once. */
  async completed(outcome: { readonly session: CheckoutSession; readonly orderId: string }): Promise<void> {
    this.session = outcome.session;
    this.oneClick = null;
    this.notice = '';
    this.form?.unmount();
    if (this.#announced) return;
    this.#announced = true;
    this.dispatchEvent(new OmniCompleteEvent({ orderId: outcome.orderId, session: outcome.session }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="success"] h2')?.focus();
  }

  /**
   * `<omni-express>` (slot `express`) or `<omni-handoff>` (slot `handoff`) saw the session paid: the
   * checkout shows its success state and fires its own `omni-complete`, once — the part's event
   * stops here.
   */
  #onExpressComplete = (event: OmniCompleteEvent): void => {
    const source = event.target as Element;
    // Only parts fire omni-complete inside a checkout: <omni-express> and <omni-handoff>.
    if (source === this) return;
    // In the capture phase: nothing after this (the part, the page's listeners on the checkout) sees it.
    event.stopPropagation();
    const outcome = paidElsewhere(this.machine, event.session, event.orderId);
    if (outcome.status === 'succeeded') void this.completed(outcome);
  };

  /** A part inside (`<omni-shipping>`) could not save: its message shows in the checkout's alert. */
  #onPartError = (event: OmniErrorEvent): void => {
    if (event.target === this || (event.target as Element).localName === 'omni-express') return;
    this.alert = event.message;
  };

  #useOtherDetails = async (): Promise<void> => {
    this.oneClick = null;
    await this.#loadForm(this.#load);
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(`#${this.formId}-email`)?.focus();
  };

  // ── Rendering ────────────────────────────────────────────────────────────────────────────

  /** @internal */
  money(amount: number): string {
    return formatMoney({ amount, currency: this.session!.currency }, languageOf(this));
  }

  protected override render(): TemplateResult {
    const { t, session } = this;
    const body =
      this.checkout.status === 'succeeded'
        ? successTemplate(this)
        : session && this.oneClick
          ? oneClickTemplate(this, session, this.oneClick, this.#useOtherDetails)
          : session && !this.recalling
            ? shellTemplate(this, session)
            : this.clientSecret && !this.alert
              ? // Loading: the place the checkout will take is kept, so nothing below it jumps.
                html`<div class="skeleton ${this.recalling ? 'recall' : 'loading'}" aria-hidden="true"></div>`
              : nothing;
    return html`<div part="base">
      ${body}
      <p part="status" role="status">${this.notice}</p>
      <div part="error" role="alert">${this.alert}</div>
    </div>`;
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'omni-checkout': OmniCheckout;
  }
}
