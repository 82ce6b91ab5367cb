/**
 * The contract every form-associated element keeps (docs/style.md rule 10), run by each element's own
 * test file: `formControlContract({ ... })` inside its `describe`. It checks what a merchant's
 * form relies on: FormData, reset, restore, validity, disabled fieldsets and labels.
 */
import { expect, it } from 'vitest';
import type { OmniFormControl } from '../form-control.js';

export interface FormControlContract<T extends OmniFormControl> {
  /** Creates the element (not yet connected), with `name` set. */
  readonly create: () => T;
  /** Waits until the element can be filled (its fields rendered). */
  readonly ready: (element: T) => Promise<void>;
  /** Fills every required field the way a shopper (or autofill) does: native input events. */
  readonly fill: (element: T) => Promise<void>;
  /** The entries `new FormData(form)` holds for the element once filled. */
  readonly filledEntries: readonly (readonly [string, string])[];
  /** The entries for the element's initial value (before filling); usually empty. */
  readonly initialEntries?: readonly (readonly [string, string])[];
}

function entriesOf(form: HTMLFormElement, name: string): [string, string][] {
  return [...new FormData(form)]
    .filter(([key]) => key === name || key.startsWith(`${name}[`))
    .map(([key, value]) => [key, String(value)]);
}

const sorted = (entries: readonly (readonly [string, string])[]) => [...entries].map(([k, v]) => `${k}=${v}`).sort();

export function formControlContract<T extends OmniFormControl>(contract: FormControlContract<T>): void {
  async function mounted(): Promise<{ element: T; form: HTMLFormElement; cleanup: () => void }> {
    const form = document.createElement('form');
    const element = contract.create();
    form.append(element);
    document.body.append(form);
    await contract.ready(element);
    return { element, form, cleanup: () => form.remove() };
  }

  it('form contract: is form-associated with its form, labels and name', async () => {
    const { element, form, cleanup } = await mounted();
    try {
      expect((element.constructor as typeof OmniFormControl).formAssociated).toBe(true);
      expect(element.form).toBe(form);
      expect([...form.elements]).toContain(element);
      expect(element.name).not.toBe('');
      expect(element.willValidate).toBe(true);
    } finally {
      cleanup();
    }
  });

  it('form contract: submits its value in FormData under its name, and nothing without a name', async () => {
    const { element, form, cleanup } = await mounted();
    try {
      expect(sorted(entriesOf(form, element.name))).toEqual(sorted(contract.initialEntries ?? []));
      await contract.fill(element);
      expect(sorted(entriesOf(form, element.name))).toEqual(sorted(contract.filledEntries));
      const name = element.name;
      element.name = '';
      await element.updateComplete;
      expect(entriesOf(form, name)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('form contract: is invalid until filled, then valid (form.checkValidity and :invalid follow)', async () => {
    const { element, form, cleanup } = await mounted();
    try {
      expect(element.checkValidity()).toBe(false);
      expect(form.checkValidity()).toBe(false);
      expect(element.matches(':invalid')).toBe(true);
      expect(element.validationMessage).not.toBe('');
      await contract.fill(element);
      expect(element.validity.valid).toBe(true);
      expect(element.matches(':valid')).toBe(true);
      expect(form.checkValidity()).toBe(true);
    } finally {
      cleanup();
    }
  });

  it('form contract: form.reset() brings back the initial value', async () => {
    const { element, form, cleanup } = await mounted();
    try {
      await contract.fill(element);
      form.reset();
      await element.updateComplete;
      expect(sorted(entriesOf(form, element.name))).toEqual(sorted(contract.initialEntries ?? []));
      expect(element.checkValidity()).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('form contract: restores the state the browser saved (back/forward, session restore)', async () => {
    const first = await mounted();
    await contract.fill(first.element);
    const entries = entriesOf(first.form, first.element.name);
    // What the browser hands back is what the element gave `setFormValue` as its state: one string, or entries.
    let state: string | FormData = new FormData();
    for (const [key, value] of entries) state.append(key, value);
    if (entries.length === 1 && entries[0]![0] === first.element.name) state = entries[0]![1];
    first.cleanup();
    const second = await mounted();
    try {
      second.element.formStateRestoreCallback(state, 'restore');
      await second.element.updateComplete;
      expect(sorted(entriesOf(second.form, second.element.name))).toEqual(sorted(contract.filledEntries));
      expect(second.element.checkValidity()).toBe(true);
    } finally {
      second.cleanup();
    }
  });

  it('form contract: a disabled fieldset disables it and leaves it out of FormData', async () => {
    const { element, form, cleanup } = await mounted();
    try {
      await contract.fill(element);
      const fieldset = document.createElement('fieldset');
      form.append(fieldset);
      fieldset.append(element);
      fieldset.disabled = true;
      await element.updateComplete;
      expect(element.isDisabled).toBe(true);
      expect(entriesOf(form, element.name)).toEqual([]);
      expect(element.willValidate).toBe(false);
      const controls = [...element.querySelectorAll('input, select, textarea')] as HTMLInputElement[];
      expect(controls.length).toBeGreaterThan(0);
      expect(controls.every((control) => control.matches(':disabled'))).toBe(true);
      fieldset.disabled = false;
      await element.updateComplete;
      expect(sorted(entriesOf(form, element.name))).toEqual(sorted(contract.filledEntries));
    } finally {
      cleanup();
    }
  });
}
