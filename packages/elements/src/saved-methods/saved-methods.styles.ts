import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/token-styles.js';

export const savedMethodsStyles = [
  tokenStyles,
  hostStyles,
  css`
    fieldset {
      display: grid;
      gap: var(--_spacing);
      min-inline-size: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      margin: 0 0 var(--_spacing);
      padding: 0;
      font-weight: 600;
    }
    p {
      margin: 0;
    }
    .method {
      display: flex;
      align-items: center;
      gap: var(--_spacing);
      padding: var(--_spacing) calc(var(--_spacing) * 1.5);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }
    .method:has(:checked) {
      border-color: var(--_color-primary);
      box-shadow: inset 0 0 0 1px var(--_color-primary);
    }
    .method label {
      display: flex;
      flex: 1;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) / 2) var(--_spacing);
      cursor: pointer;
    }
    input[type='radio'] {
      margin: 0;
      accent-color: var(--_color-primary);
    }
    .brand {
      padding-inline: calc(var(--_spacing) / 2);
      border: 1px solid currentColor;
      border-radius: calc(var(--_radius) / 2);
      font-size: 0.75em;
      font-weight: 700;
      letter-spacing: 0.05em;
    }
    .expiry,
    .badge {
      padding-inline: calc(var(--_spacing) / 2);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_color-primary);
      color: var(--_color-on-primary);
      font-size: 0.75em;
    }
    button {
      min-inline-size: 44px;
      min-block-size: 44px;
      border: 0;
      border-radius: var(--_radius);
      background: none;
      color: inherit;
      font: inherit;
      font-size: 1.25em;
      cursor: pointer;
    }
    :is(input, button):focus-visible {
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
