/**
 * Messages of `<omni-resume>` (resume on another device: "Continue your checkout"), in the same
 * ten languages as the main catalogs. They load with the element, which `<omni-checkout>` loads
 * only once a recognised shopper signed in, so a checkout's first render pays nothing for them.
 */
import { lazyCatalog } from '../lazy-catalog.js';

export interface ResumeTranslation {
  /** The offer's heading and its button. */
  readonly title: string;
  readonly text: string;
  /** "2 × Desk lamp". */
  readonly line: (quantity: number, name: string) => string;
  readonly total: (amount: string) => string;
  readonly continue: string;
  readonly dismiss: string;
  readonly continuing: string;
  readonly unavailable: string;
  readonly failed: string;
}

/** The resume offer's messages for a language tag (`ar-SA` → `ar`), English for a language without a catalog. */
export const loadResumeTranslation = lazyCatalog<ResumeTranslation>({
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
