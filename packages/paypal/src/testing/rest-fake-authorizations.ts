/**
 * Authorizations in the PayPal REST fake (orders created with intent AUTHORIZE): the order's
 * authorization (`POST /v2/checkout/orders/:id/authorize`, made by `rest-fake.ts`), and Payments v2
 * `GET /v2/payments/authorizations/:id`, `POST …/capture` and `POST …/void`, as PayPal documents them:
 * captures never add up to more than was authorised (`422 MAX_CAPTURE_AMOUNT_EXCEEDED`: the fake
 * models a PSD2 account, where PayPal's 115 % overage is not allowed); a final capture
 * (`final_capture: true`) leaves the authorization `CAPTURED` (`422 AUTHORIZATION_ALREADY_CAPTURED`
 * afterwards), a partial one `PARTIALLY_CAPTURED`; a voided authorization cannot be captured
 * (`422 AUTHORIZATION_VOIDED`) and a captured one cannot be voided. A repeated `PayPal-Request-Id`
 * answers what the first request answered. Each capture joins the order's `payments.captures`, where
 * refunds (`rest-fake-refunds.ts`) find it.
 */
import { randomBytes } from 'node:crypto';
import type { Authorization, Capture, Order } from '../server/api.js';
import type { PayPalCaptureRequest } from '../server/money-out.js';

type Answer = { status: number; body?: unknown };

/** Decimal strings in thousandths, so sums stay exact for every PayPal currency. */
const units = (value: string | undefined) => Math.round(Number(value ?? '0') * 1000);
const newId = () => randomBytes(12).toString('hex').toUpperCase().slice(0, 17);
const unprocessable = (issue: string, description: string): Answer => ({
  status: 422,
  body: { name: 'UNPROCESSABLE_ENTITY', message: `UNPROCESSABLE_ENTITY: ${issue}`, debug_id: newId().toLowerCase(), details: [{ issue, description }] },
});
const notFound = (): Answer => ({ status: 404, body: { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.', details: [{ issue: 'INVALID_RESOURCE_ID' }] } });

/** `value` in the currency's format (two decimals, none for HUF, JPY and TWD). */
const format = (thousandths: number, currency: string | undefined) =>
  (thousandths / 1000).toFixed(currency === 'HUF' || currency === 'JPY' || currency === 'TWD' ? 0 : 2);

export function createPayPalAuthorizations(captures: Capture[]) {
  /** Each authorization with the order it belongs to. */
  const authorizations = new Map<string, { authorization: Authorization; order: Order }>();
  const replies = new Map<string, Answer>();
  const capturedOf = (order: Order, id: string) =>
    (order.purchase_units?.[0]?.payments?.captures ?? [])
      .filter((c) => (c as Capture & { authorization?: string }).authorization === id)
      .reduce((sum, c) => sum + units(c.amount?.value), 0);

  function capture(entry: { authorization: Authorization; order: Order }, body: PayPalCaptureRequest): Answer {
    const { authorization, order } = entry;
    if (authorization.status === 'VOIDED') return unprocessable('AUTHORIZATION_VOIDED', 'A voided authorization cannot be captured or reauthorized.');
    if (authorization.status === 'CAPTURED') return unprocessable('AUTHORIZATION_ALREADY_CAPTURED', 'Authorization has already been captured.');
    const currency = authorization.amount?.currency_code;
    const left = units(authorization.amount?.value) - capturedOf(order, authorization.id!);
    const amount = body.amount ?? { currency_code: currency!, value: format(left, currency) };
    if (amount.currency_code !== currency) return unprocessable('CURRENCY_MISMATCH', 'Currency of capture must be the same as currency of authorization.');
    if (units(amount.value) <= 0) return unprocessable('INVALID_PARAMETER_VALUE', 'The capture amount must be positive.');
    if (units(amount.value) > left) {
      return unprocessable('MAX_CAPTURE_AMOUNT_EXCEEDED', 'Capture amount exceeds allowable limit (no overage above the amount authorized by the payer).');
    }
    const now = new Date().toISOString();
    const made: Capture & { authorization: string } = {
      id: newId(),
      status: 'COMPLETED',
      amount,
      final_capture: body.final_capture ?? false,
      ...(authorization.custom_id ? { custom_id: authorization.custom_id } : {}),
      ...(body.invoice_id ? { invoice_id: body.invoice_id } : {}),
      create_time: now,
      update_time: now,
      authorization: authorization.id!,
    };
    captures.push(made);
    const payments = order.purchase_units![0]!.payments!;
    payments.captures = [...(payments.captures ?? []), made];
    authorization.status = body.final_capture || units(amount.value) === left ? 'CAPTURED' : 'PARTIALLY_CAPTURED';
    authorization.update_time = now;
    const { authorization: _authorization, ...view } = made;
    return { status: 201, body: view };
  }

  function voidIt(entry: { authorization: Authorization }): Answer {
    const { authorization } = entry;
    if (authorization.status === 'CAPTURED') return unprocessable('AUTHORIZATION_ALREADY_CAPTURED', 'Authorization has already been captured.');
    if (authorization.status === 'VOIDED') return unprocessable('AUTHORIZATION_VOIDED', 'A voided authorization cannot be voided again.');
    authorization.status = 'VOIDED';
    authorization.update_time = new Date().toISOString();
    return { status: 204 };
  }

  return {
    /** Authorises an approved order of intent AUTHORIZE: its one authorization, on the order's payments. */
    authorize(order: Order): Authorization {
      const unit = order.purchase_units![0]!;
      const now = new Date();
      const authorization: Authorization = {
        id: newId(),
        status: 'CREATED',
        amount: { currency_code: unit.amount!.currency_code, value: unit.amount!.value },
        ...(unit.custom_id ? { custom_id: unit.custom_id } : {}),
        // PayPal's authorization period is 29 days (the honor period 3).
        expiration_time: new Date(now.getTime() + 29 * 86_400_000).toISOString(),
        create_time: now.toISOString(),
        update_time: now.toISOString(),
      };
      unit.payments = { ...unit.payments, authorizations: [authorization] };
      authorizations.set(authorization.id!, { authorization, order });
      return authorization;
    },
    /** The answer for an authorization path, or null for every other path. */
    route(method: string, path: string, body: unknown, requestId: string | undefined): Answer | null {
      const match = /^\/v2\/payments\/authorizations\/([A-Za-z0-9]+)(\/capture|\/void)?$/.exec(path);
      if (!match) return null;
      const entry = authorizations.get(match[1]!);
      if (!entry) return notFound();
      if (!match[2]) return method === 'GET' ? { status: 200, body: entry.authorization } : null;
      if (method !== 'POST') return null;
      const key = requestId ? `${path} ${requestId}` : null;
      const earlier = key ? replies.get(key) : undefined;
      if (earlier) return earlier;
      const answer = match[2] === '/capture' ? capture(entry, (body ?? {}) as PayPalCaptureRequest) : voidIt(entry);
      // Only what succeeded is remembered (a failed request may be retried with the same id).
      if (key && answer.status < 300) replies.set(key, answer);
      return answer;
    },
  };
}
