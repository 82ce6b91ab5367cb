/**
 * The payment part of `<omni-checkout>`'s form: the main provider's fields (mounted at once, or on
 * intent with the identity network), the wallets whose own button pays (PayPal), and paying —
 * through the one payment flow of `@omni-checkout/core/flow`, for a new card, a saved method and a
 * wallet's own button alike.
 */
import { isEditable } from '@omni-checkout/core/state';
import { loadProvider, type ClientProvider, type ClientProviderContext, type CreatePaymentMethodResult, type MountedPaymentFields, type SubmitOutcome } from '@omni-checkout/core/provider';
import { pay, type PaymentOutcome } from '@omni-checkout/core/flow';
import type { CheckoutSession, ConfirmResponse, NextAction, PaymentMethodType, ProviderId } from '@omni-checkout/core/types';
import type { ConfirmExtra } from '@omni-checkout/core/client';
import { OmniApiError } from '@omni-checkout/core/errors';
import { languageOf } from '../i18n/catalogs.js';
import type { QrShape } from '../handoff/qr.js';
import type { LocalPayTranslation } from '../i18n/local-pay/index.js';
import { OmniErrorEvent } from '../events/error.js';
import { OmniPaymentRequiresActionEvent } from '../events/payment-requires-action.js';
import { OmniReadyEvent } from '../events/ready.js';
import { nearViewport } from '../internal/near-viewport.js';
import type { FormState } from './host.js';
import { fullCatalog } from '../i18n/full.js';
import { coveredByTenders } from './covered.js';
import { providerContext } from './provider-context.js';

/** The payment method a confirm names when gift cards and store credit pay everything (the backend ignores it then). */
const TENDERS_ONLY = 'gift_card';

/** A visibility gate already passed. */
const passed = (): Promise<void> => Promise.resolve();

/** The local methods' lazy part (`local-pay.ts`) and its messages in the checkout's language. */
type LocalPay = { readonly mod: typeof import('./local-pay.js'); readonly t: LocalPayTranslation };

/** Next actions the checkout waits on itself (the provider polls): BLIK's approval in the app, a QR code. */
const WAITS_IN_CHECKOUT = new Set<NextAction['type']>(['approve_in_app', 'display_qr']);

/** Methods whose payment leaves the page for the bank's (Klarna's, Alipay's…): confirmed with a return address. */
const REDIRECTS = new Set<PaymentMethodType>(['p24', 'ideal', 'bancontact', 'klarna', 'alipay', 'eps', 'twint', 'mobilepay', 'afterpay_clearpay']);

export class CheckoutPayment {
  provider: ClientProvider | null = null;
  /** The way to pay chosen in the provider's fields (Stripe's tabs), when they say. */
  method: PaymentMethodType | undefined;
  /** BLIK's code as typed, and its error. */
  blik = { value: '', error: '' };
  /** A BLIK approval or a QR code the checkout shows while the provider waits. */
  waiting: { readonly action: NextAction; readonly qr: QrShape | null } | null = null;
  local: LocalPay | null = null;
  #localLoading: Promise<LocalPay> | null = null;
  fields: MountedPaymentFields | null = null;
  /** The main provider's own button pays (a PayPal-only checkout): no pay button of ours. */
  ownButton = false;
  fieldsReady = false;
  card = { complete: false, message: '' };
  /** Providers whose own button pays (PayPal), mounted beside the main payment fields. */
  readonly #wallets = new Map<ProviderId, MountedPaymentFields>();
  #unsubscribe: (() => void) | null = null;
  /** The main payment fields being mounted (once per load). */
  #mounting: Promise<void> | null = null;
  #current: () => boolean = () => true;

  /** The main provider's adapter, loading from the start: a shopper may reach the form before it is in. */
  readonly #ready: Promise<ClientProvider | null>;

