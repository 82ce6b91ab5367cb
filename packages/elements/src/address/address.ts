import { html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
import {
  addressParts,
  hasAddressRules,
  loadAddressRules,
  loadedAddressRules,
  matchRegion,
  normalizeAddress,
  validateAddress,
  type AddressRules,
} from '@omni-checkout/core/address';
import { COUNTRY_CODES, autocompleteToken, countryOptions, readAddress, type AddressField, type CountryOption, type FieldChange } from '@omni-checkout/core/checkout-form';
import type { PostalAddress } from '@omni-checkout/core/types';
import type { SuggestionSource } from '@omni-checkout/core/suggestions';
import type { DeliverabilityCheck } from './deliverability.js';
import { OmniAddressChangeEvent } from '../events/address-change.js';
import { OmniLoadErrorEvent } from '../events/load-error.js';
import { OmniReadyEvent } from '../events/ready.js';
import { VERSION } from '../internal/define-element.js';
import { OmniFormControl, type FormControlValue } from '../internal/form-control.js';
import { adoptLightStyles } from '../internal/light-styles.js';
import { fieldStyles } from '../styles/field.styles.js';
import { whenSpoken, languageOf, speak, type Translation, isolate } from '../i18n/index.js';
import { addressStyles } from './address.styles.js';
import { fieldTemplate } from './field-template.js';
import { browserCountry, checkPhone, countrySelect } from './country.js';
import { controlError, issueMessage } from './field-text.js';

export type AddressMode = 'shipping' | 'billing';

export type { DeliverabilityCheck, DeliverabilityResult } from './deliverability.js';

type Values = Partial<Record<AddressField, string>>;
type Control = HTMLInputElement | HTMLSelectElement;

let instances = 0;

/**
 * @summary Address autofill: the fields, order, labels, required fields, postal code pattern and
 * region list of the shopper's country, from Google's address data, as native inputs browsers and
 * password managers fill.
 *
 * @event omni-ready - The country's address rules are loaded and the fields shown.
 * @event omni-load-error - The country's address rules could not be loaded (`code`, `message`).
 * @event omni-address-change - A field changed, by typing, autofill or a suggestion (`complete`, `empty`, `value`).
 * @event input - Native `input` events of the fields bubble out.
 * @event change - Native `change` events of the fields bubble out.
 *
 * @csspart base - The wrapper around the slotted fields.
 *
 * @cssproperty --omni-font-family - Font family of all text.
 * @cssproperty --omni-font-size - Base font size.
 * @cssproperty --omni-color-text - Text colour.
 * @cssproperty --omni-color-text-muted - Hints (example postal codes).
 * @cssproperty --omni-color-background - Field background.
 * @cssproperty --omni-color-primary - Links ("add apartment").
 * @cssproperty --omni-color-border - Field borders.
 * @cssproperty --omni-color-error - Errors.
 * @cssproperty --omni-radius - Corner radius.
 * @cssproperty --omni-spacing - Spacing unit.
 * @cssproperty --omni-focus-ring - Focus indicator (`box-shadow` value).
 *
 * @cssstate complete - Every field the country requires is filled and valid.
 *
 * Form-associated: inside a `<form>` it submits `name[field]` entries (`shipping[line1]`, …),
 * takes part in `form.checkValidity()`, resets and restores. The fields are native inputs in its
 * light DOM, inside a real `<form>` (the enclosing one, or its own when it stands alone), with
 * exact `shipping …` / `billing …` autocomplete tokens.
 */
export class OmniAddress extends OmniFormControl {
  // `static properties`, not decorators: no decorator helpers in the bundle (docs/architecture.md).
  static override properties = {
    mode: { reflect: true },
    country: { reflect: true },
    countries: { attribute: false },
    value: { attribute: false },
    phone: { reflect: true },
    label: {},
    suggestions: { attribute: false },
    deliverability: { attribute: false },
    t: { state: true },
    rules: { state: true },
    errors: { state: true },
    showLine2: { state: true },
  };

  static readonly version = VERSION;
  static override styles = addressStyles;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  /** Which address this is: sets the autocomplete section (`shipping address-line1`, `billing …`). */
  mode: AddressMode = 'shipping';

  /** ISO 3166-1 code of the selected country. Defaults to the value's country, then the browser's region. */
  country = '';

  /** Countries offered (ISO codes). Defaults to every country of Google's data. */
  countries: readonly string[] | undefined = undefined;

  /** Initial value (prefill, e.g. from the shopper's profile); `formResetCallback` returns to it. */
  value: Partial<PostalAddress> | null = null;

  /** Whether to ask for a phone number (optional) or not at all. */
  phone: 'optional' | 'hidden' = 'optional';

  /** The legend. Defaults to "Shipping address" / "Billing address" in the shopper's language. */
  label = '';

  /**
   * Address suggestions on the first line (a combobox): a provider from
   * `@omni-checkout/core/suggestions/google-places` or `…/photon`, or a function loading one. The
   * combobox code loads on the first focus of that line.
   */
  suggestions: SuggestionSource | null = null;

  /** The merchant's deliverability check (see `DeliverabilityCheck`). */
  deliverability: DeliverabilityCheck | null = null;

  /** The catalog of the element's language, loaded before the first render (`scheduleUpdate`). */
  private t!: Translation;
  private rules: AddressRules | null = null;
  private errors: Partial<Record<AddressField, string>> = {};
  private showLine2 = false;

  readonly #id = `omni-address-${++instances}`;
  #values: Values = {};
  #countries: { locale: string; list: CountryOption[] } | null = null;
  #phoneInvalid = '';
  #loading = 0;
  /** The combobox (loaded on the first focus of the first line). */
  #combobox: Promise<unknown> | null = null;
  /** The address last sent to the deliverability check, and its refusal (for that address only). */
  #checked = '';
  #refusal: { key: string; field: AddressField; message: string } | null = null;
  #check: AbortController | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightStyles(this.getRootNode(), fieldStyles);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' || name === 'dir') this.requestUpdate();
  }

  /** The address as entered, in Stripe's change shape. */
  getValue(): FieldChange<Partial<PostalAddress>> {
    return readAddress(this.#values, this.rules);
  }

  /** The rules of the country shown (null while they load). */
  get addressRules(): AddressRules | null {
    return this.rules;
  }

  /** Puts errors from elsewhere (the backend's `issues`, a deliverability check) next to their fields. */
  setFieldErrors(errors: Partial<Record<AddressField, string>>): void {
    this.errors = { ...this.errors, ...errors };
  }

  /** Shows every field's error (as after a submit attempt) and focuses the first invalid field. */
  override reportValidity(): boolean {
    const controls = this.#controls();
    const errors: Partial<Record<AddressField, string>> = {};
    for (const control of controls) {
      const message = controlError(this.t, this.rules, control);
      if (message) errors[control.dataset['field'] as AddressField] = message;
    }
    this.errors = errors;
    const first = controls.find((control) => !control.validity.valid);
    first?.focus();
    return !first && super.checkValidity();
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    // The first render waits for the catalog; the country's rules load alongside it, not after it.
    if (!this.hasUpdated) {
      const country = this.value?.country || this.country || browserCountry();
      if (this.#offered().includes(country)) loadAddressRules(country).catch(() => undefined);
    }
    return whenSpoken(this, () => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    speak(this, (t) => (this.t = t));
    if (changed.has('deliverability')) this.#checked = '';
    if (changed.has('value')) {
      this.#values = { ...this.#fromValue(this.value) };
      if (this.value?.country && !changed.has('country')) this.country = this.value.country;
      this.showLine2 ||= Boolean(this.value?.line2);
    }
    if (!this.country) this.country = this.#values.country || browserCountry();
    if (!this.#offered().includes(this.country)) this.country = this.#offered()[0] ?? 'US';
    this.#values.country = this.country;
    if (this.rules?.country !== this.country) {
      const ready = loadedAddressRules(this.country);
      if (ready) this.rules = ready;
      else void this.#load(this.country);
    }
  }

  protected override render(): TemplateResult {
    return html`<div part="base"><slot></slot></div>`;
  }

  protected override updated(): void {
    const fields = this.#fieldsTemplate();
    // A real form around the fields helps browsers autofill; inside someone's form, use theirs.
    render(this.closest('form') ? fields : html`<form class="omni-address" novalidate @submit=${this.#onSubmit}>${fields}</form>`, this, { host: this });
    this.#sync(false);
    // With suggestions the first line is a combobox (its list, keys and messages load on first focus).
    const line1 = this.querySelector<HTMLInputElement>(`#${this.#id}-line1`);
    if (line1) Object.assign(line1, this.suggestions ? { role: 'combobox', ariaAutoComplete: 'list', ariaExpanded: line1.ariaExpanded ?? 'false' } : { role: null, ariaAutoComplete: null, ariaExpanded: null });
  }

  // ── Form association ─────────────────────────────────────────────────────────────────────

  protected formValue(): FormControlValue {
    const data = new FormData();
    for (const [field, value] of Object.entries(this.#current())) if (value) data.append(`${this.name}[${field}]`, value);
    return data;
  }

  protected restoreFormValue(state: FormControlValue): void {
    if (!(state instanceof FormData)) return;
    const values: Values = {};
    for (const [key, value] of state) {
      const field = /\[(\w+)\]$/.exec(key)?.[1] as AddressField | undefined;
      if (field && typeof value === 'string') values[field] = value;
    }
    this.#setValues(values);
  }

  formResetCallback(): void {
    this.#setValues(this.#fromValue(this.value));
  }

  // ── Loading a country ────────────────────────────────────────────────────────────────────

  async #load(country: string): Promise<void> {
    const load = ++this.#loading;
    try {
      const rules = await loadAddressRules(country);
      if (load !== this.#loading) return;
      this.rules = rules;
      await this.updateComplete;
      this.dispatchEvent(new OmniReadyEvent());
    } catch {
      if (load !== this.#loading) return;
      const message = this.t.errors.generic;
      this.dispatchEvent(new OmniLoadErrorEvent({ code: 'load_failed', message }));
    }
  }

  #offered(): readonly string[] {
    return this.countries?.filter((code) => hasAddressRules(code)) ?? COUNTRY_CODES;
  }

  // ── Values ───────────────────────────────────────────────────────────────────────────────

  #fromValue(value: Partial<PostalAddress> | null): Values {
    const values: Values = {};
    for (const [field, text] of Object.entries(value ?? {})) if (typeof text === 'string') values[field as AddressField] = text;
    if (this.country && !values.country) values.country = this.country;
    return values;
  }

  #setValues(values: Values): void {
    this.#values = { ...values };
    this.errors = {};
    if (values.country && values.country !== this.country) this.country = values.country;
    for (const control of this.#controls()) control.value = this.#values[control.dataset['field'] as AddressField] ?? '';
    this.showLine2 ||= Boolean(values.line2);
    this.requestUpdate();
    this.#sync(true);
  }

  /** The fields the current country has, with their values as the form would submit them. */
  #current(): Values {
    const rules = this.rules;
    if (!rules) return { country: this.country };
    const parts = new Set<string>([...addressParts(rules), 'country', ...(this.phone === 'hidden' ? [] : ['phone'])]);
    const out: Values = {};
    for (const [field, value] of Object.entries(this.#values)) {
      if (parts.has(field) && value !== undefined && value.trim() !== '') out[field as AddressField] = value.normalize('NFC').trim();
    }
    return out;
  }

  #controls(): Control[] {
    return [...this.querySelectorAll<Control>('[data-omni-address-field]')].filter((control) => control.closest('omni-address') === this);
  }

  /** Recomputes validity, the form value and `:state(complete)`; `notify` fires `omni-address-change`. */
  #sync(notify: boolean): void {
    const rules = this.rules;
    const controls = this.#controls();
    const key = JSON.stringify(this.#current());
    const refused = this.#refusal?.key === key ? this.#refusal : null;
    if (rules) {
      const issues = validateAddress(this.#current(), rules);
      for (const control of controls) {
        const field = control.dataset['field'] as AddressField;
        // 'required' is the native check's, except for a required field holding only spaces: the
        // browser counts it as filled, the address reads it as empty; say so on that field.
        const blank = control.required && control.value !== '' && control.value.trim() === '';
        const issue = issues.find((i) => i.field === field && i.code !== 'required');
        const message = blank ? issueMessage(this.t, rules, field, 'required') : issue ? issueMessage(this.t, rules, field, issue.code) : field === 'phone' ? this.#phoneInvalid : refused?.field === field ? refused.message : '';
        if (control.validationMessage !== message && (message || control.validity.customError)) control.setCustomValidity(message);
      }
    }
    this.syncValidity(controls, rules ? undefined : { message: this.t.loading, flags: { valueMissing: true } });
    this.updateFormValue();
    const change = this.getValue();
    const complete = change.complete && this.internals.validity.valid;
    if (complete) this.internals.states.add('complete');
    else this.internals.states.delete('complete');
    if (notify) this.dispatchEvent(new OmniAddressChangeEvent({ ...change, complete }));
    if (complete && this.deliverability && key !== this.#checked) void this.#checkDeliverability(key, change.value as PostalAddress);
  }

  /** Asks the merchant's check about a complete address; only the answer for the current address counts. */
  async #checkDeliverability(key: string, address: PostalAddress): Promise<void> {
    this.#checked = key;
    this.#check?.abort();
    const controller = (this.#check = new AbortController());
    const check = this.deliverability!;
    const refusal = await import('./deliverability.js')
      .then((m) => m.checkDeliverability(check, address, languageOf(this), controller.signal))
      .catch(() => null);
    if (!refusal || controller.signal.aborted || key !== JSON.stringify(this.#current())) return;
    this.#refusal = { key, ...refusal };
    this.errors = { ...this.errors, [refusal.field]: refusal.message };
    this.#sync(true);
  }

  // ── Events ───────────────────────────────────────────────────────────────────────────────

  #onInput = (event: Event): void => {
    const control = event.target as Control;
    const field = control.dataset['field'] as AddressField | undefined;
    if (!field) return;
    this.#values = { ...this.#values, [field]: control.value };
    if (field === 'phone') this.#phoneInvalid = '';
    if (field === 'country') return; // handled on change (a select fires both)
    this.#sync(true);
    // Once a field shows an error, clear it as soon as the value is fixed.
    if (this.errors[field] && control.checkValidity()) this.#clearError(field);
  };

  #onChange = async (event: Event): Promise<void> => {
    const control = event.target as Control;
    const field = control.dataset['field'] as AddressField | undefined;
    if (!field) return;
    this.#values = { ...this.#values, [field]: control.value };
    if (field === 'country') {
      this.country = control.value;
      this.errors = {};
      await this.updateComplete;
      if (this.rules?.country !== this.country) await loadAddressRules(this.country).catch(() => undefined);
      await this.updateComplete;
      // Keep a region only if the new country knows it.
      if (this.#values.region && this.rules?.regions.length && !matchRegion(this.rules, this.#values.region)) this.#values.region = '';
      this.#sync(true);
      return;
    }
    if (field === 'postalCode' && this.rules) {
      const normalized = normalizeAddress({ postalCode: control.value }, this.rules).postalCode ?? '';
      if (normalized !== control.value) control.value = this.#values.postalCode = normalized;
    }
    if (field === 'phone') await this.#checkPhone(control as HTMLInputElement);
    this.#sync(true);
    this.#validate(control);
  };

  #onFocusIn = (event: FocusEvent): void => {
    const line1 = event.target as HTMLInputElement;
    if (this.suggestions && line1.id === `${this.#id}-line1` && !this.#combobox) {
      // What the shopper types (not autofill) while the code and its messages load is asked about
      // once the combobox listens: noted until then, so no keystroke falls between the two.
      let typed: string | undefined;
      const note = (e: Event) => e instanceof InputEvent && e.inputType && e.inputType !== 'insertReplacementText' && (typed = line1.value);
      line1.addEventListener('input', note);
      const done = () => line1.removeEventListener('input', note);
      this.#combobox = import('./suggest.js')
        .then((m) => m.attachSuggestions(this, () => typed))
        .then(
          (combobox) => (done(), combobox),
          () => (done(), (this.#combobox = null)),
        );
    }
  };

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.reportValidity();
  };

  async #checkPhone(input: HTMLInputElement): Promise<void> {
    const value = input.value.trim();
    this.#phoneInvalid = '';
    if (!value) return;
    const result = await checkPhone(value, this.country);
    if (input.value.trim() !== value) return; // changed while loading
    if (result.valid) {
      input.value = this.#values.phone = result.formatted;
    } else {
      this.#phoneInvalid = this.t.errors.invalidPhone(isolate(result.example));
    }
  }

  #showLine2 = async (): Promise<void> => {
    this.showLine2 = true;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(`#${this.#id}-line2`)?.focus();
  };

  #validate(control: Control): void {
    const field = control.dataset['field'] as AddressField;
    const message = controlError(this.t, this.rules, control);
    if ((this.errors[field] ?? '') === message) return;
    if (message) this.errors = { ...this.errors, [field]: message };
    else this.#clearError(field);
  }

  #clearError(field: AddressField): void {
    const { [field]: _, ...rest } = this.errors;
    this.errors = rest;
  }

  // ── Templates ────────────────────────────────────────────────────────────────────────────

  #fieldsTemplate(): TemplateResult {
    const { rules } = this;
    const locale = languageOf(this);
    const latin = Boolean(rules?.lang) && rules!.lang!.split('-')[0] !== (locale.split('-')[0] ?? '').toLowerCase();
    const rows = rules ? (latin ? rules.latinLayout : rules.layout) : [];
    const disabled = this.isDisabled;
    return html`<fieldset ?disabled=${disabled} @input=${this.#onInput} @change=${this.#onChange} @focusin=${this.#onFocusIn}>
      <legend>${this.label || (this.mode === 'billing' ? this.t.address.billingAddress : this.t.shippingAddress)}</legend>
      ${this.#countryTemplate(locale)}
      ${rows.map((row) => {
        const shown = row.filter((part) => part !== 'line2' || this.showLine2 || Boolean(this.#values.line2));
        if (row.includes('line2') && !shown.includes('line2')) {
          return html`<button type="button" class="omni-link" @click=${this.#showLine2}>${this.t.addAddressLine2}</button>`;
        }
        const fields = shown.map((part) => this.#fieldTemplate(part, latin));
        return shown.length > 1 ? html`<div class="omni-row">${fields}</div>` : fields;
      })}
      ${rules && this.phone !== 'hidden' ? this.#fieldTemplate('phone', latin) : nothing}
    </fieldset>`;
  }

  #countryTemplate(locale: string): TemplateResult {
    if (this.#countries?.locale !== locale) this.#countries = { locale, list: countryOptions(locale) };
    const offered = new Set(this.#offered());
    const list = this.#countries.list.filter((c) => offered.has(c.code));
    return countrySelect(`${this.#id}-country`, this.t.country, autocompleteToken(this.mode, 'country'), list, this.country);
  }

  #fieldTemplate(field: AddressField, latin: boolean): TemplateResult {
    return fieldTemplate(this.t, this.rules!, this.mode, `${this.#id}-${field}`, this.errors[field], this.#values[field] ?? '', field, latin);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-address': OmniAddress;
  }
}
