/**
 * One click, for a remembered device with a passkey: the first render of `<omni-checkout>` is the
 * summary and one button, "Pay €42.00 with •••• 4242, deliver to Home". The device summary and the
 * passkey options come with the session in one request (`recall`). The click's code
 * (`one-click-pay.ts`, with the payment flow) and the identity client are preloaded on idle once the
 * button shows; SimpleWebAuthn loads at the click. No form, no keystroke.
 */
import { html, type TemplateResult } from 'lit';
import type { CheckoutBackend } from '@omni-checkout/core/client';
import type { DeviceSummary, RecallResponse } from '@omni-checkout/core/identity';
import type { CheckoutSession } from '@omni-checkout/core/types';
import type { CheckoutHost } from './host.js';

/** A remembered device that can pay in one click: its summary (saved method and address) and the passkey options. */
export interface Recalled {
  readonly summary: DeviceSummary & { readonly method: NonNullable<DeviceSummary['method']>; readonly address: NonNullable<DeviceSummary['address']> };
  /** Passkey options fetched ahead; used once (a retry asks for new ones). */
  options: Record<string, unknown> | null;
}

/**
 * The session and, on a remembered device, its summary and the passkey options: one request
 * (`recall`). Recalled is null unless the device can pay in one click. A backend without the
 * identity network (or a failed recall) answers the session alone: the usual form shows.
 */
export async function recallDevice(backend: CheckoutBackend, token: string): Promise<{ session: CheckoutSession; recalled: Recalled | null }> {
  let answer: RecallResponse;
  try {
    // A backend double without `recall` throws here too.
    answer = await backend.recall!(token);
  } catch {
    return { session: await backend.getSession(), recalled: null };
  }
  const { session, device, passkeyOptions } = answer;
  const oneClick = device.recognized && device.method && device.address && device.hasPasskey;
  return { session, recalled: oneClick ? { summary: device as Recalled['summary'], options: passkeyOptions } : null };
}

/** The click's code and the payment flow, a lazy chunk (`one-click-pay.ts`): preloaded on idle once the button shows. */
export const oneClickPayment = () => import('./one-click-pay.js');

/** The summary, "Welcome back", the one-click button and "Use other details". */
export function oneClickTemplate(host: CheckoutHost, session: CheckoutSession, recalled: Recalled, useOtherDetails: () => void): TemplateResult {
  const { t } = host;
  const { method, address } = recalled.summary;
  const total = host.money(session.totals.total);
  const paying = host.checkout.status === 'paying' || host.checkout.status === 'requires_action';
  return html`<omni-summary part="section summary" exportparts="line-item, total"></omni-summary>
    <section part="section one-click" aria-labelledby="one-click-heading">
      <h2 id="one-click-heading">${t.identity.welcomeBack}</h2>
      <button part="pay-button" type="button" aria-disabled=${paying ? 'true' : 'false'} @click=${() => void oneClickPayment().then(({ payOneClick }) => payOneClick(host, recalled))}>
        ${paying ? t.paying(total) : method.last4 ? t.identity.payWith(total, method.last4, address.label) : t.pay(total)}
      </button>
      <button class="link" type="button" @click=${useOtherDetails}>${t.identity.useOtherDetails}</button>
    </section>`;
}
