import { describe, expect, it } from 'vitest';
import {
  canPay,
  initialCheckoutState,
  isEditable,
  transition,
  type CheckoutEvent,
  type CheckoutState,
  type CheckoutStatus,
} from './state.js';
import type { NextAction } from './types.js';

const action: NextAction = { type: 'challenge', provider: 'mock', reference: 'pay_1', data: { challengeId: 'ch_1' } };
const declined = { code: 'card_declined', message: 'Your card was declined.' };

/** Applies events in order, asserting that each one is accepted (a new object). */
function run(...events: CheckoutEvent[]): CheckoutState {
  return events.reduce((state, event) => {
    const next = transition(state, event);
    expect(next, `${event.type} should be accepted in ${state.status}`).not.toBe(state);
    return next;
  }, initialCheckoutState);
}

const complete: CheckoutEvent = { type: 'FORM_CHANGED', complete: true };
const incomplete: CheckoutEvent = { type: 'FORM_CHANGED', complete: false };
const pay = (key = 'key_1'): CheckoutEvent => ({ type: 'PAY', idempotencyKey: key });

const states: Record<CheckoutStatus, () => CheckoutState> = {
  collecting: () => initialCheckoutState,
  ready: () => run(complete),
  paying: () => run(complete, pay()),
  requires_action: () => run(complete, pay(), { type: 'ACTION_REQUIRED', action }),
  succeeded: () => run(complete, pay(), { type: 'SUCCEEDED', orderId: 'ord_1' }),
  failed: () => run(complete, pay(), { type: 'FAILED', error: declined }),
};

describe('checkout state machine', () => {
  it('starts collecting with nothing attempted', () => {
    expect(initialCheckoutState).toEqual({
      status: 'collecting',
      formComplete: false,
      attemptKey: null,
      attempts: 0,
      action: null,
      error: null,
      orderId: null,
    });
    expect(canPay(initialCheckoutState)).toBe(false);
  });

  it('collecting ⇄ ready follows form completeness', () => {
    const ready = run(complete);
    expect(ready).toMatchObject({ status: 'ready', formComplete: true });
    expect(canPay(ready)).toBe(true);
    const back = transition(ready, incomplete);
    expect(back).toMatchObject({ status: 'collecting', formComplete: false });
    expect(canPay(back)).toBe(false);
  });

  it('ready → paying on PAY, recording the attempt key and count', () => {
    const paying = run(complete, pay('attempt_a'));
    expect(paying).toMatchObject({ status: 'paying', attemptKey: 'attempt_a', attempts: 1, error: null });
    expect(isEditable(paying)).toBe(false);
  });

  it('PAY from collecting is rejected (same object)', () => {
    expect(transition(initialCheckoutState, pay())).toBe(initialCheckoutState);
  });

  it('a second PAY while paying is rejected: same object, first key kept', () => {
    const paying = run(complete, pay('first'));
    const again = transition(paying, pay('second'));
    expect(again).toBe(paying);
    expect(again.attemptKey).toBe('first');
    expect(again.attempts).toBe(1);
  });

  it('paying → succeeded with the order id', () => {
    const done = run(complete, pay(), { type: 'SUCCEEDED', orderId: 'ord_9' });
    expect(done).toMatchObject({ status: 'succeeded', orderId: 'ord_9', action: null, error: null });
    expect(isEditable(done)).toBe(false);
    expect(canPay(done)).toBe(false);
  });

  it('paying → requires_action → paying → succeeded (3-D Secure)', () => {
    const challenged = run(complete, pay(), { type: 'ACTION_REQUIRED', action });
    expect(challenged).toMatchObject({ status: 'requires_action', action });
    const resumed = transition(challenged, { type: 'ACTION_DONE' });
    expect(resumed).toMatchObject({ status: 'paying', action: null });
    expect(transition(resumed, { type: 'SUCCEEDED', orderId: 'ord_2' })).toMatchObject({ status: 'succeeded', orderId: 'ord_2' });
  });

  it('requires_action can end directly in success or failure', () => {
    expect(transition(states.requires_action(), { type: 'SUCCEEDED', orderId: 'o' })).toMatchObject({ status: 'succeeded', action: null });
    expect(transition(states.requires_action(), { type: 'FAILED', error: declined })).toMatchObject({ status: 'failed', action: null, error: declined });
  });

  it('paying → failed keeps the error and the form as it was', () => {
    const failed = run(complete, pay(), { type: 'FAILED', error: declined });
    expect(failed).toMatchObject({ status: 'failed', error: declined, formComplete: true, attempts: 1 });
    expect(isEditable(failed)).toBe(true);
  });

  it('PAY from failed is accepted when the form is complete, with a new key and a cleared error', () => {
    const retry = transition(states.failed(), pay('key_2'));
    expect(retry).toMatchObject({ status: 'paying', attemptKey: 'key_2', attempts: 2, error: null });
  });

  it('PAY from failed is rejected while the form is incomplete, and accepted once complete again', () => {
    const edited = transition(states.failed(), incomplete);
    // editing after a failure keeps the failure visible
    expect(edited).toMatchObject({ status: 'failed', formComplete: false, error: declined });
    expect(canPay(edited)).toBe(false);
    expect(transition(edited, pay('key_2'))).toBe(edited);

    const fixed = transition(edited, complete);
    expect(fixed).toMatchObject({ status: 'failed', formComplete: true });
    expect(transition(fixed, pay('key_2'))).toMatchObject({ status: 'paying', attempts: 2 });
  });

  // Every event that is not allowed in a state returns the very same object.
  const ignored: Array<[CheckoutStatus, CheckoutEvent]> = [
    ['collecting', { type: 'ACTION_REQUIRED', action }],
    ['collecting', { type: 'ACTION_DONE' }],
    ['collecting', { type: 'SUCCEEDED', orderId: 'o' }],
    ['collecting', { type: 'FAILED', error: declined }],
    ['ready', { type: 'ACTION_REQUIRED', action }],
    ['ready', { type: 'ACTION_DONE' }],
    ['ready', { type: 'SUCCEEDED', orderId: 'o' }],
    ['ready', { type: 'FAILED', error: declined }],
    ['paying', complete],
    ['paying', incomplete],
    ['paying', { type: 'ACTION_DONE' }],
    ['requires_action', complete],
    ['requires_action', pay('k')],
    ['requires_action', { type: 'ACTION_REQUIRED', action }],
    ['succeeded', complete],
    ['succeeded', pay('k')],
    ['succeeded', { type: 'ACTION_REQUIRED', action }],
    ['succeeded', { type: 'ACTION_DONE' }],
    ['succeeded', { type: 'SUCCEEDED', orderId: 'other' }],
    ['succeeded', { type: 'FAILED', error: declined }],
    ['failed', { type: 'ACTION_REQUIRED', action }],
    ['failed', { type: 'ACTION_DONE' }],
    ['failed', { type: 'SUCCEEDED', orderId: 'o' }],
    ['failed', { type: 'FAILED', error: declined }],
  ];
  it.each(ignored)('in %s, ignores %o', (status, event) => {
    const state = states[status]();
    expect(state.status).toBe(status);
    expect(transition(state, event)).toBe(state);
  });

  it('never mutates the previous state', () => {
    const ready = Object.freeze(run(complete));
    expect(() => transition(ready, pay())).not.toThrow();
    expect(ready.status).toBe('ready');
  });
});

