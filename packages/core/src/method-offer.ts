/**
 * Which ways to pay a session shows, and why each other method is hidden (issue 18: a shopper never
 * sees a method they cannot use). A method is shown only when a provider configured for this
 * merchant carries it in the session's market, currency and amount now; every method the market
 * or the merchant names but that is not shown gets a stable reason for the merchant's developer
 * (the diagnostics call of the merchant API and, in test mode, a console message in the page).
 *
 * Plain functions over the market table (`markets.ts`), shared by the backend and the in-memory
 * backend double.
 */
import { DEFAULT_ORDER, MARKET_ORDER, METHOD_AVAILABILITY, marketMethods, type Market, type MerchantMethodSettings } from './markets.js';
import type { PaymentMethodType, ProviderId } from './types.js';

/** Why a method is not shown; stable codes. */
export type HiddenMethodReason =
  /** Cash on delivery and gift cards are offered only when the merchant enables them. */
  | 'not_enabled'
  /** The merchant's settings disable it (globally or for this country). */
  | 'disabled_by_merchant'
  /** It does not work for shoppers in this country (e.g. BLIK outside Poland). */
  | 'unsupported_country'
  /** It does not work in the session's currency (e.g. BLIK in euros, PayPal in SAR). */
  | 'unsupported_currency'
  /** No provider configured for this merchant carries it. */
  | 'no_provider'
  /** Its provider can only show it in this mode (the mock provider takes test cards only). */
  | 'test_mode'
  /** The session's total is below the smallest amount its provider takes for it. */
  | 'amount_below_minimum'
  /** The session's total is above the largest amount its provider takes for it. */
  | 'amount_above_maximum';

export const HIDDEN_METHOD_REASONS: readonly HiddenMethodReason[] = [
  'not_enabled',
  'disabled_by_merchant',
  'unsupported_country',
  'unsupported_currency',
  'no_provider',
  'test_mode',
  'amount_below_minimum',
  'amount_above_maximum',
];

/** Amounts a provider takes for a method, in the currency's minor units; either end may be open. */
export interface AmountLimit {
  readonly min?: number;
  readonly max?: number;
}

/** A provider as the decision sees it (from `ServerProvider.supportedMethods`, `displayOnlyMethods`, `amountLimits`). */
export interface MethodProvider {
  readonly id: ProviderId;
  /** Methods it can take in the market now. */
  readonly methods: readonly PaymentMethodType[];
  /** Methods it can only show in its current mode (the mock in test mode): never shown, reason `test_mode`. */
  readonly displayOnly?: readonly PaymentMethodType[];
  /** Amount limits per method in the session's currency; a method without an entry takes any amount. */
  readonly limits?: Readonly<Partial<Record<PaymentMethodType, AmountLimit>>>;
}

/** A method the session shows, with the provider that takes it. */
export interface ShownMethod {
  readonly type: PaymentMethodType;
  readonly provider: ProviderId;
  /** Always true: kept so pages built before issue 18 still read the list. */
  readonly available: true;
  /** What the merchant adds for this method (cash on delivery's fee), minor units. */
  readonly fee?: number;
}

/** A method the session does not show, and why (for the merchant's developer, never the shopper). */
export interface HiddenMethod {
  readonly type: PaymentMethodType;
  readonly reason: HiddenMethodReason;
  /** The provider the reason is about (`test_mode`, amount reasons), else null. */
  readonly provider: ProviderId | null;
  /** What to change, in English, for the developer. */
  readonly message: string;
}

export interface MethodDecision {
  readonly shown: ShownMethod[];
  readonly hidden: HiddenMethod[];
}

function localOverrides(settings: MerchantMethodSettings, country: string) {
  return (Object.hasOwn(settings.countries ?? {}, country) ? settings.countries![country] : undefined) ?? {};
}

/** Why `method` cannot work in `market` at all, or null when it can. */
export function marketProblem(method: PaymentMethodType, market: Market): 'unsupported_country' | 'unsupported_currency' | null {
  const rule = METHOD_AVAILABILITY[method];
  if (!rule) return 'unsupported_country';
  const { countries, currencies } = rule;
  if (Array.isArray(countries) && !countries.includes(market.country)) return 'unsupported_country';
  if (countries && !Array.isArray(countries)) {
    const allowed = (countries as Readonly<Record<string, readonly string[]>>)[market.country];
    if (!allowed) return 'unsupported_country';
    if (!allowed.includes(market.currency)) return 'unsupported_currency';
  }
  return currencies && !currencies.includes(market.currency) ? 'unsupported_currency' : null;
}

