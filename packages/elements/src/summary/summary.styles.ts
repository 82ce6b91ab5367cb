// From css-tag.js, not 'lit': the painted first render (checkout/paint.ts) adopts these sheets without Lit.
import { css } from '@lit/reactive-element/css-tag.js';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/token-styles.js';

export const summaryStyles = [
  tokenStyles,
  hostStyles,
  css`
    h2 {
      margin: 0 0 var(--_spacing);
      font-size: 1.125em;
      font-weight: 600;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    dl,
    dd {
      margin: 0;
    }
    [part~='line-item'],
    dl > div {
      display: flex;
      justify-content: space-between;
      gap: calc(var(--_spacing) * 2);
      padding-block: calc(var(--_spacing) / 2);
    }
    [part~='total'] {
      margin-block-start: calc(var(--_spacing) / 2);
      padding-block-start: var(--_spacing);
      border-block-start: 1px solid var(--_color-border);
      font-weight: 700;
    }
  `,
];
