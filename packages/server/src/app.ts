import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ProviderId, ServerProvider } from '@omni-checkout/core';
import {
  completeAction,
  confirmPayment,
  createCheckoutSession,
  orderView,
  type FaultPoint,
  preparePayment,
  sessionView,
  updateSession,
  type CheckoutDeps,
} from './checkout.js';
import { receiveWebhook } from './provider-webhooks.js';
import { ApiError, checkedAddress, internalError, notFound, validationError } from './errors.js';
import {
  browserGate,
  clientSecretAuth,
  jsonBody,
  limitBody,
  limitWebhookBody,
  requestLog,
  secretKeyAuth,
  securityHeaders,
  healthz,
  type AppEnv,
} from './http/middleware.js';
import * as routes from './http/routes.js';
import { listAnswer, pageRequest } from './http/pages.js';
import type { Logger } from './logger.js';
import { DEV_MAILBOX_CSP, devMailboxPage } from './notifications/dev-mailbox-page.js';
import type { MailCatcher } from './notifications/mail-catcher.js';
import type { Mailer } from './notifications/mailer.js';
import type { SmsSender } from './notifications/sms.js';
import { checkedContact } from './orders/notify-sms.js';
import type { Db } from './storage/db.js';
import { createIdentityLimits, DEFAULT_LIMITS, type LimitsConfig } from './identity/limits.js';
import { registerIdentityRoutes } from './identity/routes.js';
import { registerPrivacyRoutes } from './identity/privacy.js';
import * as identityService from './identity/index.js';
import type { Vault } from './identity/vault.js';
import type { StoredResponse, Storage } from './storage/index.js';
import { registerWebhookRoutes } from './webhooks/routes.js';
import { nameApiSchemas } from './openapi.js';
import { createMetrics, PAYMENT_STATUS, type Metrics } from './ops/metrics.js';
import { registerOpsRoutes } from './ops/routes.js';
import { webhookStore } from './webhooks/store.js';
import type { MoneyDeps } from './money/refunds.js';
import { registerMoneyRoutes, withRefundEvents } from './money/routes.js';
import { registerMethodRoutes } from './methods/routes.js';
import { cashOnDeliveryProvider } from './cod/provider.js';
import { registerCashOnDeliveryRoutes } from './cod/routes.js';
import { registerGiftCardRoutes, type GiftCardLimits } from './gift-cards/routes.js';
import { deviceByCredential, HandoffBus, handoffMinutes } from './handoff/handoff.js';
import { registerHandoffRoutes } from './handoff/routes.js';
import { paidBy } from './channel.js';
import { ownedLink, registerPaymentLinkRoutes } from './links/links.js';
import { registerPaymentLinkSendRoute } from './links/send.js';
import { CreateCheckoutSessionRequest } from '@omni-checkout/core';
import { registerOrderRoutes, withReturnRefunds } from './orders/routes.js';

export interface AppOptions {
  readonly storage: Storage;
  readonly providers: readonly ServerProvider[];
  readonly logger: Logger;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** Fault injection for crash tests (`OMNI_FAULT_POINT`, refused in production). */
  readonly fault?: (point: FaultPoint) => void;
  /** How long an unfinished confirm holds its session before another key may resume it (default 30 s). */
  readonly confirmLeaseMs?: number;
  /**
   * Development server (`serve --dev`): live merchants (pk_live_) may not open sessions here, since
   * one-time codes are listed at `/dev/mailbox` and development keys may be in use.
   */
  readonly dev?: boolean;
  /** The dev mailbox (`serve --dev`, no SMTP configured): served at `/dev/mailbox`. */
  readonly devMailbox?: MailCatcher | null;
  /** The outbox worker, woken after writes that enqueue notifications. */
  readonly outbox?: { wake(): void } | null;
  /** The shopper identity network; without it the identity routes are not mounted. */
  readonly identity?: IdentityOptions;
  /** Whether order updates can go by SMS (an SMS provider or the dev mailbox); default: whether the identity network has one. */
  readonly orderSms?: boolean;
  /** The database, for the merchant's webhook endpoints and money-out routes (default: `identity.db`); without one they are not mounted. */
  readonly db?: Db;
  /** Accept `http://` webhook endpoint URLs (outside production). Default false. */
  readonly allowHttpWebhooks?: boolean;
  /** Prometheus metrics (`/metrics`); default: a registry of this app's own. */
  readonly metrics?: Metrics;
  /** When set, `/metrics` needs `Authorization: Bearer <token>` (METRICS_TOKEN). */
  readonly metricsToken?: string;
  /** True once a graceful shutdown began: `/readyz` answers 503. */
  readonly draining?: () => boolean;
  /**
   * Gift cards (`/v1/gift-cards…`, docs/payment-methods.md), mounted with the database: the keyed
   * hash of their codes (default: the identity vault's) and the attempt limits of balance checks.
   */
  readonly giftCards?: { readonly mac?: (purpose: string, value: string) => string; readonly limits?: GiftCardLimits };
  /** Handoff to another device (needs the database): token lifetime in minutes, 1–15 (default 10). */
  readonly handoff?: { readonly minutes?: number; readonly pollMs?: number; readonly streamMs?: number };
  /**
   * The hosted pay page of payment links (docs/omnichannel.md): the directory of its built script
   * (scripts/build-link-page.mjs; default `packages/server/link-page/dist`).
   */
  readonly linkPage?: { readonly assets?: string };
}

