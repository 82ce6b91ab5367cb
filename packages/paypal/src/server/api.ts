/**
 * A small client for PayPal's REST API (Orders v2, Vault v3, webhook verification): OAuth 2 client
 * credentials with the token cached until shortly before it expires (and fetched again after a
 * 401), `PayPal-Request-Id` on every write, JSON errors turned into `PayPalApiError`.
 * Request and response bodies are typed with the Orders v2 OpenAPI types that `@paypal/paypal-js` ships.
 */
import type { CheckoutOrdersV2, CreateOrderRequestBody, OrderResponseBody, PatchOrderRequestBody } from '@paypal/paypal-js';

export type Order = OrderResponseBody;
export type OrderRequest = CreateOrderRequestBody;
export type OrderPatch = PatchOrderRequestBody;
export type Capture = CheckoutOrdersV2['components']['schemas']['capture'];
export type Authorization = CheckoutOrdersV2['components']['schemas']['authorization_with_additional_data'];
export type PayPalRefund = CheckoutOrdersV2['components']['schemas']['refund'];
export type Money = CheckoutOrdersV2['components']['schemas']['money'];
export type ErrorDetail = CheckoutOrdersV2['components']['schemas']['error_details'];
/**
 * PayPal's error body. The REST reference documents `details[]`; the OpenAPI file names the same
 * list `issues[]`. Both are read.
 */
export interface ErrorBody {
  readonly name?: string;
  readonly message?: string;
  readonly debug_id?: string;
  readonly details?: readonly ErrorDetail[];
  readonly issues?: readonly ErrorDetail[];
}

/** A vaulted payment token, as `GET /v3/vault/payment-tokens` lists it (Vault v3). */
export interface PaymentToken {
  readonly id: string;
  readonly customer: { readonly id: string };
  readonly payment_source: {
    readonly paypal?: { readonly email_address?: string; readonly account_id?: string; readonly name?: { readonly given_name?: string; readonly surname?: string } };
    readonly venmo?: { readonly email_address?: string; readonly user_name?: string };
  };
}

export interface PaymentTokenList {
  readonly customer?: { readonly id: string };
  readonly payment_tokens?: readonly PaymentToken[];
  readonly total_items?: number;
  readonly total_pages?: number;
}

/** `POST /v1/notifications/verify-webhook-signature`. */
export interface VerifyWebhookSignatureRequest {
  readonly auth_algo: string;
  readonly cert_url: string;
  readonly transmission_id: string;
  readonly transmission_sig: string;
  readonly transmission_time: string;
  readonly webhook_id: string;
  readonly webhook_event: unknown;
}

export interface VerifyWebhookSignatureResponse {
  readonly verification_status: 'SUCCESS' | 'FAILURE';
}

/** `POST /v1/oauth2/token` (client credentials). */
export interface AccessTokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly scope?: string;
  readonly app_id?: string;
  readonly nonce?: string;
}

export const PAYPAL_API = {
  live: 'https://api-m.paypal.com',
  sandbox: 'https://api-m.sandbox.paypal.com',
} as const;

export class PayPalApiError extends Error {
  override readonly name = 'PayPalApiError';
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
    readonly debugId: string | undefined,
  ) {
    const issue = (body?.details ?? body?.issues)?.[0]?.issue;
    super(`PayPal API ${status}${body?.name ? ` ${body.name}` : ''}${issue ? ` (${issue})` : ''}${debugId ? ` debug_id ${debugId}` : ''}`);
    this.issue = issue;
  }

  /** The first `details[].issue`, e.g. `INSTRUMENT_DECLINED`, `ORDER_ALREADY_CAPTURED`. */
  readonly issue: string | undefined;
}

export interface PayPalApiOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://api-m.paypal.com`, `https://api-m.sandbox.paypal.com`, or a loopback fake. */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** Per-request time limit. */
  readonly timeoutMs?: number;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** `PayPal-Request-Id`: PayPal answers a repeated id with the first result instead of acting twice. */
  readonly requestId?: string;
  readonly prefer?: 'return=minimal' | 'return=representation';
}

/** Refresh the token this long before PayPal says it expires. */
const EXPIRY_MARGIN_MS = 60_000;

export interface PayPalApi {
  request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options?: RequestOptions): Promise<T>;
  /** How many tokens were fetched (for tests of the cache). */
  readonly tokenFetches: number;
}

export function createPayPalApi(options: PayPalApiOptions): PayPalApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 20_000;
  let token: { value: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;
  let fetches = 0;

  async function fetchToken(): Promise<string> {
    fetches++;
    const response = await doFetch(`${base}/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as AccessTokenResponse | null;
    if (!response.ok || !body?.access_token) {
      throw new PayPalApiError(response.status, body as ErrorBody | null, response.headers.get('paypal-debug-id') ?? undefined);
    }
    token = { value: body.access_token, expiresAt: now() + body.expires_in * 1000 - EXPIRY_MARGIN_MS };
    return body.access_token;
  }

  /** One token fetch at a time: concurrent callers share it. */
  function accessToken(): Promise<string> {
    if (token && token.expiresAt > now()) return Promise.resolve(token.value);
    pending ??= fetchToken().finally(() => (pending = null));
    return pending;
  }

  async function send(method: string, path: string, request: RequestOptions, bearer: string): Promise<Response> {
    return doFetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(request.requestId ? { 'paypal-request-id': request.requestId } : {}),
        ...(request.prefer ? { prefer: request.prefer } : {}),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  return {
    get tokenFetches() {
      return fetches;
    },
    async request<T>(method: string, path: string, request: RequestOptions = {}): Promise<T> {
      let response = await send(method, path, request, await accessToken());
      if (response.status === 401) {
        // Revoked or expired early: fetch a new token once and retry with the same request id.
        token = null;
        response = await send(method, path, request, await accessToken());
      }
      const text = await response.text();
      const body = text ? (JSON.parse(text) as unknown) : null;
      if (!response.ok) {
        throw new PayPalApiError(response.status, body as ErrorBody | null, response.headers.get('paypal-debug-id') ?? undefined);
      }
      return body as T;
    },
  };
}
