/**
 * Handoff tokens (docs/security.md R28, docs/omnichannel.md) on PGlite and PostgreSQL: a token opens
 * its own session once, for its own merchant, within its lifetime; everything else gets nothing.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HandoffStatus } from '@omni-checkout/core/handoff';
import { readEventStream } from '@omni-checkout/core/handoff-client';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, type TestEnv, type TestMerchant } from '../test/env.js';

const MINUTES = 3;

onEachDatabase((name, database) => {
  describe(`handoff tokens (${name})`, () => {
    let env: TestEnv;
    const setUp = async () => {
      env ??= await createTestEnv({ db: database(), app: { db: database(), handoff: { minutes: MINUTES, pollMs: 50 } } });
      return env;
    };

    async function desktop(m?: TestMerchant) {
      const e = await setUp();
      const merchant = m ?? (await createMerchant(e));
      const created = await createSession(e, merchant);
      const client = clientFor(e, merchant, created);
      const mint = async () => {
        const response = await client.post('/handoff', {});
        expect(response.status).toBe(201);
        return ((await response.json()) as { token: string; expiresAt: string }).token;
      };
      return { merchant, created, client, mint };
    }

    const redeem = (m: TestMerchant, token: string) =>
      env.app.request('/v1/client/handoff/redeem', {
        method: 'POST',
        headers: { 'omni-publishable-key': m.publishableKey, origin: m.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });

    const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error.code;

    it('mints a 128-bit token, distinct from the client secret, stored only as its hash', async () => {
      const { created, mint } = await desktop();
      const token = await mint();
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(16);
      expect(created.clientSecret).not.toContain(token);
      const { rows } = await env.db.query<Record<string, unknown>>('SELECT * FROM handoff_tokens WHERE session_id = $1', [created.id]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(JSON.stringify(rows)).not.toContain(created.clientSecret);
    });

    it('opens the same session on the phone with a credential of its own, once; a second open gets 410', async () => {
      const { merchant, created, mint } = await desktop();
      const token = await mint();
      const first = await redeem(merchant, token);
      expect(first.status).toBe(200);
      const device = (await first.json()) as { sessionId: string; clientSecret: string; deviceId: string };
      expect(device.sessionId).toBe(created.id);
      expect(device.clientSecret).not.toBe(created.clientSecret);
      expect(device.clientSecret.startsWith(`${created.id}_secret_`)).toBe(true);
      const phone = clientFor(env, merchant, { id: created.id, clientSecret: device.clientSecret });
      const session = (await (await phone.get()).json()) as { id: string; lineItems: unknown[]; totals: { total: number } };
      expect(session.id).toBe(created.id);
      expect(session.totals.total).toBe(created.session.totals.total);
      expect(JSON.stringify(session)).not.toContain(created.clientSecret);

      const again = await redeem(merchant, token);
      expect(again.status).toBe(410);
      expect(await errorCode(again)).toBe('handoff_token_used');
    });

    it('R28: the phone sees the cart and shipping choice, not the contact and address typed on the desktop, until it enters its own', async () => {
      const { merchant, created, client, mint } = await desktop();
      await client.fill();
      expect((await client.post('/shipping-option', { shippingOptionId: 'express' })).status).toBe(200);
      const device = (await (await redeem(merchant, await mint())).json()) as { clientSecret: string };
      const phone = clientFor(env, merchant, { id: created.id, clientSecret: device.clientSecret });
      const seen = (await (await phone.get()).json()) as Record<string, unknown>;
      expect(seen).toMatchObject({ contact: null, shippingAddress: null, selectedShippingOptionId: 'express' });
      expect(JSON.stringify(seen)).not.toContain('Lovelace');
      expect(JSON.stringify(seen)).not.toContain('ada@example.com');
      // Its own contact shows back; the desktop's address still does not.
      const own = (await (await phone.post('/contact', { email: 'phone@example.com' })).json()) as Record<string, unknown>;
      expect(own).toMatchObject({ contact: { email: 'phone@example.com' }, shippingAddress: null });
      // The desktop still sees everything.
      expect(((await (await client.get()).json()) as { shippingAddress: { name: string } }).shippingAddress.name).toBe('Ada Lovelace');
    });

    it('lets exactly one of ten simultaneous opens of one token through', async () => {
      const { merchant, mint } = await desktop();
      const token = await mint();
      const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(merchant, token)));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      expect(answers.filter((r) => r.status === 410)).toHaveLength(9);
    });

    it('expires after the configured minutes', async () => {
      const { merchant, mint } = await desktop();
      const start = env.clock.now;
      try {
        const token = await mint();
        const late = await mint();
        env.clock.now = new Date(start.getTime() + MINUTES * 60_000 - 1000);
        expect((await redeem(merchant, token)).status).toBe(200);
        env.clock.now = new Date(start.getTime() + MINUTES * 60_000);
        const expired = await redeem(merchant, late);
        expect(expired.status).toBe(410);
        expect(await errorCode(expired)).toBe('handoff_token_expired');
      } finally {
        env.clock.now = start;
      }
    });

    it("never opens another merchant's session: its token answers as an unknown one", async () => {
      const { mint } = await desktop();
      const token = await mint();
      const other = await createMerchant(env, 'Other Shop');
      const foreign = await redeem(other, token);
      expect(foreign.status).toBe(404);
      expect(await errorCode(foreign)).toBe('handoff_token_invalid');
    });

    it("a device's credential opens only its own session", async () => {
      const a = await desktop();
      const b = await desktop(a.merchant);
      const device = (await (await redeem(a.merchant, await a.mint())).json()) as { clientSecret: string };
      // The credential on session B's path, and B's secret-shaped path with A's device credential.
      const onB = await env.app.request(`/v1/client/checkout-sessions/${b.created.id}`, {
        headers: { authorization: `Bearer ${device.clientSecret}`, 'omni-publishable-key': a.merchant.publishableKey, origin: a.merchant.origin },
      });
      expect(onB.status).toBe(401);
      expect(await errorCode(onB)).toBe('invalid_client_secret');
      // A token of session B does not carry session A's credential either.
      const forB = (await (await redeem(a.merchant, await b.mint())).json()) as { sessionId: string };
      expect(forB.sessionId).toBe(b.created.id);
    });

    it('guessing: 500 random tokens and 50 malformed ones open nothing', async () => {
      const { merchant, mint } = await desktop();
      await mint();
      const guesses = [
        ...Array.from({ length: 500 }, () => randomBytes(16).toString('base64url')),
        ...Array.from({ length: 50 }, (_, i) => 'x'.repeat(i)),
      ];
      const answers = await Promise.all(guesses.map((token) => redeem(merchant, token)));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(0);
      expect(new Set(answers.map((r) => r.status))).toEqual(new Set([404]));
      const { rows } = await env.db.query<{ n: string | number }>('SELECT count(*) AS n FROM handoff_devices WHERE merchant_id = (SELECT id FROM merchants WHERE publishable_key = $1)', [merchant.publishableKey]);
      expect(Number(rows[0]!.n)).toBe(0);
    });

    it('a handed-off device cannot hand the session off again', async () => {
      const { merchant, created, mint } = await desktop();
      const device = (await (await redeem(merchant, await mint())).json()) as { clientSecret: string };
      const phone = clientFor(env, merchant, { id: created.id, clientSecret: device.clientSecret });
      const refused = await phone.post('/handoff', {});
      expect(refused.status).toBe(403);
      expect(await errorCode(refused)).toBe('handoff_not_allowed');
    });

    it('the phone pays: one order, the session records the handoff channel and the paying device', async () => {
      const { merchant, created, client, mint } = await desktop();
      const device = (await (await redeem(merchant, await mint())).json()) as { clientSecret: string; deviceId: string };
      const phone = clientFor(env, merchant, { id: created.id, clientSecret: device.clientSecret });
      await phone.fill();
      expect((await phone.confirm('pm_ok')).status).toBe(200);
      // The desktop's status and the merchant's view say who paid.
      const seen = HandoffStatus.parse(
        await (
          await env.app.request(`/v1/client/checkout-sessions/${created.id}/handoff`, {
            headers: { authorization: `Bearer ${created.clientSecret}`, 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin },
          })
        ).json(),
      );
      // A paid session cannot be handed off any more.
      const late = await client.post('/handoff', {});
      expect(late.status).toBe(409);
      expect(await errorCode(late)).toBe('session_completed');
      expect(seen).toMatchObject({ state: 'paid', paidChannel: 'handoff', paidDevice: device.deviceId });
      expect(seen.orderId).toMatch(/^ord_/);
      const merchantView = HandoffStatus.parse(await (await merchantGet(env, merchant, `/v1/checkout-sessions/${created.id}/handoff`)).json());
      expect(merchantView).toEqual(seen);
      const orders = (await (await merchantGet(env, merchant, `/v1/orders?sessionId=${created.id}`)).json()) as { data: unknown[] };
      expect(orders.data).toHaveLength(1);
      // Another merchant cannot read it.
      const other = await createMerchant(env, 'Nosy Shop');
      expect((await merchantGet(env, other, `/v1/checkout-sessions/${created.id}/handoff`)).status).toBe(404);
    });

    it('streams the status to the first screen: waiting, opened, paying or paid, then closes', async () => {
      const { merchant, created, mint } = await desktop();
      await mint();
      const response = await env.app.request(`/v1/client/checkout-sessions/${created.id}/handoff/events`, {
        headers: { authorization: `Bearer ${created.clientSecret}`, 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('access-control-allow-origin')).toBe(merchant.origin);
      expect(response.headers.get('cache-control')).toContain('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const states: string[] = [];
      const reading = readEventStream(response.body!, (event, data) => {
        if (event === 'status') states.push(HandoffStatus.parse(JSON.parse(data)).state);
      });
      await expect.poll(() => states).toEqual(['waiting']);
      const token = await mint();
      const device = (await (await redeem(merchant, token)).json()) as { clientSecret: string };
      await expect.poll(() => states).toEqual(['waiting', 'opened']);
      const phone = clientFor(env, merchant, { id: created.id, clientSecret: device.clientSecret });
      await phone.fill();
      expect((await phone.confirm('pm_ok')).status).toBe(200);
      await reading; // the stream ends after paid
      expect(states.at(-1)).toBe('paid');
      expect(states.slice(0, 2)).toEqual(['waiting', 'opened']);
    });

    it('refuses the event stream to a page of another origin and without the client secret', async () => {
      const { merchant, created } = await desktop();
      const path = `/v1/client/checkout-sessions/${created.id}/handoff/events`;
      const foreign = await env.app.request(path, {
        headers: { authorization: `Bearer ${created.clientSecret}`, 'omni-publishable-key': merchant.publishableKey, origin: 'https://evil.example' },
      });
      expect(foreign.status).toBe(403);
      const anonymous = await env.app.request(path, { headers: { 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin } });
      expect(anonymous.status).toBe(401);
    });
  });
});
