/**
 * Handoff to another device (docs/omnichannel.md, docs/security.md R28).
 *
 * A token is 16 random bytes (base64url), stored only as its SHA-256, bound to one session and its
 * merchant, usable once and for a few minutes. Redeeming it creates a device of the session with
 * a credential of its own (`<session>_secret_hd…`, hashed too): the client routes accept it as
 * they accept the client secret, so the phone runs the same checkout, but it is not the desktop's
 * secret and a device cannot hand the session off again.
 */
import { randomBytes } from 'node:crypto';
import type { HandoffState, HandoffStatus } from '@omni-checkout/core/handoff';
import { randomHex, sha256 } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Db, Queryable } from '../storage/db.js';
import type { SessionRecord } from '../storage/index.js';

export const DEFAULT_HANDOFF_MINUTES = 10;
/** R28: a handoff link lives at most 15 minutes. */
export const MAX_HANDOFF_MINUTES = 15;

export interface HandoffDeps {
  readonly db: Db;
  readonly now: () => Date;
  /** Token lifetime in minutes (1–15). */
  readonly minutes: number;
}

/** Wakes the event streams of a session when something changed (same process; others poll). */
export class HandoffBus {
  readonly #listeners = new Map<string, Set<() => void>>();

  listen(sessionId: string, wake: () => void): () => void {
    let set = this.#listeners.get(sessionId);
    if (!set) this.#listeners.set(sessionId, (set = new Set()));
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.#listeners.delete(sessionId);
    };
  }

  wake(sessionId: string): void {
    for (const wake of this.#listeners.get(sessionId) ?? []) wake();
  }
}

export function handoffMinutes(value: number | undefined): number {
  const minutes = value ?? DEFAULT_HANDOFF_MINUTES;
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_HANDOFF_MINUTES) {
    throw new Error(`The handoff lifetime must be more than 0 and at most ${MAX_HANDOFF_MINUTES} minutes (got ${value}).`);
  }
  return minutes;
}

const newToken = () => randomBytes(16).toString('base64url');
const newDeviceSecret = (sessionId: string) => `${sessionId}_secret_hd${randomHex(32)}`;

function assertOpen(session: SessionRecord, now: Date): void {
  if (session.expiresAt <= now) throw new ApiError(410, 'session_expired', 'This checkout has expired.');
  if (session.status === 'complete') throw new ApiError(409, 'session_completed', 'This checkout is already paid.');
}

/** A new token for `session` (its client secret authorised the call). */
export async function createHandoff(deps: HandoffDeps, session: SessionRecord): Promise<{ token: string; expiresAt: Date }> {
  const now = deps.now();
  assertOpen(session, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + deps.minutes * 60_000);
  await deps.db.query(
    'INSERT INTO handoff_tokens (token_hash, session_id, merchant_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)',
    [sha256(token), session.id, session.merchantId, expiresAt, now],
  );
  return { token, expiresAt };
}

interface TokenRow {
  session_id: string;
  merchant_id: string;
  expires_at: Date | string;
  used_at: Date | string | null;
  session_expires_at: Date | string;
}

/**
 * Exchanges a token, once, for a device credential. A token of another merchant answers exactly
 * as an unknown one (it reveals nothing about other merchants' sessions).
 */
export async function redeemHandoff(
  deps: HandoffDeps,
  merchantId: string,
  token: string,
): Promise<{ sessionId: string; clientSecret: string; deviceId: string }> {
  const now = deps.now();
  const invalid = () => new ApiError(404, 'handoff_token_invalid', 'This link to pay on your phone is not valid. Open the checkout again and scan the new code.');
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) throw invalid();
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<TokenRow>(
      `SELECT t.session_id, t.merchant_id, t.expires_at, t.used_at, s.expires_at AS session_expires_at
         FROM handoff_tokens t JOIN checkout_sessions s ON s.id = t.session_id
        WHERE t.token_hash = $1 FOR UPDATE OF t`,
      [sha256(token)],
    );
    const row = rows[0];
    if (!row || row.merchant_id !== merchantId) throw invalid();
    if (row.used_at !== null) throw new ApiError(410, 'handoff_token_used', 'This link was already opened. Scan the code again on the first screen to get a new one.');
    if (new Date(row.expires_at) <= now) throw new ApiError(410, 'handoff_token_expired', 'This link has expired. Scan the code again on the first screen to get a new one.');
    if (new Date(row.session_expires_at) <= now) throw new ApiError(410, 'session_expired', 'This checkout has expired.');
    await tx.query('UPDATE handoff_tokens SET used_at = $2 WHERE token_hash = $1', [sha256(token), now]);
    return { sessionId: row.session_id, ...(await insertDevice(tx, row.session_id, merchantId, now)) };
  });
}

