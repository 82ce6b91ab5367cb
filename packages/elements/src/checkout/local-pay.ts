/**
 * What local methods show in `<omni-checkout>`'s payment section (issue 18), loaded by `import()`
 * only when one is chosen or started, with its messages (`i18n/local-pay`):
 *
 * - BLIK: the six-digit code field, before paying; then "confirm in your banking app" while the
 *   provider waits for the approval.
 * - Swish and WeChat Pay: the QR code to scan with the phone, while the provider polls until the
 *   payment is approved (or the code expires).
 *
 * Templates in the checkout's light DOM (like the rest of its form); the state lives in
 * `CheckoutPayment`, which re-renders the checkout when it changes.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { NextAction } from '@omni-checkout/core/types';
import type { QrShape } from '../handoff/qr.js';
import { BRAND_NAMES } from '../i18n/brands.js';
import { loadLocalPayTranslation, type LocalPayTranslation } from '../i18n/local-pay/index.js';

export { loadLocalPayTranslation, type LocalPayTranslation };

/** A BLIK code as the shopper may type it (spaces, a dash between the halves): its six digits, or null. */
export function blikDigits(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

export interface BlikFieldState {
  readonly id: string;
  readonly value: string;
  readonly error: string;
  readonly disabled: boolean;
  readonly onInput: (value: string) => void;
}

/** The BLIK code field: six digits, numeric keyboard, one-time-code autofill from the bank app's notification. */
export function blikField(t: LocalPayTranslation, state: BlikFieldState): TemplateResult {
  const { id, value, error, disabled } = state;
  return html`<div class="omni-field omni-blik" slot="payment">
    <label for=${id}>${t.blikCode}</label>
    <input
      id=${id}
      name="blik-code"
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength="7"
      required
      ?disabled=${disabled}
      .value=${value}
      aria-invalid=${error ? 'true' : nothing}
      aria-describedby=${error ? `${id}-error ${id}-hint` : `${id}-hint`}
      @input=${(event: Event) => state.onInput((event.target as HTMLInputElement).value)}
    />
    <p class="omni-hint" id="${id}-hint">${t.blikHint}</p>
    ${error ? html`<p class="omni-field-error" id="${id}-error">${error}</p>` : nothing}
  </div>`;
}

/** The method's name for a waiting action (`swish` → Swish). */
export function methodName(action: NextAction): string {
  const method = action.data['method'] ?? '';
  return (BRAND_NAMES as Record<string, string>)[method] ?? method;
}

/**
 * While the provider waits for the shopper's app: BLIK's "confirm in your banking app", or the QR
 * code of Swish and WeChat Pay with its instructions. Announced through the checkout's status line.
 */
export function waitingPanel(t: LocalPayTranslation, action: NextAction, qr: QrShape | null): TemplateResult {
  const name = methodName(action);
  if (action.type === 'approve_in_app') {
    return html`<div class="omni-local-wait" slot="payment" part="local-wait">
      <p><strong>${t.blikApprove}</strong></p>
      <p>${t.waiting}</p>
    </div>`;
  }
  return html`<div class="omni-local-wait" slot="payment" part="local-wait">
    <p>${t.scan(name)}</p>
    ${qr
      ? html`<svg class="omni-local-qr" width="192" height="192" viewBox="0 0 ${qr.size} ${qr.size}" role="img" aria-label=${t.qrLabel(name)} shape-rendering="crispEdges">
          <rect width=${qr.size} height=${qr.size} fill="#fff"></rect>
          <path d=${qr.path} fill="#000"></path>
        </svg>`
      : nothing}
    <p>${t.waiting}</p>
  </div>`;
}

/** The QR code's drawing for a waiting action (the `uqr` chunk the handoff uses), or null without one. */
export async function qrFor(action: NextAction): Promise<QrShape | null> {
  const data = action.data['qrData'];
  if (action.type !== 'display_qr' || !data) return null;
  return (await import('../handoff/qr.js')).qrShape(data);
}
