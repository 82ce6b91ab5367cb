/**
 * Moyasar's REST API (https://api.moyasar.com/v1), typed from its public documentation
 * (docs.moyasar.com: Create Payment, Payment Object, Credit Card / STC Pay / Token sources, Tokens,
 * Refund Payment, Webhook Reference, Errors). The server half parses every answer with these
 * schemas and the loopback fake (`../testing/fake.ts`) answers nothing they would refuse.
 *
 * Amounts are integers in the currency's smallest unit (halalas for SAR: 100 = 1 riyal).
 */
import { z } from 'zod';

/** `status` of a payment (Payment Status Reference). */
export const PaymentStatus = z.enum(['initiated', 'paid', 'authorized', 'failed', 'refunded', 'captured', 'voided', 'verified']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** A card payment's source (`creditcard`; a `token` payment answers this too). */
export const CreditCardSource = z.object({
  type: z.literal('creditcard'),
  /** `mada`, `visa`, `master`, `amex`… */
  company: z.string().nullish(),
  name: z.string().nullish(),
  /** Masked, e.g. `4201-32XX-XXXX-1010`. */
  number: z.string().nullish(),
  gateway_id: z.string().nullish(),
  reference_number: z.string().nullish(),
  token: z.string().nullish(),
  /** The gateway's answer: `APPROVED`, `INSUFFICIENT_FUNDS`, `3-D Secure transaction attempt failed…` */
  message: z.string().nullish(),
  /** The bank's 3-D Secure page while the payment is `initiated`. */
  transaction_url: z.string().nullish(),
});

/** An STC Pay payment's source: `initiated` until the shopper's one-time password is sent to `transaction_url`. */
export const StcPaySource = z.object({
  type: z.literal('stcpay'),
  mobile: z.string().nullish(),
  reference_number: z.string().nullish(),
  branch: z.string().nullish(),
  cashier: z.string().nullish(),
  message: z.string().nullish(),
  transaction_url: z.string().nullish(),
});

export const ApplePaySource = z.object({
  type: z.literal('applepay'),
  company: z.string().nullish(),
  name: z.string().nullish(),
  number: z.string().nullish(),
  message: z.string().nullish(),
});

export const PaymentSource = z.discriminatedUnion('type', [CreditCardSource, StcPaySource, ApplePaySource]);

/** The Payment Object. */
export const Payment = z.object({
  id: z.string(),
  status: PaymentStatus,
  amount: z.number().int(),
  fee: z.number().int().nullish(),
  currency: z.string(),
  refunded: z.number().int(),
  refunded_at: z.string().nullish(),
  captured: z.number().int().nullish(),
  captured_at: z.string().nullish(),
  voided_at: z.string().nullish(),
  description: z.string().nullish(),
  amount_format: z.string().nullish(),
  invoice_id: z.string().nullish(),
  ip: z.string().nullish(),
  callback_url: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  source: PaymentSource,
});
export type Payment = z.infer<typeof Payment>;

/** The Token object (`POST /v1/tokens`, publishable key): a card the page sent, never seen by the backend. */
export const Token = z.object({
  id: z.string().startsWith('token_'),
  status: z.enum(['initiated', 'active', 'inactive']),
  brand: z.string(),
  funding: z.string().nullish(),
  country: z.string().nullish(),
  month: z.string(),
  year: z.string(),
  name: z.string(),
  last_four: z.string(),
  message: z.string().nullish(),
  verification_url: z.string().nullish(),
  created_at: z.string(),
});
export type Token = z.infer<typeof Token>;

/** Body of `POST /v1/payments`. `given_id` (a UUID) makes the creation idempotent. */
export const CreatePayment = z.object({
  given_id: z.uuid().optional(),
  amount: z.number().int().min(100),
  currency: z.string().length(3),
  description: z.string().max(255).optional(),
  callback_url: z.url().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('token'), token: z.string().startsWith('token_'), '3ds': z.boolean().optional(), manual: z.boolean().optional() }),
    z.object({ type: z.literal('stcpay'), mobile: z.string().regex(/^05\d{8}$/) }),
  ]),
});
export type CreatePayment = z.infer<typeof CreatePayment>;

/** Body of `POST /v1/payments/{id}/refund`: the part to give back (default: all). */
export const RefundPayment = z.object({ amount: z.number().int().positive().optional() });

/** Body of `PUT /v1/payments/{id}` (Update Payment): description and metadata only. */
export const UpdatePayment = z.object({ description: z.string().optional(), metadata: z.record(z.string(), z.string()).optional() });

/** An error answer (Errors): `type` is `invalid_request_error`, `authentication_error`, `api_error`… */
export const ApiError = z.object({
  type: z.string(),
  message: z.string().nullish(),
  errors: z.union([z.record(z.string(), z.array(z.string())), z.string()]).nullish(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Webhook events (Webhook Reference); the documentation spells the failed event both ways. */
export const WebhookEventType = z.enum([
  'payment_paid',
  'payment_failed',
  'payment_faild',
  'payment_refunded',
  'payment_voided',
  'payment_authorized',
  'payment_captured',
  'payment_verified',
  'payment_abandoned',
  'payment_canceled',
  'payment_expired',
]);

/**
 * What Moyasar POSTs to a webhook endpoint: the event, the payment as `data`, and the secret token
 * the merchant set for the endpoint in the dashboard (Moyasar signs nothing; the token is the proof).
 */
export const WebhookEvent = z.object({
  id: z.string(),
  type: z.string(),
  created_at: z.string(),
  secret_token: z.string(),
  account_name: z.string().nullish(),
  live: z.boolean(),
  data: Payment,
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** Moyasar's sandbox one-time passwords for STC Pay (Testing: STC Pay). */
export const STC_PAY_TEST_OTP = { success: '123456', insufficientFunds: '111111', dailyLimit: '222222', transactionLimit: '333333', timeout: '444444' } as const;

/** Moyasar's mada test cards (Testing Cards). */
export const MADA_TEST_CARDS = {
  success: '4201320111111010',
  failure: '4201320000013020',
  insufficientFunds: '4201320000311101',
  authenticationFailed: '4201320131000508',
  declined: '4201321234411220',
} as const;
