/**
 * Gift cards and store credit in `<omni-checkout>` (issue 18, docs/payment-methods.md): a lazily
 * loaded part, imported by the form only when the session offers gift cards (`session.giftCards`) or
 * has some applied, with its messages in its own per-language catalog (`i18n/tenders`). The form
 * renders it in the light DOM right under the order summary (as shops put a gift card field beside
 * the total): each tender and what is left to pay, the code field, a recognised shopper's store credit.
 *
 * The code field takes no autofill and no spell check; errors say what to do without telling
 * whether a code exists (a wrong code and an unknown one read the same, and the backend limits
 * attempts before looking a code up).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { createGiftCardClient, type GiftCardBackend } from '@omni-checkout/core/gift-card-client';
import { OmniApiError } from '@omni-checkout/core/errors';
import type { CheckoutState } from '@omni-checkout/core/state';
import type { AppliedTender, CheckoutSession, StoreCreditBalance } from '@omni-checkout/core/types';
import type { CheckoutConfig } from '../context/context.js';
import { loadTenderTranslation, type TenderTranslation } from '../i18n/tenders/index.js';
import { coveredByTenders } from '../checkout/covered.js';
export { tenderStyles } from './tenders.styles.js';
export { loadTenderTranslation };

/** What the part needs of the checkout. */
export interface TenderHost {
  readonly session: CheckoutSession | null;
  readonly checkout: CheckoutState;
  readonly formId: string;
  notice: string;
  money(amount: number): string;
  requestUpdate(): void;
  readonly context: { config(): CheckoutConfig; save(run: () => Promise<CheckoutSession>): Promise<CheckoutSession> };
  /** The identity network's client, when the shopper verified: its token opens their store credit. */
  readonly identityClient: { readonly shopperToken: string | null } | null;
}


const ERRORS: Record<string, keyof TenderTranslation['errors']> = {
  gift_card_not_found: 'notFound',
  gift_card_inactive: 'inactive',
  gift_card_insufficient_balance: 'noBalance',
  gift_card_currency_mismatch: 'currency',
  too_many_attempts: 'tooMany',
  operation_not_supported: 'alreadyCovered',
};

export class TenderPart {
  t: TenderTranslation | null = null;
  /** The code field is shown. */
  open = false;
  busy = false;
  error = '';
  /** A recognised shopper's store credit here, once looked up. */
  credit: StoreCreditBalance | null = null;
  readonly #client: GiftCardBackend;
  #creditToken: string | null = null;

  constructor(readonly host: TenderHost) {
    this.#client = createGiftCardClient(host.context.config());
  }

  /** Loads the words of `lang` (or takes them, loaded with the form). */
  async load(lang: string, t?: TenderTranslation): Promise<void> {
    this.t = t ?? (await loadTenderTranslation(lang));
    this.host.requestUpdate();
  }

  /** A verified shopper (new token): is there store credit for them here? Silent when not. */
  async lookForStoreCredit(): Promise<void> {
    const token = this.host.identityClient?.shopperToken ?? null;
    if (!token || token === this.#creditToken) return;
    this.#creditToken = token;
    try {
      this.credit = await this.#client.storeCredit(token);
    } catch {
      this.credit = null;
    }
    this.host.requestUpdate();
  }

  #label(tender: AppliedTender): string {
    return tender.kind === 'gift_card' ? this.t!.card(tender.last4 ?? '') : this.t!.storeCredit;
  }

  async #run(run: () => Promise<CheckoutSession>, what: (session: CheckoutSession) => AppliedTender | undefined): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const session = await this.host.context.save(run);
      const tender = what(session);
      this.host.notice = tender ? this.t!.applied(this.#label(tender), this.host.money(tender.amount)) : '';
      if (coveredByTenders(session)) this.host.notice += ` ${this.t!.covered}`;
      return true;
    } catch (error) {
      const key = error instanceof OmniApiError ? ERRORS[error.code] : undefined;
      this.error = key ? this.t!.errors[key] : this.t!.errors.generic;
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  #apply = async (event: Event): Promise<void> => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLElement).closest('.tenders')!.querySelector<HTMLInputElement>('input')!;
    const code = input.value.trim();
    if (!code) {
      this.error = this.t!.errors.empty;
      this.host.requestUpdate();
      input.focus();
      return;
    }
    const before = new Set((this.host.session?.tenders ?? []).map((t) => t.id));
    if (await this.#run(() => this.#client.apply(code), (s) => s.tenders?.find((t) => !before.has(t.id)) ?? s.tenders?.at(-1))) {
      input.value = '';
      this.open = false;
      this.host.requestUpdate();
    } else {
      input.focus();
    }
  };

