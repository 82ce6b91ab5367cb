/**
 * Merchant API (secret key) for webhook endpoints and events:
 *
 *   POST   /v1/webhook-endpoints                    register (answers the signing secret once)
 *   GET    /v1/webhook-endpoints                    list
 *   GET    /v1/webhook-endpoints/{id}               read
 *   POST   /v1/webhook-endpoints/{id}               change url, events, description, enabled
 *   DELETE /v1/webhook-endpoints/{id}               remove (pending deliveries stop)
 *   POST   /v1/webhook-endpoints/{id}/rotate-secret new secret; the old one signs too until it expires
 *   GET    /v1/webhook-endpoints/{id}/deliveries    the delivery log, newest first
 *   POST   /v1/webhook-endpoints/{id}/redeliver     send an event again now
 *   GET    /v1/events, /v1/events/{id}              events emitted for the merchant
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CreateWebhookEndpointRequest,
  Id,
  RedeliverRequest,
  RedeliverResponse,
  RotateWebhookSecretRequest,
  UpdateWebhookEndpointRequest,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import { jsonBody, secretKeyAuth, type AppEnv } from '../http/middleware.js';
import { listAnswer, listOf, pageQuery, pageRequest } from '../http/pages.js';
import { ErrorBody } from '../http/routes.js';
import type { Storage } from '../storage/index.js';
import { endpointView, endpointWithSecret, type WebhookStore } from './store.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const errors = { default: json(ErrorBody, 'Error: `{ error: { code, message, issues? } }` with a stable code') };
const security = [{ secretKey: [] }];
const tags = ['webhooks'];
const params = z.object({ id: Id });
const base = '/v1/webhook-endpoints';
/** A delivery id, as the log answers it: `whd_` and its serial. */
const DeliveryId = z.string().regex(/^whd_[1-9][0-9]{0,17}$/, 'Use a delivery id from this log (whd_…)');

export const createEndpointRoute = createRoute({
  method: 'post',
  path: base,
  summary: 'Register a webhook endpoint; the answer holds its signing secret (shown only here and at rotation)',
  tags,
  security,
  request: { body: body(CreateWebhookEndpointRequest) },
  responses: { 201: json(WebhookEndpointWithSecret, 'Registered'), ...errors },
});
export const listEndpointsRoute = createRoute({
  method: 'get',
  path: base,
  summary: "List the merchant's webhook endpoints",
  tags,
  security,
  responses: { 200: json(z.object({ data: z.array(WebhookEndpoint) }), 'Endpoints'), ...errors },
});
export const getEndpointRoute = createRoute({
  method: 'get',
  path: `${base}/{id}`,
  summary: 'Read a webhook endpoint',
  tags,
  security,
  request: { params },
  responses: { 200: json(WebhookEndpoint, 'The endpoint'), ...errors },
});
export const updateEndpointRoute = createRoute({
  method: 'post',
  path: `${base}/{id}`,
  summary: 'Change a webhook endpoint (url, events, description, enabled)',
  tags,
  security,
  request: { params, body: body(UpdateWebhookEndpointRequest) },
  responses: { 200: json(WebhookEndpoint, 'The endpoint'), ...errors },
});
export const deleteEndpointRoute = createRoute({
  method: 'delete',
  path: `${base}/{id}`,
  summary: 'Remove a webhook endpoint; its pending deliveries stop',
  tags,
  security,
  request: { params },
  responses: { 200: json(z.object({ id: z.string(), deleted: z.literal(true) }), 'Removed'), ...errors },
});
export const rotateSecretRoute = createRoute({
  method: 'post',
  path: `${base}/{id}/rotate-secret`,
  summary: 'Roll the signing secret: deliveries carry signatures by both secrets until the previous one expires (default 24 h)',
  tags,
  security,
  request: { params, body: body(RotateWebhookSecretRequest) },
  responses: { 200: json(WebhookEndpointWithSecret, 'The endpoint with its new secret'), ...errors },
});
export const deliveriesRoute = createRoute({
  method: 'get',
  path: `${base}/{id}/deliveries`,
  summary:
    'The delivery log of an endpoint: every attempt with its HTTP status or error, newest first, `limit` (1–100, default 100) at a time; walk with `startingAfter` = the last id (`whd_…`) while `hasMore`',
  tags,
  security,
  request: { params, query: pageQuery({}, DeliveryId) },
  responses: { 200: json(listOf(WebhookDelivery), 'One page of attempts, newest first'), ...errors },
});
export const redeliverRoute = createRoute({
  method: 'post',
  path: `${base}/{id}/redeliver`,
  summary: 'Send an event to this endpoint again now, with a fresh retry budget (same `webhook-id`)',
  tags,
  security,
  request: { params, body: body(RedeliverRequest) },
  responses: { 202: json(RedeliverResponse, 'Queued'), ...errors },
});
export const listEventsRoute = createRoute({
  method: 'get',
  path: '/v1/events',
  summary:
    'Events emitted for the merchant, optionally of one type: newest first, `limit` (1–100, default 100) at a time; walk with `startingAfter` = the last id while `hasMore`',
  tags,
  security,
  request: { query: pageQuery({ type: z.string().max(64).optional() }) },
  responses: { 200: json(listOf(WebhookEvent), 'One page of events, newest first'), ...errors },
});
export const getEventRoute = createRoute({
  method: 'get',
  path: '/v1/events/{id}',
  summary: 'Read one event',
  tags,
  security,
  request: { params },
  responses: { 200: json(WebhookEvent, 'The event'), ...errors },
});

