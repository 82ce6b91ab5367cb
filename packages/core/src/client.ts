/**
 * Typed client for the backend's `/v1/client/*` endpoints, used by the components.
 * Authenticates with the publishable key and the session's client secret (as a bearer token);
 * the secret is never put into a URL.
 */
import type { RecallResponse } from './identity.js';
import { sessionCaller, type SessionCallOptions } from './session-call.js';
import type { CheckoutSession, ConfirmRequest, ConfirmResponse, Contact, PostalAddress, PrepareRequest, PrepareResponse, ProviderId } from './types.js';

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
  /** `extra`: the page a bank's page sends the shopper back to (`returnUrl`), a method's options (BLIK's code). */
  confirm(paymentMethod: string, idempotencyKey: string, provider?: ProviderId, extra?: ConfirmExtra): Promise<ConfirmResponse>;
  /** After the shopper finished a 3-D Secure challenge or redirect: asks the backend for the outcome. */
  completeAction(): Promise<ConfirmResponse>;
  /**
   * Providers with a server-side prepare step (PayPal): creates or updates the provider's payment
   * for the session's own amount. Optional, so existing doubles keep compiling.
   */
  prepare?(request: PrepareRequest, idempotencyKey: string): Promise<PrepareResponse>;
  /**
   * A remembered device's first render in one round trip (backends with the identity network):
   * the session, the device's summary and, when it can pay in one click, the passkey options.
   * Optional, so existing doubles keep compiling.
   */
  recall?(deviceToken: string): Promise<RecallResponse>;
}

/**
 * What a confirmation may carry besides the method: the page to come back to after a bank page
 * (redirect-based methods), and the BLIK code the shopper typed.
 */
export type ConfirmExtra = Pick<ConfirmRequest, 'returnUrl' | 'paymentMethodOptions'>;

export type ClientOptions = SessionCallOptions;

export { sessionIdFromClientSecret } from './client-secret.js';

export function createBackendClient(options: ClientOptions): CheckoutBackend {
  const call = sessionCaller(options);

  return {
    getSession: () => call('GET', ''),
    setContact: (contact) => call('POST', '/contact', contact),
    setShippingAddress: (address) => call('POST', '/shipping-address', address),
    setShippingOption: (shippingOptionId) => call('POST', '/shipping-option', { shippingOptionId }),
    confirm: (paymentMethod, idempotencyKey, provider, extra = {}) =>
      call('POST', '/confirm', { paymentMethod, ...(provider ? { provider } : {}), ...extra }, { 'idempotency-key': idempotencyKey }),
    completeAction: () => call('POST', '/complete-action', {}),
    prepare: (request, idempotencyKey) => call('POST', '/prepare', request, { 'idempotency-key': idempotencyKey }),
    recall: (deviceToken) => call('POST', '/identity/recall', { deviceToken }),
  };
}
