/**
 * What `<omni-checkout>`'s form loads before its first render (`checkout-form.ts`), so that it shows
 * whole and nothing moves when a part arrives (layout shift, docs/performance.md); "Order updates";
 * and the plain email field (without the identity network).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { loadAddressRules } from '@omni-checkout/core/address';
import type { CheckoutSession } from '@omni-checkout/core/types';
import type { OrderUpdatesTranslation } from '../i18n/order-updates/index.js';
import type { TenderTranslation } from '../i18n/tenders/index.js';
import { languageOf } from '../i18n/catalogs.js';
import type { CheckoutHost, FormState } from './host.js';
import type { OrderUpdates } from './order-updates.js';

/** Parts of the form loaded with it (where the session offers them), with their words. */
export interface FormParts {
  readonly updates?: { readonly mod: typeof import('./order-updates.js'); readonly t: OrderUpdatesTranslation } | null;
  readonly tenders?: { readonly mod: typeof import('../tenders/tenders.js'); readonly t: TenderTranslation; readonly lang: string } | null;
}

/**
 * Loads what the form's first render needs, so nothing moves when it arrives (layout shift): the
 * country's address rules, and the "Order updates" and gift card parts with their words where the
 * session offers them (loaded after the form, they pushed it down as they appeared).
 */
export async function prepareForm(host: CheckoutHost, session: CheckoutSession): Promise<FormParts> {
  const lang = languageOf(host);
  const [, updates, tenders] = await Promise.all([
    loadAddressRules((session.shippingAddress ?? session).country ?? '').catch(() => null),
    session.smsUpdates ? import('./order-updates.js').then(async (mod) => ({ mod, t: await mod.loadOrderUpdatesTranslation(lang) })).catch(() => null) : null,
    session.giftCards || session.tenders?.length ? import('../tenders/tenders.js').then(async (mod) => ({ mod, lang, t: await mod.loadTenderTranslation(lang) })).catch(() => null) : null,
  ]);
  return { updates, tenders };
}

/** "Order updates" (email, SMS or both) where the shop can send texts (`session.smsUpdates`): the form has it once its words are in. */
export async function loadUpdates(form: FormState & { updates: OrderUpdates | null }, prepared: FormParts['updates']): Promise<void> {
  const { OrderUpdates } = prepared?.mod ?? (await import('./order-updates.js'));
  const updates = new OrderUpdates({
    id: form.id,
    host: form.host,
    addressPhone: () => form.address()?.getValue().value.phone?.trim() ?? '',
    changed: () => {
      form.saveContact().catch(form.reportSaveError);
      form.formChanged();
    },
  });
  await updates.load(prepared?.t);
  form.updates = updates;
  form.formChanged();
}

/** The email field of a checkout without the identity network. */
export function emailField(id: string, label: string, value: string, error: string | undefined): TemplateResult {
  return html`<div class="omni-field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      name="email"
      type="email"
      autocomplete="email"
      maxlength="254"
      required
      .value=${value}
      aria-invalid=${error ? 'true' : nothing}
      aria-describedby=${error ? `${id}-error` : nothing}
    />
    ${error ? html`<p class="omni-field-error" id="${id}-error">${error}</p>` : nothing}
  </div>`;
}
