/**
 * Runs the PayPal REST fake as a process (the demo and the e2e suite use it when no PayPal sandbox
 * credentials are set). Binds 127.0.0.1 on port 0 and prints one JSON line:
 * `{ "url", "clientId", "clientSecret", "webhookId" }`. Stops on SIGTERM / SIGINT.
 */
import { startPayPalRestFake } from './rest-fake.js';

const fake = await startPayPalRestFake();
process.stdout.write(`${JSON.stringify({ url: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, webhookId: fake.webhookId })}\n`);
const stop = () => void fake.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
