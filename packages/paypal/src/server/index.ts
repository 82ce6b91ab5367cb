/**
 * Server half of the PayPal provider, on PayPal's Orders v2 REST API.
 *
 * - `prepare` creates the PayPal order for the session's own amount (items, shipping, address,
 *   locale) with `PayPal-Request-Id`, or PATCHes an order prepared before when the shopper changed
 *   shipping inside the PayPal window.
 * - `createPayment` captures an approved order (`paymentMethod` is the order id) with
 *   `PayPal-Request-Id`. Captures of one order run one at a time; an order already captured answers
 *   its capture instead of capturing again. The order must belong to the session (`custom_id`), and
 *   its amount is set to the session's before capturing. `paymentMethod` `vault:<token>` pays with
 *   a vaulted PayPal or Venmo account in one call (a returning shopper's one click).
 * - `customers` lists and deletes vaulted accounts (Vault v3 payment tokens).
 * - `webhooks.verify` checks PayPal's signature before anything acts on an event.
 */
import { currencyMinorUnits, type ProviderPaymentInput, type ProviderPaymentResult, type ProviderPrepareInput, type ServerProvider } from '@omni-checkout/core';
import { createPayPalApi, PAYPAL_API, PayPalApiError, type Capture, type Order, type OrderPatch, type OrderRequest, type PaymentToken, type PaymentTokenList } from './api.js';
import { createWebhookVerifier, paidAmount, type WebhookVerification } from './webhooks.js';
import { paypalMoneyOut } from './money-out.js';

export { PayPalApiError, PAYPAL_API } from './api.js';
export type { Order, OrderRequest, Capture, PaymentToken } from './api.js';
export { PAYPAL_CERT_HOSTS, isPinnedCertUrl } from './webhooks.js';

export interface PayPalProviderOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** `sandbox` (default) or `live`. */
  readonly environment?: 'sandbox' | 'live';
  /** Overrides the REST API origin (a loopback fake in tests). */
  readonly apiBase?: string;
  /** The id of the webhook registered at PayPal; required to verify webhooks. */
  readonly webhookId?: string;
  /** `api` (default): PayPal's verification API. `offline`: check the RSA signature with PayPal's certificate. */
  readonly webhookVerification?: WebhookVerification;
  /** Shown to the shopper in the PayPal window instead of the account's business name. */
  readonly brandName?: string;
  readonly fetch?: typeof fetch;
  /** Fetches certificates for offline webhook verification (defaults to `fetch`); only ever called for PayPal's hosts. */
  readonly fetchCertificate?: (url: string) => Promise<string>;
  readonly now?: () => number;
  /**
   * Serialises the work on one PayPal order (its capture, a prepare that patches it): tasks with
   * the same key run one at a time. Default: an in-process lock, which holds only within one
   * process; several backend instances pass a database lock (the server's `Db.lock`, a
   * PostgreSQL advisory lock), so a capture is never attempted twice at once anywhere.
   */
  readonly lock?: KeyedLock;
}

/** Runs `task` while holding the lock named `key`. */
export type KeyedLock = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/** Prefix of a saved (vaulted) PayPal or Venmo account's reference. */
export const VAULT_PREFIX = 'vault:';

const ORDER_ID = /^[A-Z0-9]{1,36}$/;

