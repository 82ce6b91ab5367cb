import { hostStyles } from '../styles/host.styles.js';
import { tokenStyles } from '../styles/token-styles.js';

/**
 * Shadow chrome: the element only lays out the light-DOM fields it slots in. The fields, the
 * fieldset and the legend are styled in light DOM by the shared `styles/field.styles.ts`.
 */
export const addressStyles = [
  tokenStyles,
  hostStyles,
];
