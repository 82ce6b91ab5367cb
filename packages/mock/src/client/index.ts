/**
 * Client half of the mock provider: native card inputs in the caller's light-DOM container (so
 * browsers can autofill them) and a modal 3-D Secure challenge. The card number stays in this
 * module: `createPaymentMethod()` hands out only a token naming the test scenario and last 4.
 *
 * Test mode only: it refuses to mount for a live session.
 */
import type {
  ClientProvider,
  ClientProviderContext,
  CreatePaymentMethodResult,
  MountedPaymentFields,
  PaymentFieldsChange,
} from '@omni-checkout/core/provider';
import { scenarioForCard, tokenFor } from '../test-cards.js';
import {
  caretAfterDigits,
  digitsOf,
  expectedCardLength,
  formatCardNumber,
  formatCvc,
  formatExpiry,
  MAX_CARD_DIGITS,
  validateCardNumber,
  validateCvc,
  validateExpiry,
  type FieldError,
} from './card.js';
import { el, sheetAdopter, styleRootOf, TOKENS } from './styles.js';
import { mockMessages } from './i18n/messages.js';

const adopt = sheetAdopter(
  `.omni-mock-fields{${TOKENS};--_e:var(--omni-color-error,light-dark(#b3261e,#f2b8b5));` +
    'display:grid;grid-template-columns:1fr 1fr;gap:var(--_s);margin:0;padding:0;border:0;min-inline-size:0}' +
    '.omni-mock-fields>legend,.omni-mock-fields>p,.omni-mock-number{grid-column:1/-1;padding:0;margin:0}' +
    '.omni-mock-fields>legend{font-weight:600;margin-block-end:var(--_s)}' +
    '.omni-mock-fields>p{color:var(--omni-color-text-muted,light-dark(#4f5359,#c4c7cc));font-size:.875em}' +
    // Each field spans three rows of the group (label, input, error) through a subgrid, so the
    // expiry and CVC inputs stay side by side even when one label wraps (long words, 360 px screens).
    '.omni-mock-fields>div{display:grid;grid-row:span 3;grid-template-rows:subgrid;row-gap:calc(var(--_s)/2);min-inline-size:0}' +
    '.omni-mock-fields label{align-self:end}' +
    '.omni-mock-fields input{font:inherit;color:inherit;background:var(--_bg);border:1px solid var(--_b);border-radius:var(--_r);' +
    'padding:var(--_s) calc(var(--_s)*1.5);min-inline-size:0}' +
    '.omni-mock-fields input[aria-invalid=true]{border:2px solid var(--_e)}' +
    '.omni-mock-fields div>p{margin:0;color:var(--_e);font-size:.875em}' +
    '.omni-mock-fields div>p:empty{display:none}',
);

let count = 0;

/** The most recently mounted container still in the page: the challenge dialog goes beside the fields. */
let lastContainer: HTMLElement | null = null;

/** A field's error as the shopper reads it. */
interface ShownError extends FieldError {
  readonly message: string;
}

interface Field {
  readonly input: HTMLInputElement;
  readonly error: HTMLElement;
  readonly validate: () => ShownError | null;
  /** Errors show once a field is touched: left non-empty, filled completely, or submitted. */
  touched: boolean;
  shown: ShownError | null;
}