/** Minor units → PayPal's decimal string with the currency's digits (1999 EUR → "19.99", 500 JPY → "500"). */
export function toPayPalValue(amount: number, currency: string): string {
  const digits = currencyMinorUnits(currency);
  if (digits === 0) return String(amount);
  const text = String(amount).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** PayPal's decimal string → minor units ("19.99" EUR → 1999, "500" JPY → 500). */
export function fromPayPalValue(value: string, currency: string): number {
  const digits = currencyMinorUnits(currency);
  const [whole = '0', fraction = ''] = value.split('.');
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0').slice(0, digits) || '0');
}

const money = (amount: number, currency: string) => ({ currency_code: currency, value: toPayPalValue(amount, currency) });

/** PayPal's locale for the experience context: `de-DE`, `en-US`; a bare language gets the session's country. */
export function experienceLocale(locale: string | null, country: string): string | undefined {
  if (!locale) return undefined;
  const [language, region] = locale.split('-');
  if (!language || !/^[a-z]{2}$/i.test(language)) return undefined;
  const r = region && /^[A-Z]{2}$/i.test(region) ? region : country;
  return `${language.toLowerCase()}-${r.toUpperCase()}`;
}

function purchaseUnit(input: ProviderPrepareInput): OrderRequest['purchase_units'][number] {
  const { session, currency } = input;
  const address = session.shippingAddress;
  return {
    reference_id: 'default',
    custom_id: session.id,
    amount: {
      ...money(input.amount, currency),
      breakdown: {
        item_total: money(session.totals.subtotal, currency),
        shipping: money(session.totals.shipping, currency),
      },
    },
    items: session.lineItems.map((item) => ({
      name: item.name.slice(0, 127),
      sku: item.id,
      quantity: String(item.quantity),
      unit_amount: money(item.unitAmount, currency),
    })),
    ...(input.express
      ? session.shippingOptions.length
        ? { shipping: { options: shippingOptions(input) } }
        : {}
      : address
        ? {
            shipping: {
              type: 'SHIPPING' as const,
              name: { full_name: address.name },
              address: {
                address_line_1: address.line1,
                ...(address.line2 ? { address_line_2: address.line2 } : {}),
                admin_area_2: address.city,
                ...(address.region ? { admin_area_1: address.region } : {}),
                ...(address.postalCode ? { postal_code: address.postalCode } : {}),
                country_code: address.country,
              },
            },
          }
        : {}),
  };
}

function shippingOptions(input: ProviderPrepareInput) {
  const { session, currency } = input;
  return session.shippingOptions.map((option) => ({
    id: option.id,
    label: option.label.slice(0, 127),
    type: 'SHIPPING' as const,
    amount: money(option.amount, currency),
    selected: option.id === session.selectedShippingOptionId,
  }));
}

function orderRequest(input: ProviderPrepareInput, brandName: string | undefined): OrderRequest {
  const { session } = input;
  const source = input.method === 'venmo' ? 'venmo' : 'paypal';
  const locale = experienceLocale(session.locale, session.country);
  const vault = input.savePaymentMethod
    ? {
        attributes: {
          ...(input.customer ? { customer: { id: input.customer } } : {}),
          vault: { store_in_vault: 'ON_SUCCESS' as const, usage_type: 'MERCHANT' as const, customer_type: 'CONSUMER' as const },
        },
      }
    : {};
  const shippingPreference = input.express ? 'GET_FROM_FILE' : session.shippingAddress ? 'SET_PROVIDED_ADDRESS' : 'NO_SHIPPING';
  return {
    // Manual capture: the shopper's approval is authorised at confirm and captured by the merchant later.
    intent: input.captureMethod === 'manual' ? 'AUTHORIZE' : 'CAPTURE',
    purchase_units: [purchaseUnit(input)],
    payment_source:
      source === 'venmo'
        ? {
            venmo: {
              experience_context: { shipping_preference: shippingPreference, ...(brandName ? { brand_name: brandName } : {}) },
              ...vault,
            },
          }
        : {
            paypal: {
              experience_context: {
                shipping_preference: shippingPreference,
                user_action: 'PAY_NOW',
                ...(locale ? { locale } : {}),
                ...(brandName ? { brand_name: brandName } : {}),
              },
              ...(session.contact ? { email_address: session.contact.email } : {}),
              ...vault,
            },
          },
  };
}

function failed(reference: string | null, code: Extract<ProviderPaymentResult, { status: 'failed' }>['code'], message: string, declineCode?: string): ProviderPaymentResult {
  return { status: 'failed', reference, code, message, ...(declineCode ? { declineCode } : {}) };
}

function succeeded(order: Order): ProviderPaymentResult {
  const source = order.payment_source;
  const unit = order.purchase_units?.[0];
  const wallet = source?.venmo ?? source?.paypal;
  const vaultId = wallet?.attributes?.vault?.id;
  const account = maskEmail(wallet?.email_address);
  return {
    status: 'succeeded',
    reference: order.id!,
    // An authorised order (intent AUTHORIZE) reports what was authorised, before and after its capture.
    ...paidAmount(order.intent === 'AUTHORIZE' ? (unit?.payments?.authorizations?.[0]?.amount ?? unit?.amount) : (unit?.payments?.captures?.[0]?.amount ?? unit?.amount)),
    // Vaulted with the shopper's consent: the reference pays their next checkout in one click.
    ...(vaultId
      ? { paymentMethod: { reference: `${VAULT_PREFIX}${source?.venmo ? 'venmo:' : ''}${vaultId}`, brand: source?.venmo ? 'venmo' : 'paypal', ...(account ? { account } : {}) } }
      : {}),
  };
}

/** The payment state an order stands for. `reference` is the order id. */
export function resultOfOrder(order: Order): ProviderPaymentResult {
  const reference = order.id ?? null;
  const capture: Capture | undefined = order.purchase_units?.[0]?.payments?.captures?.[0];
  const authorization = order.purchase_units?.[0]?.payments?.authorizations?.[0];
  if (order.status === 'COMPLETED' && order.intent === 'AUTHORIZE' && authorization) {
    // Authorised (captured: false) until the merchant captures; a voided or denied authorisation took nothing.
    if (capture && (capture.status === 'COMPLETED' || capture.status === 'PARTIALLY_REFUNDED' || capture.status === 'REFUNDED')) return { ...succeeded(order), captured: true } as ProviderPaymentResult;
    if (authorization.status === 'CREATED') return { ...succeeded(order), captured: false } as ProviderPaymentResult;
    if (authorization.status === 'PENDING') return { status: 'processing', reference: reference! };
    if (authorization.status === 'VOIDED') return failed(reference, 'provider_error', 'The PayPal authorization was voided.');
    return failed(reference, 'card_declined', `PayPal authorization ${authorization.status ?? 'failed'}`, 'authorization_declined');
  }
  switch (order.status) {
    case 'COMPLETED':
      // A refunded capture was paid first (refunds are the backend's own records).
      if (!capture || capture.status === 'COMPLETED' || capture.status === 'PARTIALLY_REFUNDED' || capture.status === 'REFUNDED') return succeeded(order);
      if (capture.status === 'PENDING') return { status: 'processing', reference: reference! };
      return failed(reference, 'card_declined', `PayPal capture ${capture.status ?? 'failed'}`, 'capture_declined');
    case 'APPROVED':
    case 'SAVED':
      return { status: 'processing', reference: reference! };
    case 'VOIDED':
      return failed(reference, 'provider_error', 'The PayPal order was voided.');
    default:
      // CREATED / PAYER_ACTION_REQUIRED: the shopper has not approved (closed the PayPal window).
      return failed(reference, 'authentication_canceled', 'The PayPal payment was not approved.');
  }
}

/** PayPal ids and issue codes a shopper can recover from by picking another funding source. */
const DECLINED_ISSUES = new Set(['INSTRUMENT_DECLINED', 'PAYER_ACTION_REQUIRED', 'TRANSACTION_REFUSED', 'PAYER_CANNOT_PAY', 'REDIRECT_PAYER_FOR_ALTERNATE_FUNDING']);

/** A tiny per-key mutex in this process: calls with the same key run one after another, in order. */
export function keyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}