export interface IdentityOptions {
  readonly db: Db;
  readonly vault: Vault;
  readonly mailer: Mailer;
  /** Null: no SMS provider; phone lookups answer `sms_unavailable`. */
  readonly sms: SmsSender | null;
  readonly limits?: LimitsConfig;
  /** ISO countries text messages may go to (docs/security.md R19). */
  readonly smsCountries?: readonly string[];
  /** Read the client IP from X-Forwarded-For. */
  readonly trustProxy?: boolean;
  /** R20 threshold in minor units: a saved-method payment above it to a new shipping country needs step-up. */
  readonly stepUpNewCountryAbove?: number;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

function storedResponse(c: Context, response: StoredResponse): Response {
  // The payment's status for the confirm metric (ops/metrics.ts), read here rather than by cloning the response there.
  if (response.status === 200) c.set(PAYMENT_STATUS, (JSON.parse(response.body) as { status?: unknown }).status);
  return c.body(response.body, response.status as ContentfulStatusCode, { 'Content-Type': 'application/json' });
}

/** The path below `/v1/providers/<id>`, e.g. `/challenges/abc`. */
function providerPath(c: Context): string {
  return new URL(c.req.url).pathname.slice(`/v1/providers/${c.req.param('id')}`.length) || '/';
}

/** The request as the provider sees it: its path relative to the provider's prefix. */
async function providerRequest(c: Context): Promise<Request> {
  const url = new URL(c.req.url);
  const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  return new Request(new URL(providerPath(c) + url.search, url.origin), {
    method: c.req.method,
    headers: c.req.raw.headers,
    body: hasBody ? await c.req.arrayBuffer() : undefined,
  });
}

function errorResponse(c: Context, error: ApiError): Response {
  return c.json(error.toBody(), error.status as ContentfulStatusCode);
}

export function createApp(options: AppOptions) {
  const merchantDb = options.db ?? options.identity?.db;
  // Money out (refunds, cancels) needs the database; provider webhooks about refunds settle them.
  let moneyDeps: MoneyDeps | null = null;
  // Cash on delivery is the backend's own (cod/provider.ts): offered only where the merchant's settings allow.
  const providers = new Map<ProviderId, ServerProvider>(
    [...options.providers, cashOnDeliveryProvider()].map((p) => [p.id, merchantDb ? withReturnRefunds(withRefundEvents(p, () => moneyDeps!), () => moneyDeps!) : p]),
  );
  if (merchantDb) moneyDeps = { db: merchantDb, providers, logger: options.logger, wakeOutbox: () => options.outbox?.wake() };
  const now = options.now ?? (() => new Date());
  const orderSms = options.orderSms ?? Boolean(options.identity?.sms);
  const identityDeps: identityService.IdentityDeps | null = options.identity
    ? {
        db: options.identity.db,
        vault: options.identity.vault,
        mailer: options.identity.mailer,
        sms: options.identity.sms,
        limits: createIdentityLimits(options.identity.db, options.identity.limits ?? DEFAULT_LIMITS),
        providers,
        logger: options.logger,
        now,
        smsCountries: new Set(options.identity.smsCountries ?? identityService.DEFAULT_SMS_COUNTRIES),
        wakeOutbox: () => options.outbox?.wake(),
        ...(options.identity.stepUpNewCountryAbove !== undefined ? { stepUpNewCountryAbove: options.identity.stepUpNewCountryAbove } : {}),
      }
    : null;
  const deps: CheckoutDeps = {
    storage: options.storage,
    providers,
    logger: options.logger,
    now,
    ...(orderSms ? { orderSms: true } : {}),
    ...(options.dev ? { dev: true } : {}),
    ...(identityDeps
      ? {
          payments: {
            plan: (session, paymentMethod, context, providerId) =>
              identityService.planPayment(
                identityDeps,
                { session, merchant: context.merchant, origin: context.origin ?? '', ip: context.ip },
                paymentMethod,
                context.shopperToken,
                providerId,
              ),
            afterOrder: (tx, session, order, method, plan, context) =>
              identityService.afterOrder(
                identityDeps,
                tx,
                session,
                order,
                method,
                plan?.customer,
                context?.shopperToken,
                context ? { session, merchant: context.merchant, origin: context.origin ?? '', ip: context.ip } : null,
              ),
          },
        }
      : {}),
    ...(options.fault ? { fault: options.fault } : {}),
    ...(options.confirmLeaseMs !== undefined ? { confirmLeaseMs: options.confirmLeaseMs } : {}),
  };
  const { storage, logger } = options;
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // The validator hands the hook what it validated as `data` (its type leaves it out).
      if (!result.success) throw validationError(result.error, (result as { data?: unknown }).data);
    },
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', { type: 'http', scheme: 'bearer', description: 'sk_...' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'clientSecret', { type: 'http', scheme: 'bearer', description: 'The session client secret' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'publishableKey', { type: 'apiKey', in: 'header', name: 'Omni-Publishable-Key' });

