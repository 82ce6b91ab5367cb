/**
 * Server half of the Stripe provider: PaymentIntents created and confirmed with the backend's
 * deterministic idempotency keys, asynchronous capture, Customers and saved PaymentMethods,
 * webhooks verified on the raw body with a tolerance in both directions, and the Apple Pay domain
 * association file. A plugin for `@omni-checkout/server`:
 *
 *     import { createStripeProvider } from '@omni-checkout/stripe/server';
 *     const stripe = createStripeProvider({ secretKey, publishableKey, webhookSecret });
 *     createApp({ storage, providers: [stripe], logger });
 */
import Stripe from 'stripe';
import {
  WebhookVerificationError,
  type PaymentMethodType,
  type ProviderCustomers,
  type ProviderEvent,
  type ProviderMoneyOut,
  type ProviderPaymentInput,
  type ProviderPaymentResult,
  type SavedMethodSummary,
  type ServerProvider,
} from '@omni-checkout/core';

import { SESSION_METADATA_KEY, failureCode, paymentResult, savedCard } from './payment-intent.js';
import { stripeAmountLimits } from './limits.js';

export { cloneToConnectedAccount, payOnConnectedAccount, type ConnectPaymentInput } from './connect.js';
export { SESSION_METADATA_KEY, failureCode, paymentResult } from './payment-intent.js';

/** Seconds a webhook timestamp may differ from our clock, either way (docs/security.md R12). */
export const WEBHOOK_TOLERANCE_S = 300;


export interface StripeProviderOptions {
  /** `sk_test_...` or `sk_live_...`; stays on the server. */
  readonly secretKey: string;
  /** `pk_test_...` / `pk_live_...`, handed to the page through the session's public config. */
  readonly publishableKey: string;
  /** The webhook endpoint's signing secret(s) (`whsec_...`); several while one is being rolled. */
  readonly webhookSecret?: string | readonly string[];
  /** The Apple Pay domain association file Stripe gives you, served at `/.well-known/apple-developer-merchantid-domain-association`. */
  readonly applePayDomainAssociation?: string;
  /** Where redirect-based methods come back to when the page did not say (it normally does). */
  readonly defaultReturnUrl?: string;
  /** Another API host (the loopback fake in tests): `{ host: '127.0.0.1', port, protocol: 'http' }`. */
  readonly api?: { readonly host: string; readonly port: number; readonly protocol: 'http' | 'https' };
  /** A ready client (tests); otherwise one is made from `secretKey` and `api`. */
  readonly client?: Stripe;
  /**
   * The ways to pay activated on this Stripe account (Dashboard → Settings → Payment methods), e.g.
   * `['card', 'apple_pay', 'google_pay', 'link', 'blik', 'p24']`: only these are offered, so a
   * shopper never picks one Stripe would refuse (the session lists the others as `no_provider`).
   * Default: every method Stripe carries in the market.
   */
  readonly methods?: readonly PaymentMethodType[];
}

/**
 * Our ways to pay that Stripe carries, each with its Stripe payment method type (a PaymentIntent's
 * `allowed_payment_method_types`). Apple Pay, Google Pay and card installments are cards at Stripe.
 * Not carried by Stripe, so never given to it: mada and STC Pay (Saudi Arabia), Venmo and PayPal's own funding sources (the
 * PayPal provider carries those), cash on delivery and gift cards (the merchant's own providers).
 */
export const STRIPE_METHOD_TYPES = {
  card: 'card',
  apple_pay: 'card',
  google_pay: 'card',
  card_installments: 'card',
  link: 'link',
  ideal: 'ideal',
  bancontact: 'bancontact',
  eps: 'eps',
  p24: 'p24',
  blik: 'blik',
  klarna: 'klarna',
  afterpay_clearpay: 'afterpay_clearpay',
  sepa_debit: 'sepa_debit',
  swish: 'swish',
  alipay: 'alipay',
  wechat_pay: 'wechat_pay',
  mobilepay: 'mobilepay',
  twint: 'twint',
  vipps: 'vipps',
  kakao_pay: 'kakao_pay',
  naver_pay: 'naver_pay',
  konbini: 'konbini',
  pix: 'pix',
  boleto: 'boleto',
} as const satisfies Partial<Record<PaymentMethodType, Stripe.PaymentIntentCreateParams.AllowedPaymentMethodType>>;

