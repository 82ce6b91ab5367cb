/**
 * "Use a mobile number instead" in `<omni-identity>`: the `tel` field and its check through
 * libphonenumber-js, loaded the first time the shopper picks it, so neither is part of the first
 * render. It takes Lit's `html`/`nothing` from the element, so this chunk shares no module with
 * the first render (esbuild would otherwise split that into one more file).
 */
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { Translation } from '../i18n/index.js';
import { checkPhone } from '../address/phone.js';

/** What the field needs from `<omni-identity>`. */
export interface PhoneHost {
  readonly element: HTMLElement & { requestUpdate(): void; readonly country: string };
  /** Id of the field. */
  readonly id: string;
  readonly lit: { readonly html: typeof litHtml; readonly nothing: typeof litNothing };
  t(): Translation;
}

export class PhoneMode {
  /** The field's validation message ("Enter a phone number like +49 1512 3456789."), or empty. */
  error = '';

  constructor(readonly host: PhoneHost) {}

  field(): HTMLInputElement | null {
    return this.host.element.querySelector<HTMLInputElement>(`#${this.host.id}`);
  }

  /** The lookup for the number typed (international format), or null and a message under the field. */
  request(): { phone: string } | null {
    const value = this.field()?.value.trim() ?? '';
    if (!value) return null;
    const check = checkPhone(value, this.host.element.country);
    this.error = check.valid ? '' : this.host.t().errors.invalidPhone(check.example);
    this.host.element.requestUpdate();
    return check.valid ? { phone: check.formatted } : null;
  }

  #onInput = (): void => {
    if (!this.error) return;
    this.error = '';
    this.host.element.requestUpdate();
  };

  /** A native `tel` input in light DOM (`autocomplete="tel"`), so the browser offers the shopper's number. */
  template(locked: boolean, onKeydown: (event: KeyboardEvent) => void, onChange: (event: Event) => void): TemplateResult {
    const { html, nothing } = this.host.lit;
    const id = this.host.id;
    return html`<div class="omni-field">
      <label for=${id}>${this.host.t().identity.phoneLabel}</label>
      <input
        id=${id}
        name="tel"
        type="tel"
        inputmode="tel"
        autocomplete="tel"
        maxlength="32"
        required
        ?readonly=${locked}
        aria-invalid=${this.error ? 'true' : nothing}
        aria-describedby=${this.error ? `${id}-error` : nothing}
        @keydown=${onKeydown}
        @change=${onChange}
        @input=${this.#onInput}
      />
      ${this.error ? html`<p class="omni-field-error" id="${id}-error">${this.error}</p>` : nothing}
    </div>`;
  }
}