function maskEmail(email: string | undefined): string | undefined {
  if (!email) return undefined;
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

export interface PayPalServerProvider extends ServerProvider {
  readonly id: 'paypal';
  /** Number of OAuth token fetches so far (the cache is observable in tests). */
  readonly tokenFetches: number;
}

export function createPayPalProvider(options: PayPalProviderOptions): PayPalServerProvider {
  const environment = options.environment ?? 'sandbox';
  const api = createPayPalApi({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    baseUrl: options.apiBase ?? PAYPAL_API[environment],
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const lock = options.lock ?? keyedLock();
  const serial = <T>(orderId: string, task: () => Promise<T>) => lock(`paypal:order:${orderId}`, task);
  const verifier = createWebhookVerifier({
    api,
    webhookId: options.webhookId,
    mode: options.webhookVerification ?? 'api',
    fetchCertificate:
      options.fetchCertificate ??
      (async (url) => {
        const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(10_000) });
        if (!response.ok) throw new Error(`certificate ${response.status}`);
        return response.text();
      }),
  });

  const getOrder = (id: string) => api.request<Order>('GET', `/v2/checkout/orders/${id}`);

  /** Captures one approved order of this session; the caller holds the order's lock. */
  async function capture(orderId: string, input: ProviderPaymentInput): Promise<ProviderPaymentResult> {
    let order = await getOrder(orderId);
    const unit = order.purchase_units?.[0];
    if (unit?.custom_id !== input.sessionId || unit.amount?.currency_code !== input.currency) {
      return failed(null, 'provider_error', 'This PayPal order belongs to another checkout.');
    }
    if (order.status === 'COMPLETED') return resultOfOrder(order);
    if (order.status !== 'APPROVED') return resultOfOrder(order);
    const value = toPayPalValue(input.amount, input.currency);
    if (unit.amount.value !== value) {
      // The cart changed after the order was created: charge the session's amount, never the order's.
      // PayPal checks a new amount against the order's items (ITEM_TOTAL_REQUIRED, AMOUNT_MISMATCH), so
      // the breakdown keeps the items' total and puts the rest on shipping (the only part that changes).
      const itemTotal = (unit.items ?? []).reduce((sum, item) => sum + fromPayPalValue(item.unit_amount?.value ?? '0', input.currency) * Number(item.quantity), 0);
      if (itemTotal > input.amount) return failed(null, 'provider_error', 'This PayPal order does not match the checkout.');
      const amount = unit.items?.length
        ? { ...money(input.amount, input.currency), breakdown: { item_total: money(itemTotal, input.currency), shipping: money(input.amount - itemTotal, input.currency) } }
        : money(input.amount, input.currency);
      const patch: OrderPatch = [{ op: 'replace', path: "/purchase_units/@reference_id=='default'/amount", value: amount }];
      await api.request('PATCH', `/v2/checkout/orders/${orderId}`, { body: patch });
    }
    // An order created with intent AUTHORIZE (manual capture) is authorised here, captured by the merchant later.
    const step = order.intent === 'AUTHORIZE' ? 'authorize' : 'capture';
    try {
      order = await api.request<Order>('POST', `/v2/checkout/orders/${orderId}/${step}`, {
        body: {},
        requestId: `${input.idempotencyKey}:${step}`,
        prefer: 'return=representation',
      });
    } catch (error) {
      if (!(error instanceof PayPalApiError)) throw error;
      if (error.issue === 'ORDER_ALREADY_CAPTURED' || error.issue === 'ORDER_ALREADY_AUTHORIZED') return resultOfOrder(await getOrder(orderId));
      if (error.issue && DECLINED_ISSUES.has(error.issue)) {
        return failed(orderId, 'card_declined', 'PayPal declined the funding source.', error.issue.toLowerCase());
      }
      if (error.status === 422) return failed(orderId, 'provider_error', error.message, error.issue?.toLowerCase());
      throw error;
    }
    return resultOfOrder(order);
  }

  /** A returning shopper pays with a vaulted account: PayPal creates and completes the order in one call. */
  async function payWithVault(token: string, input: ProviderPaymentInput): Promise<ProviderPaymentResult> {
    const source = token.startsWith('venmo:') ? 'venmo' : 'paypal';
    const vaultId = token.replace(/^venmo:/, '');
    let order: Order;
    try {
      order = await api.request<Order>('POST', '/v2/checkout/orders', {
        requestId: input.idempotencyKey,
        prefer: 'return=representation',
        body: {
          intent: input.captureMethod === 'manual' ? 'AUTHORIZE' : 'CAPTURE',
          purchase_units: [{ reference_id: 'default', custom_id: input.sessionId, amount: money(input.amount, input.currency) }],
          payment_source: { [source]: { vault_id: vaultId } },
        } satisfies OrderRequest,
      });
    } catch (error) {
      if (error instanceof PayPalApiError && error.status === 422) {
        return failed(null, 'card_declined', 'PayPal declined the saved account.', error.issue?.toLowerCase());
      }
      throw error;
    }
    return resultOfOrder(order);
  }

  return {
    id: 'paypal',
    livemode: environment === 'live',
    get tokenFetches() {
      return api.tokenFetches;
    },

    // The JS SDK's `intent` must match the orders' (an authorize-intent order under `intent=capture` is refused).
    publicConfig: (market) => ({
      clientId: options.clientId,
      environment: environment === 'live' ? 'production' : 'sandbox',
      intent: market?.captureMethod === 'manual' ? 'authorize' : 'capture',
    }),

    moneyOut: paypalMoneyOut(api, money),

    supportedMethods: ({ country }) => (country === 'US' ? ['paypal', 'paylater', 'venmo'] : ['paypal', 'paylater']),

    async prepare(input) {
      if (input.reference) {
        if (!ORDER_ID.test(input.reference)) throw new Error('Not a PayPal order id');
        return serial(input.reference, async () => {
          const order = await getOrder(input.reference!);
          if (order.purchase_units?.[0]?.custom_id !== input.session.id) throw new Error('The PayPal order belongs to another checkout');
          const unit = purchaseUnit(input);
          const patch: OrderPatch = [{ op: 'replace', path: "/purchase_units/@reference_id=='default'/amount", value: unit.amount }];
          if (input.express && input.session.shippingOptions.length) {
            patch.push({ op: 'replace', path: "/purchase_units/@reference_id=='default'/shipping/options", value: shippingOptions(input) });
          }
          await api.request('PATCH', `/v2/checkout/orders/${input.reference}`, { body: patch });
          return { reference: input.reference! };
        });
      }
      const order = await api.request<Order>('POST', '/v2/checkout/orders', {
        body: orderRequest(input, options.brandName),
        requestId: input.idempotencyKey,
        prefer: 'return=minimal',
      });
      return { reference: order.id! };
    },

    async createPayment(input) {
      if (input.paymentMethod.startsWith(VAULT_PREFIX)) return payWithVault(input.paymentMethod.slice(VAULT_PREFIX.length), input);
      if (!ORDER_ID.test(input.paymentMethod)) return failed(null, 'provider_error', 'Not a PayPal order id.');
      return serial(input.paymentMethod, () => capture(input.paymentMethod, input));
    },

    async retrievePayment(reference) {
      return resultOfOrder(await getOrder(reference));
    },

    customers: {
      // PayPal has no customer object to create: the vault's customer id is ours, stable per shopper.
      async ensure({ shopperId }) {
        return `omni_${shopperId}`.slice(0, 22);
      },
      async list(customer) {
        const list = await api.request<PaymentTokenList>('GET', `/v3/vault/payment-tokens?customer_id=${encodeURIComponent(customer)}`);
        return (list.payment_tokens ?? []).map((token: PaymentToken) => {
          const venmo = token.payment_source.venmo;
          const account = maskEmail(venmo?.email_address ?? token.payment_source.paypal?.email_address);
          return {
            reference: `${VAULT_PREFIX}${venmo ? 'venmo:' : ''}${token.id}`,
            brand: venmo ? 'venmo' : 'paypal',
            ...(account ? { account } : {}),
          };
        });
      },
      async detach(_customer, reference) {
        const id = reference.slice(VAULT_PREFIX.length).replace(/^venmo:/, '');
        await api.request('DELETE', `/v3/vault/payment-tokens/${encodeURIComponent(id)}`);
      },
    },

    webhooks: { verify: verifier },
  };
}
