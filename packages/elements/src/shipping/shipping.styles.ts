import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/token-styles.js';

export const shippingStyles = [
  tokenStyles,
  hostStyles,
  css`
    fieldset {
      min-inline-size: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      margin: 0 0 var(--_spacing);
      padding: 0;
      font-size: 1.125em;
      font-weight: 600;
    }
    .options {
      display: grid;
      gap: var(--_spacing);
    }
    [part~='shipping-option'] {
      display: grid;
      grid-template-columns: auto 1fr auto;
      align-items: center;
      gap: calc(var(--_spacing) / 2) calc(var(--_spacing) * 1.5);
      padding: calc(var(--_spacing) * 1.5);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    [part~='shipping-option']:has(:checked) {
      border-color: var(--_color-primary);
      box-shadow: inset 0 0 0 1px var(--_color-primary);
    }
    [part~='shipping-option'] input {
      grid-row: span 2;
      margin: 0;
      accent-color: var(--_color-primary);
    }
    input:focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_focus-ring);
    }
    .estimate {
      grid-column: 2;
      color: var(--_color-text-muted);
      font-size: 0.875em;
    }
    .price {
      grid-row: 1;
      grid-column: 3;
    }
    [part~='error'] {
      margin: var(--_spacing) 0 0;
      color: var(--_color-error);
      font-size: 0.875em;
    }
  `,
];
