/**
 * The mock provider's words (card fields, test-card hint, errors, the 3-D Secure dialog) in the
 * shopper's language: the same 10 languages as the components. Each loads on first use, one small
 * chunk per language (English included), so the adapter itself stays within its size budget.
 */
import type { CardErrorCode } from '../card.js';

export interface MockMessages {
  readonly $code: string;
  readonly cardDetails: string;
  /** Under the legend: which card to use in test mode. */
  readonly testMode: string;
  readonly cardNumber: string;
  readonly expiry: string;
  readonly expiryPlaceholder: string;
  readonly cvc: string;
  readonly errors: Readonly<Record<CardErrorCode, string>>;
  readonly testCardRequired: string;
  readonly challengeTitle: string;
  readonly challengeText: string;
  readonly approve: string;
  readonly cancel: string;
  readonly unsupportedAction: string;
  readonly networkError: string;
  readonly verificationFailed: string;
}

const LOADERS: Readonly<Record<string, () => Promise<{ default: MockMessages }>>> = {
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

/**
 * The messages for a canonical BCP 47 locale, as `Intl.getCanonicalLocales` writes it (`pl-PL` →
 * Polish; every language here has a two-letter code); English for a language we do not have.
 */
export async function mockMessages(locale: string): Promise<MockMessages> {
  return (await (LOADERS[locale.slice(0, 2)] ?? LOADERS['en']!)()).default;
}
