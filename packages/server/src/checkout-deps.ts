/** What a checkout operation runs with (storage, providers, clock, hooks) and the identity network's payment hooks. */
import type { ProviderId, SavedMethodSummary, ServerProvider } from '@omni-checkout/core';
import type { Logger } from 'pino';
import type { MerchantRecord, OrderRecord, Queryable, SessionRecord, Storage } from './storage/index.js';

export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Points in a confirm where fault-injection tests stop the process (docs/security.md R34). */
export type FaultPoint =
  | 'confirm:before-provider-call'
  | 'confirm:after-provider-call'
  | 'confirm:after-commit'
  /** Inside the order's transaction, after the order row and before the shopper is saved. */
  | 'order:before-save-shopper'
  /** Inside the order's transaction, after the shopper is saved and before the commit. */
  | 'order:after-save-shopper';

export interface CheckoutDeps {
  readonly storage: Storage;
  readonly providers: ReadonlyMap<ProviderId, ServerProvider>;
  readonly logger: Logger;
  readonly now: () => Date;
  /** The identity network's part in a payment (saved methods, saving with consent); optional. */
  readonly payments?: PaymentHooks;
  /** A development server (`serve --dev`): live merchants are refused. */
  readonly dev?: boolean;
  /** Called at each `FaultPoint`; tests make it kill the process (never set in production). */
  readonly fault?: (point: FaultPoint) => void;
  /**
   * How long an unfinished confirm attempt holds the session (default 30 s). Past it, the attempt
   * was interrupted (the process died before answering) and a confirm with another key resumes it.
   */
  readonly confirmLeaseMs?: number;
  /** Order updates can go by SMS: the session says so and the contact may choose it (orders/notify-sms.ts). */
  readonly orderSms?: boolean;
}

/** Default for `CheckoutDeps.confirmLeaseMs`: far longer than any provider call we wait for. */
export const CONFIRM_LEASE_MS = 30_000;

/** Who asked for the payment, as the identity network needs to know. */
export interface PaymentContext {
  readonly merchant: MerchantRecord;
  readonly origin: string | null;
  readonly ip: string;
  readonly shopperToken: string | null;
}

/** What the identity network decided before the provider call (`PaymentHooks.plan`); the one `PaymentPlan` type. */
export interface PaymentPlan {
  readonly paymentMethod: string;
  readonly customer?: string;
  readonly savePaymentMethod?: boolean;
}

export interface PaymentHooks {
  /** Before anything is written: a saved method's id becomes its provider reference; a consented save gets a customer. */
  plan(session: SessionRecord, paymentMethod: string, context: PaymentContext, providerId: ProviderId): Promise<PaymentPlan>;
  /**
   * In the transaction that records the order (client confirm, 3-D Secure completion, webhook):
   * saves the shopper who consented. A failure rolls the order back with it; the payment is then
   * recorded by a retry with the same Idempotency-Key or by the provider's webhook, as after a crash.
   */
  afterOrder(
    tx: Queryable,
    session: SessionRecord,
    order: OrderRecord,
    method: SavedMethodSummary | undefined,
    plan: PaymentPlan | null,
    context: PaymentContext | null,
  ): Promise<void>;
}
