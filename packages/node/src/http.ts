/**
 * The SDK's HTTP layer: `Authorization: Bearer sk_…`, JSON, an `Idempotency-Key` generated for
 * every write (the same key on each retry of one call), retries with exponential backoff on network
 * errors, 429 and 5xx, and API errors turned into `OmniCheckoutError` with the API's stable code.
 */
import { randomUUID } from 'node:crypto';
import type { ApiErrorCode } from '@omni-checkout/core';

export interface ClientOptions {
  /** The merchant's secret key, `sk_test_…` or `sk_live_…`. Never give it to a browser. */
  readonly secretKey: string;
  /** The backend, e.g. `https://pay.example.com` (default `http://localhost:8787`). */
  readonly apiBase?: string;
  /** Retries after a network error, 429 or 5xx (default 2: three attempts in all). */
  readonly maxNetworkRetries?: number;
  /** Per attempt (default 30 s). */
  readonly timeoutMs?: number;
  /** First backoff delay; doubles per retry with jitter (default 300 ms). */
  readonly retryBaseDelayMs?: number;
  readonly fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Your own key for this write; default: a new UUID per call, reused by its retries. */
  readonly idempotencyKey?: string;
}

/** An answer from the API with an error body: `code` is stable (see the API's error codes). */
export class OmniCheckoutError extends Error {
  override readonly name = 'OmniCheckoutError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | string,
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
    readonly requestId: string | null = null,
  ) {
    super(message);
  }
}

/** The backend could not be reached (after the retries). */
export class OmniCheckoutConnectionError extends Error {
  override readonly name = 'OmniCheckoutConnectionError';
}

/** Connection failures where the request surely never reached the server: safe to retry any request. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  return cause?.code;
}

export interface Transport {
  request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, options?: RequestOptions & { idempotent?: boolean }): Promise<T>;
}

export function createTransport(options: ClientOptions): Transport {
  if (!/^sk_(test|live)_/.test(options.secretKey)) throw new Error('@omni-checkout/node: secretKey must be a secret key (sk_test_… or sk_live_…).');
  const base = (options.apiBase ?? 'http://localhost:8787').replace(/\/+$/, '');
  const retries = options.maxNetworkRetries ?? 2;
  const baseDelay = options.retryBaseDelayMs ?? 300;
  const doFetch = options.fetch ?? fetch;
  const sleep = (attempt: number) => new Promise((resolve) => setTimeout(resolve, baseDelay * 2 ** attempt * (0.75 + Math.random() * 0.5)));

  return {
    /**
     * `idempotent`: the request can be repeated without a second effect (GET, DELETE, and writes the
     * API de-duplicates by Idempotency-Key). Other writes are retried only when they never left.
     */
    async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, request: RequestOptions & { idempotent?: boolean } = {}) {
      const idempotencyKey = method === 'POST' ? (request.idempotencyKey ?? randomUUID()) : undefined;
      const repeatable = method !== 'POST' || request.idempotent === true;
      for (let attempt = 0; ; attempt++) {
        let response: Response;
        try {
          response = await doFetch(`${base}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${options.secretKey}`,
              accept: 'application/json',
              'user-agent': 'omni-checkout-node/0.1',
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
            },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
            signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
          });
        } catch (error) {
          const safe = repeatable || NOT_SENT.has(causeCode(error) ?? '');
          if (safe && attempt < retries) {
            await sleep(attempt);
            continue;
          }
          throw new OmniCheckoutConnectionError(`Could not reach omni-checkout at ${base}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        if ((response.status === 429 || response.status >= 500) && repeatable && attempt < retries) {
          await response.body?.cancel().catch(() => undefined);
          await sleep(attempt);
          continue;
        }
        const text = await response.text();
        const json = text ? (JSON.parse(text) as unknown) : undefined;
        if (!response.ok) {
          const error = (json as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } } | undefined)?.error;
          throw new OmniCheckoutError(
            response.status,
            error?.code ?? 'internal_error',
            error?.message ?? `HTTP ${response.status}`,
            error?.issues ?? [],
            response.headers.get('x-request-id'),
          );
        }
        return json as T;
      }
    },
  };
}
