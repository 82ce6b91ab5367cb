/**
 * What a component ships of the theme: the default of every global `--omni-*` token and the
 * `:host` declarations of their private `--_*` copies (`tokenStyles`). Merchants set the tokens on
 * any ancestor (`:root`, `omni-checkout`); components read them only through the private copies,
 * so each default lives here and nowhere else. Defaults follow the page's `color-scheme` through
 * system colours and `light-dark()`. What each token styles is documented in `tokens.ts` (the
 * public `tokens`), which the components do not import: its descriptions stay out of their bundles.
 */
// From css-tag.js, not 'lit': the painted first render (checkout/paint.ts) adopts these sheets without Lit.
import { unsafeCSS, type CSSResult } from '@lit/reactive-element/css-tag.js';

export const tokenDefaults = {
  '--omni-font-family': 'inherit',
  '--omni-font-size': '1rem',
  '--omni-color-text': 'CanvasText',
  '--omni-color-text-muted': 'light-dark(#4f5359, #c4c7cc)',
  '--omni-color-background': 'Canvas',
  '--omni-color-primary': 'light-dark(#0b57d0, #a8c7fa)',
  '--omni-color-on-primary': 'light-dark(#ffffff, #062e6f)',
  '--omni-color-border': 'light-dark(#6b6b6b, #9aa0a6)',
  '--omni-color-error': 'light-dark(#b3261e, #f2b8b5)',
  '--omni-color-success': 'light-dark(#146c2e, #6dd58c)',
  '--omni-radius': '6px',
  '--omni-spacing': '8px',
  '--omni-focus-ring': '0 0 0 2px var(--_color-background), 0 0 0 4px var(--_color-primary)',
} as const satisfies Record<`--omni-${string}`, string>;

export type TokenName = keyof typeof tokenDefaults;

/** Private name of a token: `--omni-color-text` → `--_color-text`. */
export function privateName(token: TokenName): string {
  return `--_${token.slice('--omni-'.length)}`;
}

/** `:host` declarations of the private copies of every token, with their defaults. */
export const tokenStyles: CSSResult = unsafeCSS(
  `:host{${Object.entries(tokenDefaults)
    .map(([name, value]) => `${privateName(name as TokenName)}:var(${name},${value});`)
    .join('')}}`,
);
