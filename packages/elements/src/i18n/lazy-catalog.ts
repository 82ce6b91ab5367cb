/**
 * Per-feature message catalogs (the handoff, the address helpers, order updates, local methods,
 * gift cards): each feature's messages in the ten languages, loaded with the feature. A module of its
 * own, imported only by those lazily loaded features, so that it stays out of every first render.
 */
import { localeOf, type Locale } from './catalogs.js';

export { localeOf };

/**
 * A feature's own messages in the ten languages, every one (English included) loaded by `import()`
 * when the feature first needs it, so a page without the feature pays nothing for them. The loaders
 * stay a literal table at each call site: bundlers split chunks only at static `import()` paths.
 */
export function lazyCatalog<T>(loaders: Record<Locale, () => Promise<{ default: T }>>): (lang: string) => Promise<T> {
  return async (lang) => (await loaders[localeOf(lang)]()).default;
}
