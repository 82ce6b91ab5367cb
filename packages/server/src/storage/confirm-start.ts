/**
 * A confirm's start in one statement, for the common case (docs/backend-operations.md, "Sixth
 * pass"): the move to `processing` and the attempt's INSERT as one data-modifying statement, which
 * commits on its own (no BEGIN, no COMMIT: 1 statement instead of 4).
 *
 * The attempt's charge is computed before the statement, from the session as the request read it,
 * so the statement moves the session only when what the charge was computed from is still so: the
 * shipping option is the one read (what an open session's total can change by: its line items,
 * shipping options, currency, market and payment-method settings are fixed when it is created), and
 * it has no gift cards or store credit (their holds need a transaction: `storage/tenders.ts`). The
 * guard on the shipping option is on the row itself, so PostgreSQL checks it again on the row as it
 * locks it. Otherwise, or when the session is not open or the key was used before, nothing is written
 * and `beginConfirm` takes its transaction, which decides on the locked row.
 */
import type { Queryable } from './db.js';
import { SESSION_COLUMNS, SESSION_EXTRAS, toAttempt, toSession, type PiiCodec, type Row } from './rows.js';
import type { BeginConfirmInput, BeginConfirmResult } from './types.js';

const START = `WITH s AS (
    UPDATE checkout_sessions SET status = 'processing', confirm_attempts = confirm_attempts + 1, last_payment_error = NULL,
      paying_channel = COALESCE($3, paying_channel), paying_device = CASE WHEN $3::text IS NULL THEN paying_device ELSE $4 END
    WHERE id = $1 AND status = 'open' AND expires_at > $2
      AND selected_shipping_option_id IS NOT DISTINCT FROM $6
      AND NOT EXISTS (SELECT 1 FROM session_tenders WHERE session_id = $1)
      AND NOT EXISTS (SELECT 1 FROM confirm_attempts WHERE session_id = $1 AND idempotency_key = $5)
    RETURNING *
  ), a AS (
    INSERT INTO confirm_attempts (session_id, attempt, idempotency_key, request_hash, provider_idempotency_key, payment_method,
      provider_id, created_at, amount, currency, tendered)
    SELECT id, confirm_attempts, $5::text, $7::text, id || ':confirm:' || confirm_attempts, $8::text,
      COALESCE($9::text, provider_id), $2::timestamptz, $10::bigint, $11::text, 0
    FROM s
    RETURNING *
  )
  SELECT ${SESSION_COLUMNS}, ${SESSION_EXTRAS}, row_to_json(a) AS started_attempt
  FROM s JOIN merchants m ON m.id = s.merchant_id CROSS JOIN a`;

/** The started attempt and the session as the statement left it; null when it wrote nothing (see above). */
export async function startAtOnce(db: Queryable, input: BeginConfirmInput, pii: PiiCodec): Promise<BeginConfirmResult | null> {
  const { read } = input;
  if (!read || read.status !== 'open' || read.tenders?.length) return null;
  let charge: { readonly amount: number; readonly currency: string };
  try {
    charge = input.price(read);
  } catch {
    // The locked row decides (and refuses) in the transaction.
    return null;
  }
  const { rows } = await db.query<Row>(START, [
    input.sessionId, input.now, input.paidBy?.channel ?? null, input.paidBy?.device ?? null, input.idempotencyKey,
    read.selectedShippingOptionId, input.requestHash, input.paymentMethod, input.providerId ?? null, charge.amount, charge.currency,
  ]);
  const row = rows[0];
  if (!row) return null;
  return { outcome: 'started', attempt: toAttempt(row.started_attempt as Row, pii), session: toSession(row, pii) };
}
