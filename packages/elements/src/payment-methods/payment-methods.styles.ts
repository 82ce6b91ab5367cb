import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/token-styles.js';

export const paymentMethodsStyles = [
  tokenStyles,
  hostStyles,
  css`
    [part~='base'] {
      display: grid;
      gap: var(--_spacing);
    }
    [part~='method'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) / 2) calc(var(--_spacing) * 1.5);
      padding-block: var(--_spacing);
      padding-inline: calc(var(--_spacing) * 1.5);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    [part~='method']:has(:checked) {
      border-color: var(--_color-primary);
      box-shadow: inset 0 0 0 1px var(--_color-primary);
    }
    [part~='method']:has(:disabled) {
      cursor: not-allowed;
    }
    input {
      margin: 0;
      accent-color: var(--_color-primary);
    }
    input:focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_focus-ring);
    }
    [part~='fee'],
    [part~='note'] {
      margin-inline-start: auto;
    }
    [part~='note'] {
      color: var(--_color-text-muted);
      font-size: 0.875em;
    }
  `,
];
