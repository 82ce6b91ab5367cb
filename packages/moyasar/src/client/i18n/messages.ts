/**
 * The Moyasar adapter's words in the shopper's language: the same 10 languages as the components.
 * Each loads on first use, one small chunk per language (English included).
 */
export interface MoyasarMessages {
  readonly $code: string;
  readonly mada: string;
  readonly stcPay: string;
  /** Test mode only: which test card and code to use. */
  readonly testMode: string;
  readonly name: string;
  readonly number: string;
  readonly expiry: string;
  readonly expiryPlaceholder: string;
  readonly cvc: string;
  readonly mobile: string;
  readonly mobileHint: string;
  readonly payMada: string;
  readonly payStcPay: string;
  readonly codeTitle: string;
  readonly codeText: string;
  readonly code: string;
  readonly confirm: string;
  readonly cancel: string;
  readonly errors: {
    readonly name: string;
    readonly number: string;
    readonly expiry: string;
    readonly cvc: string;
    readonly mobile: string;
    readonly code: string;
    readonly network: string;
  };
}

const LOADERS: Readonly<Record<string, () => Promise<{ default: MoyasarMessages }>>> = {
  en: () => import('./en.js'),
  ar: () => import('./ar.js'),
  pl: () => import('./pl.js'),
  ko: () => import('./ko.js'),
  de: () => import('./de.js'),
  fr: () => import('./fr.js'),
  es: () => import('./es.js'),
  sv: () => import('./sv.js'),
  tr: () => import('./tr.js'),
  ja: () => import('./ja.js'),
};

export const MOYASAR_LANGUAGES = Object.keys(LOADERS);

/** The messages for a BCP 47 locale; English for a language we do not have. */
export async function moyasarMessages(locale: string): Promise<MoyasarMessages> {
  return (await (LOADERS[locale.slice(0, 2).toLowerCase()] ?? LOADERS['en']!)()).default;
}
