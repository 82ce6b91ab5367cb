import { afterEach, describe, expect, it, vi } from 'vitest';
import { OmniApiError } from './errors.js';
import { createMachine, loaded, paidElsewhere, paidMeanwhile, pay, resume, toCheckoutError, type PaymentSteps } from './flow.js';
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

describe('payment flow: 3-D Secure edges', () => {
  it('a requires_action answer without a next action fails as a provider error; nothing is run at the bank', async () => {
    const broken: ConfirmResponse = { status: 'requires_action', session: session({ status: 'processing' }), order: null };
    const { machine, steps } = setup({ confirm: async () => broken });
    const outcome = await pay(machine, steps);
    expect(outcome).toMatchObject({ status: 'failed', canceled: false, error: { code: 'provider_error', message: '' } });
    expect(steps.onAction).not.toHaveBeenCalled();
    expect(steps.nextAction).not.toHaveBeenCalled();
    expect(steps.completeAction).not.toHaveBeenCalled();
    expect(machine.state).toMatchObject({ status: 'failed', error: { code: 'provider_error', message: '' } });
  });

  it('a way to pay without an onAction hook still runs 3-D Secure to the order', async () => {
    const { machine, steps } = setup({ confirm: async () => needsAction });
    const { onAction: _ignored, ...withoutHook } = steps;
    expect(await pay(machine, withoutHook)).toMatchObject({ status: 'succeeded', orderId: 'ord_1' });
    expect(steps.nextAction).toHaveBeenCalledTimes(1);
  });

  it('a failed verification shows the provider’s error, is not called cancelled, and keeps the session', async () => {
    const afterChallenge = session({ status: 'open', nextAction: null });
    const { machine, steps } = setup({
      confirm: async () => needsAction,
      nextAction: { status: 'failed', error: { code: 'authentication_failed', message: 'The bank could not verify you.' } },
      completeAction: async () => ({ status: 'requires_action', session: afterChallenge, order: null }),
    });
    const outcome = await pay(machine, steps);
    expect(outcome).toMatchObject({
      status: 'failed',
      canceled: false,
      error: { code: 'authentication_failed', message: 'The bank could not verify you.' },
    });
    expect(outcome.status === 'failed' && outcome.session).toBe(afterChallenge);
    expect(machine.state.error).toEqual({ code: 'authentication_failed', message: 'The bank could not verify you.' });
  });

  it('a cancelled verification carries no invented message and the session the backend answered', async () => {
    const afterChallenge = session({ status: 'open' });
    const { machine, steps } = setup({
      confirm: async () => needsAction,
      nextAction: { status: 'canceled' },
      completeAction: async () => ({ status: 'requires_action', session: afterChallenge, order: null }),
    });
    const outcome = await pay(machine, steps);
    expect(outcome.status === 'failed' && outcome.error).toEqual({ code: 'authentication_canceled', message: '' });
    expect(outcome.status === 'failed' && outcome.session).toBe(afterChallenge);
    expect(outcome).not.toHaveProperty('declineCode');
  });

  it('a completed challenge the bank still did not accept is not reported as cancelled', async () => {
    const { machine, steps } = setup({ confirm: async () => needsAction, completeAction: async () => needsAction });
    const outcome = await pay(machine, steps);
    expect(outcome).toMatchObject({ status: 'failed', canceled: false, error: { code: 'authentication_failed', message: '' } });
  });
});

