/**
 * Runs the Moyasar fake on a free port (MOYASAR_FAKE_PORT, default any) and prints one JSON line
 * `{ url, secretKey, publishableKey }` (the demo reads it). MOYASAR_FAKE_WEBHOOK_URL and
 * MOYASAR_WEBHOOK_SECRET make it deliver webhooks to the backend.
 */
import { startMoyasarFake } from './fake.js';

const fake = await startMoyasarFake({
  port: Number(process.env['MOYASAR_FAKE_PORT'] ?? 0),
  ...(process.env['MOYASAR_FAKE_WEBHOOK_URL'] ? { webhookUrl: process.env['MOYASAR_FAKE_WEBHOOK_URL'] } : {}),
  ...(process.env['MOYASAR_WEBHOOK_SECRET'] ? { webhookSecret: process.env['MOYASAR_WEBHOOK_SECRET'] } : {}),
});
process.stdout.write(`${JSON.stringify({ url: fake.url, secretKey: fake.secretKey, publishableKey: fake.publishableKey })}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