type StripeCarried = keyof typeof STRIPE_METHOD_TYPES;
const STRIPE_METHODS = Object.keys(STRIPE_METHOD_TYPES) as StripeCarried[];
const carried = (method: PaymentMethodType): method is StripeCarried => Object.hasOwn(STRIPE_METHOD_TYPES, method);

/** Stripe offers card installments in Mexico (meses sin intereses) only among our markets. */
const INSTALLMENT_COUNTRIES = ['MX'];

/** What Stripe carries in a market: every mapped method, card installments only where Stripe offers them. */
export function stripeMethodsFor(market: { readonly country: string }): PaymentMethodType[] {
  return STRIPE_METHODS.filter((method) => method !== 'card_installments' || INSTALLMENT_COUNTRIES.includes(market.country));
}

/** `allowed_payment_method_types` for a session's methods, in its order, without repeats (cards once). */
export function stripePaymentMethodTypes(methods: readonly PaymentMethodType[]): Stripe.PaymentIntentCreateParams.AllowedPaymentMethodType[] {
  return [...new Set(methods.filter(carried).map((method) => STRIPE_METHOD_TYPES[method]))];
}

function isCardError(error: unknown): error is Stripe.errors.StripeCardError {
  return error instanceof Stripe.errors.StripeCardError || (error as { type?: string } | null)?.type === 'StripeCardError';
}

export function createStripeClient(options: Pick<StripeProviderOptions, 'secretKey' | 'api'>): Stripe {
  return new Stripe(options.secretKey, {
    maxNetworkRetries: 0,
    telemetry: false,
    appInfo: { name: 'omni-checkout' },
    ...(options.api ? { host: options.api.host, port: options.api.port, protocol: options.api.protocol } : {}),
  });
}

