/**
 * The gift card ledger (issue 18, docs/payment-methods.md): cards issued by a merchant, each with a
 * long random code stored only as a keyed hash (the vault's HMAC, as one-time codes are), and one
 * ledger line per movement. A balance never goes below zero, whatever runs at once on however many
 * backend instances: a debit is one conditional UPDATE (`balance >= amount`) on the card's row,
 * which PostgreSQL serialises by the row lock, and the table's CHECK holds it even so.
 *
 * Every movement is idempotent by its key: a repeated key answers the line it made (the same
 * request) or 409 `idempotency_key_reused` (another request).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  GIFT_CARD_EXPIRY_RULES,
  formatGiftCardCode,
  isGiftCardCodeShape,
  normaliseGiftCardCode,
  type GiftCard,
  type GiftCardCreditRequest,
  type GiftCardDebitRequest,
  type GiftCardTransaction,
  type IssueGiftCardRequest,
  type IssuedGiftCard,
} from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Db, Queryable } from '../storage/db.js';

/** What the ledger needs: the database and a keyed hash (the identity vault's `mac`). */
export interface LedgerDeps {
  readonly db: Db;
  readonly mac: (purpose: string, value: string) => string;
  readonly now: () => Date;
}

const MAC_PURPOSE = 'gift-card-code';

interface CardRow {
  id: string;
  merchant_id: string;
  last4: string;
  currency: string;
  initial_amount: string | number;
  balance: string | number;
  status: 'active' | 'disabled';
  livemode: boolean;
  expires_at: Date | string | null;
  created_at: Date | string;
}

interface TransactionRow {
  id: string;
  gift_card_id: string;
  kind: 'issue' | 'debit' | 'credit';
  amount: string | number;
  balance_after: string | number;
  reference: string | null;
  debit_id: string | null;
  request_hash: string | null;
  created_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function cardView(row: CardRow): GiftCard {
  return {
    id: row.id,
    object: 'gift_card',
    last4: row.last4,
    currency: row.currency,
    initialAmount: Number(row.initial_amount),
    balance: Number(row.balance),
    status: row.status,
    expiresAt: row.expires_at === null ? null : iso(row.expires_at),
    livemode: row.livemode,
    createdAt: iso(row.created_at),
  };
}

function transactionView(row: TransactionRow): GiftCardTransaction {
  return {
    id: row.id,
    object: 'gift_card_transaction',
    giftCard: row.gift_card_id,
    kind: row.kind,
    amount: Number(row.amount),
    balanceAfter: Number(row.balance_after),
    reference: row.reference,
    debit: row.debit_id,
    createdAt: iso(row.created_at),
  };
}

const CARD_COLUMNS = 'id, merchant_id, last4, currency, initial_amount, balance, status, livemode, expires_at, created_at';
const TX_COLUMNS = 'id, gift_card_id, kind, amount, balance_after, reference, debit_id, request_hash, created_at';

/** Issues a card: answers its code once (it is stored only as a keyed hash). */
export async function issueGiftCard(deps: LedgerDeps, merchant: { id: string; livemode: boolean }, input: IssueGiftCardRequest): Promise<IssuedGiftCard> {
  const now = deps.now();
  // The market's rules (core GIFT_CARD_EXPIRY_RULES): its default validity, and the shortest it allows.
  const rule = input.country && Object.hasOwn(GIFT_CARD_EXPIRY_RULES, input.country) ? GIFT_CARD_EXPIRY_RULES[input.country]! : null;
  const days = input.validityDays ?? (input.expiresAt ? undefined : (rule?.defaultDays ?? undefined));
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : days !== undefined ? new Date(now.getTime() + days * 86_400_000) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new ApiError(400, 'validation_failed', 'A gift card must expire in the future.', [{ path: 'expiresAt', message: 'In the past' }]);
  }
  if (expiresAt && rule && rule.minimumDays !== undefined) {
    const shortest = rule.minimumDays;
    if (shortest === null || expiresAt.getTime() < now.getTime() + shortest * 86_400_000) {
      const why = shortest === null ? `Gift cards sold in ${input.country} may not expire.` : `Gift cards sold in ${input.country} must pay for at least ${shortest} days.`;
      throw new ApiError(400, 'validation_failed', why, [{ path: input.expiresAt ? 'expiresAt' : 'validityDays', message: shortest === null ? 'No expiry allowed' : `At least ${shortest} days` }]);
    }
  }
  const code = formatGiftCardCode(randomBytes(20));
  const normalised = normaliseGiftCardCode(code);
  const id = `gc_${randomHex(12)}`;
  const row = await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<CardRow>(
      `INSERT INTO gift_cards (id, merchant_id, code_hash, last4, currency, initial_amount, balance, livemode, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9) RETURNING ${CARD_COLUMNS}`,
      [id, merchant.id, deps.mac(MAC_PURPOSE, normalised), normalised.slice(-4), input.currency, input.amount, merchant.livemode, expiresAt?.toISOString() ?? null, now.toISOString()],
    );
    await tx.query(
      `INSERT INTO gift_card_transactions (id, gift_card_id, kind, amount, balance_after, created_at) VALUES ($1, $2, 'issue', $3, $3, $4)`,
      [`gctx_${randomHex(12)}`, id, input.amount, now.toISOString()],
    );
    return rows[0]!;
  });
  return { ...cardView(row), code };
}

