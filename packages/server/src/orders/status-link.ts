/**
 * Signed status links: `ost_<orderId>.<HMAC-SHA256(key, orderId), base64url>`. The token names one
 * order and proves the backend made it, so the shopper's status page needs no account and reveals
 * only that order. The key is made once (32 random bytes) by the first instance that needs it and
 * kept in `status_link_keys`, so every instance and every restart checks the same links; a token is
 * recomputed when a notification is rendered, so none is ever stored or put in the outbox.
 *
 * The link carries the token in the fragment (`<statusPageUrl>#order-status=<token>`): browsers do
 * not send a fragment to servers, so it stays out of access logs and Referer headers.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { STATUS_LINK_PARAM } from '@omni-checkout/core';
import type { Queryable } from '../storage/db.js';

const keys = new WeakMap<object, Promise<Buffer>>();

async function loadKey(db: Queryable): Promise<Buffer> {
  await db.query('INSERT INTO status_link_keys (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [randomBytes(32).toString('base64')]);
  const { rows } = await db.query<{ key: string }>('SELECT key FROM status_link_keys WHERE id = 1');
  return Buffer.from(rows[0]!.key, 'base64');
}

/** The key of this database's status links (read once per database object). */
export function statusLinkKey(db: Queryable): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = loadKey(db);
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return key;
}

const sign = (key: Buffer, orderId: string) => createHmac('sha256', key).update(`order-status:v1:${orderId}`).digest();

export function statusToken(key: Buffer, orderId: string): string {
  return `ost_${orderId}.${sign(key, orderId).toString('base64url')}`;
}

const TOKEN = /^ost_(ord_[A-Za-z0-9]{1,64})\.([A-Za-z0-9_-]{43})$/;

/** The order a token was made for, or null for anything else (compared in constant time). */
export function orderIdOfToken(key: Buffer, token: string): string | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = sign(key, match[1]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? match[1]! : null;
}

/** `<statusPageUrl>#order-status=<token>`, or null while the merchant has no status page. */
export function statusUrl(statusPageUrl: string | null, token: string): string | null {
  if (!statusPageUrl) return null;
  const url = new URL(statusPageUrl);
  url.hash = `${STATUS_LINK_PARAM}=${token}`;
  return url.toString();
}
