/**
 * The identity store: every SQL statement of the shopper identity network, over one connection or
 * transaction. The modules beside it (codes, passkeys, devices, profile, saved methods, data,
 * payments) decide; this file only reads and writes rows. Values arrive sealed or hashed already
 * (the vault is not used here): personal data is sealed, codes and tokens are keyed hashes.
 */
import type { ProviderId, SavedMethod } from '@omni-checkout/core';
import type { Db, Queryable } from '../storage/db.js';

export type Row = Record<string, unknown>;

/** A saved method with what only the server may see: the provider's reference and customer. */
export type StoredMethod = SavedMethod & { reference: string; customer: string | null };

export type ContactKind = 'email' | 'phone';

export interface NewShopper {
  readonly id: string;
  readonly emailHash: string;
  readonly phoneHash: string | null;
  readonly emailSealed: string;
  readonly phoneSealed: string | null;
  readonly profileSealed: string;
  /** Provider id → the provider's customer for this shopper. */
  readonly providerCustomers: Record<string, string>;
}

export interface NewSavedMethod {
  readonly id: string;
  readonly shopperId: string;
  readonly providerId: ProviderId;
  readonly customer: string;
  readonly reference: string;
  readonly brand: string;
  readonly last4: string | null;
  readonly expMonth: number | null;
  readonly expYear: number | null;
  readonly account: string | null;
}

export interface NewOtpChallenge {
  readonly id: string;
  readonly identityHash: string;
  readonly shopperId: string | null;
  readonly merchantId: string;
  readonly sessionId: string;
  readonly purpose: 'sign_in' | 'step_up';
  readonly channel: 'email' | 'sms';
  readonly codeHash: string;
  readonly expiresAt: Date;
}

export interface NewShopperToken {
  readonly tokenHash: string;
  readonly shopperId: string;
  readonly merchantId: string;
  readonly sessionId: string;
  readonly origin: string;
  readonly assurance: 'email' | 'sms' | 'passkey';
  readonly verifiedAt: Date;
  readonly expiresAt: Date;
}

export interface WebauthnChallenge {
  readonly challenge: string;
  readonly purpose: 'register' | 'authenticate';
  readonly shopperId: string | null;
  readonly merchantId: string;
  readonly sessionId: string;
}

function toSavedMethod(row: Row): StoredMethod {
  return {
    id: row.id as string,
    provider: row.provider_id as ProviderId,
    type: row.last4 ? ('card' as const) : ('wallet' as const),
    brand: row.brand as string,
    ...(row.last4 ? { last4: row.last4 as string, expMonth: Number(row.exp_month), expYear: Number(row.exp_year) } : {}),
    ...(row.account ? { account: row.account as string } : {}),
    isDefault: row.is_default as boolean,
    reference: row.reference as string,
    customer: row.customer as string | null,
  };
}

