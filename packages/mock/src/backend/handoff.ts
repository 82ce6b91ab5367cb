/**
 * An in-memory double of the backend's handoff routes (docs/omnichannel.md), layered over a
 * `MemoryBackend` (and its identity double, if any), for stories and component tests of
 * `<omni-handoff>`: tokens are single use and expire, a redeemed token gives a device credential
 * of its own that the checkout routes accept, a device sees the cart but not the contact and
 * address typed on the first device until it enters its own, and the status streams as
 * Server-Sent Events. Same shapes, statuses and codes as the real backend (the contract suite).
 */
import { RedeemHandoffRequest, type HandoffState, type HandoffStatus } from '@omni-checkout/core/handoff';
import { z } from 'zod';
import { answer, errorAnswer, HttpError, parse, toResponse } from './http.js';
import type { MemoryBackend } from './index.js';

export interface HandoffDoubleOptions {
  /** The `fetch` to layer over (default the memory backend's; give the identity double's to keep its routes). */
  readonly fetch?: typeof globalThis.fetch;
  /** Token lifetime (default 10 minutes). */
  readonly minutes?: number;
  /** The clock (default the real one). */
  readonly now?: () => Date;
}

export interface HandoffDouble {
  readonly fetch: typeof globalThis.fetch;
  /** Tokens minted so far, newest last (a story's "phone" opens one). */
  readonly tokens: readonly string[];
  /** The status as the routes answer it now. */
  status(): HandoffStatus;
}

interface Device {
  readonly id: string;
  ownContact: boolean;
  ownAddress: boolean;
}

const Empty = z.object({}).strict();
const randomToken = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomHex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

