/**
 * Words of the checkout's "Order updates" choice (email, SMS or both, and the mobile number), in
 * the same ten languages as the main catalogs. They load with the choice (`checkout/order-updates.ts`),
 * only when the shop can send texts, never with the checkout's first render. Adding a language: one
 * file here plus its loader line.
 */
import { lazyCatalog } from '../lazy-catalog.js';

export interface OrderUpdatesTranslation {
  /** The group's legend. */
  readonly legend: string;
  readonly email: string;
  readonly sms: string;
  readonly both: string;
  /** Label of the mobile number field. */
  readonly phone: string;
  /** What the texts are, under the field. */
  readonly hint: string;
  readonly required: string;
  /** The number is not a mobile number; `example` is one of the shop's country, in international format. */
  readonly invalid: (example: string) => string;
}

/** The choice's words for a language tag (`ar-SA` → `ar`), English for a language without a catalog. */
export const loadOrderUpdatesTranslation = lazyCatalog<OrderUpdatesTranslation>({
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
