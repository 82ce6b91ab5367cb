/**
 * The catalog registry: the language list, the lazy loader of every language's full catalog
 * (English's too), the catalogs loaded so far, and how an element finds its language. No catalog is
 * bundled here: `first.ts` adds the English first-render strings (the checkout's entry chunk),
 * `full.ts` the full English catalog (the checkout's form, which bundles it), and every other
 * element loads its language's catalog before its first render (`index.ts`, `whenSpoken`).
 * Adding a language: write `xx.ts` satisfying `Translation` and add its loader line below.
 */
import type { Translation } from './translation.js';
import { adoptLanguage } from './language.js';

export { adoptLanguage, isolate, languageOf } from './language.js';

/**
 * Every language with a catalog, in the order a language picker lists them. Each catalog must
 * have every key (the `Translation` type enforces it); add a real translation to all of them.
 */
export const LOCALES = ['en', 'pl', 'ko', 'ar', 'de', 'fr', 'es', 'sv', 'tr', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

const loaders: Record<Locale, () => Promise<{ default: Translation }>> = {
  en: () => import('./en.js'),
  pl: () => import('./pl.js'),
  ko: () => import('./ko.js'),
  ar: () => import('./ar.js'),
  de: () => import('./de.js'),
  fr: () => import('./fr.js'),
  es: () => import('./es.js'),
  sv: () => import('./sv.js'),
  tr: () => import('./tr.js'),
  ja: () => import('./ja.js'),
};

/** The full catalogs loaded so far (shared by the first render, the form and every element). */
const loaded = new Map<Locale, Translation>();

/** The catalog language for a language tag: `ar-SA` → `ar`; English for a language without a catalog. */
export function localeOf(lang: string): Locale {
  const base = lang.toLowerCase().split('-')[0] ?? 'en';
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
}

/** The full catalog for `lang`, if it is loaded. */
export const loadedCatalog = (lang: string): Translation | undefined => loaded.get(localeOf(lang));

/** A full catalog bundled with the code that adds it (the checkout's form bundles English): usable at once. */
export const addCatalog = (translation: Translation): void => void loaded.set(localeOf(translation.$code), translation);

/** Loads the full catalog for `lang` (English for a language without one of its own). */
export async function loadCatalog(lang: string): Promise<Translation> {
  const code = localeOf(lang);
  const translation = loaded.get(code) ?? (await loaders[code]()).default;
  loaded.set(code, translation);
  return translation;
}

/**
 * What the first render speaks: the loaded catalog of `lang`, else `english` (the first-render
 * strings), which is complete for English. English's full catalog is never loaded for it.
 */
export const loadFirstCatalog = <T>(lang: string, english: T): T | Translation | Promise<Translation> =>
  loadedCatalog(lang) ?? (localeOf(lang) === 'en' ? english : loadCatalog(lang));

/**
 * The first render's `speak` (the shell, `<omni-summary>`, `<omni-express>`): takes the language and
 * its direction, uses the loaded catalog at once, else `english` (the first-render strings), and
 * `use`s the language's own when it arrives. Answers the language.
 */
export function speakWith<T>(element: HTMLElement, english: T, use: (translation: T | Translation) => void): string {
  const lang = adoptLanguage(element);
  const now = loadFirstCatalog(lang, english);
  // A reactive property set to the same catalog does not re-render.
  if (now instanceof Promise) {
    use(english);
    void now.then(use);
  } else {
    use(now);
  }
  return lang;
}