describe('payment flow: order and outcome details', () => {
  it('the order number comes from the session when the answer carries no order', async () => {
    const { machine, steps } = setup({ confirm: async () => ({ status: 'succeeded', session: session({ status: 'complete', orderId: 'ord_s' }), order: null }) });
    expect(await pay(machine, steps)).toMatchObject({ status: 'succeeded', orderId: 'ord_s' });
    expect(machine.state.orderId).toBe('ord_s');
  });

  it('the order in the answer wins over the session’s', async () => {
    const { machine, steps } = setup({
      confirm: async () => ({ status: 'succeeded', session: session({ status: 'complete', orderId: 'ord_old' }), order: { id: 'ord_new' } as ConfirmResponse['order'] }),
    });
    expect(await pay(machine, steps)).toMatchObject({ orderId: 'ord_new' });
  });

  it('no order anywhere: an empty order number, never a made-up one', async () => {
    const { machine, steps } = setup({ confirm: async () => ({ status: 'succeeded', session: session({ status: 'complete' }), order: null }) });
    expect(await pay(machine, steps)).toMatchObject({ status: 'succeeded', orderId: '' });
  });

  it('a failure before the backend answered carries no session', async () => {
    const { machine, steps } = setup({ confirm: async () => Promise.reject(new OmniApiError('card_declined', 'Declined.', 402)) });
    const outcome = await pay(machine, steps);
    expect(outcome).not.toHaveProperty('session');
    expect(outcome).not.toHaveProperty('declineCode');
  });
});

describe('payment flow: resume', () => {
  it('resume while an attempt runs is refused and asks the backend nothing', async () => {
    const { machine } = setup();
    machine.send({ type: 'PAY', idempotencyKey: 'k' });
    const completeAction = vi.fn(async () => paid());
    expect(await resume(machine, { completeAction })).toEqual({ status: 'busy' });
    expect(completeAction).not.toHaveBeenCalled();
    expect(machine.state.status).toBe('paying');
  });

  it('resume on an attempt the backend still waits for fails as authentication_failed, not cancelled, not succeeded', async () => {
    const machine = createMachine();
    const pending = session({ status: 'processing', nextAction: action });
    const outcome = await resume(machine, { completeAction: async () => ({ status: 'requires_action', session: pending, order: null }) });
    expect(outcome).toMatchObject({ status: 'failed', canceled: false, error: { code: 'authentication_failed', message: '' } });
    expect(outcome.status === 'failed' && outcome.session).toBe(pending);
    expect(machine.state.status).toBe('failed');
  });

  it('resume with an error is never reported as a cancelled verification', async () => {
    const machine = createMachine();
    const outcome = await resume(machine, { completeAction: async () => Promise.reject(new OmniApiError('provider_error', 'Down.', 502)) });
    expect(outcome).toMatchObject({ status: 'failed', canceled: false });
  });
});

describe('waiting for the webhook (paidMeanwhile)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const processing = () => session({ status: 'processing' });

  it('still processing: reads 6 times, backing off 250, 500, then 1000 ms between reads, then gives up', async () => {
    const events: (number | 'read')[] = [];
    const getSession = vi.fn(async () => {
      events.push('read');
      return processing();
    });
    const result = await paidMeanwhile({ getSession, wait: async (ms) => void events.push(ms) });
    expect(result).toBeNull();
    expect(getSession).toHaveBeenCalledTimes(6);
    // No wait after the last read: the shopper is told at once (about 3.75 s in all).
    expect(events).toEqual(['read', 250, 'read', 500, 'read', 1000, 'read', 1000, 'read', 1000, 'read']);
  });

  it('a session that is neither complete nor processing is given up on at once', async () => {
    const getSession = vi.fn(async () => session({ status: 'expired' as CheckoutSession['status'] }));
    const wait = vi.fn(async () => {});
    expect(await paidMeanwhile({ getSession, wait })).toBeNull();
    expect(getSession).toHaveBeenCalledTimes(1);
    expect(wait).not.toHaveBeenCalled();
  });

  it('complete without an order is not taken as paid', async () => {
    const getSession = vi.fn(async () => session({ status: 'complete', orderId: null }));
    const wait = vi.fn(async () => {});
    expect(await paidMeanwhile({ getSession, wait })).toBeNull();
    expect(getSession).toHaveBeenCalledTimes(1);
  });

  it('an order id on a session still processing does not make it paid', async () => {
    const sessions = [session({ status: 'processing', orderId: 'ord_p' }), session({ status: 'complete', orderId: 'ord_p' })];
    const getSession = vi.fn(async () => sessions.shift()!);
    const result = await paidMeanwhile({ getSession, wait: async () => {} });
    expect(result?.status).toBe('complete');
    expect(getSession).toHaveBeenCalledTimes(2);
  });

  it('a read that fails ends the wait: the shopper sees the original error, the flow does not crash', async () => {
    const conflict = new OmniApiError('confirm_in_progress', 'A payment is in progress.', 409);
    const { machine, steps } = setup({ confirm: async () => Promise.reject(conflict) });
    steps.getSession.mockRejectedValue(new TypeError('Failed to fetch'));
    const outcome = await pay(machine, steps);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'confirm_in_progress', message: 'A payment is in progress.' } });
    expect(steps.getSession).toHaveBeenCalledTimes(1);
    expect(steps.wait).not.toHaveBeenCalled();
  });

  it('without a wait step it really waits (250 ms) before reading again', async () => {
    vi.useFakeTimers();
    const sessions = [processing(), session({ status: 'complete', orderId: 'ord_t' })];
    const getSession = vi.fn(async () => sessions.shift()!);
    const result = paidMeanwhile({ getSession });
    await vi.advanceTimersByTimeAsync(249);
    expect(getSession).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(getSession).toHaveBeenCalledTimes(2);
    expect((await result)?.orderId).toBe('ord_t');
  });
});

