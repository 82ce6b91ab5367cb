/**
 * Messages of `<omni-handoff>` (pay on your phone: the QR code and link on the first screen, the
 * page a phone shows for a used, expired or unknown link), in the same ten languages as the main
 * catalogs. They load with the element, never with `<omni-checkout>`, so a checkout without the
 * handoff pays nothing for them. Adding a language: one file here plus its loader line.
 */
import { lazyCatalog } from '../lazy-catalog.js';

export interface HandoffTranslation {
  /** The button that shows the code (and the section's heading). */
  readonly payOnPhone: string;
  readonly scan: string;
  /** Accessible name of the QR code image. */
  readonly qrLabel: string;
  readonly linkLabel: string;
  readonly copy: string;
  readonly copied: string;
  readonly expires: (minutes: number) => string;
  readonly preparing: string;
  readonly failed: string;
  readonly newCode: string;
  readonly expired: string;
  readonly waiting: string;
  readonly opened: string;
  readonly paying: string;
  readonly paid: string;
  /** The phone's page while the link is exchanged. */
  readonly opening: string;
  readonly usedTitle: string;
  readonly usedText: string;
  readonly expiredTitle: string;
  readonly expiredText: string;
  readonly invalidTitle: string;
  readonly invalidText: string;
  readonly networkText: string;
}

/** The handoff's messages for a language tag (`ar-SA` → `ar`), English for a language without a catalog. */
export const loadHandoffTranslation = lazyCatalog<HandoffTranslation>({
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
