/** The cart lives in localStorage: product ids and quantities only, never prices or secrets. */
import { MAX_QUANTITY, findProduct, type Product } from './catalogue.js';

const KEY = 'omni-shop.cart.v1';

export interface CartLine {
  readonly productId: string;
  readonly quantity: number;
}

export interface PricedCartLine extends CartLine {
  readonly product: Product;
  readonly amount: number;
}

function clampQuantity(quantity: number): number {
  if (!Number.isFinite(quantity)) return 1;
  return Math.min(MAX_QUANTITY, Math.max(1, Math.trunc(quantity)));
}

export function readCart(): CartLine[] {
  let raw: unknown;
  try {
    raw = JSON.parse(localStorage.getItem(KEY) ?? '[]');
  } catch {
    raw = [];
  }
  if (!Array.isArray(raw)) return [];
  const lines: CartLine[] = [];
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { productId, quantity } = entry as Record<string, unknown>;
    if (typeof productId !== 'string' || !findProduct(productId) || typeof quantity !== 'number') continue;
    if (lines.some((line) => line.productId === productId)) continue;
    lines.push({ productId, quantity: clampQuantity(quantity) });
  }
  return lines;
}

function writeCart(lines: readonly CartLine[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(lines));
  } catch {
    // Storage full or disabled: the cart then lasts for this page only.
  }
  document.dispatchEvent(new CustomEvent('cart-change'));
}

export function addToCart(productId: string, quantity = 1): void {
  const lines = readCart();
  const existing = lines.find((line) => line.productId === productId);
  writeCart(
    existing
      ? lines.map((line) => (line === existing ? { productId, quantity: clampQuantity(line.quantity + quantity) } : line))
      : [...lines, { productId, quantity: clampQuantity(quantity) }],
  );
}

export function setQuantity(productId: string, quantity: number): void {
  writeCart(readCart().map((line) => (line.productId === productId ? { productId, quantity: clampQuantity(quantity) } : line)));
}

export function removeFromCart(productId: string): void {
  writeCart(readCart().filter((line) => line.productId !== productId));
}

export function clearCart(): void {
  writeCart([]);
}

export function pricedCart(): PricedCartLine[] {
  return readCart().flatMap((line) => {
    const product = findProduct(line.productId);
    return product ? [{ ...line, product, amount: product.unitAmount * line.quantity }] : [];
  });
}

export function cartCount(): number {
  return readCart().reduce((sum, line) => sum + line.quantity, 0);
}

// Keep other tabs' carts in step.
window.addEventListener('storage', (event) => {
  if (event.key === KEY) document.dispatchEvent(new CustomEvent('cart-change'));
});
