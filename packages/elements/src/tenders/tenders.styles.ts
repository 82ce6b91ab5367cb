import { css } from 'lit';

/** Light-DOM styles of the gift card part (scoped under `omni-checkout`), adopted when the part loads, never before. */
export const tenderStyles = css`
  omni-checkout .omni-tenders {
    display: grid;
    gap: var(--_spacing);
  }
  omni-checkout .omni-tenders .tenders {
    display: grid;
    gap: var(--_spacing);
    margin-block-end: var(--_spacing);
  }
  omni-checkout .omni-tenders .tender-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  omni-checkout .omni-tenders .tender-list li {
    display: flex;
    gap: var(--_spacing);
    align-items: baseline;
    justify-content: space-between;
  }
  omni-checkout .omni-tenders .tender-list li > span:first-child {
    flex: 1;
  }
  omni-checkout .omni-tenders .gift-form {
    display: grid;
    gap: calc(var(--_spacing) / 2);
  }
  omni-checkout .omni-tenders .gift-form label {
    font-weight: 600;
  }
  omni-checkout .omni-tenders .gift-form .hint {
    margin: 0;
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }
  omni-checkout .omni-tenders .gift-row {
    display: flex;
    gap: var(--_spacing);
  }
  omni-checkout .omni-tenders .gift-row input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 44px;
    padding-inline: var(--_spacing);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    color: var(--_color-text);
    font: inherit;
    font-family: ui-monospace, monospace;
    letter-spacing: 0.05em;
    direction: ltr;
  }
  omni-checkout .omni-tenders .gift-row input[aria-invalid='true'] {
    border-color: var(--_color-error);
  }
  omni-checkout .omni-tenders .secondary {
    min-block-size: 44px;
    padding-inline: calc(var(--_spacing) * 2);
    border: 1px solid var(--_color-primary);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_color-primary);
    font: inherit;
    cursor: pointer;
  }
  omni-checkout .omni-tenders .secondary:disabled {
    opacity: 0.6;
    cursor: default;
  }
  omni-checkout .omni-tenders .field-error {
    margin: 0;
    color: var(--_color-error);
  }
  omni-checkout .omni-tenders .tender-summary {
    margin: 0;
  }
  omni-checkout .omni-tenders .tender-summary > div {
    display: flex;
    justify-content: space-between;
    gap: calc(var(--_spacing) * 2);
    padding-block: calc(var(--_spacing) / 2);
  }
  omni-checkout .omni-tenders .tender-summary dd {
    margin: 0;
  }
  omni-checkout .omni-tenders .tender-summary [part~='amount-due'] {
    font-weight: 700;
  }
  omni-checkout .omni-tenders .link {
    justify-self: start;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
`;
