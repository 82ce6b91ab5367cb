import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { formatMoney } from './money.js';
import { AmountOverflowError, computeTotals, priceLineItems } from './totals.js';
import type { ShippingOption } from './types.js';

const standard: ShippingOption = { id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } };

describe('priceLineItems', () => {
  it('multiplies unit amount by quantity and keeps the input fields', () => {
    const priced = priceLineItems([
      { id: 'tee', name: 'Tee', unitAmount: 2500, quantity: 2 },
      { id: 'mug', name: 'Mug', unitAmount: 1199, quantity: 3 },
    ]);
    expect(priced).toEqual([
      { id: 'tee', name: 'Tee', unitAmount: 2500, quantity: 2, amount: 5000 },
      { id: 'mug', name: 'Mug', unitAmount: 1199, quantity: 3, amount: 3597 },
    ]);
  });

  it('does not mutate its input', () => {
    const items = [{ id: 'tee', name: 'Tee', unitAmount: 100, quantity: 2 }];
    priceLineItems(items);
    expect(items[0]).not.toHaveProperty('amount');
  });

  it('accepts a line exactly at the largest amount', () => {
    const [line] = priceLineItems([{ id: 'x', name: 'X', unitAmount: LIMITS.maxAmount, quantity: 1 }]);
    expect(line?.amount).toBe(LIMITS.maxAmount);
  });

  it('throws AmountOverflowError when a line exceeds the largest amount', () => {
    const call = () => priceLineItems([{ id: 'big', name: 'Big', unitAmount: LIMITS.maxAmount, quantity: 2 }]);
    expect(call).toThrow(AmountOverflowError);
    expect(call).toThrow(/big/);
    // it is still a RangeError for callers that only know the standard type
    expect(call).toThrow(RangeError);
  });

  it('throws when the product is not a safe integer', () => {
    expect(() => priceLineItems([{ id: 'x', name: 'X', unitAmount: Number.MAX_SAFE_INTEGER, quantity: 999 }])).toThrow(AmountOverflowError);
  });
});

describe('computeTotals', () => {
  it('adds line amounts and the selected shipping option', () => {
    const items = priceLineItems([
      { id: 'tee', name: 'Tee', unitAmount: 2500, quantity: 2 },
      { id: 'mug', name: 'Mug', unitAmount: 1200, quantity: 1 },
    ]);
    expect(computeTotals(items, standard)).toEqual({ subtotal: 6200, shipping: 495, total: 6695 });
  });

  it('charges no shipping when no option is selected', () => {
    const items = priceLineItems([{ id: 'tee', name: 'Tee', unitAmount: 2500, quantity: 1 }]);
    expect(computeTotals(items, null)).toEqual({ subtotal: 2500, shipping: 0, total: 2500 });
  });

  it('is zero for an empty list', () => {
    expect(computeTotals([], null)).toEqual({ subtotal: 0, shipping: 0, total: 0 });
  });

  it('throws AmountOverflowError when lines together exceed the largest amount', () => {
    const items = priceLineItems([
      { id: 'a', name: 'A', unitAmount: LIMITS.maxAmount, quantity: 1 },
      { id: 'b', name: 'B', unitAmount: 1, quantity: 1 },
    ]);
    expect(() => computeTotals(items, null)).toThrow(AmountOverflowError);
  });

  it('throws AmountOverflowError when shipping pushes the total over the limit', () => {
    const items = priceLineItems([{ id: 'a', name: 'A', unitAmount: LIMITS.maxAmount, quantity: 1 }]);
    expect(computeTotals(items, null).total).toBe(LIMITS.maxAmount);
    expect(() => computeTotals(items, { ...standard, amount: 1 })).toThrow(AmountOverflowError);
  });

  it('works in minor units of zero-decimal JPY', () => {
    const items = priceLineItems([{ id: 'tea', name: 'Matcha', unitAmount: 1500, quantity: 3 }]);
    const totals = computeTotals(items, { ...standard, amount: 500 });
    expect(totals).toEqual({ subtotal: 4500, shipping: 500, total: 5000 });
    expect(formatMoney({ amount: totals.total, currency: 'JPY' }, 'en-US')).toBe('¥5,000');
  });

  it('works in minor units of three-decimal KWD', () => {
    const items = priceLineItems([{ id: 'dates', name: 'Dates', unitAmount: 1250, quantity: 2 }]);
    const totals = computeTotals(items, { ...standard, amount: 1005 });
    expect(totals).toEqual({ subtotal: 2500, shipping: 1005, total: 3505 });
    expect(formatMoney({ amount: totals.total, currency: 'KWD' }, 'en-US')).toBe('KWD\u00a03.505');
  });
});