/** A card of the merchant by id, with its ledger lines (oldest first). */
export async function giftCardById(db: Queryable, merchantId: string, id: string): Promise<{ card: GiftCard; transactions: GiftCardTransaction[] } | null> {
  const { rows } = await db.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM gift_cards WHERE id = $1 AND merchant_id = $2`, [id, merchantId]);
  if (!rows[0]) return null;
  const lines = await db.query<TransactionRow>(`SELECT ${TX_COLUMNS} FROM gift_card_transactions WHERE gift_card_id = $1 ORDER BY seq`, [id]);
  return { card: cardView(rows[0]), transactions: lines.rows.map(transactionView) };
}

/** The merchant's card with this code, or null (a code of the wrong shape is never looked up). */
export async function giftCardByCode(deps: LedgerDeps, merchantId: string, code: string): Promise<GiftCard | null> {
  const normalised = normaliseGiftCardCode(code);
  if (!isGiftCardCodeShape(normalised)) return null;
  const { rows } = await deps.db.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM gift_cards WHERE merchant_id = $1 AND code_hash = $2`, [
    merchantId,
    deps.mac(MAC_PURPOSE, normalised),
  ]);
  return rows[0] ? cardView(rows[0]) : null;
}

/** Whether the card pays now (active, not expired). */
export function isUsable(card: Pick<GiftCard, 'status' | 'expiresAt'>, now: Date): boolean {
  return card.status === 'active' && (card.expiresAt === null || new Date(card.expiresAt).getTime() > now.getTime());
}

export async function disableGiftCard(db: Queryable, merchantId: string, id: string): Promise<GiftCard> {
  const { rows } = await db.query<CardRow>(`UPDATE gift_cards SET status = 'disabled' WHERE id = $1 AND merchant_id = $2 RETURNING ${CARD_COLUMNS}`, [id, merchantId]);
  if (!rows[0]) throw new ApiError(404, 'gift_card_not_found', 'No gift card with this id.');
  return cardView(rows[0]);
}

const requestHash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

/** The line a key already made on this card, checked against the request it came with. */
async function replay(db: Queryable, cardId: string, key: string, hash: string): Promise<GiftCardTransaction | null> {
  const { rows } = await db.query<TransactionRow>(`SELECT ${TX_COLUMNS} FROM gift_card_transactions WHERE gift_card_id = $1 AND idempotency_key = $2`, [cardId, key]);
  if (!rows[0]) return null;
  if (rows[0].request_hash !== hash) {
    throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another gift card request; use a new key per request.');
  }
  return transactionView(rows[0]);
}

/** Runs a movement once per key: a concurrent duplicate loses on the unique key and answers the winner's line. */
async function once(deps: LedgerDeps, cardId: string, key: string, hash: string, move: (tx: Queryable) => Promise<GiftCardTransaction>): Promise<GiftCardTransaction> {
  const earlier = await replay(deps.db, cardId, key, hash);
  if (earlier) return earlier;
  try {
    return await deps.db.transaction(move);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await replay(deps.db, cardId, key, hash);
    if (winner) return winner;
    throw error;
  }
}

/**
 * Takes `amount` from the card in one conditional UPDATE: nothing moves unless the whole amount is
 * there (409 `gift_card_insufficient_balance`), the card is active and not expired (409
 * `gift_card_inactive`) and in the amount's currency (409 `gift_card_currency_mismatch`). `tx`
 * lets a caller debit inside its own transaction (an order and its payment commit together).
 */
