/**
 * The theme, documented: every global `--omni-*` token, its default and what it styles (exported as
 * `tokens` for merchants' tooling). The defaults and the styles the components ship are in
 * `token-styles.ts`; components import that module, never this one, so these descriptions are not
 * in their bundles. A test fails on a token that is used but not defined, defined but never used,
 * or not described here.
 */
import { tokenDefaults, type TokenName } from './token-styles.js';

export { privateName, tokenStyles, type TokenName } from './token-styles.js';

export interface Token {
  /** Default when the page sets nothing. */
  readonly value: string;
  readonly description: string;
}

/** What each token styles, in the order of `tokenDefaults` (the test checks each has one). */
export const descriptions = [
  'Font family of all text.',
  'Base font size; everything else scales from it.',
  'Text colour.',
  'Secondary text (delivery estimates), at least 4.5:1 against the background.',
  'Background of the checkout and its fields.',
  'Pay button, selected option, links.',
  'Text on the primary colour.',
  'Field and option borders, at least 3:1 against the background.',
  'Error text and invalid field borders.',
  'Payment succeeded.',
  'Corner radius of fields, options and the pay button.',
  'Spacing unit; gaps and paddings are multiples of it.',
  'Focus indicator, a `box-shadow` value.',
];

export const tokens = Object.fromEntries(
  Object.entries(tokenDefaults).map(([name, value], i) => [name, { value, description: descriptions[i] }]),
) as { readonly [K in TokenName]: { readonly value: (typeof tokenDefaults)[K]; readonly description: string } };
