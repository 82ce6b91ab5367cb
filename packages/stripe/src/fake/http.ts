/**
 * The HTTP side of the fake Stripe API: CORS like api.stripe.com, the fake-only `/_fake/...` routes,
 * API keys (test mode only; secret or publishable), the `Stripe-Account` header, idempotency keys
 * (idempotency.ts) and the optional latency, before a request reaches the router (routes.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.js';
import { parseForm } from './form.js';
import { createIdempotency } from './idempotency.js';
import { bankPageHtml, phonePageHtml, returnAddress, waitingIntent, type LocalDecision } from './local-methods.js';
import { decideAction, decideChallenge } from './payment-intents.js';
import type { Route } from './routes.js';
import { id, PLATFORM, type FakeStore, type FakeStripe } from './store.js';

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), ...headers });
  res.end(text);
}

export interface HandlerContext {
  readonly store: FakeStore;
  readonly route: Route;
  /** Where each request received is recorded (`FakeStripe.requests`). */
  readonly requests: FakeStripe['requests'];
  /** How many events exist so far (for `GET /_fake/state`). */
  eventCount(): number;
  /** `FakeStripe.latencyMs`, read per request. */
  latencyMs(): number;
}

export function createHandler(ctx: HandlerContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { store, route, requests } = ctx;
  const idempotency = createIdempotency();

  return async function handle(req, res) {
    // Stripe.js (and its double) call the API from pages: answer CORS like api.stripe.com.
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type, stripe-account' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;

    if (path.startsWith('/_fake/')) {
      let match: RegExpExecArray | null;
      if (req.method === 'POST' && (match = /^\/_fake\/3ds\/([^/]+)$/.exec(path))) {
        const decision = new URLSearchParams(body).get('decision');
        if (decision !== 'approve' && decision !== 'fail') return send(res, 400, { error: { message: 'decision must be approve or fail' } }, cors);
        try {
          const pi = decideChallenge(store, match[1]!, decision);
          return send(res, 200, { status: pi.status }, cors);
        } catch (error) {
          if (error instanceof ApiError) return send(res, error.status, { error: error.body }, cors);
          throw error;
        }
      }
      // Local methods' test pages: the bank (a redirect) and the phone that scanned a QR code.
      if ((match = /^\/_fake\/(redirect|pay|action)\/([^/]+)$/.exec(path))) {
        const [, page, pi] = match as unknown as [string, 'redirect' | 'pay' | 'action', string];
        const html = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
        const stored = store.intents.get(pi);
        const method = stored && store.methods.get(String(stored.object.payment_method));
        if (!stored || !method) return send(res, 404, { error: { message: 'No such payment' } }, cors);
        if (req.method === 'GET' && page !== 'action') {
          if (stored.object.status !== 'requires_action') {
            // Already decided: the phone says so; the bank sends the shopper back.
            const back = page === 'redirect' ? returnAddress(stored) : null;
            if (back) return void res.writeHead(303, { location: back }).end();
            return void res.writeHead(200, html).end(phonePageHtml(stored.object, method.object.type, stored.object.status === 'succeeded' ? 'Paid.' : 'Not paid.'));
          }
          return void res.writeHead(200, html).end(page === 'redirect' ? bankPageHtml(stored.object, method.object.type) : phonePageHtml(stored.object, method.object.type, null));
        }
        if (req.method !== 'POST') return send(res, 405, { error: { message: 'GET or POST' } }, cors);
        const decision = new URLSearchParams(body).get('decision') as LocalDecision | null;
        if (decision !== 'approve' && decision !== 'fail' && decision !== 'cancel') {
          return send(res, 400, { error: { message: 'decision must be approve, fail or cancel' } }, cors);
        }
        try {
          waitingIntent(store, pi);
          decideAction(store, pi, decision);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (page === 'action') return send(res, error.status, { error: error.body }, cors);
        }
        if (page === 'redirect') {
          const back = returnAddress(stored);
          return back ? void res.writeHead(303, { location: back }).end() : send(res, 400, { error: { message: 'No return_url' } }, cors);
        }
        if (page === 'pay') return void res.writeHead(200, html).end(phonePageHtml(stored.object, method.object.type, stored.object.status === 'succeeded' ? 'Paid.' : 'Not paid.'));
        return send(res, 200, { status: stored.object.status }, cors);
      }
      if (req.method === 'GET' && path === '/_fake/state') {
        return send(
          res,
          200,
          { paymentIntents: [...store.intents.values()].map((i) => i.object), paymentMethods: [...store.methods.values()].map((m) => ({ id: m.object.id, type: m.object.type })), events: ctx.eventCount() },
          cors,
        );
      }
      return send(res, 404, { error: { message: 'unknown fake route' } }, cors);
    }

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? new URLSearchParams(body).get('key') ?? '';
    const keyType = bearer.startsWith('sk_test_') || bearer.startsWith('rk_test_') ? 'secret' : bearer.startsWith('pk_test_') ? 'publishable' : 'none';
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    requests.push({ method: req.method ?? 'GET', path, key: keyType, idempotencyKey });
    if (keyType === 'none') {
      const live = /^(sk|pk|rk)_live_/.test(bearer);
      return send(res, 401, { error: { type: 'invalid_request_error', message: live ? 'The fake Stripe API only accepts test-mode keys.' : 'You did not provide an API key.' } }, cors);
    }
    const account = (req.headers['stripe-account'] as string | undefined) ?? PLATFORM;
    if (account !== PLATFORM && !/^acct_[A-Za-z0-9]+$/.test(account)) {
      return send(res, 403, { error: { type: 'invalid_request_error', message: `The provided key does not have access to account '${account}'.` } }, cors);
    }
    const form = parseForm(body);
    const fingerprint = `${req.method} ${path} ${account} ${body}`;
    const scope = idempotencyKey && req.method === 'POST' ? `${bearer}|${account}|${idempotencyKey}` : null;
    if (scope) {
      const earlier = idempotency.earlier(scope, fingerprint, idempotencyKey!);
      if (earlier) return send(res, earlier.status, earlier.body, earlier.replayed ? { ...cors, 'idempotent-replayed': 'true' } : cors);
    }
    let status = 200;
    let answer: string;
    let validated = true;
    if (scope) idempotency.begin(scope);
    try {
      const latency = ctx.latencyMs();
      if (latency) await new Promise((resolve) => setTimeout(resolve, latency));
      answer = JSON.stringify(route(req.method ?? 'GET', path, form, url.searchParams, keyType, account));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      answer = JSON.stringify({ error: error.body });
      // Parameters that fail validation never start the endpoint (card errors do: they are saved).
      validated = error.body.type !== 'invalid_request_error';
    } finally {
      if (scope) idempotency.end(scope);
    }
    // Stripe saves the result under the key only once the endpoint began executing
    // (docs.stripe.com/api/idempotent_requests): a validation error can be retried with the same key.
    if (scope && validated) idempotency.save(scope, { fingerprint, status, body: answer });
    send(res, status, answer, cors);
  };
}
