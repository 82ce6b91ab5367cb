/**
 * One-time codes by email or text message: recognising a shopper without enumeration (R21),
 * step-up codes (R20), and checking a code with bounded guesses (R18).
 */
import { maskEmail, maskPhone, type IdentityLookupRequest, type IdentityLookupResponse, type ShopperSession } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { ApiError } from '../errors.js';
import { codeText } from './code-text.js';
import {
  CODE_TTL_MS,
  MAX_CODE_ATTEMPTS,
  date,
  equalHex,
  newCode,
  normaliseEmail,
  normalisePhone,
  type Caller,
  type IdentityDeps,
  type ShopperTokenRecord,
} from './deps.js';
import { issueSession } from './shopper.js';
import { storeOf } from './store.js';

async function sendCode(deps: IdentityDeps, channel: 'email' | 'sms', destination: string, code: string, caller: Caller): Promise<void> {
  // In the language of the checkout that asked for it, as the order emails are.
  const words = codeText(caller.session.locale);
  const text = words.text(caller.merchant.name, code);
  if (channel === 'email') {
    await deps.mailer.send({ to: destination, subject: words.subject(code), text });
  } else {
    // The last line is the WebOTP format, so the browser can offer the code on the merchant's page.
    await deps.sms!.send({ to: destination, body: `${text}\n\n@${new URL(caller.origin).hostname} #${code}` });
  }
}

interface Destination {
  readonly channel: 'email' | 'sms';
  readonly identityHash: string;
  readonly value: string;
  readonly hint: string;
}

function destinationFor(deps: IdentityDeps, request: IdentityLookupRequest, country: string): Destination {
  if ('email' in request) {
    const email = normaliseEmail(request.email);
    return { channel: 'email', identityHash: deps.vault.lookupHash('email', email), value: email, hint: maskEmail(email) };
  }
  const phone = normalisePhone(request.phone, country);
  if (!deps.sms) throw new ApiError(400, 'sms_unavailable', 'Codes by text message are not available here. Use your email address.');
  if (!phone.country || !deps.smsCountries.has(phone.country)) {
    throw new ApiError(400, 'sms_country_not_allowed', 'We cannot send text messages to this country. Use your email address.');
  }
  return { channel: 'sms', identityHash: deps.vault.lookupHash('phone', phone.e164), value: phone.e164, hint: maskPhone(phone.e164) };
}

async function startChallenge(
  deps: IdentityDeps,
  caller: Caller,
  destination: Destination,
  shopperId: string | null,
  purpose: 'sign_in' | 'step_up',
): Promise<IdentityLookupResponse> {
  if (!(await deps.limits.allowSend(destination.identityHash, caller.ip))) {
    throw new ApiError(429, 'rate_limited', 'Too many codes were requested. Please wait a few minutes and try again.');
  }
  const code = newCode();
  const challengeId = `otp_${randomHex(16)}`;
  const expiresAt = new Date(deps.now().getTime() + CODE_TTL_MS);
  await storeOf(deps.db).insertOtpChallenge({
    id: challengeId,
    identityHash: destination.identityHash,
    shopperId,
    merchantId: caller.merchant.id,
    sessionId: caller.session.id,
    purpose,
    channel: destination.channel,
    codeHash: deps.vault.mac('otp', `${challengeId}:${code}`),
    expiresAt,
  });
  if (shopperId) {
    // R21: up to here a known and an unknown shopper cost the same work (one lookup by keyed hash,
    // the same two rate-limit counters, a code drawn and hashed, one challenge row). The delivery
    // is the only difference, so it starts after the answer is on its way (not even the mailer's
    // synchronous part runs before it), and its outcome is never awaited.
    setImmediate(() => {
      void sendCode(deps, destination.channel, destination.value, code, caller).catch((error: unknown) =>
        deps.logger.warn({ err: error, challengeId, channel: destination.channel }, 'could not deliver a one-time code'),
      );
    });
  }
  return { challengeId, channel: destination.channel, hint: destination.hint, expiresAt: expiresAt.toISOString() };
}

/** Email or phone → a code for a known shopper; the same answer, and nothing sent, for anyone else (R21). */
export async function lookup(deps: IdentityDeps, caller: Caller, request: IdentityLookupRequest): Promise<IdentityLookupResponse> {
  const destination = destinationFor(deps, request, caller.session.country);
  const shopperId = await storeOf(deps.db).shopperIdByHash(destination.channel === 'email' ? 'email' : 'phone', destination.identityHash);
  return startChallenge(deps, caller, destination, shopperId, 'sign_in');
}

/** A code by text message to the shopper's phone on file, for step-up (R20). */
export async function startStepUp(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord): Promise<IdentityLookupResponse> {
  const row = await storeOf(deps.db).shopper(token.shopperId);
  if (!row?.phone_sealed) {
    throw new ApiError(400, 'sms_unavailable', 'There is no phone number on your profile. Confirm with your passkey instead.');
  }
  const phone = deps.vault.open(row.phone_sealed as string);
  const destination = destinationFor(deps, { phone }, caller.session.country);
  return startChallenge(deps, caller, destination, token.shopperId, 'step_up');
}

/**
 * Checks a code. Every guess is counted before it is evaluated, atomically, twice: against the
 * identity across its codes (`takeGuess`, an upsert; a right code gives its guess back) and
 * against the code (one conditional UPDATE, at most five). So 50 parallel wrong guesses spread over
 * an identity's codes evaluate at most the identity's cap (R18). A right code works once.
 */
export async function verifyCode(
  deps: IdentityDeps,
  caller: Caller,
  input: { challengeId: string; code: string; rememberDevice?: boolean },
): Promise<ShopperSession> {
  const store = storeOf(deps.db);
  const wrong = new ApiError(400, 'invalid_code', 'That code is not right. Check the latest message and try again.');
  const identityHash = await store.otpIdentityHash(input.challengeId, caller.merchant.id, caller.session.id);
  if (!identityHash) throw wrong;
  if (!(await deps.limits.takeGuess(identityHash))) {
    throw new ApiError(429, 'too_many_attempts', 'Too many wrong codes. Please wait an hour, or use your passkey.');
  }
  const row = await store.countOtpGuess(input.challengeId, MAX_CODE_ATTEMPTS);
  if (!row) throw new ApiError(429, 'too_many_attempts', 'This code can no longer be used. Ask for a new one.');
  if (date(row.expires_at).getTime() <= deps.now().getTime()) {
    throw new ApiError(400, 'code_expired', 'This code has expired. Ask for a new one.');
  }
  if (!equalHex(row.code_hash as string, deps.vault.mac('otp', `${input.challengeId}:${input.code}`)) || !row.shopper_id) throw wrong;
  if (!(await store.consumeOtp(input.challengeId, deps.now()))) throw wrong;
  await deps.limits.refundGuess(identityHash);
  const assurance = row.channel === 'sms' ? 'sms' : 'email';
  return issueSession(deps, caller, row.shopper_id as string, assurance, input.rememberDevice === true);
}
