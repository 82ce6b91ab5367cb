/**
 * Server half of the mock provider: decides a payment's outcome from the test-card token the
 * client half produced, keeps payments in memory, and serves the 3-D Secure challenge route
 * (`POST /v1/providers/mock/challenges/<challengeId>`) the client half calls.
 *
 * It refuses to be created in production: a checkout that "succeeds" without charging anyone
 * must never reach real shoppers.
 */
import { z } from 'zod';
import { PaymentMethodType, type ApiErrorBody, type ApiErrorCode, type ProviderPaymentInput, type ProviderPaymentResult, type ProviderRefundResult, type SavedMethodSummary, type ServerProvider } from '@omni-checkout/core';
import { parseToken, type MockScenario } from '../test-cards.js';

export interface MockProviderOptions {
  /** Allows creating the provider even when the environment is `production`. Tests and doubles only. */
  readonly force?: boolean;
  /** Environment name to check instead of `process.env.NODE_ENV`. */
  readonly env?: string;
}

/** What the shopper reads for each failure; the backend may show these as they are. */
export const MOCK_FAILURE_MESSAGES = {
  card_declined: 'Your card was declined. Try another card.',
  insufficient_funds: 'Your card has insufficient funds. Try another card.',
  authentication_canceled: 'You cancelled the card verification. You have not been charged.',
  provider_error: 'This is a test checkout: the payment method is not a mock test card.',
} as const;

/** Body of `POST challenges/<challengeId>`. */
export const ChallengeDecision = z.object({ decision: z.enum(['approve', 'cancel']) }).strict();
export type ChallengeDecision = z.infer<typeof ChallengeDecision>;

type ChallengeState = 'pending' | 'approved' | 'canceled';

interface MockPayment {
  readonly reference: string;
  readonly scenario: MockScenario;
  readonly amount: number;
  readonly currency: string;
  readonly paymentMethod: string;
  readonly challengeId: string | null;
  challenge: ChallengeState | null;
  /** Minor units refunded so far; never above `captured`. */
  refunded: number;
  /** Manual capture: only authorised until `moneyOut.capture`; `canceled` once voided. */
  readonly manual: boolean;
  capture: 'authorized' | 'captured' | 'canceled';
  /** Minor units taken: `amount` for an automatic payment, the captured part for a manual one. */
  captured: number;
}

interface IdempotentEntry {
  readonly fingerprint: string;
  readonly result: ProviderPaymentResult;
}

/** Unpredictable id (128 bits); works in Node and in browsers, secure context or not. */
function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function currentEnv(options: MockProviderOptions): string | undefined {
  if (options.env !== undefined) return options.env;
  return typeof process === 'undefined' ? undefined : process.env['NODE_ENV'];
}

function errorResponse(status: number, code: ApiErrorCode, message: string, issues?: ApiErrorBody['error']['issues']): Response {
  const body: ApiErrorBody = { error: { code, message, ...(issues ? { issues } : {}) } };
  return Response.json(body, { status });
}

function failed(
  reference: string | null,
  code: 'card_declined' | 'insufficient_funds' | 'authentication_canceled' | 'provider_error',
  declineCode?: string,
): ProviderPaymentResult {
  return { status: 'failed', reference, code, message: MOCK_FAILURE_MESSAGES[code], ...(declineCode ? { declineCode } : {}) };
}

const CHALLENGE_PATH = /^challenges\/([A-Za-z0-9_]{1,64})$/;

/** A method kept for a customer: `pm_mock_saved_<scenario>_<last4>`; charging it needs that customer. */
const SAVED_PREFIX = 'pm_mock_saved_';

/**
 * What the mock reports for a saved test card. Its tokens carry only the scenario and last 4, so
 * brand and expiry are those of the test cards as the demo types them (all are Visa, 12 / 34).
 */
export const MOCK_SAVED_CARD = { brand: 'visa', expMonth: 12, expYear: 2034 } as const;

/** Deterministic, so the customer survives a restart of this in-memory provider. */
export function mockCustomerFor(key: string): string {
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return `cus_mock_${hash.toString(16).padStart(8, '0')}${key.replace(/[^A-Za-z0-9]/g, '').slice(-16)}`;
}

