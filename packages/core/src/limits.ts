/** Bounds on every input; shared by the schemas and the totals so they cannot disagree. */
export const LIMITS = {
  /** Largest amount in minor units accepted anywhere (10 billion major units of a 2-digit currency). */
  maxAmount: 1_000_000_000_000,
  maxQuantity: 999,
  maxLineItems: 100,
  maxShippingOptions: 20,
  maxShortText: 200,
  maxEmail: 254,
  maxMetadataKeys: 20,
} as const;