export function createStripeProvider(options: StripeProviderOptions): ServerProvider & { readonly stripe: Stripe; readonly customers: ProviderCustomers } {
  if (!/^(sk|rk)_(test|live)_/.test(options.secretKey)) throw new Error('createStripeProvider: secretKey must be a Stripe secret key (sk_test_… or sk_live_…).');
  if (!/^pk_(test|live)_/.test(options.publishableKey)) throw new Error('createStripeProvider: publishableKey must be a Stripe publishable key (pk_test_… or pk_live_…).');
  const livemode = options.secretKey.includes('_live_');
  if (livemode !== options.publishableKey.startsWith('pk_live_')) throw new Error('createStripeProvider: the secret and publishable keys must both be test or both be live keys.');
  const stripe = options.client ?? createStripeClient(options);
  const activated = (methods: PaymentMethodType[]) => (options.methods ? methods.filter((m) => options.methods!.includes(m)) : methods);
  const secrets = options.webhookSecret === undefined ? [] : typeof options.webhookSecret === 'string' ? [options.webhookSecret] : [...options.webhookSecret];

  async function createPayment(input: ProviderPaymentInput & { readonly returnUrl?: string }): Promise<ProviderPaymentResult> {
    const params: Stripe.PaymentIntentCreateParams = {
      amount: input.amount,
      currency: input.currency.toLowerCase(),
      payment_method: input.paymentMethod,
      confirm: true,
      // Funds are captured by Stripe as soon as they are authorised, without blocking confirmation;
      // `manual` only authorises (status `requires_capture`) until `moneyOut.capture` or `cancel`.
      capture_method: input.captureMethod === 'manual' ? 'manual' : 'automatic_async',
      automatic_payment_methods: { enabled: true },
      metadata: { ...input.metadata, [SESSION_METADATA_KEY]: input.sessionId },
      expand: ['payment_method'],
      ...(input.customer ? { customer: input.customer } : {}),
      // Saved for one-click payments only when the shopper consented (the backend decides).
      ...(input.customer && input.savePaymentMethod ? { setup_future_usage: 'off_session' as const } : {}),
    };
    const returnUrl = input.returnUrl ?? options.defaultReturnUrl;
    if (returnUrl) params.return_url = returnUrl;
    else params.automatic_payment_methods = { enabled: true, allow_redirects: 'never' };
    // The session's market (after the merchant's overrides) decides the types, not the Dashboard.
    const types = stripePaymentMethodTypes(input.methods ?? []);
    const methodOptions: Stripe.PaymentIntentCreateParams.PaymentMethodOptions = {};
    if (types.length) {
      params.allowed_payment_method_types = types;
      if (input.methods?.includes('card_installments')) methodOptions.card = { installments: { enabled: true } };
      // WeChat Pay needs to know where the QR code is shown: a web page.
      if (types.includes('wechat_pay')) methodOptions.wechat_pay = { client: 'web' };
    }
    // BLIK: the six-digit code from the shopper's bank app goes with the confirmation, once.
    if (input.paymentMethodOptions?.blik) methodOptions.blik = { code: input.paymentMethodOptions.blik.code };
    if (Object.keys(methodOptions).length) params.payment_method_options = methodOptions;
    try {
      return paymentResult(await stripe.paymentIntents.create(params, { idempotencyKey: input.idempotencyKey }));
    } catch (error) {
      // A payment method Stripe does not know (a tampered or stale reference) fails the payment.
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing' && error.param === 'payment_method') {
        return { status: 'failed', reference: null, code: 'provider_error', message: error.message };
      }
      if (!isCardError(error)) throw error;
      const pi = error.payment_intent;
      const code = failureCode({ code: error.code ?? null, decline_code: error.decline_code ?? null });
      return {
        status: 'failed',
        reference: pi?.id ?? null,
        code,
        message: error.message,
        ...(error.decline_code ? { declineCode: error.decline_code } : {}),
      };
    }
  }

  const customers: ProviderCustomers = {
    async ensure({ shopperId, email, key }) {
      const customer = await stripe.customers.create(
        { ...(email ? { email } : {}), metadata: { omni_shopper: shopperId } },
        { idempotencyKey: key },
      );
      return customer.id;
    },
    async list(customer) {
      const { data } = await stripe.customers.listPaymentMethods(customer, { type: 'card', limit: 20 });
      return data.flatMap((method) => {
        const saved = savedCard(method);
        return saved ? [saved] : [];
      });
    },
    async detach(customer, reference) {
      const method = await stripe.paymentMethods.retrieve(reference);
      // Never detach another shopper's method, whatever reference the caller passes.
      if (method.customer !== customer && (method.customer as Stripe.Customer | null)?.id !== customer) {
        throw new Error('This payment method does not belong to this customer.');
      }
      await stripe.paymentMethods.detach(reference);
    },
  };

  return {
    id: 'stripe',
    livemode,
    stripe,
    moneyOut: stripeMoneyOut(stripe),
    // The Payment Element shows the market's methods, in its order, as Stripe names them.
    publicConfig: (market) => {
      const types = stripePaymentMethodTypes(market?.methods ?? []);
      return { publishableKey: options.publishableKey, ...(types.length ? { paymentMethodTypes: types.join(',') } : {}) };
    },
    supportedMethods: (market) => activated(stripeMethodsFor(market)),
    amountLimits: (market) => stripeAmountLimits(market, activated(stripeMethodsFor(market))),
    createPayment,
    async cancelPayment(reference) {
      // Stripe refuses to cancel a PaymentIntent that succeeded or is processing: then its amount
      // check decides what happens to it.
      await stripe.paymentIntents.cancel(reference, { cancellation_reason: 'abandoned' });
    },
    async retrievePayment(reference) {
      return paymentResult(await stripe.paymentIntents.retrieve(reference, { expand: ['payment_method'] }));
    },
    customers,
    ...(secrets.length
      ? {
          webhooks: {
            async verify(rawBody: string, headers: Headers, now: Date): Promise<ProviderEvent> {
              const header = headers.get('stripe-signature');
              if (!header) throw new WebhookVerificationError('No Stripe-Signature header');
              const timestamp = Number(/(?:^|,)\s*t=(\d+)/.exec(header)?.[1]);
              // The SDK refuses old timestamps only; a timestamp from the future is refused here.
              if (!Number.isFinite(timestamp) || timestamp - now.getTime() / 1000 > WEBHOOK_TOLERANCE_S) {
                throw new WebhookVerificationError('Timestamp outside the tolerance zone');
              }
              let event: Stripe.Event | null = null;
              for (const secret of secrets) {
                try {
                  event = stripe.webhooks.constructEvent(rawBody, header, secret, WEBHOOK_TOLERANCE_S, undefined, now.getTime());
                  break;
                } catch (error) {
                  if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
                }
              }
              if (!event) throw new WebhookVerificationError('No signature matches the payload');
              return toProviderEvent(await withSavedMethodDetails(stripe, event));
            },
          },
        }
      : {}),
    async handleRequest() {
      return null;
    },
    async handleWellKnown(path: string) {
      if (path !== 'apple-developer-merchantid-domain-association' || !options.applePayDomainAssociation) return null;
      return new Response(options.applePayDomainAssociation, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
    },
  };
}

