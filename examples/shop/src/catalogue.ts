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