export function identityStore(db: Queryable) {
  const first = async (sql: string, params: readonly unknown[]): Promise<Row | null> => (await db.query<Row>(sql, params)).rows[0] ?? null;
  const all = async (sql: string, params: readonly unknown[]): Promise<Row[]> => (await db.query<Row>(sql, params)).rows;
  const any = async (sql: string, params: readonly unknown[]): Promise<boolean> => (await db.query(sql, params)).rows.length > 0;

  return {
    // ── Shoppers ──────────────────────────────────────────────────────────────────────────
    shopper: (id: string) => first('SELECT * FROM shoppers WHERE id = $1', [id]),
    /** The row locked to the end of the transaction. */
    lockShopper: (id: string) => first('SELECT * FROM shoppers WHERE id = $1 FOR UPDATE', [id]),
    async shopperIdByHash(kind: ContactKind, hash: string): Promise<string | null> {
      const column = kind === 'email' ? 'email_hash' : 'phone_hash';
      return ((await first(`SELECT id FROM shoppers WHERE ${column} = $1`, [hash]))?.id as string | undefined) ?? null;
    },
    /** True when another shopper already has this email or phone. */
    contactTaken: (kind: ContactKind, hash: string, exceptShopperId: string) =>
      any(`SELECT 1 FROM shoppers WHERE ${kind}_hash = $1 AND id <> $2`, [hash, exceptShopperId]),
    async setContact(shopperId: string, kind: ContactKind, hash: string, sealed: string): Promise<void> {
      await db.query(`UPDATE shoppers SET ${kind}_hash = $2, ${kind}_sealed = $3, updated_at = now() WHERE id = $1`, [shopperId, hash, sealed]);
    },
    async emailSealed(shopperId: string): Promise<string> {
      return (await first('SELECT email_sealed FROM shoppers WHERE id = $1', [shopperId]))!.email_sealed as string;
    },
    async profileSealed(shopperId: string, lock = false): Promise<string | null> {
      const row = await first(`SELECT profile_sealed FROM shoppers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [shopperId]);
      return (row?.profile_sealed as string | undefined) ?? null;
    },
    /** Replaces the sealed profile; `touch` also moves `updated_at` (a change by the shopper). */
    async setProfileSealed(shopperId: string, sealed: string, touch: boolean): Promise<void> {
      await db.query(`UPDATE shoppers SET profile_sealed = $2${touch ? ', updated_at = now()' : ''} WHERE id = $1`, [shopperId, sealed]);
    },
    /** False when the id, email or phone is taken (nothing written). */
    async insertShopper(s: NewShopper): Promise<boolean> {
      return any(
        `INSERT INTO shoppers (id, email_hash, phone_hash, email_sealed, phone_sealed, profile_sealed, provider_customers)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) ON CONFLICT DO NOTHING RETURNING id`,
        [s.id, s.emailHash, s.phoneHash, s.emailSealed, s.phoneSealed, s.profileSealed, JSON.stringify(s.providerCustomers)],
      );
    },
    async addProviderCustomer(shopperId: string, providerId: string, customer: string): Promise<void> {
      await db.query(`UPDATE shoppers SET provider_customers = provider_customers || $2::jsonb WHERE id = $1`, [
        shopperId,
        JSON.stringify({ [providerId]: customer }),
      ]);
    },

    // ── Consents ──────────────────────────────────────────────────────────────────────────
    hasConsent: (shopperId: string, merchantId: string) =>
      any('SELECT 1 FROM shopper_consents WHERE shopper_id = $1 AND merchant_id = $2', [shopperId, merchantId]),
    /** The first consent per merchant stands (a later one is a no-op). */
    async grantConsent(shopperId: string, merchantId: string, kind: 'save' | 'share', textVersion: unknown, grantedAt: unknown): Promise<void> {
      await db.query(
        `INSERT INTO shopper_consents (shopper_id, merchant_id, kind, text_version, granted_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (shopper_id, merchant_id) DO NOTHING`,
        [shopperId, merchantId, kind, textVersion, grantedAt],
      );
    },

    // ── Save intents (a guest's "save my details", per session) ───────────────────────────
    saveIntent: (sessionId: string) => first('SELECT * FROM session_save_intents WHERE session_id = $1', [sessionId]),
    async setSaveIntent(sessionId: string, plannedShopperId: string, textVersion: string, phoneSealed: string | null): Promise<void> {
      await db.query(
        `INSERT INTO session_save_intents (session_id, planned_shopper_id, text_version, phone_sealed) VALUES ($1, $2, $3, $4)
         ON CONFLICT (session_id) DO UPDATE SET text_version = EXCLUDED.text_version, phone_sealed = EXCLUDED.phone_sealed`,
        [sessionId, plannedShopperId, textVersion, phoneSealed],
      );
    },
    async deleteSaveIntent(sessionId: string): Promise<void> {
      await db.query('DELETE FROM session_save_intents WHERE session_id = $1', [sessionId]);
    },
    async setSaveIntentCustomer(sessionId: string, customer: string): Promise<void> {
      await db.query('UPDATE session_save_intents SET customer = $2 WHERE session_id = $1', [sessionId, customer]);
    },

    // ── One-time codes ────────────────────────────────────────────────────────────────────
    async insertOtpChallenge(c: NewOtpChallenge): Promise<void> {
      await db.query(
        `INSERT INTO otp_challenges (id, identity_hash, shopper_id, merchant_id, session_id, purpose, channel, code_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [c.id, c.identityHash, c.shopperId, c.merchantId, c.sessionId, c.purpose, c.channel, c.codeHash, c.expiresAt],
      );
    },
    /** The identity a challenge of this merchant and session is for. */
    async otpIdentityHash(challengeId: string, merchantId: string, sessionId: string): Promise<string | undefined> {
      const row = await first('SELECT identity_hash FROM otp_challenges WHERE id = $1 AND merchant_id = $2 AND session_id = $3', [
        challengeId,
        merchantId,
        sessionId,
      ]);
      return row?.identity_hash as string | undefined;
    },
    /** Counts one guess in one conditional UPDATE; null once consumed or out of guesses. */
    countOtpGuess: (challengeId: string, maxAttempts: number) =>
      first(
        `UPDATE otp_challenges SET attempts = attempts + 1
         WHERE id = $1 AND consumed_at IS NULL AND attempts < $2 RETURNING code_hash, expires_at, shopper_id, purpose, channel, attempts`,
        [challengeId, maxAttempts],
      ),
    /** True for the one call that consumed it. */
    consumeOtp: (challengeId: string, now: Date) =>
      any('UPDATE otp_challenges SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL RETURNING id', [challengeId, now]),

    // ── Shopper tokens ────────────────────────────────────────────────────────────────────
    async insertShopperToken(t: NewShopperToken): Promise<void> {
      await db.query(
        `INSERT INTO shopper_tokens (token_hash, shopper_id, merchant_id, session_id, origin, assurance, verified_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [t.tokenHash, t.shopperId, t.merchantId, t.sessionId, t.origin, t.assurance, t.verifiedAt, t.expiresAt],
      );
    },
    shopperToken: (tokenHash: string) => first('SELECT * FROM shopper_tokens WHERE token_hash = $1', [tokenHash]),

    // ── Remembered devices ────────────────────────────────────────────────────────────────
    async insertDevice(id: string, tokenHash: string, shopperId: string, merchantId: string, now: Date): Promise<void> {
      await db.query(
        `INSERT INTO remembered_devices (id, token_hash, shopper_id, merchant_id, created_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $5)`,
        [id, tokenHash, shopperId, merchantId, now],
      );
    },
    /** Marks a live device (not revoked, used since `idleSince`) used now; its shopper, if any. */
    async useDevice(tokenHash: string, merchantId: string, now: Date, idleSince: Date): Promise<string | undefined> {
      const row = await first(
        `UPDATE remembered_devices SET last_used_at = $3
         WHERE token_hash = $1 AND merchant_id = $2 AND revoked_at IS NULL AND last_used_at > $4 RETURNING shopper_id`,
        [tokenHash, merchantId, now, idleSince],
      );
      return row?.shopper_id as string | undefined;
    },
    revokeDevice: (deviceId: string, shopperId: string) =>
      any('UPDATE remembered_devices SET revoked_at = now() WHERE id = $1 AND shopper_id = $2 AND revoked_at IS NULL RETURNING id', [
        deviceId,
        shopperId,
      ]),
    revokeDeviceByToken: (tokenHash: string, merchantId: string) =>
      any('UPDATE remembered_devices SET revoked_at = now() WHERE token_hash = $1 AND merchant_id = $2 AND revoked_at IS NULL RETURNING id', [
        tokenHash,
        merchantId,
      ]),
    async revokeAllDevices(shopperId: string): Promise<void> {
      await db.query('UPDATE remembered_devices SET revoked_at = now() WHERE shopper_id = $1 AND revoked_at IS NULL', [shopperId]);
    },

    // ── Passkeys and WebAuthn challenges ─────────────────────────────────────────────────
    async passkeyCount(shopperId: string): Promise<number> {
      const { rows } = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM passkeys WHERE shopper_id = $1', [shopperId]);
      return Number(rows[0]?.n ?? 0);
    },
    hasPasskey: (shopperId: string) => any('SELECT 1 FROM passkeys WHERE shopper_id = $1 LIMIT 1', [shopperId]),
    passkeyCredentials: (shopperId: string) => all('SELECT credential_id, transports FROM passkeys WHERE shopper_id = $1', [shopperId]),
    passkey: (credentialId: string) => first('SELECT * FROM passkeys WHERE credential_id = $1', [credentialId]),
    async insertPasskey(credentialId: string, shopperId: string, publicKey: string, counter: number, transports: readonly string[]): Promise<void> {
      await db.query(
        `INSERT INTO passkeys (credential_id, shopper_id, public_key, counter, transports) VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (credential_id) DO NOTHING`,
        [credentialId, shopperId, publicKey, counter, JSON.stringify(transports)],
      );
    },
    async usePasskey(credentialId: unknown, counter: number, now: Date): Promise<void> {
      await db.query('UPDATE passkeys SET counter = $2, last_used_at = $3 WHERE credential_id = $1', [credentialId, counter, now]);
    },
    async insertWebauthnChallenge(c: WebauthnChallenge, expiresAt: Date): Promise<void> {
      await db.query(
        `INSERT INTO webauthn_challenges (challenge, purpose, shopper_id, merchant_id, session_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.challenge, c.purpose, c.shopperId, c.merchantId, c.sessionId, expiresAt],
      );
    },
    /** Marks the challenge used, once and before it expires; true when it was valid. */
    consumeWebauthnChallenge: (c: WebauthnChallenge, now: Date) =>
      any(
        `UPDATE webauthn_challenges SET used_at = $1
         WHERE challenge = $2 AND purpose = $3 AND merchant_id = $4 AND session_id = $5 AND used_at IS NULL AND expires_at > $1
           AND ($6::text IS NULL OR shopper_id = $6)
         RETURNING challenge`,
        [now, c.challenge, c.purpose, c.merchantId, c.sessionId, c.shopperId],
      ),

    // ── Saved methods ─────────────────────────────────────────────────────────────────────
    async savedMethods(shopperId: string): Promise<StoredMethod[]> {
      return (await all('SELECT * FROM saved_methods WHERE shopper_id = $1 ORDER BY is_default DESC, created_at', [shopperId])).map(toSavedMethod);
    },
    /** False when the method is not the shopper's (nothing changed). */
    setDefaultMethod: (shopperId: string, methodId: string) =>
      any(
        `UPDATE saved_methods SET is_default = (id = $2) WHERE shopper_id = $1 AND EXISTS (SELECT 1 FROM saved_methods WHERE id = $2 AND shopper_id = $1) RETURNING id`,
        [shopperId, methodId],
      ),
    async deleteMethod(methodId: string, shopperId: string): Promise<void> {
      await db.query('DELETE FROM saved_methods WHERE id = $1 AND shopper_id = $2', [methodId, shopperId]);
    },
    /** The oldest remaining method becomes the default. */
    async promoteOldestMethod(shopperId: string): Promise<void> {
      await db.query(
        `UPDATE saved_methods SET is_default = true WHERE id = (SELECT id FROM saved_methods WHERE shopper_id = $1 ORDER BY created_at LIMIT 1)`,
        [shopperId],
      );
    },
    /** The shopper's first method is their default; a method the provider already saved for them is kept. */
    async insertSavedMethod(m: NewSavedMethod): Promise<void> {
      await db.query(
        `INSERT INTO saved_methods (id, shopper_id, provider_id, customer, reference, brand, last4, exp_month, exp_year, account, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NOT EXISTS (SELECT 1 FROM saved_methods WHERE shopper_id = $2))
         ON CONFLICT (shopper_id, provider_id, reference) DO NOTHING`,
        [m.id, m.shopperId, m.providerId, m.customer, m.reference, m.brand, m.last4, m.expMonth, m.expYear, m.account],
      );
    },

    // ── Orders, export and erasure ────────────────────────────────────────────────────────
    async linkOrder(orderId: string, shopperId: string): Promise<void> {
      await db.query('INSERT INTO shopper_orders (order_id, shopper_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [orderId, shopperId]);
    },
    /** Everything stored about a shopper beyond the profile (R31), as rows. */
    async exportRows(shopperId: string) {
      return {
        consents: await all(
          `SELECT c.kind, c.text_version, c.granted_at, m.name FROM shopper_consents c JOIN merchants m ON m.id = c.merchant_id WHERE c.shopper_id = $1`,
          [shopperId],
        ),
        devices: await all(
          `SELECT d.id, d.created_at, d.last_used_at, d.revoked_at, m.name FROM remembered_devices d JOIN merchants m ON m.id = d.merchant_id WHERE d.shopper_id = $1`,
          [shopperId],
        ),
        passkeys: await all('SELECT created_at, last_used_at FROM passkeys WHERE shopper_id = $1', [shopperId]),
        orders: await all('SELECT order_id FROM shopper_orders WHERE shopper_id = $1', [shopperId]),
      };
    },
    /**
     * Pseudonymises the shopper's orders (and their sessions), then deletes the shopper; the
     * consents, devices, passkeys, codes, methods and order links go with it (ON DELETE CASCADE).
     * Run it in a transaction.
     */
    async eraseShopper(shopperId: string): Promise<void> {
      const orders = `SELECT order_id FROM shopper_orders WHERE shopper_id = $1`;
      await db.query(`UPDATE orders SET contact = NULL, shipping_address = NULL WHERE id IN (${orders})`, [shopperId]);
      await db.query(`UPDATE checkout_sessions SET contact = NULL, shipping_address = NULL WHERE order_id IN (${orders})`, [shopperId]);
      await db.query('DELETE FROM shopper_tokens WHERE shopper_id = $1', [shopperId]);
      await db.query('DELETE FROM resume_sessions WHERE shopper_id = $1', [shopperId]);
      await db.query('DELETE FROM shoppers WHERE id = $1', [shopperId]);
    },
  };
}

export type IdentityStore = ReturnType<typeof identityStore>;

const stores = new WeakMap<Queryable, IdentityStore>();

/** The store over `db` (one per connection pool, made once). */
export function storeOf(db: Queryable): IdentityStore {
  let store = stores.get(db);
  if (!store) {
    store = identityStore(db);
    stores.set(db, store);
  }
  return store;
}

/** Runs `fn` with a store over one transaction: committed when it resolves, rolled back when it throws. */
export function inTransaction<T>(db: Db, fn: (store: IdentityStore) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(identityStore(tx)));
}
