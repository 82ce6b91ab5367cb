/**
 * The HTTP side of the in-memory backend double, shared by `index.ts` (the checkout routes) and
 * `identity.ts` (the identity routes): the real backend's status per error code, its messages, its
 * validation error shape, and JSON answers.
 */
import type { ApiErrorBody, ApiErrorCode, ApiErrorIssue } from '@omni-checkout/core';
import type { z } from 'zod';
import { describeIssue } from '@omni-checkout/core/issues';

/** HTTP status the real backend answers with for each code. */
export const STATUS = {
  invalid_json: 400,
  validation_failed: 400,
  unknown_currency: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  authentication_required: 401,
  invalid_api_key: 401,
  secret_key_required: 401,
  publishable_key_required: 401,
  invalid_client_secret: 401,
  origin_not_allowed: 403,
  not_found: 404,
  session_not_found: 404,
  session_expired: 410,
  session_not_ready: 409,
  session_completed: 409,
  shipping_option_not_found: 400,
  idempotency_key_required: 400,
  idempotency_key_reused: 422,
  confirm_in_progress: 409,
  no_action_pending: 409,
  card_declined: 402,
  insufficient_funds: 402,
  authentication_failed: 402,
  authentication_canceled: 402,
  provider_error: 502,
  rate_limited: 429,
  method_not_allowed: 405,
  internal_error: 500,
  network_error: 0,
  provider_not_available: 400,
  webhook_signature_invalid: 400,
  invalid_address: 400,
  invalid_code: 400,
  code_expired: 400,
  too_many_attempts: 429,
  shopper_token_required: 401,
  invalid_shopper_token: 401,
  step_up_required: 403,
  consent_required: 403,
  sms_country_not_allowed: 400,
  sms_unavailable: 400,
  passkey_failed: 400,
  saved_method_not_found: 404,
  address_not_found: 404,
  webhook_endpoint_not_found: 404,
  event_not_found: 404,
  order_not_found: 404,
  refund_exceeds_captured: 409,
  refund_not_allowed: 409,
  capture_not_allowed: 409,
  cancel_not_allowed: 409,
  capture_exceeds_authorized: 409,
  capture_failed: 402,
  cancel_failed: 402,
  operation_not_supported: 400,
  invalid_characters: 400,
  hidden_characters: 400,
  payment_review: 402,
  live_mode_forbidden: 403,
  gift_card_not_found: 404,
  gift_card_insufficient_balance: 409,
  gift_card_inactive: 409,
  gift_card_currency_mismatch: 409,
  gift_card_credit_exceeds_debit: 409,
  not_cash_on_delivery: 409,
  cash_on_delivery_not_pending: 409,
  handoff_token_invalid: 404,
  handoff_token_used: 410,
  handoff_token_expired: 410,
  handoff_not_allowed: 403,
  resume_not_available: 404,
  order_transition_not_allowed: 409,
  unknown_line_item: 400,
  quantity_not_available: 409,
  nothing_left_to_ship: 409,
  return_not_found: 404,
  invalid_status_link: 401,
  payment_link_not_active: 409,
  payment_link_send_unavailable: 503,
  cursor_not_found: 400,
} as const satisfies Record<ApiErrorCode, number>;

export const MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  invalid_json: 'The request body is not valid JSON.',
  unsupported_media_type: 'Send the request body as JSON with Content-Type: application/json.',
  authentication_required: 'Send your publishable key and the client secret.',
  invalid_api_key: 'This publishable key is not valid.',
  publishable_key_required: 'Never send a secret key from a browser: use your publishable key (pk_...).',
  invalid_client_secret: 'This checkout link is not valid for this session.',
  not_found: 'There is nothing at this address. Check the method and path.',
  session_expired: 'This checkout has expired. Please start again from the shop.',
  session_completed: 'This checkout is already paid.',
  session_not_ready: 'Add your email and shipping details before paying.',
  confirm_in_progress: 'A payment for this checkout is already in progress.',
  no_action_pending: 'There is no card verification waiting for this checkout.',
  card_declined: 'Your card was declined. Try another card.',
  insufficient_funds: 'Your card has insufficient funds. Try another card.',
  authentication_failed: 'Your bank could not verify this payment. Try again or use another card.',
  authentication_canceled: 'You cancelled the card verification. You have not been charged.',
  provider_error: 'We could not reach the payment provider. Please try again.',
  rate_limited: 'Too many requests. Please wait a moment and try again.',
  internal_error: 'Something went wrong on our side. Please try again.',
};

/** Same words as the real backend. */
export const ADDRESS_INVALID_MESSAGE = 'This address does not match the format of its country. Check the highlighted fields.';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string = MESSAGES[code] ?? 'The request could not be completed.',
    readonly issues?: readonly ApiErrorIssue[],
  ) {
    super(message);
  }
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export const answer = (status: number, body: unknown): Answer => ({ status, body });

export function toResponse({ status, body }: Answer): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

export function errorAnswer(error: HttpError): Answer {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
  return answer(error.status, body);
}

/** Same mapping as the real backend's `validationError` (`@omni-checkout/core/issues`). */
export function validationError(error: z.ZodError, input?: unknown): HttpError {
  const issues = error.issues.map((issue) => describeIssue(issue, input));
  const first = issues[0];
  const where = first?.path ? ` (${first.path}: ${first.message})` : '';
  return new HttpError(400, 'validation_failed', `Some fields are missing or invalid${where}.`, issues);
}

export function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, value);
  return result.data;
}