  constructor(readonly form: FormState) {
    this.#ready = loadProvider(form.host.session!.provider.id).then(
      (provider) => (this.provider = provider),
      () => null,
    );
  }

  get #host() {
    return this.form.host;
  }

  /** Loads the provider, then mounts its fields (or arms them for intent) and the wallets. */
  async start(current: () => boolean): Promise<void> {
    const host = this.#host;
    this.#current = current;
    const session = host.session!;
    // The adapter (or the network) failed: the shopper is told, the wallets are still offered.
    if (!(await this.#ready) && current()) this.form.providerFailed(session.provider.id);
    if (!current()) return;
    if (!this.provider) {
      host.notice = '';
    } else if (host.identityClient) {
      host.notice = '';
      void this.#armFields();
    } else {
      await this.mountFields();
      if (!current()) return;
      host.notice = '';
    }
    host.dispatchEvent(new OmniReadyEvent());
    void this.#mountWallets();
  }

  /**
   * Mounts the main provider's payment fields, once per load: this is what loads the provider's
   * SDK (Stripe.js…). Without the identity network it runs at once; with it, on intent (`#armFields`).
   */
  mountFields(): Promise<void> {
    this.#mounting ??= this.#mount();
    return this.#mounting;
  }

  async #mount(): Promise<void> {
    const host = this.#host;
    const current = this.#current;
    const provider = this.provider ?? (await this.#ready);
    const container = host.querySelector<HTMLElement>(`#${this.form.id}-payment`);
    if (!container || !provider || host.checkout.status === 'succeeded') {
      this.#mounting = null;
      return;
    }
    let fields: MountedPaymentFields;
    try {
      fields = await provider.mountPaymentFields(container, this.#context());
    } catch {
      // Its script could not load (offline, blocked): say so and offer the other ways to pay.
      if (current()) this.form.providerFailed(provider.id);
      return;
    }
    if (!current()) return void fields.destroy();
    this.fields = fields;
    this.#unsubscribe = fields.onChange((change) => {
      this.card = { complete: change.complete, message: change.error?.message ?? '' };
      if (change.method !== this.method) {
        this.method = change.method;
        // BLIK chosen: its code field (and its messages) load now.
        if (this.method === 'blik') void this.loadLocal().then(() => this.#host.requestUpdate(), () => {});
        this.#host.requestUpdate();
      }
      this.form.formChanged();
    });
    this.ownButton = Boolean(fields.ownButton);
    this.fieldsReady = true;
    this.form.formChanged();
  }

  /**
   * With the identity network, a returning shopper may pay with a saved method: the payment
   * fields (and the provider's SDK) load only when the shopper shows they need them — the payment
   * section comes into view without a saved method chosen, they start on the address (a guest),
   * they pick "Add a new card", or they press pay.
   */
  async #armFields(): Promise<void> {
    const current = this.#current;
    await this.#host.updateComplete;
    const container = this.#host.querySelector<HTMLElement>(`#${this.form.id}-payment`);
    if (!container || !current()) return;
    // A hidden container (a saved method chosen) is never "in view"; it is once "Add a new card" shows it.
    await nearViewport(container);
    if (current()) void this.mountFields();
  }

  onFocusIn = (event: FocusEvent): void => {
    const host = this.#host;
    if (this.fields || this.#mounting || !host.identityClient || host.oneClick) return;
    const target = event.target as Element;
    // Typing the email (and the code) is how a returning shopper signs in: not a reason to load a card form.
    if (target.closest('omni-identity') || !this.form.form()?.contains(target)) return;
    void this.mountFields();
  };

  /**
   * The session's other providers whose own button pays (PayPal, Pay Later, Venmo), each in its
   * light-DOM container under the payment fields. Each adapter loads when its container is about to
   * be visible, or at once when the shopper chooses its method in the list (intent: the shopper may
   * scroll away to fill the form before the page notices the container), and only if the page
   * registered it.
   */
  async #mountWallets(): Promise<void> {
    await Promise.all(this.#host.context.methodProviders().map((id) => this.#mountWallet(id)));
  }

  /** Wallets not loaded yet, each with what loads it at once (`methodChosen`). */
  readonly #intent = new Map<ProviderId, () => void>();

  async #mountWallet(id: ProviderId): Promise<void> {
    const current = this.#current;
    const host = this.#host;
    const container = host.querySelector<HTMLElement>(`#${this.form.id}-wallet-${id}`);
    if (!container) return;
    try {
      if (this.form.chosenProvider() !== id) await Promise.race([nearViewport(container), new Promise<void>((resolve) => this.#intent.set(id, resolve))]);
      this.#intent.delete(id);
      if (!current()) return;
      const provider = await loadProvider(id);
      // The gate is passed (in view, or chosen): the adapter's own wait for the viewport (PayPal's, before
      // its SDK) must not hold it again, or a shopper who chose it and scrolled up to the form finds no button.
      const fields = await provider.mountPaymentFields(container, { ...this.#context(provider), ...this.#methodOf(id), nearViewport: passed });
      if (!current() || !fields.ownButton) return fields.destroy();
      this.#wallets.set(id, fields);
      fields.onChange((change) => {
        if (change.error?.code !== 'authentication_canceled') return;
        host.alert = '';
        host.notice = fullCatalog(host.t).errors.walletCanceled;
      });
    } catch {
      // A wallet that cannot load says so; the other ways to pay stay in place.
      if (current()) this.form.providerFailed(id);
    }
  }

  /** The chosen way to pay, for a provider that carries several with fields of their own (Moyasar). */
  #methodOf(id: ProviderId): { method?: PaymentMethodType } {
    const method = this.form.chosenMethod();
    return method?.provider === id ? { method: method.type } : {};
  }

  /** The shopper chose another way to pay in the list: the provider that carries it shows its fields. */
  methodChosen(): void {
    this.#intent.get(this.form.chosenProvider()!)?.();
    for (const [id, wallet] of this.#wallets) {
      const { method } = this.#methodOf(id);
      if (method) wallet.select?.(method);
    }
  }

  unmount(): void {
    this.#unsubscribe?.();
    this.fields?.destroy();
    this.#unsubscribe = null;
    this.fields = null;
    this.#mounting = null;
    this.fieldsReady = false;
    for (const wallet of this.#wallets.values()) wallet.destroy();
    this.#wallets.clear();
  }

  sessionChanged(session: CheckoutSession): void {
    this.fields?.update(session);
    for (const wallet of this.#wallets.values()) wallet.update(session);
  }

  #context(provider = this.provider): ClientProviderContext {
    const backend = this.#host.backend;
    return {
      ...providerContext(this.#host),
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

  // ── Local methods (BLIK's code, a QR code) ──────────────────────────────────────────────

  /** Loads the local methods' part and its messages, once. */
  loadLocal(): Promise<LocalPay> {
    this.#localLoading ??= import('./local-pay.js').then(async (mod) => (this.local = { mod, t: await mod.loadLocalPayTranslation(languageOf(this.#host)) }));
    this.#localLoading.catch(() => (this.#localLoading = null));
    return this.#localLoading;
  }

  /** What the chosen local method shows under the provider's fields: BLIK's code, or the wait for the app. */
  localTemplate(): unknown {
    const local = this.local;
    if (!local) return null;
    if (this.waiting) return local.mod.waitingPanel(local.t, this.waiting.action, this.waiting.qr);
    if (this.method !== 'blik' || this.form.savedMethod !== null) return null;
    return local.mod.blikField(local.t, {
      id: `${this.form.id}-blik`,
      value: this.blik.value,
      error: this.blik.error,
      disabled: !isEditable(this.#host.checkout),
      onInput: (value) => {
        this.blik = { value, error: '' };
        this.#host.requestUpdate();
      },
    });
  }

  /** BLIK's code for the confirmation, or null after showing what is wrong with it. */
  async #blikCode(): Promise<string | null> {
    const { mod, t } = await this.loadLocal();
    const code = mod.blikDigits(this.blik.value);
    if (code) return code;
    this.blik = { ...this.blik, error: t.blikInvalid };
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.querySelector<HTMLInputElement>(`#${this.form.id}-blik`)?.focus();
    return null;
  }

  /** The provider waits for the shopper's app: show BLIK's instruction or the QR code, and say it. */
  async #showWaiting(action: NextAction): Promise<void> {
    const { mod, t } = await this.loadLocal();
    const qr = await mod.qrFor(action).catch(() => null);
    const host = this.#host;
    if (host.checkout.status !== 'requires_action') return;
    this.waiting = { action, qr };
    host.notice = action.type === 'approve_in_app' ? t.blikApprove : t.scan(mod.methodName(action));
    host.requestUpdate();
  }

  // ── Paying ───────────────────────────────────────────────────────────────────────────────

  /** Asking the provider for a payment method makes it show its own field errors; nothing is charged. */
  async reportIncomplete(): Promise<void> {
    const fields = this.fields;
    if (fields) this.#showIncomplete(fields, await fields.createPaymentMethod());
  }

  #showIncomplete(fields: MountedPaymentFields, result: CreatePaymentMethodResult): void {
    this.#host.alert = result.error?.message || this.card.message || fullCatalog(this.#host.t).errors.cardIncomplete;
    fields.focus();
  }

  async pay(): Promise<void> {
    const host = this.#host;
    const provider = this.provider ?? (await this.#ready);
    if (!host.backend || !provider || !isEditable(host.checkout) || host.oneClick) return;
    // Gift cards and store credit pay everything: no payment method, no provider call (the backend holds and takes them with the order).
    if (coveredByTenders(host.session)) {
      this.form.formChanged();
      if (!host.checkout.formComplete) return this.form.reportIncomplete();
      await this.#confirm(provider, null, async () => ({ paymentMethod: TENDERS_ONLY }));
      return;
    }
    if (this.form.cashOnDelivery()) {
      // Nothing to collect now: the backend records the order to be paid on delivery, fee included.
      this.form.formChanged();
      if (!host.checkout.formComplete) return this.form.reportIncomplete();
      await this.#confirm(provider, null, async () => ({ paymentMethod: 'cash_on_delivery' }), 'cash_on_delivery');
      return;
    }
    // Another way to pay is chosen (PayPal): its own button pays; Enter in the form never charges the card.
    if (this.form.savedMethod === null && this.form.chosenProvider() !== provider.id) return;
    // A saved method pays without the payment fields; otherwise pressing pay is intent enough.
    if (!this.fields && this.form.savedMethod === null) await this.mountFields();
    const fields = this.fields;
    if (!fields && this.form.savedMethod === null) return;
    // A number typed just before pressing pay may still be being checked: decide on its result.
    await this.form.checksDone();
    this.form.formChanged();
    // The provider's fields tell their state by events, which can trail a quick click (a tab chosen in
    // Stripe's frame just before pay): with everything else complete, the provider itself decides.
    let created: CreatePaymentMethodResult | null = null;
    if (!host.checkout.formComplete && fields && this.form.savedMethod === null && !this.card.complete && this.form.allButPaymentComplete()) {
      created = await fields.createPaymentMethod();
      if (created.error) return this.#showIncomplete(fields, created);
      this.card = { complete: true, message: '' };
      this.form.formChanged();
    }
    if (!host.checkout.formComplete) return this.form.reportIncomplete();
    // BLIK: the six digits from the bank app, checked before anything is created.
    const blikCode = this.form.savedMethod === null && this.method === 'blik' ? await this.#blikCode() : undefined;
    if (blikCode === null) return;
    await this.#confirm(provider, fields, async () => {
      const method = created ?? (await fields!.createPaymentMethod());
      created = null;
      if (method.error) throw method.error;
      const extra: ConfirmExtra = {};
      // A bank's (Klarna's, Alipay's) page brings the shopper back here, to this very address.
      if (method.method && REDIRECTS.has(method.method)) extra.returnUrl = returnAddress();
      if (method.method === 'blik' && blikCode) extra.paymentMethodOptions = { blik: { code: blikCode } };
      return { paymentMethod: method.paymentMethod, extra };
    });
  }

  /** A wallet's own button (PayPal) was clicked: the form must be complete and saved first. */
  async #walletReady(): Promise<boolean> {
    if (!isEditable(this.#host.checkout)) return false;
    if (!this.form.detailsComplete()) {
      await this.form.reportIncomplete();
      return false;
    }
    try {
      // The save consent too: PayPal vaults only when the order (created next) asked for it.
      await Promise.all([this.form.saveContact(), this.form.saveAddress(), this.form.sendSaveConsent()]);
      return true;
    } catch (error) {
      this.form.reportSaveError(error);
      return false;
    }
  }

  /** The shopper approved in a wallet's own window: confirm exactly as the pay button does. */
  async #submit(provider: ClientProvider, paymentMethod: string): Promise<SubmitOutcome> {
    const host = this.#host;
    const fields = this.#wallets.get(provider.id) ?? this.fields;
    if (!fields || !host.backend || !isEditable(host.checkout)) return { status: 'failed', code: 'confirm_in_progress', message: '' };
    host.machine.send({ type: 'FORM_CHANGED', complete: this.form.detailsComplete() });
    return this.#confirm(provider, fields, async () => ({ paymentMethod }));
  }

  /** One attempt through the payment flow; the machine refuses a second while one runs. */
  async #confirm(
    provider: ClientProvider,
    fields: MountedPaymentFields | null,
    paymentMethod: () => Promise<{ paymentMethod: string; extra?: ConfirmExtra }>,
    providerId: ProviderId = provider.id,
  ): Promise<SubmitOutcome> {
    const host = this.#host;
    const backend = host.backend!;
    const form = this.form;
    const covered = fields === null && coveredByTenders(host.session);
    const savedMethod = !covered && form.savedMethod && host.identityClient && fields === this.fields ? form.savedMethod : null;
    const outcome: PaymentOutcome = await pay(host.machine, {
      confirm: async (attemptKey): Promise<ConfirmResponse> => {
        host.alert = '';
        host.notice = '';
        fields?.setDisabled(true);
        await Promise.all([form.saveContact(), form.saveAddress(), form.sendSaveConsent()]);
        if (savedMethod) {
          // A saved method chosen in <omni-saved-methods>: the backend turns it into the provider reference;
          // its own provider pays (a vaulted PayPal account pays through PayPal, whatever the main provider).
          const saved = form.profile?.savedMethods.find((m) => m.id === savedMethod);
          return host.identityClient!.confirmSaved(savedMethod, attemptKey, saved?.provider ?? provider.id);
        }
        const method = await paymentMethod();
        // Providers whose fields send the shopper to a bank page of their own (Moyasar's 3-D Secure) come back here.
        const extra: ConfirmExtra = { ...(fields?.returnsToPage ? { returnUrl: location.href } : {}), ...method.extra };
        return Object.keys(extra).length
          ? backend.confirm(method.paymentMethod, attemptKey, providerId, extra)
          : backend.confirm(method.paymentMethod, attemptKey, providerId);
      },
      onAction: (action) => {
        host.notice = fullCatalog(host.t).verifying;
        if (WAITS_IN_CHECKOUT.has(action.type)) void this.#showWaiting(action);
        host.dispatchEvent(new OmniPaymentRequiresActionEvent({ action }));
      },
      nextAction: (action) => provider.handleNextAction(action, this.#context()),
      completeAction: () => backend.completeAction(),
      getSession: () => backend.getSession(),
    });
    const waited = this.waiting !== null || (outcome.status === 'failed' && WAITS_IN_CHECKOUT.has(outcome.session?.nextAction?.type as NextAction['type']));
    this.waiting = null;
    if (outcome.status === 'busy') return { status: 'failed', code: 'confirm_in_progress', message: '' };
    if (outcome.status === 'succeeded') {
      await host.completed(outcome);
      return { status: 'succeeded' };
    }
    if (outcome.session) host.session = outcome.session;
    const { error, canceled, cause } = outcome;
    if (error.code === 'step_up_required' && savedMethod && form.ui) {
      // Nothing was charged: confirm who is paying, then the same button pays.
      fields?.setDisabled(false);
      try {
        await form.ui.stepUp();
        return { status: 'failed', code: error.code, message: '' };
      } catch (stepUpError) {
        const message = form.toError(stepUpError).message || host.t.errors.generic;
        host.alert = message;
        return { status: 'failed', code: error.code, message };
      }
    }
    const declineCode = cause instanceof OmniApiError ? cause.declineCode : undefined;
    form.showIssues(cause);
    // A BLIK code works once: a new attempt needs a new one.
    if (this.method === 'blik') this.blik = { value: '', error: '' };
    const local = waited ? this.local : null;
    const { errors } = fullCatalog(host.t);
    const message = local
      ? canceled
        ? local.t.canceled
        : local.t.failed
      : canceled
        ? errors.verificationCanceled
        : errors.backend?.[error.code] || error.message || host.t.errors.generic;
    host.notice = '';
    host.alert = message;
    fields?.setDisabled(false);
    host.dispatchEvent(new OmniErrorEvent({ code: error.code, message }));
    // A declined card is fixed in the card fields; a cancelled verification by paying again;
    // a PayPal funding source PayPal declined, in the PayPal window that opens again.
    await host.updateComplete;
    if (canceled) host.renderRoot.querySelector<HTMLElement>('[part~="pay-button"]')?.focus();
    else if (declineCode !== 'instrument_declined') fields?.focus();
    return { status: 'failed', code: error.code, message, ...(declineCode ? { declineCode } : {}) };
  }
}

/** The page to come back to from a bank's page: this address, without its fragment. */
function returnAddress(): string {
  const url = new URL(location.href);
  url.hash = '';
  return url.href;
}
