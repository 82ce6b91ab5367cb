import { describe, expect, it, vi } from 'vitest';
import { OmniApiError } from './errors.js';
import { createMachine, loaded, paidElsewhere, pay, resume, type PaymentSteps } from './flow.js';
import type { NextActionResult } from './provider.js';
import type { CheckoutSession, ConfirmResponse, NextAction } from './types.js';

const action: NextAction = { type: 'challenge', provider: 'mock', reference: 'pay_1', data: { challengeId: 'ch_1' } };

function session(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return { id: 'cs_1', status: 'open', orderId: null, nextAction: null, ...overrides } as CheckoutSession;
}

const paid = (orderId = 'ord_1'): ConfirmResponse => ({
  status: 'succeeded',
  session: session({ status: 'complete', orderId }),
  order: { id: orderId } as ConfirmResponse['order'],
});
const needsAction: ConfirmResponse = { status: 'requires_action', session: session({ status: 'processing', nextAction: action }), order: null };

/** A ready machine (form complete) and steps answering as given; every step is a spy. */
function setup(answers: { confirm?: () => Promise<ConfirmResponse>; nextAction?: NextActionResult; completeAction?: () => Promise<ConfirmResponse>; sessions?: CheckoutSession[] } = {}) {
  const machine = createMachine();
  machine.send({ type: 'FORM_CHANGED', complete: true });
  const sessions = [...(answers.sessions ?? [])];
  const steps = {
    confirm: vi.fn(answers.confirm ?? (async () => paid())),
    nextAction: vi.fn(async () => answers.nextAction ?? ({ status: 'completed' } as NextActionResult)),
    completeAction: vi.fn(answers.completeAction ?? (async () => paid())),
    getSession: vi.fn(async () => sessions.shift() ?? session()),
    onAction: vi.fn(),
    wait: vi.fn(async () => {}),
  } satisfies PaymentSteps;
  return { machine, steps };
}

