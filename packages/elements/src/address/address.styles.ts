import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/tokens.js';

/** Shadow chrome: the element only lays out the light-DOM fields it slots in. */
export const addressStyles = [
  tokenStyles,
  hostStyles,
];

/**
 * Light-DOM styles of the native fields (they must live outside the shadow root so browsers
 * autofill them). Adopted on the element's root node; every selector is scoped under `omni-address`.
 * Logical properties only, so the layout mirrors in right-to-left languages.
 */
export const addressLightStyles = css`
  omni-address .omni-address,
  omni-address .omni-address fieldset {
    display: grid;
    gap: calc(var(--_spacing) * 1.5);
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  omni-address .omni-address legend {
    margin: 0 0 var(--_spacing);
    padding: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  omni-address .omni-row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9em, 1fr));
    gap: calc(var(--_spacing) * 1.5);
  }
  omni-address .omni-field {
    display: grid;
    gap: calc(var(--_spacing) / 2);
    align-content: start;
  }
  omni-address .omni-field :is(input, select) {
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
  omni-address .omni-field [aria-invalid='true'] {
    border-color: var(--_color-error);
  }
  omni-address .omni-hint {
    margin: 0;
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }
  omni-address .omni-field-error {
    margin: 0;
    color: var(--_color-error);
    font-size: 0.875em;
  }
  omni-address .omni-link {
    justify-self: start;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  omni-address :is(input, select, button):focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring);
  }
`;
