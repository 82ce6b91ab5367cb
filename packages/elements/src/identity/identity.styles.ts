import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/token-styles.js';

/** Shadow chrome of `<omni-identity>`: buttons and messages. */
export const identityStyles = [
  tokenStyles,
  hostStyles,
  css`
    [part~='base'] {
      display: grid;
      gap: var(--_spacing);
    }
    p {
      margin: 0;
    }
    button {
      justify-self: start;
      min-block-size: 44px;
      padding-block: var(--_spacing);
      padding-inline: calc(var(--_spacing) * 2);
      border: 1px solid var(--_color-primary);
      border-radius: var(--_radius);
      background: var(--_color-background);
      color: var(--_color-primary);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    button.link {
      min-block-size: auto;
      padding: 0;
      border: 0;
      background: none;
      font-weight: inherit;
      text-decoration: underline;
    }
    button:focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_focus-ring);
    }
    [part~='status']:empty,
    [part~='error']:empty {
      display: contents;
    }
    [part~='error'] {
      color: var(--_color-error);
    }
  `,
];

/** Light-DOM styles of the code input (scoped under `omni-identity`); the fields are styled by `styles/field.styles.ts`. */
export const identityLightStyles = css`
  omni-identity .omni-field input[name='one-time-code'] {
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
  }
`;
