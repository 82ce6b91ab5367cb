/**
 * A loopback fake of PayPal's REST API for tests, the demo and e2e: OAuth client credentials,
 * Orders v2 (create, get, patch, capture, authorize) with Payments v2 authorizations (capture, void), Vault v3 payment tokens and webhook signature
 * verification. Bodies are typed with the Orders v2 OpenAPI types `@paypal/paypal-js` ships, and
 * errors use PayPal's documented shape (`name`, `message`, `debug_id`, `details[].issue`).
 * `PayPal-Request-Id` is honoured like PayPal does: a repeated id answers the latest status of what
 * the first request did (the order as it is now), and a request that failed is not remembered.
 * Amounts are checked as PayPal checks them: supported currency (CURRENCY_NOT_SUPPORTED), the
 * currency's decimals (DECIMALS_NOT_SUPPORTED, DECIMAL_PRECISION), items against
 * `breakdown.item_total` (ITEM_TOTAL_MISMATCH, ITEM_TOTAL_REQUIRED) and the breakdown against the
 * total (AMOUNT_MISMATCH), on create and on a PATCHed amount alike.
 *
 * What the buyer does in the PayPal window is driven through `approve()` (or
 * `POST /__fake/orders/:id/approve`, which the e2e SDK double reaches through `page.route()`):
 * pick a funding source, and optionally one that PayPal declines at capture (INSTRUMENT_DECLINED).
 *
 * Binds 127.0.0.1 on port 0 (or `port`), never a fixed port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSign, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { CreateOrderRequestBody, OrderResponseBody } from '@paypal/paypal-js';
import type { AccessTokenResponse, Capture, ErrorBody, PayPalRefund, PaymentToken, PaymentTokenList, VerifyWebhookSignatureRequest, VerifyWebhookSignatureResponse } from '../server/api.js';
import type { PayPalWebhookEvent } from '../server/webhooks.js';
import { TEST_WEBHOOK_CERT, TEST_WEBHOOK_KEY } from './webhook-test-keys.js';
import { createPayPalRefunds } from './rest-fake-refunds.js';
import { createPayPalAuthorizations } from './rest-fake-authorizations.js';

export type Funding = 'paypal' | 'paylater' | 'venmo' | 'card';

export interface Approval {
  /** The funding source the buyer picked. */
  readonly funding?: Funding;
  /** PayPal declines this instrument at capture (`INSTRUMENT_DECLINED`); the buyer must pick another. */
  readonly declined?: boolean;
  readonly email?: string;
  /** The address the buyer chose in the window (express). */
  readonly shipping?: { readonly name: string; readonly line1: string; readonly city: string; readonly postalCode?: string; readonly region?: string; readonly country: string };
}

export interface FakeOrder {
  order: OrderResponseBody & { id: string };
  request: CreateOrderRequestBody;
  declined: boolean;
  /** Capture calls answered for this order (including replays and refusals). */
  captureCalls: number;
}

