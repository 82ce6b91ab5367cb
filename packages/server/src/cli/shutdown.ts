/**
 * Graceful shutdown of `serve` on SIGTERM or SIGINT: mark the process draining (`/readyz` → 503, so
 * a load balancer stops routing here), stop accepting connections, close idle keep-alive sockets,
 * and let in-flight requests finish (a confirm waiting on its provider completes and records its
 * order). After `timeoutMs` the remaining connections are cut. Resolves once the server is closed.
 */
import type { Server } from 'node:http';
import type { Logger } from '../logger.js';

export interface DrainOptions {
  readonly onDrain: () => void;
  /** Longest wait for in-flight requests (default 25 s: inside Kubernetes' 30 s grace period). */
  readonly timeoutMs?: number;
  /** Resolves to the signal that starts the shutdown (default: the first SIGTERM or SIGINT). */
  readonly signal?: Promise<string>;
}

const firstSignal = () =>
  new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });

export async function drainAndStop(server: Server, logger: Logger, options: DrainOptions): Promise<void> {
  const signal = await (options.signal ?? firstSignal());
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  options.onDrain();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      logger.warn('shutdown timeout: closing the remaining connections');
      server.closeAllConnections();
    }, options.timeoutMs ?? 25_000);
    timer.unref();
    // Idle keep-alive sockets would hold close() open; busy ones become idle after their response.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
  logger.info('server closed');
}
