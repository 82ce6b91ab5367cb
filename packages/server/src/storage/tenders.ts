/**
 * Gift cards and store credit as tenders of a checkout session (issue 18, docs/payment-methods.md).
 *
 * A tender is applied to an open session (`session_tenders`, status `applied`): it may take up to
 * its balance when applied, and the session's total caps the sum (`allocateTenders`). Its money
 * moves only inside the storage's own transactions, so it is never apart from the payment:
 *
 *   - `beginConfirm` holds it: one conditional debit per tender on the ledger (never below zero,
 *     whatever runs at once), in the transaction that commits the attempt. A card spent meanwhile
 *     refuses the whole confirm (409) and nothing is held. The provider is asked only for the rest.
 *   - a settlement that writes the order redeems it (`redeemed`, with the order id), in the statement
 *     that writes the order (`settleSucceeded` in storage/settlement.ts); a settlement that reopens
 *     the session (declined, held for review) gives the hold back in its transaction (`releaseTenders`).
 *     Every path that settles (the page's confirm, 3-D Secure completion, provider webhooks, the
 *     reconciler) goes through those two.
 *   - a refund's tender part goes back to the ledger in the transaction that settles the refund
 *     (`refundToTenders`), never more than each tender took.
 */
import type { AppliedTender } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { debitInTransaction } from '../gift-cards/ledger.js';
import type { Queryable } from './db.js';

/** A tender as the session row carries it (`SESSION_SELECT`). */
export interface TenderRecord {
  readonly id: string;
  readonly kind: 'gift_card' | 'store_credit';
  readonly giftCardId: string;
  readonly last4: string;
  readonly currency: string;
  /** Up to what it may take (its balance when applied). */
  readonly amount: number;
  readonly status: 'applied' | 'held' | 'redeemed';
  /** What the hold or redemption took. */
  readonly taken: number;
}

/** The subquery `SESSION_SELECT` adds (as column `tenders`), for a session aliased `s`. */
export const TENDERS_COLUMN = `(SELECT COALESCE(json_agg(json_build_object('id', t.id, 'kind', c.kind, 'giftCardId', c.id, 'last4', c.last4,
    'currency', c.currency, 'amount', t.amount, 'status', t.status, 'taken', t.taken) ORDER BY t.seq), '[]'::json)
  FROM session_tenders t JOIN gift_cards c ON c.id = t.gift_card_id WHERE t.session_id = s.id) AS tenders`;

export function toTenders(value: unknown): TenderRecord[] {
  const list = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as TenderRecord[];
  return list.map((t) => ({ ...t, amount: Number(t.amount), taken: Number(t.taken) }));
}

/**
 * What each tender takes of `total`, in the order they were applied: each at most its amount, all
 * together at most the total. Held or redeemed tenders take what they took.
 */
export function allocateTenders(total: number, tenders: readonly TenderRecord[]): { readonly tender: TenderRecord; readonly take: number }[] {
  let left = total;
  return tenders.map((tender) => {
    const take = tender.status === 'applied' ? Math.min(tender.amount, left) : tender.taken;
    left = Math.max(0, left - take);
    return { tender, take };
  });
}

/** The tenders as the page sees them, and what is left for a provider. */
export function tenderView(total: number, currency: string, tenders: readonly TenderRecord[]): { tenders: AppliedTender[]; amountDue: number } {
  const allocated = allocateTenders(total, tenders);
  const tendered = allocated.reduce((sum, { take }) => sum + take, 0);
  return {
    tenders: allocated.map(({ tender, take }) => ({
      id: tender.id,
      kind: tender.kind,
      last4: tender.kind === 'gift_card' ? tender.last4 : null,
      amount: take,
      currency,
    })),
    amountDue: Math.max(0, total - tendered),
  };
}

/**
 * In `beginConfirm`'s transaction, on the locked session: debits each applied tender for its share
 * of `total` (a tender whose share is 0 stays applied) and answers the sum held. Throws the ledger's
 * 409 (`gift_card_insufficient_balance`, `gift_card_inactive`) when a card no longer has it: the
 * caller's transaction then rolls back, attempt and all.
 */
export async function holdTenders(tx: Queryable, session: { id: string; merchantId: string; currency: string; tenders?: readonly TenderRecord[] }, total: number, now: Date): Promise<number> {
  let held = 0;
  for (const { tender, take } of allocateTenders(total, session.tenders ?? [])) {
    if (tender.status !== 'applied' || take === 0) continue;
    const line = await debitInTransaction(tx, session.merchantId, tender.giftCardId, { amount: take, currency: session.currency, reference: session.id }, now);
    await tx.query(`UPDATE session_tenders SET status = 'held', debit_id = $2, taken = $3 WHERE id = $1 AND status = 'applied'`, [tender.id, line.id, take]);
    held += take;
  }
  return held;
}

/** In a settlement that reopens the session: every hold goes back to its card (a credit line for its debit). */
export async function releaseTenders(tx: Queryable, sessionId: string, now: Date): Promise<void> {
  const { rows } = await tx.query<{ id: string; gift_card_id: string; debit_id: string; taken: string | number }>(
    `SELECT id, gift_card_id, debit_id, taken FROM session_tenders WHERE session_id = $1 AND status = 'held' ORDER BY seq FOR UPDATE`,
    [sessionId],
  );
  for (const held of rows) {
    await credit(tx, held.gift_card_id, held.debit_id, Number(held.taken), `release:${held.debit_id}`, now);
    await tx.query(`UPDATE session_tenders SET status = 'applied', debit_id = NULL, taken = 0 WHERE id = $1`, [held.id]);
  }
}

async function credit(tx: Queryable, cardId: string, debitId: string, amount: number, key: string, now: Date): Promise<void> {
  if (amount <= 0) return;
  const { rows } = await tx.query<{ balance: string | number }>(`UPDATE gift_cards SET balance = balance + $2 WHERE id = $1 RETURNING balance`, [cardId, amount]);
  await tx.query(
    `INSERT INTO gift_card_transactions (id, gift_card_id, kind, amount, balance_after, debit_id, idempotency_key, created_at)
     VALUES ($1, $2, 'credit', $3, $4, $5, $6, $7)`,
    [`gctx_${randomHex(12)}`, cardId, amount, rows[0]!.balance, debitId, key, now.toISOString()],
  );
}

/**
 * In the transaction that settles a refund: gives `amount` back to the order's tenders, the last
 * applied first, each at most what it took and was not given back yet. Answers what it gave back
 * (less than `amount` only when the tenders have nothing more to take back).
 */
export async function refundToTenders(tx: Queryable, orderId: string, amount: number, refundId: string, now: Date): Promise<number> {
  const { rows } = await tx.query<{ gift_card_id: string; debit_id: string; taken: string | number; credited: string | number }>(
    `SELECT t.gift_card_id, t.debit_id, t.taken,
       (SELECT COALESCE(SUM(c.amount), 0) FROM gift_card_transactions c WHERE c.debit_id = t.debit_id) AS credited
     FROM session_tenders t WHERE t.order_id = $1 AND t.status = 'redeemed' ORDER BY t.seq DESC FOR UPDATE OF t`,
    [orderId],
  );
  let left = amount;
  for (const row of rows) {
    const give = Math.min(left, Number(row.taken) - Number(row.credited));
    if (give <= 0) continue;
    await credit(tx, row.gift_card_id, row.debit_id, give, `refund:${refundId}`, now);
    left -= give;
  }
  return amount - left;
}
