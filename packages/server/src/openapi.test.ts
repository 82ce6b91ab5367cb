/**
 * The OpenAPI document describes the whole HTTP API of the app as `serve` builds it: every route
 * the app answers is a path of the document (this fails when a route is added without its OpenAPI
 * definition), and every request and response body is a named component.
 */
import { describe, expect, it } from 'vitest';
import { randomVault } from './identity/vault.js';
import { createTestEnv } from './test/env.js';

/** Routes that are not part of the JSON API, each with its reason. */
const NOT_IN_DOCUMENT = new Map([
  ['GET /healthz', 'liveness probe'],
  ['GET /readyz', 'readiness probe'],
  ['GET /metrics', 'Prometheus text format'],
  ['GET /v1/openapi.json', 'the document itself'],
  ['GET /.well-known/{name}', 'files providers need at the site root'],
  ['ALL /v1/providers/{id}/*', "the provider plugins' own routes"],
  ['GET /dev/mailbox', 'development mailbox page'],
  ['GET /dev/mailbox.json', 'development mailbox page'],
  // The shopper's own privacy page (docs/security.md, defect 2): a same-origin page and the API only
  // its script calls (CORS refuses every other origin); no merchant or component calls it.
  ['GET /privacy', "the shopper's privacy page"],
  ['GET /privacy/app.js', "the shopper's privacy page"],
  ['POST /v1/privacy/lookup', "the shopper's privacy page (same origin only)"],
  ['POST /v1/privacy/verify', "the shopper's privacy page (same origin only)"],
  ['GET /v1/privacy/export', "the shopper's privacy page (same origin only)"],
  ['POST /v1/privacy/erase', "the shopper's privacy page (same origin only)"],
]);

interface Document {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: Record<string, unknown> }[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>>;
  components: { schemas: Record<string, unknown> };
}

describe('OpenAPI document', async () => {
  const env = await createTestEnv({ vault: randomVault() });
  const app = (await createTestEnv({
    db: env.db,
    app: { db: env.db, identity: { db: env.db, vault: randomVault(), mailer: { send: async () => undefined, close: () => undefined }, sms: null } },
  })).app;
  const doc = (await (await app.request('/v1/openapi.json')).json()) as Document;

  it('has a path for every route the app answers', () => {
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)));
    const served = new Set(
      app.routes
        // ALL entries are middleware (auth, limits), except the provider plugins' mount.
        .filter((r) => r.method !== 'ALL' || r.path === '/v1/providers/:id/*')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const missing = [...served].filter((route) => !documented.has(route) && !NOT_IN_DOCUMENT.has(route));
    expect(missing).toEqual([]);
    // The identity, webhook and money routes are there.
    expect(documented).toContain('POST /v1/client/checkout-sessions/{id}/identity/lookup');
    expect(documented).toContain('POST /v1/webhook-endpoints');
    expect(documented).toContain('POST /v1/orders/{id}/refunds');
    expect(documented).toContain('POST /v1/orders/{id}/capture');
    expect(documented).toContain('POST /v1/orders/{id}/cancel');
    // Issue 18: payment method diagnostics and gift cards.
    expect(documented).toContain('GET /v1/checkout-sessions/{id}/payment-methods/diagnostics');
    expect(documented).toContain('POST /v1/gift-cards/{id}/debits');
    expect(documented).toContain('POST /v1/client/checkout-sessions/{id}/gift-cards/balance');
    // Issue 16: payment links, and sending one by email or SMS.
    expect(documented).toContain('POST /v1/payment_links');
    expect(documented).toContain('POST /v1/payment_links/{id}/send');
    // The link itself and its hosted pay page's script, on the backend's origin.
    expect(documented).toContain('GET /l/{id}');
    expect(documented).toContain('GET /l/assets/{file}');
    expect(documented.size).toBeGreaterThan(40);
  });

  it('documents the Idempotency-Key header: optional on a session create, required on a refund', () => {
    const header = (path: string) => doc.paths[path]!.post!.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key') as
      | { required?: boolean; schema: Record<string, unknown> }
      | undefined;
    expect(header('/v1/checkout-sessions')).toMatchObject({ required: false, schema: { type: 'string', minLength: 1, maxLength: 255 } });
    expect(header('/v1/orders/{id}/refunds')).toMatchObject({ required: true });
    expect(doc.paths['/v1/checkout-sessions']!.post!.responses).toHaveProperty('201');
  });

  it('names every request and response body as a component', () => {
    const inline: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const bodies = [
          ...Object.values(operation.requestBody?.content ?? {}).map((c) => ['request', c.schema] as const),
          ...Object.entries(operation.responses).flatMap(([status, r]) => Object.values(r.content ?? {}).map((c) => [status, c.schema] as const)),
        ];
        for (const [where, schema] of bodies) if (typeof schema.$ref !== 'string') inline.push(`${method} ${path} ${where}`);
      }
    }
    expect(inline).toEqual([]);
    for (const name of ['Order', 'CheckoutSession', 'CreateCheckoutSessionRequest', 'Refund', 'WebhookEndpoint', 'ErrorBody', 'ListOrdersResponse', 'PaymentMethodDiagnostics', 'IssuedGiftCard', 'GiftCardTransaction', 'GiftCardBalance', 'PaymentLink', 'SendPaymentLinkRequest', 'PaymentLinkSend']) {
      expect(doc.components.schemas).toHaveProperty(name);
    }
  });

  it('describes the page parameters and hasMore of every paginated merchant list', () => {
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    for (const [path, response] of [
      ['/v1/orders', 'ListOrdersResponse'],
      ['/v1/events', 'ListEventsResponse'],
      ['/v1/webhook-endpoints/{id}/deliveries', 'ListWebhookEndpointsDeliveriesResponse'],
    ] as const) {
      const operation = doc.paths[path]!.get!;
      const query = Object.fromEntries((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
      expect(query.limit, path).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 100 });
      expect(Object.keys(query), path).toEqual(expect.arrayContaining(['limit', 'startingAfter', 'endingBefore']));
      expect(operation.responses['200']!.content!['application/json']!.schema.$ref).toBe(`#/components/schemas/${response}`);
      expect(schemas[response]?.required, response).toEqual(['object', 'data', 'hasMore']);
    }
  });
});
