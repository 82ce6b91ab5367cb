import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { formatMoney } from '@omni-checkout/core/money';
import { OmniApiError } from '@omni-checkout/core/errors';
import type { ShippingOption } from '@omni-checkout/core/types';
import { CheckoutLink } from '../context/checkout-link.js';
import { OmniErrorEvent } from '../events/error.js';
import { OmniShippingChangeEvent } from '../events/shipping-change.js';
import { VERSION } from '../internal/define-element.js';
import { whenSpoken, speak, type Translation } from '../i18n/index.js';
import { shippingStyles } from './shipping.styles.js';

/**
 * @summary The session's shipping options as one radio group: name, price (or "Free") and the
 * delivery estimate. Choosing one saves it on the session; the backend reprices the total.
 *
 * Inside `<omni-checkout>` it shows and changes the checkout's session (the checkout context); on
 * its own, give it `publishable-key`, `api-base` and the `clientSecret` property.
 *
 * @event omni-shipping-change - The shopper chose an option (`value`: its id).
 * @event omni-error - The choice could not be saved (`code`, `message`).
 *
 * @csspart shipping - The fieldset.
 * @csspart shipping-option - One option (radio, name, estimate, price).
 * @csspart error - Why the choice is needed or could not be saved.
 *
 * @cssproperty --omni-font-family - Font family of all text.
 * @cssproperty --omni-font-size - Base font size.
 * @cssproperty --omni-color-text - Text colour.
 * @cssproperty --omni-color-text-muted - The delivery estimate.
 * @cssproperty --omni-color-primary - The chosen option.
 * @cssproperty --omni-color-border - Option borders.
 * @cssproperty --omni-color-error - The error.
 * @cssproperty --omni-radius - Corner radius.
 * @cssproperty --omni-spacing - Spacing unit.
 * @cssproperty --omni-focus-ring - Focus indicator (`box-shadow` value).
 */
export class OmniShipping extends LitElement {
  // `static properties`, not decorators: no decorator helpers in the bundle (docs/architecture.md).
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    apiBase: { attribute: 'api-base' },
    clientSecret: { attribute: false },
    fetch: { attribute: false },
    disabled: { type: Boolean },
    t: { state: true },
    choice: { state: true },
    error: { state: true },
  };

  static readonly version = VERSION;
  static override styles = shippingStyles;

  /** The merchant's publishable key (on its own). */
  publishableKey = '';
  /** The omni-checkout backend (on its own; default: the page's origin). */
  apiBase = '';
  /** The session's client secret (on its own): a property only. */
  clientSecret = '';
  /** Optional `fetch` for the backend client (tests, Storybook). */
  declare fetch: typeof globalThis.fetch | undefined;
  /** Locks the choice (while a payment runs). */
  disabled = false;

  /** The catalog of the element's language, loaded before the first render (`scheduleUpdate`). */
  private t!: Translation;
  private choice: string | null = null;
  private error = '';

  readonly #link = new CheckoutLink(this);

  /** The chosen option's id (the shopper's latest choice, else the session's), or null. */
  get value(): string | null {
    return this.choice ?? this.#link.value?.session?.selectedShippingOptionId ?? null;
  }

  /** Whether a choice is made, or none is needed (a session without shipping options). */
  checkValidity(): boolean {
    return !this.#link.value?.session?.shippingOptions.length || this.value !== null;
  }

  /** Like `checkValidity()`, and says what is missing and moves focus to the options. */
  reportValidity(): boolean {
    if (this.checkValidity()) return true;
    this.error = this.t.errors.chooseShipping;
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
    return false;
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return whenSpoken(this, () => super.scheduleUpdate());
  }

  protected override willUpdate(): void {
    speak(this, (t) => (this.t = t));
  }

  #onChange = (event: Event): void => {
    const context = this.#link.value;
    const id = (event.target as HTMLInputElement).value;
    this.choice = id;
    this.error = '';
    this.dispatchEvent(new OmniShippingChangeEvent({ value: id }));
    context?.save(() => context.backend.setShippingOption(id)).catch((error: unknown) => {
      const code = error instanceof OmniApiError ? error.code : 'internal_error';
      const message = error instanceof OmniApiError ? error.message : this.t.errors.generic;
      this.dispatchEvent(new OmniErrorEvent({ code, message }));
    });
  };

  #option(option: ShippingOption, selected: string | null, money: (amount: number) => string): TemplateResult {
    return html`<label part="shipping-option">
      <input type="radio" name="shipping" required .value=${option.id} .checked=${option.id === selected} ?disabled=${this.disabled} @change=${this.#onChange} />
      <bdi>${option.label}</bdi>
      <span class="price">${option.amount === 0 ? this.t.free : money(option.amount)}</span>
      <span class="estimate">${this.t.deliveryEstimate(option.deliveryEstimate.minDays, option.deliveryEstimate.maxDays)}</span>
    </label>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    const context = this.#link.value;
    const session = context?.session;
    if (!session?.shippingOptions.length) return nothing;
    const money = (amount: number) => formatMoney({ amount, currency: session.currency }, context!.lang);
    const selected = this.value;
    return html`<fieldset part="shipping" aria-describedby=${this.error ? 'error' : nothing}>
      <legend>${this.t.shippingMethod}</legend>
      <div class="options">${session.shippingOptions.map((option) => this.#option(option, selected, money))}</div>
      ${this.error ? html`<p part="error" id="error">${this.error}</p>` : nothing}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-shipping': OmniShipping;
  }
}
