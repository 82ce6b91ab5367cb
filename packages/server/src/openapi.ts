/**
 * Every schema in `/v1/openapi.json` is a named component (`#/components/schemas/…`), so client
 * generators produce `Order`, `Refund`, `CheckoutSession`… instead of anonymous inline types.
 *
 * - The API's shared zod schemas (`@omni-checkout/core`, and the backend's own error and receipt
 *   bodies) are named after their export, in the OpenAPI generator's metadata registry (`refId`).
 *   The schema objects themselves are unchanged.
 * - A request or response body still inline after that (a list wrapper such as `{ data: Order[] }`)
 *   gets a name derived from its route: `GET /v1/orders` → `ListOrdersResponse`.
 *
 * `nameApiSchemas(app)` runs once all routes are registered.
 */
import * as core from '@omni-checkout/core';
import * as paymentLinks from '@omni-checkout/core/payment-links';
import { z } from 'zod';
import { zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import * as httpRoutes from './http/routes.js';

const PASCAL = /^[A-Z][A-Za-z0-9]+$/;

/** Component names given so far, and their schemas (a name is given once). */
const named = new Map<string, unknown>();

function name(schema: unknown, id: string): void {
  if (!(schema instanceof z.ZodType)) return;
  const current = zodToOpenAPIRegistry.get(schema) as { _internal?: { refId?: string } } | undefined;
  if (current?._internal?.refId || named.has(id)) return;
  named.set(id, schema);
  // The generator's own registry (not zod's global one, whose `id` it reads only partly): the schema object is unchanged.
  zodToOpenAPIRegistry.add(schema, { ...current, _internal: { ...current?._internal, refId: id } } as never);
}

/** Names every exported PascalCase zod schema of `modules` after its export. */
export function nameExportedSchemas(...modules: readonly Record<string, unknown>[]): void {
  for (const module of modules) {
    for (const [key, value] of Object.entries(module)) if (PASCAL.test(key)) name(value, key);
  }
}

const words = (path: string) =>
  path
    .split('/')
    .filter((part) => part && part !== 'v1' && !part.startsWith('{'))
    .flatMap((part) => part.split(/[-_.]/))
    .map((part) => part[0]!.toUpperCase() + part.slice(1));

/** `get /v1/orders` → `ListOrders`, `post /v1/orders/{id}/refunds` → `PostOrdersRefunds`. */
function routeName(method: string, path: string): string {
  const parts = words(path).join('');
  const verb = method === 'get' ? (path.endsWith('}') ? 'Get' : 'List') : method[0]!.toUpperCase() + method.slice(1);
  return `${verb}${parts}`;
}

interface RouteDefinition {
  readonly type: string;
  readonly route?: {
    readonly method: string;
    readonly path: string;
    readonly request?: { readonly body?: { readonly content?: Record<string, { schema?: unknown }> } };
    readonly responses?: Record<string, { readonly content?: Record<string, { schema?: unknown }> }>;
  };
}

/** Names the core schemas, then every still-anonymous body of `app`'s routes after its route. */
export function nameApiSchemas(app: Pick<OpenAPIHono, 'openAPIRegistry'>): void {
  nameExportedSchemas(
    core as unknown as Record<string, unknown>,
    paymentLinks as unknown as Record<string, unknown>,
    httpRoutes as unknown as Record<string, unknown>,
  );
  for (const definition of app.openAPIRegistry.definitions as readonly RouteDefinition[]) {
    if (definition.type !== 'route' || !definition.route) continue;
    const { method, path, request, responses } = definition.route;
    const base = routeName(method, path);
    for (const media of Object.values(request?.body?.content ?? {})) name(media.schema, `${base}Request`);
    for (const [status, response] of Object.entries(responses ?? {})) {
      for (const media of Object.values(response.content ?? {})) name(media.schema, status.startsWith('2') ? `${base}Response` : `${base}${status}`);
    }
  }
}