describe('events beside the shopper’s own attempt', () => {
  it('LOADED with an order ends at succeeded only from the start', () => {
    expect(transition(initialCheckoutState, { type: 'LOADED', orderId: 'ord_1' })).toMatchObject({ status: 'succeeded', orderId: 'ord_1' });
    expect(transition(initialCheckoutState, { type: 'LOADED', orderId: null })).toBe(initialCheckoutState);
    const ready = states.ready();
    expect(transition(ready, { type: 'LOADED', orderId: 'ord_1' })).toBe(ready);
  });

  it('RETURNED waits for the outcome from an editable state or a running verification', () => {
    for (const status of ['collecting', 'ready', 'failed', 'requires_action'] as const) {
      expect(transition(states[status](), { type: 'RETURNED' }).status, status).toBe('paying');
    }
    for (const status of ['paying', 'succeeded'] as const) {
      const state = states[status]();
      expect(transition(state, { type: 'RETURNED' }), status).toBe(state);
    }
  });

  it('PAID_ELSEWHERE succeeds from every state but succeeded', () => {
    for (const status of ['collecting', 'ready', 'paying', 'requires_action', 'failed'] as const) {
      expect(transition(states[status](), { type: 'PAID_ELSEWHERE', orderId: 'ord_2' }), status).toMatchObject({ status: 'succeeded', orderId: 'ord_2' });
    }
    const done = states.succeeded();
    expect(transition(done, { type: 'PAID_ELSEWHERE', orderId: 'ord_2' })).toBe(done);
  });

  it('a wallet PAY is accepted from an incomplete form, never twice', () => {
    const paying = transition(initialCheckoutState, { type: 'PAY', idempotencyKey: 'w', wallet: true });
    expect(paying).toMatchObject({ status: 'paying', attemptKey: 'w' });
    expect(transition(paying, { type: 'PAY', idempotencyKey: 'w2', wallet: true })).toBe(paying);
    expect(transition(initialCheckoutState, { type: 'PAY', idempotencyKey: 'g' })).toBe(initialCheckoutState);
  });
});
