import { Agent, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Hono } from 'hono';
import { afterAll, expect, it } from 'vitest';
import { listen } from './listen.js';

const app = new Hono().get('/healthz', (c) => c.text('ok'));
const server = await new Promise<ReturnType<typeof listen>>((resolve) => {
  const s = listen(app.fetch, { port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
});

/** One GET through the keep-alive agent; answers the body and the client port of the socket used. */
function request(): Promise<{ body: string; localPort: number }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => {
      const localPort = res.socket.localPort!;
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ body, localPort }));
    }).on('error', reject);
  });
}

it('keeps an idle keep-alive connection open past Node’s 5 s default, so a reused socket is never reset', async () => {
  const first = await request();
  await delay(6_000);
  const second = await request();
  expect(second.body).toBe('ok');
  // The same TCP connection answered: the server did not close it while it was idle.
  expect(second.localPort).toBe(first.localPort);
}, 20_000);
