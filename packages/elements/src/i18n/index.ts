/**
 * Message catalogs. English is bundled (it is the fallback); every other language loads lazily
 * the first time an element needs it (`catalogs.ts`). The checkout's first render imports
 * `first.ts` instead, which carries only the English strings it shows.
 */
import en from './en.js';
import type { Translation } from './translation.js';
import { catalogFor, loadCatalog, speakWith } from './catalogs.js';

export type { Translation } from './translation.js';
export type { FirstTranslation } from './first-translation.js';
export { LOCALES, languageOf, isolate, type Locale } from './catalogs.js';
export { en };

/** The catalog for `lang` if it is already loaded (or English, which always is). */
export const translationFor = (lang: string): { translation: Translation; exact: boolean } => catalogFor(lang, en);

/** Loads the catalog for `lang`, falling back to English for languages without one. */
export const loadTranslation = (lang: string): Promise<Translation> => loadCatalog(lang, en);

/**
 * What every component does before it renders: finds its language, takes the language's
 * direction (`internal/direction.ts`), uses the catalog at once if loaded (English until then)
 * and `use`s the right one when it arrives. Answers the language.
 */
export const speak = (element: HTMLElement, use: (translation: Translation) => void): string => speakWith(element, en, use);

/**
 * The full catalog of the language a first-render catalog belongs to (the checkout's form reads
 * more than its shell holds): the loaded language's own, or the full English one.
 */
export const fullCatalog = (first: { readonly $code: string }): Translation => catalogFor(first.$code, en).translation;
