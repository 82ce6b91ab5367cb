/**
 * Express wallets through Stripe's Express Checkout Element: Apple Pay, Google Pay and Link.
 * Loaded only when `<omni-express>` mounts. The click handler answers Stripe synchronously (nothing
 * is awaited before `event.resolve`), so the wallet sheet opens within the user gesture, as Apple
 * Pay and Google Pay require. Shipping changes in the sheet are repriced by the backend.
 */
import type { ClickResolveDetails, LineItem, ShippingRate, StripeExpressCheckoutElementConfirmEvent } from '@stripe/stripe-js';
import type { ClientProviderContext, ExpressCallbacks, MountedExpress } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import type * as Shared from './shared.js';
import { environment, walletAvailability, type StripeAvailability } from './wallets.js';

const WALLETS = ['apple_pay', 'google_pay', 'link'] as const;

function lineItems(session: CheckoutSession): LineItem[] {
  const items = session.lineItems.map((item) => ({ name: `${item.quantity} × ${item.name}`, amount: item.amount }));
  return session.selectedShippingOptionId ? [...items, { name: 'Shipping', amount: session.totals.shipping }] : items;
}

function shippingRates(session: CheckoutSession): ShippingRate[] {
  // The selected rate first: the sheet preselects the first one.
  const options = [...session.shippingOptions].sort((a, b) => Number(b.id === session.selectedShippingOptionId) - Number(a.id === session.selectedShippingOptionId));
  return options.map((option) => ({
    id: option.id,
    displayName: option.label,
    amount: option.amount,
    deliveryEstimate: {
      minimum: { unit: 'business_day', value: Math.max(1, option.deliveryEstimate.minDays) },
      maximum: { unit: 'business_day', value: Math.max(1, option.deliveryEstimate.maxDays) },
    },
  }));
}

/** `shared` is passed in by the adapter (not imported) so the adapter and this chunk share one copy. */
export async function mountExpress(
  container: HTMLElement,
  ctx: ClientProviderContext,
  callbacks: ExpressCallbacks,
  { appearanceFor, bridge, intentOptions, stripeFor }: Pick<typeof Shared, 'appearanceFor' | 'bridge' | 'intentOptions' | 'stripeFor'>,
): Promise<MountedExpress> {
  const offered = ctx.session.providers?.find((p) => p.id === 'stripe')?.methods ?? [];
  const market = { country: ctx.session.country, currency: ctx.session.currency };
  const env = environment(window);
  const answer = (stripe: StripeAvailability) => WALLETS.map((wallet) => walletAvailability(wallet, stripe, env, market, offered));
  let stripeJs;
  try {
    stripeJs = await stripeFor(ctx);
  } catch {
    return { availability: answer(undefined), update() {}, destroy() {} };
  }
  const stripe = stripeJs;
  const elements = stripe.elements({
    mode: 'payment',
    ...intentOptions(ctx.session),
    paymentMethodCreation: 'manual',
    appearance: appearanceFor(container),
    locale: ctx.locale as never,
  });
  const shipping = ctx.session.shippingOptions.length > 0;
  const element = elements.create('expressCheckout', {
    emailRequired: true,
    shippingAddressRequired: shipping,
    ...(shipping ? { shippingRates: shippingRates(ctx.session) } : {}),
    paymentMethods: { applePay: 'always', googlePay: 'always', link: 'auto', paypal: 'never', amazonPay: 'never', klarna: 'never' },
  });
  const { node, remove } = bridge(container);

  const repriced = (session: CheckoutSession) => {
    elements.update(intentOptions(session));
    return { lineItems: lineItems(session), ...(shipping ? { shippingRates: shippingRates(session) } : {}) };
  };

  // Synchronous on purpose: resolving after an await would lose the user gesture.
  element.on('click', (event) => {
    const session = callbacks.currentSession();
    const details: ClickResolveDetails = { emailRequired: true, lineItems: lineItems(session), ...(shipping ? { shippingAddressRequired: true, shippingRates: shippingRates(session) } : {}) };
    event.resolve(details);
  });
  element.on('shippingaddresschange', (event) => {
    const { country, state, city, postal_code } = event.address;
    callbacks
      .onShippingAddressChange({ country, ...(state ? { region: state } : {}), ...(city ? { city } : {}), ...(postal_code ? { postalCode: postal_code } : {}) })
      .then((session) => event.resolve(repriced(session)), () => event.reject());
  });
  element.on('shippingratechange', (event) => {
    callbacks.onShippingOptionChange(event.shippingRate.id).then((session) => event.resolve(repriced(session)), () => event.reject());
  });
  element.on('confirm', (event: StripeExpressCheckoutElementConfirmEvent) => {
    void (async () => {
      const submitted = await elements.submit();
      const created = submitted.error ? null : await stripe.createPaymentMethod({ elements });
      if (!created?.paymentMethod) return event.paymentFailed({ reason: 'fail' });
      const email = event.billingDetails?.email;
      const outcome = await callbacks.onAuthorized({
        paymentMethod: created.paymentMethod.id,
        ...(email ? { contact: { email } } : {}),
        ...(event.shippingAddress ? { shippingAddress: event.shippingAddress } : {}),
      });
      if (outcome === 'failed') event.paymentFailed({ reason: 'fail' });
    })().catch(() => event.paymentFailed({ reason: 'fail' }));
  });
  element.on('cancel', () => callbacks.onCancel());

  const ready = new Promise<StripeAvailability>((resolve) => {
    element.on('ready', (event) => resolve(event.availablePaymentMethods));
    element.on('loaderror', () => resolve(undefined));
  });
  element.mount(node);
  const availability = answer(await ready);
  return {
    availability,
    update(session) {
      elements.update(intentOptions(session));
    },
    destroy() {
      element.destroy();
      remove();
    },
  };
}
