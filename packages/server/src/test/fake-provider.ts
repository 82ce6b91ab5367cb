/**
 * A scriptable ServerProvider for tests. Like a real provider it is idempotent: the same
 * idempotency key returns the first result and never creates a second payment.
 * The payment method decides the outcome: `pm_ok`, `pm_decline`, `pm_funds`, `pm_3ds`, `pm_pending`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  WebhookVerificationError,
  type PaymentMethodType,
  type ProviderEvent,
  type ProviderId,
  type ProviderPaymentInput,
  type ProviderPaymentResult,
  type ServerProvider,
} from '@omni-checkout/core';

export interface FakeProvider extends ServerProvider {
  /** Every createPayment call, in order (including repeats of a key). */
  readonly calls: ProviderPaymentInput[];
  /** Payments actually created (one per distinct idempotency key). */
  readonly payments: Map<string, ProviderPaymentResult>;
  /** The next createPayment records the payment, then throws (a timeout after the provider charged). */
  throwAfterNextPayment(): void;
  /** Decides the outcome of a pending 3-D Secure challenge. */
  resolveAction(reference: string, outcome: 'approve' | 'fail' | 'cancel'): void;
  /** Delay of each createPayment, so parallel requests overlap. */
  delayMs: number;
  /** Signs a webhook body as this provider would: the headers to send with it. */
  signWebhook(body: string, at?: Date): Record<string, string>;
  /** The current state of a payment, as a webhook event would carry it. */
  current(reference: string): ProviderPaymentResult | undefined;
  /** References the backend cancelled (`cancelPayment`), in order. */
  readonly cancelled: string[];
  /** Refunds made (one per distinct idempotency key), and how the next ones end. */
  readonly refunds: Map<string, { reference: string; amount: number; payment: string }>;
  refundOutcome: 'succeeded' | 'pending' | 'failed';
  /** Captures made (one per distinct idempotency key), by key. */
  readonly captures: Map<string, { reference: string; amount: number }>;
  /** References voided through `moneyOut.cancel`, in order. */
  readonly voided: string[];
  /** Throws on the next `moneyOut.capture` or `cancel` (a timeout: the provider may or may not have acted). */
  failNextMoneyCall: boolean;
}

export interface FakeProviderOptions {
  readonly id?: ProviderId;
  /** What `supportedMethods` answers (omit: the provider does not say, so it carries cards). */
  readonly methods?: readonly PaymentMethodType[];
  /** Public config the session shows. */
  readonly config?: Record<string, string>;
}

/** A webhook body of the fake provider (the server never sees these fields directly: `verify` maps them). */
export interface FakeWebhookBody {
  readonly id: string;
  readonly type: string;
  readonly reference: string | null;
  readonly sessionId?: string;
  readonly outcome: ProviderPaymentResult | null;
  readonly refund?: ProviderEvent['refund'];
  /** The buyer approved the payment in the provider's window (as PayPal's CHECKOUT.ORDER.APPROVED). */
  readonly approved?: boolean;
}

const WEBHOOK_SECRET = 'whsec_fake_provider_test_secret';
const TOLERANCE_S = 300;

