// From css-tag.js, not 'lit': the painted first render (checkout/paint.ts) adopts these sheets without Lit.
import { css } from '@lit/reactive-element/css-tag.js';
import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/token-styles.js';

/**
 * Shadow chrome: layout, pay button, messages (`<omni-summary>` and `<omni-shipping>` style
 * themselves). Comments stay out of the CSS text, which ships as written:
 * - `[aria-disabled='true']` pay button: locked (details missing, or paying), visibly not
 *   pressable, still focusable and announced;
 * - `[part~='payment']`: the payment section's own list of methods sits apart from the provider's
 *   fields below it;
 * - `.skeleton`: until the form loads, its place is kept (no layout shift when it arrives): about
 *   the height of the contact and a European address form at phone width; with the identity
 *   network, its passkey and mobile-number buttons and the save consent too. `.loading`: before
 *   the session, the whole checkout's place (a screen at most); `.recall`: the one-click button's;
 * - empty live regions stay in the accessibility tree, so their first message is announced.
 */
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
    p {
      margin: 0;
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
      background: transparent;
      box-shadow: inset 0 0 0 1px var(--_color-border);
      color: var(--_color-text-muted);
      cursor: not-allowed;
    }
    :host(:state(paying)) [part~='pay-button'] {
      cursor: progress;
    }
    [part~='payment'] {
      display: grid;
      gap: calc(var(--_spacing) * 2);
    }
    .skeleton {
      min-block-size: 44rem;
    }
    :host([identity]) .skeleton {
      min-block-size: 53rem;
    }
    .skeleton.loading {
      min-block-size: min(100vh, 60rem);
    }
    .skeleton.recall {
      min-block-size: 20rem;
    }
    :is(input, button, h2):focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_focus-ring);
    }
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
