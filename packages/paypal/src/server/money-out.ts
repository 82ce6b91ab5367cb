/**
 * PayPal refunds (Payments v2: `POST /v2/payments/captures/{capture_id}/refund`) of the capture
 * behind an order, captures and voids of an authorised order's authorization
 * (`POST /v2/payments/authorizations/{id}/capture` and `/void`), with `PayPal-Request-Id` set to the backend's deterministic key, so a retry
 * never refunds twice. Types from the Orders v2 OpenAPI types that `@paypal/paypal-js` ships.
 */
import type { ProviderMoneyOut, ProviderRefundResult } from '@omni-checkout/core';
import { PayPalApiError, type Authorization, type Capture, type Money, type Order, type PayPalApi, type PayPalRefund } from './api.js';

/** Payments v2 `refund_request` (not part of the Orders v2 types). */
export interface PayPalRefundRequest {
  readonly amount?: Money;
  readonly invoice_id?: string;
  readonly note_to_payer?: string;
}

/** A PayPal refund status as the backend counts it. */
export function paypalRefundStatus(status: PayPalRefund['status']): 'succeeded' | 'pending' | 'failed' {
  if (status === 'COMPLETED') return 'succeeded';
  if (status === 'FAILED' || status === 'CANCELLED') return 'failed';
  return 'pending';
}

export function paypalMoneyOut(api: PayPalApi, money: (amount: number, currency: string) => Money): ProviderMoneyOut {
  return {
    async refund(input): Promise<ProviderRefundResult> {
      const order = await api.request<Order>('GET', `/v2/checkout/orders/${encodeURIComponent(input.reference)}`);
      const capture = order.purchase_units?.[0]?.payments?.captures?.find((c) => c.status === 'COMPLETED' || c.status === 'PARTIALLY_REFUNDED');
      if (!capture?.id) return { status: 'failed', reference: null, message: 'The PayPal order has no completed capture to refund.' };
      try {
        const refund = await api.request<PayPalRefund>('POST', `/v2/payments/captures/${encodeURIComponent(capture.id)}/refund`, {
          body: {
            amount: money(input.amount, input.currency),
            invoice_id: input.metadata.omni_refund,
            ...(input.reason ? { note_to_payer: input.reason.slice(0, 255) } : {}),
          } satisfies PayPalRefundRequest,
          requestId: input.idempotencyKey,
          prefer: 'return=representation',
        });
        const status = paypalRefundStatus(refund.status);
        return status === 'failed'
          ? { status, reference: refund.id ?? null, message: refund.status_details?.reason ?? 'PayPal refused the refund.' }
          : { status, reference: refund.id! };
      } catch (error) {
        if (error instanceof PayPalApiError && error.status === 422) return { status: 'failed', reference: null, message: error.message };
        throw error;
      }
    },

    // Authorise now, capture later (orders created with intent AUTHORIZE): one final capture of at
    // most the authorised amount (PayPal releases the rest); refunds then find it on the order.
    async capture(input) {
      const authorization = await authorizationOf(input.reference);
      if (!authorization?.id) return { status: 'failed', message: 'The PayPal order has no authorization to capture.' };
      try {
        const capture = await api.request<Capture>('POST', `/v2/payments/authorizations/${encodeURIComponent(authorization.id)}/capture`, {
          body: { amount: money(input.amount, input.currency), final_capture: true } satisfies PayPalCaptureRequest,
          requestId: input.idempotencyKey,
          prefer: 'return=representation',
        });
        return capture.status === 'COMPLETED' ? { status: 'succeeded' } : { status: 'failed', message: `The PayPal capture is ${capture.status ?? 'not completed'}.` };
      } catch (error) {
        if (error instanceof PayPalApiError && error.status === 422) return { status: 'failed', message: error.message };
        throw error;
      }
    },

    /** Voids the authorization of an authorised order (already voided: canceled). */
    async cancel(input) {
      const authorization = await authorizationOf(input.reference);
      if (!authorization?.id) return { status: 'failed', message: 'The PayPal order has no authorization to void.' };
      if (authorization.status === 'VOIDED') return { status: 'canceled' };
      try {
        await api.request('POST', `/v2/payments/authorizations/${encodeURIComponent(authorization.id)}/void`, { body: {}, requestId: input.idempotencyKey });
        return { status: 'canceled' };
      } catch (error) {
        if (error instanceof PayPalApiError && error.status === 422) return { status: 'failed', message: error.message };
        throw error;
      }
    },
  };

  async function authorizationOf(orderId: string): Promise<Authorization | undefined> {
    const order = await api.request<Order>('GET', `/v2/checkout/orders/${encodeURIComponent(orderId)}`);
    return order.purchase_units?.[0]?.payments?.authorizations?.[0];
  }
}

/** Payments v2 `capture_request` of an authorization. */
export interface PayPalCaptureRequest {
  readonly amount?: Money;
  /** True: no further capture of this authorization (PayPal releases what is left). */
  readonly final_capture?: boolean;
  readonly invoice_id?: string;
}
