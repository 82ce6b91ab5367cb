import { VERSION } from './version.js';
import { warnOnce } from './warn.js';

export { VERSION };

type Versioned = CustomElementConstructor & { readonly version?: string };

/**
 * Registers a custom element unless the tag is already taken. A page that loads two copies of the
 * library (two bundles, two versions) keeps the first and, in development, is told so once.
 */
export function defineElement(tag: string, constructor: Versioned): void {
  const existing = customElements.get(tag) as Versioned | undefined;
  if (!existing) {
    customElements.define(tag, constructor);
    return;
  }
  if (existing !== constructor) {
    warnOnce(
      'two-versions',
      `<${tag}> is already defined by another copy of @omni-checkout/elements (${existing.version ?? 'unknown version'}); ` +
        `this copy (${VERSION}) is not used. Load the library once per page.`,
      `two-versions:${tag}`,
    );
  }
}