export function createMockProvider(options: MockProviderOptions = {}): ServerProvider {
  if (currentEnv(options) === 'production' && !options.force) {
    throw new Error(
      '@omni-checkout/mock refuses to run in production: it approves test cards without charging anyone. ' +
        'Configure a real provider (Stripe, PayPal), or pass { force: true } only in tests.',
    );
  }

  const payments = new Map<string, MockPayment>();
  const byChallenge = new Map<string, MockPayment>();
  const byIdempotencyKey = new Map<string, IdempotentEntry>();
  const refundsByKey = new Map<string, ProviderRefundResult>();
  const capturesByKey = new Map<string, { status: 'succeeded' } | { status: 'failed'; message: string }>();
  /** Saved methods per customer. In memory: after a restart the backend's own records are what count. */
  const savedByCustomer = new Map<string, Map<string, SavedMethodSummary>>();


  /** A paid payment: taken, or (manual capture) authorised and waiting for the capture. */
  function paid(payment: MockPayment): ProviderPaymentResult {
    const { reference } = payment;
    if (payment.capture === 'canceled') return failed(reference, 'provider_error');
    return {
      status: 'succeeded',
      reference,
      amount: payment.amount,
      currency: payment.currency,
      ...(payment.manual ? { captured: payment.capture === 'captured' } : {}),
    };
  }

  function outcome(payment: MockPayment): ProviderPaymentResult {
    const { reference } = payment;
    switch (payment.scenario) {
      case 'success':
        return paid(payment);
      case 'decline':
        return failed(reference, 'card_declined', 'generic_decline');
      case 'insufficient_funds':
        return failed(reference, 'insufficient_funds', 'insufficient_funds');
      case 'three_d_secure':
        if (payment.challenge === 'approved') return paid(payment);
        if (payment.challenge === 'canceled') return failed(reference, 'authentication_canceled');
        return {
          status: 'requires_action',
          reference,
          action: { type: 'challenge', provider: 'mock', reference, data: { challengeId: payment.challengeId ?? '' } },
        };
    }
  }

  function create(input: ProviderPaymentInput): ProviderPaymentResult {
    const saved = input.paymentMethod.startsWith(SAVED_PREFIX);
    // Like a real provider: a saved method is charged only together with the customer it belongs to.
    if (saved) {
      if (!input.customer) return failed(null, 'provider_error');
      // Detached methods are refused. The mock keeps customers in memory only: for a customer it has
      // not seen since it started, it trusts the backend, which keeps the reference with the customer.
      const known = savedByCustomer.get(input.customer);
      if (known && !known.has(input.paymentMethod)) return failed(null, 'provider_error');
    }
    const parsed = parseToken(saved ? `pm_mock_${input.paymentMethod.slice(SAVED_PREFIX.length)}` : input.paymentMethod);
    if (!parsed) return failed(null, 'provider_error');
    const challengeId = parsed.scenario === 'three_d_secure' ? randomId('mockch_') : null;
    const payment: MockPayment = {
      reference: randomId('mockpay_'),
      scenario: parsed.scenario,
      amount: input.amount,
      currency: input.currency,
      paymentMethod: input.paymentMethod,
      challengeId,
      challenge: challengeId ? 'pending' : null,
      refunded: 0,
      manual: input.captureMethod === 'manual',
      capture: input.captureMethod === 'manual' ? 'authorized' : 'captured',
      captured: input.captureMethod === 'manual' ? 0 : input.amount,
    };
    payments.set(payment.reference, payment);
    if (challengeId) byChallenge.set(challengeId, payment);
    const result = outcome(payment);
    if (result.status !== 'succeeded' || !input.customer) return result;
    const reference = saved ? input.paymentMethod : `${SAVED_PREFIX}${parsed.scenario}_${parsed.last4}`;
    if (input.savePaymentMethod) {
      const methods = savedByCustomer.get(input.customer) ?? new Map<string, SavedMethodSummary>();
      methods.set(reference, { reference, last4: parsed.last4, ...MOCK_SAVED_CARD });
      savedByCustomer.set(input.customer, methods);
    }
    return { ...result, paymentMethod: { reference, last4: parsed.last4, ...MOCK_SAVED_CARD } };
  }

  async function handleChallenge(request: Request, challengeId: string): Promise<Response> {
    if (request.method !== 'POST') {
      return errorResponse(405, 'method_not_allowed', 'Use POST to decide a mock challenge.');
    }
    let json: unknown;
    try {
      json = JSON.parse(await request.text());
    } catch {
      return errorResponse(400, 'invalid_json', 'The request body is not valid JSON.');
    }
    const body = ChallengeDecision.safeParse(json);
    if (!body.success) {
      const issues = body.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
      return errorResponse(400, 'validation_failed', 'Send { "decision": "approve" } or { "decision": "cancel" }.', issues);
    }
    const payment = byChallenge.get(challengeId);
    if (!payment) return errorResponse(404, 'not_found', 'There is no such card verification.');
    if (payment.challenge !== 'pending') {
      return errorResponse(409, 'no_action_pending', 'This card verification was already decided.');
    }
    payment.challenge = body.data.decision === 'approve' ? 'approved' : 'canceled';
    return Response.json({ status: payment.challenge });
  }

  return {
    id: 'mock',
    livemode: false,
    publicConfig: () => ({}),

    async createPayment(input) {
      const fingerprint = JSON.stringify([input.sessionId, input.amount, input.currency, input.paymentMethod, input.customer ?? null, input.captureMethod ?? 'automatic']);
      const previous = byIdempotencyKey.get(input.idempotencyKey);
      if (previous) {
        // Like real providers: a key names one request; replaying it with other parameters is a bug.
        if (previous.fingerprint !== fingerprint) {
          throw new Error(`Mock provider: idempotency key ${input.idempotencyKey} was reused with different parameters`);
        }
        return previous.result;
      }
      const result = create(input);
      byIdempotencyKey.set(input.idempotencyKey, { fingerprint, result });
      return result;
    },

    // The mock pays only with its test cards; every other method of the market is left out of the
    // session, and the merchant's developer is told why (reason `test_mode`).
    supportedMethods: () => ['card'],
    displayOnlyMethods: () => PaymentMethodType.options.filter((method) => method !== 'card'),

    // A reopened session gives up its pending challenge: approving it later pays nothing.
    async cancelPayment(reference) {
      const payment = payments.get(reference);
      if (payment?.challenge === 'pending') payment.challenge = 'canceled';
      else if (payment?.capture === 'authorized') payment.capture = 'canceled';
    },

    async retrievePayment(reference) {
      const payment = payments.get(reference);
      return payment ? outcome(payment) : failed(reference, 'provider_error');
    },

    // Refunds of payments this process took, at most what was paid, idempotent by key like a real provider.
    moneyOut: {
      async refund(input) {
        const previous = refundsByKey.get(input.idempotencyKey);
        if (previous) return previous;
        const payment = payments.get(input.reference);
        let result: ProviderRefundResult;
        if (!payment || outcome(payment).status !== 'succeeded') {
          result = { status: 'failed', reference: null, message: 'The mock provider has no paid payment with this reference.' };
        } else if (input.currency !== payment.currency || payment.refunded + input.amount > payment.captured) {
          result = { status: 'failed', reference: null, message: 'The refund is larger than what is left of the payment.' };
        } else {
          payment.refunded += input.amount;
          result = { status: 'succeeded', reference: randomId('mockre_') };
        }
        refundsByKey.set(input.idempotencyKey, result);
        return result;
      },
      // Manual capture, like Stripe: one capture of at most what was authorised releases the rest.
      async capture(input) {
        const previous = capturesByKey.get(input.idempotencyKey);
        if (previous) return previous;
        const payment = payments.get(input.reference);
        let result: { status: 'succeeded' } | { status: 'failed'; message: string };
        if (!payment || !payment.manual || outcome(payment).status !== 'succeeded' || payment.capture !== 'authorized') {
          result = { status: 'failed', message: 'The mock provider has no authorised, uncaptured payment with this reference.' };
        } else if (input.currency !== payment.currency || input.amount > payment.amount) {
          result = { status: 'failed', message: 'The capture is larger than what was authorised.' };
        } else {
          payment.capture = 'captured';
          payment.captured = input.amount;
          result = { status: 'succeeded' };
        }
        capturesByKey.set(input.idempotencyKey, result);
        return result;
      },
      // Voids an authorisation, or a payment still waiting for its card verification.
      async cancel(input) {
        const payment = payments.get(input.reference);
        if (!payment) return { status: 'failed', message: 'The mock provider has no payment with this reference.' };
        if (payment.challenge === 'pending') {
          payment.challenge = 'canceled';
          return { status: 'canceled' };
        }
        if (payment.capture === 'canceled' || payment.challenge === 'canceled') return { status: 'canceled' };
        if (payment.capture === 'authorized' && outcome(payment).status === 'succeeded') {
          payment.capture = 'canceled';
          return { status: 'canceled' };
        }
        return { status: 'failed', message: 'This payment was taken: refund it instead.' };
      },
    },

    customers: {
      async ensure({ key }) {
        return mockCustomerFor(key);
      },
      async list(customer) {
        return [...(savedByCustomer.get(customer)?.values() ?? [])];
      },
      async detach(customer, reference) {
        savedByCustomer.get(customer)?.delete(reference);
      },
    },

    async handleRequest(request, path) {
      const match = CHALLENGE_PATH.exec(path.replace(/^\/+/, '').replace(/\/+$/, ''));
      return match ? handleChallenge(request, match[1]!) : null;
    },
  };
}
