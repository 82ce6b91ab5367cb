import { LitElement, html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createBackendClient, type CheckoutBackend } from '@omni-checkout/core/client';
import {
  isProviderRegistered,
  loadProvider,
  type ClientProvider,
  type ClientProviderContext,
  type MountedPaymentFields,
  type SubmitOutcome,
} from '@omni-checkout/core/provider';
import { initialCheckoutState, isEditable, transition, type CheckoutError, type CheckoutEvent, type CheckoutState } from '@omni-checkout/core/state';
import { formatMoney } from '@omni-checkout/core/money';
import { OmniApiError } from '@omni-checkout/core/errors';
import { ADDRESS_FIELDS, completeAddress, readAddress, readContact, sameValue, type AddressField, type FormField } from '@omni-checkout/core/checkout-form';
import type { CheckoutSession, ConfirmResponse, Contact, PostalAddress, ProviderId } from '@omni-checkout/core/types';
import type { DeliverabilityCheck, OmniAddress } from '../address/address.js';
import type { SuggestionSource } from '@omni-checkout/core/suggestions';
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { DeviceSummary, ShopperProfile } from '@omni-checkout/core/identity';
import type { OmniIdentityRecognizedEvent } from '../events/identity-recognized.js';
import type { OmniSavedMethodChangeEvent } from '../events/saved-method-change.js';
import type { IdentityHost, IdentityUi } from './identity-parts.js';

/** The identity network's browser half, loaded only for merchants that turn it on. */
const identityModules = () =>
  Promise.all([import('@omni-checkout/core/identity-client'), import('../identity/passkeys.js'), import('./identity-parts.js')]).then(
    ([client, passkeys, parts]) => ({ ...client, ...passkeys, ...parts }),
  );
type IdentityModules = Awaited<ReturnType<typeof identityModules>>;
import { OmniCompleteEvent } from '../events/complete.js';
import { OmniErrorEvent } from '../events/error.js';
import { OmniLoadErrorEvent } from '../events/load-error.js';
import { OmniPaymentRequiresActionEvent } from '../events/payment-requires-action.js';
import { OmniReadyEvent } from '../events/ready.js';
import { OmniShippingChangeEvent } from '../events/shipping-change.js';
import { VERSION } from '../internal/define-element.js';
import { nearViewport } from '../internal/near-viewport.js';
import { en, languageOf, speak, type Translation, isolate } from '../i18n/index.js';
import { checkoutStyles, lightStyles } from './checkout.styles.js';

/** What `getValue()` answers: the shopper's details as entered, in Stripe's change shape. */
export interface CheckoutValue {
  readonly complete: boolean;
  readonly value: {
    readonly contact: Contact | null;
    readonly shippingAddress: Partial<PostalAddress>;
    readonly shippingOptionId: string | null;
  };
}

let instances = 0;
let lightSheet: CSSStyleSheet | undefined;

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
 *
 * @csspart base - The layout wrapping every section.
 * @csspart section - Each section (summary, shipping method, payment, success).
 * @csspart summary - The order summary.
 * @csspart line-item - One line of the order summary.
 * @csspart total - The total row of the order summary.
 * @csspart shipping-option - One shipping option (radio, name, estimate, price).
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
 * Providers whose own button pays (PayPal, Pay Later, Venmo) render under the payment fields when
 * the session offers them and the page registered them; each loads only when about to be visible.
 *
 * With the `identity` attribute the contact step is `<omni-identity>` (recognition by code or
 * passkey), a guest is offered an unticked "save my details", a recognised shopper gets
 * `<omni-saved-methods>` and a prefilled form, and a remembered device with a passkey gets one
 * button: "Pay €42.00 with •••• 4242, deliver to Home". A recognised shopper chooses among the
 * saved addresses (a native radio group, "Deliver to"), adds one ("A new address" → the address
 * form, a name, "Save this address") or makes the chosen one the default, without re-typing a saved
 * address. A payment with a saved method to a new shipping country above the backend's threshold
 * asks for step-up (SECURITY R20): a code by SMS (or the passkey), then pays.
 */
export class OmniCheckout extends LitElement {
  static readonly version = VERSION;
  static override styles = checkoutStyles;

