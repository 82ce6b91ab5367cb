/**
 * Key rotation (docs/security.md R32): re-seals every sealed value that is not under the current data key.
 * Put the new key first in OMNI_DATA_KEYS (keeping the old one after it), run
 * `omni-checkout rotate-keys`, then remove the old key.
 */
import type { Db } from '../storage/db.js';
import type { Vault } from './vault.js';

/** Text columns that hold a sealed value (or NULL). */
const TEXT_COLUMNS: readonly [table: string, key: string, column: string][] = [
  ['shoppers', 'id', 'email_sealed'],
  ['shoppers', 'id', 'phone_sealed'],
  ['shoppers', 'id', 'profile_sealed'],
  ['session_save_intents', 'session_id', 'phone_sealed'],
];

/**
 * Text columns that hold a sealed value, or one written in clear that rotation seals: webhook
 * signing secrets stored before they were sealed, and the client secrets sessions keep for a
 * repeated create (Idempotency-Key, migration 2300) when the storage ran without the vault.
 */
const CLEAR_OR_SEALED_COLUMNS: readonly [table: string, key: string, column: string][] = [
  ['webhook_endpoints', 'id', 'secret'],
  ['webhook_endpoints', 'id', 'previous_secret'],
  ['checkout_sessions', 'id', 'client_secret_sealed'],
];

/** Sealed text whose row key has two columns. */
const ATTEMPT_BODIES = `SELECT session_id, attempt, response_body AS v FROM confirm_attempts WHERE response_body LIKE 'v1.%' AND response_body NOT LIKE $1`;

/** jsonb columns that hold a sealed value as a JSON string (or plain JSON written without a vault). */
const JSON_COLUMNS: readonly [table: string, key: string, column: string][] = [
  ['checkout_sessions', 'id', 'contact'],
  ['checkout_sessions', 'id', 'shipping_address'],
  ['orders', 'id', 'contact'],
  ['orders', 'id', 'shipping_address'],
];

/** Re-seals what the current key did not seal; answers how many values were rewritten. */
export async function rotateKeys(db: Db, vault: Vault): Promise<number> {
  let rewritten = 0;
  const prefix = `v1.${vault.currentKeyId}.%`;
  for (const [table, key, column] of TEXT_COLUMNS) {
    const { rows } = await db.query<{ k: string; v: string }>(
      `SELECT ${key} AS k, ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1`,
      [prefix],
    );
    for (const row of rows) {
      await db.query(`UPDATE ${table} SET ${column} = $2 WHERE ${key} = $1 AND ${column} = $3`, [row.k, vault.seal(vault.open(row.v)), row.v]);
      rewritten++;
    }
  }
  for (const [table, key, column] of JSON_COLUMNS) {
    const { rows } = await db.query<{ k: string; v: string }>(
      `SELECT ${key} AS k, ${column} #>> '{}' AS v FROM ${table} WHERE jsonb_typeof(${column}) = 'string' AND ${column} #>> '{}' NOT LIKE $1`,
      [prefix],
    );
    for (const row of rows) {
      await db.query(`UPDATE ${table} SET ${column} = to_jsonb($2::text) WHERE ${key} = $1 AND ${column} #>> '{}' = $3`, [
        row.k,
        vault.seal(vault.open(row.v)),
        row.v,
      ]);
      rewritten++;
    }
  }
  // Values that may also have been written in clear (sealed values start with `v1.`): a webhook
  // signing secret stored before sealing, a client secret kept by a storage without the vault.
  for (const [table, key, column] of CLEAR_OR_SEALED_COLUMNS) {
    const { rows } = await db.query<{ k: string; v: string }>(
      `SELECT ${key} AS k, ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1`,
      [prefix],
    );
    for (const row of rows) {
      const plain = row.v.startsWith('v1.') ? vault.open(row.v) : row.v;
      await db.query(`UPDATE ${table} SET ${column} = $2 WHERE ${key} = $1 AND ${column} = $3`, [row.k, vault.seal(plain), row.v]);
      rewritten++;
    }
  }
  const { rows: bodies } = await db.query<{ session_id: string; attempt: number; v: string }>(ATTEMPT_BODIES, [prefix]);
  for (const row of bodies) {
    await db.query('UPDATE confirm_attempts SET response_body = $3 WHERE session_id = $1 AND attempt = $2', [row.session_id, row.attempt, vault.seal(vault.open(row.v))]);
    rewritten++;
  }
  const { rows: outbox } = await db.query<{ id: string; v: string }>(
    `SELECT id, payload ->> 'to' AS v FROM outbox WHERE status = 'pending' AND payload ? 'to' AND payload ->> 'to' NOT LIKE $1`,
    [prefix],
  );
  for (const row of outbox) {
    await db.query(`UPDATE outbox SET payload = jsonb_set(payload, '{to}', to_jsonb($2::text)) WHERE id = $1`, [row.id, vault.seal(vault.open(row.v))]);
    rewritten++;
  }
  return rewritten;
}
