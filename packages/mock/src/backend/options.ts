/** The memory backend's options, the handle it returns, and the default cart it starts with. */
import type {
  ApiErrorCode,
  CashOnDeliveryTerms,
  CheckoutSession,
  Contact,
  DeliverySettingsInput,
  LineItemInput,
  MerchantMethodSettings,
  Order,
  PostalAddress,
  ShippingOption,
} from '@omni-checkout/core';
import type { MemoryGiftCard } from './gift-cards.js';

export interface MemoryBackendOptions {
  readonly lineItems?: readonly LineItemInput[];
  readonly shippingOptions?: readonly ShippingOption[];
  readonly currency?: string;
  readonly country?: string;
  readonly locale?: string;
  readonly merchantName?: string;
  /** The merchant's payment-method overrides (core `marketMethods`). */
  readonly paymentMethods?: MerchantMethodSettings & { readonly cashOnDelivery?: CashOnDeliveryTerms };
  /** The merchant's delivery-window settings (core `DeliverySettings`; default Monday–Friday, UTC, 14:00). */
  readonly delivery?: DeliverySettingsInput;
  /** The clock the delivery windows are computed from (default the real one). */
  readonly now?: () => Date;
  /** Prefilled contact, as for a recognised shopper. */
  readonly contact?: Contact;
  /** Prefilled shipping address. */
  readonly shippingAddress?: PostalAddress;
  /** Waits this long before answering confirm and complete-action, to show the paying state. */
  readonly confirmDelayMs?: number;
  /** Confirm never answers (until its request is aborted): for a story that stays "paying". */
  readonly hangConfirm?: boolean;
  /** The next request, whatever it is, fails with this code (`network_error`: fetch rejects). */
  readonly failNextRequestWith?: ApiErrorCode;
  readonly apiBase?: string;
  readonly publishableKey?: string;
  readonly sessionId?: string;
  /** Gift cards of this merchant, for the page's balance check (issue 18). */
  readonly giftCards?: readonly MemoryGiftCard[];
  /** The shop can send order updates by SMS: the session says so (`smsUpdates`) and the page offers the choice. Default false. */
  readonly smsUpdates?: boolean;
}

/** Which request `failNext` targets. */
export type MemoryRoute = 'session' | 'contact' | 'shipping-address' | 'shipping-option' | 'confirm' | 'complete-action' | 'challenge';

export interface MemoryBackend {
  /** Give this to the components (`<omni-checkout>.fetch`, `createBackendClient({ fetch })`). */
  readonly fetch: typeof fetch;
  readonly clientSecret: string;
  readonly publishableKey: string;
  readonly apiBase: string;
  /** The session as the backend would answer it now. */
  session(): CheckoutSession;
  /** The order, once paid. */
  order(): Order | null;
  /** Makes the next request (or the next one to `route`) fail with `code`. */
  failNext(code: ApiErrorCode, route?: MemoryRoute): void;
  /**
   * Runs `call` as a handed-off device (the handoff double): a payment it starts is recorded as
   * paid through `handoff`, as the backend records it (docs/omnichannel.md).
   */
  asHandoffDevice<T>(call: () => Promise<T>): Promise<T>;
}

export const DEFAULT_LINE_ITEMS: readonly LineItemInput[] = [
  { id: 'coffee-beans', name: 'Single-origin coffee beans, 1 kg', unitAmount: 2450, quantity: 1 },
  { id: 'enamel-mug', name: 'Enamel mug', unitAmount: 1200, quantity: 2 },
];

export const DEFAULT_SHIPPING_OPTIONS: readonly ShippingOption[] = [
  { id: 'standard', label: 'Standard', amount: 490, deliveryEstimate: { minDays: 2, maxDays: 4 } },
  { id: 'express', label: 'Express', amount: 1200, deliveryEstimate: { minDays: 1, maxDays: 1 } },
];
