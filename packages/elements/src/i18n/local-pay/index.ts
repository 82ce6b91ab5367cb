/**
 * Messages of the local methods in `<omni-checkout>` (issue 18): BLIK's code field and its
 * approval in the bank app, the QR code of Swish and WeChat Pay while the checkout waits for the
 * phone, and what a shopper reads back from a bank page that did not pay. In the same ten
 * languages as the main catalogs; they load (by `import()`) only when one of these methods is
 * chosen or comes back from its page, never with the checkout's first render.
 */
import { lazyCatalog } from '../lazy-catalog.js';

export interface LocalPayTranslation {
  /** Label of the six-digit field. */
  readonly blikCode: string;
  /** Under the field: where the code comes from. */
  readonly blikHint: string;
  /** The field is not six digits. */
  readonly blikInvalid: string;
  /** After paying: the bank app asks the shopper to confirm. */
  readonly blikApprove: string;
  /** The QR code's instructions, with the method's name (Swish, WeChat Pay). */
  readonly scan: (method: string) => string;
  /** Accessible name of the QR code image. */
  readonly qrLabel: (method: string) => string;
  /** While the checkout waits for the app. */
  readonly waiting: string;
  /** The bank, the app or the phone refused: nothing was charged. */
  readonly failed: string;
  /** The shopper left the bank's page (or the code expired) without paying: nothing was charged. */
  readonly canceled: string;
}

/** The local methods' messages for a language tag (`pl-PL` → `pl`), English for a language without a catalog. */
export const loadLocalPayTranslation = lazyCatalog<LocalPayTranslation>({
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

