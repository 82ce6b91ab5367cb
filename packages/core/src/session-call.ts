/**
 * The one HTTP call of the `/v1/client/checkout-sessions/:id` clients (`client.ts`,
 * `identity-client.ts`): bearer client secret and publishable key, JSON in and out, no cookies,
 * no referrer, and every failure as an `OmniApiError` with the backend's stable code.
 */
import { OmniApiError, type ApiErrorBody, type ApiErrorCode } from './errors.js';
import { sessionIdFromClientSecret } from './client-secret.js';

export interface SessionCallOptions {
  /** Backend origin (and optional path prefix), e.g. `https://pay.example.com`. */
  readonly apiBase: string;
  readonly publishableKey: string;
  readonly clientSecret: string;
  readonly fetch?: typeof fetch;
}

export type SessionCall = <T>(method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

/** `call(method, path below the session, body, headers)`; `extraHeaders` is read at each call. */
export function sessionCaller(options: SessionCallOptions, extraHeaders: () => Record<string, string> = () => ({})): SessionCall {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = `${options.apiBase.replace(/\/+$/, '')}/v1/client/checkout-sessions/${encodeURIComponent(
    sessionIdFromClientSecret(options.clientSecret),
  )}`;
  return async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${options.clientSecret}`,
          'omni-publishable-key': options.publishableKey,
          ...extraHeaders(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        // Undefined without a body (JSON.stringify(undefined) is undefined).
        body: JSON.stringify(body),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      throw new OmniApiError('network_error', 'We could not reach the payment service. Check your connection and try again.', 0);
    }
    const payload = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) {
      const error = (payload as Partial<ApiErrorBody> | null)?.error;
      throw new OmniApiError(
        (error?.code ?? 'internal_error') as ApiErrorCode,
        error?.message ?? 'Something went wrong on our side. Please try again.',
        response.status,
        error?.issues ?? [],
        error?.declineCode,
      );
    }
    return payload as T;
  };
}
