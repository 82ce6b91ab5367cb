/**
 * The theme: every global `--omni-*` token, its default and what it styles. Merchants set the
 * tokens on any ancestor (`:root`, `omni-checkout`); components read them only through private
 * `--_*` copies declared by `tokenStyles`, so each default lives here and nowhere else.
 * Defaults follow the page's `color-scheme` through system colours and `light-dark()`.
 * A test fails on a token that is used but not defined here, or defined here but never used.
 */
import { unsafeCSS, type CSSResult } from 'lit';

export interface Token {
  /** Default when the page sets nothing. */
  readonly value: string;
  readonly description: string;
}

export const tokens = {
  '--omni-font-family': { value: 'inherit', description: 'Font family of all text.' },
  '--omni-font-size': { value: '1rem', description: 'Base font size; everything else scales from it.' },
  '--omni-color-text': { value: 'CanvasText', description: 'Text colour.' },
  '--omni-color-text-muted': {
    value: 'light-dark(#4f5359, #c4c7cc)',
    description: 'Secondary text (delivery estimates), at least 4.5:1 against the background.',
  },
  '--omni-color-background': { value: 'Canvas', description: 'Background of the checkout and its fields.' },
  '--omni-color-primary': { value: 'light-dark(#0b57d0, #a8c7fa)', description: 'Pay button, selected option, links.' },
  '--omni-color-on-primary': { value: 'light-dark(#ffffff, #062e6f)', description: 'Text on the primary colour.' },
  '--omni-color-border': {
    value: 'light-dark(#6b6b6b, #9aa0a6)',
    description: 'Field and option borders, at least 3:1 against the background.',
  },
  '--omni-color-error': { value: 'light-dark(#b3261e, #f2b8b5)', description: 'Error text and invalid field borders.' },
  '--omni-color-success': { value: 'light-dark(#146c2e, #6dd58c)', description: 'Payment succeeded.' },
  '--omni-radius': { value: '6px', description: 'Corner radius of fields, options and the pay button.' },
  '--omni-spacing': { value: '8px', description: 'Spacing unit; gaps and paddings are multiples of it.' },
  '--omni-focus-ring': {
    value: '0 0 0 2px var(--_color-background), 0 0 0 4px var(--_color-primary)',
    description: 'Focus indicator, a `box-shadow` value.',
  },
} as const satisfies Record<`--omni-${string}`, Token>;

export type TokenName = keyof typeof tokens;

/** Private name of a token: `--omni-color-text` → `--_color-text`. */
export function privateName(token: TokenName): string {
  return `--_${token.slice('--omni-'.length)}`;
}

/** `:host` declarations of the private copies of every token, with their defaults. */
export const tokenStyles: CSSResult = unsafeCSS(
  `:host{${Object.entries(tokens)
    .map(([name, token]) => `${privateName(name as TokenName)}:var(${name},${token.value});`)
    .join('')}}`,
);
