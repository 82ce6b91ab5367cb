/**
 * Markets: which ways to pay a shopper is offered, and in which order, from the session's country
 * and currency, with the merchant's overrides. Plain data and functions (no DOM, no zod), shared by
 * the backend (which puts the list into the session) and the components (which show it in order).
 *
 * Two tables:
 * - `METHOD_AVAILABILITY`: where a method can work at all (countries, currencies). A method outside
 *   its countries or currencies is never offered, whatever the merchant asks: BLIK takes only PLN,
 *   PayPal does not settle KRW, SAR or TRY, iDEAL is Dutch and in euros.
 * - `MARKET_ORDER`: what each market offers by default, local methods first (BLIK and Przelewy24
 *   in Poland, Kakao Pay and Naver Pay in Korea, mada and STC Pay in Saudi Arabia, Swish in Sweden…).
 *   Countries without a row get `DEFAULT_ORDER`.
 *
 * Cash on delivery and gift cards / store credit are `optIn`: never offered unless the merchant
 * enables them. Sources: the providers' own lists of supported countries and currencies (Stripe
 * payment method types, PayPal funding sources and currencies), as of 2025.
 */
import type { PaymentMethodType, ProviderId } from './types.js';

export interface Market {
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  /** ISO 4217, upper case. */
  readonly currency: string;
}

/** Where a method can work: `countries` and `currencies` undefined mean "anywhere" / "any". */
export interface MethodAvailability {
  /** Shopper countries, or per-country currencies when the currency depends on the country. */
  readonly countries?: Readonly<Record<string, readonly string[]>> | readonly string[];
  readonly currencies?: readonly string[];
  /** Offered only when the merchant enables it. */
  readonly optIn?: boolean;
}

const EURO_AREA = 'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' ');

/** Each country with its own currency, for methods that settle only in the shopper's currency. */
const LOCAL_CURRENCY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(EURO_AREA.map((country) => [country, 'EUR'])),
  AU: 'AUD', CA: 'CAD', CH: 'CHF', CZ: 'CZK', DK: 'DKK', GB: 'GBP', NO: 'NOK', NZ: 'NZD', PL: 'PLN', SE: 'SEK', US: 'USD',
};
const inLocalCurrency = (countries: readonly string[]): Record<string, readonly string[]> =>
  Object.fromEntries(countries.map((country) => [country, [LOCAL_CURRENCY[country]!]]));

/** Currencies PayPal accepts for payments (PayPal REST API currency codes). */
const PAYPAL_CURRENCIES = 'AUD BRL CAD CNY CZK DKK EUR HKD HUF ILS JPY MXN MYR NOK NZD PHP PLN GBP SGD SEK CHF THB TWD USD'.split(' ');

/** Countries where Stripe offers Link. */
const LINK_COUNTRIES = [...EURO_AREA, 'AU', 'BG', 'CA', 'CH', 'CZ', 'DK', 'GB', 'HK', 'HU', 'JP', 'LI', 'MX', 'NO', 'NZ', 'PL', 'RO', 'SE', 'SG', 'US'];

