/**
 * After a 413 the client's next request works (docs/security.md, "Input"): the server answers the
 * oversized request with `Connection: close` and closes that socket, instead of keeping a socket
 * whose unread body it then drops under the client's next request.
 */
import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from './http/listen.js';
import { createMerchant, createTestEnv, SAMPLE_SESSION, type TestMerchant } from './test/env.js';

const env = await createTestEnv();
let merchant: TestMerchant;
let server: ReturnType<typeof listen>;
let port: number;

beforeAll(async () => {
  merchant = await createMerchant(env);
  server = listen(env.app.fetch, { port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One request on `agent` (a keep-alive pool, as browsers and fetch use): status and Connection header, or the network error. */
function send(agent: Agent, body: string): Promise<{ status: number; connection: string | undefined } | { error: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/checkout-sessions',
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      },
    );
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(body);
  });
}

describe('a 413 on a keep-alive connection', () => {
  it('closes that connection, and the next request on the same client succeeds (10 rounds)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const huge = JSON.stringify({ ...SAMPLE_SESSION, metadata: { pad: 'x'.repeat(200) }, padding: 'y'.repeat(300_000) });
      for (let round = 0; round < 10; round++) {
        expect(await send(agent, huge)).toEqual({ status: 413, connection: 'close' });
        expect(await send(agent, JSON.stringify(SAMPLE_SESSION))).toMatchObject({ status: 201 });
      }
    } finally {
      agent.destroy();
    }
  });
});
