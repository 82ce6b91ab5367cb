/**
 * The channel everywhere (docs/omnichannel.md, "Channel and device"): every order records the
 * channel it was paid through and a coarse class of the device that paid (session and order views,
 * the merchant's order), and a market's payment methods are the same in every channel.
 */
import { describe, expect, it } from 'vitest';
import type { CheckoutSession, Order } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import { deviceClassOf, paidBy } from './channel.js';
import { onEachDatabase } from './test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, SAMPLE_SESSION, type AnyTestEnv, type TestMerchant } from './test/env.js';
import { createFakeProvider } from './test/fake-provider.js';
import { orderNotice } from './orders/notify.js';
import type { OutboxRow } from './notifications/outbox.js';

const UA = {
  iPhone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  androidPhone: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  iPad: 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  androidTablet: 'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  desktop: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
};

describe('the device class of a request', () => {
  it('tells phones, tablets and desktops apart from the client hint or the user agent', () => {
    expect(deviceClassOf({ userAgent: UA.iPhone })).toBe('phone');
    expect(deviceClassOf({ userAgent: UA.androidPhone })).toBe('phone');
    expect(deviceClassOf({ userAgent: UA.iPad })).toBe('tablet');
    expect(deviceClassOf({ userAgent: UA.androidTablet })).toBe('tablet');
    expect(deviceClassOf({ userAgent: UA.desktop })).toBe('desktop');
    // The client hint wins over a desktop-looking (reduced) user agent.
    expect(deviceClassOf({ userAgent: UA.desktop, mobileHint: '?1' })).toBe('phone');
    expect(deviceClassOf({ userAgent: null, mobileHint: '?0' })).toBe('desktop');
    // No browser at all (a server, a script): unknown, not guessed.
    expect(deviceClassOf({ userAgent: 'node' })).toBeNull();
    expect(deviceClassOf({})).toBeNull();
  });

  it('a kiosk paying with its own credential is the kiosk; a handed-off device pays through handoff', () => {
    expect(paidBy('kiosk', undefined, { userAgent: UA.desktop })).toEqual({ channel: 'kiosk', device: 'kiosk' });
    expect(paidBy('pos', undefined, { userAgent: UA.androidTablet })).toEqual({ channel: 'pos', device: 'kiosk' });
    expect(paidBy('kiosk', 'hd_1', { userAgent: UA.iPhone })).toEqual({ channel: 'handoff', device: 'phone' });
    expect(paidBy('link', undefined, { userAgent: UA.iPhone })).toEqual({ channel: 'link', device: 'phone' });
    // A payment link's browser always comes in with a device credential: it pays through the link.
    expect(paidBy('link', 'hd_2', { userAgent: UA.iPhone })).toEqual({ channel: 'link', device: 'phone' });
    expect(paidBy('web', undefined, { userAgent: UA.desktop })).toEqual({ channel: 'web', device: 'desktop' });
  });
});

const CHANNELS = ['web', 'app', 'kiosk', 'pos', 'link'] as const;
const MARKETS = [
  ['DE', 'EUR'],
  ['PL', 'PLN'],
  ['KR', 'KRW'],
  ['SA', 'SAR'],
  ['US', 'USD'],
  ['BR', 'BRL'],
  ['JP', 'JPY'],
] as const;