export function withHandoff(memory: MemoryBackend, options: HandoffDoubleOptions = {}): HandoffDouble {
  const inner = options.fetch ?? memory.fetch;
  const now = options.now ?? (() => new Date());
  const minutes = options.minutes ?? 10;
  const tokens = new Map<string, { expiresAt: Date; used: boolean }>();
  const minted: string[] = [];
  const devices = new Map<string, Device>();
  let openedAt: string | null = null;
  let paidDevice: string | null = null;
  const sessionId = memory.session().id;
  const base = `/v1/client/checkout-sessions/${sessionId}`;

  function status(): HandoffStatus {
    const session = memory.session();
    const state: HandoffState =
      session.status === 'complete'
        ? 'paid'
        : session.status === 'processing' || session.status === 'requires_action'
          ? 'paying'
          : openedAt
            ? 'opened'
            : tokens.size > 0
              ? 'waiting'
              : 'none';
    return {
      object: 'handoff_status',
      sessionId,
      state,
      openedAt,
      paidChannel: paidDevice ? 'handoff' : null,
      paidDevice,
      orderId: session.status === 'complete' ? session.orderId : null,
    };
  }

  const bearer = (req: Request) => /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1] ?? '';

  function checkKey(req: Request): void {
    const key = req.headers.get('omni-publishable-key');
    if (!key) throw new HttpError(401, 'authentication_required', 'Send your publishable key in the Omni-Publishable-Key header.');
    if (key !== memory.publishableKey) throw new HttpError(401, 'invalid_api_key');
  }

  async function readJson(req: Request): Promise<unknown> {
    if (!/^application\/json\s*(;|$)/i.test(req.headers.get('content-type') ?? '')) throw new HttpError(415, 'unsupported_media_type');
    try {
      return JSON.parse(await req.text());
    } catch {
      throw new HttpError(400, 'invalid_json');
    }
  }

  function redeem(token: string) {
    const found = tokens.get(token);
    if (!found) {
      throw new HttpError(404, 'handoff_token_invalid', 'This link to pay on your phone is not valid. Open the checkout again and scan the new code.');
    }
    if (found.used) throw new HttpError(410, 'handoff_token_used', 'This link was already opened. Scan the code again on the first screen to get a new one.');
    if (found.expiresAt <= now()) {
      throw new HttpError(410, 'handoff_token_expired', 'This link has expired. Scan the code again on the first screen to get a new one.');
    }
    found.used = true;
    const clientSecret = `${sessionId}_secret_hd${randomHex(32)}`;
    const id = `hd_${randomHex(8)}`;
    devices.set(clientSecret, { id, ownContact: false, ownAddress: false });
    openedAt ??= now().toISOString();
    return answer(200, { object: 'handoff_device', sessionId, clientSecret, deviceId: id });
  }

  function events(signal: AbortSignal): Response {
    const encoder = new TextEncoder();
    let last = '';
    let timer: ReturnType<typeof setInterval> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = () => {
          const text = JSON.stringify(status());
          if (text !== last) {
            last = text;
            controller.enqueue(encoder.encode(`event: status\ndata: ${text}\n\n`));
          }
          if (status().state === 'paid' || signal.aborted) {
            clearInterval(timer);
            controller.close();
          }
        };
        send();
        if (status().state !== 'paid') timer = setInterval(send, 50);
      },
      cancel() {
        clearInterval(timer);
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
  }

  function redacted(body: unknown, device: Device): unknown {
    const redact = (session: Record<string, unknown>) => ({
      ...session,
      ...(device.ownContact ? {} : { contact: null }),
      ...(device.ownAddress ? {} : { shippingAddress: null }),
    });
    if (!body || typeof body !== 'object') return body;
    const record = body as Record<string, unknown>;
    if (record.object === 'checkout_session') return redact(record);
    const session = record.session as Record<string, unknown> | undefined;
    if (session?.object === 'checkout_session') return { ...record, session: redact(session) };
    return body;
  }

  async function asDevice(req: Request, device: Device, path: string): Promise<Response> {
    if (path === `${base}/handoff` && req.method === 'POST') {
      throw new HttpError(403, 'handoff_not_allowed', 'This device was handed the checkout; only the device that started it can hand it off.');
    }
    const headers = new Headers(req.headers);
    headers.set('authorization', `Bearer ${memory.clientSecret}`);
    const response = await memory.asHandoffDevice(() => handle(new Request(req, { headers }), path));
    if (response.status === 200 && req.method === 'POST') {
      if (path === `${base}/contact`) device.ownContact = true;
      if (path === `${base}/shipping-address`) device.ownAddress = true;
      if ((path === `${base}/confirm` || path === `${base}/complete-action`) && memory.session().status === 'complete') paidDevice ??= device.id;
    }
    if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) return response;
    return toResponse(answer(response.status, redacted(await response.json(), device)));
  }

  async function handle(req: Request, path: string): Promise<Response> {
    if (path === `${base}/handoff` || path === `${base}/handoff/events`) {
      // Authentication as on every session route: the double's own session read decides it.
      const check = await inner(new Request(`${memory.apiBase}${base}`, { headers: req.headers }));
      if (!check.ok) return check;
      if (path.endsWith('/events')) return events(req.signal);
      if (req.method === 'GET') return toResponse(answer(200, status()));
      parse(Empty, await readJson(req));
      const session = memory.session();
      if (session.status === 'complete') throw new HttpError(409, 'session_completed');
      const token = randomToken();
      const expiresAt = new Date(now().getTime() + minutes * 60_000);
      tokens.set(token, { expiresAt, used: false });
      minted.push(token);
      return toResponse(answer(201, { object: 'handoff_token', token, expiresAt: expiresAt.toISOString() }));
    }
    return inner(req);
  }

  const handoffFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? new Request(input, init) : new Request(new URL(String(input), `${memory.apiBase}/`), init);
    const apiPath = new URL(memory.apiBase).pathname.replace(/\/+$/, '');
    const url = new URL(req.url);
    const path = url.pathname.startsWith(`${apiPath}/`) ? url.pathname.slice(apiPath.length) : url.pathname;
    try {
      if (path === '/v1/client/handoff/redeem' && req.method === 'POST') {
        checkKey(req);
        return toResponse(redeem(parse(RedeemHandoffRequest, await readJson(req)).token));
      }
      const device = devices.get(bearer(req));
      if (device && path.startsWith(base)) return await asDevice(req, device, path);
      return await handle(req, path);
    } catch (error) {
      if (error instanceof HttpError) return toResponse(errorAnswer(error));
      throw error;
    }
  };

  return {
    fetch: handoffFetch as typeof globalThis.fetch,
    get tokens() {
      return [...minted];
    },
    status,
  };
}
