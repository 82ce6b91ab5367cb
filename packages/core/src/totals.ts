import type { LineItem, LineItemInput, ShippingOption, Totals } from './types.js';
import { LIMITS } from './limits.js';

/** Thrown when a computed total leaves the range the backend accepts. */
export class AmountOverflowError extends RangeError {
  override readonly name = 'AmountOverflowError';
}

/** Prices line items: amount = unitAmount × quantity, checked against the amount limit. */
export function priceLineItems(items: readonly LineItemInput[]): LineItem[] {
  return items.map((item) => {
    const amount = item.unitAmount * item.quantity;
    if (!Number.isSafeInteger(amount) || amount > LIMITS.maxAmount) {
      throw new AmountOverflowError(`Line item ${item.id} totals more than the largest accepted amount`);
    }
    return { ...item, amount };
  });
}

/**
 * The one place totals are computed. The backend calls it; the page only displays what the
 * backend answered, so a tampered page cannot change what is charged.
 */
export function computeTotals(items: readonly LineItem[], shipping: ShippingOption | null): Totals {
  const subtotal = items.reduce((sum, item) => sum + item.amount, 0);
  const shippingAmount = shipping?.amount ?? 0;
  const total = subtotal + shippingAmount;
  if (!Number.isSafeInteger(total) || total > LIMITS.maxAmount) {
    throw new AmountOverflowError('The order total is larger than the largest accepted amount');
  }
  return { subtotal, shipping: shippingAmount, total };
}