describe('toCheckoutError', () => {
  it('keeps the backend’s code and message', () => {
    expect(toCheckoutError(new OmniApiError('card_declined', 'Declined.', 402))).toEqual({ code: 'card_declined', message: 'Declined.' });
  });

  it('keeps a provider’s field error, its message only when it is text', () => {
    expect(toCheckoutError({ code: 'incomplete_number', message: 'Your card number is incomplete.' })).toEqual({
      code: 'incomplete_number',
      message: 'Your card number is incomplete.',
    });
    expect(toCheckoutError({ code: 'x', message: { html: '<b>' } })).toEqual({ code: 'x', message: '' });
    expect(toCheckoutError({ code: 42 })).toEqual({ code: '42', message: '' });
  });

  it('a programming or network error leaks neither its message nor its code to the shopper', () => {
    const internal = { code: 'internal_error', message: '' };
    expect(toCheckoutError(new Error('secret stack detail'))).toEqual(internal);
    expect(toCheckoutError(Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' }))).toEqual(internal);
    expect(toCheckoutError('a string')).toEqual(internal);
    expect(toCheckoutError(null)).toEqual(internal);
    expect(toCheckoutError(undefined)).toEqual(internal);
    expect(toCheckoutError({ message: 'no code here' })).toEqual(internal);
  });

  it('a thrown Error during confirm fails the attempt as internal_error', async () => {
    const { machine, steps } = setup({ confirm: async () => Promise.reject(new Error('boom')) });
    expect(await pay(machine, steps)).toMatchObject({ status: 'failed', error: { code: 'internal_error', message: '' } });
    expect(machine.state.error).toEqual({ code: 'internal_error', message: '' });
  });
});

describe('the machine store', () => {
  it('an unsubscribed listener hears nothing more (a removed component does not re-render)', () => {
    const machine = createMachine();
    const listener = vi.fn();
    const unsubscribe = machine.subscribe(listener);
    machine.send({ type: 'FORM_CHANGED', complete: true });
    unsubscribe();
    machine.send({ type: 'FORM_CHANGED', complete: false });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('loaded: a session not complete is not shown as paid, even when it carries an order id', () => {
    const machine = createMachine();
    expect(loaded(machine, session({ status: 'processing', orderId: 'ord_p' }))).toBe(false);
    expect(machine.state).toMatchObject({ status: 'collecting', orderId: null });
  });

  it('paid elsewhere without an order id: an empty order number, never a made-up one', () => {
    const { machine } = setup();
    expect(paidElsewhere(machine, session({ status: 'complete' }))).toMatchObject({ status: 'succeeded', orderId: '', elsewhere: true });
    expect(machine.state.orderId).toBe('');
  });
});
