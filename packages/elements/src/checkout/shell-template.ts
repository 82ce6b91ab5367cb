/**
 * What `<omni-checkout>` shows for an open session outside one click: the express slot, the order
 * summary, the form's slot (a skeleton keeps its place until the form shows), the shipping options,
 * the payment section and the pay button. The form (`checkout-form.ts`) fills the slots from the
 * light DOM once loaded.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isEditable } from '@omni-checkout/core/state';
import type { CheckoutSession } from '@omni-checkout/core/types';
import type { CheckoutHost } from './host.js';

export function shellTemplate(host: CheckoutHost, session: CheckoutSession): TemplateResult {
  const { t, form, checkout } = host;
  // What the card or wallet pays: the total less gift cards and store credit.
  const total = host.money(session.amountDue ?? session.totals.total);
  const paying = checkout.status === 'paying' || checkout.status === 'requires_action';
  const fixed = !isEditable(checkout);
  // Without payment fields yet, only a saved method can pay (pressing pay loads the fields).
  const locked = !form || form.payLocked() || fixed;
  // One line per element, no indentation: whitespace in a template is shipped, and the grid ignores it.
  return html`<slot name="express"></slot>
<omni-summary part="section summary" exportparts="line-item, total"></omni-summary>
<slot name="details"><div class="skeleton" aria-hidden="true"></div></slot>
<omni-shipping part="section" exportparts="shipping-option" ?hidden=${!session.shippingOptions.length} ?disabled=${fixed}></omni-shipping>
<fieldset part="section payment"><legend>${t.payment}</legend><slot name="saved-methods"></slot>${form?.paymentMethods()}<slot name="payment"></slot></fieldset>
${form?.ownButton()
    ? nothing
    : html`<button part="pay-button" type="button" aria-disabled=${locked ? 'true' : 'false'} @click=${() => host.form?.pay()}>${paying ? t.paying(total) : (form?.payLabel(total) ?? t.pay(total))}</button>`}
<slot name="handoff"></slot>`;
}

/** The payment succeeded: the order number (the heading takes the focus). */
export function successTemplate(host: CheckoutHost): TemplateResult {
  const { t, checkout } = host;
  return html`<section part="section success" aria-labelledby="success-heading">
    <h2 id="success-heading" tabindex="-1">${t.succeeded}</h2>
    <p>${t.orderNumber} <strong>${checkout.orderId}</strong></p>
  </section>`;
}
