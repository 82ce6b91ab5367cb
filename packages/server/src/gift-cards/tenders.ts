/**
 * Applying gift cards and store credit to a checkout session, and the store credit ledger
 * (issue 18, docs/payment-methods.md). What happens to an applied tender when the shopper pays is in
 * `storage/tenders.ts` (held with the attempt, taken with the order, given back on a failure).
 *
 * Store credit is a ledger account like a gift card (`gift_cards.kind = 'store_credit'`): the same
 * conditional debit that never goes below zero, no code, owned by one shopper of the identity
 * network at one merchant, one account per currency. The merchant grants it; a recognised shopper
 * who agreed to share their details with the merchant sees it and applies it in the checkout.
 */
import { createHash } from 'node:crypto';
import type { GrantStoreCreditRequest, StoreCredit, StoreCreditBalance } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Db, Queryable } from '../storage/db.js';
import type { SessionRecord } from '../storage/index.js';
import { allocateTenders } from '../storage/tenders.js';
import { sessionTotals } from '../session-view.js';

/** A ledger account as the checkout applies it. */
export interface TenderSource {
  readonly id: string;
  readonly currency: string;
  readonly balance: number;
  readonly status: 'active' | 'disabled';
  readonly expiresAt: string | null;
}

const usable = (source: TenderSource, now: Date) =>
  source.status === 'active' && (source.expiresAt === null || new Date(source.expiresAt).getTime() > now.getTime());

/**
 * Applies a card or the shopper's store credit to an open session, under the session's row lock (a
 * confirm cannot begin halfway). It may take up to its balance now; applying it again refreshes
 * that. Clear refusals: another currency, expired or disabled, nothing left, nothing left to pay.
 */
export async function applyTender(db: Db, session: SessionRecord, source: TenderSource, now: Date, kind: 'gift_card' | 'store_credit'): Promise<void> {
  if (session.captureMethod === 'manual') {
    throw new ApiError(409, 'operation_not_supported', 'Gift cards and store credit cannot pay this checkout: the shop takes payment later.');
  }
  const what = kind === 'gift_card' ? 'This gift card' : 'Your store credit';
  if (source.currency !== session.currency) throw new ApiError(409, 'gift_card_currency_mismatch', `${what} is in ${source.currency}; this order is in ${session.currency}.`);
  if (!usable(source, now)) throw new ApiError(409, 'gift_card_inactive', `${what} has expired or can no longer be used.`);
  if (source.balance <= 0) throw new ApiError(409, 'gift_card_insufficient_balance', `${what} has no balance left.`);
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ status: string; expires_at: Date | string }>(`SELECT status, expires_at FROM checkout_sessions WHERE id = $1 FOR UPDATE`, [session.id]);
    const locked = rows[0];
    if (!locked || new Date(locked.expires_at).getTime() <= now.getTime()) throw new ApiError(410, 'session_expired', 'This checkout has expired. Please start again from the shop.');
    if (locked.status !== 'open') throw new ApiError(409, 'confirm_in_progress', 'A payment for this checkout is already in progress.');
    const applied = (session.tenders ?? []).filter((t) => t.giftCardId !== source.id);
    const due = sessionTotals(session).total - allocateTenders(sessionTotals(session).total, applied).reduce((sum, { take }) => sum + take, 0);
    if (due <= 0) throw new ApiError(409, 'operation_not_supported', 'What you applied already pays the whole order.');
    await tx.query(
      `INSERT INTO session_tenders (id, session_id, gift_card_id, amount, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (session_id, gift_card_id) DO UPDATE SET amount = EXCLUDED.amount WHERE session_tenders.status = 'applied'`,
      [`tnd_${randomHex(12)}`, session.id, source.id, source.balance, now.toISOString()],
    );
  });
}

/** Takes a tender off an open session (it held nothing yet). */
export async function removeTender(db: Db, session: SessionRecord, tenderId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ status: string }>(`SELECT status FROM checkout_sessions WHERE id = $1 FOR UPDATE`, [session.id]);
    if (rows[0]?.status !== 'open') throw new ApiError(409, 'confirm_in_progress', 'A payment for this checkout is already in progress.');
    const removed = await tx.query(`DELETE FROM session_tenders WHERE id = $1 AND session_id = $2 AND status = 'applied' RETURNING id`, [tenderId, session.id]);
    if (!removed.rows.length) throw new ApiError(404, 'gift_card_not_found', 'This gift card is not applied to this checkout.');
  });
}

