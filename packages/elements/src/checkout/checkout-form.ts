/**
 * The form half of `<omni-checkout>`, loaded when the shopper needs it (never for the one-click
 * first render): the light-DOM form (contact or `<omni-identity>`, `<omni-address>`, "Deliver to",
 * "save my details"), its validation, the saves to the backend, and the payment
 * (`checkout-payment.ts`). A Lit reactive controller of the checkout; it renders into the
 * checkout's light DOM so browsers autofill the native inputs.
 */
// The shell, which loads this module: a no-op at run time; for esbuild it puts what the form shares
// with the first render in one chunk with the shell, not several (docs/architecture.md).
import './checkout.js';
import { html, nothing, render, type ReactiveController, type TemplateResult } from 'lit';
import { readAddress, readContact, sameValue, type FormField } from '@omni-checkout/core/checkout-form';
import { isEditable, type CheckoutError } from '@omni-checkout/core/state';
import type { CheckoutSession, Contact, PaymentMethodType, PostalAddress, ProviderId } from '@omni-checkout/core/types';
import type { OmniPaymentMethods } from '../payment-methods/payment-methods.js';
import type { ShopperProfile } from '@omni-checkout/core/identity';
import type { OmniAddress } from '../address/address.js';
import type { OmniIdentityRecognizedEvent } from '../events/identity-recognized.js';
import type { OmniResumeEvent } from '../resume/resume-event.js';
import type { OmniSavedMethodChangeEvent } from '../events/saved-method-change.js';
import { adoptLightStyles } from '../internal/light-styles.js';
import { fieldStyles } from '../styles/field.styles.js';
import '../address/define.js';
import '../payment-methods/define.js';
import { DEV } from '#dev';
import { warnHiddenMethods } from '../payment-methods/hidden-warning.js';
import '../shipping/define.js';
import { lightStyles } from './checkout.light-styles.js';
import { reportSaveError, saveAddress, saveContact, sendSaveConsent, showIssues, toError } from './form-saves.js';
import { CheckoutPayment } from './checkout-payment.js';
import { coveredByTenders } from './covered.js';
import type { TenderPart } from '../tenders/tenders.js';
import { languageOf } from '../i18n/catalogs.js';
import { IdentityUi } from './identity-parts.js';
import type { CheckoutHost, CheckoutValue, FormPart, FormState } from './host.js';
import type { OrderUpdates } from './order-updates.js';
import { loadUpdates, prepareForm, type FormParts } from './form-parts.js';
import { fullCatalog } from '../i18n/full.js';
import type { Surcharge } from '../context/context.js';
import { formTemplate } from './form-template.js';

export { prepareForm };

export class CheckoutForm implements ReactiveController, FormPart, FormState {
  /** The recognised shopper's profile (identity network). */
  profile: ShopperProfile | null = null;
  /** The saved method chosen in `<omni-saved-methods>`, or null for a new one. */
  savedMethod: string | null = null;
  /** The way to pay chosen in the method list (its type); '' before a choice (the list's first). */
  method: PaymentMethodType | '' = '';
  /** Providers whose script could not load: their methods stay listed, disabled, and the others are offered. */
  readonly failed = new Set<ProviderId>();
  saveConsent = false;
  fieldErrors: Partial<Record<FormField, string>> = {};
  readonly payment: CheckoutPayment;
  /** "Deliver to" and step-up, with the identity network. */
  readonly ui: IdentityUi | null;
  /** "Order updates" (email, SMS or both), loaded when the shop can send texts (`session.smsUpdates`). */
  updates: OrderUpdates | null = null;
  #email = '';
  /** The address the session started with: a stable value for `<omni-address>` (its reset goes back to it). */
  #prefillAddress: Partial<PostalAddress> | null = null;
  #prefillCountry = '';
  /** The parts loaded with the form (`form-parts.ts`). */
  #parts: FormParts;

