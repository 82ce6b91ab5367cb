import { css } from 'lit';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/tokens.js';

/** Shadow chrome: layout, summary, shipping options, pay button, messages. */
export const checkoutStyles = [
  tokenStyles,
  hostStyles,
  css`
    * {
      box-sizing: border-box;
    }
    [part~='base'] {
      display: grid;
      gap: calc(var(--_spacing) * 3);
      background: var(--_color-background);
    }
    h2,
    legend {
      margin: 0 0 var(--_spacing);
      padding: 0;
      font-size: 1.125em;
      font-weight: 600;
    }
    fieldset {
      min-inline-size: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    dl,
    dd,
    p {
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
    .estimate {
      grid-column: 2;
      color: var(--_color-text-muted);
      font-size: 0.875em;
    }
    .price {
      grid-row: 1;
      grid-column: 3;
    }
    [part~='pay-button'] {
      inline-size: 100%;
      min-block-size: 48px;
      padding-block: calc(var(--_spacing) * 1.5);
      padding-inline: calc(var(--_spacing) * 2);
      border: 0;
      border-radius: var(--_radius);
      background: var(--_color-primary);
      color: var(--_color-on-primary);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    [part~='pay-button'][aria-disabled='true'] {
      cursor: progress;
    }
    :is(input, button, h2):focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_focus-ring);
    }
    /* Live regions stay in the accessibility tree while empty, so their first message is announced. */
    [part~='status']:empty,
    [part~='error']:empty {
      margin-block-start: calc(var(--_spacing) * -3);
    }
    [part~='error'] {
      color: var(--_color-error);
    }
    [part~='error']:not(:empty) {
      padding-inline-start: var(--_spacing);
      border-inline-start: 4px solid var(--_color-error);
    }
    .field-error {
      margin-block-start: var(--_spacing);
      color: var(--_color-error);
      font-size: 0.875em;
    }
    [part~='success'] h2 {
      color: var(--_color-success);
    }
    [part~='one-click'] {
      display: grid;
      gap: calc(var(--_spacing) * 1.5);
    }
    .link {
      justify-self: start;
      padding: 0;
      border: 0;
      background: none;
      color: var(--_color-primary);
      font: inherit;
      text-decoration: underline;
      cursor: pointer;
    }
  `,
];

/**
 * Light-DOM styles for the native form and the payment container, which must live outside the
 * shadow root so browsers autofill them. Adopted once on the element's root node (the document or
 * an enclosing shadow root); every selector is scoped under `omni-checkout`.
 */
export const lightStyles = css`
  omni-checkout .omni-form {
    display: grid;
    gap: calc(var(--_spacing) * 3);
    margin: 0;
  }
  omni-checkout .omni-form fieldset {
    display: grid;
    gap: calc(var(--_spacing) * 1.5);
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  omni-checkout .omni-form legend {
    margin: 0 0 var(--_spacing);
    padding: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  omni-checkout .omni-row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9em, 1fr));
    gap: calc(var(--_spacing) * 1.5);
  }
  omni-checkout .omni-field {
    display: grid;
    gap: calc(var(--_spacing) / 2);
    align-content: start;
  }
  omni-checkout .omni-field[hidden] {
    display: none;
  }
  omni-checkout .omni-field :is(input, select) {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 44px;
    padding-block: var(--_spacing);
    padding-inline: calc(var(--_spacing) * 1.5);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    color: inherit;
    font: inherit;
  }
  omni-checkout .omni-field [aria-invalid='true'] {
    border-color: var(--_color-error);
  }
  omni-checkout .omni-field-error {
    margin: 0;
    color: var(--_color-error);
    font-size: 0.875em;
  }
  omni-checkout .omni-link {
    justify-self: start;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  omni-checkout .omni-consent {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: calc(var(--_spacing) / 2) var(--_spacing);
    align-items: start;
  }
  omni-checkout .omni-consent input {
    inline-size: 20px;
    block-size: 20px;
    margin: 2px 0 0;
    accent-color: var(--_color-primary);
  }
  omni-checkout .omni-consent .omni-hint {
    grid-column: 2;
    margin: 0;
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }
  omni-checkout .omni-payment[hidden] {
    display: none;
  }
  omni-checkout :is(.omni-form, .omni-payment) :is(input, select, button):focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring);
  }
`;
