/**
 * Server half of the Moyasar provider (Saudi Arabia: mada cards and STC Pay), on Moyasar's REST API
 * (`../api.ts`): payments with the session's own amount in halalas, 3-D Secure through the bank's
 * `transaction_url` and back, STC Pay's one-time password, refunds, and webhooks checked against the
 * endpoint's secret token and then re-read from the API.
 *
 * The page's half (`../client`) sends what the shopper entered as one of:
 *   - `token_…`        a card Moyasar tokenised from the page with the publishable key (mada);
 *   - `stcpay:05…`     the shopper's STC Pay mobile number.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  WebhookVerificationError,
  type NextAction,
  type PaymentMethodType,
  type ProviderEvent,
  type ProviderPaymentInput,
  type ProviderPaymentResult,
  type ProviderRefundResult,
  type ServerProvider,
} from '@omni-checkout/core';
import { z } from 'zod';
import { ApiError, Payment, WebhookEvent, type CreatePayment } from '../api.js';

export interface MoyasarProviderOptions {
  /** `sk_test_…` or `sk_live_…`: the server's key (HTTP Basic, never sent to the page). */
  readonly secretKey: string;
  /** `pk_test_…` or `pk_live_…`: the page tokenises cards with it. */
  readonly publishableKey: string;
  /** The secret token set for the webhook endpoint in Moyasar's dashboard; without it webhooks are refused. */
  readonly webhookSecret?: string;
  /** Another API origin (the loopback fake). Default `https://api.moyasar.com`. */
  readonly apiBase?: string;
  /** Another `fetch` (tests). */
  readonly fetch?: typeof fetch;
  /**
   * mada's card fields are inputs in the checkout page that send the card to Moyasar (Moyasar's
   * custom-form flow), not a provider iframe: the page is then in PCI DSS SAQ A-EP scope. Live keys
   * carry mada only when the merchant accepts that (`true`); test keys always do. STC Pay takes no
   * card data and is always carried.
   */
  readonly pageCardFields?: boolean;
}

/** Moyasar's smallest payment: 1.00 SAR (Create Payment: `amount`). */
export const MOYASAR_MIN_AMOUNT = 100;

/** An answer from Moyasar that is not a payment. */
export class MoyasarApiError extends Error {
  override readonly name = 'MoyasarApiError';
  constructor(
    readonly status: number,
    readonly body: ApiError | null,
  ) {
    super(`Moyasar answered ${status}${body?.message ? `: ${body.message}` : ''}`);
  }
}

/** What the shopper reads; Moyasar's own messages are gateway codes, not sentences. */
export const MOYASAR_MESSAGES = {
  card_declined: 'Your card was declined. Try another card or way to pay.',
  insufficient_funds: 'Your account has insufficient funds. Try another card or way to pay.',
  authentication_failed: 'Your bank could not verify this payment. You have not been charged.',
  otp_failed: 'STC Pay did not accept the code. You have not been charged; try again.',
  provider_error: 'Moyasar could not take this payment. You have not been charged.',
} as const;

const MobileMethod = z.string().regex(/^stcpay:05\d{8}$/);
const TokenMethod = z.string().regex(/^token_[A-Za-z0-9]{8,64}$/);

/**
 * `given_id`, Moyasar's idempotency key, is a UUID: derived from the backend's deterministic key,
 * so a retry of the same attempt answers the payment the first one created.
 */
