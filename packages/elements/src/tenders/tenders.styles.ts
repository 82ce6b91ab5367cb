import { css } from 'lit';

/** Styles of the gift card part, adopted on the checkout's shadow root when the part loads (never before). */
export const tenderStyles = css`
  .tenders {
    display: grid;
    gap: var(--_spacing);
    margin-block-end: var(--_spacing);
  }
  .tender-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tender-list li {
    display: flex;
    gap: var(--_spacing);
    align-items: baseline;
    justify-content: space-between;
  }
  .tender-list li > span:first-child {
    flex: 1;
  }
  .gift-form {
    display: grid;
    gap: calc(var(--_spacing) / 2);
  }
  .gift-form label {
    font-weight: 600;
  }
  .gift-form .hint {
    margin: 0;
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }
  .gift-row {
    display: flex;
    gap: var(--_spacing);
  }
  .gift-row input {
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
  .gift-row input[aria-invalid='true'] {
    border-color: var(--_color-error);
  }
  .secondary {
    min-block-size: 44px;
    padding-inline: calc(var(--_spacing) * 2);
    border: 1px solid var(--_color-primary);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_color-primary);
    font: inherit;
    cursor: pointer;
  }
  .secondary:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .field-error {
    margin: 0;
    color: var(--_color-error);
  }
  .tender-summary {
    margin: 0;
  }
  .tender-summary > div {
    display: flex;
    justify-content: space-between;
    gap: calc(var(--_spacing) * 2);
    padding-block: calc(var(--_spacing) / 2);
  }
  .tender-summary dd {
    margin: 0;
  }
  .tender-summary [part~='amount-due'] {
    font-weight: 700;
  }
`;
