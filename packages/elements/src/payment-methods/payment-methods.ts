import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { PaymentMethodType, SessionPaymentMethod } from '@omni-checkout/core/types';
import { formatMoney } from '@omni-checkout/core/money';
import { VERSION } from '../internal/define-element.js';
import { whenSpoken, speak, type Translation } from '../i18n/index.js';
import { paymentMethodsStyles } from './payment-methods.styles.js';

let instances = 0;

/**
 * @summary The ways to pay in the shopper's market, in the market's order (local methods first:
 * BLIK and Przelewy24 in Poland, Kakao Pay and Naver Pay in Korea, mada and STC Pay in Saudi
 * Arabia…), as a radio group. Only methods a provider can take now are listed (the backend leaves
 * the others out and tells the merchant why; an entry marked unavailable by an older backend is not
 * shown either); one whose provider's script could not load (`failed`) is listed, disabled, and says so.
 *
 * @event change - The shopper chose another method (`value`).
 *
 * @csspart base - The radio group.
 * @csspart method - One method (radio and name).
 * @csspart note - Why a method cannot be chosen.
 * @csspart fee - What the method adds to the total (cash on delivery's fee).
 *
 * @cssproperty --omni-font-family - Font family of all text.
 * @cssproperty --omni-font-size - Base font size.
 * @cssproperty --omni-color-text - Text colour.
 * @cssproperty --omni-color-text-muted - Notes.
 * @cssproperty --omni-color-primary - The chosen method.
 * @cssproperty --omni-color-border - Method borders.
 * @cssproperty --omni-radius - Corner radius.
 * @cssproperty --omni-spacing - Spacing unit.
 * @cssproperty --omni-focus-ring - Focus indicator (`box-shadow` value).
 */
export class OmniPaymentMethods extends LitElement {
  // `static properties`, not decorators: no decorator helpers in the bundle (docs/architecture.md).
  static override properties = {
    methods: { attribute: false },
    value: {},
    optional: { type: Boolean },
    failed: { attribute: false },
    currency: {},
    t: { state: true },
  };

  static readonly version = VERSION;
  static override styles = paymentMethodsStyles;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  /** The session's `paymentMethods`, in order. */
  methods: readonly SessionPaymentMethod[] = [];

  /** The chosen method; defaults to the first available one. */
  value: PaymentMethodType | '' = '';

  /** No method chosen is a valid state (another list holds the choice: saved methods); otherwise the first usable one is chosen. */
  optional = false;

  /** Providers whose script could not load (offline, blocked): their methods are listed, disabled, and say so. */
  failed: readonly string[] = [];

  /** The session's currency, for a method's fee (cash on delivery: `+ 5,00 zł`). */
  currency = '';

  /** The catalog of the element's language, loaded before the first render (`scheduleUpdate`). */
  private t!: Translation;

  readonly #name = `omni-payment-methods-${++instances}`;
  #lang = '';

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' || name === 'dir') this.requestUpdate();
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return whenSpoken(this, () => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#lang = speak(this, (t) => (this.t = t));
    if (changed.has('methods') || changed.has('value') || changed.has('failed')) {
      const chosen = this.methods.find((m) => m.type === this.value && this.#usable(m));
      if (!chosen && !(this.optional && this.value === '')) this.value = this.methods.find((m) => this.#usable(m))?.type ?? '';
    }
  }

  #usable(method: SessionPaymentMethod): boolean {
    return method.available && !this.failed.includes(method.provider);
  }

  #onChange = (event: Event): void => {
    event.stopPropagation();
    this.value = (event.target as HTMLInputElement).value as PaymentMethodType;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  protected override render(): TemplateResult {
    return html`<div part="base" role="radiogroup" aria-label=${this.t.paymentMethod}>
      ${this.methods.filter((method) => method.available).map((method) => {
        const id = `${this.#name}-${method.type}`;
        const note = this.failed.includes(method.provider) ? this.t.methodFailed : '';
        return html`<label part="method" for=${id}>
          <input
            id=${id}
            type="radio"
            name=${this.#name}
            .value=${method.type}
            .checked=${method.type === this.value}
            ?disabled=${!this.#usable(method)}
            aria-describedby=${note ? `${id}-note` : nothing}
            @change=${this.#onChange}
          />
          <span>${this.t.methods[method.type]}</span>
          ${method.fee && this.currency
            ? html`<span part="fee">+ ${formatMoney({ amount: method.fee, currency: this.currency }, this.#lang)}</span>`
            : nothing}
          ${note ? html`<span part="note" id="${id}-note">${note}</span>` : nothing}
        </label>`;
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-payment-methods': OmniPaymentMethods;
  }
}
