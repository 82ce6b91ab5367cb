/** Request-level concerns: logging, headers, body limits and parsing, authentication, CORS. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { randomHex, sha256 } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { MerchantRecord, SessionRecord, Storage } from '../storage/index.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    merchant: MerchantRecord;
    session: SessionRecord;
    /** SHA-256 of the raw JSON body, for idempotency checks. */
    bodyHash: string;
    /** The handed-off device whose credential authorised the request (docs/omnichannel.md), if any. */
    handoffDevice: string | undefined;
    /**
     * What the identity network's `apply` put into the session from the shopper's own profile:
     * on a handed-off device they are that device's own details (R28, docs/omnichannel.md).
     */
    profileApplied: { contact: boolean; address: boolean } | undefined;
  };
}

type Middleware = MiddlewareHandler<AppEnv>;

export const MAX_BODY_BYTES = 64 * 1024;

export const CLIENT_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'omni-publishable-key', 'omni-shopper-token'];

/**
 * Request ids: unique per process (a random prefix drawn at start) and across instances, cheap to
 * make (a counter), never a secret. Not for anything but correlating log lines.
 */
const REQUEST_ID_PREFIX = `req_${randomHex(4)}`;
let requestCounter = 0;
export const nextRequestId = () => `${REQUEST_ID_PREFIX}${(++requestCounter).toString(36)}`;

/** One structured line per request; headers and bodies are never logged. */
export function requestLog(logger: Logger): Middleware {
  return async (c, next) => {
    const started = performance.now();
    const requestId = nextRequestId();
    c.set('requestId', requestId);
    c.header('Request-Id', requestId);
    await next();
    ensureHeader(c, 'Request-Id', requestId);
    logger.info(
      { requestId, method: c.req.method, route: routePath(c, -1), status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  };
}

/**
 * Headers are set before the handler runs: Hono then builds the response with them (the Node
 * adapter's fast path). Setting one after `next()` makes Hono rebuild the finished response as a
 * full web `Response` with a body stream, which cost more than the rest of a cached read. A
 * handler that returns its own `Response` (a provider's) does not carry them: they are added after.
 */
function ensureHeader(c: Context, name: string, value: string): void {
  if (!c.res.headers.has(name)) c.header(name, value);
}

const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cache-Control', 'no-store'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Content-Type-Options', 'nosniff'],
];

/**
 * The liveness probe (`GET /healthz`): the process answers. It runs before the metrics and the
 * request log: a load balancer or orchestrator probes every few seconds on every instance, and a
 * log line and a latency sample per probe are noise production does not want (the probe's own
 * success or failure is what the prober records). It still goes through the same server, adapter
 * and router as every request, and carries the same headers (a Request-Id, the security headers).
 * `/readyz` (database, migrations, shutdown) is the check that touches dependencies.
 */
export const healthz = (c: Context): Response => {
  c.header('Request-Id', nextRequestId());
  for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
  return c.json({ ok: true });
};

/** API answers are private and must not leak where the shopper came from. */
export const securityHeaders: Middleware = async (c, next) => {
  for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
  await next();
  for (const [name, value] of SECURITY_HEADERS) ensureHeader(c, name, value);
};

const limitTo = (maxSize: number): Middleware =>
  bodyLimit({
    maxSize,
    onError: (c) => {
      // The rest of the body stays unread on the socket: close it after this answer, so the
      // client sends its next request on a fresh connection instead of one the server drops.
      c.header('Connection', 'close');
      throw new ApiError(413, 'payload_too_large', `The request body is larger than ${maxSize / 1024} KB.`);
    },
  });

/**
 * A body limit that stays off the adapter's slow path: a request without a body, or whose
 * Content-Length is within the limit (Node's parser never reads past it), passes without touching
 * the body stream, which would make the Node adapter build a full `Request` and `AbortSignal`.
 * Only a chunked body is counted as it streams (Hono's `bodyLimit`).
 */
const limitFast = (maxSize: number): Middleware => {
  const streamed = limitTo(maxSize);
  return (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) <= maxSize) return next();
      // The body stays unread on the socket: close the connection after this answer (as below).
      c.header('Connection', 'close');
      throw new ApiError(413, 'payload_too_large', `The request body is larger than ${maxSize / 1024} KB.`);
    }
    return streamed(c, next);
  };
};

const limitApiBody = limitFast(MAX_BODY_BYTES);

/** Provider events carry whole payment objects: they get more room than API requests. */
export const MAX_WEBHOOK_BODY_BYTES = 512 * 1024;
export const limitWebhookBody: Middleware = limitFast(MAX_WEBHOOK_BODY_BYTES);

export const limitBody: Middleware = (c, next) => (c.req.path.startsWith('/v1/webhooks/') ? next() : limitApiBody(c, next));

/** POST bodies are JSON objects: 415 for another content type, 400 `invalid_json` for bad JSON. */
export const jsonBody: Middleware = async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json.');
  }
  const text = await c.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError(400, 'invalid_json', 'The request body must be a JSON object.');
  }
  c.set('bodyHash', sha256(text));
  return next();
};

