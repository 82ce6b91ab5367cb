import { LitElement, html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import { checkoutContext } from '../context/context.js';
import { adoptLightStyles } from '../internal/light-styles.js';
import { fieldStyles } from '../styles/field.styles.js';
import { OmniApiError } from '@omni-checkout/core/errors';
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { ShopperProfile, ShopperSession } from '@omni-checkout/core/identity';
import { OmniIdentityRecognizedEvent } from '../events/identity-recognized.js';
import { en, speak, type Translation } from '../i18n/index.js';
import {
  conditionalMediationAvailable,
  isPasskeyDismissal,
  passkeysSupported,
  registerPasskey,
  rememberDevice,
  signInWithPasskey,
} from './passkeys.js';
import { identityLightStyles, identityStyles } from './identity.styles.js';

type Phase = 'email' | 'code' | 'consent' | 'verified';
import type { PhoneMode } from './phone-field.js';

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
 * @csspart button - Secondary buttons (share, save a passkey, send a new code, not you).
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
 * libphonenumber-js (national numbers read in `country`), and the code comes by SMS. Lookups answer
 * the same for known and unknown shoppers: the element always says "if you saved your details, we
 * sent a code to …" with a masked hint (`a•••@e•••.com`, `••• ••42`).
 * Tokens stay in memory; only the remembered-device token (after a passkey is saved) is kept in
 * this site's `localStorage`.
 */
export class OmniIdentity extends LitElement {
  static override styles = identityStyles;

  /** The merchant's publishable key (standalone use). */
  @property({ attribute: 'publishable-key' }) publishableKey = '';
  /** Backend origin (standalone use). */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** The session's client secret, a property only (standalone use). */
  @property({ attribute: false }) clientSecret = '';
  @property({ attribute: false }) fetch: typeof globalThis.fetch | undefined = undefined;
  /** A shared identity client (`<omni-checkout>` passes its own, so the shopper token is shared). */
  @property({ attribute: false }) backend: IdentityBackend | null = null;
  /** The merchant's name, for the share question. */
  @property({ attribute: 'merchant-name' }) merchantName = '';
  /** Id of the email input (`<omni-checkout>` gives its own, so its form finds the field). */
  @property({ attribute: false }) inputId = '';
  /** Initial email value. */
  @property({ attribute: false }) email = '';
  /** Disables the inputs (while paying). */
  @property({ type: Boolean }) disabled = false;
  /** A validation message for the email (`<omni-checkout>` passes its own), shown under the field. */
  @property({ attribute: false }) error = '';
  /** ISO country a mobile number without `+` is read in (`<omni-checkout>` passes the session's). */
  @property() country = 'DE';

  @state() private phase: Phase = 'email';
  @state() private hint = '';
  @state() private t: Translation = en;
  @state() private alert = '';
  @state() private notice = '';
  @state() private busy = false;
  @state() private profile: ShopperProfile | null = null;
  @state() private offerPasskey = false;
  /** Set while the shopper signs in with a mobile number instead of the email (the code then comes by SMS). */
  @state() private phone: PhoneMode | null = null;

  readonly #internals = this.attachInternals();
  readonly #id = `omni-identity-${++instances}`;
  #challengeId = '';
  #lastLookup = '';
  #conditional = false;
  #ownBackend: IdentityBackend | null = null;
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
   * `focusCode`: move focus to the code field once it shows (a function is asked after the lookup
   * answered). `asked`: the shopper asked for it (Enter, "Send a new code"); a lookup that only
   * followed typing or autofill fails silently — a guest never sees an error (such as too many
   * codes requested from a shared network) for something they did not do.
   */
  async #lookup(focusCode: boolean | (() => boolean), asked = true): Promise<void> {
    const identity = await this.#client();
    if (!identity || this.phase === 'verified') return;
    const request = this.#request();
    const key = JSON.stringify(request);
    if (!request || key === this.#lastLookup) {
      if (!request && this.phone?.error && focusCode) this.phone.field()?.focus();
      return;
    }
    this.#lastLookup = key;
    this.alert = '';
    try {
      const answer = await identity.lookup(request);
      this.#challengeId = answer.challengeId;
      this.hint = answer.hint;
      this.phase = 'code';
      if (typeof focusCode === 'function' ? focusCode() : focusCode) {
        await this.updateComplete;
        this.querySelector<HTMLInputElement>(`#${this.#id}-code`)?.focus();
      }
    } catch (error) {
      this.#lastLookup = '';
      if (asked) this.alert = this.#message(error);
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
    const identity = await this.#client();
    if (!identity) return;
    this.alert = '';
    try {
      await this.#signedIn(await signInWithPasskey(identity));
    } catch (error) {
      if (!isPasskeyDismissal(error)) this.alert = this.#message(error, this.t.identity.errors.passkeyFailed);
    }
  };

  async #offerConditionalPasskey(): Promise<void> {
    const identity = await this.#client();
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
    const identity = await this.#client();
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
    this.#lastLookup = '';
    this.#challengeId = '';
    this.hint = '';
    this.alert = '';
    await this.updateComplete;
    (this.phone?.field() ?? this.#emailInput())?.focus();
  };

  #resend = async (): Promise<void> => {
    this.#lastLookup = '';
    await this.#lookup(true);
  };

  #notYou = async (): Promise<void> => {
    this.identity?.setShopperToken(null);
    this.profile = null;
    this.phase = 'email';
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
    switch (error.code) {
      case 'invalid_code':
        return e.invalidCode;
      case 'code_expired':
        return e.codeExpired;
      case 'too_many_attempts':
        return e.tooManyAttempts;
      case 'rate_limited':
        return e.rateLimited;
      case 'passkey_failed':
        return e.passkeyFailed;
      default:
        return error.message || fallback;
    }
  }

  // ── Events from the light DOM ────────────────────────────────────────────────────────────

  #onEmailKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter') return;
    // Enter means "continue": look the email up instead of submitting an enclosing form.
    event.preventDefault();
    void this.#lookup(true);
  };

  #onEmailChange = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    // Browser autofill fills the field and leaves the shopper in it: then the code field takes the
    // focus (the next thing to type); a shopper who moved on to another field keeps their place.
    void this.#lookup(() => (input.getRootNode() as Document | ShadowRoot).activeElement === input, false);
  };



  #onCodeInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const digits = input.value.replace(/\D/g, '').slice(0, 6);
    if (digits !== input.value) input.value = digits;
    if (digits.length === 6) void this.#verify(digits);
  };

  // ── Rendering ────────────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const { t } = this;
    const i = t.identity;
    return html`<div part="base">
      <slot></slot>
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
          @change=${this.#onEmailChange}
        />
        ${this.error ? html`<p class="omni-field-error" id="${emailId}-error">${this.error}</p>` : nothing}
      </div>
      ${this.#codeTemplate()}`;
  }

  #codeTemplate(): TemplateResult | typeof nothing {
    const { t } = this;
    const codeId = `${this.#id}-code`;
    return this.phase === 'code'
        ? html`<div class="omni-field">
            <label for=${codeId}>${t.identity.codeLabel}</label>
            <input
              id=${codeId}
              name="one-time-code"
              type="text"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength="6"
              aria-describedby="${codeId}-hint"
              ?disabled=${this.busy || this.disabled}
              @input=${this.#onCodeInput}
            />
            <p class="omni-hint" id="${codeId}-hint">${t.identity.codeSent(this.hint)}</p>
          </div>`
      : nothing;
  }
}


declare global {
  interface HTMLElementTagNameMap {
    'omni-identity': OmniIdentity;
  }
}
