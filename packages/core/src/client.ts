/**
 * Typed client for the backend's `/v1/client/*` endpoints, used by the components.
 * Authenticates with the publishable key and the session's client secret (as a bearer token);
 * the secret is never put into a URL.
 */
import { OmniApiError, type ApiErrorBody, type ApiErrorCode } from './errors.js';
import { sessionIdFromClientSecret } from './client-secret.js';
import type { CheckoutSession, ConfirmResponse, Contact, PostalAddress, PrepareRequest, PrepareResponse, ProviderId } from './types.js';

/** What a component needs from the backend. The HTTP client implements it; so do test doubles. */
export interface CheckoutBackend {
  getSession(): Promise<CheckoutSession>;
  setContact(contact: Contact): Promise<CheckoutSession>;
  setShippingAddress(address: PostalAddress): Promise<CheckoutSession>;
  setShippingOption(shippingOptionId: string): Promise<CheckoutSession>;
  /**
   * Confirms payment with a provider payment-method reference; one idempotency key per attempt.
   * `provider` names the provider whose method it is (default: the session's first provider).
   */
  confirm(paymentMethod: string, idempotencyKey: string, provider?: ProviderId): Promise<ConfirmResponse>;
  /** After the shopper finished a 3-D Secure challenge or redirect: asks the backend for the outcome. */
  completeAction(): Promise<ConfirmResponse>;
  /**
   * Providers with a server-side prepare step (PayPal): creates or updates the provider's payment
   * for the session's own amount. Optional, so existing doubles keep compiling.
   */
  prepare?(request: PrepareRequest, idempotencyKey: string): Promise<PrepareResponse>;
}

export interface ClientOptions {
  /** Backend origin (and optional path prefix), e.g. `https://pay.example.com`. */
  readonly apiBase: string;
  readonly publishableKey: string;
  readonly clientSecret: string;
  readonly fetch?: typeof fetch;
}

export { sessionIdFromClientSecret } from './client-secret.js';

export function createBackendClient(options: ClientOptions): CheckoutBackend {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = `${options.apiBase.replace(/\/+$/, '')}/v1/client/checkout-sessions/${encodeURIComponent(
    sessionIdFromClientSecret(options.clientSecret),
  )}`;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${options.clientSecret}`,
          'omni-publishable-key': options.publishableKey,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      throw new OmniApiError('network_error', 'We could not reach the payment service. Check your connection and try again.', 0);
    }
    const payload = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) {
      const error = (payload as Partial<ApiErrorBody> | null)?.error;
      throw new OmniApiError(
        (error?.code ?? 'internal_error') as ApiErrorCode,
        error?.message ?? 'Something went wrong on our side. Please try again.',
        response.status,
        error?.issues ?? [],
        error?.declineCode,
      );
    }
    return payload as T;
  }

  return {
    getSession: () => call('GET', ''),
    setContact: (contact) => call('POST', '/contact', contact),
    setShippingAddress: (address) => call('POST', '/shipping-address', address),
    setShippingOption: (shippingOptionId) => call('POST', '/shipping-option', { shippingOptionId }),
    confirm: (paymentMethod, idempotencyKey, provider) =>
      call('POST', '/confirm', provider ? { paymentMethod, provider } : { paymentMethod }, { 'idempotency-key': idempotencyKey }),
    completeAction: () => call('POST', '/complete-action', {}),
    prepare: (request, idempotencyKey) => call('POST', '/prepare', request, { 'idempotency-key': idempotencyKey }),
  };
}