export interface PayPalRestFake {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookId: string;
  /** The certificate URL webhooks are signed with (a PayPal host; tests route it to `certificate`). */
  readonly certUrl: string;
  readonly certificate: string;
  readonly orders: Map<string, FakeOrder>;
  /** Captures that actually moved money (one per order at most). */
  readonly captures: Capture[];
  /** Refunds made (Payments v2), each with the capture it refunds. */
  refunds(): (PayPalRefund & { capture: string })[];
  /** Every request, as `METHOD /path`. */
  readonly requests: string[];
  /** Token requests answered. */
  tokensIssued: number;
  /** Lifetime of issued tokens, in seconds. */
  tokenTtl: number;
  /** Delay before each capture answers, so concurrent captures overlap. */
  captureDelayMs: number;
  approve(orderId: string, approval?: Approval): OrderResponseBody;
  /** Revokes every token (the next call gets 401 and must fetch a new one). */
  revokeTokens(): void;
  /** A signed webhook delivery for `event`, as PayPal would post it. */
  signWebhook(event: PayPalWebhookEvent, options?: { time?: Date; webhookId?: string; certUrl?: string }): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

export interface PayPalRestFakeOptions {
  readonly port?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Let the process exit while the fake still listens (a fake shared by a whole test run). */
  readonly unref?: boolean;
}

const newId = (length = 17) => randomBytes(length).toString('base64url').replace(/[^A-Za-z0-9]/g, '').toUpperCase().padEnd(length, 'X').slice(0, length);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function error(status: number, name: string, issue?: string, description?: string): { status: number; body: ErrorBody } {
  return {
    status,
    body: {
      name,
      message: issue ? `${name}: ${issue}` : name,
      debug_id: newId(13).toLowerCase(),
      ...(issue ? { details: [{ issue, ...(description ? { description } : {}) }] } : {}),
    },
  };
}

/** PayPal's currencies (developer.paypal.com/api/rest/reference/currency-codes); HUF, JPY and TWD take no decimals. */
const PAYPAL_CURRENCIES = new Set(['AUD', 'BRL', 'CAD', 'CNY', 'CZK', 'DKK', 'EUR', 'HKD', 'HUF', 'ILS', 'JPY', 'MYR', 'MXN', 'TWD', 'NZD', 'NOK', 'PHP', 'PLN', 'GBP', 'SGD', 'SEK', 'CHF', 'THB', 'USD']);
const NO_DECIMALS = new Set(['HUF', 'JPY', 'TWD']);

interface Money {
  readonly currency_code?: string;
  readonly value?: string;
}

/** A money value in the currency's minor units, or the issue PayPal answers for it. */
function minorUnits(money: Money | undefined): number | { issue: string; description: string } {
  const currency = money?.currency_code ?? '';
  const value = money?.value ?? '';
  if (!PAYPAL_CURRENCIES.has(currency)) return { issue: 'CURRENCY_NOT_SUPPORTED', description: `Currency code ${currency} is not currently supported.` };
  const match = /^(\d{1,10})(?:\.(\d+))?$/.exec(value);
  if (!match) return { issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' };
  const decimals = match[2] ?? '';
  if (NO_DECIMALS.has(currency) && decimals.length > 0) return { issue: 'DECIMALS_NOT_SUPPORTED', description: 'Currency does not support decimals.' };
  if (decimals.length > 2) return { issue: 'DECIMAL_PRECISION', description: 'If the currency supports decimals, only two decimal place precision is supported.' };
  const digits = NO_DECIMALS.has(currency) ? 0 : 2;
  return Number(match[1]) * 10 ** digits + Number(decimals.padEnd(digits, '0') || '0');
}

type Unit = NonNullable<CreateOrderRequestBody['purchase_units']>[number];

/** PayPal's checks of a purchase unit's amount, breakdown and items: the first issue, or null. */
export function amountIssue(unit: Pick<Unit, 'amount' | 'items'>): { issue: string; description: string } | null {
  const amount = unit.amount as (Money & { breakdown?: Record<string, Money | undefined> }) | undefined;
  const total = minorUnits(amount);
  if (typeof total !== 'number') return total;
  const currency = amount!.currency_code!;
  const part = (money: Money | undefined) => {
    if (!money) return 0;
    if (money.currency_code !== currency) return { issue: 'CURRENCY_MISMATCH', description: 'Currency code should be the same for all amounts in the purchase unit.' };
    return minorUnits(money);
  };
  const breakdown = amount!.breakdown;
  const items = unit.items ?? [];
  if (items.length > 0 && !breakdown?.item_total) return { issue: 'ITEM_TOTAL_REQUIRED', description: 'If item details are specified (items.unit_amount and items.quantity) corresponding amount.breakdown.item_total is required.' };
  let itemSum = 0;
  for (const item of items) {
    const unitAmount = part(item.unit_amount as Money);
    if (typeof unitAmount !== 'number') return unitAmount;
    itemSum += unitAmount * Number(item.quantity);
  }
  if (!breakdown) return null;
  const sums: Record<string, number> = {};
  for (const key of ['item_total', 'tax_total', 'shipping', 'handling', 'insurance', 'shipping_discount', 'discount']) {
    const value = part(breakdown[key]);
    if (typeof value !== 'number') return value;
    sums[key] = value;
  }
  if (items.length > 0 && sums['item_total'] !== itemSum) {
    return { issue: 'ITEM_TOTAL_MISMATCH', description: 'Should equal sum of (unit_amount * quantity) across all items for a given purchase_unit.' };
  }
  const expected = sums['item_total']! + sums['tax_total']! + sums['shipping']! + sums['handling']! + sums['insurance']! - sums['shipping_discount']! - sums['discount']!;
  if (expected !== total) {
    return { issue: 'AMOUNT_MISMATCH', description: 'Should equal item_total + tax_total + shipping + handling + insurance - shipping_discount - discount.' };
  }
  return null;
}

type Answer = { status: number; body?: unknown };

export async function startPayPalRestFake(options: PayPalRestFakeOptions = {}): Promise<PayPalRestFake> {
  const clientId = options.clientId ?? 'fake-paypal-client-id';
  const clientSecret = options.clientSecret ?? 'fake-paypal-client-secret';
  const webhookId = `WH-FAKE-${newId(12)}`;
  const certUrl = 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-fake-omni-checkout';
  const tokens = new Map<string, number>();
  const orders = new Map<string, FakeOrder>();
  const replies = new Map<string, { status: number; orderId: string; minimal: boolean }>();
  const vault = new Map<string, PaymentToken[]>();
  const captures: Capture[] = [];
  const refunds = createPayPalRefunds(captures);
  const authorizations = createPayPalAuthorizations(captures);
  const requests: string[] = [];
  const now = () => Date.now();

  function authorised(request: IncomingMessage): boolean {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    const expires = match ? tokens.get(match[1]!) : undefined;
    return expires !== undefined && expires > now();
  }

  function issueToken(request: IncomingMessage, body: string): Answer {
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const token = `A21AA${newId(40)}`;
    tokens.set(token, now() + fake.tokenTtl * 1000);
    fake.tokensIssued++;
    const answer: AccessTokenResponse = { access_token: token, token_type: 'Bearer', expires_in: fake.tokenTtl, app_id: 'APP-FAKE', nonce: newId(20), scope: 'https://uri.paypal.com/services/payments/payment' };
    return { status: 200, body: answer };
  }

  function links(id: string): OrderResponseBody['links'] {
    return [
      { href: `https://api.sandbox.paypal.com/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' },
      { href: `https://www.sandbox.paypal.com/checkoutnow?token=${id}`, rel: 'approve', method: 'GET' },
    ];
  }

  function vaultToken(customer: string, source: 'paypal' | 'venmo', email: string): PaymentToken {
    const token: PaymentToken = { id: newId(8).toLowerCase(), customer: { id: customer }, payment_source: source === 'venmo' ? { venmo: { email_address: email } } : { paypal: { email_address: email } } };
    vault.set(customer, [...(vault.get(customer) ?? []), token]);
    return token;
  }

  function completeWithCapture(entry: FakeOrder): void {
    const unit = entry.order.purchase_units![0]!;
    const capture: Capture = {
      id: newId(17),
      status: 'COMPLETED',
      amount: { currency_code: unit.amount!.currency_code, value: unit.amount!.value },
      final_capture: true,
      ...(unit.custom_id ? { custom_id: unit.custom_id } : {}),
      create_time: new Date().toISOString(),
    };
    captures.push(capture);
    unit.payments = { captures: [capture] };
    entry.order.status = 'COMPLETED';
    entry.order.update_time = new Date().toISOString();
  }

  function createOrder(body: CreateOrderRequestBody): Answer {
    const unit = body?.purchase_units?.[0];
    if (body?.intent !== 'CAPTURE' && body?.intent !== 'AUTHORIZE') return error(400, 'INVALID_REQUEST', 'MISSING_REQUIRED_PARAMETER');
    if (!unit?.amount?.currency_code || !unit.amount.value) return error(400, 'INVALID_REQUEST', 'MISSING_REQUIRED_PARAMETER');
    const invalid = amountIssue(unit);
    if (invalid) return error(422, 'UNPROCESSABLE_ENTITY', invalid.issue, invalid.description);
    const id = newId(17);
    const order: FakeOrder['order'] = {
      id,
      intent: body.intent,
      status: 'CREATED',
      purchase_units: [{ reference_id: unit.reference_id ?? 'default', amount: unit.amount, ...(unit.custom_id ? { custom_id: unit.custom_id } : {}), ...(unit.items ? { items: unit.items } : {}), ...(unit.shipping ? { shipping: unit.shipping } : {}) }],
      create_time: new Date().toISOString(),
      links: links(id),
    };
    const entry: FakeOrder = { order, request: body, declined: false, captureCalls: 0 };
    orders.set(id, entry);
    const vaulted = body.payment_source?.paypal?.vault_id ?? body.payment_source?.venmo?.vault_id;
    if (vaulted) {
      // A returning payer's vaulted account: PayPal completes the order in this one call.
      const source = body.payment_source?.venmo ? 'venmo' : 'paypal';
      const token = [...vault.values()].flat().find((t) => t.id === vaulted);
      if (!token) return error(422, 'UNPROCESSABLE_ENTITY', 'INVALID_RESOURCE_ID');
      order.payment_source = { [source]: { email_address: token.payment_source[source]?.email_address, attributes: { vault: { id: token.id, status: 'VAULTED', customer: { id: token.customer.id } } } } };
      if (body.intent === 'AUTHORIZE') {
        authorizations.authorize(order);
        order.status = 'COMPLETED';
      } else completeWithCapture(entry);
    }
    return { status: 201, body: order };
  }

  function patchOrder(entry: FakeOrder, body: unknown): Answer {
    if (!Array.isArray(body)) return error(400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON');
    if (entry.order.status === 'COMPLETED') return error(422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_COMPLETED');
    const unit = entry.order.purchase_units![0]!;
    for (const op of body as { op: string; path: string; value: unknown }[]) {
      const path = /^\/purchase_units\/@reference_id=='([^']+)'\/(amount|shipping\/options|shipping\/address)$/.exec(op.path ?? '');
      if (op.op !== 'replace' && op.op !== 'add') return error(422, 'UNPROCESSABLE_ENTITY', 'PATCH_OPERATION_NOT_SUPPORTED');
      if (!path || path[1] !== unit.reference_id) return error(422, 'UNPROCESSABLE_ENTITY', 'INVALID_PATCH_PATH');
      if (path[2] === 'amount') {
        // The new amount must hold against the unit's items, as on create (PayPal applies all or nothing).
        const invalid = amountIssue({ amount: op.value as Unit['amount'], items: unit.items });
        if (invalid) return error(422, 'UNPROCESSABLE_ENTITY', invalid.issue, invalid.description);
      }
    }
    for (const op of body as { op: string; path: string; value: unknown }[]) {
      const path = /^\/purchase_units\/@reference_id=='([^']+)'\/(amount|shipping\/options|shipping\/address)$/.exec(op.path)!;
      if (path[2] === 'amount') unit.amount = op.value as typeof unit.amount;
      else if (path[2] === 'shipping/options') unit.shipping = { ...unit.shipping, options: op.value as never };
      else unit.shipping = { ...unit.shipping, address: op.value as never };
    }
    return { status: 204 };
  }

  /** `POST /v2/checkout/orders/:id/capture` (intent CAPTURE) or `/authorize` (intent AUTHORIZE). */
  async function captureOrder(entry: FakeOrder, step: 'capture' | 'authorize' = 'capture'): Promise<Answer> {
    entry.captureCalls++;
    if (fake.captureDelayMs) await new Promise((resolve) => setTimeout(resolve, fake.captureDelayMs));
    if (entry.order.intent !== (step === 'capture' ? 'CAPTURE' : 'AUTHORIZE')) {
      return error(422, 'UNPROCESSABLE_ENTITY', 'ACTION_DOES_NOT_MATCH_INTENT', `Order was created with an intent of ${entry.order.intent}.`);
    }
    if (entry.order.status === 'COMPLETED') return error(422, 'UNPROCESSABLE_ENTITY', step === 'capture' ? 'ORDER_ALREADY_CAPTURED' : 'ORDER_ALREADY_AUTHORIZED');
    if (entry.order.status !== 'APPROVED') return error(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED');
    if (entry.declined) {
      // The buyer must go back to PayPal and choose another funding source (actions.restart()).
      entry.order.status = 'CREATED';
      entry.declined = false;
      return error(422, 'UNPROCESSABLE_ENTITY', 'INSTRUMENT_DECLINED', 'The instrument presented was either declined by the processor or bank, or it cannot be used for this payment.');
    }
    if (step === 'authorize') {
      authorizations.authorize(entry.order);
      entry.order.status = 'COMPLETED';
      entry.order.update_time = new Date().toISOString();
    } else completeWithCapture(entry);
    const source = entry.request.payment_source?.venmo ? 'venmo' : 'paypal';
    const requested = entry.request.payment_source?.[source]?.attributes;
    if (requested?.vault?.store_in_vault === 'ON_SUCCESS') {
      const customer = requested.customer?.id ?? `CUST-${newId(10)}`;
      const email = entry.order.payment_source?.[source]?.email_address ?? 'buyer@example.com';
      const token = vaultToken(customer, source, email);
      const wallet = entry.order.payment_source?.[source] ?? {};
      entry.order.payment_source = { [source]: { ...wallet, attributes: { vault: { id: token.id, status: 'VAULTED', customer: { id: customer } } } } };
    }
    return { status: 201, body: entry.order };
  }

  function verifySignature(request: VerifyWebhookSignatureRequest): Answer {
    const rawBody = JSON.stringify(request.webhook_event);
    const message = `${request.transmission_id}|${request.transmission_time}|${request.webhook_id}|${crc32(Buffer.from(rawBody)) >>> 0}`;
    const expected = createSign('RSA-SHA256').update(message).sign(TEST_WEBHOOK_KEY, 'base64');
    const ok = request.webhook_id === webhookId && request.cert_url === certUrl && request.transmission_sig === expected;
    const answer: VerifyWebhookSignatureResponse = { verification_status: ok ? 'SUCCESS' : 'FAILURE' };
    return { status: 200, body: answer };
  }

  async function route(request: IncomingMessage, body: string): Promise<Answer> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    if (method === 'POST' && url.pathname === '/v1/oauth2/token') return issueToken(request, body);

    // Control endpoints: what the buyer does in the PayPal window (the SDK double posts it here).
    const control = /^\/__fake\/orders\/([A-Z0-9]+)(\/approve)?$/.exec(url.pathname);
    if (control) {
      const entry = orders.get(control[1]!);
      if (!entry) return error(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
      if (!control[2] && method === 'GET') return { status: 200, body: entry.order };
      if (control[2] && method === 'POST') {
        try {
          return { status: 200, body: fake.approve(control[1]!, body ? (JSON.parse(body) as Approval) : {}) };
        } catch (failure) {
          return error(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVABLE', String(failure));
        }
      }
    }

    if (!authorised(request)) return { status: 401, body: { error: 'invalid_token', error_description: 'Access Token not found in cache' } };
    let json: unknown = undefined;
    if (body) {
      try {
        json = JSON.parse(body);
      } catch {
        return error(400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON');
      }
    }

    if (method === 'POST' && url.pathname === '/v1/notifications/verify-webhook-signature') return verifySignature(json as VerifyWebhookSignatureRequest);
    if (url.pathname === '/v3/vault/payment-tokens' && method === 'GET') {
      const customer = url.searchParams.get('customer_id') ?? '';
      const list: PaymentTokenList = { customer: { id: customer }, payment_tokens: vault.get(customer) ?? [], total_items: vault.get(customer)?.length ?? 0, total_pages: 1 };
      return { status: 200, body: list };
    }
    const token = /^\/v3\/vault\/payment-tokens\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (token && method === 'DELETE') {
      for (const [customer, list] of vault) vault.set(customer, list.filter((t) => t.id !== token[1]));
      return { status: 204 };
    }

    // A repeated PayPal-Request-Id answers the latest status of what the first request did: the
    // order as it is now, in the representation the first request asked for.
    const requestId = request.headers['paypal-request-id'];
    const replayKey = typeof requestId === 'string' ? `${method} ${url.pathname} ${requestId}` : null;
    const earlier = replayKey ? replies.get(replayKey) : undefined;
    if (earlier) {
      const order = orders.get(earlier.orderId)!.order;
      return { status: earlier.status, body: earlier.minimal ? { id: order.id, status: order.status, links: order.links } : order };
    }
    let answer: Answer | null = null;
    const orderPath = /^\/v2\/checkout\/orders\/([A-Za-z0-9]+)(\/capture|\/authorize)?$/.exec(url.pathname);
    if (method === 'POST' && url.pathname === '/v2/checkout/orders') {
      answer = createOrder(json as CreateOrderRequestBody);
      if (answer.status === 201 && request.headers.prefer !== 'return=representation') {
        const order = answer.body as OrderResponseBody;
        answer = { status: 201, body: { id: order.id, status: order.status, links: order.links } };
      }
    } else if (orderPath) {
      const entry = orders.get(orderPath[1]!);
      if (!entry) return error(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', 'Specified resource ID does not exist.');
      if (orderPath[2] && method === 'POST') answer = await captureOrder(entry, orderPath[2] === '/authorize' ? 'authorize' : 'capture');
      else if (!orderPath[2] && method === 'GET') answer = { status: 200, body: entry.order };
      else if (!orderPath[2] && method === 'PATCH') answer = patchOrder(entry, json);
    }
    if (!answer) answer = refunds.route(method, url.pathname, json);
    if (!answer) answer = authorizations.route(method, url.pathname, json, typeof requestId === 'string' ? requestId : undefined);
    if (!answer) return error(404, 'NOT_FOUND', 'INVALID_RESOURCE_ID');
    // Only what succeeded is remembered (a failed request may be retried with the same id).
    const orderId = (answer.body as { id?: string } | undefined)?.id;
    if (replayKey && answer.status < 300 && orderId && orders.has(orderId)) {
      replies.set(replayKey, { status: answer.status, orderId, minimal: method === 'POST' && !orderPath && request.headers.prefer !== 'return=representation' });
    }
    return answer;
  }

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void readBody(request)
      .then((body) => route(request, body))
      .then(
        (answer) => {
          response.writeHead(answer.status, { 'content-type': 'application/json', 'paypal-debug-id': newId(13).toLowerCase() });
          response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
        },
        (failure: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify(error(500, 'INTERNAL_SERVER_ERROR', String(failure)).body));
        },
      );
  });
  if (options.unref) {
    server.unref();
    server.on('connection', (socket) => socket.unref());
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: PayPalRestFake = {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    webhookId,
    certUrl,
    certificate: TEST_WEBHOOK_CERT,
    orders,
    captures,
    refunds: () => refunds.refunds(),
    requests,
    tokensIssued: 0,
    tokenTtl: 32_400,
    captureDelayMs: 0,
    approve(orderId, approval = {}) {
      const entry = orders.get(orderId);
      if (!entry) throw new Error(`No order ${orderId}`);
      if (entry.order.status !== 'CREATED') throw new Error(`Order ${orderId} is ${entry.order.status}, not CREATED`);
      const source = approval.funding === 'venmo' ? 'venmo' : 'paypal';
      const email = approval.email ?? 'buyer@example.com';
      entry.order.status = 'APPROVED';
      entry.declined = approval.declined ?? false;
      entry.order.payment_source = { [source]: { email_address: email, account_id: newId(13), name: { given_name: 'Test', surname: 'Buyer' } } };
      entry.order.payer = { email_address: email, name: { given_name: 'Test', surname: 'Buyer' } };
      const unit = entry.order.purchase_units![0]!;
      if (approval.shipping) {
        const a = approval.shipping;
        unit.shipping = {
          ...unit.shipping,
          name: { full_name: a.name },
          address: { address_line_1: a.line1, admin_area_2: a.city, country_code: a.country, ...(a.postalCode ? { postal_code: a.postalCode } : {}), ...(a.region ? { admin_area_1: a.region } : {}) },
        };
      }
      return entry.order;
    },
    revokeTokens() {
      tokens.clear();
    },
    signWebhook(event, signOptions = {}) {
      const body = JSON.stringify(event);
      const transmissionId = randomBytes(16).toString('hex');
      const time = (signOptions.time ?? new Date()).toISOString();
      const id = signOptions.webhookId ?? webhookId;
      const signature = createSign('RSA-SHA256').update(`${transmissionId}|${time}|${id}|${crc32(Buffer.from(body)) >>> 0}`).sign(TEST_WEBHOOK_KEY, 'base64');
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'paypal-transmission-id': transmissionId,
          'paypal-transmission-time': time,
          'paypal-transmission-sig': signature,
          'paypal-cert-url': signOptions.certUrl ?? certUrl,
          'paypal-auth-algo': 'SHA256withRSA',
        },
      };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
  return fake;
}
