/**
 * Resume on another device (docs/omnichannel.md, "Resume on another device").
 *
 * When a recognised shopper with consent at the merchant signs in on a session (or gives consent
 * there), the session is recorded for them (`resume_sessions`: shopper, merchant, session, last
 * touched). Signed in on a new session at the same merchant, on another device, they are offered
 * their most recent other session there that is still open, not expired, touched within the
 * merchant's window (`resumeWindowDays`, default 7, 0 turns it off) and not already continued:
 * its lines and total only. Continuing exchanges the offer, once, for a device credential of that
 * session (as a handoff redeem does: never its client secret; docs/security.md R28) and carries
 * the shopper's sign-in over to it. Anything else is one answer, 404 `resume_not_available`.
 */
import { computeTotals, type LineItem, type ShippingOption } from '@omni-checkout/core';
import type { ResumeOffer, ResumeResponse } from '@omni-checkout/core/handoff';
import { ApiError } from '../errors.js';
import { insertDevice } from '../handoff/handoff.js';
import type { Queryable } from '../storage/db.js';
import { date, newToken, type Caller, type IdentityDeps, type ShopperTokenRecord } from './deps.js';
import { storeOf } from './store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Records that the shopper worked on the caller's session (only with consent at its merchant). */
export async function touchResume(db: Queryable, shopperId: string, caller: Caller, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO resume_sessions (shopper_id, merchant_id, session_id, touched_at)
     SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM shopper_consents WHERE shopper_id = $1 AND merchant_id = $2)
     ON CONFLICT (shopper_id, session_id) DO UPDATE SET touched_at = EXCLUDED.touched_at`,
    [shopperId, caller.merchant.id, caller.session.id, now],
  );
}

interface Candidate {
  session_id: string;
  touched_at: Date | string;
  currency: string;
  line_items: LineItem[];
  shipping_options: ShippingOption[];
  selected_shipping_option_id: string | null;
}

/**
 * The shopper's resumable sessions at the caller's merchant, newest first: open, unexpired, within
 * the window, not continued yet, not the caller's own (`sessionId` narrows it to one).
 */
async function candidates(db: Queryable, caller: Caller, shopperId: string, now: Date, sessionId?: string, lock = false): Promise<Candidate[]> {
  const days = caller.merchant.resumeWindowDays;
  if (days <= 0) return [];
  const { rows } = await db.query<Candidate>(
    `SELECT r.session_id, r.touched_at, s.currency, s.line_items, s.shipping_options, s.selected_shipping_option_id
       FROM resume_sessions r JOIN checkout_sessions s ON s.id = r.session_id
      WHERE r.shopper_id = $1 AND r.merchant_id = $2 AND s.merchant_id = $2 AND r.session_id <> $3
        AND r.resumed_at IS NULL AND s.status = 'open' AND s.expires_at > $4 AND r.touched_at > $5
        ${sessionId === undefined ? '' : 'AND r.session_id = $6'}
      ORDER BY r.touched_at DESC LIMIT 1${lock ? ' FOR UPDATE OF r' : ''}`,
    [shopperId, caller.merchant.id, caller.session.id, now, new Date(now.getTime() - days * DAY_MS), ...(sessionId === undefined ? [] : [sessionId])],
  );
  return rows;
}

/** The offer for the signed-in shopper on the caller's session, or null. */
export async function resumeOffer(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord): Promise<ResumeOffer | null> {
  if (!(await storeOf(deps.db).hasConsent(token.shopperId, caller.merchant.id))) return null;
  const [row] = await candidates(deps.db, caller, token.shopperId, deps.now());
  if (!row) return null;
  const shipping = row.shipping_options.find((o) => o.id === row.selected_shipping_option_id) ?? null;
  return {
    object: 'resume_offer',
    sessionId: row.session_id,
    lineItems: row.line_items.map((item) => ({ name: item.name, quantity: item.quantity, unitAmount: item.unitAmount })),
    total: computeTotals(row.line_items, shipping).total,
    currency: row.currency,
    touchedAt: date(row.touched_at).toISOString(),
  };
}

/** Continues `sessionId` on this device, once: a device credential and the sign-in carried over. */
export async function resumeSession(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, sessionId: string): Promise<ResumeResponse> {
  if (!(await storeOf(deps.db).hasConsent(token.shopperId, caller.merchant.id))) {
    throw new ApiError(403, 'consent_required', `Agree to share your saved details with ${caller.merchant.name} first.`);
  }
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await candidates(tx, caller, token.shopperId, now, sessionId, true);
    if (!row) {
      throw new ApiError(404, 'resume_not_available', 'This checkout can no longer be continued here. The cart on this device is still yours.');
    }
    // Single use: the row locked above is marked, so a second exchange (here or racing) finds nothing.
    const { rows: marked } = await tx.query(
      'UPDATE resume_sessions SET resumed_at = $3 WHERE shopper_id = $1 AND session_id = $2 AND resumed_at IS NULL RETURNING session_id',
      [token.shopperId, sessionId, now],
    );
    if (marked.length === 0) {
      throw new ApiError(404, 'resume_not_available', 'This checkout can no longer be continued here. The cart on this device is still yours.');
    }
    const device = await insertDevice(tx, sessionId, caller.merchant.id, now);
    const shopperToken = newToken('shtok_');
    await storeOf(tx).insertShopperToken({
      tokenHash: deps.vault.mac('shopper-token', shopperToken),
      shopperId: token.shopperId,
      merchantId: caller.merchant.id,
      sessionId,
      origin: caller.origin,
      assurance: token.assurance,
      verifiedAt: token.verifiedAt,
      expiresAt: token.expiresAt,
    });
    return { object: 'resume_device', sessionId, ...device, shopperToken };
  });
}
