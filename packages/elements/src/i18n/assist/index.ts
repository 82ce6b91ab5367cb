/**
 * Messages of `<omni-address>`'s optional helpers (the suggestion combobox and the merchant's
 * deliverability check), in the same ten languages as the main catalogs. They load with those
 * helpers, never with the element itself, so a page without suggestions pays nothing for them
 * (not even in English). Adding a language: one file here plus its loader line.
 */
import { lazyCatalog } from '../lazy-catalog.js';

export interface AssistTranslation {
  /** Name of the list of address suggestions under the first address line. */
  readonly suggestions: string;
  /** Announced (live region) when suggestions arrive. */
  readonly suggestionCount: (count: number) => string;
  readonly noSuggestions: string;
  /** The suggestion service is slow or down: typing goes on. */
  readonly suggestionsUnavailable: string;
  /** Announced after a suggestion filled the fields. */
  readonly suggestionFilled: string;
  /** The merchant's deliverability check refused the address without a message of its own. */
  readonly undeliverable: string;
}

/** The helpers' messages for a language tag (`ar-SA` → `ar`), English for a language without a catalog. */
export const loadAssistTranslation = lazyCatalog<AssistTranslation>({
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
});