  static override get observedAttributes(): string[] {
    // `lang` and `dir` stay native attributes; the element re-renders when they change.
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  /** The merchant's publishable key. */
  @property({ attribute: 'publishable-key' }) publishableKey = '';

  /** Origin (and optional path) of the omni-checkout backend. Defaults to the page's origin. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** The session's client secret. A property only; setting it loads the session. */
  @property({ attribute: false }) clientSecret = '';

  /** Optional `fetch` for the backend client and the provider (tests and Storybook pass an in-memory one). */
  @property({ attribute: false }) fetch: typeof globalThis.fetch | undefined = undefined;

  /** Turns on the shopper identity network: recognition, saved details, one-click. */
  @property({ type: Boolean }) identity = false;

  /** Address suggestions for the shipping address's first line (see `<omni-address>`'s `suggestions`). */
  @property({ attribute: false }) suggestions: SuggestionSource | null = null;

  /** The merchant's deliverability check for the shipping address (see `<omni-address>`'s `deliverability`). */
  @property({ attribute: false }) deliverability: DeliverabilityCheck | null = null;

  @state() private profile: ShopperProfile | null = null;
  @state() private savedMethod: string | null = null;
  @state() private oneClick: DeviceSummary | null = null;
  @state() private saveConsent = false;

  @state() private session: CheckoutSession | null = null;
  @state() private checkout: CheckoutState = initialCheckoutState;
  @state() private t: Translation = en;
  @state() private alert = '';
  @state() private notice = '';
  @state() private fieldErrors: Partial<Record<FormField, string>> = {};
  @state() private shippingError = '';
  @state() private shippingChoice: string | null = null;
  @state() private fieldsReady = false;
  /** A remembered device is being looked up: nothing is shown yet (the one-click button may replace the form). */
  @state() private recalling = false;
  /** The main provider's own button pays (a PayPal-only checkout): no pay button of ours. */
  @state() private ownButton = false;

  readonly #internals = this.attachInternals();
  readonly #id = `omni-checkout-${++instances}`;
  #backend: CheckoutBackend | null = null;
  #identity: IdentityBackend | null = null;
  #identityKit: IdentityModules | null = null;
  #oneClickOptions: Record<string, unknown> | null = null;
  /** "Deliver to" and step-up (R20), loaded with the identity client. */
  #ui: IdentityUi | null = null;
  #provider: ClientProvider | null = null;
  #fields: MountedPaymentFields | null = null;
  /** Providers whose own button pays (PayPal), mounted beside the main payment fields. */
  #wallets = new Map<ProviderId, MountedPaymentFields>();
  #unsubscribe: (() => void) | null = null;
  /** The main payment fields being mounted (once per load). */
  #mounting: Promise<void> | null = null;
  #card = { complete: false, message: '' };
  #load = 0;
  #saves: Promise<unknown> = Promise.resolve();
  #email = '';
  /** The address the session started with: a stable value for `<omni-address>` (its reset goes back to it). */
  #prefillAddress: Partial<PostalAddress> | null = null;
  #prefillCountry = '';

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightStyles(this.getRootNode());
    this.addEventListener('focusin', this.#onFocusIn);
    this.addEventListener('omni-complete', this.#onExpressComplete);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moving the element (disconnect + connect in one task) keeps the payment fields.
    queueMicrotask(() => {
      if (!this.isConnected) this.#unmount();
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' || name === 'dir') this.requestUpdate();
  }

  /** The shopper's details as entered. */
  getValue(): CheckoutValue {
    const address = this.#address()?.getValue() ?? readAddress({}, null);
    const contact = readContact(this.#input('email')?.value);
    return {
      complete: this.#formComplete(),
      value: { contact, shippingAddress: address.value, shippingOptionId: this.#selectedShipping() },
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The identity elements load only for merchants that turn the network on.
    if (changed.has('identity') && this.identity) void Promise.all([import('../identity/define.js'), import('../saved-methods/define.js')]);
    speak(this, (t) => (this.t = t));
    if (changed.has('clientSecret') || changed.has('apiBase') || changed.has('publishableKey') || changed.has('fetch')) {
      if (this.clientSecret) void this.#start();
    }
  }

  protected override updated(): void {
    render(this.session && this.checkout.status !== 'succeeded' ? this.#lightTemplate(this.session) : nothing, this, { host: this });
    const status = this.checkout.status;
    this.#setState('paying', status === 'paying' || status === 'requires_action');
    this.#setState('succeeded', status === 'succeeded');
    this.#setState('failed', status === 'failed');
  }

  // ── Loading ──────────────────────────────────────────────────────────────────────────────

  async #start(): Promise<void> {
    const load = ++this.#load;
    this.#unmount();
    this.session = null;
    this.checkout = initialCheckoutState;
    this.alert = '';
    this.notice = this.t.loading;
    let session: CheckoutSession;
    try {
      this.#backend = createBackendClient({
        apiBase: this.apiBase,
        publishableKey: this.publishableKey,
        clientSecret: this.clientSecret,
        ...(this.fetch ? { fetch: this.fetch } : {}),
      });
      this.#identityKit = this.identity ? await identityModules() : null;
      this.#identity = this.#identityKit
        ? this.#identityKit.createIdentityClient({
            apiBase: this.apiBase,
            publishableKey: this.publishableKey,
            clientSecret: this.clientSecret,
            ...(this.fetch ? { fetch: this.fetch } : {}),
          })
        : null;
      this.#ui = this.#identity ? new this.#identityKit!.IdentityUi(this.#host(this.#identity)) : null;
      this.profile = null;
      this.savedMethod = null;
      this.oneClick = null;
      session = await this.#backend.getSession();
    } catch (error) {
      if (load === this.#load) this.#loadFailed(error, this.t.errors.loadFailed);
      return;
    }
    if (load !== this.#load) return;
    this.#email = session.contact?.email ?? '';
    this.#prefillAddress = session.shippingAddress;
    this.#prefillCountry = session.shippingAddress?.country ?? session.country;
    this.shippingChoice = session.selectedShippingOptionId;
    // A remembered device is looked up before the form shows: its one-click button may replace it.
    this.recalling = Boolean(this.#identityKit?.rememberedDevice(this.publishableKey));
    this.session = session;
    if (await this.#returned(session, load)) return;
    if (session.status === 'complete' && session.orderId) {
      this.notice = '';
      this.checkout = { ...this.checkout, status: 'succeeded', orderId: session.orderId };
      return;
    }
    try {
      await this.updateComplete;
      this.#provider = await loadProvider(session.provider.id);
      if (load !== this.#load) return;
    } catch (error) {
      if (load === this.#load) this.#loadFailed(error, this.t.errors.providerFailed);
      return;
    }
    if (this.#identity) {
      // A remembered device first: its one-click button replaces the form, and then no payment
      // fields (and no provider SDK) load at all.
      if (this.recalling) {
        await this.#recallDevice(load);
        if (load !== this.#load) return;
        this.recalling = false;
      }
      this.notice = '';
      if (!this.oneClick) void this.#armFields(load);
    } else {
      await this.#mountFields();
      if (load !== this.#load || !this.#fields) return;
      this.notice = '';
    }
    this.dispatchEvent(new OmniReadyEvent());
    void this.#mountWallets(session, load);
  }

  /**
   * Mounts the main provider's payment fields, once per load: this is what loads the provider's
   * SDK (Stripe.js…). Without the identity network it runs at once; with it, on intent (`#armFields`).
   */
  #mountFields(): Promise<void> {
    this.#mounting ??= this.#mount(this.#load);
    return this.#mounting;
  }

  async #mount(load: number): Promise<void> {
    const container = this.querySelector<HTMLElement>(`#${this.#id}-payment`);
    const provider = this.#provider;
    if (!container || !provider || this.checkout.status === 'succeeded') {
      this.#mounting = null;
      return;
    }
    let fields: MountedPaymentFields;
    try {
      fields = await provider.mountPaymentFields(container, this.#context());
    } catch (error) {
      if (load === this.#load) this.#loadFailed(error, this.t.errors.providerFailed);
      return;
    }
    if (load !== this.#load) return void fields.destroy();
    this.#fields = fields;
    this.#unsubscribe = fields.onChange((change) => {
      this.#card = { complete: change.complete, message: change.error?.message ?? '' };
      this.#formChanged();
    });
    this.ownButton = Boolean(fields.ownButton);
    this.fieldsReady = true;
    this.#formChanged();
  }

  /**
   * With the identity network, a returning shopper may pay with a saved method: the payment
   * fields (and the provider's SDK) load only when the shopper shows they need them — the payment
   * section comes into view without a saved method chosen, they start on the address (a guest),
   * they pick "Add a new card", or they press pay.
   */
  async #armFields(load: number): Promise<void> {
    await this.updateComplete;
    const container = this.querySelector<HTMLElement>(`#${this.#id}-payment`);
    if (!container || load !== this.#load) return;
    // A hidden container (a saved method chosen) is never "in view"; it is once "Add a new card" shows it.
    await nearViewport(container);
    if (load === this.#load) void this.#mountFields();
  }

  #onFocusIn = (event: FocusEvent): void => {
    if (this.#fields || this.#mounting || !this.#identity || this.oneClick) return;
    const target = event.target as Element;
    // Typing the email (and the code) is how a returning shopper signs in: not a reason to load a card form.
    if (target.closest('omni-identity') || !this.#form()?.contains(target)) return;
    void this.#mountFields();
  };

  /**
   * The session's other providers whose own buttons show here as payment methods (PayPal): every
   * one the page registered, except those a child `<omni-express providers="…">` names (their
   * buttons show in the express area instead). `<omni-express>` leaves these out by default.
   */
  walletMethodProviders(session: CheckoutSession): ProviderId[] {
    const express = [...this.children]
      .filter((child) => child.localName === 'omni-express')
      .flatMap((child) => (child.getAttribute('providers') ?? '').split(/\s+/).filter(Boolean));
    return (session.providers ?? [])
      .filter((p) => p.id !== session.provider.id && p.methods.length && isProviderRegistered(p.id) && !express.includes(p.id))
      .map((p) => p.id);
  }

  /**
   * The session's other providers whose own button pays (PayPal, Pay Later, Venmo), each in its
   * light-DOM container under the payment fields. Each adapter loads only when its container is
   * about to be visible, and only if the page registered it.
   */
  async #mountWallets(session: CheckoutSession, load: number): Promise<void> {
    const shown = this.walletMethodProviders(session);
    for (const entry of session.providers ?? []) {
      if (!shown.includes(entry.id)) continue;
      const container = this.querySelector<HTMLElement>(`#${this.#id}-wallet-${entry.id}`);
      if (!container) continue;
      try {
        await nearViewport(container);
        if (load !== this.#load) return;
        const provider = await loadProvider(entry.id);
        const fields = await provider.mountPaymentFields(container, this.#context(provider));
        if (load !== this.#load || !fields.ownButton) {
          fields.destroy();
          continue;
        }
        this.#wallets.set(entry.id, fields);
        fields.onChange((change) => {
          if (change.error?.code !== 'authentication_canceled') return;
          this.alert = '';
          this.notice = this.t.errors.walletCanceled;
        });
      } catch {
        // A wallet that cannot load leaves the other ways to pay in place.
      }
    }
  }

  // ── Identity network ─────────────────────────────────────────────────────────────────────

  /** A remembered device with a passkey: offer the one-click button (its passkey options fetched ahead). */
  async #recallDevice(load: number): Promise<void> {
    const token = this.#identityKit?.rememberedDevice(this.publishableKey);
    const identity = this.#identity;
    if (!token || !identity) return;
    try {
      const summary = await identity.device(token);
      if (load !== this.#load || !summary.recognized || !summary.method || !summary.address || !summary.hasPasskey) return;
      this.#oneClickOptions = (await identity.passkeyAuthenticationOptions()).options;
      if (load === this.#load && this.checkout.status !== 'succeeded') this.oneClick = summary;
    } catch {
      // Not recognised here: the usual form stays.
    }
  }

  #onRecognized = async (event: OmniIdentityRecognizedEvent): Promise<void> => {
    this.profile = event.profile;
    this.savedMethod = (event.profile.savedMethods.find((m) => m.isDefault) ?? event.profile.savedMethods[0])?.id ?? null;
    try {
      await this.#save(async () => {
        const session = await this.#identity!.apply();
        this.#email = session.contact?.email ?? this.#email;
        this.#prefillAddress = session.shippingAddress;
        this.#prefillCountry = session.shippingAddress?.country ?? session.country;
        this.shippingChoice = session.selectedShippingOptionId;
        this.#ui?.recognized(event.profile, session);
        return session;
      });
    } catch (error) {
      this.#reportSaveError(error);
    }
    this.#formChanged();
  };

  /** What "Deliver to" and step-up (`identity-parts.ts`, loaded lazily) may do here. */
  #host(identity: IdentityBackend): IdentityHost {
    return {
      id: this.#id,
      identity,
      element: this,
      lit: { html, nothing },
      t: () => this.t,
      profile: () => this.profile,
      setProfile: (profile) => (this.profile = profile),
      session: () => this.session,
      save: (run) => this.#save(run),
      address: () => this.#address(),
      saveAddress: () => this.#saveAddress(),
      prefill: (address, country) => {
        this.#prefillAddress = address;
        this.#prefillCountry = country;
      },
      formChanged: () => this.#formChanged(),
      pay: () => this.#pay(),
      say: (kind, text) => (this[kind] = text),
      reportError: this.#reportSaveError,
      errorCode: (error) => (error instanceof OmniApiError ? error.code : undefined),
      sameValue,
      completeAddress,
      signInWithPasskey: (backend) => this.#identityKit!.signInWithPasskey(backend),
    };
  }

  #onSavedMethod = (event: OmniSavedMethodChangeEvent): void => {
    this.savedMethod = event.value;
    // "Add a new card": now the payment fields are needed.
    if (event.value === null) void this.#mountFields();
    this.#formChanged();
  };

  #useOtherDetails = async (): Promise<void> => {
    this.oneClick = null;
    void this.#armFields(this.#load);
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(`#${this.#id}-email`)?.focus();
  };

  /** One click: passkey prompt, then the saved method and address pay. No form, no keystroke. */
  #payOneClick = async (): Promise<void> => {
    const identity = this.#identity;
    const summary = this.oneClick;
    if (!identity || !summary?.method || !summary.address || !isEditable(this.checkout)) return;
    this.#transition({ type: 'FORM_CHANGED', complete: true });
    if (!this.#transition({ type: 'PAY', idempotencyKey: crypto.randomUUID() })) return;
    const attemptKey = this.checkout.attemptKey!;
    this.alert = '';
    try {
      const signedIn = await this.#identityKit!.signInWithPasskey(identity, this.#oneClickOptions ? { optionsJSON: this.#oneClickOptions } : {});
      this.#oneClickOptions = null;
      this.profile = signedIn.profile;
      this.session = await identity.apply(summary.address.id);
      const saved = signedIn.profile?.savedMethods.find((m) => m.id === summary.method!.id);
      const result = await identity.confirmSaved(summary.method.id, attemptKey, saved?.provider ?? this.#provider?.id);
      await this.#completed(result);
    } catch (error) {
      this.#oneClickOptions = null;
      const dismissed = this.#identityKit?.isPasskeyDismissal(error) ?? false;
      const failure = this.#toError(error);
      const message = dismissed ? '' : failure.message || this.t.errors.generic;
      this.#transition({ type: 'FAILED', error: { code: failure.code, message } });
      this.alert = message;
      if (!dismissed) this.dispatchEvent(new OmniErrorEvent({ code: failure.code, message }));
    }
  };

  /**
   * The session once it is paid, read again while the backend still says `processing` (about 5 s
   * at most); null when it is not paid (waiting for 3-D Secure, failed, expired).
   */
  async #paidMeanwhile(backend: CheckoutBackend): Promise<CheckoutSession | null> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const session = await backend.getSession().catch(() => null);
      if (session?.status === 'complete' && session.orderId) return session;
      if (session?.status !== 'processing') return null;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** Math.min(attempt, 2)));
    }
    return null;
  }

  async #completed(result: ConfirmResponse, paidOrderId?: string): Promise<void> {
    this.session = result.session;
    const orderId = paidOrderId || result.order?.id || result.session.orderId || '';
    // Paid here, or by a wallet beside the form (then the machine never saw PAY).
    if (!this.#transition({ type: 'SUCCEEDED', orderId })) this.checkout = { ...this.checkout, status: 'succeeded', orderId };
    this.oneClick = null;
    this.notice = '';
    this.#unmount();
    this.dispatchEvent(new OmniCompleteEvent({ orderId, session: result.session }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="success"] h2')?.focus();
  }

  /**
   * `<omni-express>` (slot `express`) paid: the checkout shows its success state and fires its own
   * `omni-complete`, once — the wallet's event stops here, so listeners above hear one.
   */
  #onExpressComplete = (event: OmniCompleteEvent): void => {
    const source = event.target as Element;
    if (source === this || source.localName !== 'omni-express' || source.parentElement !== this) return;
    event.stopPropagation();
    if (this.checkout.status === 'succeeded') return;
    void this.#completed({ status: 'succeeded', session: event.session, order: null }, event.orderId);
  };

  /** Sends the guest's "save my details" choice (and phone) before paying; nothing is stored without it. */
  async #sendSaveConsent(): Promise<void> {
    if (!this.#identity || this.profile || !this.saveConsent) return;
    const phone = this.#address()?.getValue().value.phone?.trim();
    await this.#identity.setSaveConsent(true, this.#identityKit!.SAVE_CONSENT_VERSION, phone || undefined);
  }

  /**
   * Back from a provider's redirect (a bank page, a redirect-based method): the provider recognises
   * its parameters, the address loses them, the backend says how the payment ended, and a paid
   * session fires `omni-complete`. Answers whether it handled the page.
   */
  async #returned(session: CheckoutSession, load: number): Promise<boolean> {
    if (!location.search || session.status === 'open') return false;
    const id = session.nextAction?.provider ?? session.provider.id;
    if (!isProviderRegistered(id)) return false;
    const provider = await loadProvider(id);
    const back = await provider.handleReturn?.(new URL(location.href), this.#context());
    if (!back || load !== this.#load) return false;
    history.replaceState(history.state, '', back.cleanUrl);
    try {
      const result = await this.#backend!.completeAction();
      this.session = result.session;
      const orderId = result.order?.id ?? result.session.orderId ?? '';
      this.notice = '';
      this.checkout = { ...this.checkout, status: 'succeeded', orderId };
      this.dispatchEvent(new OmniCompleteEvent({ orderId, session: result.session }));
      return true;
    } catch (error) {
      // Not paid: the shopper sees why and can pay again in the form below.
      const { code, message } = this.#toError(error);
      this.alert = message;
      this.dispatchEvent(new OmniErrorEvent({ code, message }));
      this.session = await this.#backend!.getSession().catch(() => session);
      return false;
    }
  }

  #loadFailed(error: unknown, fallback: string): void {
    const code = error instanceof OmniApiError ? error.code : 'load_failed';
    // Backend messages are written for shoppers; anything else (a failed import…) is not.
    const message = error instanceof OmniApiError && error.code !== 'internal_error' ? error.message : fallback;
    this.session = null;
    this.recalling = false;
    this.notice = '';
    this.alert = message;
    this.dispatchEvent(new OmniLoadErrorEvent({ code, message }));
  }

  #unmount(): void {
    this.#unsubscribe?.();
    this.#fields?.destroy();
    this.#unsubscribe = null;
    this.#fields = null;
    this.#mounting = null;
    this.fieldsReady = false;
    for (const wallet of this.#wallets.values()) wallet.destroy();
    this.#wallets.clear();
  }

  #context(provider = this.#provider): ClientProviderContext {
    const backend = this.#backend;
    return {
      session: this.session!,
      locale: languageOf(this),
      dir: this.matches(':dir(rtl)') ? 'rtl' : 'ltr',
      apiBase: this.apiBase,
      publishableKey: this.publishableKey,
      ...(this.nonce ? { nonce: this.nonce } : {}),
      ...(this.fetch ? { fetch: this.fetch } : {}),
      nearViewport,
      ...(provider
        ? {
            // A new key per click: a PayPal order per click, never one created twice for a retried request.
            ...(backend?.prepare ? { prepare: (request) => backend.prepare!({ ...request, provider: provider.id }, crypto.randomUUID()) } : {}),
            submit: (paymentMethod) => this.#submit(provider, paymentMethod),
            ready: () => this.#walletReady(),
          }
        : {}),
    } satisfies ClientProviderContext;
  }

  // ── Form state ───────────────────────────────────────────────────────────────────────────

  #input(name: FormField): HTMLInputElement | HTMLSelectElement | null {
    return this.querySelector<HTMLInputElement | HTMLSelectElement>(`#${this.#id}-${name}`);
  }

  #form(): HTMLFormElement | null {
    return this.querySelector<HTMLFormElement>(`#${this.#id}-form`);
  }

  #address(): OmniAddress | null {
    return this.querySelector<OmniAddress>('omni-address');
  }

  #selectedShipping(): string | null {
    return this.shippingChoice ?? this.session?.selectedShippingOptionId ?? null;
  }

