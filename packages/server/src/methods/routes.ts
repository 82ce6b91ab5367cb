/**
 * Merchant API (secret key) about the ways to pay a session shows (docs/payment-methods.md):
 *
 *   GET /v1/checkout-sessions/{id}/payment-methods/diagnostics   what is shown, what is hidden and why
 *
 * The shopper never sees a method that cannot be paid; this call tells the merchant's developer
 * which methods were left out of a session and what to change (enable it, add a provider…).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { Id, PaymentMethodDiagnostics } from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/middleware.js';
import { ErrorBody } from '../http/routes.js';
import { sessionMethodDecision, sessionTotals, type ViewDeps } from '../session-view.js';
import type { Storage } from '../storage/index.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const paymentMethodDiagnosticsRoute = createRoute({
  method: 'get',
  path: '/v1/checkout-sessions/{id}/payment-methods/diagnostics',
  summary:
    "The session's ways to pay as the shopper sees them, and every method its market or the merchant's settings name that is hidden, with a stable reason (`not_enabled`, `disabled_by_merchant`, `unsupported_country`, `unsupported_currency`, `no_provider`, `test_mode`, `amount_below_minimum`, `amount_above_maximum`)",
  tags: ['payment methods'],
  security: [{ secretKey: [] }],
  request: { params: z.object({ id: Id }) },
  responses: {
    200: json(PaymentMethodDiagnostics, 'Shown and hidden methods'),
    default: json(ErrorBody, 'Error: `{ error: { code, message, issues? } }` with a stable code'),
  },
});

export function registerMethodRoutes(app: OpenAPIHono<AppEnv>, deps: ViewDeps & { readonly storage: Storage }): void {
  // `/v1/checkout-sessions/*` is already behind the secret key (app.ts).
  app.openapi(paymentMethodDiagnosticsRoute, async (c) => {
    const session = await deps.storage.sessionById(c.req.valid('param').id);
    if (!session || session.merchantId !== c.get('merchant').id) {
      throw new ApiError(404, 'session_not_found', 'No checkout session with this id.');
    }
    const { shown, hidden } = sessionMethodDecision(deps, session);
    return c.json(
      {
        object: 'payment_method_diagnostics' as const,
        session: session.id,
        country: session.country,
        currency: session.currency,
        amount: sessionTotals(session).total,
        shown,
        hidden,
      },
      200,
    );
  });
}
