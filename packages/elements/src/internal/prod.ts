/** Production build: warnings compiled away. The default of the `#dev` import (see package.json `imports`). */
export const DEV: boolean = false;

/**
 * Production: a second copy of the library on the page is not reported. The message lives in
 * `dev.ts` only: esbuild does not drop code behind an imported `DEV` (it inlines the constant but
 * keeps the strings), so a message written at the call site would ship in every production bundle.
 */
export const warnTwoVersions: (tag: string, version: string | undefined) => void = () => undefined;