onEachDatabase((name, database) => {
  describe(`channel and device of every payment (${name})`, () => {
    let env: AnyTestEnv;
    let merchant: TestMerchant;
    const setUp = async () => {
      env ??= await createTestEnv({
        db: database(),
        // A provider carrying many methods, so each market shows several of its own.
        providers: [
          createFakeProvider({ id: 'stripe', methods: ['card', 'blik', 'p24', 'apple_pay', 'google_pay', 'link', 'klarna', 'sepa_debit', 'paypal', 'pix', 'boleto', 'konbini', 'mada'] }),
          createMockProvider({ force: true }),
        ],
        app: { db: database(), handoff: { minutes: 5, pollMs: 50 } },
      });
      merchant ??= await createMerchant(env, 'Channels', ['stripe', 'mock']);
      return env;
    };

    /** A handed-off device's credential for a session (the QR code's link, opened). */
    async function handOff(created: { id: string; clientSecret: string }): Promise<string> {
      const minted = await clientFor(env, merchant, created).post('/handoff', {});
      const { token } = (await minted.json()) as { token: string };
      const redeemed = await env.app.request('/v1/client/handoff/redeem', {
        method: 'POST',
        headers: { 'omni-publishable-key': merchant.publishableKey, origin: merchant.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(redeemed.status).toBe(200);
      return ((await redeemed.json()) as { clientSecret: string }).clientSecret;
    }

    /** Pays the session from a device with this user agent; answers the merchant's order and the session as the page sees it. */
    async function pay(created: { id: string; clientSecret: string }, userAgent: string): Promise<{ order: Order; session: CheckoutSession }> {
      const client = clientFor(env, merchant, created);
      await client.fill();
      const confirmed = await client.post('/confirm', { paymentMethod: 'pm_ok', provider: 'stripe' }, { 'idempotency-key': `k-${created.id}`, 'user-agent': userAgent });
      expect(confirmed.status).toBe(200);
      const orders = (await (await merchantGet(env, merchant, `/v1/orders?sessionId=${created.id}`)).json()) as { data: Order[] };
      expect(orders.data).toHaveLength(1);
      const order = (await (await merchantGet(env, merchant, `/v1/orders/${orders.data[0]!.id}`)).json()) as Order;
      const session = (await (await client.get()).json()) as CheckoutSession;
      return { order, session };
    }

    it.each([
      ['web', 'desktop', 'desktop'],
      ['app', 'iPhone', 'phone'],
      ['link', 'androidPhone', 'phone'],
      ['kiosk', 'androidTablet', 'kiosk'],
      ['pos', 'desktop', 'kiosk'],
    ] as const)('a %s checkout paid from a %s browser: the order and the session record the channel and the device class', async (channel, browser, device) => {
      await setUp();
      const userAgent = UA[browser];
      const created = await createSession(env, merchant, { ...SAMPLE_SESSION, channel });
      expect(created.session.paidVia).toBeNull();
      const { order, session } = await pay(created, userAgent);
      expect(order).toMatchObject({ channel, device });
      expect(session.paidVia).toEqual({ channel, device });
      // The merchant's view of the session says the same; the user agent itself is stored nowhere.
      const merchantView = (await (await merchantGet(env, merchant, `/v1/checkout-sessions/${created.id}`)).json()) as CheckoutSession;
      expect(merchantView.paidVia).toEqual({ channel, device });
      const { rows } = await env.db.query<Record<string, unknown>>('SELECT * FROM checkout_sessions WHERE id = $1', [created.id]);
      expect(JSON.stringify(rows)).not.toContain('Mozilla');
    });

    it('a kiosk checkout paid on the shopper phone it was handed to: channel handoff, device phone', async () => {
      await setUp();
      const created = await createSession(env, merchant, { ...SAMPLE_SESSION, channel: 'kiosk' });
      const secret = await handOff(created);
      const { order, session } = await pay({ id: created.id, clientSecret: secret }, UA.iPhone);
      expect(order).toMatchObject({ channel: 'handoff', device: 'phone' });
      expect(session.paidVia).toEqual({ channel: 'handoff', device: 'phone' });
      // The session's own channel stays the one it was started in.
      expect(session.channel).toBe('kiosk');
    });

    it('a payment link checkout, opened through its token on a phone, is paid through link, not handoff', async () => {
      await setUp();
      const created = await createSession(env, merchant, { ...SAMPLE_SESSION, channel: 'link' });
      const { order, session } = await pay({ id: created.id, clientSecret: await handOff(created) }, UA.androidPhone);
      expect(order).toMatchObject({ channel: 'link', device: 'phone' });
      expect(session.paidVia).toEqual({ channel: 'link', device: 'phone' });
    });

    it.each([
      ['de', 'Bezahlt über: Ans Handy übergeben (QR-Code) · Handy'],
      ['ar', 'تم الدفع عبر: التحويل إلى الهاتف (رمز QR) · هاتف'],
      ['en', 'Paid via: Handed to a phone (QR code) · Phone'],
    ])('the confirmation email says how the order was paid, in the shopper language (%s)', async (locale, line) => {
      await setUp();
      const created = await createSession(env, merchant, { ...SAMPLE_SESSION, channel: 'kiosk', locale });
      await pay({ id: created.id, clientSecret: await handOff(created) }, UA.iPhone);
      const { rows } = await env.db.query<{ id: number; dedupe_key: string; channel: 'email'; template: string; payload: Record<string, unknown> }>(
        'SELECT id, dedupe_key, channel, template, payload FROM outbox WHERE dedupe_key = $1',
        [`order-confirmation:${created.id}`],
      );
      expect(rows).toHaveLength(1);
      const row: OutboxRow = { id: rows[0]!.id, key: rows[0]!.dedupe_key, channel: 'email', template: rows[0]!.template, payload: rows[0]!.payload, attempts: 0 };
      const rendered = await orderNotice({ storage: env.storage, db: env.db }, 'confirmed')(row);
      const message = rendered!.message as { text: string; html: string };
      expect(message.text.split('\n')).toContain(line);
      expect(message.html).toContain(line.replace('&', '&amp;'));
    });

    it('a failed attempt on one device and the payment on another: the order names the one that paid', async () => {
      await setUp();
      const created = await createSession(env, merchant, { ...SAMPLE_SESSION, channel: 'web' });
      const desktop = clientFor(env, merchant, created);
      await desktop.fill();
      const declined = await desktop.post('/confirm', { paymentMethod: 'pm_card_declined', provider: 'stripe' }, { 'idempotency-key': 'declined', 'user-agent': UA.desktop });
      expect(declined.status).toBe(402);
      const secret = await handOff(created);
      const { order } = await pay({ id: created.id, clientSecret: secret }, UA.androidPhone);
      expect(order).toMatchObject({ channel: 'handoff', device: 'phone' });
    });

    it.each(MARKETS)("the market's payment methods are the same in every channel and on a handed-off phone (%s, %s)", async (country, currency) => {
      await setUp();
      const methods = async (channel: (typeof CHANNELS)[number]) => {
        const created = await createSession(env, merchant, { ...SAMPLE_SESSION, country, currency, channel });
        const session = (await (await clientFor(env, merchant, created).get()).json()) as CheckoutSession;
        return { created, offer: { methods: session.paymentMethods, hidden: session.hiddenPaymentMethods, providers: session.providers.map((p) => p.id) } };
      };
      const web = await methods('web');
      expect(web.offer.methods.length).toBeGreaterThan(1);
      for (const channel of CHANNELS) expect((await methods(channel)).offer, channel).toEqual(web.offer);
      // The phone a session was handed to sees the same offer as the screen it came from.
      const kiosk = await methods('kiosk');
      const phone = (await (await clientFor(env, merchant, { id: kiosk.created.id, clientSecret: await handOff(kiosk.created) }).get()).json()) as CheckoutSession;
      expect({ methods: phone.paymentMethods, hidden: phone.hiddenPaymentMethods, providers: phone.providers.map((p) => p.id) }).toEqual(web.offer);
    });
  });
});
