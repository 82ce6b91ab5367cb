/** Types only: importing this costs no bytes in a browser bundle (zod stays out). */
export type {
  LineItemInput,
  LineItem,
  DeliveryEstimate,
  ShippingOption,
  Contact,
  PostalAddress,
  CreateCheckoutSessionRequest,
  CreateCheckoutSessionResponse,
  Totals,
  ProviderId,
  NextAction,
  PaymentError,
  SessionStatus,
  CheckoutSession,
  Order,
  PaymentMethodSummary,
  PaymentMethodType,
  ConfirmRequest,
  ConfirmResponse,
  Channel,
} from './schemas.js';
export type { Money } from './money.js';
