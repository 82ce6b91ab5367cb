/**
 * One click, for a remembered device with a passkey: the first render of `<omni-checkout>` is the
 * summary and one button, "Pay €42.00 with •••• 4242, deliver to Home". The device summary and the
 * passkey options come with the session in one request (`recall`). The click's code
 * (`one-click-pay.ts`, with the payment flow) and the identity client are preloaded on idle once the
 * button shows; SimpleWebAuthn loads at the click. No form, no keystroke.
 */
import { html, type TemplateResult } from 'lit';
import type { CheckoutSession } from '@omni-checkout/core/types';
import type { CheckoutHost } from './host.js';
import { oneClickLabel, type Recalled } from './recall.js';

export { recallDevice, type Recalled } from './recall.js';

/** The click's code and the payment flow, a lazy chunk (`one-click-pay.ts`): preloaded on idle once the button shows. */
export const oneClickPayment = () => import('./one-click-pay.js');

/** After the button shows: what the click and "Use other details" need loads when the page is idle. */
export const requestIdle = (run: () => void): unknown => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 200));

/** The summary, "Welcome back", the one-click button and "Use other details". */
export function oneClickTemplate(host: CheckoutHost, session: CheckoutSession, recalled: Recalled, useOtherDetails: () => void): TemplateResult {
  const { t } = host;
  const total = host.money(session.totals.total);
  const paying = host.checkout.status === 'paying' || host.checkout.status === 'requires_action';
  return html`<omni-summary part="section summary" exportparts="line-item, total"></omni-summary>
    <section part="section one-click" aria-labelledby="one-click-heading">
      <h2 id="one-click-heading">${t.identity.welcomeBack}</h2>
      <button part="pay-button" type="button" aria-disabled=${paying ? 'true' : 'false'} @click=${() => void oneClickPayment().then(({ payOneClick }) => payOneClick(host, recalled))}>
        ${paying ? t.paying(total) : oneClickLabel(t, total, recalled)}
      </button>
      <button class="link" type="button" @click=${useOtherDetails}>${t.identity.useOtherDetails}</button>
    </section>`;
}
