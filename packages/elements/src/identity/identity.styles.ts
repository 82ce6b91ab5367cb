import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/tokens.js';

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

/** Light-DOM styles for the native email and code inputs (scoped under `omni-identity`). */
export const identityLightStyles = css`
  omni-identity .omni-field {
    display: grid;
    gap: calc(var(--_spacing, 8px) / 2);
  }
  omni-identity .omni-field input {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 44px;
    padding-block: var(--_spacing, 8px);
    padding-inline: calc(var(--_spacing, 8px) * 1.5);
    border: 1px solid var(--_color-border, #747775);
    border-radius: var(--_radius, 8px);
    background: var(--_color-background, Canvas);
    color: inherit;
    font: inherit;
  }
  omni-identity .omni-field input[name='one-time-code'] {
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
  }
  omni-identity .omni-field-error {
    margin: 0;
    color: var(--_color-error, #b3261e);
    font-size: 0.875em;
  }
  omni-identity .omni-field input[aria-invalid='true'] {
    border-color: var(--_color-error, #b3261e);
  }
  omni-identity .omni-hint {
    margin: 0;
    color: var(--_color-text-muted, #5e5e5e);
    font-size: 0.875em;
  }
  omni-identity .omni-field input:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring, 0 0 0 3px #0b57d0);
  }
`;