/**
 * A new device of `sessionId` with a credential of its own (hashed here; the client secret is
 * never handed out). Handoff redeem and resume on another device (identity/resume.ts) use it.
 */
export async function insertDevice(db: Queryable, sessionId: string, merchantId: string, now: Date): Promise<{ clientSecret: string; deviceId: string }> {
  const clientSecret = newDeviceSecret(sessionId);
  const deviceId = `hd_${randomHex(8)}`;
  await db.query('INSERT INTO handoff_devices (id, secret_hash, session_id, merchant_id, opened_at) VALUES ($1, $2, $3, $4, $5)', [
    deviceId,
    sha256(clientSecret),
    sessionId,
    merchantId,
    now,
  ]);
  return { clientSecret, deviceId };
}

/** The device behind a credential that is not the client secret, or null. */
export async function deviceByCredential(db: Db, credential: string): Promise<{ id: string; sessionId: string; merchantId: string } | null> {
  if (!credential.includes('_secret_hd')) return null;
  const { rows } = await db.query<{ id: string; session_id: string; merchant_id: string }>(
    'SELECT id, session_id, merchant_id FROM handoff_devices WHERE secret_hash = $1',
    [sha256(credential)],
  );
  const row = rows[0];
  return row ? { id: row.id, sessionId: row.session_id, merchantId: row.merchant_id } : null;
}

/** A handed-off device's payment went through: the session records the channel and the device. */
export async function recordPayingDevice(db: Db, sessionId: string, deviceId: string): Promise<void> {
  await db.query(
    `UPDATE checkout_sessions SET paid_channel = 'handoff', paid_device = $2 WHERE id = $1 AND status = 'complete' AND paid_device IS NULL`,
    [sessionId, deviceId],
  );
}

interface StatusRow {
  status: string;
  order_id: string | null;
  paid_channel: string | null;
  paid_device: string | null;
  opened_at: Date | string | null;
  minted: boolean;
}

/** The session's handoff status as the first screen shows it. */
export async function handoffStatus(db: Db, sessionId: string): Promise<HandoffStatus> {
  const { rows } = await db.query<StatusRow>(
    `SELECT s.status, s.order_id, s.paid_channel, s.paid_device,
            (SELECT min(d.opened_at) FROM handoff_devices d WHERE d.session_id = s.id) AS opened_at,
            EXISTS (SELECT 1 FROM handoff_tokens t WHERE t.session_id = s.id) AS minted
       FROM checkout_sessions s WHERE s.id = $1`,
    [sessionId],
  );
  const row = rows[0];
  if (!row) throw new ApiError(404, 'session_not_found', 'No checkout session with this id.');
  const state: HandoffState =
    row.status === 'complete'
      ? 'paid'
      : row.status === 'processing' || row.status === 'requires_action'
        ? 'paying'
        : row.opened_at !== null
          ? 'opened'
          : row.minted
            ? 'waiting'
            : 'none';
  return {
    object: 'handoff_status',
    sessionId,
    state,
    openedAt: row.opened_at === null ? null : new Date(row.opened_at).toISOString(),
    paidChannel: row.paid_channel === 'handoff' ? 'handoff' : null,
    paidDevice: row.paid_device,
    orderId: row.status === 'complete' ? row.order_id : null,
  };
}

/** The device entered its own contact or address (a 200 answer to its request). */
export async function markOwnDetails(db: Db, deviceId: string, field: 'contact' | 'address'): Promise<void> {
  await db.query(`UPDATE handoff_devices SET ${field === 'contact' ? 'own_contact' : 'own_address'} = true WHERE id = $1`, [deviceId]);
}

/** Which of the session's details this device entered itself. */
export async function ownDetails(db: Db, deviceId: string): Promise<{ contact: boolean; address: boolean }> {
  const { rows } = await db.query<{ own_contact: boolean; own_address: boolean }>('SELECT own_contact, own_address FROM handoff_devices WHERE id = $1', [
    deviceId,
  ]);
  return { contact: rows[0]?.own_contact === true, address: rows[0]?.own_address === true };
}

/**
 * R28: a handed-off device is shown the cart and the shipping choice, never the contact and
 * address typed on the first device, until it entered its own. `body` is a client answer: a
 * session, or an object with a `session` (confirm, prepare).
 */
export function redactForDevice(body: unknown, own: { contact: boolean; address: boolean }): unknown {
  const redact = (session: Record<string, unknown>) => ({
    ...session,
    ...(own.contact ? {} : { contact: null }),
    ...(own.address ? {} : { shippingAddress: null }),
  });
  if (!body || typeof body !== 'object') return body;
  const record = body as Record<string, unknown>;
  if (record.object === 'checkout_session') return redact(record);
  if (record.session && typeof record.session === 'object' && (record.session as Record<string, unknown>).object === 'checkout_session') {
    return { ...record, session: redact(record.session as Record<string, unknown>) };
  }
  return body;
}
