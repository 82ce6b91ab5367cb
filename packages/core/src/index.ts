export { isKnownCurrency, currencyMinorUnits, toMajorUnits, fromMajorUnits, formatMoney } from './money.js';
export * from './limits.js';
export * from './errors.js';
export * from './schemas.js';
export * from './totals.js';
export * from './state.js';
export * from './client.js';
export * from './provider.js';
export * from './checkout-form.js';
