/**
 * A loopback fake of Moyasar's REST API for tests and the demo, typed with the schemas of `../api.ts`
 * (taken from Moyasar's documentation). It never reaches the internet and needs no keys:
 *
 * - `POST /v1/tokens` (publishable key, from the page; CORS) tokenises a card: Moyasar's mada and
 *   Visa test cards decide the outcome later, as in Moyasar's sandbox;
 * - `POST /v1/payments` (secret key) with a `token` source answers `initiated` with a 3-D Secure
 *   `transaction_url` (this fake's page, `GET /fake/3ds/<id>`, which sends the shopper back to
 *   `callback_url?id=…&status=…&message=…`); with an `stcpay` source, `initiated` with the URL the
 *   one-time password is sent to (`POST /v1/stc_pays/<id>/proceed?otp_token=…&otp_value=…`; CORS;
 *   sandbox OTPs: 123456 pays, 111111 insufficient funds, anything else fails);
 *   a repeated `given_id` answers the payment it created (Moyasar's idempotency);
 * - `GET` / `PUT /v1/payments/<id>`, `POST /v1/payments/<id>/refund` (never more than paid),
 *   `POST /v1/payments/<id>/void`;
 * - webhooks: each settled payment is POSTed to `webhookUrl` with the endpoint's `secret_token`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { CreatePayment, MADA_TEST_CARDS, RefundPayment, STC_PAY_TEST_OTP, UpdatePayment, type Payment, type Token, type WebhookEvent } from '../api.js';

export interface MoyasarFakeOptions {
  readonly secretKey?: string;
  readonly publishableKey?: string;
  /** Where settled payments are POSTed (the backend's `/v1/webhooks/moyasar`). */
  readonly webhookUrl?: string;
  /** The endpoint's secret token, sent in every webhook body. */
  readonly webhookSecret?: string;
  readonly port?: number;
  readonly host?: string;
}

export interface MoyasarFake {
  readonly url: string;
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly payments: ReadonlyMap<string, Payment>;
  /** Requests `POST /v1/payments` answered, for idempotency tests. */
  readonly created: () => number;
  /** Webhook bodies sent so far (delivered or not). */
  readonly webhooks: readonly WebhookEvent[];
  /** The exact event Moyasar would send for a payment now (tests sign-check it). */
  event(paymentId: string, type: string): WebhookEvent;
  close(): Promise<void>;
}

interface Card {
  readonly number: string;
  readonly name: string;
  readonly month: string;
  readonly year: string;
}

const TokenRequest = z.object({
  name: z.string().trim().regex(/\S+\s+\S+/, 'name must be at least two words'),
  number: z.string().regex(/^\d{12,19}$/),
  month: z.coerce.number().int().min(1).max(12),
  year: z.coerce.number().int(),
  cvc: z.string().regex(/^\d{3,4}$/),
  save_only: z.boolean().optional(),
  callback_url: z.url().optional(),
});

const DECLINES: Record<string, string> = {
  [MADA_TEST_CARDS.failure]: 'UNSPECIFIED FAILURE',
  [MADA_TEST_CARDS.insufficientFunds]: 'INSUFFICIENT FUNDS',
  [MADA_TEST_CARDS.declined]: 'DECLINED',
  '4123120000000000': 'UNSPECIFIED FAILURE',
  '4123120001090000': 'INSUFFICIENT FUNDS',
  '4123120001090109': 'DECLINED',
};
const NOT_ENROLLED = new Set([MADA_TEST_CARDS.authenticationFailed, '4123450131000508']);
export const THREE_DS_FAILED = '3-D Secure transaction attempt failed (Not Enrolled)';

const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type', 'access-control-allow-methods': 'GET, POST, PUT, OPTIONS' };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const invalid = (res: ServerResponse, message: string, errors?: Record<string, string[]>, headers?: Record<string, string>) =>
  send(res, 400, { type: 'invalid_request_error', message, ...(errors ? { errors } : {}) }, headers);

