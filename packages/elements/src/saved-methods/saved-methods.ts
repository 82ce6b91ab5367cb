import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { checkoutContext } from '../context/context.js';
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { SavedMethod } from '@omni-checkout/core/identity';
import { OmniSavedMethodChangeEvent } from '../events/saved-method-change.js';
import { whenSpoken, speak, type Translation } from '../i18n/index.js';
import type { Removal } from './removal.js';
import { savedMethodsStyles } from './saved-methods.styles.js';

/** Brand marks: short text badges (no images, nothing to load, readable in forced colours). */
const BRANDS: Record<string, string> = { visa: 'VISA', mastercard: 'MC', amex: 'AMEX', discover: 'DISC', jcb: 'JCB', unionpay: 'UP' };
const brandName = (brand: string) =>
  ({ visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', jcb: 'JCB', unionpay: 'UnionPay', paypal: 'PayPal', venmo: 'Venmo' })[brand] ?? brand;

/**
 * @summary The saved-method picker: masked saved cards with brand marks, the default first, "add a
 * new card", and removal (which asks the shopper to confirm it is them: passkey or a code by text
 * message).
 *
 * @event omni-saved-method-change - The shopper picked a method (`value`: its id, or null for a new card).
 * @event change - Same moment, native.
 *
 * @csspart base - The fieldset.
 * @csspart method - One saved method (radio, brand mark, masked number, expiry).
 * @csspart brand - The brand mark.
 * @csspart default-badge - "Default".
 * @csspart remove-button - The remove button of a method.
 * @csspart add-new - The "add a new card" choice.
 * @csspart status - Polite live region.
 * @csspart error - Assertive live region.
 *
 * @cssproperty --omni-color-primary - The selected method's border.
 *
 * Radio-group semantics come from native radios: arrow keys move the choice, Tab leaves the group.
 * Only brand, last 4 and expiry are ever shown; references stay on the server.
 */
export class OmniSavedMethods extends LitElement {
  // `static properties`, not decorators: no decorator helpers in the bundle (docs/architecture.md).
  static override properties = {
    methods: { attribute: false },
    value: { attribute: false },
    backend: { attribute: false },
    disabled: { type: Boolean },
    hasPasskey: { type: Boolean, attribute: 'has-passkey' },
    withoutNew: { type: Boolean, attribute: 'without-new' },
    t: { state: true },
    alert: { state: true },
    notice: { state: true },
  };

  static override styles = savedMethodsStyles;

  /** The shopper's saved methods (from the profile). */
  methods: readonly SavedMethod[] = [];
  /** The chosen method id, or null for a new card. Defaults to the default method. */
  value: string | null = null;
  /** The identity client with the shopper's token (removal and step-up go through it); inside `<omni-checkout>`, its context's. */
  backend: IdentityBackend | null = null;
  disabled = false;
  /** The shopper has a passkey: removal is confirmed with it (otherwise with a code by text message). */
  hasPasskey = false;
  /**
   * No "Add a new card" here: the page lists the new ways to pay itself (`<omni-checkout>`'s method
   * list), so saved and new methods are one choice. A `null` value then means "a new method".
   */
  withoutNew = false;

  /** The catalog of the element's language, loaded before the first render (`scheduleUpdate`). */
  private t!: Translation;
  private alert = '';
  private notice = '';

  #chosen = false;
  readonly #checkout = new ContextConsumer(this, { context: checkoutContext, subscribe: true });

  /** The identity client in use: the given `backend`, else the checkout's. */
  get #identity(): IdentityBackend | null {
    return this.backend ?? this.#checkout.value?.identity ?? null;
  }

  /** `{ complete, empty, value }` like the other elements: complete when a saved method is chosen. */
  getValue(): { complete: boolean; empty: boolean; value: string | null } {
    return { complete: this.value !== null, empty: this.methods.length === 0, value: this.value };
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return whenSpoken(this, () => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    speak(this, (t) => (this.t = t));
    if (changed.has('methods') && !this.#chosen && this.value === null) {
      this.value = (this.methods.find((m) => m.isDefault) ?? this.methods[0])?.id ?? null;
    }
    if (changed.has('methods') && this.value && !this.methods.some((m) => m.id === this.value)) {
      this.value = this.methods[0]?.id ?? null;
    }
  }

  #label(method: SavedMethod): string {
    // A vaulted wallet (PayPal, Venmo) has an account instead of a card number.
    return method.last4 ? this.t.identity.card(brandName(method.brand), method.last4) : `${brandName(method.brand)} ${method.account ?? ''}`.trim();
  }

  #choose(value: string | null): void {
    this.#chosen = true;
    this.value = value;
    this.dispatchEvent(new OmniSavedMethodChangeEvent({ value }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Removal and its step-up (`removal.ts`), loaded at the first press of a remove button. */
  #removal: Removal | null = null;

  async #remove(method: SavedMethod): Promise<void> {
    const backend = this.#identity;
    if (!backend) return;
    const element = this;
    this.#removal ??= new (await import('./removal.js')).Removal({
      lit: { html, nothing },
      get hasPasskey() {
        return element.hasPasskey;
      },
      renderRoot: this.renderRoot,
      get updateComplete() {
        return element.updateComplete;
      },
      requestUpdate: () => this.requestUpdate(),
      t: () => this.t,
      say: (kind, text) => (this[kind] = text),
      removed: (profile) => this.#removed(profile),
    });
    await this.#removal.remove(backend, method);
  }

  async #removed(profile: { savedMethods: SavedMethod[] }): Promise<void> {
    const before = this.value;
    this.methods = profile.savedMethods;
    this.notice = this.t.identity.removed;
    await this.updateComplete;
    if (before !== this.value) this.dispatchEvent(new OmniSavedMethodChangeEvent({ value: this.value }));
    this.renderRoot.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
  }

  protected override render(): TemplateResult {
    const i = this.t.identity;
    return html`<fieldset part="base" ?disabled=${this.disabled}>
      <legend>${i.savedMethods}</legend>
      ${this.methods.map((method) => {
        const label = this.#label(method);
        const month = method.expMonth ? String(method.expMonth).padStart(2, '0') : '';
        const year = method.expYear ? String(method.expYear).slice(-2) : '';
        return html`<div part="method" class="method">
          <label>
            <input
              type="radio"
              name="saved-method"
              .value=${method.id}
              .checked=${this.value === method.id}
              @change=${() => this.#choose(method.id)}
            />
            <span part="brand" class="brand" aria-hidden="true">${BRANDS[method.brand] ?? method.brand.toUpperCase()}</span>
            <span class="number">${label}</span>
            ${month && year ? html`<span class="expiry">${i.expires(month, year)}</span>` : nothing}
            ${method.isDefault ? html`<span part="default-badge" class="badge">${i.defaultMethod}</span>` : nothing}
          </label>
          ${this.#identity
            ? html`<button part="remove-button" type="button" aria-label=${i.remove(label)} @click=${() => this.#remove(method)}>×</button>`
            : nothing}
        </div>`;
      })}
      ${this.withoutNew
        ? nothing
        : html`<label part="add-new" class="method add-new">
            <input type="radio" name="saved-method" value="" .checked=${this.value === null} @change=${() => this.#choose(null)} />
            <span>${i.addNew}</span>
          </label>`}
      ${this.#removal?.template(this.#identity) ?? nothing}
      <p part="status" role="status">${this.notice}</p>
      <div part="error" role="alert">${this.alert}</div>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-saved-methods': OmniSavedMethods;
  }
}