  const metrics = options.metrics ?? createMetrics({ defaultMetrics: false });
  // Before the metrics and the request log: a liveness probe answers without either (middleware.ts).
  app.get('/healthz', healthz);
  app.use('*', metrics.middleware);
  app.use('*', requestLog(logger), securityHeaders);
  app.use('/v1/webhooks/*', limitWebhookBody);
  app.use('/v1/*', limitBody);
  app.use('/v1/client/*', browserGate(storage));
  app.use('/v1/providers/*', browserGate(storage));
  // A path ending in `/*` matches the path without it too (`/v1/orders/*` matches `/v1/orders`): one
  // registration per gate, or the gate runs twice for that path (a session read made two queries).
  for (const path of ['/v1/checkout-sessions/*', '/v1/orders/*']) app.use(path, secretKeyAuth(storage));
  const handoffDb = merchantDb;
  const devices = handoffDb ? (credential: string) => deviceByCredential(handoffDb, credential) : undefined;
  app.use('/v1/client/checkout-sessions/:id/*', clientSecretAuth(storage, devices));
  app.use('/v1/checkout-sessions', jsonBody);
  app.use('/v1/client/*', jsonBody);
  // Handoff to another device (docs/omnichannel.md): before the checkout's routes, whose payments it watches.
  if (handoffDb) {
    const handoffDeps = { db: handoffDb, now, minutes: handoffMinutes(options.handoff?.minutes) };
    registerHandoffRoutes(app, {
      ...handoffDeps,
      bus: new HandoffBus(),
      ...(options.handoff?.pollMs !== undefined ? { pollMs: options.handoff.pollMs } : {}),
      ...(options.handoff?.streamMs !== undefined ? { streamMs: options.handoff.streamMs } : {}),
    });
    // Payment links (docs/omnichannel.md): opening one hands its checkout to the browser like a handoff.
    registerPaymentLinkRoutes(app, {
      db: handoffDb,
      storage,
      now,
      handoff: handoffDeps,
      createSession: (merchant, request) => createCheckoutSession(deps, merchant, CreateCheckoutSessionRequest.parse(request)),
      ...(options.linkPage?.assets !== undefined ? { pageAssets: options.linkPage.assets } : {}),
    });
    // Sending a link by email or SMS through the outbox (links/send.ts); the recipient is sealed with the identity vault.
    registerPaymentLinkSendRoute(app, {
      db: handoffDb,
      now,
      vault: options.identity?.vault ?? null,
      sms: {
        available: Boolean(options.identity?.sms),
        countries: new Set(options.identity?.smsCountries ?? identityService.DEFAULT_SMS_COUNTRIES),
      },
      wakeOutbox: () => options.outbox?.wake(),
    }, (merchant, id) => ownedLink(handoffDb, merchant, id));
  }

