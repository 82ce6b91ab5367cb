/**
 * Runs the loopback fake of Stripe's API as a process (the demo's `--stripe-fake`):
 *   STRIPE_FAKE_PORT          port (default 0: any free port)
 *   STRIPE_FAKE_WEBHOOK_URL   where to deliver signed events (the backend's /v1/webhooks/stripe)
 *   STRIPE_WEBHOOK_SECRET     the signing secret the backend verifies with
 *   STRIPE_FAKE_BLIK_APPROVAL_MS  when the simulated bank app approves a BLIK payment (default 1500;
 *                             `off`: only when someone decides on its test page, `/_fake/pay/:pi`)
 * Prints one JSON line `{ "url": "http://127.0.0.1:<port>" }` once listening.
 */
import { startFakeStripe } from './api.js';

const fake = await startFakeStripe({
  port: Number(process.env.STRIPE_FAKE_PORT ?? 0),
  ...(process.env.STRIPE_FAKE_WEBHOOK_URL ? { webhookUrl: process.env.STRIPE_FAKE_WEBHOOK_URL } : {}),
  ...(process.env.STRIPE_WEBHOOK_SECRET ? { webhookSecret: process.env.STRIPE_WEBHOOK_SECRET } : {}),
});
const blik = process.env.STRIPE_FAKE_BLIK_APPROVAL_MS;
if (blik) fake.blikApprovalMs = blik === 'off' ? null : Number(blik);
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
const stop = () => void fake.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
