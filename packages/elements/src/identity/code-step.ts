/**
 * The code step of `<omni-identity>`: the one-time-code field (`autocomplete="one-time-code"`; the
 * sixth digit submits it) under the masked hint. It loads when the shopper asks for a code, while
 * the lookup is on its way, so a guest who never asks never downloads it. It takes Lit's
 * `html`/`nothing` from the element, as `phone-field.ts` does, so this chunk shares no module with
 * the first render.
 */
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { Translation } from '../i18n/index.js';

/** What the field needs from `<omni-identity>`. */
export interface CodeHost {
  /** Id of the field. */
  readonly id: string;
  readonly lit: { readonly html: typeof litHtml; readonly nothing: typeof litNothing };
  t(): Translation;
  /** Six digits typed (or filled by the browser from the message): check them. */
  verify(code: string): void;
}

export class CodeStep {
  constructor(readonly host: CodeHost) {}

  #onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const digits = input.value.replace(/\D/g, '').slice(0, 6);
    if (digits !== input.value) input.value = digits;
    if (digits.length === 6) this.host.verify(digits);
  };

  /** The field, described by "If you saved your details with us, we sent a 6-digit code to …". */
  template(hint: string, disabled: boolean): TemplateResult {
    const { html } = this.host.lit;
    const { id } = this.host;
    const t = this.host.t().identity;
    return html`<div class="omni-field">
      <label for=${id}>${t.codeLabel}</label>
      <input
        id=${id}
        name="one-time-code"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength="6"
        aria-describedby="${id}-hint"
        ?disabled=${disabled}
        @input=${this.#onInput}
      />
      <p class="omni-hint" id="${id}-hint">${t.codeSent(hint)}</p>
    </div>`;
  }
}

