/**
 * Client half of the Stripe provider: the Payment Element (deferred intent, payment methods created
 * on the page and confirmed by the backend), 3-D Secure through `handleNextAction`, the return from
 * redirect-based methods, and express wallets (loaded only when `<omni-express>` asks).
 *
 *     registerProvider('stripe', () => import('@omni-checkout/stripe/client'));
 *
 * Stripe.js itself loads from js.stripe.com on the first mount, never on import and never bundled.
 * Card data stays in Stripe's iframes: only a `pm_...` reference leaves them.
 */
import type {
  ClientProvider,
  ClientProviderContext,
  MountedPaymentFields,
  NextActionResult,
  PaymentFieldsChange,
  ReturnResult,
} from '@omni-checkout/core/provider';
import type { PaymentMethodType } from '@omni-checkout/core/types';
import { appearanceFor, bridge, intentOptions, stripeFor } from './shared.js';

async function mountPaymentFields(container: HTMLElement, ctx: ClientProviderContext): Promise<MountedPaymentFields> {
  const stripe = await stripeFor(ctx);
  const elements = stripe.elements({
    mode: 'payment',
    ...intentOptions(ctx.session),
    paymentMethodCreation: 'manual',
    appearance: appearanceFor(container),
    locale: ctx.locale as never,
  });
  const element = elements.create('payment');
  const { node, remove } = bridge(container);
  const listeners = new Set<(change: PaymentFieldsChange) => void>();
  element.on('change', (event) => {
    // Stripe's tab, named as ours (`card`, `blik`, `ideal`…).
    const change: PaymentFieldsChange = { complete: event.complete, empty: event.empty, error: null, method: event.value?.type as PaymentMethodType };
    for (const listener of [...listeners]) listener(change);
  });
  element.mount(node);
  return {
    async createPaymentMethod() {
      const submitted = await elements.submit();
      const created = submitted.error ? null : await stripe.createPaymentMethod({ elements });
      const made = created?.paymentMethod;
      if (made) return { paymentMethod: made.id, method: made.type as PaymentMethodType };
      const error = submitted.error ?? created?.error;
      return { error: { code: error?.code ?? 'incomplete', message: error?.message ?? '' } };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(session) {
      // New totals or currency: the same Element, updated in place.
      elements.update(intentOptions(session));
    },
    setDisabled(disabled) {
      element.update({ readOnly: disabled });
    },
    focus() {
      element.focus();
    },
    destroy() {
      element.destroy();
      remove();
    },
  };
}

/** Query parameters Stripe adds to the return address of a redirect-based method. */
const RETURN_PARAMS = ['payment_intent', 'payment_intent_client_secret', 'redirect_status'];

/**
 * The shopper is back from a bank or wallet page: says what happened (the backend has the final
 * word) and gives the address without Stripe's parameters. Loads nothing.
 */
async function handleReturn(url: URL): Promise<ReturnResult | null> {
  const status = url.searchParams.get('redirect_status');
  if (!url.searchParams.get('payment_intent') || !status) return null;
  const clean = new URL(url);
  for (const name of RETURN_PARAMS) clean.searchParams.delete(name);
  // `failed` or `canceled` alike: the backend's complete-action tells which, with its message.
  const result: NextActionResult = status === 'succeeded' || status === 'processing' ? { status: 'completed' } : { status: 'canceled' };
  return { result, cleanUrl: clean.href };
}

export const stripeProvider: ClientProvider = {
  id: 'stripe',
  mountPaymentFields,
  // 3-D Secure and other next actions: loaded when one is needed (Stripe.js is loaded by then).
  handleNextAction: async (action, ctx) => (await import('./next-action.js')).handleNextAction(action, ctx, stripeFor),
  handleReturn,
  express: {
    mount: async (container, ctx, callbacks) => (await import('./express.js')).mountExpress(container, ctx, callbacks, { appearanceFor, bridge, intentOptions, stripeFor }),
  },
};

export default stripeProvider;
