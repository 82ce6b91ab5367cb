/**
 * The shopper's own surface for export and erasure (R31), on the backend's origin: `GET /privacy`
 * is a page of its own (no merchant's script runs there) where the shopper asks for a code by
 * email, types it, and then downloads everything stored about them or erases it. Its API
 * (`/v1/privacy/*`) answers only same-origin requests, so no merchant page can read it.
 *
 * Codes work as at checkout: the same answer for known and unknown addresses (R21), the send limits
 * per identity and IP (R19), consume-before-verify against the identity's wrong-code budget and at
 * most five guesses per code (R18), stored as keyed hashes. A verified code gives a privacy token
 * good for five minutes (erasure needs a fresh verification anyway).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { maskEmail, safeString } from '@omni-checkout/core';
import { z } from 'zod';
import { randomHex } from '../crypto.js';
import { ApiError, validationError } from '../errors.js';
import type { AppEnv } from '../http/middleware.js';
import { erase, exportData } from './data.js';
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS, STEP_UP_MS, date, equalHex, newCode, newToken, normaliseEmail, type IdentityDeps } from './deps.js';
import { storeOf } from './store.js';
import { PRIVACY_CSP, PRIVACY_PAGE, PRIVACY_SCRIPT } from './privacy-page.js';

const LookupBody = z.object({ email: z.email().max(254) }).strict();
const VerifyBody = z.object({ challengeId: safeString().regex(/^prv_[0-9a-f]{32}$/), code: z.string().regex(/^\d{6}$/) }).strict();

async function body<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.output<T>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error, json);
  return parsed.data;
}

/** Same origin only: a merchant's page (another origin) never gets an answer it could read. */
function sameOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header('origin');
  if (origin && (() => {
    try {
      return new URL(origin).host !== c.req.header('host');
    } catch {
      return true;
    }
  })()) {
    throw new ApiError(403, 'origin_not_allowed', 'Your saved details can only be exported or erased from the privacy page itself.');
  }
}

function ipOf(c: Context<AppEnv>, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function privacyLookup(deps: IdentityDeps, email: string, ip: string) {
  const normalised = normaliseEmail(email);
  const identityHash = deps.vault.lookupHash('email', normalised);
  const shopperId = await storeOf(deps.db).shopperIdByHash('email', identityHash);
  if (!(await deps.limits.allowSend(identityHash, ip))) {
    throw new ApiError(429, 'rate_limited', 'Too many codes were requested. Please wait a few minutes and try again.');
  }
  const code = newCode();
  const challengeId = `prv_${randomHex(16)}`;
  const expiresAt = new Date(deps.now().getTime() + CODE_TTL_MS);
  await deps.db.query(
    'INSERT INTO privacy_challenges (id, identity_hash, shopper_id, code_hash, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [challengeId, identityHash, shopperId, deps.vault.mac('privacy-otp', `${challengeId}:${code}`), expiresAt],
  );
  if (shopperId) {
    const text = `Your code to see or delete the details saved for fast checkout is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message.`;
    setImmediate(() => {
      void deps.mailer.send({ to: normalised, subject: `${code} is your privacy code`, text }).catch((error: unknown) => deps.logger.warn({ err: error, challengeId }, 'could not deliver a privacy code'));
    });
  }
  return { challengeId, hint: maskEmail(normalised), expiresAt: expiresAt.toISOString() };
}

export async function privacyVerify(deps: IdentityDeps, challengeId: string, code: string) {
  const wrong = new ApiError(400, 'invalid_code', 'That code is not right. Check the latest message and try again.');
  const found = await deps.db.query<{ identity_hash: string }>('SELECT identity_hash FROM privacy_challenges WHERE id = $1', [challengeId]);
  const identityHash = found.rows[0]?.identity_hash;
  if (!identityHash) throw wrong;
  if (!(await deps.limits.takeGuess(identityHash))) throw new ApiError(429, 'too_many_attempts', 'Too many wrong codes. Please wait an hour.');
  const { rows } = await deps.db.query<Record<string, unknown>>(
    `UPDATE privacy_challenges SET attempts = attempts + 1 WHERE id = $1 AND consumed_at IS NULL AND attempts < $2
     RETURNING code_hash, expires_at, shopper_id`,
    [challengeId, MAX_CODE_ATTEMPTS],
  );
  const row = rows[0];
  if (!row) throw new ApiError(429, 'too_many_attempts', 'This code can no longer be used. Ask for a new one.');
  if (date(row.expires_at).getTime() <= deps.now().getTime()) throw new ApiError(400, 'code_expired', 'This code has expired. Ask for a new one.');
  if (!equalHex(row.code_hash as string, deps.vault.mac('privacy-otp', `${challengeId}:${code}`)) || !row.shopper_id) throw wrong;
  const consumed = await deps.db.query('UPDATE privacy_challenges SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL RETURNING id', [challengeId, deps.now()]);
  if (consumed.rows.length === 0) throw wrong;
  await deps.limits.refundGuess(identityHash);
  const token = newToken('prvtok_');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + STEP_UP_MS);
  await deps.db.query('INSERT INTO privacy_tokens (token_hash, shopper_id, verified_at, expires_at) VALUES ($1, $2, $3, $4)', [
    deps.vault.mac('privacy-token', token),
    row.shopper_id,
    now,
    expiresAt,
  ]);
  return { privacyToken: token, expiresAt: expiresAt.toISOString() };
}

