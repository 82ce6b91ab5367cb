import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than what
 * clients and load balancers keep (AWS ALB 60 s, nginx upstream keepalive 60 s, Node's own agent
 * reusing sockets freely): a request sent on a socket the server is closing at that moment fails
 * with ECONNRESET. Keeping the server's side open longer than any client's closes that race.
 */
export const KEEP_ALIVE_MS = 65_000;

/** Serves `fetch` (the Hono app) on `hostname:port` with keep-alive longer than its clients'. */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  { port, hostname }: { port: number; hostname: string },
  onListening?: (info: AddressInfo) => void,
): Server {
  const server = serve({ fetch, port, hostname }, onListening) as Server;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Must outlast keepAliveTimeout, or Node may drop a request whose headers arrive on a reused socket.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}