function issues(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join('.') || 'base'] ??= []).push(issue.message);
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

function brandOf(number: string): string {
  if (number.startsWith('420132') || number.startsWith('4464')) return 'mada';
  if (number.startsWith('5')) return 'master';
  return 'visa';
}

const mask = (number: string) => `${number.slice(0, 4)}-${number.slice(4, 6)}XX-XXXX-${number.slice(-4)}`;

export async function startMoyasarFake(options: MoyasarFakeOptions = {}): Promise<MoyasarFake> {
  // Assembled at run time: a key that looks live is never in the tree.
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`;
  const publishableKey = options.publishableKey ?? `pk_test_${randomBytes(12).toString('hex')}`;
  const payments = new Map<string, Payment>();
  const byGivenId = new Map<string, string>();
  const tokens = new Map<string, { token: Token; card: Card }>();
  const cards = new Map<string, Card>();
  const otpTokens = new Map<string, string>();
  const webhooks: WebhookEvent[] = [];
  let created = 0;
  let base = '';

  const auth = (req: IncomingMessage): string | null => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return null;
    return Buffer.from(header.slice(6), 'base64').toString('utf8').replace(/:$/, '');
  };

  function event(paymentId: string, type: string): WebhookEvent {
    const data = payments.get(paymentId);
    if (!data) throw new Error(`no payment ${paymentId}`);
    return { id: randomUUID(), type, created_at: new Date().toISOString(), secret_token: options.webhookSecret ?? '', account_name: 'omni-checkout fake', live: false, data };
  }

  function notify(payment: Payment): void {
    const type = payment.status === 'paid' ? 'payment_paid' : payment.status === 'failed' ? 'payment_failed' : payment.status === 'refunded' ? 'payment_refunded' : null;
    if (!type || !options.webhookSecret) return;
    const body = event(payment.id, type);
    webhooks.push(body);
    if (!options.webhookUrl) return;
    // Delivered after the answer that settled it, as Moyasar does; a failed delivery is only logged.
    setTimeout(() => {
      fetch(options.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
    }, 50);
  }

  function update(id: string, change: Partial<Payment>, source?: Partial<Payment['source']>): Payment {
    const current = payments.get(id)!;
    const next = { ...current, ...change, source: { ...current.source, ...source } as Payment['source'], updated_at: new Date().toISOString() };
    payments.set(id, next);
    return next;
  }

  /** The card decides, as Moyasar's sandbox does: test declines fail, the rest pay once authenticated. */
  function settleCard(payment: Payment, authenticated: boolean): Payment {
    const card = cards.get(payment.id)!;
    if (!authenticated || NOT_ENROLLED.has(card.number)) return update(payment.id, { status: 'failed' }, { message: THREE_DS_FAILED, transaction_url: null });
    const decline = DECLINES[card.number];
    if (decline) return update(payment.id, { status: 'failed' }, { message: decline, transaction_url: null });
    return update(payment.id, { status: 'paid', captured: payment.amount, captured_at: new Date().toISOString() }, { message: 'APPROVED', transaction_url: null });
  }

  async function createPayment(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (auth(req) !== secretKey) return send(res, 401, { type: 'authentication_error', message: 'Invalid authorization credentials' });
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req));
    } catch {
      return invalid(res, 'Body is not JSON');
    }
    const parsed = CreatePayment.safeParse(json);
    if (!parsed.success) return invalid(res, 'Validation Failed', issues(parsed.error));
    const body = parsed.data;
    const existing = body.given_id ? byGivenId.get(body.given_id) : undefined;
    if (existing) return send(res, 201, payments.get(existing));
    if (body.source.type === 'token' && !body.callback_url) return invalid(res, 'Validation Failed', { callback_url: ["can't be blank"] });
    const stored = body.source.type === 'token' ? tokens.get(body.source.token) : undefined;
    if (body.source.type === 'token' && !stored) return invalid(res, 'Validation Failed', { 'source.token': ['is invalid'] });
    created += 1;
    const id = randomUUID();
    const now = new Date().toISOString();
    const common = {
      id,
      status: 'initiated' as const,
      amount: body.amount,
      fee: 0,
      currency: body.currency,
      refunded: 0,
      captured: 0,
      description: body.description ?? null,
      callback_url: body.callback_url ?? null,
      created_at: now,
      updated_at: now,
      metadata: body.metadata ?? null,
    };
    let payment: Payment;
    if (body.source.type === 'token') {
      const { card, token } = stored!;
      cards.set(id, card);
      payment = {
        ...common,
        source: { type: 'creditcard', company: token.brand, name: card.name, number: mask(card.number), token: token.id, message: null, transaction_url: `${base}/fake/3ds/${id}` },
      };
    } else {
      const otp = randomBytes(8).toString('hex');
      otpTokens.set(id, otp);
      payment = { ...common, source: { type: 'stcpay', mobile: body.source.mobile, message: null, transaction_url: `${base}/v1/stc_pays/${id}/proceed?otp_token=${otp}` } };
    }
    payments.set(id, payment);
    if (body.given_id) byGivenId.set(body.given_id, id);
    send(res, 201, payment);
  }

  async function tokenise(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (auth(req) !== publishableKey) return send(res, 401, { type: 'authentication_error', message: 'Invalid authorization credentials' }, cors);
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req));
    } catch {
      return invalid(res, 'Body is not JSON', undefined, cors);
    }
    const parsed = TokenRequest.safeParse(json);
    if (!parsed.success) return invalid(res, 'Validation Failed', issues(parsed.error), cors);
    const body = parsed.data;
    const year = body.year < 100 ? 2000 + body.year : body.year;
    const now = new Date();
    if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && body.month < now.getUTCMonth() + 1)) {
      return invalid(res, 'Validation Failed', { year: ['card is expired'] }, cors);
    }
    const token: Token = {
      id: `token_${randomBytes(14).toString('hex')}`,
      status: 'active',
      brand: brandOf(body.number),
      funding: 'debit',
      country: 'SA',
      month: String(body.month),
      year: String(year),
      name: body.name,
      last_four: body.number.slice(-4),
      message: null,
      verification_url: null,
      created_at: now.toISOString(),
    };
    tokens.set(token.id, { token, card: { number: body.number, name: body.name, month: token.month, year: token.year } });
    send(res, 201, token, cors);
  }

  function threeDsPage(res: ServerResponse, payment: Payment): void {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>3-D Secure (Moyasar test double)</title></head>
<body><main><h1>3-D Secure</h1><p>Moyasar test double: authenticate ${payment.amount_format ?? `${payment.amount} ${payment.currency}`}?</p>
<form method="post"><button name="decision" value="approve">Authenticate</button> <button name="decision" value="fail">Fail authentication</button></form></main></body></html>`);
  }

  async function threeDs(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const payment = payments.get(id);
    if (!payment || payment.source.type !== 'creditcard') return send(res, 404, { type: 'record_not_found', message: 'Object not found' });
    if (req.method === 'GET') return threeDsPage(res, payment);
    const decision = new URLSearchParams(await readBody(req)).get('decision');
    const settled = payment.status === 'initiated' ? settleCard(payment, decision === 'approve') : payment;
    if (settled !== payment) notify(settled);
    const back = new URL(settled.callback_url!);
    back.searchParams.set('id', settled.id);
    back.searchParams.set('status', settled.status);
    back.searchParams.set('message', settled.source.message ?? '');
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  async function proceedStcPay(req: IncomingMessage, res: ServerResponse, id: string, query: URLSearchParams): Promise<void> {
    const payment = payments.get(id);
    const body = await readBody(req);
    if (!payment || payment.source.type !== 'stcpay' || query.get('otp_token') !== otpTokens.get(id)) {
      return send(res, 404, { type: 'record_not_found', message: 'Object not found' }, cors);
    }
    if (payment.status !== 'initiated') return send(res, 200, payment, cors);
    const otp = query.get('otp_value') ?? new URLSearchParams(body).get('otp_value') ?? '';
    const settled =
      otp === STC_PAY_TEST_OTP.success || otp === '000000'
        ? update(id, { status: 'paid', captured: payment.amount, captured_at: new Date().toISOString() }, { message: 'Paid', transaction_url: null })
        : update(id, { status: 'failed' }, { message: otp === STC_PAY_TEST_OTP.insufficientFunds ? 'Insufficient Funds' : 'Invalid OTP', transaction_url: null });
    notify(settled);
    send(res, 200, settled, cors);
  }

  async function paymentRoute(req: IncomingMessage, res: ServerResponse, id: string, action: string | undefined): Promise<void> {
    if (auth(req) !== secretKey) return send(res, 401, { type: 'authentication_error', message: 'Invalid authorization credentials' });
    const payment = payments.get(id);
    if (!payment) return send(res, 404, { type: 'record_not_found', message: 'Object not found' });
    const raw = req.method === 'GET' ? '' : await readBody(req);
    const json = raw ? (JSON.parse(raw) as unknown) : {};
    if (req.method === 'GET' && !action) return send(res, 200, payment);
    if (req.method === 'PUT' && !action) {
      const body = UpdatePayment.safeParse(json);
      if (!body.success) return invalid(res, 'Validation Failed', issues(body.error));
      update(id, { ...(body.data.description !== undefined ? { description: body.data.description } : {}), ...(body.data.metadata ? { metadata: { ...payment.metadata, ...body.data.metadata } } : {}) });
      return send(res, 200, payments.get(id));
    }
    if (req.method === 'POST' && action === 'refund') {
      const body = RefundPayment.safeParse(json);
      if (!body.success) return invalid(res, 'Validation Failed', issues(body.error));
      if (payment.status !== 'paid' && payment.status !== 'captured' && payment.status !== 'refunded') return invalid(res, 'Payment is not in a refundable state');
      const amount = body.data.amount ?? payment.amount - payment.refunded;
      if (payment.refunded + amount > payment.amount) return invalid(res, 'Validation Failed', { amount: ['refund amount exceeds the refundable amount'] });
      const refunded = update(id, { status: 'refunded', refunded: payment.refunded + amount, refunded_at: new Date().toISOString() });
      notify(refunded);
      return send(res, 200, refunded);
    }
    if (req.method === 'POST' && action === 'void') {
      if (payment.status !== 'initiated' && payment.status !== 'paid' && payment.status !== 'authorized') return invalid(res, 'Payment cannot be voided');
      return send(res, 200, update(id, { status: 'voided', voided_at: new Date().toISOString() }, { transaction_url: null }));
    }
    send(res, 405, { type: 'invalid_request_error', message: 'Method not allowed' });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const parts = url.pathname.split('/').filter(Boolean);
    void (async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors);
        return res.end();
      }
      if (req.method === 'POST' && url.pathname === '/v1/tokens') return tokenise(req, res);
      if (req.method === 'POST' && url.pathname === '/v1/payments') return createPayment(req, res);
      if (parts[0] === 'v1' && parts[1] === 'payments' && parts[2]) return paymentRoute(req, res, parts[2], parts[3]);
      if (parts[0] === 'fake' && parts[1] === '3ds' && parts[2]) return threeDs(req, res, parts[2]);
      if (req.method === 'POST' && parts[0] === 'v1' && parts[1] === 'stc_pays' && parts[3] === 'proceed') return proceedStcPay(req, res, parts[2]!, url.searchParams);
      send(res, 404, { type: 'record_not_found', message: 'Not found' });
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 400, { type: 'invalid_request_error', message: error instanceof Error ? error.message : 'Bad request' });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  base = `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    secretKey,
    publishableKey,
    payments,
    created: () => created,
    webhooks,
    event,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