async function privacyShopper(deps: IdentityDeps, c: Context<AppEnv>): Promise<{ shopperId: string; verifiedAt: Date }> {
  const token = /^Bearer (prvtok_[A-Za-z0-9_-]{20,100})$/.exec(c.req.header('authorization') ?? '')?.[1];
  const { rows } = token
    ? await deps.db.query<Record<string, unknown>>('SELECT shopper_id, verified_at, expires_at FROM privacy_tokens WHERE token_hash = $1', [deps.vault.mac('privacy-token', token)])
    : { rows: [] };
  const row = rows[0];
  if (!row || date(row.expires_at).getTime() <= deps.now().getTime()) {
    throw new ApiError(401, 'invalid_shopper_token', 'Your code has expired. Ask for a new one.');
  }
  return { shopperId: row.shopper_id as string, verifiedAt: date(row.verified_at) };
}

/** The page and its API. */
export function registerPrivacyRoutes(app: OpenAPIHono<AppEnv>, deps: IdentityDeps, options: { readonly trustProxy?: boolean } = {}): void {
  const pageHeaders = { 'Content-Security-Policy': PRIVACY_CSP, 'X-Frame-Options': 'DENY' };
  app.get('/privacy', (c) => c.html(PRIVACY_PAGE, 200, pageHeaders));
  app.get('/privacy/app.js', (c) => c.body(PRIVACY_SCRIPT, 200, { ...pageHeaders, 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.post('/v1/privacy/lookup', async (c) => {
    sameOrigin(c);
    return c.json(await privacyLookup(deps, (await body(c, LookupBody)).email, ipOf(c, options.trustProxy === true)), 200);
  });
  app.post('/v1/privacy/verify', async (c) => {
    sameOrigin(c);
    const input = await body(c, VerifyBody);
    return c.json(await privacyVerify(deps, input.challengeId, input.code), 200);
  });
  app.get('/v1/privacy/export', async (c) => {
    sameOrigin(c);
    return c.json(await exportData(deps, await privacyShopper(deps, c)), 200, { 'Content-Disposition': 'attachment; filename="my-saved-details.json"' });
  });
  app.post('/v1/privacy/erase', async (c) => {
    sameOrigin(c);
    const shopper = await privacyShopper(deps, c);
    const result = await erase(deps, shopper);
    await deps.db.query('DELETE FROM privacy_tokens WHERE shopper_id = $1', [shopper.shopperId]).catch(() => undefined);
    return c.json(result, 200);
  });
}
