/**
 * Refunds in the PayPal REST fake (Payments v2 `POST /v2/payments/captures/:id/refund` and
 * `GET /v2/payments/refunds/:id`), typed with the Orders v2 OpenAPI types: a capture is never
 * refunded beyond its amount (`422 REFUND_AMOUNT_EXCEEDED`), and a fully refunded capture becomes
 * `REFUNDED` (partially: `PARTIALLY_REFUNDED`). Kept apart from `rest-fake.ts`, which asks `route` first.
 */
import { randomBytes } from 'node:crypto';
import type { Capture, PayPalRefund } from '../server/api.js';
import type { PayPalRefundRequest } from '../server/money-out.js';

type Answer = { status: number; body?: unknown };

/** Decimal strings in thousandths, so sums stay exact for every PayPal currency. */
const units = (value: string | undefined) => Math.round(Number(value ?? '0') * 1000);
const newId = () => randomBytes(12).toString('hex').toUpperCase().slice(0, 17);
const unprocessable = (issue: string, description: string): Answer => ({
  status: 422,
  body: { name: 'UNPROCESSABLE_ENTITY', message: `UNPROCESSABLE_ENTITY: ${issue}`, debug_id: newId().toLowerCase(), details: [{ issue, description }] },
});

export function createPayPalRefunds(captures: readonly Capture[]) {
  const refunds = new Map<string, PayPalRefund & { capture: string }>();
  const refundedOf = (capture: string) => [...refunds.values()].filter((r) => r.capture === capture && r.status === 'COMPLETED').reduce((sum, r) => sum + units(r.amount?.value), 0);

  function refund(capture: Capture, body: PayPalRefundRequest): Answer {
    if (capture.status !== 'COMPLETED' && capture.status !== 'PARTIALLY_REFUNDED') return unprocessable('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded.');
    const left = units(capture.amount?.value) - refundedOf(capture.id!);
    const amount = body.amount ?? { currency_code: capture.amount!.currency_code, value: String(left / 1000) };
    if (amount.currency_code !== capture.amount?.currency_code) return unprocessable('REFUND_CURRENCY_MISMATCH', 'Refund must be in the same currency as the capture.');
    if (units(amount.value) <= 0 || units(amount.value) > left) return unprocessable('REFUND_AMOUNT_EXCEEDED', 'The refund amount must be less than or equal to the capture amount that has not yet been refunded.');
    const now = new Date().toISOString();
    const made: PayPalRefund & { capture: string } = {
      id: newId(),
      status: 'COMPLETED',
      amount,
      ...(body.invoice_id ? { invoice_id: body.invoice_id } : {}),
      ...(body.note_to_payer ? { note_to_payer: body.note_to_payer } : {}),
      create_time: now,
      update_time: now,
      capture: capture.id!,
    };
    refunds.set(made.id!, made);
    (capture as { status?: Capture['status'] }).status = refundedOf(capture.id!) >= units(capture.amount?.value) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    const { capture: _capture, ...view } = made;
    return { status: 201, body: view };
  }

  return {
    refunds: () => [...refunds.values()],
    /** The answer for a refund path, or null for every other path. */
    route(method: string, path: string, body: unknown): Answer | null {
      let match: RegExpExecArray | null;
      if (method === 'POST' && (match = /^\/v2\/payments\/captures\/([A-Za-z0-9]+)\/refund$/.exec(path))) {
        const capture = captures.find((c) => c.id === match![1]);
        if (!capture) return { status: 404, body: { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.', details: [{ issue: 'INVALID_RESOURCE_ID' }] } };
        return refund(capture, (body ?? {}) as PayPalRefundRequest);
      }
      if (method === 'GET' && (match = /^\/v2\/payments\/refunds\/([A-Za-z0-9]+)$/.exec(path))) {
        const found = refunds.get(match[1]!);
        if (!found) return { status: 404, body: { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.', details: [{ issue: 'INVALID_RESOURCE_ID' }] } };
        const { capture: _capture, ...view } = found;
        return { status: 200, body: view };
      }
      return null;
    },
  };
}
