/**
 * The checkout's state machine as a small store, and the flow steps that need no network: a session
 * read on load (`loaded`) and a payment made elsewhere (`paidElsewhere`). A module of its own so a
 * checkout's first render carries only this; the payment flow (`flow.ts`: `pay`, `resume`) loads
 * with the first payment. `flow.ts` re-exports everything here.
 */
import { initialCheckoutState, transition, type CheckoutError, type CheckoutEvent, type CheckoutState } from './state.js';
import type { CheckoutSession } from './types.js';

/** The state machine with its current state: one per checkout, shared by everything that pays in it. */
export interface CheckoutMachine {
  readonly state: CheckoutState;
  /** Applies an event; answers whether the machine accepted it. */
  send(event: CheckoutEvent): boolean;
  /** Calls `listener` after every accepted event; answers the unsubscribe function. */
  subscribe(listener: (state: CheckoutState) => void): () => void;
}

export function createMachine(initial: CheckoutState = initialCheckoutState): CheckoutMachine {
  let state = initial;
  const listeners = new Set<(state: CheckoutState) => void>();
  return {
    get state() {
      return state;
    },
    send(event) {
      const next = transition(state, event);
      if (next === state) return false;
      state = next;
      for (const listener of [...listeners]) listener(state);
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type PaymentOutcome =
  | {
      readonly status: 'succeeded';
      readonly session: CheckoutSession;
      readonly orderId: string;
      /** Paid by something else meanwhile (a webhook after a closed window, another tab). */
      readonly elsewhere: boolean;
    }
  | {
      readonly status: 'failed';
      /** Stable code and the backend's or provider's message ('' when it has none for a shopper). */
      readonly error: CheckoutError;
      /** The shopper cancelled the bank's verification. */
      readonly canceled: boolean;
      readonly declineCode?: string;
      /** The error as thrown (field-level issues of an `OmniApiError`). */
      readonly cause: unknown;
      /** The session as the backend last answered it, when it answered. */
      readonly session?: CheckoutSession;
    }
  /** Refused before anything was sent: an attempt is already running (a double submit) or the checkout is paid. */
  | { readonly status: 'busy' };

/** A session read on load: an already paid one ends the checkout at its order. */
export function loaded(machine: CheckoutMachine, session: CheckoutSession): boolean {
  return machine.send({ type: 'LOADED', orderId: session.status === 'complete' ? session.orderId : null });
}

/** Something other than this checkout's attempt paid the session (a wallet beside the form, another tab). */
export function paidElsewhere(machine: CheckoutMachine, session: CheckoutSession, orderId = session.orderId ?? ''): PaymentOutcome {
  if (!machine.send({ type: 'PAID_ELSEWHERE', orderId }) && machine.state.status !== 'succeeded') return { status: 'busy' };
  return { status: 'succeeded', session, orderId: machine.state.orderId ?? orderId, elsewhere: true };
}