const MESSAGES: Readonly<Record<HiddenMethodReason, (type: PaymentMethodType, market: Market, provider: ProviderId | null) => string>> = {
  not_enabled: (type) => `${type} is offered only when the merchant enables it (paymentMethods.enable).`,
  disabled_by_merchant: (type) => `${type} is disabled in the merchant's payment method settings.`,
  unsupported_country: (type, market) => `${type} does not work for shoppers in ${market.country}.`,
  unsupported_currency: (type, market) => `${type} does not work in ${market.currency} for shoppers in ${market.country}.`,
  no_provider: (type) => `No provider configured for this merchant carries ${type}; add one that does (e.g. Stripe or PayPal keys).`,
  test_mode: (type, _market, provider) => `The ${provider} provider cannot take ${type} payments in this mode; configure a provider that carries it.`,
  amount_below_minimum: (type, market, provider) => `The total is below the smallest ${market.currency} amount ${provider} takes for ${type}.`,
  amount_above_maximum: (type, market, provider) => `The total is above the largest ${market.currency} amount ${provider} takes for ${type}.`,
};

function hide(type: PaymentMethodType, reason: HiddenMethodReason, market: Market, provider: ProviderId | null = null): HiddenMethod {
  return { type, reason, provider, message: MESSAGES[reason](type, market, provider) };
}

/** The merchant's cash-on-delivery terms (`PaymentMethodSettings.cashOnDelivery`), as the decision reads them. */
export interface CashOnDeliveryTerms {
  readonly maximum: Readonly<Record<string, number>>;
  readonly fee?: Readonly<Record<string, number>>;
}

/** Cash on delivery's fee in `currency` (minor units; 0 when none). */
export function cashOnDeliveryFee(terms: CashOnDeliveryTerms | undefined, currency: string): number {
  const fees = terms?.fee;
  return fees && Object.hasOwn(fees, currency) ? fees[currency]! : 0;
}

/**
 * The backend carries cash on delivery itself (no provider), in a currency the merchant gave a
 * maximum for, up to that maximum with the fee included; the market's list and the merchant's
 * `enable` decide the rest. Add it to `decideMethods`' providers.
 */
export function cashOnDeliveryCarrier(terms: CashOnDeliveryTerms | undefined, currency: string): MethodProvider[] {
  if (!terms || !Object.hasOwn(terms.maximum, currency)) return [];
  const max = terms.maximum[currency]! - cashOnDeliveryFee(terms, currency);
  return [{ id: 'cash_on_delivery', methods: ['cash_on_delivery'], limits: { cash_on_delivery: { max } } }];
}

/** The decision with cash on delivery's fee on its shown entry, so the page can say it before paying. */
export function withCashOnDeliveryFee(decision: MethodDecision, fee: number): MethodDecision {
  return fee ? { ...decision, shown: decision.shown.map((m) => (m.type === 'cash_on_delivery' ? { ...m, fee } : m)) } : decision;
}

const fits = (limit: AmountLimit | undefined, amount: number) =>
  !limit || ((limit.min === undefined || amount >= limit.min) && (limit.max === undefined || amount <= limit.max));

/**
 * The session's methods: the market's list after the merchant's overrides (`marketMethods`), each
 * given to the first provider, in the merchant's order, that takes it for this amount; everything
 * else the market or the merchant names is hidden with its reason, in the market's order.
 */
export function decideMethods(
  market: Market,
  amount: number,
  settings: MerchantMethodSettings,
  providers: readonly MethodProvider[],
): MethodDecision {
  const listed = marketMethods(market, settings);
  const shown: ShownMethod[] = [];
  const hidden: HiddenMethod[] = [];
  for (const type of listed) {
    const carriers = providers.filter((p) => p.methods.includes(type));
    const carrier = carriers.find((p) => fits(p.limits?.[type], amount));
    if (carrier) {
      shown.push({ type, provider: carrier.id, available: true });
    } else if (carriers.length) {
      const limit = carriers[0]!.limits![type]!;
      hidden.push(hide(type, limit.min !== undefined && amount < limit.min ? 'amount_below_minimum' : 'amount_above_maximum', market, carriers[0]!.id));
    } else {
      const showOnly = providers.find((p) => p.displayOnly?.includes(type));
      hidden.push(showOnly ? hide(type, 'test_mode', market, showOnly.id) : hide(type, 'no_provider', market));
    }
  }
  // What the market or the merchant names but `marketMethods` left out, in the market's order.
  const local = localOverrides(settings, market.country);
  const defaults = Object.hasOwn(MARKET_ORDER, market.country) ? MARKET_ORDER[market.country]! : DEFAULT_ORDER;
  const enabled = [...(settings.enable ?? []), ...(local.enable ?? [])];
  const disabled = new Set([...(settings.disable ?? []), ...(local.disable ?? [])]);
  const named = [...new Set([...defaults, ...enabled, ...disabled])];
  for (const type of named) {
    if (listed.includes(type)) continue;
    const problem = marketProblem(type, market);
    if (disabled.has(type)) hidden.push(hide(type, 'disabled_by_merchant', market));
    else if (problem) hidden.push(hide(type, problem, market));
    else hidden.push(hide(type, 'not_enabled', market));
  }
  return { shown, hidden };
}