  constructor(readonly host: CheckoutHost, parts: FormParts = {}) {
    const session = host.session;
    this.#email = session?.contact?.email ?? '';
    this.#prefill(session?.shippingAddress ?? null, session?.shippingAddress?.country ?? session?.country ?? '');
    this.payment = new CheckoutPayment(this);
    this.ui = host.identityClient ? new IdentityUi(this) : null;
    host.addController(this);
    adoptLightStyles(host.getRootNode(), fieldStyles);
    adoptLightStyles(host.getRootNode(), lightStyles);
    host.addEventListener('focusin', this.payment.onFocusIn);
    this.#parts = parts;
    if (session?.smsUpdates) void loadUpdates(this, parts.updates);
    host.requestUpdate();
  }

  /** The contact to save: the email with the order-updates choice. */
  #contact(): Contact | null {
    const contact = readContact(this.input('email')?.value);
    return contact && this.updates ? { ...contact, ...this.updates.value() } : contact;
  }

  get id(): string {
    return this.host.formId;
  }

  /** First-render step, one task each (no long task), unslotted behind the skeleton until shown: 0 contact, 1 address, 2 shown. */
  #step = 0;

  /** Loads what the form needs and shows it; `current()` says whether this load is still the checkout's. */
  async start(current: () => boolean): Promise<void> {
    const host = this.host;
    this.#current = current;
    await host.updateComplete;
    for (const step of [1, 2]) {
      await new Promise((resolve) => setTimeout(resolve));
      if (!current()) return;
      this.#step = step;
      host.requestUpdate();
      await host.updateComplete;
    }
    await this.payment.start(current);
  }

  hostConnected(): void {
    adoptLightStyles(this.host.getRootNode(), fieldStyles);
    adoptLightStyles(this.host.getRootNode(), lightStyles);
  }

  /** Whether this form's load is still the checkout's. */
  #current: () => boolean = () => true;

  hostUpdated(): void {
    const host = this.host;
    if (!this.#current()) return this.#dispose();
    render(host.session && host.checkout.status !== 'succeeded' && !host.oneClick ? this.#template(host.session) : nothing, host, { host });
    this.#loadTenders();
  }

  /** Gift cards and store credit (`tenders/tenders.ts`, docs/payment-methods.md), loaded where the session offers them. */
  tenders: TenderPart | null = null;
  #tendersLang = '';

  /** Loads the gift card part when the session offers it (again when the language changes), and looks for store credit once the shopper is verified. */
  #loadTenders(): void {
    const { session, checkout, oneClick } = this.host;
    if (!session || oneClick || checkout.status === 'succeeded' || !(session.giftCards || session.tenders?.length)) return;
    const lang = languageOf(this.host);
    if (this.#tendersLang !== lang) {
      this.#tendersLang = lang;
      const prepared = this.#parts.tenders?.lang === lang ? this.#parts.tenders : null;
      void (prepared ? Promise.resolve(prepared.mod) : import('../tenders/tenders.js'))
        .then(async ({ TenderPart, tenderStyles }) => {
          adoptLightStyles(this.host.getRootNode(), tenderStyles);
          this.tenders ??= new TenderPart(this.host);
          await this.tenders.load(lang, prepared?.t);
        })
        .catch(() => (this.#tendersLang = ''));
    }
    void this.tenders?.lookForStoreCredit();
  }

  unmount(): void {
    this.payment.unmount();
  }

  /** Another session loaded in this one's place (a resumed checkout, a new client secret): this form stops rendering and listening for good. */
  #dispose(): void {
    this.unmount();
    this.host.removeController(this);
    this.host.removeEventListener('focusin', this.payment.onFocusIn);
    render(nothing, this.host, { host: this.host });
  }

  sessionChanged(session: CheckoutSession): void {
    this.payment.sessionChanged(session);
  }

  /** What the checkout's `getValue()` answers. */
  getValue(): CheckoutValue {
    const address = this.address()?.getValue() ?? readAddress({}, null);
    const contact = this.#contact();
    return { complete: this.formComplete(), value: { contact, shippingAddress: address.value, shippingOptionId: this.selectedShipping() } };
  }

  pay(): Promise<void> {
    return this.payment.pay();
  }

  payLocked(): boolean {
    return !this.payment.fieldsReady && this.savedMethod === null && !coveredByTenders(this.host.session) && !this.cashOnDelivery();
  }

  /** The main provider's own button pays, or the chosen method is a wallet's (PayPal): its button pays, not ours. */
  ownButton(): boolean {
    // Gift cards or store credit pay everything: our button places the order.
    if (coveredByTenders(this.host.session)) return false;
    return this.payment.ownButton || (this.savedMethod === null && !this.cashOnDelivery() && this.chosenProvider() !== this.host.session?.provider.id);
  }

  /** Cash on delivery is chosen: our button confirms it, no payment fields (docs/payment-methods.md). */
  cashOnDelivery(): boolean {
    return this.savedMethod === null && this.chosenProvider() === 'cash_on_delivery';
  }

  /** What the chosen method adds to the total (cash on delivery's fee, from the backend), named after the method. */
  surcharge(): Surcharge | null {
    const method = this.savedMethod === null ? this.chosenMethod() : undefined;
    return method?.fee ? { label: fullCatalog(this.host.t).methods[method.type], amount: method.fee } : null;
  }

  /** The methods the list offers: the main provider's and the wallets shown here (not those `<omni-express>` shows). */
  offeredMethods(): CheckoutSession['paymentMethods'] {
    const session = this.host.session;
    if (!session) return [];
    const wallets = this.host.context.methodProviders();
    // Cash on delivery is the backend's own: no provider loads for it.
    return session.paymentMethods.filter(
      (m) => m.available && (m.provider === session.provider.id || m.provider === 'cash_on_delivery' || wallets.includes(m.provider)),
    );
  }

  /**
   * The provider of the chosen way to pay: the main provider (its fields pay, with our button) or a
   * wallet whose own button pays (PayPal). Only its part shows; the others stay hidden and unloaded.
   */
  chosenProvider(): ProviderId | undefined {
    const offered = this.offeredMethods();
    return this.chosenMethod(offered)?.provider ?? this.host.session?.provider.id;
  }

  /**
   * The chosen method, else the default: the main provider's first usable method (its fields are
   * what the form shows first, whatever the market's order of the list), else the first usable one.
   */
  chosenMethod(offered = this.offeredMethods()): CheckoutSession['paymentMethods'][number] | undefined {
    const main = this.host.session?.provider.id;
    const usable = (m: (typeof offered)[number]) => m.available && !this.failed.has(m.provider);
    return offered.find((m) => m.type === this.method && usable(m)) ?? offered.find((m) => m.provider === main && usable(m)) ?? offered.find(usable);
  }

  /** A provider's script could not load: the shopper is told, and its methods give way to the others. */
  providerFailed(id: ProviderId): void {
    const t = fullCatalog(this.host.t);
    const lost = this.offeredMethods().find((m) => m.provider === id) ?? { type: this.host.session?.paymentMethods[0]?.type ?? 'card' };
    this.failed.add(id);
    const other = this.offeredMethods().find((m) => m.available && !this.failed.has(m.provider));
    if (other) this.method = other.type;
    this.host.alert = other ? `${t.methods[lost.type as PaymentMethodType]}: ${t.methodFailed}` : t.errors.providerFailed;
    this.formChanged();
  }

  #onMethod = (event: Event): void => {
    this.method = (event.target as OmniPaymentMethods).value;
    this.host.alert = '';
    // A new way to pay chosen: no saved method any more (one choice across both lists).
    if (this.savedMethod !== null) {
      this.savedMethod = null;
      if (this.chosenProvider() === this.host.session?.provider.id) void this.payment.mountFields();
    }
    this.payment.methodChosen();
    this.formChanged();
  };

  payLabel(total: string): string {
    const { session } = this.host;
    const t = fullCatalog(this.host.t);
    // Gift cards or store credit pay everything: "Place order (€53.90)".
    const placeOrder = session && this.tenders?.payLabel(session);
    if (placeOrder) return placeOrder;
    // Cash on delivery's fee (the backend's figure) is part of what the shopper pays on delivery.
    const fee = this.surcharge()?.amount;
    if (fee && session) return t.pay(this.host.money(session.totals.total + fee));
    const method = this.savedMethod ? this.profile?.savedMethods.find((m) => m.id === this.savedMethod) : undefined;
    const address = this.profile?.addresses.find((a) => sameValue(a.address, session?.shippingAddress));
    return method?.last4 && address ? t.identity.payWith(total, method.last4, address.label) : t.pay(total);
  }

  /** The method list in the payment section (more than one way to pay); the choice decides what shows below it. */
  paymentMethods(): TemplateResult | typeof nothing {
    // Development builds only: the check and its messages leave production bundles entirely.
    if (DEV && this.host.session) warnHiddenMethods(this.host.session);
    const methods = this.offeredMethods();
    // With saved methods, both lists are one choice: a saved method chosen leaves this one empty.
    const value = this.savedMethod !== null ? '' : (this.chosenMethod(methods)?.type ?? '');
    return this.#listsMethods() && !coveredByTenders(this.host.session)
      ? html`<omni-payment-methods .methods=${methods} .value=${value} currency=${this.host.session?.currency ?? ''} ?optional=${Boolean(this.profile?.savedMethods.length)} .failed=${[...this.failed]} @change=${this.#onMethod}></omni-payment-methods>`
      : nothing;
  }

  /** Whether the payment section lists the ways to pay (more than one). */
  #listsMethods(): boolean {
    return this.offeredMethods().length > 1;
  }

  // ── Form state ───────────────────────────────────────────────────────────────────────────

  input(name: FormField): HTMLInputElement | HTMLSelectElement | null {
    return this.host.querySelector<HTMLInputElement | HTMLSelectElement>(`#${this.id}-${name}`);
  }

  form(): HTMLFormElement | null {
    return this.host.querySelector<HTMLFormElement>(`#${this.id}-form`);
  }

  address(): OmniAddress | null {
    return this.host.querySelector<OmniAddress>('omni-address');
  }

  selectedShipping(): string | null {
    return this.host.shipping()?.value ?? this.host.session?.selectedShippingOptionId ?? null;
  }

  #shippingComplete(): boolean {
    return this.host.shipping()?.checkValidity() ?? (!this.host.session?.shippingOptions.length || this.selectedShipping() !== null);
  }

  formComplete(): boolean {
    return this.allButPaymentComplete() && (this.payment.card.complete || this.savedMethod !== null || coveredByTenders(this.host.session) || this.cashOnDelivery());
  }

  /** Everything the shopper fills outside the payment fields: contact, address, shipping and the order updates. */
  allButPaymentComplete(): boolean {
    return this.detailsComplete() && (this.updates?.complete() ?? true);
  }

  /** Contact, address and shipping: what a wallet whose own button pays needs from the form. */
  detailsComplete(): boolean {
    return Boolean(this.form()?.checkValidity()) && this.#shippingComplete();
  }

  formChanged(): void {
    this.host.machine.send({ type: 'FORM_CHANGED', complete: this.formComplete() });
    this.host.requestUpdate();
  }

  prefill(address: Partial<PostalAddress> | null, country: string): void {
    this.#prefill(address, country);
  }

  #prefill(address: Partial<PostalAddress> | null, country: string): void {
    this.#prefillAddress = address;
    this.#prefillCountry = country;
  }

  #errorFor(input: HTMLInputElement | HTMLSelectElement): string {
    const t = fullCatalog(this.host.t);
    const label = input.labels?.[0]?.textContent?.trim() ?? '';
    if (input.validity.valueMissing) return t.errors.required(label);
    if (input.validity.typeMismatch && input.type === 'email') return t.errors.invalidEmail;
    if (input.validity.tooLong) return t.errors.tooLong(label);
    return input.validationMessage;
  }

  #validate(input: HTMLInputElement | HTMLSelectElement): boolean {
    const name = input.name as FormField;
    const valid = input.checkValidity();
    if (valid === !this.fieldErrors[name]) return valid;
    const { [name]: _, ...rest } = this.fieldErrors;
    this.fieldErrors = valid ? rest : { ...rest, [name]: this.#errorFor(input) };
    this.host.requestUpdate();
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
      if (this.#validate(input)) this.saveContact().catch(this.reportSaveError);
    } else if (this.address()?.contains(input)) {
      // <omni-address> validates its own fields; save once it has taken the change up.
      void this.address()!.updateComplete.then(() => this.saveAddress().catch(this.reportSaveError));
    }
    this.formChanged();
  };

  #onSaveConsent = (event: Event): void => {
    // Not an address field: keep it away from the form's change handler.
    event.stopPropagation();
    this.saveConsent = (event.target as HTMLInputElement).checked;
    this.host.requestUpdate();
  };

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.pay();
  };

  // ── Saving to the backend (form-saves.ts) ────────────────────────────────────────────────

  saveContact(): Promise<void> {
    // SMS chosen without a number yet: the email is saved now, the choice with its number.
    return saveContact(this, this.updates && !this.updates.complete() ? readContact(this.input('email')?.value) : this.#contact());
  }

  saveAddress(): Promise<void> {
    return saveAddress(this);
  }

  sendSaveConsent(): Promise<void> {
    return sendSaveConsent(this);
  }

  reportSaveError = (error: unknown): void => reportSaveError(this, error);

  showIssues(error: unknown): void {
    showIssues(this, error);
  }

  toError(error: unknown): CheckoutError {
    return toError(this, error);
  }

  checksDone(): Promise<void> {
    return this.updates?.checked() ?? Promise.resolve();
  }

  /** Shows what is missing and moves focus to it. */
  async reportIncomplete(): Promise<void> {
    const email = this.input('email');
    const address = this.address();
    const emailValid = !email || this.#validate(email);
    if (!emailValid || (address && !address.checkValidity())) {
      // Every field says what is missing; focus goes to the first (the email comes first).
      address?.reportValidity();
      if (!emailValid) email!.focus();
      this.host.alert = '';
    } else if (this.updates && !this.updates.complete()) {
      this.updates.report();
      this.host.alert = '';
    } else if (!this.#shippingComplete()) {
      this.host.shipping()?.reportValidity();
    } else {
      await this.payment.reportIncomplete();
    }
  }

  // ── Identity network ─────────────────────────────────────────────────────────────────────

  #onRecognized = async (event: OmniIdentityRecognizedEvent): Promise<void> => {
    this.profile = event.profile;
    this.savedMethod = (event.profile.savedMethods.find((m) => m.isDefault) ?? event.profile.savedMethods[0])?.id ?? null;
    this.host.requestUpdate();
    try {
      await this.host.context.save(async () => {
        const session = await this.host.identityClient!.apply();
        this.#email = session.contact?.email ?? this.#email;
        this.#prefill(session.shippingAddress, session.shippingAddress?.country ?? session.country);
        this.ui?.recognized(event.profile, session);
        return session;
      });
    } catch (error) {
      this.reportSaveError(error);
    }
    this.formChanged();
    // Resume on another device: an unfinished checkout of this shopper here is offered above the form (lazy).
    const token = this.host.identityClient?.shopperToken;
    if (token) {
      void import('../resume/define.js').then(
        () => {
          this.resumeToken = token;
          this.host.requestUpdate();
        },
        () => undefined,
      );
    }
  };

  /** The signed-in shopper's token, once `<omni-resume>` is loaded (it asks for an offer). */
  resumeToken = '';

  /** The shopper continued another of their sessions here: the checkout switches to it, still signed in. */
  #onResume = async (event: OmniResumeEvent): Promise<void> => {
    const { handOverShopperToken } = await import('@omni-checkout/core/identity-client');
    handOverShopperToken(event.clientSecret, event.shopperToken);
    // The element's own public property, as a merchant's page sets it: the checkout loads that session.
    (this.host as { clientSecret: string }).clientSecret = event.clientSecret;
  };

  #onSavedMethod = (event: OmniSavedMethodChangeEvent): void => {
    this.savedMethod = event.value;
    // "Add a new card": now the payment fields are needed.
    if (event.value === null) void this.payment.mountFields();
    this.formChanged();
  };

  // ── Rendering (light DOM, form-template.ts) ──────────────────────────────────────────────

  #template(session: CheckoutSession): TemplateResult {
    return formTemplate(this, {
      step: this.#step,
      locked: !isEditable(this.host.checkout),
      email: this.#email,
      prefillAddress: this.#prefillAddress,
      prefillCountry: this.#prefillCountry,
      listsMethods: () => this.#listsMethods(),
      onChange: this.#onChange,
      onInput: this.#onInput,
      onSubmit: this.#onSubmit,
      onResume: this.#onResume,
      onRecognized: this.#onRecognized,
      onSavedMethod: this.#onSavedMethod,
      onSaveConsent: this.#onSaveConsent,
    }, session);
  }
}