export function createFakeProvider(options: FakeProviderOptions = {}): FakeProvider {
  const calls: ProviderPaymentInput[] = [];
  const payments = new Map<string, ProviderPaymentResult>();
  const current = new Map<string, ProviderPaymentResult>();
  /** What each payment was created for, so a later success reports it as a provider would. */
  const charged = new Map<string, { amount: number; currency: string; captured?: boolean }>();
  const cancelled: string[] = [];
  let throwNext = false;
  let counter = 0;

  function outcome(input: ProviderPaymentInput, reference: string): ProviderPaymentResult {
    switch (input.paymentMethod) {
      case 'pm_ok':
        return { status: 'succeeded', reference, amount: input.amount, currency: input.currency, ...(input.captureMethod === 'manual' ? { captured: false } : {}) };
      case 'pm_decline':
        return { status: 'failed', reference, code: 'card_declined', message: 'Card declined (generic_decline)', declineCode: 'generic_decline' };
      case 'pm_funds':
        return { status: 'failed', reference, code: 'insufficient_funds', message: 'insufficient', declineCode: 'insufficient_funds' };
      case 'pm_3ds':
        return {
          status: 'requires_action',
          reference,
          action: { type: 'challenge', provider: options.id ?? 'mock', reference, data: { challengeId: `ch_${reference}` } },
        };
      case 'pm_pending':
        return { status: 'processing', reference };
      default:
        return { status: 'failed', reference: null, code: 'provider_error', message: `unknown method ${input.paymentMethod}` };
    }
  }

  const sign = (body: string, timestamp: number) => createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest('hex');

  const fake: FakeProvider = {
    id: options.id ?? 'mock',
    livemode: false,
    calls,
    payments,
    cancelled,
    delayMs: 0,
    publicConfig: () => ({ mode: 'test', ...options.config }),
    ...(options.methods ? { supportedMethods: () => options.methods! } : {}),
    webhooks: {
      async verify(rawBody, headers, now): Promise<ProviderEvent> {
        const timestamp = Number(headers.get('fake-timestamp'));
        const signature = Buffer.from(headers.get('fake-signature') ?? '', 'hex');
        const expected = Buffer.from(sign(rawBody, timestamp), 'hex');
        if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > TOLERANCE_S) {
          throw new WebhookVerificationError('timestamp outside the tolerance');
        }
        if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
          throw new WebhookVerificationError('signature mismatch');
        }
        let body: FakeWebhookBody;
        try {
          body = JSON.parse(rawBody) as FakeWebhookBody;
        } catch {
          throw new WebhookVerificationError('unparsable body');
        }
        // Like a real provider's SDK: a signed body that is not an event object is refused, not crashed on.
        if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new WebhookVerificationError('not an event');
        return {
          id: body.id,
          type: body.type,
          reference: body.reference,
          outcome: body.outcome,
          sessionId: body.sessionId ?? null,
          ...(body.refund ? { refund: body.refund } : {}),
          ...(body.approved ? { approved: true } : {}),
        };
      },
    },
    signWebhook(body, at = new Date()) {
      const timestamp = Math.floor(at.getTime() / 1000);
      return { 'fake-timestamp': String(timestamp), 'fake-signature': sign(body, timestamp), 'content-type': 'application/json' };
    },
    current: (reference) => current.get(reference),
    refunds: new Map(),
    refundOutcome: 'succeeded',
    captures: new Map(),
    voided: [],
    failNextMoneyCall: false,
    moneyOut: {
      // Like Stripe: one capture per payment, at most what was authorised; a repeated key answers the first.
      async capture(input) {
        if (fake.delayMs) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
        if (fake.failNextMoneyCall) {
          fake.failNextMoneyCall = false;
          throw new Error('provider timeout');
        }
        if (fake.captures.has(input.idempotencyKey)) return { status: 'succeeded' };
        const now = current.get(input.reference);
        if (!now || now.status !== 'succeeded' || now.captured !== false) return { status: 'failed', message: 'nothing authorised to capture' };
        if (input.amount > now.amount) return { status: 'failed', message: 'amount_too_large' };
        fake.captures.set(input.idempotencyKey, { reference: input.reference, amount: input.amount });
        current.set(input.reference, { ...now, captured: true });
        return { status: 'succeeded' };
      },
      async cancel(input) {
        if (fake.delayMs) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
        if (fake.failNextMoneyCall) {
          fake.failNextMoneyCall = false;
          throw new Error('provider timeout');
        }
        const now = current.get(input.reference);
        if (!now) return { status: 'failed', message: 'no such payment' };
        if (now.status === 'succeeded' && now.captured !== false) return { status: 'failed', message: 'payment_intent_unexpected_state: succeeded' };
        if (!fake.voided.includes(input.reference)) fake.voided.push(input.reference);
        current.set(input.reference, { status: 'failed', reference: input.reference, code: 'provider_error', message: 'canceled' });
        return { status: 'canceled' };
      },
      async refund(input) {
        if (fake.delayMs) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
        const known = fake.refunds.get(input.idempotencyKey);
        if (known) return { status: 'succeeded', reference: known.reference };
        if (fake.refundOutcome === 'failed') return { status: 'failed', reference: null, message: 'refund refused' };
        const reference = `${options.id ?? 'pay'}_re_${++counter}`;
        fake.refunds.set(input.idempotencyKey, { reference, amount: input.amount, payment: input.reference });
        return { status: fake.refundOutcome, reference };
      },
    },
    async createPayment(input) {
      calls.push(input);
      if (fake.delayMs) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
      let result = payments.get(input.idempotencyKey);
      if (!result) {
        result = outcome(input, `${options.id ?? 'pay'}_${++counter}`);
        payments.set(input.idempotencyKey, result);
        if (result.reference) {
          current.set(result.reference, result);
          charged.set(result.reference, { amount: input.amount, currency: input.currency, ...(input.captureMethod === 'manual' ? { captured: false } : {}) });
        }
      }
      if (throwNext) {
        throwNext = false;
        throw new Error('provider timeout');
      }
      return result;
    },
    async cancelPayment(reference) {
      cancelled.push(reference);
      const now = current.get(reference);
      // Like Stripe: a payment that already succeeded cannot be cancelled.
      if (now && now.status !== 'succeeded') {
        current.set(reference, { status: 'failed', reference, code: 'provider_error', message: 'canceled' });
      }
    },
    async retrievePayment(reference) {
      const result = current.get(reference);
      if (!result) throw new Error(`no payment ${reference}`);
      return result;
    },
    async handleRequest(request, path) {
      if (path !== '/ping') return null;
      return Response.json({ pong: true, method: request.method, url: new URL(request.url).pathname });
    },
    throwAfterNextPayment() {
      throwNext = true;
    },
    resolveAction(reference, decision) {
      current.set(
        reference,
        decision === 'approve'
          ? { status: 'succeeded', reference, ...charged.get(reference)! }
          : decision === 'fail'
            ? { status: 'failed', reference, code: 'authentication_failed', message: '3DS failed' }
            : { status: 'failed', reference, code: 'authentication_canceled', message: '3DS canceled' },
      );
    },
  };
  return fake;
}
