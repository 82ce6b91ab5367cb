import { LitElement, html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { checkoutContext } from '../context/context.js';
import { adoptLightStyles } from '../internal/light-styles.js';
import { fieldStyles } from '../styles/field.styles.js';
import { OmniApiError } from '@omni-checkout/core/errors';
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { ShopperProfile, ShopperSession } from '@omni-checkout/core/identity';
import { OmniIdentityRecognizedEvent } from '../events/identity-recognized.js';
import { whenSpoken, speak, type Translation } from '../i18n/index.js';
import { rememberDevice } from './device.js';
import { identityLightStyles, identityStyles } from './identity.styles.js';

type Phase = 'email' | 'code' | 'consent' | 'verified';

/** The passkey ceremonies, loaded at the first update (for the email field's passkey autofill), not with the element. */
const passkeys = () => import('./passkeys.js');

/** Whether the browser has passkeys at all (the button shows only then): `passkeys.ts`'s check, without loading it. */
const passkeysSupported = (): boolean => typeof window.PublicKeyCredential === 'function';
import type { PhoneMode } from './phone-field.js';
import type { CodeStep } from './code-step.js';

let instances = 0;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * @summary Shopper recognition: email or mobile number, one-time code (email or SMS), passkey sign-in (in the email
 * field's autofill and with a button), consent to share saved details with this merchant, and the
 * offer to save a passkey.
 *
 * @event omni-identity-recognized - The shopper is verified and shares their saved details with this merchant (`profile`, `method`).
 * @event change - The email changed (native, from the light-DOM input).
 *
 * @csspart base - The wrapper of the chrome (buttons and messages).
 * @csspart passkey-button - "Sign in with a passkey".
 * @csspart button - Secondary buttons (send me a code, share, save a passkey, send a new code, not you).
 * @csspart status - Polite live region.
 * @csspart error - Assertive live region.
 *
 * @cssproperty --omni-color-primary - Buttons.
 *
 * @cssstate verified - The shopper is signed in.
 *
 * The email and code inputs are native inputs in light DOM (`autocomplete="email webauthn"` and
 * `one-time-code`), so browsers and password managers fill them. "Use a mobile number instead"
 * swaps the email field for a `tel` field (`autocomplete="tel"`): the number is checked with
 * libphonenumber-js (national numbers read in `country`), and the code comes by SMS. A code is sent
 * only when the shopper asks: Enter in the field, or "Saved your details with us? Send me a code",
 * which shows under any valid entry once the field is left or autofilled, the same for everyone and
 * without a request. So a guest sees no code field and no error they did not cause. Lookups answer
 * the same for known and unknown shoppers: the element always says "if you saved your details, we
 * sent a code to …" with a masked hint (`a•••@e•••.com`, `••• ••42`).
 * Tokens stay in memory; only the remembered-device token (after a passkey is saved) is kept in
 * this site's `localStorage`.
 */
export class OmniIdentity extends LitElement {
  // `static properties`, not decorators: no decorator helpers in the bundle (docs/architecture.md).
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    apiBase: { attribute: 'api-base' },
    clientSecret: { attribute: false },
    fetch: { attribute: false },
    backend: { attribute: false },
    merchantName: { attribute: 'merchant-name' },
    inputId: { attribute: false },
    email: { attribute: false },
    disabled: { type: Boolean },
    error: { attribute: false },
    country: {},
    phase: { state: true },
    hint: { state: true },
    t: { state: true },
    alert: { state: true },
    notice: { state: true },
    busy: { state: true },
    profile: { state: true },
    offerPasskey: { state: true },
    offer: { state: true },
    phone: { state: true },
  };

  static override styles = identityStyles;

  /** The merchant's publishable key (standalone use). */
  publishableKey = '';
  /** Backend origin (standalone use). */
  apiBase = '';
  /** The session's client secret, a property only (standalone use). */
  clientSecret = '';
  declare fetch: typeof globalThis.fetch | undefined;
  /** A shared identity client (`<omni-checkout>` passes its own, so the shopper token is shared). */
  backend: IdentityBackend | null = null;
  /** The merchant's name, for the share question. */
  merchantName = '';
  /** Id of the email input (`<omni-checkout>` gives its own, so its form finds the field). */
  inputId = '';
  /** Initial email value. */
  email = '';
  /** Disables the inputs (while paying). */
  disabled = false;
  /** A validation message for the email (`<omni-checkout>` passes its own), shown under the field. */
  error = '';
  /** ISO country a mobile number without `+` is read in (`<omni-checkout>` passes the session's). */
  country = 'DE';

  private phase: Phase = 'email';
  private hint = '';
  /** The catalog of the element's language, loaded before the first render (`scheduleUpdate`). */
  private t!: Translation;
  private alert = '';
  private notice = '';
  private busy = false;
  private profile: ShopperProfile | null = null;
  private offerPasskey = false;
  /**
   * The field holds a valid email (or mobile number) and the shopper left it: "Saved your details with
   * us? Send me a code" shows, the same for everyone, with nothing sent until it is pressed.
   */
  private offer = false;
  /** Set while the shopper signs in with a mobile number instead of the email (the code then comes by SMS). */
  private phone: PhoneMode | null = null;

  readonly #internals = this.attachInternals();
  readonly #id = `omni-identity-${++instances}`;
  #challengeId = '';
  #lastLookup = '';
  #conditional = false;
  #ownBackend: IdentityBackend | null = null;
  /** The code field, once the shopper first asked for a code. */
  #codeStep: CodeStep | null = null;
  /** Inside `<omni-checkout>`: its context (identity client with the shared shopper token, publishable key). */
  readonly #checkout = new ContextConsumer(this, { context: checkoutContext, subscribe: true });

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightStyles(this.getRootNode(), fieldStyles);
    adoptLightStyles(this.getRootNode(), identityLightStyles);
  }

  /** The identity client in use: the given `backend`, the checkout's, or (standalone) its own once created. */
  get identity(): IdentityBackend | null {
    return this.backend ?? this.#checkout.value?.identity ?? this.#ownBackend;
  }

  /** The merchant's publishable key: its own, else its checkout's. */
  get #publishableKey(): string {
    return this.publishableKey || this.#checkout.value?.config.publishableKey || '';
  }

  /** Standalone: the identity client is loaded (it is not part of the first render) and created once. */
  async #client(): Promise<IdentityBackend | null> {
    const shared = this.backend ?? this.#checkout.value?.identity;
    if (shared) return shared;
    if (!this.clientSecret || !this.publishableKey) return null;
    const { createIdentityClient } = await import('@omni-checkout/core/identity-client');
    this.#ownBackend ??= createIdentityClient({
      apiBase: this.apiBase,
      publishableKey: this.publishableKey,
      clientSecret: this.clientSecret,
      ...(this.fetch ? { fetch: this.fetch } : {}),
    });
    return this.#ownBackend;
  }

  /** The verified shopper's profile, once shared with this merchant. */
  getValue(): { complete: boolean; empty: boolean; value: { email: string; profile: ShopperProfile | null } } {
    const email = this.#emailInput()?.value.trim() ?? '';
    return { complete: EMAIL.test(email), empty: email === '', value: { email, profile: this.profile } };
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return whenSpoken(this, () => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    speak(this, (t) => (this.t = t));
    if (changed.has('clientSecret') || changed.has('publishableKey') || changed.has('apiBase') || changed.has('fetch')) this.#ownBackend = null;
  }

  protected override firstUpdated(): void {
    void this.#offerConditionalPasskey();
  }

  protected override updated(): void {
    render(this.#lightTemplate(), this, { host: this });
    if (this.phase === 'verified') this.#internals.states.add('verified');
    else this.#internals.states.delete('verified');
  }

  // ── Steps ────────────────────────────────────────────────────────────────────────────────

  #emailInput(): HTMLInputElement | null {
    return this.querySelector<HTMLInputElement>(`#${this.#emailId()}`);
  }

  #emailId(): string {
    return this.inputId || `${this.#id}-email`;
  }

  /** The lookup for what the shopper entered, or null while it is not an email / a valid mobile number. */
  #request(): { email: string } | { phone: string } | null {
    if (this.phone) return this.phone.request();
    const email = this.#emailInput()?.value.trim() ?? '';
    return EMAIL.test(email) ? { email } : null;
  }

  /**
   * Sends a code, only ever because the shopper asked (Enter in the field, "Send me a code", "Send a
   * new code"): typing, leaving the field or the browser's autofill send nothing, so a guest never
   * sees a code field, never spends the network's lookups (per-IP limits shared behind an office's
   * or a carrier's NAT) and never gets an error for something they did not do. The answer is the
   * same for known and unknown shoppers (docs/security.md R21).
   */
  async #lookup(): Promise<void> {
    const identity = await this.#client();
    if (!identity || this.phase === 'verified') return;
    const request = this.#request();
    const key = JSON.stringify(request);
    if (!request || key === this.#lastLookup) {
      if (!request && this.phone?.error) this.phone.field()?.focus();
      return;
    }
    this.#lastLookup = key;
    this.alert = '';
    // The code field loads while the lookup is on its way.
    const step = import('./code-step.js');
    try {
      const answer = await identity.lookup(request);
      this.#codeStep ??= new (await step).CodeStep({
        id: `${this.#id}-code`,
        lit: { html, nothing },
        t: () => this.t,
        verify: (code) => void this.#verify(code),
      });
      this.#challengeId = answer.challengeId;
      this.hint = answer.hint;
      this.phase = 'code';
      this.offer = false;
      await this.updateComplete;
      this.querySelector<HTMLInputElement>(`#${this.#id}-code`)?.focus();
    } catch (error) {
      this.#lastLookup = '';
      this.alert = this.#message(error);
    }
  }

  async #verify(code: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const identity = await this.#client();
    if (!identity) {
      this.busy = false;
      return;
    }
    this.alert = '';
    this.notice = this.t.identity.checking;
    try {
      await this.#signedIn(await identity.verify(this.#challengeId, code));
    } catch (error) {
      this.notice = '';
      this.alert = this.#message(error);
      const input = this.querySelector<HTMLInputElement>(`#${this.#id}-code`);
      if (input) {
        input.value = '';
        input.focus();
      }
    } finally {
      this.busy = false;
    }
  }

  async #signedIn(session: ShopperSession): Promise<void> {
    this.notice = '';
    if (session.consentRequired || !session.profile) {
      this.phase = 'consent';
      this.#assurance = session.assurance;
      return;
    }
    this.#recognized(session.profile, session.assurance);
  }

  #assurance: ShopperSession['assurance'] = 'email';

  #recognized(profile: ShopperProfile, method: ShopperSession['assurance']): void {
    this.profile = profile;
    this.phase = 'verified';
    // Signed in by phone: the field shows the profile's email again (the order's contact).
    if (this.phone) {
      this.phone = null;
      this.email = profile.email;
    }
    this.offerPasskey = method !== 'passkey' && profile.passkeys === 0 && passkeysSupported();
    this.dispatchEvent(new OmniIdentityRecognizedEvent({ profile, method }));
  }

  #share = async (): Promise<void> => {
    const identity = await this.#client();
    if (!identity) return;
    this.busy = true;
    try {
      const { SHARE_CONSENT_VERSION } = await import('@omni-checkout/core/identity-client');
      this.#recognized(await identity.share(SHARE_CONSENT_VERSION), this.#assurance);
    } catch (error) {
      this.alert = this.#message(error);
    } finally {
      this.busy = false;
    }
  };

  #passkeySignIn = async (): Promise<void> => {
    const [identity, { isPasskeyDismissal, signInWithPasskey }] = await Promise.all([this.#client(), passkeys()]);
    if (!identity) return;
    this.alert = '';
    try {
      await this.#signedIn(await signInWithPasskey(identity));
    } catch (error) {
      if (!isPasskeyDismissal(error)) this.alert = this.#message(error, this.t.identity.errors.passkeyFailed);
    }
  };

  async #offerConditionalPasskey(): Promise<void> {
    const [identity, { conditionalMediationAvailable, isPasskeyDismissal, signInWithPasskey }] = await Promise.all([this.#client(), passkeys()]);
    if (!identity || this.#conditional || !(await conditionalMediationAvailable())) return;
    this.#conditional = true;
    try {
      await this.updateComplete;
      await this.#signedIn(await signInWithPasskey(identity, { conditional: true }));
    } catch (error) {
      // Replaced by the button or a code sign-in, or dismissed: nothing to tell.
      if (!isPasskeyDismissal(error) && this.phase !== 'verified') this.alert = this.#message(error, this.t.identity.errors.passkeyFailed);
    }
  }

  #savePasskey = async (): Promise<void> => {
    const [identity, { isPasskeyDismissal, registerPasskey }] = await Promise.all([this.#client(), passkeys()]);
    if (!identity) return;
    this.alert = '';
    try {
      const deviceToken = await registerPasskey(identity);
      if (deviceToken) rememberDevice(this.#publishableKey, deviceToken);
      this.offerPasskey = false;
      this.notice = this.t.identity.passkeySaved;
    } catch (error) {
      if (!isPasskeyDismissal(error)) this.alert = this.#message(error, this.t.identity.errors.passkeyFailed);
    }
  };

  /** Switches between the email field and the mobile-number field; focus moves to the new field. */
  #toggleVia = async (): Promise<void> => {
    this.phone = this.phone
      ? null
      : new (await import('./phone-field.js')).PhoneMode({ element: this, id: `${this.#id}-phone`, lit: { html, nothing }, t: () => this.t });
    this.phase = 'email';
    this.offer = false;
    this.#lastLookup = '';
    this.#challengeId = '';
    this.hint = '';
    this.alert = '';
    await this.updateComplete;
    (this.phone?.field() ?? this.#emailInput())?.focus();
  };

  #resend = async (): Promise<void> => {
    this.#lastLookup = '';
    await this.#lookup();
  };

  #askCode = (): Promise<void> => this.#lookup();

  #notYou = async (): Promise<void> => {
    this.identity?.setShopperToken(null);
    this.profile = null;
    this.phase = 'email';
    this.offer = false;
    this.#lastLookup = '';
    this.notice = '';
    await this.updateComplete;
    const input = this.#emailInput();
    if (input) {
      input.value = '';
      input.focus();
    }
  };

  #message(error: unknown, fallback = this.t.errors.generic): string {
    if (!(error instanceof OmniApiError)) return fallback;
    const e = this.t.identity.errors;
    const known: Record<string, string> = {
      invalid_code: e.invalidCode,
      code_expired: e.codeExpired,
      too_many_attempts: e.tooManyAttempts,
      rate_limited: e.rateLimited,
      passkey_failed: e.passkeyFailed,
    };
    return (Object.hasOwn(known, error.code) ? known[error.code] : error.message) || fallback;
  }

  // ── Events from the light DOM ────────────────────────────────────────────────────────────

  #onEmailKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter') return;
    // Enter means "continue": look the email up instead of submitting an enclosing form.
    event.preventDefault();
    void this.#lookup();
  };

  /**
   * Typed or autofilled (both fire `input`): the offer shows as soon as the entry is valid (an email
   * that changed after a code asks again). Shown while typing, not on leaving the field: appearing on
   * `change`, it moved what lies below between the press and the release of the click that left the field.
   */
  #onEmailChange = (): void => {
    if (this.phase === 'verified' || this.phase === 'consent') return;
    const request = this.#request();
    if (this.phase === 'code' && JSON.stringify(request) !== this.#lastLookup) {
      this.phase = 'email';
      this.#lastLookup = '';
      this.hint = '';
    }
    this.offer = this.phase === 'email' && request !== null;
  };

  // ── Rendering ────────────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const { t } = this;
    const i = t.identity;
    return html`<div part="base">
      <slot></slot>
      ${this.phase === 'email' && this.offer
        ? html`<button part="button" type="button" class="link" ?disabled=${this.disabled} @click=${this.#askCode}>${i.askCode}</button>`
        : nothing}
      ${this.phase === 'email' || this.phase === 'code'
        ? html`<button part="button" type="button" class="link" ?disabled=${this.disabled} @click=${this.#toggleVia}>
            ${this.phone ? i.useEmail : i.usePhone}
          </button>`
        : nothing}
      ${this.phase === 'email' && passkeysSupported()
        ? html`<button part="passkey-button" type="button" @click=${this.#passkeySignIn}>${i.passkeyButton}</button>`
        : nothing}
      ${this.phase === 'code' ? html`<button part="button" type="button" class="link" @click=${this.#resend}>${i.resend}</button>` : nothing}
      ${this.phase === 'consent'
        ? html`<p>${i.shareQuestion(this.merchantName || document.title)}</p>
            <button part="button" type="button" ?disabled=${this.busy} @click=${this.#share}>${i.shareButton}</button>`
        : nothing}
      ${this.phase === 'verified' && this.profile
        ? html`<p>
              ${i.signedIn(this.profile.email)}
              <button part="button" type="button" class="link" @click=${this.#notYou}>${i.notYou}</button>
            </p>
            ${this.offerPasskey ? html`<button part="button" type="button" @click=${this.#savePasskey}>${i.savePasskey}</button>` : nothing}`
        : nothing}
      <p part="status" role="status">${this.notice}</p>
      <div part="error" role="alert">${this.alert}</div>
    </div>`;
  }

  #lightTemplate(): TemplateResult {
    const { t } = this;
    const emailId = this.#emailId();
    const locked = this.disabled || this.phase === 'verified';
    if (this.phone) return html`${this.phone.template(locked, this.#onEmailKeydown, this.#onEmailChange)}${this.#codeTemplate()}`;
    return html`<div class="omni-field">
        <label for=${emailId}>${t.email}</label>
        <input
          id=${emailId}
          name="email"
          type="email"
          autocomplete="email webauthn"
          maxlength="254"
          required
          .value=${this.email}
          ?readonly=${locked}
          aria-invalid=${this.error ? 'true' : nothing}
          aria-describedby=${this.error ? `${emailId}-error` : nothing}
          @keydown=${this.#onEmailKeydown}
          @input=${this.#onEmailChange}
        />
        ${this.error ? html`<p class="omni-field-error" id="${emailId}-error">${this.error}</p>` : nothing}
      </div>
      ${this.#codeTemplate()}`;
  }

  #codeTemplate(): TemplateResult | typeof nothing {
    return this.phase === 'code' && this.#codeStep ? this.#codeStep.template(this.hint, this.busy || this.disabled) : nothing;
  }
}


declare global {
  interface HTMLElementTagNameMap {
    'omni-identity': OmniIdentity;
  }
}