function bearer(c: Context): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1] ?? null;
}

const isSecretKey = (token: string) => token.startsWith('sk_');
const isPublishableKey = (token: string) => token.startsWith('pk_');

/** Merchant API: `Authorization: Bearer sk_...`. */
export function secretKeyAuth(storage: Storage): Middleware {
  return async (c, next) => {
    const token = bearer(c);
    if (!token) throw new ApiError(401, 'authentication_required', 'Send your secret key as Authorization: Bearer sk_...');
    if (!isSecretKey(token)) {
      throw new ApiError(401, 'secret_key_required', 'This endpoint needs your secret key (sk_...), not a publishable key or client secret.');
    }
    const merchant = await storage.merchantBySecretKey(token);
    if (!merchant) throw new ApiError(401, 'invalid_api_key', 'This API key is not valid.');
    c.set('merchant', merchant);
    return next();
  };
}

function allowOrigin(c: Context, origin: string): void {
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Access-Control-Expose-Headers', 'Request-Id');
}

/**
 * Whether the request comes from a page of the backend's own origin (a payment link's hosted pay
 * page, docs/omnichannel.md): its host is the one the request was sent to. Every merchant's key
 * works there, since only the backend's own pages are served from it.
 */
function isOwnOrigin(c: Context, origin: string): boolean {
  try {
    return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}

/**
 * Browser-facing API (`/v1/client/*`, `/v1/providers/*`): the publishable key names the merchant,
 * whose exact-origin allowlist decides CORS. Preflights carry no key, so they pass for an origin
 * that some merchant allows; the actual request is then checked against its own merchant.
 */
export function browserGate(storage: Storage): Middleware {
  return async (c, next) => {
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    if (origin === 'null') throw new ApiError(403, 'origin_not_allowed', 'Requests from an opaque origin are not allowed.');
    if (c.req.method === 'OPTIONS') {
      if (!origin || !(await storage.isOriginAllowedAnywhere(origin))) {
        throw new ApiError(403, 'origin_not_allowed', 'This website is not allowed to use this checkout.');
      }
      allowOrigin(c, origin);
      c.header('Access-Control-Allow-Methods', 'GET, POST');
      c.header('Access-Control-Allow-Headers', CLIENT_HEADERS.join(', '));
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    const key = c.req.header('omni-publishable-key');
    if (!key) throw new ApiError(401, 'authentication_required', 'Send your publishable key in the Omni-Publishable-Key header.');
    if (isSecretKey(key) || isSecretKey(bearer(c) ?? '')) {
      throw new ApiError(401, 'publishable_key_required', 'Never send a secret key from a browser: use your publishable key (pk_...).');
    }
    if (!isPublishableKey(key)) throw new ApiError(401, 'invalid_api_key', 'This publishable key is not valid.');
    const merchant = await storage.merchantByPublishableKey(key);
    if (!merchant) throw new ApiError(401, 'invalid_api_key', 'This publishable key is not valid.');
    if (origin && !merchant.allowedOrigins.includes(origin) && !isOwnOrigin(c, origin)) {
      throw new ApiError(403, 'origin_not_allowed', 'This website is not allowed to use this checkout.');
    }
    c.set('merchant', merchant);
    if (origin) allowOrigin(c, origin);
    await next();
    // A provider route may answer with its own Response, which does not carry the headers set above.
    if (origin) {
      ensureHeader(c, 'Access-Control-Allow-Origin', origin);
      ensureHeader(c, 'Access-Control-Expose-Headers', 'Request-Id');
    }
    ensureHeader(c, 'Vary', 'Origin');
  };
}

/** A handed-off device's credential (docs/omnichannel.md): its device and session, or null. */
export type DeviceCredentials = (credential: string) => Promise<{ readonly id: string; readonly sessionId: string } | null>;

/**
 * Client API: the client secret must belong to the session in the path and to the key's merchant.
 * With `devices`, a handed-off device's own credential for that session is accepted as well.
 */
export function clientSecretAuth(storage: Storage, devices?: DeviceCredentials): Middleware {
  return async (c, next) => {
    const secret = bearer(c);
    if (!secret) throw new ApiError(401, 'authentication_required', "Send the session's client secret as Authorization: Bearer ...");
    // Built only when raised: an error's stack trace is not free.
    const invalid = () => new ApiError(401, 'invalid_client_secret', 'This checkout link is not valid for this session.');
    const index = secret.indexOf('_secret_');
    // As core's sessionIdFromClientSecret, without an exception for the common case.
    const sessionId = index > 0 ? secret.slice(0, index) : null;
    if (sessionId === null || sessionId !== c.req.param('id')) throw invalid();
    let session = await storage.sessionByClientSecret(secret);
    if (!session && devices) {
      const device = await devices(secret);
      if (device && device.sessionId === sessionId) {
        session = await storage.sessionById(sessionId);
        c.set('handoffDevice', device.id);
      }
    }
    if (!session || session.id !== sessionId || session.merchantId !== c.get('merchant').id) throw invalid();
    c.set('session', session);
    return next();
  };
}
