/**
 * The checkout state machine: collecting → ready → paying → requires_action → succeeded / failed.
 * `flow.ts` drives it for every way to pay (guest, saved method, one click, express, the return
 * from a redirect); nothing else decides that a checkout succeeded.
 *
 * Besides the shopper's own attempt: `LOADED` (a session that was already paid when the page
 * opened), `RETURNED` (back from a provider's redirect, the outcome is being asked for) and
 * `PAID_ELSEWHERE` (the provider's webhook, another tab or a wallet beside the form paid it).
 *
 * A pure reducer. `PAY` is accepted only from `ready` (or from `failed` once the form is complete
 * again), so a second click while `paying` is a no-op: a double submit cannot start a second
 * payment attempt. Each accepted `PAY` carries the attempt's idempotency key.
 */
import type { NextAction } from './types.js';

export type CheckoutStatus = 'collecting' | 'ready' | 'paying' | 'requires_action' | 'succeeded' | 'failed';

export interface CheckoutError {
  readonly code: string;
  readonly message: string;
}

export interface CheckoutState {
  readonly status: CheckoutStatus;
  /** Whether every field the shopper must fill is complete and valid. */
  readonly formComplete: boolean;
  /** Idempotency key of the attempt in flight (or last attempted). */
  readonly attemptKey: string | null;
  /** Number of pay attempts started. */
  readonly attempts: number;
  readonly action: NextAction | null;
  readonly error: CheckoutError | null;
  readonly orderId: string | null;
}

export type CheckoutEvent =
  | { readonly type: 'FORM_CHANGED'; readonly complete: boolean }
  /** `wallet`: an express wallet's sheet brings its own contact and address, so the form need not be complete. */
  | { readonly type: 'PAY'; readonly idempotencyKey: string; readonly wallet?: boolean }
  | { readonly type: 'ACTION_REQUIRED'; readonly action: NextAction }
  | { readonly type: 'ACTION_DONE' }
  | { readonly type: 'SUCCEEDED'; readonly orderId: string }
  | { readonly type: 'FAILED'; readonly error: CheckoutError }
  /** The session was read: one already paid (`orderId`) shows its order. */
  | { readonly type: 'LOADED'; readonly orderId: string | null }
  /** Back from a provider's redirect: the backend is asked how the attempt ended. */
  | { readonly type: 'RETURNED' }
  /** Paid by something other than this attempt (webhook after a closed window, another tab, a wallet). */
  | { readonly type: 'PAID_ELSEWHERE'; readonly orderId: string };

export const initialCheckoutState: CheckoutState = {
  status: 'collecting',
  formComplete: false,
  attemptKey: null,
  attempts: 0,
  action: null,
  error: null,
  orderId: null,
};

/** Whether a pay click would start an attempt now. */
export function canPay(state: CheckoutState): boolean {
  return state.status === 'ready' || (state.status === 'failed' && state.formComplete);
}

/** Whether the shopper can still edit the form. */
export function isEditable(state: CheckoutState): boolean {
  return state.status === 'collecting' || state.status === 'ready' || state.status === 'failed';
}

/**
 * Applies an event. Returns the same object when the event is not allowed in the current state,
 * so callers can detect a rejected event with `next === state`.
 */
export function transition(state: CheckoutState, event: CheckoutEvent): CheckoutState {
  switch (event.type) {
    case 'FORM_CHANGED':
      if (!isEditable(state)) return state;
      if (state.status === 'failed') return { ...state, formComplete: event.complete };
      return { ...state, formComplete: event.complete, status: event.complete ? 'ready' : 'collecting' };
    case 'PAY':
      if (!(event.wallet ? isEditable(state) : canPay(state))) return state;
      return {
        ...state,
        status: 'paying',
        attemptKey: event.idempotencyKey,
        attempts: state.attempts + 1,
        error: null,
        action: null,
      };
    case 'ACTION_REQUIRED':
      if (state.status !== 'paying') return state;
      return { ...state, status: 'requires_action', action: event.action };
    case 'ACTION_DONE':
      if (state.status !== 'requires_action') return state;
      return { ...state, status: 'paying', action: null };
    case 'SUCCEEDED':
      if (state.status !== 'paying' && state.status !== 'requires_action') return state;
      return { ...state, status: 'succeeded', orderId: event.orderId, action: null, error: null };
    case 'FAILED':
      if (state.status !== 'paying' && state.status !== 'requires_action') return state;
      return { ...state, status: 'failed', action: null, error: event.error };
    case 'LOADED':
      if (state.status !== 'collecting' || !event.orderId) return state;
      return { ...state, status: 'succeeded', orderId: event.orderId };
    case 'RETURNED':
      if (!isEditable(state) && state.status !== 'requires_action') return state;
      return { ...state, status: 'paying', action: null, error: null };
    case 'PAID_ELSEWHERE':
      if (state.status === 'succeeded') return state;
      return { ...state, status: 'succeeded', orderId: event.orderId, action: null, error: null };
  }
}
