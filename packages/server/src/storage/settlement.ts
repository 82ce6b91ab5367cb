/**
 * Settlements: what a provider's outcome writes to a session, under the session's row lock.
 */
import { withDeliveryWindows } from '@omni-checkout/core';
import type { Queryable } from './db.js';
import { recordReview } from './reviews.js';
import { json, one, SESSION_COLUMNS, SESSION_EXTRAS, SESSION_SELECT, toSession, withMerchantName, type PiiCodec, type Row } from './rows.js';
import { releaseTenders } from './tenders.js';
import type { SessionRecord, Settlement } from './types.js';

/** Reads a session with a row lock held to the end of the transaction (serialises settlements). */
export async function lockSession(tx: Queryable, id: string, pii: PiiCodec): Promise<SessionRecord>;
export async function lockSession(tx: Queryable, id: string, pii: PiiCodec, required: false): Promise<SessionRecord | null>;
export async function lockSession(tx: Queryable, id: string, pii: PiiCodec, required = true): Promise<SessionRecord | null> {
  const session = await one(tx, (row) => toSession(row, pii), `${SESSION_SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
  if (!session && required) throw new Error(`Session ${id} vanished`);
  return session;
}

export async function sessionIn(db: Queryable, id: string, pii: PiiCodec): Promise<SessionRecord> {
  const session = await one(db, (row) => toSession(row, pii), `${SESSION_SELECT} WHERE s.id = $1`, [id]);
  if (!session) throw new Error(`Session ${id} vanished`);
  return session;
}

/**
 * What a settlement wrote: the order row when this call created it, and the session as the same
 * statement left it (`null` when no statement changed the session: read it again).
 */
export interface Applied {
  readonly order: Row | null;
  readonly session: SessionRecord | null;
}

/**
 * Writes the order for a succeeded payment (at most one per session) and completes the session, in
 * one statement (docs/backend-operations.md, "Sixth pass"; three before, sent together: each its own
 * parse, bind and execution in PostgreSQL and its own answer for pg). Its parts share one snapshot,
 * so they see each other's rows through the CTEs, never through the tables:
 *   - `o`: the order, unless the session has one already (a settlement repeated: ON CONFLICT);
 *   - `r`: the held gift cards and store credit become the order's (storage/tenders.ts) when this
 *     statement wrote it (joined on `o`). Run whether or not `session` shows a hold: its tenders were
 *     read with the snapshot of a statement that may have waited for the row lock;
 *   - `s`: the session completes with its order, this one or the one written before.
 * The order is written before the session is updated (`s` reads `o`), so the order's event is
 * emitted before the session's, as when they were statements of their own.
 */
async function settleSucceeded(tx: Queryable, session: SessionRecord, s: Extract<Settlement, { type: 'succeeded' }>, pii: PiiCodec): Promise<Applied> {
  const chosen = session.shippingOptions.filter((o) => o.id === session.selectedShippingOptionId);
  // The order keeps the delivery window as it was promised when it was paid.
  const [shipping = null] = withDeliveryWindows(chosen, session.delivery, s.createdAt);
  // An authorised-only payment (manual capture) is an `authorized` order that has taken nothing yet.
  const { rows } = await tx.query<Row>(
    `WITH o AS (
       INSERT INTO orders (id, merchant_id, session_id, status, amount, currency, line_items, shipping_option, contact,
         shipping_address, provider_id, payment_reference, created_at, amount_captured, channel, device, amount_tendered)
       VALUES ($1, $2, $3, $13, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $14, $15, $16, $17)
       ON CONFLICT (session_id) DO NOTHING RETURNING *
     ), r AS (
       UPDATE session_tenders t SET status = 'redeemed', order_id = o.id FROM o
       WHERE t.session_id = $3 AND t.status = 'held' RETURNING t.id
     ), s AS (
       UPDATE checkout_sessions SET status = 'complete', next_action = NULL, last_payment_error = NULL,
         order_id = COALESCE((SELECT id FROM o), (SELECT id FROM orders WHERE session_id = $3))
       WHERE id = $3 AND status <> 'complete' RETURNING *
     )
     SELECT (SELECT row_to_json(o) FROM o) AS written_order, (SELECT json_agg(r.id) FROM r) AS redeemed, ${SESSION_COLUMNS}, ${SESSION_EXTRAS}
     FROM (SELECT 1) AS one LEFT JOIN (s JOIN merchants m ON m.id = s.merchant_id) ON true`,
    [s.orderId, session.merchantId, session.id, s.amount, session.currency, json(session.lineItems), json(shipping),
      pii.seal(session.contact), pii.seal(session.shippingAddress), s.provider ?? session.providerId, s.reference, s.createdAt,
      s.authorizedOnly ? 'authorized' : 'paid', s.authorizedOnly ? 0 : null,
      // The channel it was paid through (the session's own when no confirm recorded one: a webhook) and the device class.
      session.payingChannel ?? session.channel, session.payingDevice, s.tendered ?? 0],
  );
  const row = rows[0]!;
  const order = (row.written_order ?? null) as Row | null;
  if (row.id === null || row.id === undefined) return { order, session: null };
  // The session's tenders come from the statement's snapshot: those `r` redeemed still read `held` there.
  const redeemed = new Set((row.redeemed ?? []) as string[]);
  const after = toSession(row, pii);
  return {
    order,
    session: { ...after, tenders: after.tenders?.map((t) => (redeemed.has(t.id) ? { ...t, status: 'redeemed' as const } : t)) },
  };
}

/** The provider reference a settlement is about (stored on its attempt). */
export const settlementReference = (settlement: Settlement): string | null =>
  settlement.type === 'review' ? settlement.review.reference : settlement.reference;

/** Applies one settlement to a session, moving it forward only; answers the order row when this call wrote it. */
export async function applySettlement(tx: Queryable, before: SessionRecord, settlement: Settlement, pii: PiiCodec): Promise<Applied> {
  if (settlement.type === 'succeeded') return settleSucceeded(tx, before, settlement, pii);
  if (settlement.type === 'review') {
    await recordReview(tx, before, settlement.review);
    if (!settlement.reopen) return { order: null, session: null };
  }
  const toSessionP = (row: Row) => toSession(row, pii);
  const session =
    settlement.type === 'requires_action'
      ? await one(
          tx,
          toSessionP,
          withMerchantName(`UPDATE checkout_sessions SET status = 'requires_action', next_action = $2::jsonb WHERE id = $1 AND status = 'processing'`),
          [before.id, json(settlement.action)],
        )
      : await one(
          tx,
          toSessionP,
          withMerchantName(
            `UPDATE checkout_sessions SET status = 'open', next_action = NULL, last_payment_error = $2::jsonb
             WHERE id = $1 AND status IN ('processing', 'requires_action')`,
          ),
          [before.id, json(settlement.error)],
        );
  if (settlement.type === 'requires_action' || !session) return { order: null, session };
  // The session reopened: what its tenders held goes back to them, in this transaction; the session is
  // read again so its view shows them applied, no longer held.
  await releaseTenders(tx, before.id, new Date());
  return { order: null, session: await one(tx, toSessionP, `${SESSION_SELECT} WHERE s.id = $1`, [before.id]) };
}