async function mountPaymentFields(container: HTMLElement, ctx: ClientProviderContext): Promise<MountedPaymentFields> {
  if (ctx.session.livemode) throw new Error('@omni-checkout/mock refuses to mount for a live checkout session.');

  const t = await mockMessages(ctx.locale);
  const doc = container.ownerDocument;
  const id = `omni-mock-${++count}`;
  const controller = new AbortController();
  const listeners = new Set<(change: PaymentFieldsChange) => void>();
  let last = '';

  const group = el(doc, 'fieldset', { class: 'omni-mock-fields', dir: ctx.dir, 'aria-describedby': `${id}-hint` });
  group.append(el(doc, 'legend', {}, t.cardDetails), el(doc, 'p', { id: `${id}-hint` }, t.testMode));

  const digits = () => digitsOf(number.input.value);

  function field(
    name: string,
    label: string,
    attrs: Record<string, string>,
    format: (value: string) => string,
    validate: (value: string) => FieldError | null,
    isFull: (value: string) => boolean,
  ): Field {
    const inputId = `${id}-${name}`;
    const wrapper = el(doc, 'div', { class: `omni-mock-${name}` });
    // No `name` attribute: if the merchant's <form> is ever submitted natively, card data stays out of it.
    const input = el(doc, 'input', {
      id: inputId,
      inputmode: 'numeric',
      dir: 'ltr',
      spellcheck: 'false',
      'aria-invalid': 'false',
      'aria-describedby': `${inputId}-error`,
      ...attrs,
    });
    const error = el(doc, 'p', { id: `${inputId}-error` });
    wrapper.append(el(doc, 'label', { for: inputId }, label), input, error);
    group.append(wrapper);
    // The shopper's language for the message; the code stays the same in every language.
    const inLanguage = (e: FieldError | null): ShownError | null => e && { ...e, message: t.errors[e.code] };
    const f: Field = { input, error, validate: () => inLanguage(validate(input.value)), touched: false, shown: null };
    const { signal } = controller;
    input.addEventListener(
      'input',
      () => {
        const caret = input.selectionStart ?? input.value.length;
        const atEnd = caret >= input.value.length;
        const before = digitsOf(input.value.slice(0, caret)).length;
        const formatted = format(input.value);
        if (formatted !== input.value) {
          input.value = formatted;
          const position = atEnd ? formatted.length : caretAfterDigits(formatted, before);
          if (doc.activeElement === input) input.setSelectionRange(position, position);
        }
        // Luhn and date checks show as soon as the entry is full, without waiting for blur.
        if (isFull(formatted)) f.touched = true;
        refresh();
      },
      { signal },
    );
    input.addEventListener(
      'blur',
      () => {
        if (input.value) f.touched = true;
        refresh();
      },
      { signal },
    );
    return f;
  }

  const number = field(
    'number',
    t.cardNumber,
    { autocomplete: 'cc-number', placeholder: '1234 1234 1234 1234' },
    formatCardNumber,
    () => validateCardNumber(digits()),
    () => digits().length >= Math.min(expectedCardLength(digits()), MAX_CARD_DIGITS),
  );
  const expiry = field(
    'expiry',
    t.expiry,
    { autocomplete: 'cc-exp', placeholder: t.expiryPlaceholder, maxlength: '7' },
    formatExpiry,
    (value) => validateExpiry(value),
    (value) => digitsOf(value).length === 4,
  );
  const cvc = field(
    'cvc',
    t.cvc,
    { autocomplete: 'cc-csc', placeholder: 'CVC', maxlength: '4' },
    formatCvc,
    (value) => validateCvc(value, digits()),
    () => false,
  );
  const fields = [number, expiry, cvc];

  /** Recomputes the visible errors and tells subscribers when the overall state changed. */
  function refresh(): void {
    for (const f of fields) {
      f.shown = f.touched ? f.validate() : null;
      f.input.setAttribute('aria-invalid', String(!!f.shown));
      f.error.textContent = f.shown?.message ?? '';
    }
    const change: PaymentFieldsChange = {
      complete: fields.every((f) => !f.validate()),
      empty: fields.every((f) => !f.input.value),
      error: fields.find((f) => f.shown)?.shown ?? null,
    };
    const key = JSON.stringify(change);
    if (key === last) return;
    last = key;
    for (const listener of [...listeners]) listener(change);
  }

  const setDisabled = (disabled: boolean) => {
    for (const f of fields) f.input.disabled = disabled;
  };

  const release = adopt(styleRootOf(container));
  container.append(group);
  lastContainer = container;

  return {
    async createPaymentMethod(): Promise<CreatePaymentMethodResult> {
      for (const f of fields) f.touched = true;
      refresh();
      const invalid = fields.find((f) => f.shown)?.shown;
      if (invalid) return { error: { code: 'incomplete_card', message: invalid.message } };
      const scenario = scenarioForCard(digits());
      return scenario
        ? { paymentMethod: tokenFor(scenario, digits().slice(-4)) }
        : { error: { code: 'test_card_required', message: t.testCardRequired } };
    },
    onChange(listener) {
      if (controller.signal.aborted) return () => {};
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(session) {
      // Amount and currency do not change the mock fields; a session turned live is refused.
      if (session.livemode) setDisabled(true);
    },
    setDisabled,
    focus() {
      (fields.find((f) => f.validate()) ?? number).input.focus();
    },
    destroy() {
      if (controller.signal.aborted) return;
      controller.abort();
      listeners.clear();
      group.remove();
      release();
      if (lastContainer === container) lastContainer = null;
    },
  };
}

/** The mock provider's client half. Register it with `registerProvider('mock', () => import('@omni-checkout/mock/client'))`. */
export const mockProvider: ClientProvider = {
  id: 'mock',
  mountPaymentFields,
  // The challenge dialog is needed only when a payment asks for it: load it then.
  handleNextAction: async (action, ctx) =>
    (await import('./challenge.js')).handleNextAction(action, ctx, lastContainer, await mockMessages(ctx.locale)),
};

export default mockProvider;
