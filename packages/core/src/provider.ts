/**
 * The provider contract, implemented by `@omni-checkout/mock`, `@omni-checkout/stripe` and
 * `@omni-checkout/paypal`. Client halves are loaded lazily through `registerProvider` /
 * `loadProvider` (dynamic import), so a page never downloads a provider it does not use.
 */
import type { CheckoutSession, NextAction, ProviderId } from './types.js';

// ── Client half ─────────────────────────────────────────────────────────────────────────────

export interface ProviderFieldError {
  readonly code: string;
  readonly message: string;
}

/** Change payload in Stripe's shape. */
export interface PaymentFieldsChange {
  readonly complete: boolean;
  readonly empty: boolean;
  readonly error: ProviderFieldError | null;
}

export interface ClientProviderContext {
  readonly session: CheckoutSession;
  /** BCP 47 locale the shopper sees. */
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  /** Backend origin, for providers that talk to their server half through it. */
  readonly apiBase: string;
  readonly publishableKey: string;
  /** CSP nonce for any script or style the provider must inject. */
  readonly nonce?: string;
  /** The `fetch` the page configured for the backend (tests and Storybook pass an in-memory one). */
  readonly fetch?: typeof fetch;
}

export type CreatePaymentMethodResult =
  | { readonly paymentMethod: string; readonly error?: undefined }
  | { readonly paymentMethod?: undefined; readonly error: ProviderFieldError };

export interface MountedPaymentFields {
  /** Turns what the shopper entered into a provider reference. Card data never leaves the provider. */
  createPaymentMethod(): Promise<CreatePaymentMethodResult>;
  /** Subscribes to changes; returns an unsubscribe function. */
  onChange(listener: (change: PaymentFieldsChange) => void): () => void;
  /** Amount or currency changed after mount: update without remounting. */
  update(session: CheckoutSession): void;
  /** Disables input while a payment is in flight. */
  setDisabled(disabled: boolean): void;
  focus(): void;
  destroy(): void;
}

export type NextActionResult =
  | { readonly status: 'completed' }
  | { readonly status: 'canceled' }
  | { readonly status: 'failed'; readonly error: ProviderFieldError };

export interface ClientProvider {
  readonly id: ProviderId;
  /** Mounts payment fields into a light-DOM container owned by the caller. */
  mountPaymentFields(container: HTMLElement, context: ClientProviderContext): Promise<MountedPaymentFields>;
  /**
   * Lets the shopper finish a 3-D Secure challenge or redirect. Resolves once the shopper is done;
   * the caller then asks the backend (`completeAction`) for the server-confirmed outcome.
   */
  handleNextAction(action: NextAction, context: ClientProviderContext): Promise<NextActionResult>;
}

export type ClientProviderLoader = () => Promise<ClientProvider | { readonly default: ClientProvider }>;

const loaders = new Map<string, ClientProviderLoader>();
const loaded = new Map<string, Promise<ClientProvider>>();

/**
 * Registers how to load a provider's client half, e.g.
 * `registerProvider('mock', () => import('@omni-checkout/mock/client'))`.
 */
export function registerProvider(id: ProviderId, loader: ClientProviderLoader): void {
  loaders.set(id, loader);
  loaded.delete(id);
}

export function isProviderRegistered(id: ProviderId): boolean {
  return loaders.has(id);
}

/** Loads (once) the client half of a registered provider. */
export function loadProvider(id: ProviderId): Promise<ClientProvider> {
  let promise = loaded.get(id);
  if (!promise) {
    const loader = loaders.get(id);
    if (!loader) return Promise.reject(new Error(`No client provider registered for "${id}"`));
    promise = loader().then((mod) => ('default' in mod ? mod.default : mod));
    promise.catch(() => loaded.delete(id));
    loaded.set(id, promise);
  }
  return promise;
}

// ── Server half ─────────────────────────────────────────────────────────────────────────────

export interface ProviderPaymentInput {
  readonly sessionId: string;
  /** Amount in minor units, always taken from the backend's own session. */
  readonly amount: number;
  readonly currency: string;
  /** Provider payment-method reference from the client half. */
  readonly paymentMethod: string;
  /** Deterministic key (session, operation, attempt) stored before the call and reused on retry. */
  readonly idempotencyKey: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export type ProviderPaymentResult =
  | { readonly status: 'succeeded'; readonly reference: string }
  | { readonly status: 'processing'; readonly reference: string }
  | { readonly status: 'requires_action'; readonly reference: string; readonly action: NextAction }
  | {
      readonly status: 'failed';
      readonly reference: string | null;
      /** `card_declined`, `insufficient_funds`, `authentication_failed`, `authentication_canceled`, `provider_error`. */
      readonly code: 'card_declined' | 'insufficient_funds' | 'authentication_failed' | 'authentication_canceled' | 'provider_error';
      readonly message: string;
      readonly declineCode?: string;
    };

export interface ServerProvider {
  readonly id: ProviderId;
  /** False for test providers; the session shows it to the page. */
  readonly livemode: boolean;
  /** Public configuration the client half needs (e.g. a publishable key). Never secrets. */
  publicConfig(): Record<string, string>;
  createPayment(input: ProviderPaymentInput): Promise<ProviderPaymentResult>;
  /** Current state of a payment, e.g. after a 3-D Secure challenge. */
  retrievePayment(reference: string): Promise<ProviderPaymentResult>;
  /**
   * Optional HTTP routes of the provider, mounted under `/v1/providers/<id>/`. Receives a standard
   * `Request` whose path is relative to that prefix; answers `null` for paths it does not own.
   */
  handleRequest?(request: Request, path: string): Promise<Response | null>;
}
