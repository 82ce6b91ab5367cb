// From css-tag.js, not 'lit': the painted first render (checkout/paint.ts) adopts these sheets without Lit.
import { css } from '@lit/reactive-element/css-tag.js';

/** The host of every component: a block in the theme's font and text colour, gone when `hidden`. */
export const hostStyles = css`
  :host {
    display: block;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_color-text);
  }
  :host([hidden]) {
    display: none;
  }
`;
