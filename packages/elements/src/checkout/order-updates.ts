/**
 * "Order updates" in the checkout's form: the shopper chooses how to hear about the order after
 * paying — by email (the default), by SMS, or both — and, for SMS, gives a mobile number
 * (`type="tel"`, `autocomplete="tel"` so browsers fill it; checked with libphonenumber against the
 * shop's country and sent in E.164). The choice goes to the backend with the contact
 * (`contact.notifyBy`, `contact.phone`). Loaded by `import()` only when the session says the shop
 * can send texts (`smsUpdates`), with its words (`i18n/order-updates`): none of it is in the
 * checkout's first render.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Contact, NotifyBy } from '@omni-checkout/core/types';
import { loadOrderUpdatesTranslation, type OrderUpdatesTranslation } from '../i18n/order-updates/index.js';

export { loadOrderUpdatesTranslation };

/** What the part needs of the form. */
export interface OrderUpdatesForm {
  readonly id: string;
  readonly host: HTMLElement & { requestUpdate(): void; readonly t: { readonly $code: string }; readonly session: { readonly country: string; readonly contact: Contact | null } | null };
  /** The number typed for the shipping address, offered when the shopper picks SMS with the field empty. */
  addressPhone(): string;
  /** The choice changed: save the contact and re-check the form. */
  changed(): void;
}

const CHOICES: readonly NotifyBy[] = ['email', 'sms', 'email_sms'];

export class OrderUpdates {
  t: OrderUpdatesTranslation | null = null;
  notifyBy: NotifyBy;
  phone: string;
  /** The number in E.164 once checked, '' while it is not a mobile number. */
  #e164: string;
  /** The number's check in flight (libphonenumber loads with the first one). */
  #checking: Promise<void> = Promise.resolve();
  error = '';

  constructor(readonly form: OrderUpdatesForm) {
    const contact = form.host.session?.contact;
    this.notifyBy = contact?.notifyBy ?? 'email';
    this.phone = contact?.phone ?? '';
    this.#e164 = contact?.phone ?? '';
  }

  /** Loads the words of the page's language (or takes them, loaded with the form). */
  async load(t?: OrderUpdatesTranslation): Promise<void> {
    this.t = t ?? (await loadOrderUpdatesTranslation(this.form.host.t.$code));
    this.form.host.requestUpdate();
  }

  get wantsSms(): boolean {
    return this.notifyBy !== 'email';
  }

  /** What the contact carries: the choice and the number when SMS is chosen; nothing for email (the default). */
  value(): Pick<Contact, 'notifyBy' | 'phone'> {
    return this.wantsSms ? { notifyBy: this.notifyBy, phone: this.#e164 } : {};
  }

  /** False while SMS is chosen without a checked mobile number (the pay button stays locked). */
  complete(): boolean {
    return !this.wantsSms || this.#e164 !== '';
  }

  /** Shows what is missing and focuses the number. */
  report(): void {
    if (this.complete()) return;
    if (!this.error) this.error = this.t?.required ?? '';
    this.form.host.requestUpdate();
    this.#input()?.focus();
  }

  /** A field error from the backend (`phone`). */
  showError(message: string): void {
    this.error = message;
    this.#e164 = '';
    this.form.host.requestUpdate();
  }

  #input(): HTMLInputElement | null {
    return this.form.host.querySelector<HTMLInputElement>(`#${this.form.id}-notify-phone`);
  }

  #onChoice = (event: Event): void => {
    // Not an address field: keep it away from the form's change handler.
    event.stopPropagation();
    this.notifyBy = (event.target as HTMLInputElement).value as NotifyBy;
    if (this.wantsSms && !this.phone) {
      const typed = this.form.addressPhone();
      if (typed) {
        this.#checking = this.#check(typed);
        return;
      }
    }
    this.form.host.requestUpdate();
    this.form.changed();
  };

  #onPhone = (event: Event): void => {
    event.stopPropagation();
    this.#checking = this.#check((event.target as HTMLInputElement).value);
  };

  /** Resolves once the number typed last is checked. */
  checked(): Promise<void> {
    return this.#checking;
  }

  async #check(value: string): Promise<void> {
    this.phone = value.trim();
    if (!this.phone) {
      this.#e164 = '';
      this.error = this.t?.required ?? '';
    } else {
      // libphonenumber's lazy chunk, the one <omni-address> loads for its phone field.
      const { checkPhone } = await import('../address/phone.js');
      const result = checkPhone(this.phone, this.form.host.session?.country ?? '');
      this.#e164 = result.valid ? result.e164 : '';
      this.phone = result.valid ? result.formatted : this.phone;
      this.error = result.valid ? '' : (this.t?.invalid(result.example) ?? '');
    }
    this.form.host.requestUpdate();
    this.form.changed();
  }

  template(locked: boolean): TemplateResult | typeof nothing {
    const t = this.t;
    if (!t) return nothing;
    const id = `${this.form.id}-notify`;
    const labels: Record<NotifyBy, string> = { email: t.email, sms: t.sms, email_sms: t.both };
    return html`<fieldset class="omni-updates" ?disabled=${locked}>
      <legend>${t.legend}</legend>
      <div class="omni-choices">
        ${CHOICES.map(
          (choice) => html`<div class="omni-choice">
            <input id="${id}-${choice}" type="radio" name="notifyBy" value=${choice} .checked=${this.notifyBy === choice} @change=${this.#onChoice} />
            <label for="${id}-${choice}">${labels[choice]}</label>
          </div>`,
        )}
      </div>
      ${this.wantsSms
        ? html`<div class="omni-field">
            <label for="${id}-phone">${t.phone}</label>
            <input
              id="${id}-phone"
              name="notifyPhone"
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              dir="ltr"
              maxlength="32"
              required
              .value=${this.phone}
              aria-invalid=${this.error ? 'true' : nothing}
              aria-describedby="${id}-hint${this.error ? ` ${id}-error` : ''}"
              @change=${this.#onPhone}
            />
            <p id="${id}-hint" class="omni-hint">${t.hint}</p>
            ${this.error ? html`<p class="omni-field-error" id="${id}-error">${this.error}</p>` : nothing}
          </div>`
        : nothing}
    </fieldset>`;
  }
}