  const { devMailbox } = options;
  if (devMailbox) {
    app.get('/dev/mailbox', (c) => c.html(devMailboxPage(devMailbox.messages()), 200, { 'Content-Security-Policy': DEV_MAILBOX_CSP }));
    app.get('/dev/mailbox.json', (c) => c.json({ data: devMailbox.messages() }));
  }
  const wakeOutbox = () => options.outbox?.wake();
  app.doc31('/v1/openapi.json', { openapi: '3.1.0', info: { title: 'omni-checkout', version: '1' } });

  // Merchant API
  app.openapi(routes.createSessionRoute, async (c) => {
    // Optional here: with one, a repeated create answers the session the key created (201 again).
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ApiError(400, 'idempotency_key_required', 'An Idempotency-Key header must be 1–255 visible characters, a new one per session (or send none).');
    }
    const key = idempotencyKey === undefined ? undefined : { idempotencyKey, requestHash: c.get('bodyHash') };
    return c.json(await createCheckoutSession(deps, c.get('merchant'), c.req.valid('json'), key), 201);
  });
  app.openapi(routes.getSessionRoute, async (c) => {
    const session = await storage.sessionById(c.req.valid('param').id);
    if (!session || session.merchantId !== c.get('merchant').id) {
      throw new ApiError(404, 'session_not_found', 'No checkout session with this id.');
    }
    return c.json(sessionView(deps, session), 200);
  });
  registerMethodRoutes(app, deps);
  app.openapi(routes.getOrderRoute, async (c) => {
    const order = await storage.orderById(c.get('merchant').id, c.req.valid('param').id);
    if (!order) throw new ApiError(404, 'not_found', 'No order with this id.');
    return c.json(orderView(order), 200);
  });
  app.openapi(routes.listOrdersRoute, async (c) => {
    const { sessionId, ...query } = c.req.valid('query');
    const page = pageRequest(query);
    const orders = await storage.listOrders(c.get('merchant').id, sessionId === undefined ? {} : { sessionId }, page);
    return c.json(listAnswer(orders, page, 'an order', orderView), 200);
  });

  // Client API
  app.openapi(routes.clientGetSessionRoute, (c) => c.json(sessionView(deps, c.get('session')), 200));
  app.openapi(routes.setContactRoute, async (c) =>
    c.json(await updateSession(deps, c.get('session'), { contact: checkedContact(c.req.valid('json'), c.get('session').country, orderSms) }), 200),
  );
  app.openapi(routes.setShippingAddressRoute, async (c) =>
    c.json(await updateSession(deps, c.get('session'), { shippingAddress: await checkedAddress(c.req.valid('json')) }), 200),
  );
  app.openapi(routes.setShippingOptionRoute, async (c) =>
    c.json(await updateSession(deps, c.get('session'), { selectedShippingOptionId: c.req.valid('json').shippingOptionId }), 200),
  );
  app.openapi(routes.confirmRoute, async (c) => {
    const idempotencyKey = c.req.header('idempotency-key');
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1–255 visible characters), a new one per payment attempt.');
    }
    const response = await confirmPayment(deps, c.get('session'), {
      idempotencyKey,
      requestHash: c.get('bodyHash'),
      request: c.req.valid('json'),
      allowedOrigins: c.get('merchant').allowedOrigins,
      context: {
        merchant: c.get('merchant'),
        origin: c.req.header('origin') ?? null,
        ip: 'confirm',
        shopperToken: c.req.header('omni-shopper-token') ?? null,
      },
      // The channel and a coarse device class only (docs/omnichannel.md), recorded on the order.
      paidBy: paidBy(c.get('session').channel, c.get('handoffDevice'), {
        userAgent: c.req.header('user-agent') ?? null,
        mobileHint: c.req.header('sec-ch-ua-mobile') ?? null,
      }),
    });
    wakeOutbox();
    return storedResponse(c, response);
  });
  app.openapi(routes.prepareRoute, async (c) => {
    const idempotencyKey = c.req.header('idempotency-key');
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1–255 visible characters), a new one per click.');
    }
    const context = {
      merchant: c.get('merchant'),
      origin: c.req.header('origin') ?? null,
      ip: 'prepare',
      shopperToken: c.req.header('omni-shopper-token') ?? null,
    };
    return c.json(await preparePayment(deps, c.get('session'), { idempotencyKey, request: c.req.valid('json'), context }), 200);
  });
  app.openapi(routes.completeActionRoute, async (c) => {
    const response = await completeAction(deps, c.get('session'));
    wakeOutbox();
    return storedResponse(c, response);
  });

  // Provider webhooks: server to server, authenticated by the provider's signature on the raw body.
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v1/webhooks/{provider}',
    summary: "A provider's signed event (e.g. Stripe's `Stripe-Signature`), verified on the exact raw body and applied once",
    request: { params: routes.webhookParams },
    responses: {
      200: { description: 'Received (`duplicate: true` when the event was applied before)', content: { 'application/json': { schema: routes.WebhookReceipt } } },
      400: { description: '`webhook_signature_invalid` (ErrorBody)' },
      404: { description: 'No such provider, or it sends no webhooks (ErrorBody)' },
    },
  });
  app.post('/v1/webhooks/:provider', async (c) => {
    // The exact bytes received: signatures are computed over them, never over re-serialised JSON.
    const raw = await c.req.text();
    const receipt = await receiveWebhook(deps, c.req.param('provider'), raw, c.req.raw.headers);
    wakeOutbox();
    return c.json(receipt, 200);
  });

  // Files providers need at the site root (the merchant proxies /.well-known/ here, or the backend shares the domain).
  app.get('/.well-known/:name', async (c) => {
    for (const provider of deps.providers.values()) {
      const response = await provider.handleWellKnown?.(c.req.param('name'));
      if (response) return response;
    }
    throw notFound();
  });
  if (identityDeps) {
    registerIdentityRoutes(app, identityDeps, deps, { trustProxy: options.identity?.trustProxy });
    registerPrivacyRoutes(app, identityDeps, { trustProxy: options.identity?.trustProxy === true });
  }
  if (merchantDb) metrics.watchOutbox(merchantDb);
  registerOpsRoutes(app, {
    db: merchantDb ?? null,
    metrics,
    draining: options.draining ?? (() => false),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
  });
  const giftCardMac = options.giftCards?.mac ?? options.identity?.vault.mac;
  if (merchantDb && giftCardMac) {
    registerGiftCardRoutes(app, {
      db: merchantDb,
      storage,
      mac: giftCardMac,
      now,
      trustProxy: options.identity?.trustProxy === true,
      sessionView: (session) => sessionView(deps, session),
      identity: identityDeps,
      ...(options.giftCards?.limits ? { limits: options.giftCards.limits } : {}),
    });
  }
  if (merchantDb && moneyDeps) {
    registerWebhookRoutes(app, { storage, store: webhookStore(merchantDb, options.identity?.vault), now, allowHttp: options.allowHttpWebhooks ?? false, wakeOutbox });
    registerMoneyRoutes(app, { ...moneyDeps, storage, now, sessionView: (session) => sessionView(deps, session) });
    registerOrderRoutes(app, { ...moneyDeps, storage });
    registerCashOnDeliveryRoutes(app, { ...moneyDeps, storage });
  }

  // Provider plugins
  app.all('/v1/providers/:id/*', async (c) => {
    const provider = deps.providers.get(c.req.param('id') as ProviderId);
    if (!provider?.handleRequest) throw notFound();
    const response = await provider.handleRequest(await providerRequest(c), providerPath(c));
    if (!response) throw notFound();
    return response;
  });

  app.notFound((c) => errorResponse(c, notFound()));
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException && error.status === 415) {
      return errorResponse(c, new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json.'));
    }
    logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
    return errorResponse(c, internalError());
  });

  // Every schema of the document becomes a named component (openapi.ts).
  nameApiSchemas(app);
  return app;
}

export type App = ReturnType<typeof createApp>;
