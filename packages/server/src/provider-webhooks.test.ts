/**
 * `POST /v1/webhooks/<provider>` with the fake provider (found by the mutation run, docs/mutation.md):
 * an unknown provider, a bad signature, a verified event we cannot store, a redelivery, a failure
 * or success for the current attempt, a stale one, a processing event, a second success, and a
 * verifier that crashes for another reason than the signature.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { usePglite } from './test/databases.js';
import { clientFor, countRows, createMerchant, createTestEnv, type TestEnv, type TestMerchant } from './test/env.js';
import { eventMaker, postEvent, waitingForAction, type EventBody } from './test/provider-events.js';

const getDb = usePglite();
let env: TestEnv;
let merchant: TestMerchant;
const { event, nextId } = eventMaker('evt_pw');

beforeAll(async () => {
  env = await createTestEnv({ db: getDb() });
  merchant = await createMerchant(env, 'Provider Events');
});

const post = (body: EventBody | string, headers?: Record<string, string>, provider = 'mock') => postEvent(env, body, headers, provider);
const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];
const waiting = () => waitingForAction(env, merchant);
const sessionOf = async (client: ReturnType<typeof clientFor>) =>
  (await (await client.get()).json()) as { status: string; lastPaymentError: { code: string } | null; nextAction: unknown };
const ordersOf = async (sessionId: string) => (await env.storage.listOrders((await env.storage.sessionById(sessionId))!.merchantId, { sessionId }))!.data;

describe('provider webhooks', () => {
  it('answers 404 not_found for a provider this server does not run', async () => {
    const body = event('pay_x', null);
    expect(await codeOf(await post(body, env.provider.signWebhook(JSON.stringify(body), env.clock.now), 'nope'))).toEqual([404, 'not_found']);
  });

  it('refuses a bad signature and a stale delivery with 400 webhook_signature_invalid, changing nothing', async () => {
    const { client, reference } = await waiting();
    const rows = await countRows(env.db);
    const body = JSON.stringify(event(reference, { status: 'failed', reference, code: 'card_declined', message: 'declined' }));
    const forged = { ...env.provider.signWebhook(body, env.clock.now), 'fake-signature': '00'.repeat(32) };
    const stale = env.provider.signWebhook(body, new Date(env.clock.now.getTime() - 10 * 60_000));
    for (const headers of [forged, stale]) expect(await codeOf(await post(body, headers))).toEqual([400, 'webhook_signature_invalid']);
    expect(await countRows(env.db)).toEqual(rows);
    expect((await sessionOf(client)).status).toBe('requires_action');
  });

  it('refuses a verified event without an id or type, or with ids that are not storable text, with 400 validation_failed', async () => {
    const { reference } = await waiting();
    const rows = await countRows(env.db);
    for (const body of [
      { ...event(reference, null), id: undefined },
      { ...event(reference, null), type: '' },
      { ...event(reference, null), reference: 42 },
      { ...event(reference, null), id: 'evt_\u0000nul' },
    ]) {
      expect(await codeOf(await post(body as EventBody))).toEqual([400, 'validation_failed']);
    }
    expect(await countRows(env.db)).toEqual(rows);
  });

  it('is a server error, not a signature refusal, when the verifier itself crashes', async () => {
    const crashing = await createTestEnv({ db: getDb() });
    crashing.provider.webhooks!.verify = async () => {
      throw new TypeError('bug in the verifier');
    };
    const body = JSON.stringify(event('pay_x', null));
    const response = await crashing.app.request('/v1/webhooks/mock', { method: 'POST', headers: crashing.provider.signWebhook(body, crashing.clock.now), body });
    expect(response.status).toBe(500);
  });

  it('settles a failure for the current attempt: the session reopens with the error, and a redelivery is a duplicate', async () => {
    const { client, reference } = await waiting();
    const failed = event(reference, { status: 'failed', reference, code: 'authentication_failed', message: '3DS failed' });
    const first = await post(failed);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const after = await sessionOf(client);
    expect([after.status, after.lastPaymentError?.code, after.nextAction]).toEqual(['open', 'authentication_failed', null]);
    // The page asking afterwards hears the same failure, as a 402.
    expect((await client.completeAction()).status).toBe(402);

    const again = await post(failed);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
  });

  it('changes nothing for a processing event, nor for a failure of an attempt that is no longer current', async () => {
    const { client, reference } = await waiting();
    expect((await post(event(reference, { status: 'processing', reference }))).status).toBe(200);
    expect((await sessionOf(client)).status).toBe('requires_action');
    expect((await post(event(reference, null))).status).toBe(200);
    expect((await sessionOf(client)).status).toBe('requires_action');

    // The shopper gave up on 3-D Secure and paid with another card: the old attempt's failure arrives late.
    env.provider.resolveAction(reference, 'fail');
    expect((await client.completeAction()).status).toBe(402);
    expect((await client.confirm('pm_ok')).status).toBe(200);
    const late = await post(event(reference, { status: 'failed', reference, code: 'authentication_failed', message: '3DS failed' }));
    expect(late.status).toBe(200);
    const paid = await sessionOf(client);
    expect([paid.status, paid.lastPaymentError]).toEqual(['complete', null]);
  });

  it('completes the session from a success event (the tab closed during 3-D Secure), once, with the amount charged', async () => {
    const { created, client, reference } = await waiting();
    const success = event(reference, { status: 'succeeded', reference, amount: 2 * 1999 + 850 + 495, currency: 'EUR' });
    expect(await (await post(success)).json()).toEqual({ received: true, duplicate: false });
    expect((await sessionOf(client)).status).toBe('complete');
    const orders = await ordersOf(created.id);
    expect(orders.map((o) => [o.amount, o.currency, o.paymentReference])).toEqual([[2 * 1999 + 850 + 495, 'EUR', reference]]);
    // A second event for the same payment (another id) records no second order.
    expect((await post({ ...success, id: nextId() })).status).toBe(200);
    expect(await ordersOf(created.id)).toHaveLength(1);
  });

  it('logs an error for a second successful payment of a paid session, so the merchant refunds it', async () => {
    const { created, client, reference } = await waiting();
    env.provider.resolveAction(reference, 'approve');
    expect((await client.completeAction()).status).toBe(200);
    const before = env.logs.length;
    const other = 'pay_elsewhere';
    const response = await post(event(other, { status: 'succeeded', reference: other, amount: 2 * 1999 + 850 + 495, currency: 'EUR' }, { sessionId: created.id }));
    expect(response.status).toBe(200);
    const errors = env.logs.slice(before).map((line) => JSON.parse(line) as { level: number; msg: string; reference?: string });
    expect(errors.filter((line) => line.level >= 50).map((line) => [line.msg, line.reference])).toEqual([
      ['second successful payment for a paid session', other],
    ]);
    expect(await ordersOf(created.id)).toHaveLength(1);
  });
});
