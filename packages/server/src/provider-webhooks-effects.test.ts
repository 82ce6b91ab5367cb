/**
 * What a provider event does beyond the session's status (found by the webhooks group's mutation
 * run, docs/mutation.md): a failure cancels the failed payment at the provider; a verification
 * error from another copy of the provider's package is still a signature refusal; an approved
 * payment the webhook confirms is left to the page when the session speaks (4xx), and answered as
 * an error when the provider fails (5xx), so the provider delivers the event again; a single
 * success logs no "second payment" error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '@omni-checkout/core';
import { usePglite } from './test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, type TestEnv, type TestMerchant } from './test/env.js';
import { eventMaker, postEvent, waitingForAction, type EventBody } from './test/provider-events.js';

const getDb = usePglite();
let env: TestEnv;
let merchant: TestMerchant;
const { event, nextId } = eventMaker('evt_fx');

beforeAll(async () => {
  env = await createTestEnv({ db: getDb() });
  merchant = await createMerchant(env, 'Provider Effects');
});

const TOTAL = 2 * 1999 + 850 + 495;
const post = (body: EventBody, target: TestEnv = env) => postEvent(target, body);
/** Log lines written since `from`, parsed. */
const logsSince = (from: number) => env.logs.slice(from).map((line) => JSON.parse(line) as { level: number; msg: string; code?: string });
const waiting = () => waitingForAction(env, merchant);

describe('provider events: effects at the provider and in the log', () => {
  it('cancels the failed payment at the provider when a failure reopens the session, and not again on a redelivery', async () => {
    const { client, reference } = await waiting();
    const failed = event(reference, { status: 'failed', reference, code: 'authentication_failed', message: '3DS failed' });
    expect((await post(failed)).status).toBe(200);
    expect(((await (await client.get()).json()) as { status: string }).status).toBe('open');
    expect(env.provider.cancelled.filter((ref) => ref === reference)).toEqual([reference]);
    expect((await post(failed)).status).toBe(200);
    expect(env.provider.cancelled.filter((ref) => ref === reference)).toEqual([reference]);
  });

  it('cancels nothing for a success', async () => {
    const { reference } = await waiting();
    env.provider.resolveAction(reference, 'approve');
    expect((await post(event(reference, { status: 'succeeded', reference, amount: TOTAL, currency: 'EUR' }))).status).toBe(200);
    expect(env.provider.cancelled).not.toContain(reference);
  });

  it('refuses with 400 a verification error thrown by another copy of the provider package (known by its name), or a renamed subclass', async () => {
    // core types `name` as the literal 'WebhookVerificationError'; a subclass from elsewhere renames it at run time.
    class RenamedVerificationError extends WebhookVerificationError {
      constructor(message: string) {
        super(message);
        Object.defineProperty(this, 'name', { value: 'StripeSignatureVerificationError' });
      }
    }
    for (const thrown of [Object.assign(new Error('no signature'), { name: 'WebhookVerificationError' }), new RenamedVerificationError('bad signature')]) {
      const other = await createTestEnv({ db: getDb() });
      other.provider.webhooks!.verify = async () => {
        throw thrown;
      };
      const response = await post(event('pay_x', null), other);
      expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([400, 'webhook_signature_invalid']);
    }
  });

  it('logs no "second payment" error for the one success of a session, nor for a late failure of its other attempt', async () => {
    const { created, client, reference } = await waiting();
    env.provider.resolveAction(reference, 'approve');
    const from = env.logs.length;
    expect((await post(event(reference, { status: 'succeeded', reference, amount: TOTAL, currency: 'EUR' }))).status).toBe(200);
    expect(((await (await client.get()).json()) as { status: string }).status).toBe('complete');
    const late = 'pay_late_failure';
    expect((await post(event(late, { status: 'failed', reference: late, code: 'card_declined', message: 'declined' }, { sessionId: created.id }))).status).toBe(200);
    expect(logsSince(from).filter((line) => line.level >= 50)).toEqual([]);
  });

  it('confirms an approved payment for its session, once, through the page’s path', async () => {
    const created = await createSession(env, merchant);
    await clientFor(env, merchant, created).fill();
    const approved = event('pm_ok', null, { sessionId: created.id, approved: true });
    expect((await post(approved)).status).toBe(200);
    expect((await env.storage.sessionById(created.id))!.status).toBe('complete');
    // Redelivered: the session is paid, nothing is confirmed again.
    const calls = env.provider.calls.length;
    expect((await post({ ...approved, id: nextId() })).status).toBe(200);
    expect(env.provider.calls.length).toBe(calls);
  });

  it('leaves an approved payment to the page when its session is not ready (a 4xx of the session), answering 200', async () => {
    const created = await createSession(env, merchant);
    const from = env.logs.length;
    const response = await post(event('pm_ok', null, { sessionId: created.id, approved: true }));
    expect(response.status).toBe(200);
    expect((await env.storage.sessionById(created.id))!.status).toBe('open');
    expect(logsSince(from).some((line) => line.msg === 'approved payment left to the page' && typeof line.code === 'string')).toBe(true);
  });

  it('answers an error when the provider fails while confirming an approved payment, so the provider delivers the event again', async () => {
    const created = await createSession(env, merchant);
    await clientFor(env, merchant, created).fill();
    env.provider.throwAfterNextPayment();
    const response = await post(event('pm_ok', null, { sessionId: created.id, approved: true }));
    expect(response.status).toBeGreaterThanOrEqual(500);
  });
});