describe('payment flow', () => {
  it('confirms once with the attempt key and ends succeeded with the order', async () => {
    const { machine, steps } = setup();
    const outcome = await pay(machine, steps, { idempotencyKey: 'key_1' });
    expect(steps.confirm).toHaveBeenCalledExactlyOnceWith('key_1');
    expect(outcome).toMatchObject({ status: 'succeeded', orderId: 'ord_1', elsewhere: false });
    expect(machine.state).toMatchObject({ status: 'succeeded', orderId: 'ord_1', attempts: 1, attemptKey: 'key_1' });
  });

  it('refuses a second pay while the first runs: one confirm for a double click', async () => {
    let answer!: (value: ConfirmResponse) => void;
    const { machine, steps } = setup({ confirm: () => new Promise((resolve) => (answer = resolve)) });
    const first = pay(machine, steps);
    const second = await pay(machine, steps);
    expect(second).toEqual({ status: 'busy' });
    answer(paid());
    expect(await first).toMatchObject({ status: 'succeeded' });
    expect(steps.confirm).toHaveBeenCalledTimes(1);
    expect(await pay(machine, steps)).toEqual({ status: 'busy' });
  });

  it('runs 3-D Secure between confirm and complete', async () => {
    const { machine, steps } = setup({ confirm: async () => needsAction });
    const seen: string[] = [];
    machine.subscribe((state) => seen.push(state.status));
    const outcome = await pay(machine, steps);
    expect(steps.onAction).toHaveBeenCalledWith(action);
    expect(steps.nextAction).toHaveBeenCalledWith(action);
    expect(steps.completeAction).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['paying', 'requires_action', 'paying', 'succeeded']);
    expect(outcome.status).toBe('succeeded');
  });

  it('a cancelled verification fails, says so, and lets the shopper pay again', async () => {
    const { machine, steps } = setup({
      confirm: async () => needsAction,
      nextAction: { status: 'canceled' },
      completeAction: async () => needsAction,
    });
    const outcome = await pay(machine, steps);
    expect(outcome).toMatchObject({ status: 'failed', canceled: true, error: { code: 'authentication_canceled' } });
    expect(machine.state.status).toBe('failed');
    steps.confirm.mockResolvedValueOnce(paid('ord_2'));
    expect(await pay(machine, steps)).toMatchObject({ status: 'succeeded', orderId: 'ord_2' });
    expect(machine.state.attempts).toBe(2);
  });

  it('a decline keeps the backend code, message and decline code', async () => {
    const decline = new OmniApiError('card_declined', 'Your card was declined.', 402, [], 'insufficient_funds');
    const { machine, steps } = setup({ confirm: async () => Promise.reject(decline) });
    const outcome = await pay(machine, steps);
    expect(outcome).toMatchObject({
      status: 'failed',
      canceled: false,
      error: { code: 'card_declined', message: 'Your card was declined.' },
      declineCode: 'insufficient_funds',
      cause: decline,
    });
    expect(machine.state.error).toEqual({ code: 'card_declined', message: 'Your card was declined.' });
    expect(steps.getSession).not.toHaveBeenCalled();
  });

  it('paid meanwhile: a 409 is followed by reading the session until it is complete', async () => {
    const conflict = new OmniApiError('confirm_in_progress', 'A payment is in progress.', 409);
    const { machine, steps } = setup({
      confirm: async () => Promise.reject(conflict),
      sessions: [session({ status: 'processing' }), session({ status: 'complete', orderId: 'ord_9' })],
    });
    const outcome = await pay(machine, steps);
    expect(outcome).toMatchObject({ status: 'succeeded', orderId: 'ord_9', elsewhere: true });
    expect(steps.getSession).toHaveBeenCalledTimes(2);
    expect(steps.wait).toHaveBeenCalledTimes(1);
    expect(machine.state).toMatchObject({ status: 'succeeded', orderId: 'ord_9' });
  });

  it('a 409 on a session that is not paid is an error the shopper sees', async () => {
    const conflict = new OmniApiError('session_completed', 'This checkout is closed.', 409);
    const { machine, steps } = setup({ confirm: async () => Promise.reject(conflict), sessions: [session({ status: 'expired' as CheckoutSession['status'] })] });
    expect(await pay(machine, steps)).toMatchObject({ status: 'failed', error: { code: 'session_completed' } });
  });

  it('an express wallet pays from an incomplete form; the guard still holds', async () => {
    const machine = createMachine();
    const { steps } = setup();
    expect(await pay(machine, steps)).toEqual({ status: 'busy' });
    let answer!: (value: ConfirmResponse) => void;
    steps.confirm.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const first = pay(machine, steps, { wallet: true });
    expect(await pay(machine, steps, { wallet: true })).toEqual({ status: 'busy' });
    answer(paid());
    expect(await first).toMatchObject({ status: 'succeeded' });
  });

  it('resume: back from a redirect, the backend says paid', async () => {
    const machine = createMachine();
    const outcome = await resume(machine, { completeAction: async () => paid('ord_r') });
    expect(outcome).toMatchObject({ status: 'succeeded', orderId: 'ord_r' });
    expect(machine.state.status).toBe('succeeded');
  });

  it('resume: back from a redirect that failed, the form is open again', async () => {
    const machine = createMachine();
    const refused = new OmniApiError('authentication_failed', 'The bank refused.', 402);
    const outcome = await resume(machine, { completeAction: async () => Promise.reject(refused) });
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'authentication_failed' } });
    expect(machine.state.status).toBe('failed');
    expect(machine.send({ type: 'FORM_CHANGED', complete: true })).toBe(true);
  });

  it('loaded: a session already paid shows its order; an open one changes nothing', () => {
    const open = createMachine();
    expect(loaded(open, session())).toBe(false);
    expect(open.state.status).toBe('collecting');
    const done = createMachine();
    expect(loaded(done, session({ status: 'complete', orderId: 'ord_l' }))).toBe(true);
    expect(done.state).toMatchObject({ status: 'succeeded', orderId: 'ord_l' });
  });

  it('paid elsewhere ends an attempt in any state, once', () => {
    const { machine } = setup();
    machine.send({ type: 'PAY', idempotencyKey: 'k' });
    const listener = vi.fn();
    machine.subscribe(listener);
    expect(paidElsewhere(machine, session({ status: 'complete', orderId: 'ord_w' }))).toMatchObject({ status: 'succeeded', orderId: 'ord_w' });
    expect(paidElsewhere(machine, session({ status: 'complete', orderId: 'ord_x' }))).toMatchObject({ status: 'succeeded', orderId: 'ord_w' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(machine.send({ type: 'FAILED', error: { code: 'x', message: '' } })).toBe(false);
  });
});