  #applyCredit = async (): Promise<void> => {
    const token = this.host.identityClient?.shopperToken;
    if (!token) return;
    await this.#run(() => this.#client.applyStoreCredit(token), (s) => s.tenders?.find((t) => t.kind === 'store_credit'));
  };

  #remove = async (tender: AppliedTender): Promise<void> => {
    await this.#run(() => this.#client.remove(tender.id), () => undefined);
  };

  /** The payment section's part: applied tenders, store credit on offer, the code field. */
  panel(session: CheckoutSession, disabled: boolean): TemplateResult | typeof nothing {
    const t = this.t;
    if (!t) return nothing;
    const id = `${this.host.formId}-gift`;
    const tenders = session.tenders ?? [];
    const covered = coveredByTenders(session);
    const creditApplied = tenders.some((x) => x.kind === 'store_credit');
    return html`<div class="tenders" part="tenders">
      ${tenders.length
        ? html`<ul role="list" class="tender-list">
            ${tenders.map(
              (tender) => html`<li>
                <span>${this.#label(tender)}</span><span>−${this.host.money(tender.amount)}</span>
                <button type="button" class="link" aria-label=${t.removeLabel(this.#label(tender))} ?disabled=${disabled || this.busy} @click=${() => this.#remove(tender)}>${t.remove}</button>
              </li>`,
            )}
          </ul>`
        : nothing}
      ${this.credit && !creditApplied && !covered && this.credit.balance > 0
        ? html`<button type="button" class="secondary" ?disabled=${disabled || this.busy} @click=${this.#applyCredit}>${t.useStoreCredit(this.host.money(this.credit.balance))}</button>`
        : nothing}
      ${covered
        ? nothing
        : this.open
          ? html`<div class="gift-form">
              <label for=${id}>${t.codeLabel}</label>
              <p class="hint" id="${id}-hint">${t.codeHint}</p>
              <div class="gift-row">
                <input
                  id=${id}
                  name="gift-card-code"
                  type="text"
                  autocomplete="off"
                  autocapitalize="characters"
                  spellcheck="false"
                  inputmode="text"
                  maxlength="40"
                  aria-describedby="${id}-hint${this.error ? ` ${id}-error` : ''}"
                  aria-invalid=${this.error ? 'true' : 'false'}
                  ?disabled=${disabled || this.busy}
                  @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && void this.#apply(e)}
                />
                <button type="button" class="secondary" ?disabled=${disabled || this.busy} @click=${this.#apply}>${this.busy ? t.applying : t.apply}</button>
              </div>
              ${this.error ? html`<p class="field-error" id="${id}-error" role="alert">${this.error}</p>` : nothing}
            </div>`
          : html`<button type="button" class="link" aria-expanded="false" ?disabled=${disabled} @click=${this.#open}>${t.add}</button>`}
    </div>`;
  }

  #open = async (): Promise<void> => {
    this.open = true;
    this.host.requestUpdate();
    await Promise.resolve();
    await (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    (this.host as unknown as HTMLElement).querySelector<HTMLInputElement>(`#${this.host.formId}-gift`)?.focus();
  };

  /**
   * Under the order summary (as shops put a gift card field beside the total): each tender applied
   * and what is left to pay, then the gift card entry and a recognised shopper's store credit.
   */
  render(session: CheckoutSession): TemplateResult | typeof nothing {
    if (!this.t) return nothing;
    return html`<div class="omni-tenders" slot="details">${this.summary(session)}${this.panel(session, !['collecting', 'ready', 'failed'].includes(this.host.checkout.status))}</div>`;
  }

  summary(session: CheckoutSession): TemplateResult | typeof nothing {
    const t = this.t;
    if (!t || !session.tenders?.length) return nothing;
    return html`<dl class="tender-summary">
      ${session.tenders.map((tender) => html`<div><dt>${this.#label(tender)}</dt><dd>−${this.host.money(tender.amount)}</dd></div>`)}
      <div part="amount-due"><dt>${t.toPay}</dt><dd>${this.host.money(session.amountDue ?? session.totals.total)}</dd></div>
    </dl>`;
  }

  /** The pay button's label when the tenders pay everything. */
  payLabel(session: CheckoutSession): string | null {
    return this.t && coveredByTenders(session) ? this.t.placeOrder(this.host.money(session.totals.total)) : null;
  }
}