export async function debitInTransaction(
  tx: Queryable,
  merchantId: string,
  cardId: string,
  input: GiftCardDebitRequest & { readonly idempotencyKey?: string; readonly requestHash?: string },
  now: Date,
): Promise<GiftCardTransaction> {
  const { rows } = await tx.query<{ balance: string | number }>(
    `UPDATE gift_cards SET balance = balance - $3
     WHERE id = $1 AND merchant_id = $2 AND currency = $4 AND status = 'active' AND balance >= $3
       AND (expires_at IS NULL OR expires_at > $5::timestamptz)
     RETURNING balance`,
    [cardId, merchantId, input.amount, input.currency, now.toISOString()],
  );
  if (!rows[0]) {
    const card = (await tx.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM gift_cards WHERE id = $1 AND merchant_id = $2`, [cardId, merchantId])).rows[0];
    if (!card) throw new ApiError(404, 'gift_card_not_found', 'No gift card with this id.');
    const view = cardView(card);
    if (view.currency !== input.currency) throw new ApiError(409, 'gift_card_currency_mismatch', `This gift card is in ${view.currency}.`);
    if (!isUsable(view, now)) throw new ApiError(409, 'gift_card_inactive', 'This gift card has expired or was disabled.');
    throw new ApiError(409, 'gift_card_insufficient_balance', 'The gift card’s balance is smaller than this amount.', [
      { path: 'amount', message: `Balance ${view.balance}` },
    ]);
  }
  const line = await tx.query<TransactionRow>(
    `INSERT INTO gift_card_transactions (id, gift_card_id, kind, amount, balance_after, reference, idempotency_key, request_hash, created_at)
     VALUES ($1, $2, 'debit', $3, $4, $5, $6, $7, $8) RETURNING ${TX_COLUMNS}`,
    [`gctx_${randomHex(12)}`, cardId, -input.amount, rows[0].balance, input.reference ?? null, input.idempotencyKey ?? null, input.requestHash ?? null, now.toISOString()],
  );
  return transactionView(line.rows[0]!);
}

/** Merchant API debit, idempotent by `idempotencyKey`. */
export function debitGiftCard(deps: LedgerDeps, merchantId: string, cardId: string, input: GiftCardDebitRequest, idempotencyKey: string): Promise<GiftCardTransaction> {
  const hash = requestHash(['debit', input]);
  return once(deps, cardId, idempotencyKey, hash, (tx) => debitInTransaction(tx, merchantId, cardId, { ...input, idempotencyKey, requestHash: hash }, deps.now()));
}

/**
 * Gives money back to the card for one of its debits (a refund): at most what that debit took and
 * was not given back yet (409 `gift_card_credit_exceeds_debit`). The debit's row is locked first,
 * so parallel credits of one debit cannot together give back more than it took. A credit is
 * accepted on an expired or disabled card too: the money is the shopper's.
 */
export function creditGiftCard(deps: LedgerDeps, merchantId: string, cardId: string, input: GiftCardCreditRequest, idempotencyKey: string): Promise<GiftCardTransaction> {
  const hash = requestHash(['credit', input]);
  return once(deps, cardId, idempotencyKey, hash, async (tx) => {
    const debit = (
      await tx.query<TransactionRow>(
        `SELECT t.id, t.amount FROM gift_card_transactions t JOIN gift_cards c ON c.id = t.gift_card_id
         WHERE t.id = $1 AND t.gift_card_id = $2 AND c.merchant_id = $3 AND t.kind = 'debit' FOR UPDATE OF t`,
        [input.debit, cardId, merchantId],
      )
    ).rows[0];
    if (!debit) throw new ApiError(404, 'gift_card_not_found', 'No debit with this id on this gift card.');
    const { rows } = await tx.query<{ credited: string | number | null }>(`SELECT COALESCE(SUM(amount), 0) AS credited FROM gift_card_transactions WHERE debit_id = $1`, [debit.id]);
    const open = -Number(debit.amount) - Number(rows[0]?.credited ?? 0);
    if (input.amount > open) {
      throw new ApiError(409, 'gift_card_credit_exceeds_debit', `At most ${open} can still be given back for this debit.`, [{ path: 'amount', message: `At most ${open}` }]);
    }
    const updated = await tx.query<{ balance: string | number }>(`UPDATE gift_cards SET balance = balance + $2 WHERE id = $1 RETURNING balance`, [cardId, input.amount]);
    const line = await tx.query<TransactionRow>(
      `INSERT INTO gift_card_transactions (id, gift_card_id, kind, amount, balance_after, debit_id, idempotency_key, request_hash, created_at)
       VALUES ($1, $2, 'credit', $3, $4, $5, $6, $7, $8) RETURNING ${TX_COLUMNS}`,
      [`gctx_${randomHex(12)}`, cardId, input.amount, updated.rows[0]!.balance, debit.id, idempotencyKey, hash, deps.now().toISOString()],
    );
    return transactionView(line.rows[0]!);
  });
}
