/** Development build: warnings on. Selected by the `development` export condition (see package.json `imports`). */
import { VERSION } from './version.js';
import { warnOnce } from './warn.js';

export const DEV: boolean = true;

/** `defineElement` found the tag taken by another copy of the library (`version`: that copy's). */
export function warnTwoVersions(tag: string, version: string | undefined): void {
  warnOnce(
    'two-versions',
    `<${tag}> is already defined by another copy of @omni-checkout/elements (${version ?? 'unknown version'}); ` +
      `this copy (${VERSION}) is not used. Load the library once per page.`,
    `two-versions:${tag}`,
  );
}