/** A Stripe refund's status as the backend counts it. */
export function refundStatus(status: string | null): 'succeeded' | 'pending' | 'failed' {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}

const STRIPE_REFUND_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);

/** Refunds (`POST /v1/refunds`), captures and cancels of PaymentIntents, each with the backend's deterministic key. */
export function stripeMoneyOut(stripe: Stripe): ProviderMoneyOut {
  const failed = (error: unknown) => {
    if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) {
      return { status: 'failed' as const, reference: null, message: error.message };
    }
    throw error;
  };
  return {
    async refund(input) {
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: input.reference,
            amount: input.amount,
            metadata: { ...input.metadata },
            // Stripe takes three reasons; the merchant's own words stay in the backend's record.
            ...(input.reason && STRIPE_REFUND_REASONS.has(input.reason) ? { reason: input.reason as Stripe.RefundCreateParams.Reason } : {}),
          },
          { idempotencyKey: input.idempotencyKey },
        );
        const status = refundStatus(refund.status);
        return status === 'failed' ? { status, reference: refund.id, message: refund.failure_reason ?? 'Stripe refused the refund.' } : { status, reference: refund.id };
      } catch (error) {
        return failed(error);
      }
    },
    async capture(input) {
      try {
        const pi = await stripe.paymentIntents.capture(input.reference, { amount_to_capture: input.amount }, { idempotencyKey: input.idempotencyKey });
        return pi.status === 'succeeded' ? { status: 'succeeded' } : { status: 'failed', message: `The PaymentIntent is ${pi.status}.` };
      } catch (error) {
        const { message } = failed(error);
        return { status: 'failed', message };
      }
    },
    async cancel(input) {
      try {
        const pi = await stripe.paymentIntents.cancel(input.reference, {}, { idempotencyKey: input.idempotencyKey });
        return pi.status === 'canceled' ? { status: 'canceled' } : { status: 'failed', message: `The PaymentIntent is ${pi.status}.` };
      } catch (error) {
        const { message } = failed(error);
        return { status: 'failed', message };
      }
    },
  };
}

const REFUND_EVENTS = new Set(['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated']);

const PAYMENT_INTENT_EVENTS = new Set([
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.requires_action',
  'payment_intent.processing',
  'payment_intent.canceled',
  // capture_method=manual: the payment is authorised (requires_capture), an `authorized` order.
  'payment_intent.amount_capturable_updated',
]);

/** A verified Stripe event, reduced to what the backend acts on. */
/**
 * A paid PaymentIntent event whose shopper asked to save the card (`setup_future_usage`), with its
 * PaymentMethod retrieved. Webhooks carry the method's id only, and the identity network saves a
 * card from its brand, last 4 digits and expiry: when the webhook settled the order before the
 * page's confirm did, the card the shopper asked to be remembered was silently not saved. One API
 * call, only for such events; when it fails the webhook fails and Stripe delivers it again.
 */
export async function withSavedMethodDetails(stripe: Stripe, event: Stripe.Event): Promise<Stripe.Event> {
  if (!PAYMENT_INTENT_EVENTS.has(event.type)) return event;
  const pi = event.data.object as Stripe.PaymentIntent;
  const paid = pi.status === 'succeeded' || pi.status === 'requires_capture';
  if (!paid || !pi.setup_future_usage || typeof pi.payment_method !== 'string') return event;
  const method = await stripe.paymentMethods.retrieve(pi.payment_method, undefined, event.account ? { stripeAccount: event.account } : undefined);
  const enriched = structuredClone(event);
  (enriched.data.object as Stripe.PaymentIntent).payment_method = method;
  return enriched;
}

export function toProviderEvent(event: Stripe.Event): ProviderEvent {
  if (REFUND_EVENTS.has(event.type)) {
    const refund = event.data.object as Stripe.Refund;
    return {
      id: event.id,
      type: event.type,
      reference: null,
      outcome: null,
      refund: { reference: refund.id, status: refundStatus(refund.status), ...(refund.failure_reason ? { failureReason: refund.failure_reason } : {}) },
    };
  }
  if (!PAYMENT_INTENT_EVENTS.has(event.type)) return { id: event.id, type: event.type, reference: null, outcome: null };
  const pi = event.data.object as Stripe.PaymentIntent;
  return {
    id: event.id,
    type: event.type,
    reference: pi.id,
    outcome: paymentResult(pi),
    sessionId: pi.metadata?.[SESSION_METADATA_KEY] ?? null,
  };
}
