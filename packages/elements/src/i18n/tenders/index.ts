/**
 * Messages of the checkout's gift card and store credit part (`tenders/tenders.ts`), in the same ten
 * languages as the main catalogs. They load with that part, only when the session offers gift cards,
 * never with the checkout's first render. Adding a language: one file here plus its loader line.
 */
import { lazyCatalog } from '../lazy-catalog.js';

export interface TenderTranslation {
  /** The disclosure that shows the code field. */
  readonly add: string;
  readonly codeLabel: string;
  readonly codeHint: string;
  readonly apply: string;
  readonly applying: string;
  /** A card in the summary and the list: its last four characters. */
  readonly card: (last4: string) => string;
  readonly storeCredit: string;
  /** Offer to a recognised shopper: their balance, formatted. */
  readonly useStoreCredit: (amount: string) => string;
  readonly remove: string;
  /** Accessible name of a remove button. */
  readonly removeLabel: (what: string) => string;
  /** The summary's last row: what is left for the card or wallet. */
  readonly toPay: string;
  /** Announced after applying: what it takes of the order. */
  readonly applied: (what: string, amount: string) => string;
  /** The tenders pay everything: the button places the order. */
  readonly covered: string;
  readonly placeOrder: (amount: string) => string;
  readonly errors: {
    readonly empty: string;
    readonly notFound: string;
    readonly inactive: string;
    readonly noBalance: string;
    readonly currency: string;
    readonly tooMany: string;
    readonly alreadyCovered: string;
    readonly generic: string;
  };
}

/** The part's messages for a language tag (`ar-SA` → `ar`), English for a language without a catalog. */
export const loadTenderTranslation = lazyCatalog<TenderTranslation>({
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

