/**
 * The catalog registry without any English in it: the language list, the lazy loaders of the other
 * languages, the catalogs loaded so far, and how an element finds its language. `index.ts` adds the
 * full English catalog (the fallback of every component), `first.ts` only the first-render strings
 * (the checkout's entry chunk). Adding a language: write `xx.ts` satisfying `Translation` and add its
 * loader line below.
 */
import type { Translation } from './translation.js';
import { applyLanguageDirection } from '../internal/direction.js';

/**
 * Every language with a catalog, in the order a language picker lists them. Each catalog must
 * have every key (the `Translation` type enforces it); add a real translation to all of them.
 */
export const LOCALES = ['en', 'pl', 'ko', 'ar', 'de', 'fr', 'es', 'sv', 'tr', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Translation }>> = {
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

/** The other languages' catalogs loaded so far (shared by the first render and the form). */
const loaded = new Map<string, Translation>();

function hasLoader(code: string): code is keyof typeof loaders {
  return Object.hasOwn(loaders, code);
}

/** Catalog codes to try for a language tag, most specific first: `ar-SA` → `ar-sa`, `ar`. */
function candidates(lang: string): string[] {
  const tag = lang.toLowerCase();
  const base = tag.split('-')[0] ?? tag;
  return base === tag ? [tag] : [tag, base];
}

/** The catalog for `lang` if it is loaded, else `english` (exact when `lang` has no catalog of its own). */
export function catalogFor<T>(lang: string, english: T): { translation: T | Translation; exact: boolean } {
  for (const code of candidates(lang)) {
    const translation = loaded.get(code);
    if (translation) return { translation, exact: true };
  }
  return { translation: english, exact: !candidates(lang).some(hasLoader) };
}

/** Loads the catalog for `lang`, or answers `english` for English and languages without one. */
export async function loadCatalog<T>(lang: string, english: T): Promise<T | Translation> {
  const { translation, exact } = catalogFor(lang, english);
  if (exact) return translation;
  const code = candidates(lang).find(hasLoader)!;
  const module = await loaders[code]();
  loaded.set(code, module.default);
  return module.default;
}

/** The language an element speaks: its own `lang` (or an ancestor's), then `<html lang>`, then the browser's. */
export function languageOf(element: HTMLElement): string {
  const lang = langAttribute(element) || document.documentElement.lang || navigator.language;
  try {
    // A malformed tag (`en_US`) would make every `Intl` call throw.
    return Intl.getCanonicalLocales(lang)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** The nearest `lang`, across shadow roots (a part inside `<omni-checkout lang="ar">` speaks Arabic). */
function langAttribute(element: Element): string {
  for (let node: Element | null = element; node; ) {
    const found = node.closest<HTMLElement>('[lang]');
    if (found) return found.lang;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

/**
 * What every component does before it renders: finds its language, takes the language's
 * direction (`internal/direction.ts`), uses the catalog at once if loaded (`english` until then)
 * and `use`s the right one when it arrives. Answers the language.
 */
export function speakWith<T>(element: HTMLElement, english: T, use: (translation: T | Translation) => void): string {
  const lang = languageOf(element);
  applyLanguageDirection(element, lang);
  const { translation, exact } = catalogFor(lang, english);
  // A reactive property set to the same catalog does not re-render.
  use(translation);
  if (!exact) void loadCatalog(lang, english).then(use);
  return lang;
}

/**
 * Text a shopper or merchant wrote, isolated from the sentence around it (U+2068 FIRST STRONG
 * ISOLATE … U+2069 POP DIRECTIONAL ISOLATE, what `<bdi>` does for an element): an English product
 * name or a Hebrew street inside an Arabic sentence keeps its own direction and does not reorder
 * the words around it.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
