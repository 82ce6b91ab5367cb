/**
 * `@omni-checkout/node`: the merchant's server SDK. Types come from the API's own zod schemas in
 * `@omni-checkout/core` (the same ones the backend validates with and documents in OpenAPI).
 *
 *     import { OmniCheckout } from '@omni-checkout/node';
 *     const omni = new OmniCheckout({ secretKey: process.env.OMNI_SECRET_KEY!, apiBase: 'https://pay.example.com' });
 *     const { id, clientSecret } = await omni.sessions.create({ currency: 'EUR', country: 'DE', lineItems, shippingOptions });
 *     const refund = await omni.refunds.create(orderId, { amount: 500 });
 *     // Sessions created with captureMethod: 'manual' end as `authorized` orders, captured at fulfilment:
 *     await omni.orders.capture(orderId, { amount: 4200 }); // or omni.orders.cancel(orderId)
 */
import type {
  GrantStoreCreditRequest,
  StoreCredit,
  CaptureRequest,
  ApproveReturnRequest,
  CancelOrderRequest,
  CreateShipmentRequest,
  DeliveryEventRequest,
  OrderReturn,
  OrderSettings,
  OrderStatusView,
  Shipment,
  CheckoutSession,
  CreateCheckoutSessionRequest,
  CreateCheckoutSessionResponse,
  CreateRefundRequest,
  CreateWebhookEndpointRequest,
  GiftCard,
  GiftCardCreditRequest,
  GiftCardDebitRequest,
  GiftCardTransaction,
  GiftCardWithTransactions,
  IssueGiftCardRequest,
  IssuedGiftCard,
  Order,
  OrderMoney,
  PaymentMethodDiagnostics,
  Refund,
  UpdateWebhookEndpointRequest,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from '@omni-checkout/core';
import { createTransport, type ClientOptions, type RequestOptions, type Transport } from './http.js';
import { autoPage, queryString, type ListPage, type PageParams } from './pages.js';
import { verifyWebhook, type HeadersLike, type OmniEvent } from './webhooks.js';

export { OmniCheckoutConnectionError, OmniCheckoutError, type ClientOptions, type RequestOptions } from './http.js';
export { autoPage, type ListPage, type PageParams } from './pages.js';
export {
  createEventDeduplicator,
  isEvent,
  memoryEventIdStore,
  verifyWebhook,
  WebhookVerificationError,
  type EventDeduplicator,
  type EventIdStore,
  type EventOfType,
  type HeadersLike,
  type OmniEvent,
} from './webhooks.js';
export type {
  CaptureRequest,
  ApproveReturnRequest,
  CreateShipmentRequest,
  OrderReturn,
  OrderSettings,
  OrderStatusView,
  OrderStatusWebhookEvent,
  Shipment,
  ShopperOrderStatus,
  CheckoutSession,
  CreateCheckoutSessionRequest,
  CreateCheckoutSessionResponse,
  CreateRefundRequest,
  CreateWebhookEndpointRequest,
  GiftCard,
  GiftCardTransaction,
  GiftCardWithTransactions,
  IssuedGiftCard,
  KnownWebhookEvent,
  Order,
  OrderMoney,
  PaymentMethodDiagnostics,
  Refund,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from '@omni-checkout/core';

export type { CreatePaymentLinkRequest, PaymentLink } from '@omni-checkout/core/payment-links';
import type { CreatePaymentLinkRequest, PaymentLink, PaymentLinkSend, SendPaymentLinkRequest } from '@omni-checkout/core/payment-links';

const enc = encodeURIComponent;

export class OmniCheckout {
  readonly #http: Transport;

  constructor(options: ClientOptions) {
    this.#http = createTransport(options);
  }

  /** Checkout sessions: the backend prices the cart; give `clientSecret` to the page. */
  readonly sessions = {
    /**
     * Idempotent: the call sends an `Idempotency-Key` (a new one per call unless `options.idempotencyKey`
     * is given) and its retries reuse it, so a retry after a timeout or a 5xx answers the same session
     * instead of opening a second one. Pass your own key (one per checkout you open) to make a repeated
     * call, from another process say, answer the same session: its id, its client secret and its state
     * now. The same key with another request: 422 `idempotency_key_reused` (a changed cart needs a new
     * key). The backend keeps a key as long as its session.
     */
    create: (request: CreateCheckoutSessionRequest, options?: RequestOptions) =>
      this.#http.request<CreateCheckoutSessionResponse>('POST', '/v1/checkout-sessions', request, { ...options, idempotent: true }),
    retrieve: (id: string) => this.#http.request<CheckoutSession>('GET', `/v1/checkout-sessions/${enc(id)}`),
    /**
     * An unpaid session expires now; one waiting for 3-D Secure has its provider payment canceled
     * first. Repeating it answers the canceled session; 409 `cancel_not_allowed` once paid or processing.
     */
    cancel: (id: string) => this.#http.request<CheckoutSession>('POST', `/v1/checkout-sessions/${enc(id)}/cancel`, {}, { idempotent: true }),
    /** The ways to pay the session shows, and the ones it hides with a reason (`test_mode`, `no_provider`, `not_enabled`…). */
    paymentMethodDiagnostics: (id: string) =>
      this.#http.request<PaymentMethodDiagnostics>('GET', `/v1/checkout-sessions/${enc(id)}/payment-methods/diagnostics`),
  };

  /**
   * Payment links (docs/omnichannel.md): send `url` by email, SMS, chat…; its `state` is active, paid,
   * expired or disabled. Without `checkoutUrl` the link opens the backend's hosted pay page.
   */
  readonly paymentLinks = {
    create: (request: CreatePaymentLinkRequest, options?: RequestOptions) => this.#http.request<PaymentLink>('POST', '/v1/payment_links', request, options),
    retrieve: (id: string) => this.#http.request<PaymentLink>('GET', `/v1/payment_links/${enc(id)}`),
    /** The link opens no checkout any more. */
    disable: (id: string) => this.#http.request<PaymentLink>('POST', `/v1/payment_links/${enc(id)}/disable`, {}, { idempotent: true }),
    /**
     * Sends the link to one shopper, `{ email }` or `{ phone }` (E.164), by the backend's outbox. One
     * message per Idempotency-Key (a new key per call unless `options.idempotencyKey` is given; retries
     * reuse it); 409 `payment_link_not_active` when the link is paid, expired or disabled.
     */
    send: (id: string, request: SendPaymentLinkRequest, options?: RequestOptions) =>
      this.#http.request<PaymentLinkSend>('POST', `/v1/payment_links/${enc(id)}/send`, request, { ...options, idempotent: true }),
  };

  readonly orders = {
    retrieve: (id: string) => this.#http.request<Order>('GET', `/v1/orders/${enc(id)}`),
    /** One page of orders, newest first: `{ object: 'list', data, hasMore }` (see `all` to walk them all). */
    page: (params: { sessionId?: string } & PageParams = {}) => this.#http.request<ListPage<Order>>('GET', `/v1/orders${queryString(params)}`),
    /** Every order, newest first, page after page: `for await (const order of omni.orders.all()) …`. */
    all: (params: { sessionId?: string; limit?: number } = {}) =>
      autoPage((page) => this.orders.page({ ...(params.sessionId !== undefined ? { sessionId: params.sessionId } : {}), ...page }), params),
    /** The first page's orders (100 unless `limit` says otherwise); `page` tells whether there are more. */
    list: async (filter: { sessionId?: string } & PageParams = {}) => (await this.orders.page(filter)).data,
    /**
     * Captures all (no amount) or part of an `authorized` order (a session created with
     * `captureMethod: 'manual'`); the rest is released. The order answers `paid` with `amountCaptured`.
     * Idempotent like `refunds.create`: retries reuse one key; pass your own `idempotencyKey` to make a
     * repeated call answer the same capture. 409 `capture_exceeds_authorized`, `capture_not_allowed`.
     */
    capture: (orderId: string, request: CaptureRequest = {}, options?: RequestOptions) =>
      this.#http.request<Order>('POST', `/v1/orders/${enc(orderId)}/capture`, request, { ...options, idempotent: true }),
    /**
     * Cash on delivery: the courier collected the amount, the order becomes `paid` (`order.paid`).
     * Repeating it answers the same order; 409 `cash_on_delivery_not_pending` once refused, `not_cash_on_delivery`.
     */
    markCashOnDeliveryPaid: (orderId: string) =>
      this.#http.request<Order>('POST', `/v1/orders/${enc(orderId)}/cash-on-delivery/paid`, {}, { idempotent: true }),
    /**
     * Cash on delivery: the shopper refused the parcel, the order becomes `canceled` (`order.canceled`), nothing
     * collected. Repeating it answers the same order; 409 `cash_on_delivery_not_pending` once paid, `not_cash_on_delivery`.
     */
    markCashOnDeliveryRefused: (orderId: string) =>
      this.#http.request<Order>('POST', `/v1/orders/${enc(orderId)}/cash-on-delivery/refused`, {}, { idempotent: true }),
    /** State, history, shipments, returns and the signed status link (`statusUrl`) to send the shopper. */
    status: (id: string) => this.#http.request<OrderStatusView>('GET', `/v1/orders/${enc(id)}/status`),
    /** A parcel left: the order becomes `shipped` (409 `order_transition_not_allowed` from a state that cannot ship). Not retried after it arrived: a retry could add a second parcel. */
    addShipment: (id: string, request: CreateShipmentRequest) => this.#http.request<Shipment>('POST', `/v1/orders/${enc(id)}/shipments`, request),
    /** `preparing`, `out_for_delivery` or `delivered`. */
    addDeliveryEvent: (id: string, type: DeliveryEventRequest['type']) =>
      this.#http.request<OrderStatusView>('POST', `/v1/orders/${enc(id)}/delivery-events`, { type }),
    /**
     * Cancels before shipment: an `authorized` order's payment is released (voided), a paid one's
     * capture is refunded. Repeating it resumes an unfinished refund; 409 `order_transition_not_allowed` once shipped.
     */
    cancel: (id: string, request: CancelOrderRequest = {}) =>
      this.#http.request<OrderStatusView>('POST', `/v1/orders/${enc(id)}/cancel`, request, { idempotent: true }),
    settings: () => this.#http.request<OrderSettings>('GET', '/v1/order-settings'),
    updateSettings: (patch: Partial<OrderSettings>) => this.#http.request<OrderSettings>('POST', '/v1/order-settings', patch, { idempotent: true }),
  };

  /** Returns the shopper asked for from their status page (`return.requested` webhook). */
  readonly returns = {
    /** Refunds the return through the order's provider; repeating it resumes the same refund. */
    approve: (id: string, request: ApproveReturnRequest = {}) =>
      this.#http.request<OrderReturn>('POST', `/v1/returns/${enc(id)}/approve`, request, { idempotent: true }),
    refuse: (id: string, reason: string) => this.#http.request<OrderReturn>('POST', `/v1/returns/${enc(id)}/refuse`, { reason }, { idempotent: true }),
  };

  readonly refunds = {
    /**
     * Refunds all (no amount) or part of an order. Idempotent: retries of this call reuse one key,
     * and passing your own `idempotencyKey` makes a repeated call answer the same refund.
     */
    create: (orderId: string, request: CreateRefundRequest = {}, options?: RequestOptions) =>
      this.#http.request<Refund>('POST', `/v1/orders/${enc(orderId)}/refunds`, request, { ...options, idempotent: true }),
    retrieve: (id: string) => this.#http.request<Refund>('GET', `/v1/refunds/${enc(id)}`),
    /** The order's captured and refunded amounts, with its refunds. */
    list: (orderId: string) => this.#http.request<OrderMoney & { refunds: Refund[] }>('GET', `/v1/orders/${enc(orderId)}/refunds`),
  };

  /** Gift cards: issue (the code is answered once), read with the ledger, debit and credit (idempotent), disable. */
  readonly giftCards = {
    /** Not retried once the request arrived (a retry could issue a second card). */
    issue: (request: IssueGiftCardRequest) => this.#http.request<IssuedGiftCard>('POST', '/v1/gift-cards', request),
    retrieve: (id: string) => this.#http.request<GiftCardWithTransactions>('GET', `/v1/gift-cards/${enc(id)}`),
    /** All or nothing; retries reuse one key, and your own `idempotencyKey` makes a repeated call answer the same line. */
    debit: (id: string, request: GiftCardDebitRequest, options?: RequestOptions) =>
      this.#http.request<GiftCardTransaction>('POST', `/v1/gift-cards/${enc(id)}/debits`, request, { ...options, idempotent: true }),
    /** Gives back part or all of a debit (a refund to the card). */
    credit: (id: string, request: GiftCardCreditRequest, options?: RequestOptions) =>
      this.#http.request<GiftCardTransaction>('POST', `/v1/gift-cards/${enc(id)}/credits`, request, { ...options, idempotent: true }),
    disable: (id: string) => this.#http.request<GiftCard>('POST', `/v1/gift-cards/${enc(id)}/disable`, {}, { idempotent: true }),
  };

  /**
   * Store credit: money a shopper of the identity network has at this shop, named by id or by the
   * email they verified (only shoppers who share their details with this shop). It adds to their
   * balance in that currency; they see and apply it in the checkout.
   */
  readonly storeCredit = {
    grant: (request: GrantStoreCreditRequest, options?: RequestOptions) =>
      this.#http.request<StoreCredit>('POST', '/v1/store-credit', request, { ...options, idempotent: true }),
  };

  readonly webhookEndpoints = {
    /** The answer holds the signing secret; it is not shown again (except by `rotateSecret`). */
    create: (request: CreateWebhookEndpointRequest) => this.#http.request<WebhookEndpointWithSecret>('POST', '/v1/webhook-endpoints', request),
    list: async () => (await this.#http.request<{ data: WebhookEndpoint[] }>('GET', '/v1/webhook-endpoints')).data,
    retrieve: (id: string) => this.#http.request<WebhookEndpoint>('GET', `/v1/webhook-endpoints/${enc(id)}`),
    update: (id: string, patch: UpdateWebhookEndpointRequest) =>
      this.#http.request<WebhookEndpoint>('POST', `/v1/webhook-endpoints/${enc(id)}`, patch, { idempotent: true }),
    delete: (id: string) => this.#http.request<{ id: string; deleted: true }>('DELETE', `/v1/webhook-endpoints/${enc(id)}`),
    /** A new secret; the old one keeps signing deliveries for `previousSecretExpiresInSeconds` (default 24 h). */
    rotateSecret: (id: string, request: { previousSecretExpiresInSeconds?: number } = {}) =>
      this.#http.request<WebhookEndpointWithSecret>('POST', `/v1/webhook-endpoints/${enc(id)}/rotate-secret`, request),
    /** The first page of the delivery log (100 attempts unless `limit` says otherwise), newest first. */
    deliveries: async (id: string, params: PageParams = {}) => (await this.webhookEndpoints.deliveriesPage(id, params)).data,
    deliveriesPage: (id: string, params: PageParams = {}) =>
      this.#http.request<ListPage<WebhookDelivery>>('GET', `/v1/webhook-endpoints/${enc(id)}/deliveries${queryString(params)}`),
    /** The whole delivery log, newest first, page after page. */
    allDeliveries: (id: string, params: { limit?: number } = {}) => autoPage((page) => this.webhookEndpoints.deliveriesPage(id, page), params),
    redeliver: (id: string, eventId: string) =>
      this.#http.request<{ eventId: string; endpointId: string; status: 'pending' }>('POST', `/v1/webhook-endpoints/${enc(id)}/redeliver`, { eventId }, { idempotent: true }),
  };

  readonly events = {
    /** One page of events, newest first: `{ object: 'list', data, hasMore }`. */
    page: (params: { type?: string } & PageParams = {}) => this.#http.request<ListPage<WebhookEvent>>('GET', `/v1/events${queryString(params)}`),
    /** Every event (of `type`), newest first, page after page. */
    all: (params: { type?: string; limit?: number } = {}) =>
      autoPage((page) => this.events.page({ ...(params.type !== undefined ? { type: params.type } : {}), ...page }), params),
    /** The first page's events (100 unless `limit` says otherwise). */
    list: async (filter: { type?: string } & PageParams = {}) => (await this.events.page(filter)).data,
    retrieve: (id: string) => this.#http.request<WebhookEvent>('GET', `/v1/events/${enc(id)}`),
  };

  /** `omni.webhooks.verify(rawBody, headers, secret)`: see `verifyWebhook`. */
  readonly webhooks = {
    verify: (rawBody: string | Uint8Array, headers: HeadersLike, secret: string | readonly string[]): OmniEvent => verifyWebhook(rawBody, headers, secret),
  };
}
