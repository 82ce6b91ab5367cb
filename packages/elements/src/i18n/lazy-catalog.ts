/**
 * Per-feature message catalogs (the handoff, the address helpers, order updates, local methods,
 * gift cards): each feature's messages in the ten languages, loaded with the feature. A module of its
 * own, imported only by those lazily loaded features, so that it stays out of every first render.
 */
import { LOCALES, type Locale } from './catalogs.js';

/** The catalog language for a language tag: `ar-SA` → `ar`; English for a language without catalogs. */
export function localeOf(lang: string): Locale {
  const base = lang.toLowerCase().split('-')[0] ?? 'en';
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
}

/**
 * A feature's own messages in the ten languages, every one (English included) loaded by `import()`
 * when the feature first needs it, so a page without the feature pays nothing for them. The loaders
 * stay a literal table at each call site: bundlers split chunks only at static `import()` paths.
 */
export function lazyCatalog<T>(loaders: Record<Locale, () => Promise<{ default: T }>>): (lang: string) => Promise<T> {
  return async (lang) => (await loaders[localeOf(lang)]()).default;
}
