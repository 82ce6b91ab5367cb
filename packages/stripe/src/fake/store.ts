/**
 * What the fake Stripe API holds, per account (`Stripe-Account` header, or the platform), and the
 * public shape of a running fake. The endpoint modules (payment-methods.ts, customers.ts,
 * payment-intents.ts) read and change a `FakeStore`; api.ts creates it.
 */
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import type { Scenario } from './cards.js';

/** The account of requests without a `Stripe-Account` header. */
export const PLATFORM = 'platform';

export const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
export const now = () => Math.floor(Date.now() / 1000);

export interface StoredMethod {
  readonly account: string;
  readonly object: Stripe.PaymentMethod;
  readonly scenario: Scenario;
}

export interface StoredIntent {
  readonly account: string;
  object: Stripe.PaymentIntent;
  readonly scenario: Scenario | null;
  /** Where a redirect-based action returns to (`return_url` of the confirm). */
  readonly returnUrl?: string | null;
  /** The confirm came from Stripe.js (`use_stripe_sdk=true`): it handles the action itself. */
  readonly useStripeSdk?: boolean;
}

export interface StoredCustomer {
  readonly account: string;
  readonly object: Stripe.Customer;
}

export interface FakeStore {
  readonly methods: Map<string, StoredMethod>;
  readonly intents: Map<string, StoredIntent>;
  readonly customers: Map<string, StoredCustomer>;
  /** Records an event and delivers it as a signed webhook (webhooks.ts). */
  emit(type: Stripe.Event.Type, object: Stripe.PaymentIntent | Stripe.Refund, account: string): void;
  /** The fake's own base URL (known once it listens), for the 3-D Secure pages it points to. */
  url(): string;
  /** The simulated bank app approves a BLIK payment after `FakeStripe.blikApprovalMs` (local-methods.ts). */
  blikApproval(paymentIntent: string): void;
}

export interface FakeStripeOptions {
  /** Where to POST signed events (`POST /v1/webhooks/stripe` of the backend); can be set later. */
  readonly webhookUrl?: string;
  /** The endpoint's signing secret (`whsec_...`). */
  readonly webhookSecret?: string;
  /** Listen port (default 0: any free port). */
  readonly port?: number;
}

export interface FakeStripe {
  readonly url: string;
  readonly port: number;
  /** Requests received (method, path, key type), for assertions. */
  readonly requests: { method: string; path: string; key: 'secret' | 'publishable' | 'none'; idempotencyKey: string | null }[];
  /** Every event, in the order it happened. */
  readonly events: Stripe.Event[];
  paymentIntents(account?: string): Stripe.PaymentIntent[];
  paymentMethods(account?: string): Stripe.PaymentMethod[];
  customers(account?: string): Stripe.Customer[];
  refunds(account?: string): Stripe.Refund[];
  /** Milliseconds each API request takes once accepted (so concurrent requests overlap); default 0. */
  latencyMs: number;
  /** Decides a pending 3-D Secure challenge, as the shopper would in the bank's frame. */
  decideChallenge(paymentIntent: string, decision: 'approve' | 'fail'): Stripe.PaymentIntent;
  /**
   * Milliseconds after which the simulated bank app approves a BLIK payment (default 1500); null:
   * it waits for `decideAction`, as a shopper who never opens the app.
   */
  blikApprovalMs: number | null;
  /** A local method's shopper decides: approves (bank app, bank page, phone), fails, or leaves without paying. */
  decideAction(paymentIntent: string, decision: 'approve' | 'fail' | 'cancel'): Stripe.PaymentIntent;
  setWebhook(url: string | null, secret?: string): void;
  /** Resolves once every event so far was delivered (or gave up). */
  flushWebhooks(): Promise<void>;
  /** Delivery attempts: event id and HTTP status (0 for a network error). */
  readonly deliveries: { event: string; status: number }[];
  close(): Promise<void>;
}