  #shippingComplete(): boolean {
    return !this.session?.shippingOptions.length || this.#selectedShipping() !== null;
  }

  #formComplete(): boolean {
    return this.#detailsComplete() && (this.#card.complete || this.savedMethod !== null);
  }

  /** Contact, address and shipping: what a wallet whose own button pays needs from the form. */
  #detailsComplete(): boolean {
    return Boolean(this.#form()?.checkValidity()) && this.#shippingComplete();
  }

  #transition(event: CheckoutEvent): boolean {
    const next = transition(this.checkout, event);
    if (next === this.checkout) return false;
    this.checkout = next;
    return true;
  }

  #formChanged(): void {
    this.#transition({ type: 'FORM_CHANGED', complete: this.#formComplete() });
  }

  #setState(name: string, on: boolean): void {
    if (on) this.#internals.states.add(name);
    else this.#internals.states.delete(name);
  }

  #errorFor(input: HTMLInputElement | HTMLSelectElement): string {
    const label = input.labels?.[0]?.textContent?.trim() ?? '';
    if (input.validity.valueMissing) return this.t.errors.required(label);
    if (input.validity.typeMismatch && input.type === 'email') return this.t.errors.invalidEmail;
    if (input.validity.tooLong) return this.t.errors.tooLong(label);
    return input.validationMessage;
  }

  #validate(input: HTMLInputElement | HTMLSelectElement): boolean {
    const name = input.name as FormField;
    const valid = input.checkValidity();
    if (valid === !this.fieldErrors[name]) return valid;
    const { [name]: _, ...rest } = this.fieldErrors;
    this.fieldErrors = valid ? rest : { ...rest, [name]: this.#errorFor(input) };
    return valid;
  }

  #onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    // Once a field shows an error, clear it as soon as the value is fixed.
    if (this.fieldErrors[input.name as FormField] && input.checkValidity()) this.#validate(input);
  };

  #onChange = (event: Event): void => {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    if (input.name === 'email') {
      if (this.#validate(input)) this.#saveContact().catch(this.#reportSaveError);
    } else if (this.#address()?.contains(input)) {
      // <omni-address> validates its own fields; save once it has taken the change up.
      void this.#address()!.updateComplete.then(() => this.#saveAddress().catch(this.#reportSaveError));
    }
    this.#formChanged();
  };

  #onAddressChange = (): void => {
    this.#formChanged();
  };

  #onSaveConsent = (event: Event): void => {
    // Not an address field: keep it away from the form's change handler.
    event.stopPropagation();
    this.saveConsent = (event.target as HTMLInputElement).checked;
  };

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#pay();
  };

  #onShipping = (event: Event): void => {
    const id = (event.target as HTMLInputElement).value;
    this.shippingChoice = id;
    this.shippingError = '';
    this.dispatchEvent(new OmniShippingChangeEvent({ value: id }));
    this.#save(() => this.#backend!.setShippingOption(id)).catch(this.#reportSaveError);
    this.#formChanged();
  };

  // ── Saving to the backend ────────────────────────────────────────────────────────────────

  /** Runs saves one after another, so the last answer the page shows is the latest state. */
  #save(run: () => Promise<CheckoutSession>): Promise<void> {
    const save = this.#saves.then(run).then((session) => {
      this.session = session;
      this.#fields?.update(session);
      for (const wallet of this.#wallets.values()) wallet.update(session);
    });
    this.#saves = save.catch(() => undefined);
    return save;
  }

  #saveContact(): Promise<void> {
    const contact = readContact(this.#input('email')?.value);
    if (!contact || sameValue(contact, this.session?.contact)) return this.#saves.then(() => undefined);
    return this.#save(() => this.#backend!.setContact(contact));
  }

  #saveAddress(): Promise<void> {
    const change = this.#address()?.getValue();
    const address = change && this.#address()!.checkValidity() ? completeAddress(change) : null;
    if (!address || sameValue(address, this.session?.shippingAddress)) return this.#saves.then(() => undefined);
    return this.#save(() => this.#backend!.setShippingAddress(address));
  }

  #reportSaveError = (error: unknown): void => {
    const { code, message } = this.#toError(error);
    this.#showIssues(error);
    this.alert = message;
    this.dispatchEvent(new OmniErrorEvent({ code, message }));
  };

  /** Puts the backend's field-level validation messages next to the fields they belong to. */
  #showIssues(error: unknown): void {
    if (!(error instanceof OmniApiError) || !error.issues.length) return;
    const fieldErrors = { ...this.fieldErrors };
    const addressErrors: Partial<Record<AddressField, string>> = {};
    for (const issue of error.issues) {
      const field = issue.path.split('.')[0] as FormField;
      if (field === 'email') fieldErrors.email = issue.message;
      else if ((ADDRESS_FIELDS as readonly string[]).includes(field)) addressErrors[field as AddressField] = issue.message;
    }
    this.fieldErrors = fieldErrors;
    this.#address()?.setFieldErrors(addressErrors);
  }

  #toError(error: unknown): CheckoutError {
    if (error instanceof OmniApiError) return { code: error.code, message: error.message };
    return { code: 'internal_error', message: this.t.errors.generic };
  }

  // ── Paying ───────────────────────────────────────────────────────────────────────────────

  /** Shows what is missing and moves focus to it. */
  async #reportIncomplete(): Promise<void> {
    const email = this.#input('email');
    const address = this.#address();
    const emailValid = !email || this.#validate(email);
    if (!emailValid || (address && !address.checkValidity())) {
      // Every field says what is missing; focus goes to the first (the email comes first).
      address?.reportValidity();
      if (!emailValid) email!.focus();
      this.alert = '';
    } else if (!this.#shippingComplete()) {
      this.shippingError = this.t.errors.chooseShipping;
      this.renderRoot.querySelector<HTMLInputElement>('[name="shipping"]')?.focus();
    } else if (this.#fields) {
      // Asking the provider for a payment method makes it show its own field errors; nothing is charged.
      const fields = this.#fields;
      const result = await fields.createPaymentMethod();
      this.alert = result.error?.message || this.#card.message || this.t.errors.cardIncomplete;
      fields.focus();
    }
  }

  async #pay(): Promise<void> {
    const provider = this.#provider;
    if (!this.#backend || !provider || !isEditable(this.checkout) || this.oneClick) return;
    // A saved method pays without the payment fields; otherwise pressing pay is intent enough.
    if (!this.#fields && this.savedMethod === null) await this.#mountFields();
    const fields = this.#fields;
    if (!fields && this.savedMethod === null) return;
    this.#formChanged();
    if (!this.checkout.formComplete) return this.#reportIncomplete();
    await this.#confirm(provider, fields, async () => {
      const method = await fields!.createPaymentMethod();
      if (method.error) throw method.error;
      return method.paymentMethod;
    });
  }

  /** A wallet's own button (PayPal) was clicked: the form must be complete and saved first. */
  async #walletReady(): Promise<boolean> {
    if (!isEditable(this.checkout)) return false;
    if (!this.#detailsComplete()) {
      await this.#reportIncomplete();
      return false;
    }
    try {
      // The save consent too: PayPal vaults only when the order (created next) asked for it.
      await Promise.all([this.#saveContact(), this.#saveAddress(), this.#sendSaveConsent()]);
      return true;
    } catch (error) {
      this.#reportSaveError(error);
      return false;
    }
  }

  /** The shopper approved in a wallet's own window: confirm exactly as the pay button does. */
  async #submit(provider: ClientProvider, paymentMethod: string): Promise<SubmitOutcome> {
    const fields = this.#wallets.get(provider.id) ?? this.#fields;
    if (!fields || !this.#backend || !isEditable(this.checkout)) return { status: 'failed', code: 'confirm_in_progress', message: '' };
    this.#transition({ type: 'FORM_CHANGED', complete: this.#detailsComplete() });
    return this.#confirm(provider, fields, async () => paymentMethod);
  }

  async #confirm(provider: ClientProvider, fields: MountedPaymentFields | null, paymentMethod: () => Promise<string>): Promise<SubmitOutcome> {
    const backend = this.#backend!;
    // The machine accepts PAY only from `ready` (or `failed` with a complete form): a second click,
    // even in the same task, is rejected here before anything is sent.
    if (!this.#transition({ type: 'PAY', idempotencyKey: crypto.randomUUID() })) {
      return { status: 'failed', code: 'confirm_in_progress', message: '' };
    }
    const attemptKey = this.checkout.attemptKey!;
    this.alert = '';
    this.notice = '';
    fields?.setDisabled(true);
    let canceled = false;
    try {
      await Promise.all([this.#saveContact(), this.#saveAddress(), this.#sendSaveConsent()]);
      let result: ConfirmResponse;
      if (this.savedMethod && this.#identity && fields === this.#fields) {
        // A saved method chosen in <omni-saved-methods>: the backend turns it into the provider reference.
        // The saved method's own provider (a vaulted PayPal account pays through PayPal, whatever the main provider).
        const saved = this.profile?.savedMethods.find((m) => m.id === this.savedMethod);
        result = await this.#identity.confirmSaved(this.savedMethod, attemptKey, saved?.provider ?? provider.id);
      } else {
        result = await backend.confirm(await paymentMethod(), attemptKey, provider.id);
      }
      this.session = result.session;
      if (result.status === 'requires_action') {
        const action = result.session.nextAction;
        if (!action) throw { code: 'provider_error', message: '' };
        this.#transition({ type: 'ACTION_REQUIRED', action });
        this.notice = this.t.verifying;
        this.dispatchEvent(new OmniPaymentRequiresActionEvent({ action }));
        const outcome = await provider.handleNextAction(action, this.#context());
        canceled = outcome.status === 'canceled';
        this.#transition({ type: 'ACTION_DONE' });
        result = await backend.completeAction();
        this.session = result.session;
        if (result.status !== 'succeeded') {
          throw outcome.status === 'failed' ? outcome.error : { code: 'authentication_canceled', message: '' };
        }
      }
      await this.#completed(result);
      return { status: 'succeeded' };
    } catch (error) {
      const failure = isCheckoutError(error) ? error : this.#toError(error);
      if (error instanceof OmniApiError && (failure.code === 'session_completed' || failure.code === 'confirm_in_progress')) {
        // Paid meanwhile by something else (the provider's webhook after a closed window, another
        // tab): the backend's session says so, and the shopper sees their order, not an error.
        const paid = await this.#paidMeanwhile(backend);
        if (paid) {
          await this.#completed({ status: 'succeeded', session: paid, order: null });
          return { status: 'succeeded' };
        }
      }
      if (failure.code === 'step_up_required' && this.savedMethod && this.#ui && fields === this.#fields) {
        // Nothing was charged: confirm who is paying, then the same button pays.
        this.#transition({ type: 'FAILED', error: { code: failure.code, message: '' } });
        fields?.setDisabled(false);
        try {
          await this.#ui.stepUp();
          return { status: 'failed', code: failure.code, message: '' };
        } catch (stepUpError) {
          const message = this.#toError(stepUpError).message || this.t.errors.generic;
          this.alert = message;
          return { status: 'failed', code: failure.code, message };
        }
      }
      const declineCode = error instanceof OmniApiError ? error.declineCode : undefined;
      this.#showIssues(error);
      const message = canceled ? this.t.errors.verificationCanceled : failure.message || this.t.errors.generic;
      this.#transition({ type: 'FAILED', error: { code: failure.code, message } });
      this.notice = '';
      this.alert = message;
      fields?.setDisabled(false);
      this.dispatchEvent(new OmniErrorEvent({ code: failure.code, message }));
      // A declined card is fixed in the card fields; a cancelled verification by paying again;
      // a PayPal funding source PayPal declined, in the PayPal window that opens again.
      await this.updateComplete;
      if (canceled) this.renderRoot.querySelector<HTMLElement>('[part~="pay-button"]')?.focus();
      else if (declineCode !== 'instrument_declined') fields?.focus();
      return { status: 'failed', code: failure.code, message, ...(declineCode ? { declineCode } : {}) };
    }
  }

  // ── Rendering ────────────────────────────────────────────────────────────────────────────

  #money(amount: number): string {
    return formatMoney({ amount, currency: this.session!.currency }, this.#context().locale);
  }

  protected override render(): TemplateResult {
    const { t, session } = this;
    const status = this.checkout.status;
    const body =
      status === 'succeeded'
        ? html`<section part="section success" aria-labelledby="success-heading">
            <h2 id="success-heading" tabindex="-1">${t.succeeded}</h2>
            <p>${t.orderNumber} <strong>${this.checkout.orderId}</strong></p>
          </section>`
        : session && this.oneClick
          ? this.#oneClickTemplate(session, this.oneClick)
          : session && !this.recalling
            ? this.#checkoutTemplate(session)
            : nothing;
    return html`<div part="base">
      ${body}
      <p part="status" role="status">${this.notice}</p>
      <div part="error" role="alert">${this.alert}</div>
    </div>`;
  }

  #oneClickTemplate(session: CheckoutSession, summary: DeviceSummary): TemplateResult {
    const i = this.t.identity;
    const total = this.#money(session.totals.total);
    const paying = this.checkout.status === 'paying';
    return html`<section part="section one-click" aria-labelledby="one-click-heading">
      <h2 id="one-click-heading">${i.welcomeBack}</h2>
      <button part="pay-button" type="button" aria-disabled=${paying ? 'true' : 'false'} @click=${this.#payOneClick}>
        ${paying ? this.t.paying(total) : summary.method!.last4 ? i.payWith(total, summary.method!.last4, summary.address!.label) : this.t.pay(total)}
      </button>
      <button class="link" type="button" @click=${this.#useOtherDetails}>${i.useOtherDetails}</button>
    </section>`;
  }

  #payLabel(total: string): string {
    const method = this.savedMethod ? this.profile?.savedMethods.find((m) => m.id === this.savedMethod) : undefined;
    const address = this.profile?.addresses.find((a) => sameValue(a.address, this.session?.shippingAddress));
    return method?.last4 && address ? this.t.identity.payWith(total, method.last4, address.label) : this.t.pay(total);
  }

  #checkoutTemplate(session: CheckoutSession): TemplateResult {
    const { t } = this;
    // Without payment fields yet, only a saved method can pay (pressing pay loads the fields).
    const locked = (!this.fieldsReady && this.savedMethod === null) || !isEditable(this.checkout);
    const total = this.#money(session.totals.total);
    const paying = this.checkout.status === 'paying' || this.checkout.status === 'requires_action';
    return html`
      <slot name="express"></slot>
      <section part="section summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">${t.orderSummary}</h2>
        <ul role="list">
          ${session.lineItems.map(
            (item) => html`<li part="line-item"><span>${t.lineItem(isolate(item.name), item.quantity)}</span><span>${this.#money(item.amount)}</span></li>`,
          )}
        </ul>
        <dl>
          <div><dt>${t.subtotal}</dt><dd>${this.#money(session.totals.subtotal)}</dd></div>
          <div>
            <dt>${t.shipping}</dt>
            <dd>${session.selectedShippingOptionId ? this.#money(session.totals.shipping) : t.shippingNotChosen}</dd>
          </div>
          <div part="total"><dt>${t.total}</dt><dd>${total}</dd></div>
        </dl>
      </section>
      <slot name="details"></slot>
      ${session.shippingOptions.length ? this.#shippingTemplate(session) : nothing}
      <fieldset part="section">
        <legend>${t.payment}</legend>
        <slot name="saved-methods"></slot>
        ${session.paymentMethods.length > 1
          ? html`<omni-payment-methods lang=${this.#context().locale} .methods=${session.paymentMethods}></omni-payment-methods>`
          : nothing}
        <slot name="payment"></slot>
      </fieldset>
      ${this.ownButton
        ? nothing
        : html`<button part="pay-button" type="button" aria-disabled=${locked ? 'true' : 'false'} @click=${this.#pay}>
            ${paying ? t.paying(total) : this.#payLabel(total)}
          </button>`}
    `;
  }

  #shippingTemplate(session: CheckoutSession): TemplateResult {
    const locked = !isEditable(this.checkout);
    const selected = this.#selectedShipping();
    return html`<fieldset part="section" aria-describedby=${this.shippingError ? 'shipping-error' : nothing}>
      <legend>${this.t.shippingMethod}</legend>
      <div class="options">
        ${session.shippingOptions.map(
          (option) => html`<label part="shipping-option">
            <input
              type="radio"
              name="shipping"
              required
              .value=${option.id}
              .checked=${option.id === selected}
              ?disabled=${locked}
              @change=${this.#onShipping}
            />
            <bdi>${option.label}</bdi>
            <span class="price">${option.amount === 0 ? this.t.free : this.#money(option.amount)}</span>
            <span class="estimate">${this.t.deliveryEstimate(option.deliveryEstimate.minDays, option.deliveryEstimate.maxDays)}</span>
          </label>`,
        )}
      </div>
      ${this.shippingError ? html`<p class="field-error" id="shipping-error">${this.shippingError}</p>` : nothing}
    </fieldset>`;
  }

  #lightTemplate(session: CheckoutSession): TemplateResult {
    const { t } = this;
    const id = this.#id;
    const ui = this.#ui;
    const locked = !isEditable(this.checkout);
    return html`<form id="${id}-form" class="omni-form" slot="details" @change=${this.#onChange} @input=${this.#onInput} @submit=${this.#onSubmit}>
        <fieldset ?disabled=${locked}>
          <legend>${t.contact}</legend>
          ${this.#identity
            ? html`<omni-identity
                .backend=${this.#identity}
                .inputId=${`${id}-email`}
                .email=${this.#email}
                .error=${this.fieldErrors.email ?? ''}
                .publishableKey=${this.publishableKey}
                country=${session.country}
                merchant-name=${session.merchant.name}
                ?disabled=${locked}
                @omni-identity-recognized=${this.#onRecognized}
              ></omni-identity>`
            : this.#field('email', t.email, { type: 'email', required: true })}
        </fieldset>
        ${ui?.addresses(locked) ?? nothing}
        <omni-address
          mode="shipping"
          name="shipping"
          country=${this.#prefillCountry}
          .value=${this.#prefillAddress}
          .suggestions=${this.suggestions}
          .deliverability=${this.deliverability}
          ?disabled=${locked}
          ?hidden=${ui?.hidesAddressForm ?? false}
          @omni-address-change=${this.#onAddressChange}
        ></omni-address>
        ${ui?.newAddress(locked) ?? nothing}
        ${this.#identity && !this.profile
          ? html`<div class="omni-consent">
              <input
                id="${id}-save"
                type="checkbox"
                .checked=${this.saveConsent}
                ?disabled=${locked}
                aria-describedby="${id}-save-hint"
                @change=${this.#onSaveConsent}
              />
              <label for="${id}-save">${t.identity.saveDetails}</label>
              <p id="${id}-save-hint" class="omni-hint">${t.identity.saveDetailsHint}</p>
            </div>`
          : nothing}
      </form>
      ${this.profile?.savedMethods.length
        ? html`<omni-saved-methods
            slot="saved-methods"
            .methods=${this.profile.savedMethods}
            .value=${this.savedMethod}
            .backend=${this.#identity}
            ?has-passkey=${this.profile.passkeys > 0}
            ?disabled=${locked}
            @omni-saved-method-change=${this.#onSavedMethod}
          ></omni-saved-methods>`
        : nothing}
      ${ui?.stepUpTemplate() ?? nothing}
      <div id="${id}-payment" class="omni-payment" slot="payment" ?hidden=${this.savedMethod !== null}></div>
      ${this.walletMethodProviders(session).map((p) => html`<div id="${id}-wallet-${p}" class="omni-wallet" slot="payment"></div>`)}`;
  }

  #field(name: FormField, label: string, options: { type?: string; required?: boolean; hidden?: boolean }): TemplateResult {
    const id = `${this.#id}-${name}`;
    const error = this.fieldErrors[name];
    return html`<div class="omni-field" ?hidden=${options.hidden ?? false}>
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${name}
        type=${options.type ?? 'text'}
        autocomplete="email"
        maxlength="254"
        ?required=${options.required ?? false}
        ?disabled=${options.hidden ?? false}
        .value=${this.#email}
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${error ? `${id}-error` : nothing}
      />
      ${error ? html`<p class="omni-field-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }
}

function isCheckoutError(value: unknown): value is CheckoutError {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && 'code' in value && 'message' in value;
}


/** Adopts the light-DOM stylesheet once on the document or shadow root that holds the element. */
function adoptLightStyles(root: Node): void {
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  lightSheet ??= new CSSStyleSheet();
  if (!lightSheet.cssRules.length) lightSheet.replaceSync(lightStyles.cssText);
  if (!root.adoptedStyleSheets.includes(lightSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, lightSheet];
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-checkout': OmniCheckout;
  }
}