export const METHOD_AVAILABILITY: Readonly<Record<PaymentMethodType, MethodAvailability>> = {
  card: {},
  apple_pay: {},
  google_pay: {},
  link: { countries: LINK_COUNTRIES },
  paypal: { currencies: PAYPAL_CURRENCIES },
  paylater: { countries: inLocalCurrency(['US', 'GB', 'DE', 'FR', 'ES', 'IT', 'AU', 'CA']) },
  venmo: { countries: ['US'], currencies: ['USD'] },
  klarna: {
    countries: inLocalCurrency(['AT', 'AU', 'BE', 'CA', 'CH', 'CZ', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'GR', 'IE', 'IT', 'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'US']),
  },
  afterpay_clearpay: { countries: inLocalCurrency(['AU', 'CA', 'GB', 'NZ', 'US']) },
  blik: { countries: ['PL'], currencies: ['PLN'] },
  p24: { countries: ['PL'], currencies: ['PLN', 'EUR'] },
  ideal: { countries: ['NL'], currencies: ['EUR'] },
  bancontact: { countries: ['BE'], currencies: ['EUR'] },
  eps: { countries: ['AT'], currencies: ['EUR'] },
  sepa_debit: { countries: EURO_AREA, currencies: ['EUR'] },
  swish: { countries: ['SE'], currencies: ['SEK'] },
  /** Shoppers in China; the currencies Stripe presents Alipay and WeChat Pay in. */
  alipay: { countries: ['CN'], currencies: ['CNY', 'AUD', 'CAD', 'EUR', 'GBP', 'HKD', 'JPY', 'SGD', 'MYR', 'NZD', 'USD'] },
  wechat_pay: { countries: ['CN'], currencies: ['CNY', 'AUD', 'CAD', 'EUR', 'GBP', 'HKD', 'JPY', 'SGD', 'USD', 'DKK', 'NOK', 'SEK', 'CHF'] },
  mobilepay: { countries: { DK: ['DKK'], FI: ['EUR'] } },
  vipps: { countries: ['NO'], currencies: ['NOK'] },
  twint: { countries: ['CH'], currencies: ['CHF'] },
  kakao_pay: { countries: ['KR'], currencies: ['KRW'] },
  naver_pay: { countries: ['KR'], currencies: ['KRW'] },
  mada: { countries: ['SA'], currencies: ['SAR'] },
  stc_pay: { countries: ['SA'], currencies: ['SAR'] },
  /** Taksitli ödeme in Turkey, parcelamento in Brazil, meses sin intereses in Mexico. */
  card_installments: { countries: { TR: ['TRY'], BR: ['BRL'], MX: ['MXN'] } },
  konbini: { countries: ['JP'], currencies: ['JPY'] },
  pix: { countries: ['BR'], currencies: ['BRL'] },
  boleto: { countries: ['BR'], currencies: ['BRL'] },
  cash_on_delivery: { optIn: true },
  gift_card: { optIn: true },
};

/** The order for a country without a row in `MARKET_ORDER`. */
export const DEFAULT_ORDER: readonly PaymentMethodType[] = ['card', 'apple_pay', 'google_pay', 'link', 'paypal', 'paylater', 'klarna', 'afterpay_clearpay', 'gift_card'];

const EUROPE: readonly PaymentMethodType[] = ['card', 'apple_pay', 'google_pay', 'paypal', 'klarna', 'link', 'sepa_debit', 'gift_card'];

/**
 * Default order per market, local methods first. Opt-in methods listed here take that place when
 * the merchant enables them; elsewhere they go last.
 */
export const MARKET_ORDER: Readonly<Record<string, readonly PaymentMethodType[]>> = {
  PL: ['blik', 'p24', 'card', 'google_pay', 'apple_pay', 'paypal', 'klarna', 'link', 'cash_on_delivery', 'gift_card'],
  KR: ['kakao_pay', 'naver_pay', 'card', 'apple_pay', 'gift_card'],
  CN: ['alipay', 'wechat_pay', 'card', 'apple_pay', 'gift_card'],
  SA: ['mada', 'stc_pay', 'apple_pay', 'card', 'cash_on_delivery', 'gift_card'],
  AE: ['card', 'apple_pay', 'google_pay', 'paypal', 'cash_on_delivery', 'gift_card'],
  EG: ['card', 'cash_on_delivery', 'gift_card'],
  SE: ['swish', 'klarna', 'card', 'apple_pay', 'google_pay', 'paypal', 'link', 'gift_card'],
  NL: ['ideal', 'card', 'apple_pay', 'paypal', 'klarna', 'link', 'gift_card'],
  BE: ['bancontact', 'card', 'apple_pay', 'paypal', 'klarna', 'link', 'gift_card'],
  AT: ['eps', 'card', 'klarna', 'paypal', 'apple_pay', 'google_pay', 'sepa_debit', 'link', 'gift_card'],
  DE: ['paypal', 'klarna', 'card', 'apple_pay', 'google_pay', 'sepa_debit', 'paylater', 'link', 'gift_card'],
  FR: ['card', 'apple_pay', 'paypal', 'google_pay', 'paylater', 'klarna', 'link', 'gift_card'],
  ES: ['card', 'apple_pay', 'google_pay', 'paypal', 'paylater', 'klarna', 'link', 'cash_on_delivery', 'gift_card'],
  IT: ['card', 'paypal', 'apple_pay', 'google_pay', 'paylater', 'klarna', 'link', 'gift_card'],
  DK: ['mobilepay', 'card', 'apple_pay', 'google_pay', 'klarna', 'paypal', 'link', 'gift_card'],
  FI: ['mobilepay', 'card', 'klarna', 'apple_pay', 'google_pay', 'paypal', 'link', 'gift_card'],
  NO: ['vipps', 'card', 'klarna', 'apple_pay', 'google_pay', 'paypal', 'link', 'gift_card'],
  CH: ['twint', 'card', 'apple_pay', 'google_pay', 'paypal', 'klarna', 'link', 'gift_card'],
  GB: ['card', 'apple_pay', 'google_pay', 'paypal', 'paylater', 'klarna', 'afterpay_clearpay', 'link', 'gift_card'],
  IE: EUROPE,
  PT: EUROPE,
  US: ['card', 'apple_pay', 'google_pay', 'paypal', 'venmo', 'paylater', 'link', 'klarna', 'afterpay_clearpay', 'gift_card'],
  CA: ['card', 'apple_pay', 'google_pay', 'paypal', 'paylater', 'klarna', 'afterpay_clearpay', 'link', 'gift_card'],
  AU: ['card', 'apple_pay', 'google_pay', 'afterpay_clearpay', 'paypal', 'paylater', 'klarna', 'link', 'gift_card'],
  NZ: ['card', 'apple_pay', 'google_pay', 'afterpay_clearpay', 'paypal', 'klarna', 'link', 'gift_card'],
  TR: ['card_installments', 'card', 'cash_on_delivery', 'gift_card'],
  JP: ['card', 'apple_pay', 'google_pay', 'konbini', 'paypal', 'link', 'cash_on_delivery', 'gift_card'],
  BR: ['pix', 'card_installments', 'card', 'boleto', 'google_pay', 'apple_pay', 'paypal', 'gift_card'],
  MX: ['card', 'card_installments', 'paypal', 'apple_pay', 'google_pay', 'link', 'cash_on_delivery', 'gift_card'],
  IN: ['card', 'google_pay', 'paypal', 'cash_on_delivery', 'gift_card'],
};

/** What a merchant changes: on top of the market's defaults, globally or for one country. */
export interface MethodOverrides {
  /** Turns on methods the market does not offer by default; required for cash on delivery and gift cards. */
  readonly enable?: readonly PaymentMethodType[];
  /** Never offered (wins over `enable`). */
  readonly disable?: readonly PaymentMethodType[];
  /** These first, in this order; the rest keep the market's order. */
  readonly order?: readonly PaymentMethodType[];
}

export interface MerchantMethodSettings extends MethodOverrides {
  /**
   * Per-country overrides, keyed by ISO country code: their `enable` and `disable` add to the
   * global ones; their `order`, when given, replaces the global order for that country.
   */
  readonly countries?: Readonly<Record<string, MethodOverrides>>;
}

/** Whether `method` can work at all in this market (country and currency), ignoring opt-in. */
export function isMethodAvailable(method: PaymentMethodType, market: Market): boolean {
  const rule = METHOD_AVAILABILITY[method];
  if (!rule) return false;
  const { countries, currencies } = rule;
  if (Array.isArray(countries) && !countries.includes(market.country)) return false;
  if (countries && !Array.isArray(countries)) {
    const allowed = (countries as Readonly<Record<string, readonly string[]>>)[market.country];
    if (!allowed?.includes(market.currency)) return false;
  }
  return !currencies || currencies.includes(market.currency);
}

/** The market's default list before overrides (opt-in methods included, in place). */
function defaultsFor(country: string): readonly PaymentMethodType[] {
  return Object.hasOwn(MARKET_ORDER, country) ? MARKET_ORDER[country]! : DEFAULT_ORDER;
}

/**
 * The payment methods to offer in a market, in order: the market's defaults that work in its
 * currency, minus opt-in methods the merchant did not enable, plus what the merchant enabled
 * (only where it can work), minus what the merchant disabled, with the merchant's order first.
 */
export function marketMethods(market: Market, settings: MerchantMethodSettings = {}): PaymentMethodType[] {
  const local = (Object.hasOwn(settings.countries ?? {}, market.country) ? settings.countries![market.country] : undefined) ?? {};
  const enabled = new Set([...(settings.enable ?? []), ...(local.enable ?? [])]);
  const disabled = new Set([...(settings.disable ?? []), ...(local.disable ?? [])]);
  const order = local.order ?? settings.order ?? [];

  const defaults = defaultsFor(market.country);
  const candidates = [...defaults, ...[...enabled].filter((method) => !defaults.includes(method))];
  const offered = candidates.filter(
    (method) =>
      isMethodAvailable(method, market) &&
      !disabled.has(method) &&
      (enabled.has(method) || (!METHOD_AVAILABILITY[method].optIn && defaults.includes(method))),
  );
  const first = order.filter((method, i) => offered.includes(method) && order.indexOf(method) === i);
  return [...first, ...offered.filter((method) => !first.includes(method))];
}

/** A method as the session shows it: the type and the provider that carries it. */
export interface MarketMethod {
  readonly type: PaymentMethodType;
  readonly provider: ProviderId;
}

/** A provider and the methods it can carry in the market (from `ServerProvider.supportedMethods`). */
export interface MethodCarrier {
  readonly id: ProviderId;
  readonly methods: readonly PaymentMethodType[];
  /** Methods it can show but not take now (`ServerProvider.displayOnlyMethods`, e.g. the mock in test mode). */
  readonly displayOnly?: readonly PaymentMethodType[];
}

/**
 * Gives each method to the first provider (in the merchant's order) that carries it; a method no
 * provider carries is left out, so the page never shows a way to pay that cannot be completed.
 */
export function assignProviders(methods: readonly PaymentMethodType[], carriers: readonly MethodCarrier[]): MarketMethod[] {
  return methods.flatMap((type) => {
    const carrier = carriers.find((c) => c.methods.includes(type));
    return carrier ? [{ type, provider: carrier.id }] : [];
  });
}
