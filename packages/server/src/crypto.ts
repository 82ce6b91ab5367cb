import { createHash, randomBytes } from 'node:crypto';

/** Hex SHA-256; secrets are stored and looked up only by this hash. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** `bytes` of CSPRNG output as hex. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export const newSessionId = () => `cs_${randomHex(12)}`;
export const newOrderId = () => `ord_${randomHex(12)}`;
export const newMerchantId = () => `mer_${randomHex(12)}`;
/** 256 random bits after the session id, so the page can tell which session a secret belongs to. */
export const newClientSecret = (sessionId: string) => `${sessionId}_secret_${randomHex(32)}`;
export const newPublishableKey = () => `pk_test_${randomHex(16)}`;
export const newSecretKey = () => `sk_test_${randomHex(32)}`;

/** Fixed keys (seeds, demos) may be readable, e.g. `pk_test_demo_shop`; secret keys need some length. */
export const PUBLISHABLE_KEY = /^pk_(test|live)_[A-Za-z0-9_]{4,128}$/;
export const SECRET_KEY = /^sk_(test|live)_[A-Za-z0-9_]{16,128}$/;
