/**
 * The handoff routes (docs/omnichannel.md). Registered right after the authentication middleware,
 * before the checkout's own routes, because one middleware here wraps confirm and complete-action
 * (to record a handed-off device that paid and to wake the event streams).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateHandoffResponse, HandoffStatus, RedeemHandoffRequest, RedeemHandoffResponse } from '@omni-checkout/core/handoff';
import { Id } from '@omni-checkout/core';
import type { MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/middleware.js';
import { ErrorBody } from '../http/routes.js';
import type { Db } from '../storage/db.js';
import {
  createHandoff,
  handoffStatus,
  markOwnDetails,
  ownDetails,
  redactForDevice,
  recordPayingDevice,
  redeemHandoff,
  type HandoffBus,
  type HandoffDeps,
} from './handoff.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = { default: json(ErrorBody, 'Error: `{ error: { code, message } }` with a stable code') };
const params = z.object({ id: Id });
const client = [{ clientSecret: [], publishableKey: [] }];
const sessionPath = '/v1/client/checkout-sessions/{id}/handoff';

export const createHandoffRoute = createRoute({
  method: 'post',
  path: sessionPath,
  summary: 'A single-use, short-lived token to continue this checkout on another device (the client secret only; never a handed-off device)',
  security: client,
  request: { params, body: { content: { 'application/json': { schema: z.object({}).strict() } }, required: true } },
  responses: { 201: json(CreateHandoffResponse, 'The token (put it in a link fragment or QR code)'), ...errors },
});

export const handoffStatusRoute = createRoute({
  method: 'get',
  path: sessionPath,
  summary: 'The handoff status: waiting, opened on the other device, paying, paid (the polling fallback of the event stream)',
  security: client,
  request: { params },
  responses: { 200: json(HandoffStatus, 'The status'), ...errors },
});

export const redeemHandoffRoute = createRoute({
  method: 'post',
  path: '/v1/client/handoff/redeem',
  summary: "Open a handoff token, once: a credential of this device's own for the same session (not the client secret)",
  security: [{ publishableKey: [] }],
  request: { body: { content: { 'application/json': { schema: RedeemHandoffRequest } }, required: true } },
  responses: {
    200: json(RedeemHandoffResponse, "This device's credential for the session"),
    404: { description: '`handoff_token_invalid`: unknown, or another merchant’s (ErrorBody)' },
    410: { description: '`handoff_token_used`, `handoff_token_expired` or `session_expired` (ErrorBody)' },
    ...errors,
  },
});

export const merchantHandoffRoute = createRoute({
  method: 'get',
  path: '/v1/checkout-sessions/{id}/handoff',
  summary: 'The handoff status of a session: whether another device opened it and which device paid',
  security: [{ secretKey: [] }],
  request: { params },
  responses: { 200: json(HandoffStatus, 'The status'), ...errors },
});

export interface HandoffRouteOptions extends HandoffDeps {
  readonly bus: HandoffBus;
  /** How often an event stream reads the status besides being woken (other instances, webhooks). */
  readonly pollMs?: number;
  /** An event stream closes after this long; the page opens the next one (default 5 minutes). */
  readonly streamMs?: number;
}

