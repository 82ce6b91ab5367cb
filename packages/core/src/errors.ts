/**
 * Stable error codes shared by the backend and the components. A code never changes meaning;
 * messages are for people and may be reworded.
 */
export const API_ERROR_CODES = [
  'invalid_json',
  'validation_failed',
  'unknown_currency',
  'unsupported_media_type',
  'payload_too_large',
  'authentication_required',
  'invalid_api_key',
  'secret_key_required',
  'publishable_key_required',
  'invalid_client_secret',
  'origin_not_allowed',
  'not_found',
  'session_not_found',
  'session_expired',
  'session_not_ready',
  'session_completed',
  'shipping_option_not_found',
  'idempotency_key_required',
  'idempotency_key_reused',
  'confirm_in_progress',
  'no_action_pending',
  'card_declined',
  'insufficient_funds',
  'authentication_failed',
  'authentication_canceled',
  'provider_error',
  'rate_limited',
  'method_not_allowed',
  'internal_error',
  'network_error',
  'provider_not_available',
  'webhook_signature_invalid',
  /** The address does not fit its country's rules (Google's address data): a required field, the postal code… */
  'invalid_address',
  // Shopper identity network
  'invalid_code',
  'code_expired',
  'too_many_attempts',
  'shopper_token_required',
  'invalid_shopper_token',
  'step_up_required',
  'consent_required',
  'sms_country_not_allowed',
  'sms_unavailable',
  'passkey_failed',
  'saved_method_not_found',
  'address_not_found',
  // The merchant's server loop: webhook endpoints, refunds, captures, cancels
  'webhook_endpoint_not_found',
  'event_not_found',
  'order_not_found',
  'refund_exceeds_captured',
  'refund_not_allowed',
  'capture_not_allowed',
  'cancel_not_allowed',
  'operation_not_supported',
  // Manual capture (authorise now, capture later)
  'capture_exceeds_authorized',
  'capture_failed',
  'cancel_failed',
  // Hardening
  /** Text with NUL or a broken Unicode surrogate: nothing can store it. */
  'invalid_characters',
  /** Text with bidi controls or zero-width characters that would disguise how it displays. */
  'hidden_characters',
  /** The provider took something other than the order (amount, currency, or the session changed): held for the merchant's review. */
  'payment_review',
  /** A development convenience (mock provider, dev mailbox, dev keys) asked of a live merchant or a server not started with --dev. */
  'live_mode_forbidden',
  // Gift cards (issue 18)
  /** No gift card with this code or id at this merchant (a wrong code answers the same as an unknown one). */
  'gift_card_not_found',
  /** The card's balance is smaller than the amount asked. */
  'gift_card_insufficient_balance',
  /** The card expired or was disabled. */
  'gift_card_inactive',
  /** The card is in another currency than the amount. */
  'gift_card_currency_mismatch',
  /** A credit larger than what its debit took and has not yet been given back. */
  'gift_card_credit_exceeds_debit',
  // Cash on delivery (issue 18)
  /** The order was not paid with cash on delivery, so it cannot be marked paid or refused on delivery. */
  'not_cash_on_delivery',
  /** The cash-on-delivery order is no longer waiting for delivery: already paid, or refused. */
  'cash_on_delivery_not_pending',
  // Handoff to another device (docs/omnichannel.md, docs/security.md R28)
  /** No such handoff token for this merchant (never minted, mistyped, or another merchant's). */
  'handoff_token_invalid',
  /** The handoff token was already opened once (single use). */
  'handoff_token_used',
  /** The handoff token is older than its lifetime. */
  'handoff_token_expired',
  /** A device the checkout was handed to cannot hand it off again. */
  'handoff_not_allowed',
  /**
   * Resume on another device: no unfinished checkout of this shopper to continue (unknown, another
   * shopper's or merchant's, paid, expired, outside the merchant's window, or already continued).
   */
  'resume_not_available',
  // After the purchase (order-status.ts)
  /** The order cannot make this move from its state (ORDER_TRANSITIONS). */
  'order_transition_not_allowed',
  'unknown_line_item',
  /** More of an item than is left to ship or to return. */
  'quantity_not_available',
  'nothing_left_to_ship',
  'return_not_found',
  /** The status link's token is not one the backend made for an order of this shop. */
  'invalid_status_link',
  // Payment links sent by email or SMS (docs/omnichannel.md)
  /** The payment link is paid, expired or disabled: it is not sent. */
  'payment_link_not_active',
  /** This backend cannot send payment links (no vault to seal the recipient with). */
  'payment_link_send_unavailable',
  // Paginated merchant lists (GET /v1/orders, /v1/events, an endpoint's deliveries)
  /** `startingAfter` or `endingBefore` is no object of this list: unknown, or another merchant's (the same answer for both). */
  'cursor_not_found',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorIssue {
  /** Dotted path of the offending field, e.g. `lineItems.0.quantity`. */
  readonly path: string;
  readonly message: string;
}

export interface ApiErrorBody {
  readonly error: {
    readonly code: ApiErrorCode;
    readonly message: string;
    readonly issues?: readonly ApiErrorIssue[];
    /** Provider decline code, when a payment was declined (`insufficient_funds`, ...). */
    readonly declineCode?: string;
  };
}

/** Error thrown by the backend client; `code` is stable, `message` is readable. */
export class OmniApiError extends Error {
  override readonly name = 'OmniApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
    readonly issues: readonly ApiErrorIssue[] = [],
    readonly declineCode?: string,
  ) {
    super(message);
  }
}

/** Payment errors a shopper can fix by trying again (another card, approving 3-D Secure). */
export function isRetryablePaymentError(code: ApiErrorCode): boolean {
  return (
    code === 'card_declined' ||
    code === 'insufficient_funds' ||
    code === 'authentication_failed' ||
    code === 'authentication_canceled'
  );
}
