/**
 * The handoff client (docs/omnichannel.md): the links, the event stream reader and the calls of
 * both sides. No zod here, so `<omni-handoff>` does not ship it; the backend validates every
 * request with the schemas of `handoff.ts`.
 */
import { OmniApiError, type ApiErrorBody, type ApiErrorCode } from './errors.js';
import { sessionIdFromClientSecret } from './client-secret.js';
import { sessionCaller, type SessionCallOptions } from './session-call.js';
import type { CreateHandoffResponse, HandoffState, HandoffStatus, RedeemHandoffResponse, ResumeOffer, ResumeResponse } from './handoff.js';

export type { CreateHandoffResponse, HandoffState, HandoffStatus, RedeemHandoffResponse, ResumeOffer, ResumeResponse };

/** The order of the states: a status never goes back to an earlier one on the first screen. */
export const HANDOFF_STATE_RANK: Readonly<Record<HandoffState, number>> = { none: 0, waiting: 1, opened: 2, paying: 3, paid: 4 };

/** A handoff token: 16 random bytes as base64url. */
export const HANDOFF_TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** The fragment key of a handoff link: `https://shop.example/pay#omni-handoff=<token>`. */
export const HANDOFF_FRAGMENT = 'omni-handoff';

/** The link a phone opens: the token goes in the fragment, which is never sent to a server nor in a Referer. */
export function handoffLink(base: string, token: string): string {
  const url = new URL(base);
  url.hash = `${HANDOFF_FRAGMENT}=${token}`;
  return url.toString();
}

/** The token in a page address's fragment, or null. */
export function handoffTokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get(HANDOFF_FRAGMENT);
  return token && HANDOFF_TOKEN.test(token) ? token : null;
}

/**
 * Reads a `text/event-stream` body: calls `onEvent(name, data)` per event until the stream ends
 * or `signal` aborts. Comment lines (heartbeats) are skipped.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (name: string, data: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  // A `fetch` that ignores the signal (a test double, a proxy) still stops reading.
  signal?.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  if (signal?.aborted) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':') || line === '') continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') name = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length > 0) onEvent(name, data.join('\n'));
    }
  }
}

export interface HandoffClient {
  /** Desktop: a new token for this session (the previous unused ones stay valid until they expire). */
  create(): Promise<CreateHandoffResponse>;
  /** The handoff status now (the polling fallback). */
  status(): Promise<HandoffStatus>;
  /**
   * Follows the status: Server-Sent Events, or polling every `pollMs` when the stream cannot be
   * opened or breaks. `onStatus` is called with each new status (never an earlier state); it stops
   * after `paid` or when `signal` aborts.
   */
  watch(onStatus: (status: HandoffStatus, via: 'events' | 'polling') => void, options: { readonly signal: AbortSignal; readonly pollMs?: number }): Promise<void>;
}

/** The desktop side, with the session's client secret. */
export function createHandoffClient(options: SessionCallOptions): HandoffClient {
  const call = sessionCaller(options);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.apiBase.replace(/\/+$/, '');
  const status = () => call<HandoffStatus>('GET', '/handoff');

  return {
    create: () => call<CreateHandoffResponse>('POST', '/handoff', {}),
    status,
    async watch(onStatus, { signal, pollMs = 1000 }) {
      let rank = -1;
      let done = false;
      const deliver = (next: HandoffStatus, via: 'events' | 'polling') => {
        if (HANDOFF_STATE_RANK[next.state] <= rank) return;
        rank = HANDOFF_STATE_RANK[next.state];
        if (next.state === 'paid') done = true;
        onStatus(next, via);
      };
      const sleep = (ms: number) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      while (!done && !signal.aborted) {
        const opened = Date.now();
        try {
          const path = `/v1/client/checkout-sessions/${encodeURIComponent(sessionIdFromClientSecret(options.clientSecret))}/handoff/events`;
          const response = await doFetch(`${base}${path}`, {
            headers: {
              accept: 'text/event-stream',
              authorization: `Bearer ${options.clientSecret}`,
              'omni-publishable-key': options.publishableKey,
            },
            credentials: 'omit',
            referrerPolicy: 'no-referrer',
            signal,
          });
          if (!response.ok || !response.body || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
            throw new Error(`no event stream (${response.status})`);
          }
          await readEventStream(response.body, (name, data) => {
            if (name === 'status') deliver(JSON.parse(data) as HandoffStatus, 'events');
          }, signal);
          // The server closes a stream after a while (or after paid): open the next one, at once
          // after a long stream, after the poll interval when it closed at once (a proxy that cuts
          // streams would otherwise have it reopened in a tight loop).
          if (!done && Date.now() - opened < pollMs) await sleep(pollMs);
        } catch {
          if (signal.aborted) return;
          // The stream failed: poll until the next attempt to stream.
          for (let i = 0; i < 5 && !done && !signal.aborted; i++) {
            try {
              deliver(await status(), 'polling');
            } catch {
              // Offline for a moment: keep trying.
            }
            if (!done) await sleep(pollMs);
          }
        }
      }
    },
  };
}

export interface RedeemOptions {
  readonly apiBase: string;
  readonly publishableKey: string;
  readonly fetch?: typeof fetch;
}

/** The phone side: exchanges the token once for this device's own credential. */
export async function redeemHandoff(options: RedeemOptions, token: string): Promise<RedeemHandoffResponse> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(`${options.apiBase.replace(/\/+$/, '')}/v1/client/handoff/redeem`, {
      method: 'POST',
      headers: { 'omni-publishable-key': options.publishableKey, 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new OmniApiError('network_error', 'We could not reach the payment service. Check your connection and try again.', 0);
  }
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (payload as Partial<ApiErrorBody> | null)?.error;
    throw new OmniApiError((error?.code ?? 'internal_error') as ApiErrorCode, error?.message ?? 'Something went wrong on our side.', response.status);
  }
  return payload as RedeemHandoffResponse;
}

// Resume on another device is an identity-network call: `createResumeClient` lives with the identity client.
export { createResumeClient, type ResumeClient } from './identity-client.js';
