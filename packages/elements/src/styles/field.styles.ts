import { css } from 'lit';

/**
 * Light-DOM styles of the native fields every form component puts outside its shadow root (so
 * browsers autofill them): `<omni-checkout>`'s form, `<omni-address>` and `<omni-identity>`, with
 * the groups of fields (the checkout's form, the address form: one grid, no native fieldset box,
 * the legend as a heading) once here, not copied per component.
 * Adopted once on the root node that holds them (`internal/light-styles.ts`); every selector is
 * scoped under the three tags. Logical properties only, so the layout mirrors in right-to-left languages.
 */
export const fieldStyles = css`
  omni-address .omni-address,
  :is(omni-checkout .omni-form, omni-address .omni-address) fieldset {
    display: grid;
    gap: calc(var(--_spacing) * 1.5);
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  :is(omni-checkout .omni-form, omni-address .omni-address) legend {
    margin: 0 0 var(--_spacing);
    padding: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  :is(omni-checkout, omni-address, omni-identity) .omni-row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9em, 1fr));
    gap: calc(var(--_spacing) * 1.5);
  }
  :is(omni-checkout, omni-address, omni-identity) .omni-field {
    display: grid;
    gap: calc(var(--_spacing) / 2);
    align-content: start;
  }
  :is(omni-checkout, omni-address, omni-identity) .omni-field[hidden] {
    display: none;
  }
  :is(omni-checkout, omni-address, omni-identity) .omni-field :is(input, select) {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 44px;
    padding-block: var(--_spacing);
    padding-inline: calc(var(--_spacing) * 1.5);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    color: inherit;
    font: inherit;
    text-align: start;
  }
  :is(omni-checkout, omni-address, omni-identity) .omni-field [aria-invalid='true'] {
    border-color: var(--_color-error);
  }
  :is(omni-checkout, omni-address, omni-identity) .omni-hint {
    margin: 0;
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }
  :is(omni-checkout, omni-address, omni-identity) .omni-field-error {
    margin: 0;
    color: var(--_color-error);
    font-size: 0.875em;
  }
  :is(omni-checkout, omni-address, omni-identity) .omni-link {
    justify-self: start;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  :is(omni-checkout, omni-address, omni-identity) :is(input, select, button):focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring);
  }
`;