export function registerHandoffRoutes(app: OpenAPIHono<AppEnv>, options: HandoffRouteOptions): void {
  const { db, bus } = options;
  const pollMs = options.pollMs ?? 1000;
  const streamMs = options.streamMs ?? 5 * 60_000;

  // Payments: a handed-off device that paid is recorded; the first screen's streams are woken.
  const watchPayment: MiddlewareHandler<AppEnv> = async (c, next) => {
    const session = c.get('session');
    const started = setTimeout(() => bus.wake(session.id), 100);
    try {
      await next();
    } finally {
      clearTimeout(started);
    }
    const device = c.get('handoffDevice');
    if (device && c.res.status === 200) await recordPayingDevice(db, session.id, device);
    bus.wake(session.id);
  };
  // R28: what a handed-off device is shown of the session (docs/omnichannel.md).
  const deviceView: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    const device = c.get('handoffDevice');
    if (!device) return;
    const path = c.req.path;
    if (c.req.method === 'POST' && c.res.status === 200 && path.endsWith('/contact')) await markOwnDetails(db, device, 'contact');
    if (c.req.method === 'POST' && c.res.status === 200 && path.endsWith('/shipping-address')) await markOwnDetails(db, device, 'address');
    // A shopper recognised on this device (code or passkey) whose saved details filled the session.
    const applied = c.res.status === 200 ? c.get('profileApplied') : undefined;
    if (applied?.contact) await markOwnDetails(db, device, 'contact');
    if (applied?.address) await markOwnDetails(db, device, 'address');
    if (!(c.res.headers.get('content-type') ?? '').startsWith('application/json')) return;
    const body = redactForDevice(await c.res.clone().json(), await ownDetails(db, device));
    c.res = new Response(JSON.stringify(body), { status: c.res.status, headers: c.res.headers });
  };
  // Also matches `/v1/client/checkout-sessions/:id` itself (the session read).
  app.use('/v1/client/checkout-sessions/:id/*', deviceView);
  app.use('/v1/client/checkout-sessions/:id/confirm', watchPayment);
  app.use('/v1/client/checkout-sessions/:id/complete-action', watchPayment);

  app.openapi(createHandoffRoute, async (c) => {
    if (c.get('handoffDevice')) {
      throw new ApiError(403, 'handoff_not_allowed', 'This device was handed the checkout; only the device that started it can hand it off.');
    }
    const session = c.get('session');
    const { token, expiresAt } = await createHandoff(options, session);
    bus.wake(session.id);
    return c.json({ object: 'handoff_token' as const, token, expiresAt: expiresAt.toISOString() }, 201);
  });

  app.openapi(handoffStatusRoute, async (c) => c.json(await handoffStatus(db, c.get('session').id), 200));

  app.openapi(redeemHandoffRoute, async (c) => {
    const device = await redeemHandoff(options, c.get('merchant').id, c.req.valid('json').token);
    bus.wake(device.sessionId);
    return c.json({ object: 'handoff_device' as const, ...device }, 200);
  });

  app.openapi(merchantHandoffRoute, async (c) => {
    const session = await sessionOf(db, c.req.valid('param').id);
    if (!session || session.merchantId !== c.get('merchant').id) throw new ApiError(404, 'session_not_found', 'No checkout session with this id.');
    return c.json(await handoffStatus(db, session.id), 200);
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: `${sessionPath}/events`,
    summary:
      'Server-Sent Events: `event: status` with a HandoffStatus whenever it changes (the first one at once); closes after `paid` or a few minutes',
    security: client,
    request: { params },
    responses: { 200: { description: '`text/event-stream` of `status` events', content: { 'text/event-stream': { schema: z.string() } } }, ...errors },
  });
  app.get('/v1/client/checkout-sessions/:id/handoff/events', (c) => {
    const sessionId = c.get('session').id;
    // No proxy may buffer the stream; the security headers (no-store, nosniff, no-referrer) and CORS stay as set.
    c.header('X-Accel-Buffering', 'no');
    const response = streamSSE(c, async (stream) => {
      let wake: () => void = () => undefined;
      const stop = bus.listen(sessionId, () => wake());
      stream.onAbort(() => wake());
      const until = Date.now() + streamMs;
      let last = '';
      try {
        let sinceBeat = 0;
        while (!stream.aborted && Date.now() < until) {
          const status = await handoffStatus(db, sessionId);
          const text = JSON.stringify(status);
          if (text !== last) {
            last = text;
            await stream.writeSSE({ event: 'status', data: text });
          }
          if (status.state === 'paid') break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => (clearTimeout(timer), resolve());
          });
          sinceBeat += pollMs;
          if (sinceBeat >= 15_000) {
            sinceBeat = 0;
            await stream.write(': ping\n\n');
          }
        }
      } finally {
        stop();
      }
    });
    // Hono's SSE helper says no-cache; the API's answers are never stored (securityHeaders).
    response.headers.set('Cache-Control', 'no-store');
    return response;
  });
}

async function sessionOf(db: Db, id: string): Promise<{ id: string; merchantId: string } | null> {
  const { rows } = await db.query<{ id: string; merchant_id: string }>('SELECT id, merchant_id FROM checkout_sessions WHERE id = $1', [id]);
  return rows[0] ? { id: rows[0].id, merchantId: rows[0].merchant_id } : null;
}
