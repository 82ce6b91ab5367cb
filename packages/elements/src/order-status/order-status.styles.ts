import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/token-styles.js';

export const orderStatusStyles = [
  tokenStyles,
  hostStyles,
  css`
    h2,
    h3 {
      margin: 0 0 var(--_spacing);
      font-weight: 600;
    }
    h2 {
      font-size: 1.25em;
    }
    h3 {
      font-size: 1em;
      margin-block-start: calc(var(--_spacing) * 2);
    }
    p {
      margin: 0 0 var(--_spacing);
    }
    ul,
    ol {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='state'] {
      display: inline-block;
      padding: calc(var(--_spacing) / 4) var(--_spacing);
      border-radius: var(--_radius);
      background: var(--_color-primary);
      color: var(--_color-on-primary);
      font-weight: 600;
    }
    [part~='timeline'] li {
      display: flex;
      justify-content: space-between;
      gap: var(--_spacing);
      padding-block: calc(var(--_spacing) / 4);
      border-inline-start: 2px solid var(--_color-border);
      padding-inline-start: var(--_spacing);
    }
    time,
    .muted {
      color: var(--_color-text-muted);
    }
    [part~='shipment'],
    [part~='order'],
    [part~='return'] {
      padding: var(--_spacing);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      margin-block-end: var(--_spacing);
    }
    [part~='item'] {
      display: flex;
      justify-content: space-between;
      gap: var(--_spacing);
      padding-block: calc(var(--_spacing) / 4);
    }
    a {
      color: var(--_color-primary);
    }
    progress {
      inline-size: 100%;
    }
    fieldset {
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      padding: var(--_spacing);
      margin: 0 0 var(--_spacing);
    }
    label {
      display: block;
      margin-block: calc(var(--_spacing) / 2);
    }
    input,
    textarea {
      font: inherit;
      color: inherit;
      background: var(--_color-background);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      padding: calc(var(--_spacing) / 2);
    }
    textarea {
      inline-size: 100%;
      box-sizing: border-box;
    }
    button {
      font: inherit;
      padding: calc(var(--_spacing) / 2) var(--_spacing);
      border-radius: var(--_radius);
      border: 1px solid var(--_color-primary);
      background: var(--_color-primary);
      color: var(--_color-on-primary);
      cursor: pointer;
    }
    button.secondary {
      background: transparent;
      color: var(--_color-primary);
    }
    :is(button, a, input, textarea):focus-visible {
      outline: var(--_focus-ring);
      outline-offset: 2px;
    }
    [role='alert'] {
      color: var(--_color-error);
    }
    [role='status'] {
      color: var(--_color-success);
    }
  `,
];
