/**
 * Payment links (docs/omnichannel.md) on PGlite and PostgreSQL: created through the merchant API,
 * opened on the backend's origin (a checkout of channel `link`, handed to the browser by a
 * single-use token), paid once, and their states readable: active, paid, expired, disabled.
 */
import { describe, expect, it } from 'vitest';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createTestEnv, merchantGet, merchantPost, type TestEnv, type TestMerchant } from '../test/env.js';

interface Link {
  id: string;
  url: string;
  state: string;
  sessions: number;
  paid: number;
  channel: string;
  singleUse: boolean;
  lineItems: { name: string; unitAmount: number }[];
}

onEachDatabase((name, database) => {
  describe(`payment links (${name})`, () => {
    let env: TestEnv;
    let merchant: TestMerchant;
    const setUp = async () => {
      env ??= await createTestEnv({ db: database(), app: { db: database() } });
      merchant = await createMerchant(env);
      return env;
    };

    const create = async (body: Record<string, unknown>) => {
      await setUp();
      const response = await merchantPost(env, merchant, '/v1/payment_links', {
        currency: 'EUR',
        country: 'DE',
        channel: 'email',
        checkoutUrl: `${merchant.origin}/pay`,
        ...body,
      });
      return { status: response.status, body: (await response.json()) as Link & { error?: { code: string; issues?: { path: string }[] } } };
    };

    /** What a browser does with the link: follow it, then open the token on the merchant's page. */
    const open = async (link: Link, language = 'en') => {
      const response = await env.app.request(new URL(link.url).pathname, { headers: { 'accept-language': language } });
      if (response.status !== 303) return { status: response.status, html: await response.text(), response };
      const location = response.headers.get('location')!;
      expect(location.startsWith(`${merchant.origin}/pay#omni-handoff=`)).toBe(true);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const token = location.split('#omni-handoff=')[1]!;
      const redeemed = await env.app.request('/v1/client/handoff/redeem', {
        method: 'POST',
        headers: { 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(redeemed.status).toBe(200);
      const device = (await redeemed.json()) as { sessionId: string; clientSecret: string };
      return { status: 303, device, client: clientFor(env, merchant, { id: device.sessionId, clientSecret: device.clientSecret }) };
    };

    const read = async (link: Link) => (await (await merchantGet(env, merchant, `/v1/payment_links/${link.id}`)).json()) as Link;

    it('an amount link opens a checkout of channel link for that amount; paid once, it is paid and opens no more', async () => {
      const { status, body: link } = await create({ amount: 4200, description: 'Invoice 2026-117', channel: 'invoice' });
      expect(status).toBe(201);
      expect(link).toMatchObject({ state: 'active', channel: 'invoice', singleUse: true, sessions: 0, paid: 0 });
      expect(link.url).toMatch(/\/l\/plink_[0-9a-f]{24}$/);
      const opened = await open(link);
      const session = (await (await opened.client!.get()).json()) as { channel: string; totals: { total: number }; lineItems: { name: string }[] };
      expect(session).toMatchObject({ channel: 'link', totals: { total: 4200 } });
      expect(session.lineItems[0]!.name).toBe('Invoice 2026-117');
      // Opened again before paying: the same checkout.
      const again = await open(link);
      expect(again.device!.sessionId).toBe(opened.device!.sessionId);
      await opened.client!.fill();
      expect((await opened.client!.confirm('pm_ok')).status).toBe(200);
      expect(await read(link)).toMatchObject({ state: 'paid', sessions: 1, paid: 1 });
      const closed = await open(link, 'de-DE,de;q=0.9');
      expect(closed.status).toBe(410);
      expect(closed.html).toContain('Dieser Zahlungslink wurde bereits bezahlt.');
      expect(closed.html).toContain('lang="de"');
    });

    it('a multiple-use link opens a new checkout each time and stays active', async () => {
      const { body: link } = await create({ lineItems: [{ id: 'mug', name: 'Mug', unitAmount: 1200, quantity: 2 }], singleUse: false, channel: 'social' });
      const first = await open(link);
      const second = await open(link);
      expect(second.device!.sessionId).not.toBe(first.device!.sessionId);
      await first.client!.fill();
      expect((await first.client!.confirm('pm_ok')).status).toBe(200);
      expect(await read(link)).toMatchObject({ state: 'active', sessions: 2, paid: 1 });
    });

    it('expires, and a disabled link opens nothing; the pages speak the shopper’s language', async () => {
      const { body: link } = await create({ amount: 900, expiresInMinutes: 5 });
      const start = env.clock.now;
      try {
        env.clock.now = new Date(start.getTime() + 5 * 60_000);
        expect((await read(link)).state).toBe('expired');
        const expired = await open(link, 'ar');
        expect(expired.status).toBe(410);
        expect(expired.html).toContain('dir="rtl"');
        expect(expired.html).toContain('انتهت صلاحية رابط الدفع هذا.');
      } finally {
        env.clock.now = start;
      }
      const { body: other } = await create({ amount: 900 });
      const disabled = (await (await merchantPost(env, merchant, `/v1/payment_links/${other.id}/disable`, {})).json()) as Link;
      expect(disabled.state).toBe('disabled');
      const page = await open(other);
      expect(page.status).toBe(410);
      expect(page.html).toContain('This payment link is no longer active.');
      expect((await open({ ...other, url: 'https://x/l/plink_000000000000000000000000' })).status).toBe(404);
    });

    it('validates: line items or an amount, a known channel, a checkout page on an allowed origin; another merchant sees nothing', async () => {
      const both = await create({ amount: 100, lineItems: [{ id: 'a', name: 'A', unitAmount: 100, quantity: 1 }] });
      expect(both.status).toBe(400);
      expect(both.body.error!.code).toBe('validation_failed');
      expect((await create({})).status).toBe(400);
      expect((await create({ amount: 100, channel: 'fax' })).body.error!.issues!.map((i) => i.path)).toEqual(['channel']);
      const foreign = await create({ amount: 100, checkoutUrl: 'https://evil.example/pay' });
      expect(foreign.body.error!.issues!.map((i) => i.path)).toEqual(['checkoutUrl']);
      const { body: link } = await create({ amount: 100 });
      const other = await createMerchant(env, 'Other');
      expect((await merchantGet(env, other, `/v1/payment_links/${link.id}`)).status).toBe(404);
      expect((await merchantPost(env, other, `/v1/payment_links/${link.id}/disable`, {})).status).toBe(404);
      expect((await env.app.request('/v1/payment_links', { method: 'POST' })).status).toBe(401);
    });
  });
});
