/**
 * Personal data at rest (docs/security.md R32): AES-256-GCM with keys from the environment, never from
 * the database, and a keyed hash (HMAC-SHA-256) to find email addresses and phone numbers
 * without storing them in clear.
 *
 *   OMNI_DATA_KEYS   `id:base64key[,id:base64key…]`, 32-byte keys; the first encrypts, all decrypt.
 *                    Rotation: put a new key first, run `omni-checkout rotate-keys`, then drop the old one.
 *   OMNI_LOOKUP_KEY  base64, ≥ 32 bytes: the HMAC key of the lookup hashes (kept stable).
 *
 * Outside production, missing keys fall back to fixed development keys (with a warning), so the
 * demo works with no setup; production refuses to start without them.
 *
 * A sealed value is `v1.<keyId>.<base64url(iv ‖ ciphertext ‖ tag)>`; the key id is the
 * additional authenticated data, so a value cannot be replayed under another key id.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

export interface Vault {
  readonly currentKeyId: string;
  seal(plain: string): string;
  open(sealed: string): string;
  /** True when `sealed` was encrypted with a key other than the current one. */
  needsRotation(sealed: string): boolean;
  /** Keyed hash of a normalised email or phone, for equality lookups. */
  lookupHash(kind: 'email' | 'phone', normalised: string): string;
  /** Keyed hash for other secrets (one-time codes, tokens): HMAC with a purpose label. */
  mac(purpose: string, value: string): string;
}

export class VaultError extends Error {
  override readonly name = 'VaultError';
}

const SEALED = /^v1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]+)$/;

export function createVault(keys: readonly { id: string; key: Buffer }[], lookupKey: Buffer): Vault {
  if (keys.length === 0) throw new VaultError('At least one data key is needed');
  for (const { id, key } of keys) {
    if (key.length !== 32) throw new VaultError(`Data key "${id}" must be 32 bytes (AES-256), got ${key.length}`);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new VaultError(`Data key id "${id}" must be 1–32 letters, digits, _ or -`);
  }
  if (lookupKey.length < 32) throw new VaultError('The lookup key must be at least 32 bytes');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const current = keys[0]!;

  return {
    currentKeyId: current.id,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(current.id));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${current.id}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    open(sealed) {
      const match = SEALED.exec(sealed);
      if (!match) throw new VaultError('Not a sealed value');
      const key = byId.get(match[1]!);
      if (!key) throw new VaultError(`Unknown data key "${match[1]}": add it to OMNI_DATA_KEYS`);
      const raw = Buffer.from(match[2]!, 'base64url');
      if (raw.length < 28) throw new VaultError('Sealed value too short');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(match[1]!));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    },
    needsRotation: (sealed) => SEALED.exec(sealed)?.[1] !== current.id,
    lookupHash: (kind, normalised) => createHmac('sha256', lookupKey).update(`${kind}:${normalised}`).digest('hex'),
    mac: (purpose, value) => createHmac('sha256', lookupKey).update(`mac:${purpose}:${value}`).digest('hex'),
  };
}

const devKey = (label: string) => createHash('sha256').update(`omni-checkout development ${label} — not secret`).digest();

/** The vault configured by `OMNI_DATA_KEYS` / `OMNI_LOOKUP_KEY`; development keys outside production. */
/** The vault from OMNI_DATA_KEYS and OMNI_LOOKUP_KEY; fixed development keys only with `dev` (`serve --dev`). */
export function vaultFromEnv(env: NodeJS.ProcessEnv, warn: (message: string) => void = () => undefined, mode: { readonly dev: boolean } = { dev: false }): Vault {
  const production = !mode.dev;
  let keys: { id: string; key: Buffer }[];
  if (env.OMNI_DATA_KEYS) {
    keys = env.OMNI_DATA_KEYS.split(',').map((entry) => {
      const at = entry.indexOf(':');
      if (at <= 0) throw new VaultError('OMNI_DATA_KEYS must look like id:base64key[,id:base64key]');
      return { id: entry.slice(0, at).trim(), key: Buffer.from(entry.slice(at + 1).trim(), 'base64') };
    });
  } else {
    if (production) throw new VaultError('OMNI_DATA_KEYS is required without --dev (id:base64 32-byte key).');
    warn('OMNI_DATA_KEYS is not set: personal data is encrypted with a fixed development key');
    keys = [{ id: 'dev', key: devKey('data key') }];
  }
  let lookup: Buffer;
  if (env.OMNI_LOOKUP_KEY) lookup = Buffer.from(env.OMNI_LOOKUP_KEY, 'base64');
  else {
    if (production) throw new VaultError('OMNI_LOOKUP_KEY is required without --dev (base64, ≥ 32 bytes).');
    lookup = devKey('lookup key');
  }
  return createVault(keys, lookup);
}

/** A vault with fresh random keys (tests). */
export function randomVault(id = 'test'): Vault {
  return createVault([{ id, key: randomBytes(32) }], randomBytes(32));
}
