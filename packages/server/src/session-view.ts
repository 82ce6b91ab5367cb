/**
 * The session and the order as the page and the merchant see them: totals, the providers and
 * payment methods of the session's market, never the client secret.
 */
import { withDeliveryWindows } from '@omni-checkout/core';
import {
  computeTotals,
  cashOnDeliveryCarrier,
  cashOnDeliveryFee,
  decideMethods,
  withCashOnDeliveryFee,
  type CheckoutSession,
  type MethodDecision,
  type Market,
  type Order,
  type PaymentMethodType,
  type ProviderId,
  type ServerProvider,
  type SessionPaymentMethod,
  type SessionProvider,
  type Totals,
} from '@omni-checkout/core';
import type { OrderRecord, SessionRecord } from './storage/index.js';
import { tenderView } from './storage/tenders.js';

/** What the views need of the checkout's dependencies. */
export interface ViewDeps {
  readonly providers: ReadonlyMap<ProviderId, ServerProvider>;
  readonly now: () => Date;
  /** Order updates can go by SMS (`CheckoutSession.smsUpdates`). */
  readonly orderSms?: boolean;
}

export function sessionTotals(session: Pick<SessionRecord, 'lineItems' | 'shippingOptions' | 'selectedShippingOptionId'>): Totals {
  const shipping = session.shippingOptions.find((option) => option.id === session.selectedShippingOptionId) ?? null;
  return computeTotals(session.lineItems, shipping);
}

export function isExpired(session: SessionRecord, now: Date): boolean {
  return session.status === 'open' && session.expiresAt.getTime() <= now.getTime();
}

/** Methods a provider carries in a market; a provider that does not say carries cards. */
function methodsOf(provider: ServerProvider, market: Market): readonly PaymentMethodType[] {
  return provider.supportedMethods?.(market) ?? ['card'];
}

type MethodSession = Pick<SessionRecord, 'providers' | 'country' | 'currency' | 'paymentMethods' | 'lineItems' | 'shippingOptions' | 'selectedShippingOptionId'>;

/**
 * The session's ways to pay and the ones it hides (core `decideMethods`, docs/payment-methods.md):
 * the market's defaults after the merchant's overrides, each given to the first provider, in the
 * merchant's order, that takes it for the session's total now; every other method with its reason.
 */
export function sessionMethodDecision(deps: ViewDeps, session: MethodSession, totals: Totals = sessionTotals(session)): MethodDecision {
  const market: Market = { country: session.country, currency: session.currency };
  const providers = session.providers.flatMap((id) => {
    const provider = deps.providers.get(id);
    return provider
      ? [{ id, methods: methodsOf(provider, market), displayOnly: provider.displayOnlyMethods?.(market) ?? [], limits: provider.amountLimits?.(market) ?? {} }]
      : [];
  });
  const terms = session.paymentMethods.cashOnDelivery;
  const carriers = [...providers, ...cashOnDeliveryCarrier(terms, session.currency)];
  return withCashOnDeliveryFee(decideMethods(market, totals.total, session.paymentMethods, carriers), cashOnDeliveryFee(terms, session.currency));
}

/** Every way to pay the session shows, in order (a method that cannot be taken now is left out). */
export function sessionPaymentMethods(deps: ViewDeps, session: MethodSession): SessionPaymentMethod[] {
  return sessionMethodDecision(deps, session).shown;
}

/**
 * The session's providers as the page sees them: each with its public config and the methods it
 * can take here, in the market's order (see `sessionPaymentMethods`), so the lists do not overlap.
 */
export function sessionProviders(
  deps: ViewDeps,
  session: MethodSession & Pick<SessionRecord, 'captureMethod'>,
  methods: readonly SessionPaymentMethod[] = sessionPaymentMethods(deps, session),
): SessionProvider[] {
  return session.providers.flatMap((id) => {
    const provider = deps.providers.get(id);
    if (!provider) return [];
    const taken = methods.filter((m) => m.provider === id).map((m) => m.type);
    // A manual-capture session's config says so where the page needs it (PayPal's SDK `intent=authorize`).
    const config = provider.publicConfig({ methods: taken, ...(session.captureMethod === 'manual' ? { captureMethod: 'manual' as const } : {}) });
    return [{ id, config, methods: taken }];
  });
}

/** The session as the page and the merchant see it: never the client secret. */
export function sessionView(deps: ViewDeps, session: SessionRecord): CheckoutSession {
  // Computed once: the totals feed the method decision, and the decision both lists.
  const totals = sessionTotals(session);
  const methods = sessionMethodDecision(deps, session, totals);
  return {
    id: session.id,
    object: 'checkout_session',
    status: isExpired(session, deps.now()) ? 'expired' : session.status,
    livemode: session.livemode,
    merchant: { name: session.merchantName },
    currency: session.currency,
    country: session.country,
    locale: session.locale,
    channel: session.channel,
    paidVia: session.status === 'complete' ? { channel: session.payingChannel ?? session.channel, device: session.payingDevice } : null,
    lineItems: session.lineItems,
    shippingOptions: withDeliveryWindows(session.shippingOptions, session.delivery, deps.now()),
    selectedShippingOptionId: session.selectedShippingOptionId,
    contact: session.contact,
    shippingAddress: session.shippingAddress,
    totals,
    provider: { id: session.providerId, config: deps.providers.get(session.providerId)?.publicConfig() ?? {} },
    providers: sessionProviders(deps, session, methods.shown),
    paymentMethods: methods.shown,
    // Gift cards are carried by the backend's own ledger, not a provider: listed here, they are offered.
    ...(session.livemode ? {} : { hiddenPaymentMethods: methods.hidden.filter((m) => !isLedgerMethod(m)) }),
    ...(methods.hidden.some(isLedgerMethod) ? { giftCards: true } : {}),
    nextAction: session.nextAction,
    lastPaymentError: session.lastPaymentError,
    orderId: session.orderId,
    expiresAt: session.expiresAt.toISOString(),
    ...(deps.orderSms ? { smsUpdates: true } : {}),
    ...(session.tenders?.length ? tenderView(totals.total, session.currency, session.tenders) : {}),
  };
}

/**
 * `gift_card` listed for the market after the merchant's overrides, which no provider carries (or
 * one only shows): the backend's own ledger carries it (gift-cards/, storage/tenders.ts).
 */
const isLedgerMethod = (m: { type: string; reason: string }) => m.type === 'gift_card' && (m.reason === 'no_provider' || m.reason === 'test_mode');

export function orderView({ merchantId: _merchantId, ...order }: OrderRecord): Order {
  return order;
}

