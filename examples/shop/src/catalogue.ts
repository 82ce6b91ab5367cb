/**
 * The shop's catalogue. The browser uses it to show products; the shop's own server uses its own
 * copy to price a checkout, so a price changed in the browser is never charged.
 */
export interface Product {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Price in minor units of `CURRENCY` (cents). */
  readonly unitAmount: number;
  /** Path of the product picture under `public/`. */
  readonly image: string;
}

export const CURRENCY = 'EUR';
export const COUNTRY = 'DE';
export const MAX_QUANTITY = 20;

export const PRODUCTS: readonly Product[] = [
  {
    id: 'dripper',
    name: 'Ceramic pour-over dripper',
    description: 'Hand-glazed stoneware dripper for one or two cups.',
    unitAmount: 2400,
    image: '/images/dripper.svg',
  },
  {
    id: 'beans',
    name: 'Single-origin coffee beans, 250 g',
    description: 'Washed Ethiopian beans, roasted light, notes of jasmine and peach.',
    unitAmount: 1250,
    image: '/images/beans.svg',
  },
  {
    id: 'mug',
    name: 'Enamel mug',
    description: 'Speckled enamel mug, 350 ml, fine for campfires.',
    unitAmount: 990,
    image: '/images/mug.svg',
  },
  {
    id: 'grinder',
    name: 'Hand grinder',
    description: 'Steel conical burrs, 40 grind settings, fits in a travel bag.',
    unitAmount: 6400,
    image: '/images/grinder.svg',
  },
];

export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

/** Shipping the shop offers; the backend adds the chosen option to the total. */
export const SHIPPING_OPTIONS = [
  { id: 'standard', label: 'Standard delivery', amount: 490, deliveryEstimate: { minDays: 3, maxDays: 5 } },
  { id: 'express', label: 'Express delivery', amount: 1290, deliveryEstimate: { minDays: 1, maxDays: 2 } },
] as const;

/**
 * Markets the demo can switch to (header menu, remembered in the `omni_market` cookie): the
 * shop's and the checkout's language, direction, currency and country. The checkout session is
 * created for the market's country and currency, so `<omni-checkout>` shows that country's
 * address form and the market's payment methods first (BLIK in Poland, Kakao Pay in Korea, mada
 * in Saudi Arabia). Prices are the catalogue's euros at a fixed demo rate.
 */
export interface Market {
  readonly id: string;
  /** BCP 47 language of the shop and the checkout. */
  readonly lang: string;
  readonly country: string;
  readonly currency: string;
  /** The menu entry, in the market's own language. */
  readonly name: string;
  /** Units of `currency` for one euro (demo only). */
  readonly rate: number;
}

export const MARKETS: readonly Market[] = [
  { id: 'en-DE', lang: 'en', country: COUNTRY, currency: CURRENCY, name: 'English · Germany (EUR)', rate: 1 },
  { id: 'pl-PL', lang: 'pl', country: 'PL', currency: 'PLN', name: 'Polski · Polska (PLN)', rate: 4.3 },
  { id: 'ko-KR', lang: 'ko', country: 'KR', currency: 'KRW', name: '한국어 · 대한민국 (KRW)', rate: 1450 },
  { id: 'ar-SA', lang: 'ar', country: 'SA', currency: 'SAR', name: 'العربية · السعودية (SAR)', rate: 4 },
  // Markets of the local methods Stripe carries (iDEAL, Bancontact, Swish, Alipay and WeChat Pay), in English.
  { id: 'en-NL', lang: 'en', country: 'NL', currency: 'EUR', name: 'English · Netherlands (EUR)', rate: 1 },
  { id: 'en-BE', lang: 'en', country: 'BE', currency: 'EUR', name: 'English · Belgium (EUR)', rate: 1 },
  { id: 'en-SE', lang: 'en', country: 'SE', currency: 'SEK', name: 'English · Sweden (SEK)', rate: 11 },
  { id: 'en-CN', lang: 'en', country: 'CN', currency: 'CNY', name: 'English · China (CNY)', rate: 8 },
];

export const MARKET_COOKIE = 'omni_market';

/** The market a `Cookie` header (or `document.cookie`) chose; the first market otherwise. */
export function marketFromCookie(cookie: string | null | undefined): Market {
  const id = new RegExp(`(?:^|;\\s*)${MARKET_COOKIE}=([A-Za-z-]{2,8})`).exec(cookie ?? '')?.[1];
  return MARKETS.find((market) => market.id === id) ?? MARKETS[0]!;
}

/** A catalogue price (euro cents) in the market's currency's minor units, rounded the way its shops price. */
export function priceIn(eurCents: number, market: Market): number {
  if (market.rate === 1) return eurCents;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: market.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const major = (eurCents / 100) * market.rate;
  // Whole units (no cents) in every demo currency; won in hundreds.
  return digits === 0 ? Math.round(major / 100) * 100 : Math.round(major) * 10 ** digits;
}

/** Shipping option names in the market's language (the checkout shows them as the shop sends them). */
export const SHIPPING_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  pl: { standard: 'Dostawa standardowa', express: 'Dostawa ekspresowa' },
  ko: { standard: '일반 배송', express: '빠른 배송' },
  ar: { standard: 'توصيل عادي', express: 'توصيل سريع' },
};