export interface WebhookRouteDeps {
  readonly storage: Storage;
  readonly store: WebhookStore;
  readonly now: () => Date;
  /** Plain `http://` endpoint URLs (development); production accepts only `https://`. */
  readonly allowHttp: boolean;
  readonly wakeOutbox: () => void;
}

const endpointNotFound = () => new ApiError(404, 'webhook_endpoint_not_found', 'No webhook endpoint with this id.');

function checkUrl(url: string | undefined, allowHttp: boolean): void {
  if (url && !allowHttp && !url.startsWith('https://')) {
    throw new ApiError(400, 'validation_failed', 'Webhook endpoints must use https:// in production.', [{ path: 'url', message: 'Use https://' }]);
  }
}

export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: WebhookRouteDeps): void {
  const { store } = deps;
  // A path ending in `/*` matches the path without it too: each gate once per request.
  for (const path of [`${base}/*`, '/v1/events/*']) app.use(path, secretKeyAuth(deps.storage));
  app.use(`${base}/*`, jsonBody);
  const owned = async (merchantId: string, id: string) => (await store.endpoint(merchantId, id)) ?? Promise.reject(endpointNotFound());

  app.openapi(createEndpointRoute, async (c) => {
    const input = c.req.valid('json');
    checkUrl(input.url, deps.allowHttp);
    return c.json(endpointWithSecret(await store.createEndpoint(c.get('merchant').id, input)), 201);
  });
  app.openapi(listEndpointsRoute, async (c) => c.json({ data: (await store.listEndpoints(c.get('merchant').id)).map(endpointView) }, 200));
  app.openapi(getEndpointRoute, async (c) => c.json(endpointView(await owned(c.get('merchant').id, c.req.valid('param').id)), 200));
  app.openapi(updateEndpointRoute, async (c) => {
    const patch = c.req.valid('json');
    checkUrl(patch.url, deps.allowHttp);
    const updated = await store.updateEndpoint(c.get('merchant').id, c.req.valid('param').id, patch);
    if (!updated) throw endpointNotFound();
    return c.json(endpointView(updated), 200);
  });
  app.openapi(deleteEndpointRoute, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await store.deleteEndpoint(c.get('merchant').id, id))) throw endpointNotFound();
    return c.json({ id, deleted: true as const }, 200);
  });
  app.openapi(rotateSecretRoute, async (c) => {
    const keepSeconds = c.req.valid('json').previousSecretExpiresInSeconds ?? 24 * 3600;
    const rotated = await store.rotateSecret(c.get('merchant').id, c.req.valid('param').id, keepSeconds * 1000, deps.now());
    if (!rotated) throw endpointNotFound();
    return c.json(endpointWithSecret(rotated), 200);
  });
  app.openapi(deliveriesRoute, async (c) => {
    const endpoint = await owned(c.get('merchant').id, c.req.valid('param').id);
    const page = pageRequest(c.req.valid('query'));
    return c.json(listAnswer(await store.deliveries(endpoint.id, page), page, 'a delivery of this endpoint', (d) => d), 200);
  });
  app.openapi(redeliverRoute, async (c) => {
    const merchantId = c.get('merchant').id;
    const endpoint = await owned(merchantId, c.req.valid('param').id);
    const { eventId } = c.req.valid('json');
    if (!(await store.event(merchantId, eventId))) throw new ApiError(404, 'event_not_found', 'No event with this id.');
    await store.redeliver(endpoint.id, eventId);
    deps.wakeOutbox();
    return c.json({ eventId, endpointId: endpoint.id, status: 'pending' as const }, 202);
  });
  app.openapi(listEventsRoute, async (c) => {
    const { type, ...query } = c.req.valid('query');
    const page = pageRequest(query);
    return c.json(listAnswer(await store.listEvents(c.get('merchant').id, type === undefined ? {} : { type }, page), page, 'an event', (e) => e), 200);
  });
  app.openapi(getEventRoute, async (c) => {
    const event = await store.event(c.get('merchant').id, c.req.valid('param').id);
    if (!event) throw new ApiError(404, 'event_not_found', 'No event with this id.');
    return c.json(event, 200);
  });
}
