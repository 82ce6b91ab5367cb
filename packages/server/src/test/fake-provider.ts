/**
 * A scriptable ServerProvider for tests. Like a real provider it is idempotent: the same
 * idempotency key returns the first result and never creates a second payment.
 * The payment method decides the outcome: `pm_ok`, `pm_decline`, `pm_funds`, `pm_3ds`, `pm_pending`.
 */
import type { ProviderPaymentInput, ProviderPaymentResult, ServerProvider } from '@omni-checkout/core';

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
}

export function createFakeProvider(): FakeProvider {
  const calls: ProviderPaymentInput[] = [];
  const payments = new Map<string, ProviderPaymentResult>();
  const current = new Map<string, ProviderPaymentResult>();
  let throwNext = false;
  let counter = 0;

  function outcome(input: ProviderPaymentInput, reference: string): ProviderPaymentResult {
    switch (input.paymentMethod) {
      case 'pm_ok':
        return { status: 'succeeded', reference };
      case 'pm_decline':
        return { status: 'failed', reference, code: 'card_declined', message: 'Card declined (generic_decline)', declineCode: 'generic_decline' };
      case 'pm_funds':
        return { status: 'failed', reference, code: 'insufficient_funds', message: 'insufficient', declineCode: 'insufficient_funds' };
      case 'pm_3ds':
        return {
          status: 'requires_action',
          reference,
          action: { type: 'challenge', provider: 'mock', reference, data: { challengeId: `ch_${reference}` } },
        };
      case 'pm_pending':
        return { status: 'processing', reference };
      default:
        return { status: 'failed', reference: null, code: 'provider_error', message: `unknown method ${input.paymentMethod}` };
    }
  }

  const fake: FakeProvider = {
    id: 'mock',
    livemode: false,
    calls,
    payments,
    delayMs: 0,
    publicConfig: () => ({ mode: 'test' }),
    async createPayment(input) {
      calls.push(input);
      if (fake.delayMs) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
      let result = payments.get(input.idempotencyKey);
      if (!result) {
        result = outcome(input, `pay_${++counter}`);
        payments.set(input.idempotencyKey, result);
        if (result.reference) current.set(result.reference, result);
      }
      if (throwNext) {
        throwNext = false;
        throw new Error('provider timeout');
      }
      return result;
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
          ? { status: 'succeeded', reference }
          : decision === 'fail'
            ? { status: 'failed', reference, code: 'authentication_failed', message: '3DS failed' }
            : { status: 'failed', reference, code: 'authentication_canceled', message: '3DS canceled' },
      );
    },
  };
  return fake;
}
