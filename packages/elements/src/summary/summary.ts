import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { formatMoney } from '@omni-checkout/core/money';
import { CheckoutLink } from '../context/checkout-link.js';
import { VERSION } from '../internal/define-element.js';
import { enFirst, isolate, speakFirst, type FirstTranslation } from '../i18n/first.js';
import { summaryStyles } from './summary.styles.js';

/**
 * @summary The order summary of a checkout session: its lines (names isolated, so an English
 * product name keeps its direction in an Arabic sentence), subtotal, shipping and total, in the
 * shopper's language and the session's currency.
 *
 * Inside `<omni-checkout>` it shows the checkout's session (the checkout context); on its own, give
 * it `publishable-key`, `api-base` and the `clientSecret` property and it reads the session itself.
 *
 * @csspart summary - The section.
 * @csspart line-item - One line.
 * @csspart total - The total row.
 *
 * @cssproperty --omni-font-family - Font family of all text.
 * @cssproperty --omni-font-size - Base font size.
 * @cssproperty --omni-color-text - Text colour.
 * @cssproperty --omni-color-border - The rule above the total.
 * @cssproperty --omni-spacing - Spacing unit.
 */
export class OmniSummary extends LitElement {
  static readonly version = VERSION;
  static override styles = summaryStyles;

  // `static properties`, not decorators: the first render carries no decorator helpers (docs/architecture.md).
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    apiBase: { attribute: 'api-base' },
    clientSecret: { attribute: false },
    fetch: { attribute: false },
    t: { state: true },
  };

  /** The merchant's publishable key (on its own). */
  publishableKey = '';
  /** The omni-checkout backend (on its own; default: the page's origin). */
  apiBase = '';
  /** The session's client secret (on its own): a property only. */
  clientSecret = '';
  /** Optional `fetch` for the backend client (tests, Storybook). */
  declare fetch: typeof globalThis.fetch | undefined;

  private t: FirstTranslation = enFirst;

  readonly #link = new CheckoutLink(this);

  protected override willUpdate(): void {
    speakFirst(this, (t) => (this.t = t));
  }

  protected override render(): TemplateResult | typeof nothing {
    const session = this.#link.value?.session;
    if (!session) return nothing;
    const { t } = this;
    const { lang, surcharge } = this.#link.value!;
    const money = (amount: number) => formatMoney({ amount, currency: session.currency }, lang);
    return html`<section part="summary" aria-labelledby="heading">
      <h2 id="heading">${t.orderSummary}</h2>
      <ul role="list">
        ${session.lineItems.map((item) => html`<li part="line-item"><span>${t.lineItem(isolate(item.name), item.quantity)}</span><span>${money(item.amount)}</span></li>`)}
      </ul>
      <dl>
        <div><dt>${t.subtotal}</dt><dd>${money(session.totals.subtotal)}</dd></div>
        <div><dt>${t.shipping}</dt><dd>${session.selectedShippingOptionId ? money(session.totals.shipping) : t.shippingNotChosen}</dd></div>
        ${surcharge ? html`<div><dt>${surcharge.label}</dt><dd>${money(surcharge.amount)}</dd></div>` : nothing}
        <div part="total"><dt>${t.total}</dt><dd>${money(session.totals.total + (surcharge?.amount ?? 0))}</dd></div>
      </dl>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-summary': OmniSummary;
  }
}
