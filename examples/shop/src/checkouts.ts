/**
 * The checkouts this browser started, by the random id in its HttpOnly `omni_checkout` cookie (the
 * demo keeps them in memory; a real shop keeps them with its cart). Kept server-side, never in
 * browser storage: a return from a bank page restores the checkout, and the same cart opened again
 * (a reload, Back from the cart, a second tab) continues the same session — what the shopper typed
 * is on it, and one cart can be paid only once.
 */
export interface CheckoutStart {
  readonly clientSecret: string;
  readonly publishableKey: string;
  readonly apiBase: string;
  readonly sessionId: string;
}

interface Kept {
  readonly start: CheckoutStart;
  /** What the session was created for: the shop, the market and the cart's lines. */
  readonly cart: string;
}

const MAX_KEPT = 10_000;
const kept = new Map<string, Kept>();

/** The `omni_checkout` cookie's id, if the request carries a well-formed one. */
export function checkoutToken(cookie: string | undefined): string | undefined {
  return /(?:^|;\s*)omni_checkout=([0-9a-f]{32})/.exec(cookie ?? '')?.[1];
}

/** One string per cart: the same products and quantities in any order, in one market of one shop. */
export function cartKey(shop: string, market: string, items: readonly { readonly productId: string; readonly quantity: number }[]): string {
  const totals = new Map<string, number>();
  for (const { productId, quantity } of items) totals.set(productId, (totals.get(productId) ?? 0) + quantity);
  return JSON.stringify([shop, market, [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

export function keepCheckout(token: string, start: CheckoutStart, cart: string): void {
  kept.delete(token);
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(token, { start, cart });
}

/** The checkout this browser started last, whatever its cart. */
export function startedCheckout(token: string | undefined): CheckoutStart | undefined {
  return token ? kept.get(token)?.start : undefined;
}

/** The checkout this browser started for this very cart, to continue if its session is still open. */
export function checkoutForCart(token: string | undefined, cart: string): CheckoutStart | undefined {
  const found = token ? kept.get(token) : undefined;
  return found?.cart === cart ? found.start : undefined;
}
