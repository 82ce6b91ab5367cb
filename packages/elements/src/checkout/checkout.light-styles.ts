import { css } from 'lit';

/**
 * Light-DOM styles for the native form and the payment container, which must live outside the
 * shadow root so browsers autofill them. Adopted once on the element's root node (the document or
 * an enclosing shadow root); every selector is scoped under `omni-checkout`. Fieldsets and legends
 * are styled with the fields, in `styles/field.styles.ts`.
 */
export const lightStyles = css`
  omni-checkout .omni-form {
    display: grid;
    gap: calc(var(--_spacing) * 3);
    margin: 0;
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
  }
  /* "Order updates": the three choices in a row that wraps, each a 24px target, then the number. */
  omni-checkout .omni-updates .omni-choices {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_spacing) calc(var(--_spacing) * 3);
    margin-block-end: var(--_spacing);
  }
  omni-checkout .omni-updates .omni-choice {
    display: flex;
    align-items: center;
    gap: var(--_spacing);
  }
  omni-checkout .omni-updates .omni-choice input {
    inline-size: 20px;
    block-size: 20px;
    margin: 0;
    accent-color: var(--_color-primary);
  }
  omni-checkout :is(.omni-payment, .omni-wallet)[hidden] {
    display: none;
  }
`;
