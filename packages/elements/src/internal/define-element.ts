import { warnTwoVersions } from '#dev';
import { VERSION } from './version.js';

export { VERSION };

type Versioned = CustomElementConstructor & { readonly version?: string };

/**
 * Registers a custom element unless the tag is already taken. A page that loads two copies of the
 * library (two bundles, two versions) keeps the first and, in development, is told so once (the
 * message is in `dev.ts`, so production bundles carry none of it).
 */
export function defineElement(tag: string, constructor: Versioned): void {
  const existing = customElements.get(tag) as Versioned | undefined;
  if (!existing) {
    customElements.define(tag, constructor);
    return;
  }
  if (existing !== constructor) warnTwoVersions(tag, existing.version);
}
