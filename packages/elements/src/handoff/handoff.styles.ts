import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/token-styles.js';

export const handoffStyles = [
  tokenStyles,
  hostStyles,
  css`
    * {
      box-sizing: border-box;
    }
    h2 {
      margin: 0 0 var(--_spacing);
      font-size: 1.125em;
      font-weight: 600;
    }
    p {
      margin: 0 0 var(--_spacing);
    }
    button {
      min-block-size: 44px;
      padding-block: var(--_spacing);
      padding-inline: calc(var(--_spacing) * 2);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-background);
      color: var(--_color-text);
      font: inherit;
      cursor: pointer;
    }
    button:focus-visible,
    input:focus-visible {
      outline: none;
      box-shadow: var(--_focus-ring);
    }
    [part~='panel'] {
      display: grid;
      gap: var(--_spacing);
      margin-block-start: var(--_spacing);
      padding: calc(var(--_spacing) * 2);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }
    /* A QR code is read as it is: never mirrored, always dark on white. */
    [part~='qr'] {
      inline-size: min(100%, 240px);
      block-size: auto;
      direction: ltr;
      background: #fff;
    }
    [part~='link'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_spacing);
      align-items: center;
    }
    input {
      flex: 1 1 16em;
      min-inline-size: 0;
      min-block-size: 44px;
      padding-inline: var(--_spacing);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-background);
      color: var(--_color-text);
      font: inherit;
      direction: ltr;
    }
    label,
    [part~='hint'] {
      color: var(--_color-text-muted);
    }
    [part~='status'][data-state='paid'] {
      color: var(--_color-success);
      font-weight: 600;
    }
    [part~='error'] {
      color: var(--_color-error);
    }
  `,
];
