/** Delivery windows in the session and the order (core `delivery.ts`), from the merchant's settings. */
import { CheckoutSession, type ConfirmResponse } from '@omni-checkout/core';
import { describe, expect, it } from 'vitest';
import { newPublishableKey, newSecretKey } from './crypto.js';
import { Seed, applySeed } from './seed.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, type TestMerchant } from './test/env.js';

const env = await createTestEnv();

/** A Warsaw merchant that closes over Christmas. */
async function warsawMerchant(): Promise<TestMerchant> {
  const origin = 'https://shop.example';
  const publishableKey = newPublishableKey();
  const secretKey = newSecretKey();
  await applySeed(env.storage, Seed.parse({
    merchants: [{
      name: 'Warsaw Roasters', publishableKey, secretKey, allowedOrigins: [origin],
      delivery: { timeZone: 'Europe/Warsaw', cutoff: '15:00', holidays: ['12-24', '12-25', '12-26'] },
    }],
  }));
  return { publishableKey, secretKey, origin };
}

const windows = (session: CheckoutSession) => session.shippingOptions.map((o) => [o.id, o.deliveryWindow?.earliest, o.deliveryWindow?.latest]);

describe('delivery windows', () => {
  it('gives every shipping option calendar dates from the merchant’s time zone, cut-off and holidays', async () => {
    const m = await warsawMerchant();
    // Tuesday 22 Dec 2026, 14:30 in Warsaw: before the 15:00 cut-off, dispatched today; 24–27 Dec are closed.
    env.clock.now = new Date('2026-12-22T13:30:00Z');
    const created = await createSession(env, m);
    expect(windows(created.session)).toEqual([
      ['standard', '2026-12-28', '2026-12-30'],
      ['express', '2026-12-23', '2026-12-23'],
    ]);
    expect(CheckoutSession.parse(created.session)).toEqual(created.session);

    // The page reads the same session half an hour later: past the cut-off, everything moves a business day.
    env.clock.now = new Date('2026-12-22T14:00:00Z');
    const read = (await (await clientFor(env, m, created).get()).json()) as CheckoutSession;
    expect(windows(read)).toEqual([
      ['standard', '2026-12-29', '2026-12-31'],
      ['express', '2026-12-28', '2026-12-28'],
    ]);
  });

  it('uses Monday–Friday, UTC and 14:00 for a merchant that set nothing', async () => {
    const m = await createMerchant(env);
    env.clock.now = new Date('2026-12-11T13:59:00Z'); // Friday 13:59 UTC
    expect(windows((await createSession(env, m)).session)).toEqual([
      ['standard', '2026-12-15', '2026-12-17'],
      ['express', '2026-12-14', '2026-12-14'],
    ]);
    env.clock.now = new Date('2026-12-11T14:00:00Z'); // from the cut-off: dispatched on Monday
    expect(windows((await createSession(env, m)).session)).toEqual([
      ['standard', '2026-12-16', '2026-12-18'],
      ['express', '2026-12-15', '2026-12-15'],
    ]);
  });

  it('keeps the settings a session was created with, and the order keeps the window it was paid with', async () => {
    const m = await warsawMerchant();
    env.clock.now = new Date('2026-12-22T13:30:00Z');
    const created = await createSession(env, m);
    // The merchant moves to Seoul after the session was created: the open session keeps Warsaw.
    await env.storage.upsertMerchant({
      name: 'Warsaw Roasters', publishableKey: m.publishableKey, secretKey: m.secretKey, allowedOrigins: [m.origin],
      delivery: { timeZone: 'Asia/Seoul' },
    });
    const client = clientFor(env, m, created);
    await client.fill();
    const paid = (await (await client.confirm('pm_ok')).json()) as ConfirmResponse;
    expect(paid.order?.shippingOption?.deliveryWindow).toEqual({ earliest: '2026-12-28', latest: '2026-12-30' });

    // Days later the session's windows move on; the order's promise does not.
    env.clock.now = new Date('2027-01-05T09:00:00Z');
    const order = (await (await merchantGet(env, m, `/v1/orders/${paid.order!.id}`)).json()) as NonNullable<ConfirmResponse['order']>;
    expect(order.shippingOption?.deliveryWindow).toEqual({ earliest: '2026-12-28', latest: '2026-12-30' });
    // A new session of the same merchant now follows Seoul (09:00 UTC = 18:00, past the cut-off).
    expect(windows((await createSession(env, m)).session)[0]).toEqual(['standard', '2027-01-08', '2027-01-12']);
  });

  it('refuses settings that cannot be computed', () => {
    const merchant = { name: 'X', publishableKey: newPublishableKey(), secretKey: newSecretKey(), allowedOrigins: [] };
    for (const delivery of [{ timeZone: 'Europe/Atlantis' }, { cutoff: '25:00' }, { businessDays: [] }, { holidays: ['31-12'] }]) {
      expect(Seed.safeParse({ merchants: [{ ...merchant, delivery }] }).success, JSON.stringify(delivery)).toBe(false);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await (await env.app.request('/v1/openapi.json')).json()) as unknown;
    const text = JSON.stringify(document);
    expect(text).toContain('"deliveryWindow"');
    expect(text).toContain('"earliest"');
  });
});