interface AccountRow {
  id: string;
  shopper_id: string;
  currency: string;
  balance: string | number;
  status: 'active' | 'disabled';
  livemode: boolean;
  expires_at: Date | string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function accountView(row: AccountRow): StoreCredit {
  return { id: row.id, object: 'store_credit', shopper: row.shopper_id, currency: row.currency, balance: Number(row.balance), expiresAt: iso(row.expires_at), livemode: row.livemode };
}

export function accountSource(row: StoreCredit & { status?: 'active' | 'disabled' }): TenderSource {
  return { id: row.id, currency: row.currency, balance: row.balance, status: row.status ?? 'active', expiresAt: row.expiresAt };
}

/** The shopper's store credit at this merchant in this currency, or null. */
export async function storeCreditOf(db: Queryable, merchantId: string, shopperId: string, currency: string): Promise<StoreCredit | null> {
  const { rows } = await db.query<AccountRow>(
    `SELECT id, shopper_id, currency, balance, status, livemode, expires_at FROM gift_cards
     WHERE kind = 'store_credit' AND merchant_id = $1 AND shopper_id = $2 AND currency = $3`,
    [merchantId, shopperId, currency],
  );
  return rows[0] ? accountView(rows[0]) : null;
}

export function storeCreditBalance(account: StoreCredit): StoreCreditBalance {
  return { object: 'store_credit_balance', balance: account.balance, currency: account.currency, expiresAt: account.expiresAt };
}

/**
 * The merchant gives store credit to a shopper (a goodwill gesture, a return): added to the
 * shopper's account in that currency (opened on the first grant), once per Idempotency-Key.
 */
export async function grantStoreCredit(
  db: Db,
  merchant: { id: string; livemode: boolean },
  request: GrantStoreCreditRequest,
  idempotencyKey: string,
  now: Date,
  emailHash: (email: string) => string,
): Promise<StoreCredit> {
  const hash = createHash('sha256').update(JSON.stringify(['grant', request])).digest('hex');
  return db.transaction(async (tx) => {
    // Only a shopper who shares their details with this merchant: an unknown email and one who has
    // not agreed answer alike, so a grant cannot tell a merchant who else is in the network.
    const { rows: found } = await tx.query<{ id: string }>(
      `SELECT s.id FROM shoppers s JOIN shopper_consents c ON c.shopper_id = s.id AND c.merchant_id = $2
       WHERE ${request.shopper ? 's.id = $1' : 's.email_hash = $1'}`,
      [request.shopper ?? emailHash(request.email!), merchant.id],
    );
    if (!found[0]) throw new ApiError(404, 'not_found', 'No shopper who shares their details with this shop has this id or email.');
    const input = { ...request, shopper: found[0].id };
    await tx.query(
      `INSERT INTO gift_cards (id, merchant_id, kind, shopper_id, last4, currency, initial_amount, balance, livemode, created_at)
       VALUES ($1, $2, 'store_credit', $3, '', $4, $5, 0, $6, $7)
       ON CONFLICT (merchant_id, shopper_id, currency) WHERE kind = 'store_credit' DO NOTHING`,
      [`sc_${randomHex(12)}`, merchant.id, input.shopper, input.currency, input.amount, merchant.livemode, now.toISOString()],
    );
    const account = (
      await tx.query<AccountRow>(
        `SELECT id, shopper_id, currency, balance, status, livemode, expires_at FROM gift_cards
         WHERE kind = 'store_credit' AND merchant_id = $1 AND shopper_id = $2 AND currency = $3 FOR UPDATE`,
        [merchant.id, input.shopper, input.currency],
      )
    ).rows[0]!;
    const earlier = await tx.query<{ request_hash: string }>(`SELECT request_hash FROM gift_card_transactions WHERE gift_card_id = $1 AND idempotency_key = $2`, [account.id, idempotencyKey]);
    if (earlier.rows[0]) {
      if (earlier.rows[0].request_hash !== hash) throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another store credit request; use a new key per request.');
      return accountView(account);
    }
    const { rows } = await tx.query<AccountRow>(
      `UPDATE gift_cards SET balance = balance + $2 WHERE id = $1 RETURNING id, shopper_id, currency, balance, status, livemode, expires_at`,
      [account.id, input.amount],
    );
    await tx.query(
      `INSERT INTO gift_card_transactions (id, gift_card_id, kind, amount, balance_after, reference, idempotency_key, request_hash, created_at)
       VALUES ($1, $2, 'grant', $3, $4, $5, $6, $7, $8)`,
      [`gctx_${randomHex(12)}`, account.id, input.amount, rows[0]!.balance, input.reference ?? null, idempotencyKey, hash, now.toISOString()],
    );
    return accountView(rows[0]!);
  });
}
