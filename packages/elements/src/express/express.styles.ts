import { css } from 'lit';
import { tokenStyles } from '../styles/token-styles.js';

export const expressStyles = [
  tokenStyles,
  css`
    :host {
      display: block;
      font-family: var(--_font-family);
      font-size: var(--_font-size);
      color: var(--_color-text);
    }
    :host([hidden]) {
      display: none;
    }
    [part~='base'] {
      display: grid;
      gap: var(--_spacing);
    }
    [part~='error'] {
      color: var(--_color-error);
      margin: 0;
    }
    [part~='error']:empty {
      display: none;
    }
  `,
];
