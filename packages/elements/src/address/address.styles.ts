import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/tokens.js';

/** Shadow chrome: the element only lays out the light-DOM fields it slots in. */
export const addressStyles = [
  tokenStyles,
  hostStyles,
];

/**
 * Light-DOM layout of the address form (scoped under `omni-address`); the fields themselves are
 * styled by the shared `styles/field.styles.ts`. Logical properties only.
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
`;
