/**
 * The payment flow, once for every way to pay: confirm → next action (3-D Secure, a redirect) →
 * complete, the return from a redirect, and "paid elsewhere". Plain functions that drive the
 * state machine (`state.ts`) through a small store (`createMachine`); the components supply the
 * steps that touch the network or the provider and render what the machine says.
 *
 * Guest card, saved method, one click, express wallets and redirect returns all call `pay` or
 * `resume`, so a second click while an attempt runs is refused by the machine (`busy`), whichever
 * button it came from, and only the machine decides that a checkout succeeded.
 */
import { OmniApiError } from './errors.js';
import type { NextActionResult } from './provider.js';
import type { CheckoutError } from './state.js';
import type { CheckoutSession, ConfirmResponse, NextAction } from './types.js';
import { paidElsewhere, type CheckoutMachine, type PaymentOutcome } from './machine.js';

// The machine and the two flow steps that need no network (`machine.ts`, small enough for a first
// render); `pay`, `resume` and the rest load with the first payment.
export { createMachine, loaded, paidElsewhere, type CheckoutMachine, type PaymentOutcome } from './machine.js';

/** What a way to pay brings to the flow. Everything else is the same for all of them. */
export interface PaymentSteps {
  /**
   * Everything up to and including the backend's confirm, with this attempt's idempotency key:
   * saving the details, creating the provider's payment method, a passkey sign-in (one click)…
   */
  confirm(attemptKey: string): Promise<ConfirmResponse>;
  /** The provider runs the next action the backend asked for (3-D Secure, a redirect). */
  nextAction(action: NextAction): Promise<NextActionResult>;
  /** Asks the backend how the attempt ended (after a next action or a redirect). */
  completeAction(): Promise<ConfirmResponse>;
  /** Reads the session again: was it paid meanwhile? */
  getSession(): Promise<CheckoutSession>;
  /** The bank asks the shopper to verify (announce it, fire the event). */
  onAction?(action: NextAction): void;
  /** Waits between two reads of a session still `processing` (tests pass a quick one). */
  wait?(ms: number): Promise<void>;
}

export interface PayOptions {
  /** An express wallet: its sheet brings contact and address, so the form need not be complete. */
  readonly wallet?: boolean;
  /** The attempt's idempotency key (default: a new random UUID). */
  readonly idempotencyKey?: string;
}

/** Codes meaning "this session is already paid or being paid": look again before saying anything. */
const PAID_MEANWHILE = new Set(['session_completed', 'confirm_in_progress']);

/** One pay attempt: PAY → confirm → next action → complete, or failed; or paid elsewhere. */
export async function pay(machine: CheckoutMachine, steps: PaymentSteps, options: PayOptions = {}): Promise<PaymentOutcome> {
  const idempotencyKey = options.idempotencyKey ?? crypto.randomUUID();
  if (!machine.send({ type: 'PAY', idempotencyKey, ...(options.wallet ? { wallet: true } : {}) })) return { status: 'busy' };
  let canceled = false;
  let session: CheckoutSession | undefined;
  try {
    let result = await steps.confirm(idempotencyKey);
    session = result.session;
    if (result.status === 'requires_action') {
      const action = result.session.nextAction;
      if (!action) throw { code: 'provider_error', message: '' } satisfies CheckoutError;
      machine.send({ type: 'ACTION_REQUIRED', action });
      steps.onAction?.(action);
      const outcome = await steps.nextAction(action);
      canceled = outcome.status === 'canceled';
      machine.send({ type: 'ACTION_DONE' });
      result = await steps.completeAction();
      session = result.session;
      if (result.status !== 'succeeded') {
        if (outcome.status === 'failed') throw outcome.error;
        // A shopper who completed the challenge did not cancel it: the bank refused it.
        throw { code: canceled ? 'authentication_canceled' : 'authentication_failed', message: '' } satisfies CheckoutError;
      }
    }
    return succeed(machine, result);
  } catch (error) {
    if (error instanceof OmniApiError && PAID_MEANWHILE.has(error.code)) {
      const paid = await paidMeanwhile(steps);
      if (paid) return paidElsewhere(machine, paid);
    }
    return fail(machine, error, canceled, session);
  }
}

/**
 * Back from a provider's redirect (a bank page, a redirect-based method): the backend says how the
 * attempt ended. `RETURNED` → succeeded, or failed (the shopper can pay again).
 */
export async function resume(machine: CheckoutMachine, steps: Pick<PaymentSteps, 'completeAction'>): Promise<PaymentOutcome> {
  if (!machine.send({ type: 'RETURNED' })) return { status: 'busy' };
  try {
    return succeed(machine, await steps.completeAction());
  } catch (error) {
    return fail(machine, error, false);
  }
}

/** How many times `paidMeanwhile` reads the session. */
const PAID_MEANWHILE_READS = 6;

/**
 * The session once it is paid, read again while the backend still says `processing` (six reads,
 * 3.75 s of waiting between them at most); null when it is not paid (waiting for 3-D Secure,
 * failed, expired).
 */
export async function paidMeanwhile(steps: Pick<PaymentSteps, 'getSession' | 'wait'>): Promise<CheckoutSession | null> {
  const wait = steps.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    const session = await steps.getSession().catch(() => null);
    if (session?.status === 'complete' && session.orderId) return session;
    // Not paid, or still processing after the last read: no wait after it.
    if (session?.status !== 'processing' || attempt === PAID_MEANWHILE_READS - 1) return null;
    await wait(250 * 2 ** Math.min(attempt, 2));
  }
}

/** A thrown value as the machine's error: the backend's code and message, a provider's field error, or `internal_error`. */
export function toCheckoutError(error: unknown): CheckoutError {
  if (error instanceof OmniApiError) return { code: error.code, message: error.message };
  if (typeof error === 'object' && error !== null && !(error instanceof Error) && 'code' in error) {
    const { code, message } = error as { code: unknown; message?: unknown };
    return { code: String(code), message: typeof message === 'string' ? message : '' };
  }
  return { code: 'internal_error', message: '' };
}

function succeed(machine: CheckoutMachine, result: ConfirmResponse): PaymentOutcome {
  if (result.status !== 'succeeded') return fail(machine, { code: 'authentication_failed', message: '' }, false, result.session);
  const orderId = result.order?.id ?? result.session.orderId ?? '';
  machine.send({ type: 'SUCCEEDED', orderId });
  return { status: 'succeeded', session: result.session, orderId, elsewhere: false };
}

function fail(machine: CheckoutMachine, cause: unknown, canceled: boolean, session?: CheckoutSession): PaymentOutcome {
  const error = toCheckoutError(cause);
  machine.send({ type: 'FAILED', error });
  const declineCode = cause instanceof OmniApiError ? cause.declineCode : undefined;
  return { status: 'failed', error, canceled, cause, ...(declineCode ? { declineCode } : {}), ...(session ? { session } : {}) };
}
