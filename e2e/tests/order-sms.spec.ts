/**
 * Order updates by SMS, in the demo shop (mock provider; Polish and Arabic markets): the shopper
 * chooses SMS at checkout and gives a mobile number → pays → the merchant adds a shipment through
 * the API → the confirmation and "shipped" texts arrive in the dev SMS catcher (listed in the dev
 * mailbox) in the shopper's language, each once, with the signed status link → the link opens the
 * order's status page with the parcel; no email was sent, since the shopper chose SMS only.
 */
import handoffAr from '../../packages/elements/src/i18n/handoff/ar.js';
import handoffPl from '../../packages/elements/src/i18n/handoff/pl.js';
import updatesAr from '../../packages/elements/src/i18n/order-updates/ar.js';
import updatesPl from '../../packages/elements/src/i18n/order-updates/pl.js';
import mockAr from '../../packages/mock/src/client/i18n/ar.js';
import mockPl from '../../packages/mock/src/client/i18n/pl.js';
import orderAr from '../../packages/core/src/order-text/ar.js';
import orderPl from '../../packages/core/src/order-text/pl.js';
import { test, expect } from '../fixtures/test.js';
import { apiBase, merchant, shopUrl } from '../fixtures/env.js';
import { demoMarket, openMarketCheckout } from '../fixtures/markets.js';

interface Caught {
  readonly channel?: string;
  readonly to: string;
  readonly text: string;
}

/** Seven random digits: a number of its own per run (the mailbox lists every run's texts). */
const digits = () => String(Math.floor(1_000_000 + Math.random() * 8_999_999));

const MARKETS = [
  {
    ...demoMarket('pl-PL'),
    updates: updatesPl,
    payOnPhone: handoffPl.payOnPhone,
    card: mockPl,
    order: orderPl,
    // Typed as a Polish shopper would, without the country code.
    phone: () => {
      const rest = `50${digits()}`;
      const grouped = `${rest.slice(0, 3)} ${rest.slice(3, 6)} ${rest.slice(6)}`;
      return { typed: grouped, shown: `+48 ${grouped}`, e164: `+48${rest}` };
    },
    choice: 'sms' as const,
  },
  {
    ...demoMarket('ar-SA'),
    updates: updatesAr,
    payOnPhone: handoffAr.payOnPhone,
    card: mockAr,
    order: orderAr,
    phone: () => {
      const rest = `50${digits()}`;
      return { typed: `0${rest}`, shown: `+966 ${rest.slice(0, 2)} ${rest.slice(2, 5)} ${rest.slice(5)}`, e164: `+966${rest}` };
    },
    choice: 'sms' as const,
  },
] as const;

for (const m of MARKETS) {
  test(`${m.market}: chooses SMS at checkout, pays, and the texts arrive once each with a status link that opens the order`, async ({ page, context }) => {
    test.setTimeout(120_000);
    const merchantApi = (path: string, data: unknown) =>
      page.request.post(`${apiBase}${path}`, { headers: { authorization: `Bearer ${merchant.secretKey}` }, data });
    expect((await merchantApi('/v1/order-settings', { statusPageUrl: `${shopUrl}/order-status` })).status()).toBe(200);

    const mailOf = (sessionId: string) => `${m.market}-sms-${sessionId.slice(-8)}@example.com`;
    const sessionId = await openMarketCheckout(page, context, m, undefined, mailOf);
    const email = mailOf(sessionId);
    const phone = m.phone();

    // How to hear about the order: SMS, with a mobile number.
    const updates = page.getByRole('group', { name: m.updates.legend });
    await expect(updates.getByRole('radio', { name: m.updates.email, exact: true })).toBeChecked();
    await updates.getByRole('radio', { name: m.updates.sms, exact: true }).check();
    const number = updates.getByLabel(m.updates.phone, { exact: true });
    await expect(number).toHaveAttribute('autocomplete', 'tel');
    await number.fill(phone.typed);
    await number.blur();
    // Checked and shown in international format.
    await expect(number).toHaveValue(phone.shown);
    await expect(number).not.toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel(m.card.cardNumber, { exact: true }).pressSequentially('4242424242424242');
    await page.getByLabel(m.card.expiry, { exact: true }).pressSequentially('1234');
    await page.getByLabel(m.card.cvc, { exact: true }).pressSequentially('123');
    // The pay button, not the "Pay on your phone" button that follows it.
    await page.getByRole('button', { name: new RegExp(`^(?!${m.payOnPhone})${m.t.pay('').trim()}`) }).click();
    await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
    const orders = await page.request.get(`${apiBase}/v1/orders?sessionId=${sessionId}`, { headers: { authorization: `Bearer ${merchant.secretKey}` } });
    const order = ((await orders.json()) as { data: { id: string; contact: unknown }[] }).data[0]!;
    expect(order.contact).toEqual({ email, phone: phone.e164, notifyBy: m.choice });

    // The shop ships the parcel through the API.
    const shipped = await merchantApi(`/v1/orders/${order.id}/shipments`, { carrier: 'InPost', trackingNumber: '620000000000000000000077', trackingUrl: 'https://inpost.example/track/620000000000000000000077' });
    expect(shipped.status()).toBe(200);

    const caught = async () => ((await (await page.request.get(`${apiBase}/dev/mailbox.json`)).json()) as { data: Caught[] }).data;
    const texts = async () => (await caught()).filter((message) => message.to === phone.e164);
    await expect.poll(async () => (await texts()).length, { timeout: 15_000 }).toBe(2);
    const bodies = (await texts()).map((message) => message.text.trim());
    const link = bodies[0]!.split('\n')[1]!;
    expect(link.startsWith(`${shopUrl}/order-status#order-status=ost_${order.id}.`)).toBe(true);
    expect(bodies.sort()).toEqual([`${m.order.mail.sms.confirmed(merchant.name)}\n${link}`, `${m.order.mail.sms.shipped(merchant.name)}\n${link}`].sort());
    expect((await texts()).every((message) => message.channel === 'sms')).toBe(true);
    // SMS only: no email to the shopper.
    expect((await caught()).filter((message) => message.to === email)).toEqual([]);

    // The link in the text opens the order's status with the parcel.
    await page.goto(link);
    const status = page.locator('omni-order-status');
    await expect(status.getByRole('heading', { name: m.order.title })).toBeVisible();
    await expect(status.locator('[part~="state"]')).toHaveText(m.order.states.shipped);
    await expect(status.getByRole('link', { name: m.order.track('\u2068InPost\u2069') })).toHaveAttribute('href', 'https://inpost.example/track/620000000000000000000077');
  });
}
