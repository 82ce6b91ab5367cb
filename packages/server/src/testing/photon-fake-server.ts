/**
 * Runs the Photon fake as a process (the demo's address suggestions, no keys needed). Binds
 * 127.0.0.1 on `PHOTON_FAKE_PORT` (default: any free port) and prints one JSON line `{ "url" }`.
 * Stops on SIGTERM / SIGINT.
 */
import { startPhotonFake } from './geocoder-fakes.js';

const fake = await startPhotonFake({ port: Number(process.env.PHOTON_FAKE_PORT ?? 0) });
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
const stop = () => void fake.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