export function givenId(idempotencyKey: string): string {
  const hex = createHash('sha256').update(`omni-checkout:${idempotencyKey}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The metadata key recording that a refund with this key was made (Moyasar refunds take no idempotency key). */
const refundMark = (idempotencyKey: string) => `omni_refund_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;

function failure(payment: Payment): ProviderPaymentResult {
  const message = (payment.source.message ?? '').toUpperCase();
  const reference = payment.id;
  if (payment.source.type === 'stcpay') {
    if (message.includes('INSUFFICIENT')) return { status: 'failed', reference, code: 'insufficient_funds', message: MOYASAR_MESSAGES.insufficient_funds, declineCode: 'insufficient_funds' };
    return { status: 'failed', reference, code: 'authentication_failed', message: MOYASAR_MESSAGES.otp_failed };
  }
  if (message.includes('3-D SECURE') || message.includes('3DS')) return { status: 'failed', reference, code: 'authentication_failed', message: MOYASAR_MESSAGES.authentication_failed };
  if (message.includes('INSUFFICIENT')) return { status: 'failed', reference, code: 'insufficient_funds', message: MOYASAR_MESSAGES.insufficient_funds, declineCode: 'insufficient_funds' };
  return { status: 'failed', reference, code: 'card_declined', message: MOYASAR_MESSAGES.card_declined, declineCode: message.toLowerCase().replace(/[^a-z]+/g, '_').replace(/^_|_$/g, '') || 'generic_decline' };
}

/** A Moyasar payment as the contract's result. */
export function paymentResult(payment: Payment): ProviderPaymentResult {
  const reference = payment.id;
  switch (payment.status) {
    case 'paid':
    case 'captured':
    case 'refunded':
      return {
        status: 'succeeded',
        reference,
        amount: payment.amount,
        currency: payment.currency.toUpperCase(),
        ...(payment.source.type === 'creditcard' && payment.source.number
          ? { paymentMethod: { reference: payment.source.token ?? reference, brand: payment.source.company ?? 'mada', last4: payment.source.number.slice(-4) } }
          : {}),
      };
    case 'authorized':
      return { status: 'succeeded', reference, amount: payment.amount, currency: payment.currency.toUpperCase(), captured: false };
    case 'initiated': {
      const url = payment.source.type === 'applepay' ? null : payment.source.transaction_url;
      if (!url) return { status: 'processing', reference };
      const action: NextAction =
        payment.source.type === 'stcpay'
          ? { type: 'challenge', provider: 'moyasar', reference, data: { kind: 'stc_pay_otp', url } }
          : { type: 'redirect', provider: 'moyasar', reference, data: { url } };
      return { status: 'requires_action', reference, action };
    }
    case 'failed':
      return failure(payment);
    case 'voided':
    case 'verified':
      return { status: 'failed', reference, code: 'provider_error', message: MOYASAR_MESSAGES.provider_error };
  }
}

export function createMoyasarProvider(options: MoyasarProviderOptions): ServerProvider {
  const apiBase = (options.apiBase ?? 'https://api.moyasar.com').replace(/\/$/, '');
  const doFetch = options.fetch ?? fetch;
  const authorization = `Basic ${Buffer.from(`${options.secretKey}:`).toString('base64')}`;
  const livemode = options.secretKey.startsWith('sk_live_');

  async function call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const response = await doFetch(`${apiBase}${path}`, {
      method,
      headers: { authorization, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new MoyasarApiError(response.status, ApiError.safeParse(json).data ?? null);
    return schema.parse(json);
  }

  const getPayment = (id: string) => call('GET', `/v1/payments/${encodeURIComponent(id)}`, Payment);

  async function createPayment(input: ProviderPaymentInput): Promise<ProviderPaymentResult> {
    const stc = MobileMethod.safeParse(input.paymentMethod);
    const token = TokenMethod.safeParse(input.paymentMethod);
    if (!stc.success && !token.success) return { status: 'failed', reference: null, code: 'provider_error', message: MOYASAR_MESSAGES.provider_error };
    if (token.success && !input.returnUrl) {
      // A card may need the bank's 3-D Secure page, which must bring the shopper back to the checkout.
      return { status: 'failed', reference: null, code: 'provider_error', message: MOYASAR_MESSAGES.provider_error };
    }
    const body: CreatePayment = {
      given_id: givenId(input.idempotencyKey),
      amount: input.amount,
      currency: input.currency,
      description: `Checkout ${input.sessionId}`,
      metadata: { ...input.metadata, omni_session: input.sessionId },
      ...(input.returnUrl ? { callback_url: input.returnUrl } : {}),
      source: stc.success
        ? { type: 'stcpay', mobile: input.paymentMethod.slice('stcpay:'.length) }
        : { type: 'token', token: input.paymentMethod, '3ds': true, manual: input.captureMethod === 'manual' },
    };
    try {
      return paymentResult(await call('POST', '/v1/payments', Payment, body));
    } catch (error) {
      // A 4xx is Moyasar refusing this payment (an expired token, a mobile STC Pay does not know): nothing was taken.
      if (error instanceof MoyasarApiError && error.status >= 400 && error.status < 500 && error.status !== 401) {
        return { status: 'failed', reference: null, code: 'card_declined', message: MOYASAR_MESSAGES.card_declined, declineCode: 'invalid_request' };
      }
      throw error;
    }
  }

  async function verify(rawBody: string, _headers: Headers): Promise<ProviderEvent> {
    if (!options.webhookSecret) throw new WebhookVerificationError('No Moyasar webhook secret token is configured.');
    let parsed: WebhookEvent;
    try {
      parsed = WebhookEvent.parse(JSON.parse(rawBody));
    } catch {
      throw new WebhookVerificationError('The body is not a Moyasar webhook event.');
    }
    const given = Buffer.from(parsed.secret_token);
    const expected = Buffer.from(options.webhookSecret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new WebhookVerificationError('The secret token does not match.');
    if (parsed.live !== livemode) throw new WebhookVerificationError('The event is from the other mode (live or test).');
    // The token proves the sender, not the payment's state now: read it from the API.
    const payment = await getPayment(parsed.data.id);
    const sessionId = payment.metadata?.['omni_session'] ?? null;
    return { id: parsed.id, type: parsed.type, reference: payment.id, outcome: paymentResult(payment), sessionId };
  }

  return {
    id: 'moyasar',
    livemode,
    publicConfig: () => ({ publishableKey: options.publishableKey, apiBase }),
    supportedMethods: (market): PaymentMethodType[] =>
      market.country !== 'SA' || market.currency !== 'SAR' ? [] : !livemode || options.pageCardFields ? ['mada', 'stc_pay'] : ['stc_pay'],
    amountLimits: (market) => (market.currency === 'SAR' ? { mada: { min: MOYASAR_MIN_AMOUNT }, stc_pay: { min: MOYASAR_MIN_AMOUNT } } : {}),
    createPayment,
    retrievePayment: async (reference) => paymentResult(await getPayment(reference)),
    async cancelPayment(reference) {
      // Best effort: a payment still waiting for the bank or the code can no longer be completed.
      const payment = await getPayment(reference);
      if (payment.status === 'initiated') await call('POST', `/v1/payments/${encodeURIComponent(reference)}/void`, Payment).catch(() => undefined);
    },
    webhooks: { verify },
    moneyOut: {
      async refund(input): Promise<ProviderRefundResult> {
        const path = `/v1/payments/${encodeURIComponent(input.reference)}`;
        const mark = refundMark(input.idempotencyKey);
        try {
          // Moyasar's refund takes no idempotency key: the payment's metadata records each one made,
          // so a retry after a crash or a timeout finds it and refunds nothing twice.
          const before = await call('GET', path, Payment);
          if (before.metadata?.[mark]) return { status: 'succeeded', reference: `${input.reference}:${before.metadata[mark]}` };
          if (before.currency.toUpperCase() !== input.currency.toUpperCase()) return { status: 'failed', reference: null, message: 'The refund currency is not the payment’s.' };
          const after = await call('POST', `${path}/refund`, Payment, { amount: input.amount });
          await call('PUT', path, Payment, { metadata: { [mark]: String(after.refunded) } });
          return { status: 'succeeded', reference: `${input.reference}:${after.refunded}` };
        } catch (error) {
          if (error instanceof MoyasarApiError && error.status >= 400 && error.status < 500) {
            return { status: 'failed', reference: null, message: error.body?.message ?? 'Moyasar refused the refund.' };
          }
          throw error;
        }
      },
    },
  };
}
