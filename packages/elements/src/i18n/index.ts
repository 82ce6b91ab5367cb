/**
 * Message catalogs for the elements. Every language, English included, is a catalog loaded the
 * first time an element needs it (`catalogs.ts`): an element renders first in its own language,
 * never in English while its catalog loads, and a page in another language never downloads the
 * English one. The checkout's first render speaks through `first.ts` (English first-render strings
 * bundled), its form through `full.ts` (the full English catalog bundled).
 */
import type { Translation } from './translation.js';
import { adoptLanguage, languageOf, loadCatalog, loadedCatalog } from './catalogs.js';

export type { Translation } from './translation.js';
export type { FirstTranslation } from './first-translation.js';
export { LOCALES, languageOf, isolate, adoptLanguage, loadedCatalog, type Locale } from './catalogs.js';

/** Loads the catalog for `lang`, falling back to English for languages without one. */
export const loadTranslation = (lang: string): Promise<Translation> => loadCatalog(lang);

/**
 * What every component does before it renders: takes its language and the language's direction
 * (`internal/direction.ts`) and `use`s its catalog: at once when loaded (always so for the first
 * render, see `whenSpoken`), else English meanwhile if loaded, and its own when it arrives.
 * Answers the language.
 */
export function speak(element: HTMLElement, use: (translation: Translation) => void): string {
  const lang = adoptLanguage(element);
  const translation = loadedCatalog(lang);
  if (translation) {
    use(translation);
  } else {
    const english = loadedCatalog('en');
    if (english) use(english);
    void loadCatalog(lang).then(use);
  }
  return lang;
}

/**
 * An element's `scheduleUpdate`: the update runs once the catalog of the element's language is
 * loaded, at once when it is. So the first render is in the shopper's language, and `updateComplete`
 * resolves after it. A catalog that cannot load falls back to English.
 */
export function whenSpoken(element: HTMLElement, update: () => void | Promise<unknown>): void | Promise<unknown> {
  const lang = languageOf(element);
  return loadedCatalog(lang) ? update() : loadCatalog(lang).catch(() => loadCatalog('en')).then(update);
}
