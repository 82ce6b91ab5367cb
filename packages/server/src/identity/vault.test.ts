/**
 * The vault that keeps personal data at rest (docs/security.md R32), at its edges: it refuses keys
 * that would weaken it, refuses to open anything that is not a whole sealed value, tells rotation
 * which values still use an old key, and reads its keys from the environment — production refuses
 * to start without them, development falls back to fixed keys.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VaultError, createVault, vaultFromEnv } from './vault.js';

const key = () => randomBytes(32);
const b64 = (buf: Buffer) => buf.toString('base64');

describe('createVault', () => {
  it('refuses no keys, keys that are not 32 bytes, bad key ids and a short lookup key', () => {
    expect(() => createVault([], key())).toThrow(VaultError);
    expect(() => createVault([{ id: 'k1', key: randomBytes(16) }], key())).toThrow(VaultError);
    // Only the second key is wrong: every key is checked, not just the first.
    expect(() => createVault([{ id: 'k1', key: key() }, { id: 'k2', key: randomBytes(31) }], key())).toThrow(VaultError);
    for (const id of ['', 'a.b', 'x'.repeat(33), '.k1', 'k1.']) {
      expect(() => createVault([{ id, key: key() }], key()), id).toThrow(VaultError);
    }
    expect(() => createVault([{ id: 'k1', key: key() }], randomBytes(31))).toThrow(VaultError);
    expect(createVault([{ id: 'K_1-x', key: key() }], randomBytes(32)).currentKeyId).toBe('K_1-x');
  });

  it('opens only whole sealed values', () => {
    const vault = createVault([{ id: 'k1', key: key() }], key());
    const sealed = vault.seal('ada@example.com');
    expect(vault.open(sealed)).toBe('ada@example.com');
    // An empty plaintext seals to exactly 28 bytes (iv + tag) and still opens.
    expect(vault.open(vault.seal(''))).toBe('');
    for (const bad of ['ada@example.com', `x${sealed}`, `${sealed}.x`, 'v1.k1.', `v1.k1.${Buffer.alloc(27).toString('base64url')}`]) {
      expect(() => vault.open(bad), bad).toThrow(VaultError);
    }
  });

  it('a value sealed under a key that was dropped no longer opens, one under a kept old key does', () => {
    const oldKey = { id: 'old', key: key() };
    const lookup = key();
    const before = createVault([oldKey], lookup).seal('+4915112345678');
    const rotated = createVault([{ id: 'new', key: key() }, oldKey], lookup);
    expect(rotated.open(before)).toBe('+4915112345678');
    expect(rotated.needsRotation(before)).toBe(true);
    expect(rotated.needsRotation(rotated.seal('x'))).toBe(false);
    expect(rotated.needsRotation('not sealed')).toBe(true);
    const dropped = createVault([{ id: 'new', key: key() }], lookup);
    expect(() => dropped.open(before)).toThrow(VaultError);
  });
});

describe('vaultFromEnv', () => {
  it('production refuses to start without its keys', () => {
    expect(() => vaultFromEnv({})).toThrow(VaultError);
    expect(() => vaultFromEnv({ OMNI_DATA_KEYS: `k1:${b64(key())}` })).toThrow(VaultError);
    expect(() => vaultFromEnv({ OMNI_LOOKUP_KEY: b64(key()) })).toThrow(VaultError);
  });

  it('reads the keys: the first encrypts, all decrypt, with spaces trimmed', () => {
    const k1 = key();
    const k2 = key();
    const lookup = key();
    const older = vaultFromEnv({ OMNI_DATA_KEYS: `k2:${b64(k2)}`, OMNI_LOOKUP_KEY: b64(lookup) });
    const vault = vaultFromEnv({ OMNI_DATA_KEYS: ` k1 : ${b64(k1)} , k2:${b64(k2)}`, OMNI_LOOKUP_KEY: b64(lookup) });
    expect(vault.currentKeyId).toBe('k1');
    expect(vault.open(older.seal('ada'))).toBe('ada');
    expect(older.lookupHash('email', 'ada@example.com')).toBe(vault.lookupHash('email', 'ada@example.com'));
    // The same key bytes under createVault: the environment's key is the one used.
    expect(createVault([{ id: 'k1', key: k1 }], lookup).open(vault.seal('grace'))).toBe('grace');
  });

  it('refuses a key entry without an id', () => {
    for (const entries of [b64(key()), `:${b64(key())}`]) {
      expect(() => vaultFromEnv({ OMNI_DATA_KEYS: entries, OMNI_LOOKUP_KEY: b64(key()) }), entries).toThrow(VaultError);
    }
  });

  it('development falls back to fixed keys, with a warning, and keeps given keys', () => {
    const warnings: string[] = [];
    const a = vaultFromEnv({}, (m) => warnings.push(m), { dev: true });
    const b = vaultFromEnv({}, undefined, { dev: true });
    expect(warnings.length).toBeGreaterThan(0);
    expect(a.currentKeyId).toBe(b.currentKeyId);
    expect(b.open(a.seal('ada'))).toBe('ada');
    expect(a.lookupHash('email', 'ada@example.com')).toBe(b.lookupHash('email', 'ada@example.com'));
    const lookup = key();
    const given = vaultFromEnv({ OMNI_DATA_KEYS: `k1:${b64(key())}`, OMNI_LOOKUP_KEY: b64(lookup) }, undefined, { dev: true });
    expect(given.currentKeyId).toBe('k1');
    expect(given.lookupHash('email', 'x')).toBe(createVault([{ id: 'z', key: key() }], lookup).lookupHash('email', 'x'));
    expect(given.lookupHash('email', 'x')).not.toBe(a.lookupHash('email', 'x'));
  });
});
