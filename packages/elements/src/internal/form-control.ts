import { LitElement, type PropertyDeclarations } from 'lit';

/** What a form-associated element submits and restores: one string, or several named entries. */
export type FormControlValue = string | FormData | null;

type NativeControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const FLAGS = [
  'valueMissing',
  'typeMismatch',
  'patternMismatch',
  'tooLong',
  'tooShort',
  'rangeUnderflow',
  'rangeOverflow',
  'stepMismatch',
  'badInput',
  'customError',
] as const satisfies readonly (keyof ValidityStateFlags)[];

/**
 * The one base class of every form-associated element (docs/style.md rule 10): `ElementInternals` carries
 * the element's value into its form's `FormData`, its validity into `form.checkValidity()` and
 * `:invalid`, and the browser's reset, restore (back/forward, session restore) and disabled
 * fieldsets back into the element. Elements keep their fields as native inputs in light DOM (so
 * browsers autofill them) and copy those inputs' validity here.
 *
 * A subclass implements `formValue()` (what to submit), `formResetCallback()` and
 * `restoreFormValue()`, and calls `updateFormValue()` and `syncValidity()` when its inputs change.
 * Every subclass runs the shared contract test (`internal/test/form-control-contract.ts`).
 */
export abstract class OmniFormControl extends LitElement {
  // `static properties`, not decorators: no decorator helpers in the bundle (docs/architecture.md).
  static override properties: PropertyDeclarations = {
    name: { reflect: true },
    disabled: { type: Boolean, reflect: true },
  };

  static readonly formAssociated = true;

  /** The name its value is submitted under (entries are `name[field]` for multi-field elements). */
  name = '';

  /** Disables every field. A disabled ancestor `<fieldset>` does too. */
  disabled = false;

  protected readonly internals: ElementInternals = this.attachInternals();

  /** Set while an ancestor `<fieldset disabled>` or form disables the element. */
  protected formDisabled = false;

  /** The value to submit, or null for none (a nameless element submits nothing). */
  protected abstract formValue(): FormControlValue;

  /** Restores a value the browser saved (`updateFormValue` gave it as the state). */
  protected abstract restoreFormValue(state: FormControlValue): void;

  /** The form was reset: go back to the initial value. */
  abstract formResetCallback(): void;

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get labels(): NodeList {
    return this.internals.labels;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** Whether the element or an ancestor fieldset/form disables it. */
  get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
    this.requestUpdate();
  }

  formStateRestoreCallback(state: FormControlValue, _reason: 'restore' | 'autocomplete'): void {
    this.restoreFormValue(state);
  }

  /** Hands the current value to the form (and as the state the browser restores). */
  protected updateFormValue(): void {
    const value = this.name ? this.formValue() : null;
    this.internals.setFormValue(value, this.formValue());
  }

  /**
   * Copies the validity of the first invalid native input (with its message, and the input as the
   * anchor `reportValidity()` focuses), or marks the element valid. `extra` adds a reason of the
   * element's own (e.g. "still loading") when every input is valid.
   */
  protected syncValidity(controls: readonly NativeControl[], extra?: { message: string; flags?: ValidityStateFlags; anchor?: HTMLElement }): void {
    const invalid = controls.find((control) => !control.disabled && !control.validity.valid);
    if (invalid) {
      const flags: ValidityStateFlags = {};
      for (const flag of FLAGS) if (invalid.validity[flag]) flags[flag] = true;
      this.internals.setValidity(flags, invalid.validationMessage || ' ', invalid);
    } else if (extra) {
      this.internals.setValidity(extra.flags ?? { customError: true }, extra.message, extra.anchor);
    } else {
      this.internals.setValidity({});
    }
  }
}
