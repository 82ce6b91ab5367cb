/**
 * The shopper identity network as plain functions over the database (SECURITY R17–R25, R29–R33).
 * The HTTP layer (`routes.ts`) authenticates the session and the merchant, validates, and calls
 * these. Personal data is sealed with the vault before it reaches SQL; email and phone are found
 * through keyed hashes; codes and tokens are stored only as keyed hashes.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import {
  computeTotals,
  maskEmail,
  maskPhone,
  type CheckoutSession,
  type DeviceSummary,
  type IdentityLookupRequest,
  type IdentityLookupResponse,
  type PostalAddress,
  type ProviderId,
  type SavedAddress,
  type SavedMethod,
  type SavedMethodSummary,
  type ServerProvider,
  type ShopperProfile,
  type ShopperSession,
} from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Mailer } from '../notifications/mailer.js';
import { enqueueNotification } from '../notifications/outbox.js';
import type { SmsSender } from '../notifications/sms.js';
import type { Db, Queryable } from '../storage/db.js';
import type { MerchantRecord, OrderRecord, SessionRecord } from '../storage/storage.js';
import type { IdentityLimits } from './limits.js';
import type { Vault } from './vault.js';

export const CODE_TTL_MS = 10 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;
export const TOKEN_TTL_MS = 15 * 60 * 1000;
export const DEVICE_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
export const WEBAUTHN_TTL_MS = 5 * 60 * 1000;
/** Step-up must be this recent. */
export const STEP_UP_MS = 5 * 60 * 1000;
export const DEFAULT_SMS_COUNTRIES = ['DE', 'AT', 'CH', 'FR', 'NL', 'BE', 'LU', 'PL', 'SE', 'DK', 'NO', 'FI', 'IE', 'GB', 'ES', 'PT', 'IT', 'US', 'CA'];

export interface IdentityDeps {
  readonly db: Db;
  readonly vault: Vault;
  readonly mailer: Mailer;
  /** Null when no SMS provider is configured: phone lookups answer `sms_unavailable`. */
  readonly sms: SmsSender | null;
  readonly limits: IdentityLimits;
  readonly providers: ReadonlyMap<ProviderId, ServerProvider>;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly smsCountries: ReadonlySet<string>;
  /** Wakes the outbox worker after a write that enqueued a notification. */
  readonly wakeOutbox?: () => void;
  /**
   * R20: a payment with a saved method to a shipping country that none of the shopper's saved
   * addresses is in needs step-up when the session total is above this, in the session currency's
   * minor units (`OMNI_STEP_UP_NEW_COUNTRY_ABOVE`; default `DEFAULT_STEP_UP_NEW_COUNTRY_ABOVE`).
   */
  readonly stepUpNewCountryAbove?: number;
}

/** 100.00 in a two-decimal currency. */
export const DEFAULT_STEP_UP_NEW_COUNTRY_ABOVE = 10_000;

/** Who is calling: the session, its merchant and the page's origin. */
export interface Caller {
  readonly session: SessionRecord;
  readonly merchant: MerchantRecord;
  readonly origin: string;
  readonly ip: string;
}

export interface ShopperTokenRecord {
  readonly shopperId: string;
  readonly assurance: 'email' | 'sms' | 'passkey';
  readonly verifiedAt: Date;
  readonly expiresAt: Date;
}

interface StoredProfile {
  name?: string;
  addresses: SavedAddress[];
  preferredShippingOptionId: string | null;
}

type Row = Record<string, unknown>;

const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

// ── Normalisation ───────────────────────────────────────────────────────────────────────────

export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/** E.164 through libphonenumber-js; a national number is read in the session's country. */
export function normalisePhone(phone: string, defaultCountry: string): { e164: string; country: string | undefined } {
  try {
    const parsed = parsePhoneNumberWithError(phone, defaultCountry as Parameters<typeof parsePhoneNumberWithError>[1]);
    if (!parsed.isValid()) throw new Error('invalid');
    return { e164: parsed.number, country: parsed.country };
  } catch {
    throw new ApiError(400, 'validation_failed', 'Enter a valid mobile number, e.g. +49 151 23456789.', [{ path: 'phone', message: 'Invalid phone number' }]);
  }
}

const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

// ── Reading a shopper ───────────────────────────────────────────────────────────────────────

function openProfile(deps: IdentityDeps, row: Row): StoredProfile {
  return JSON.parse(deps.vault.open(row.profile_sealed as string)) as StoredProfile;
}

async function shopperRow(db: Queryable, id: string): Promise<Row | null> {
  const { rows } = await db.query<Row>('SELECT * FROM shoppers WHERE id = $1', [id]);
  return rows[0] ?? null;
}

async function savedMethods(db: Queryable, shopperId: string): Promise<(SavedMethod & { reference: string; customer: string | null })[]> {
  const { rows } = await db.query<Row>('SELECT * FROM saved_methods WHERE shopper_id = $1 ORDER BY is_default DESC, created_at', [shopperId]);
  return rows.map((row) => ({
    id: row.id as string,
    provider: row.provider_id as ProviderId,
    type: row.last4 ? ('card' as const) : ('wallet' as const),
    brand: row.brand as string,
    ...(row.last4 ? { last4: row.last4 as string, expMonth: Number(row.exp_month), expYear: Number(row.exp_year) } : {}),
    ...(row.account ? { account: row.account as string } : {}),
    isDefault: row.is_default as boolean,
    reference: row.reference as string,
    customer: row.customer as string | null,
  }));
}

async function profileView(deps: IdentityDeps, shopperId: string): Promise<ShopperProfile> {
  const row = await shopperRow(deps.db, shopperId);
  if (!row) throw new ApiError(401, 'invalid_shopper_token', 'Please verify again.');
  const stored = openProfile(deps, row);
  const { rows } = await deps.db.query<{ n: string | number }>('SELECT count(*) AS n FROM passkeys WHERE shopper_id = $1', [shopperId]);
  return {
    email: deps.vault.open(row.email_sealed as string),
    phone: row.phone_sealed ? deps.vault.open(row.phone_sealed as string) : null,
    addresses: stored.addresses,
    savedMethods: (await savedMethods(deps.db, shopperId)).map(({ reference: _r, customer: _c, ...method }) => method),
    preferredShippingOptionId: stored.preferredShippingOptionId,
    passkeys: Number(rows[0]?.n ?? 0),
  };
}

async function hasConsent(db: Queryable, shopperId: string, merchantId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM shopper_consents WHERE shopper_id = $1 AND merchant_id = $2', [shopperId, merchantId]);
  return rows.length > 0;
}

// ── Tokens ──────────────────────────────────────────────────────────────────────────────────

async function issueSession(
  deps: IdentityDeps,
  caller: Caller,
  shopperId: string,
  assurance: ShopperTokenRecord['assurance'],
  rememberDevice: boolean,
): Promise<ShopperSession> {
  const now = deps.now();
  const token = newToken('shtok_');
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
  await deps.db.query(
    `INSERT INTO shopper_tokens (token_hash, shopper_id, merchant_id, session_id, origin, assurance, verified_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [deps.vault.mac('shopper-token', token), shopperId, caller.merchant.id, caller.session.id, caller.origin, assurance, now, expiresAt],
  );
  let deviceToken: string | undefined;
  if (rememberDevice) {
    deviceToken = newToken('dvc_');
    await deps.db.query(
      `INSERT INTO remembered_devices (id, token_hash, shopper_id, merchant_id, created_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $5)`,
      [`dev_${randomHex(12)}`, deps.vault.mac('device', deviceToken), shopperId, caller.merchant.id, now],
    );
  }
  const consented = await hasConsent(deps.db, shopperId, caller.merchant.id);
  return {
    shopperToken: token,
    expiresAt: expiresAt.toISOString(),
    assurance,
    consentRequired: !consented,
    profile: consented ? await profileView(deps, shopperId) : null,
    ...(deviceToken ? { deviceToken } : {}),
  };
}

/**
 * The shopper behind a token, only for the merchant, session and origin it was issued to, and only
 * until it expires (SECURITY R25). Anything else is one indistinguishable 401.
 */
export async function authenticateShopper(deps: IdentityDeps, caller: Caller, token: string | undefined | null): Promise<ShopperTokenRecord> {
  return shopperTokenIn(deps.db, deps, caller, token);
}

async function shopperTokenIn(
  db: Queryable,
  deps: Pick<IdentityDeps, 'vault' | 'now'>,
  caller: Caller,
  token: string | undefined | null,
): Promise<ShopperTokenRecord> {
  if (!token) throw new ApiError(401, 'shopper_token_required', 'Verify your email or phone first.');
  const { rows } = await db.query<Row>('SELECT * FROM shopper_tokens WHERE token_hash = $1', [deps.vault.mac('shopper-token', token)]);
  const row = rows[0];
  const now = deps.now();
  if (
    !row ||
    row.merchant_id !== caller.merchant.id ||
    row.session_id !== caller.session.id ||
    row.origin !== caller.origin ||
    date(row.expires_at).getTime() <= now.getTime()
  ) {
    throw new ApiError(401, 'invalid_shopper_token', 'Your sign-in has expired. Please verify again.');
  }
  return {
    shopperId: row.shopper_id as string,
    assurance: row.assurance as ShopperTokenRecord['assurance'],
    verifiedAt: date(row.verified_at),
    expiresAt: date(row.expires_at),
  };
}

const STEP_UP_MESSAGE = 'For your security, confirm it is you with a code by text message or your passkey.';

/** Email codes are low assurance (R20): contact and method changes need a fresh SMS code or passkey. */
async function requireStepUp(deps: IdentityDeps, token: ShopperTokenRecord, message = STEP_UP_MESSAGE): Promise<void> {
  const fresh = deps.now().getTime() - token.verifiedAt.getTime() <= STEP_UP_MS;
  if (fresh && (token.assurance === 'sms' || token.assurance === 'passkey')) return;
  if (fresh && token.assurance === 'email') {
    // A shopper with neither a phone nor a passkey has no stronger factor: a fresh email code is the most we can ask.
    const row = await shopperRow(deps.db, token.shopperId);
    const { rows } = await deps.db.query('SELECT 1 FROM passkeys WHERE shopper_id = $1 LIMIT 1', [token.shopperId]);
    if (row && !row.phone_sealed && rows.length === 0) return;
  }
  throw new ApiError(403, 'step_up_required', message);
}

/**
 * R20: paying with a saved method, above the threshold, to a country none of the saved addresses
 * is in, takes the same step-up as a contact change (a fresh SMS code or passkey).
 */
async function requireStepUpForNewCountry(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord): Promise<void> {
  const country = caller.session.shippingAddress?.country;
  if (!country) return;
  const shipping = caller.session.shippingOptions.find((o) => o.id === caller.session.selectedShippingOptionId) ?? null;
  if (computeTotals(caller.session.lineItems, shipping).total <= (deps.stepUpNewCountryAbove ?? DEFAULT_STEP_UP_NEW_COUNTRY_ABOVE)) return;
  const row = await shopperRow(deps.db, token.shopperId);
  if (!row || openProfile(deps, row).addresses.some((a) => a.address.country === country)) return;
  await requireStepUp(deps, token, 'This order goes to a new country. For your security, confirm it is you with a code by text message or your passkey.');
}

async function requireConsent(deps: IdentityDeps, caller: Caller, shopperId: string): Promise<void> {
  if (!(await hasConsent(deps.db, shopperId, caller.merchant.id))) {
    throw new ApiError(403, 'consent_required', `Agree to share your saved details with ${caller.merchant.name} first.`);
  }
}

// ── One-time codes ──────────────────────────────────────────────────────────────────────────

async function sendCode(deps: IdentityDeps, channel: 'email' | 'sms', destination: string, code: string, caller: Caller): Promise<void> {
  const merchantName = caller.merchant.name;
  const text = `Your ${merchantName} checkout code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message.`;
  if (channel === 'email') {
    await deps.mailer.send({ to: destination, subject: `${code} is your checkout code`, text });
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
  await deps.db.query(
    `INSERT INTO otp_challenges (id, identity_hash, shopper_id, merchant_id, session_id, purpose, channel, code_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [challengeId, destination.identityHash, shopperId, caller.merchant.id, caller.session.id, purpose, destination.channel,
      deps.vault.mac('otp', `${challengeId}:${code}`), expiresAt],
  );
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
  const column = destination.channel === 'email' ? 'email_hash' : 'phone_hash';
  const { rows } = await deps.db.query<{ id: string }>(`SELECT id FROM shoppers WHERE ${column} = $1`, [destination.identityHash]);
  return startChallenge(deps, caller, destination, rows[0]?.id ?? null, 'sign_in');
}

/** A code by text message to the shopper's phone on file, for step-up (R20). */
export async function startStepUp(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord): Promise<IdentityLookupResponse> {
  const row = await shopperRow(deps.db, token.shopperId);
  if (!row?.phone_sealed) {
    throw new ApiError(400, 'sms_unavailable', 'There is no phone number on your profile. Confirm with your passkey instead.');
  }
  const phone = deps.vault.open(row.phone_sealed as string);
  const destination = destinationFor(deps, { phone }, caller.session.country);
  return startChallenge(deps, caller, destination, token.shopperId, 'step_up');
}

/**
 * Checks a code. At most five guesses per code are ever evaluated, counted by one conditional
 * UPDATE (so 50 parallel guesses evaluate at most 5); wrong guesses also count against the
 * identity across codes (R18). A right code works once.
 */
export async function verifyCode(
  deps: IdentityDeps,
  caller: Caller,
  input: { challengeId: string; code: string; rememberDevice?: boolean },
): Promise<ShopperSession> {
  const wrong = new ApiError(400, 'invalid_code', 'That code is not right. Check the latest message and try again.');
  const { rows: found } = await deps.db.query<Row>(
    'SELECT identity_hash FROM otp_challenges WHERE id = $1 AND merchant_id = $2 AND session_id = $3',
    [input.challengeId, caller.merchant.id, caller.session.id],
  );
  const identityHash = found[0]?.identity_hash as string | undefined;
  if (!identityHash) throw wrong;
  if (!(await deps.limits.mayVerify(identityHash))) {
    throw new ApiError(429, 'too_many_attempts', 'Too many wrong codes. Please wait an hour, or use your passkey.');
  }
  const { rows } = await deps.db.query<Row>(
    `UPDATE otp_challenges SET attempts = attempts + 1
     WHERE id = $1 AND consumed_at IS NULL AND attempts < $2 RETURNING code_hash, expires_at, shopper_id, purpose, channel, attempts`,
    [input.challengeId, MAX_CODE_ATTEMPTS],
  );
  const row = rows[0];
  if (!row) throw new ApiError(429, 'too_many_attempts', 'This code can no longer be used. Ask for a new one.');
  if (date(row.expires_at).getTime() <= deps.now().getTime()) {
    throw new ApiError(400, 'code_expired', 'This code has expired. Ask for a new one.');
  }
  if (!equalHex(row.code_hash as string, deps.vault.mac('otp', `${input.challengeId}:${input.code}`)) || !row.shopper_id) {
    await deps.limits.recordFailure(identityHash);
    throw wrong;
  }
  const { rows: consumed } = await deps.db.query(
    'UPDATE otp_challenges SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL RETURNING id',
    [input.challengeId, deps.now()],
  );
  if (consumed.length === 0) throw wrong;
  const assurance = row.channel === 'sms' ? 'sms' : 'email';
  return issueSession(deps, caller, row.shopper_id as string, assurance, input.rememberDevice === true);
}

// ── Consent: saving (guest) and sharing (another merchant) ─────────────────────────────────

/** Records (or withdraws) the guest's "save my details" choice for this session; nothing is stored about them yet. */
export async function setSaveIntent(
  deps: IdentityDeps,
  caller: Caller,
  input: { consent: boolean; textVersion: string; phone?: string },
): Promise<{ saved: boolean }> {
  if (!input.consent) {
    await deps.db.query('DELETE FROM session_save_intents WHERE session_id = $1', [caller.session.id]);
    return { saved: false };
  }
  const phone = input.phone ? normalisePhone(input.phone, caller.session.country).e164 : null;
  await deps.db.query(
    `INSERT INTO session_save_intents (session_id, planned_shopper_id, text_version, phone_sealed) VALUES ($1, $2, $3, $4)
     ON CONFLICT (session_id) DO UPDATE SET text_version = EXCLUDED.text_version, phone_sealed = EXCLUDED.phone_sealed`,
    [caller.session.id, `shp_${randomHex(12)}`, input.textVersion, phone ? deps.vault.seal(phone) : null],
  );
  return { saved: true };
}

/** The shopper agrees to share their saved details with this merchant (R29, network). */
export async function share(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, textVersion: string): Promise<ShopperProfile> {
  await deps.db.query(
    `INSERT INTO shopper_consents (shopper_id, merchant_id, kind, text_version, granted_at) VALUES ($1, $2, 'share', $3, $4)
     ON CONFLICT (shopper_id, merchant_id) DO NOTHING`,
    [token.shopperId, caller.merchant.id, textVersion, deps.now()],
  );
  return profileView(deps, token.shopperId);
}

export async function profile(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  return profileView(deps, token.shopperId);
}

/** Prefills the checkout session from the profile: email, an address (default unless named), preferred shipping. */
export async function applyProfile(
  deps: IdentityDeps,
  caller: Caller,
  token: ShopperTokenRecord,
  addressId: string | undefined,
  update: (patch: { contact: { email: string } } | { shippingAddress: PostalAddress } | { selectedShippingOptionId: string }) => Promise<CheckoutSession>,
): Promise<CheckoutSession> {
  await requireConsent(deps, caller, token.shopperId);
  const view = await profileView(deps, token.shopperId);
  const address = addressId ? view.addresses.find((a) => a.id === addressId) : (view.addresses.find((a) => a.isDefault) ?? view.addresses[0]);
  if (addressId && !address) throw new ApiError(404, 'address_not_found', 'That address is not in your profile.');
  let session = await update({ contact: { email: view.email } });
  if (address) session = await update({ shippingAddress: address.address });
  const preferred = view.preferredShippingOptionId;
  if (preferred && caller.session.shippingOptions.some((o) => o.id === preferred)) {
    session = await update({ selectedShippingOptionId: preferred });
  }
  return session;
}

export async function addAddress(
  deps: IdentityDeps,
  caller: Caller,
  token: ShopperTokenRecord,
  input: { label: string; address: PostalAddress; makeDefault?: boolean },
): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  await updateProfile(deps, token.shopperId, (stored) => {
    const isDefault = input.makeDefault === true || stored.addresses.length === 0;
    const addresses = stored.addresses.map((a) => (isDefault ? { ...a, isDefault: false } : a));
    addresses.push({ id: `adr_${randomHex(8)}`, label: input.label, address: input.address, isDefault });
    return { ...stored, addresses };
  });
  return profileView(deps, token.shopperId);
}

export async function setDefaultAddress(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, addressId: string): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  await updateProfile(deps, token.shopperId, (stored) => {
    if (!stored.addresses.some((a) => a.id === addressId)) throw new ApiError(404, 'address_not_found', 'That address is not in your profile.');
    return { ...stored, addresses: stored.addresses.map((a) => ({ ...a, isDefault: a.id === addressId })) };
  });
  return profileView(deps, token.shopperId);
}

async function updateProfile(deps: IdentityDeps, shopperId: string, change: (stored: StoredProfile) => StoredProfile): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>('SELECT profile_sealed FROM shoppers WHERE id = $1 FOR UPDATE', [shopperId]);
    if (!rows[0]) throw new ApiError(401, 'invalid_shopper_token', 'Please verify again.');
    const next = change(openProfile(deps, rows[0]));
    await tx.query('UPDATE shoppers SET profile_sealed = $2, updated_at = now() WHERE id = $1', [shopperId, deps.vault.seal(JSON.stringify(next))]);
  });
}

// ── Saved methods ───────────────────────────────────────────────────────────────────────────

export async function setDefaultMethod(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, methodId: string): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  const { rows } = await deps.db.query(
    `UPDATE saved_methods SET is_default = (id = $2) WHERE shopper_id = $1 AND EXISTS (SELECT 1 FROM saved_methods WHERE id = $2 AND shopper_id = $1) RETURNING id`,
    [token.shopperId, methodId],
  );
  if (rows.length === 0) throw new ApiError(404, 'saved_method_not_found', 'That payment method is not saved in your profile.');
  return profileView(deps, token.shopperId);
}

/** Removal needs step-up; the method is detached at the provider and the shopper's email is told (R24). */
export async function removeMethod(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, methodId: string): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  await requireStepUp(deps, token);
  const method = (await savedMethods(deps.db, token.shopperId)).find((m) => m.id === methodId);
  if (!method) throw new ApiError(404, 'saved_method_not_found', 'That payment method is not saved in your profile.');
  const provider = deps.providers.get(method.provider);
  if (provider?.customers && method.customer) await provider.customers.detach(method.customer, method.reference);
  await deps.db.transaction(async (tx) => {
    await tx.query('DELETE FROM saved_methods WHERE id = $1 AND shopper_id = $2', [methodId, token.shopperId]);
    if (method.isDefault) {
      await tx.query(
        `UPDATE saved_methods SET is_default = true WHERE id = (SELECT id FROM saved_methods WHERE shopper_id = $1 ORDER BY created_at LIMIT 1)`,
        [token.shopperId],
      );
    }
    const { rows } = await tx.query<Row>('SELECT email_sealed FROM shoppers WHERE id = $1', [token.shopperId]);
    await enqueueNotification(tx, {
      key: `method-removed:${methodId}`,
      channel: 'email',
      template: 'method_removed',
      payload: { to: rows[0]!.email_sealed, brand: method.brand, last4: method.last4 },
    });
  });
  deps.wakeOutbox?.();
  return profileView(deps, token.shopperId);
}

/** What the provider needs to charge a saved method, for a verified shopper who shares with this merchant. */
export async function resolveSavedMethod(
  deps: IdentityDeps,
  caller: Caller,
  shopperToken: string | null | undefined,
  methodId: string,
  providerId: ProviderId = caller.session.providerId,
): Promise<{ reference: string; customer: string | undefined; shopperId: string; token: ShopperTokenRecord }> {
  const token = await authenticateShopper(deps, caller, shopperToken);
  await requireConsent(deps, caller, token.shopperId);
  const method = (await savedMethods(deps.db, token.shopperId)).find((m) => m.id === methodId);
  if (!method || method.provider !== providerId) {
    throw new ApiError(404, 'saved_method_not_found', 'That payment method is not saved in your profile.');
  }
  return { reference: method.reference, customer: method.customer ?? undefined, shopperId: token.shopperId, token };
}

// ── Contact changes ─────────────────────────────────────────────────────────────────────────

/** New email or phone: step-up first; every remembered device is revoked and the old contact is told (R23, R24). */
export async function changeContact(
  deps: IdentityDeps,
  caller: Caller,
  token: ShopperTokenRecord,
  request: { email: string } | { phone: string },
): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  await requireStepUp(deps, token);
  const kind = 'email' in request ? 'email' : 'phone';
  const value = 'email' in request ? normaliseEmail(request.email) : normalisePhone(request.phone, caller.session.country).e164;
  const hash = deps.vault.lookupHash(kind, value);
  await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>('SELECT * FROM shoppers WHERE id = $1 FOR UPDATE', [token.shopperId]);
    const row = rows[0]!;
    const { rows: taken } = await tx.query(`SELECT 1 FROM shoppers WHERE ${kind}_hash = $1 AND id <> $2`, [hash, token.shopperId]);
    if (taken.length > 0) {
      throw new ApiError(400, 'validation_failed', `This ${kind === 'email' ? 'email address' : 'phone number'} cannot be used.`, [
        { path: kind, message: 'Not available' },
      ]);
    }
    await tx.query(`UPDATE shoppers SET ${kind}_hash = $2, ${kind}_sealed = $3, updated_at = now() WHERE id = $1`, [
      token.shopperId,
      hash,
      deps.vault.seal(value),
    ]);
    await tx.query('UPDATE remembered_devices SET revoked_at = now() WHERE shopper_id = $1 AND revoked_at IS NULL', [token.shopperId]);
    const old = row[`${kind}_sealed`] as string | null;
    if (old) {
      await enqueueNotification(tx, {
        key: `contact-changed:${token.shopperId}:${kind}:${randomHex(8)}`,
        channel: kind === 'email' ? 'email' : 'sms',
        template: 'contact_changed',
        payload: { to: old, kind },
      });
    }
  });
  deps.wakeOutbox?.();
  return profileView(deps, token.shopperId);
}

// ── Remembered devices ──────────────────────────────────────────────────────────────────────

/**
 * A remembered device on this merchant's site (≤ 30 days idle, not revoked): enough to show the
 * one-click button, never enough to pay (that takes the passkey or a code).
 */
export async function deviceSummary(deps: IdentityDeps, caller: Caller, deviceToken: string): Promise<DeviceSummary> {
  const now = deps.now();
  const { rows } = await deps.db.query<{ shopper_id: string }>(
    `UPDATE remembered_devices SET last_used_at = $3
     WHERE token_hash = $1 AND merchant_id = $2 AND revoked_at IS NULL AND last_used_at > $4 RETURNING shopper_id`,
    [deps.vault.mac('device', deviceToken), caller.merchant.id, now, new Date(now.getTime() - DEVICE_IDLE_MS)],
  );
  const shopperId = rows[0]?.shopper_id;
  if (!shopperId || !(await hasConsent(deps.db, shopperId, caller.merchant.id))) {
    return { recognized: false, method: null, address: null, hasPasskey: false };
  }
  const view = await profileView(deps, shopperId);
  const method = view.savedMethods.find((m) => m.isDefault) ?? view.savedMethods[0] ?? null;
  const address = view.addresses.find((a) => a.isDefault) ?? view.addresses[0] ?? null;
  return {
    recognized: true,
    method: method
      ? { id: method.id, brand: method.brand, ...(method.last4 ? { last4: method.last4 } : {}), ...(method.account ? { account: method.account } : {}) }
      : null,
    address: address ? { id: address.id, label: address.label } : null,
    hasPasskey: view.passkeys > 0,
  };
}

export async function revokeDevice(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, deviceId: string): Promise<{ revoked: boolean }> {
  const { rows } = await deps.db.query(
    'UPDATE remembered_devices SET revoked_at = now() WHERE id = $1 AND shopper_id = $2 AND revoked_at IS NULL RETURNING id',
    [deviceId, token.shopperId],
  );
  return { revoked: rows.length > 0 };
}

/** "Forget this device": the holder of a device token may always revoke it. */
export async function forgetDevice(deps: IdentityDeps, caller: Caller, deviceToken: string): Promise<{ revoked: boolean }> {
  const { rows } = await deps.db.query(
    'UPDATE remembered_devices SET revoked_at = now() WHERE token_hash = $1 AND merchant_id = $2 AND revoked_at IS NULL RETURNING id',
    [deps.vault.mac('device', deviceToken), caller.merchant.id],
  );
  return { revoked: rows.length > 0 };
}

// ── Passkeys ────────────────────────────────────────────────────────────────────────────────

const rpIdOf = (origin: string) => new URL(origin).hostname;

async function storeChallenge(deps: IdentityDeps, caller: Caller, challenge: string, purpose: 'register' | 'authenticate', shopperId: string | null) {
  await deps.db.query(
    `INSERT INTO webauthn_challenges (challenge, purpose, shopper_id, merchant_id, session_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [challenge, purpose, shopperId, caller.merchant.id, caller.session.id, new Date(deps.now().getTime() + WEBAUTHN_TTL_MS)],
  );
}

/** Marks the challenge used (once, ≤ 5 minutes, this session and merchant only); true when it was valid. */
async function consumeChallenge(deps: IdentityDeps, caller: Caller, challenge: string, purpose: 'register' | 'authenticate', shopperId: string | null) {
  const { rows } = await deps.db.query(
    `UPDATE webauthn_challenges SET used_at = $1
     WHERE challenge = $2 AND purpose = $3 AND merchant_id = $4 AND session_id = $5 AND used_at IS NULL AND expires_at > $1
       AND ($6::text IS NULL OR shopper_id = $6)
     RETURNING challenge`,
    [deps.now(), challenge, purpose, caller.merchant.id, caller.session.id, shopperId],
  );
  return rows.length > 0;
}

function challengeOf(response: { response?: { clientDataJSON?: unknown } }): string {
  try {
    const data = JSON.parse(Buffer.from(String(response.response?.clientDataJSON ?? ''), 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof data.challenge === 'string' ? data.challenge : '';
  } catch {
    return '';
  }
}

const passkeyFailed = () => new ApiError(400, 'passkey_failed', 'Your passkey could not be checked. Try again, or use a code instead.');

export async function passkeyRegistrationOptions(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord) {
  const row = await shopperRow(deps.db, token.shopperId);
  if (!row) throw new ApiError(401, 'invalid_shopper_token', 'Please verify again.');
  const { rows } = await deps.db.query<Row>('SELECT credential_id, transports FROM passkeys WHERE shopper_id = $1', [token.shopperId]);
  const email = deps.vault.open(row.email_sealed as string);
  const options = await generateRegistrationOptions({
    rpName: caller.merchant.name,
    rpID: rpIdOf(caller.origin),
    userName: email,
    userDisplayName: email,
    userID: new TextEncoder().encode(token.shopperId),
    attestationType: 'none',
    timeout: WEBAUTHN_TTL_MS,
    excludeCredentials: rows.map((r) => ({ id: r.credential_id as string, transports: r.transports as AuthenticatorTransport[] })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await storeChallenge(deps, caller, options.challenge, 'register', token.shopperId);
  return { options: options as unknown as Record<string, unknown> };
}

export async function registerPasskey(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, response: Record<string, unknown>) {
  const challenge = challengeOf(response);
  if (!challenge || !(await consumeChallenge(deps, caller, challenge, 'register', token.shopperId))) throw passkeyFailed();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: response as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: caller.origin,
      expectedRPID: rpIdOf(caller.origin),
      requireUserVerification: true,
    });
  } catch (error) {
    deps.logger.info({ err: error }, 'passkey registration rejected');
    throw passkeyFailed();
  }
  if (!verification.verified) throw passkeyFailed();
  const { credential } = verification.registrationInfo;
  await deps.db.query(
    `INSERT INTO passkeys (credential_id, shopper_id, public_key, counter, transports) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (credential_id) DO NOTHING`,
    [credential.id, token.shopperId, Buffer.from(credential.publicKey).toString('base64url'), credential.counter,
      JSON.stringify(credential.transports ?? [])],
  );
  // Registering a passkey on this device is also asking to be remembered here (one-click next time).
  const deviceToken = newToken('dvc_');
  await deps.db.query(
    `INSERT INTO remembered_devices (id, token_hash, shopper_id, merchant_id, created_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $5)`,
    [`dev_${randomHex(12)}`, deps.vault.mac('device', deviceToken), token.shopperId, caller.merchant.id, deps.now()],
  );
  return { registered: true, deviceToken };
}

/** Options for a discoverable-credential sign-in (conditional mediation or the explicit button). */
export async function passkeyAuthenticationOptions(deps: IdentityDeps, caller: Caller) {
  const options = await generateAuthenticationOptions({ rpID: rpIdOf(caller.origin), userVerification: 'required', timeout: WEBAUTHN_TTL_MS });
  await storeChallenge(deps, caller, options.challenge, 'authenticate', null);
  return { options: options as unknown as Record<string, unknown> };
}

export async function authenticatePasskey(
  deps: IdentityDeps,
  caller: Caller,
  response: Record<string, unknown>,
  rememberDevice: boolean,
): Promise<ShopperSession> {
  const challenge = challengeOf(response);
  if (!challenge || !(await consumeChallenge(deps, caller, challenge, 'authenticate', null))) throw passkeyFailed();
  const { rows } = await deps.db.query<Row>('SELECT * FROM passkeys WHERE credential_id = $1', [String(response.id ?? '')]);
  const stored = rows[0];
  if (!stored) throw passkeyFailed();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: response as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: caller.origin,
      expectedRPID: rpIdOf(caller.origin),
      requireUserVerification: true,
      credential: {
        id: stored.credential_id as string,
        publicKey: new Uint8Array(Buffer.from(stored.public_key as string, 'base64url')),
        counter: Number(stored.counter),
        transports: stored.transports as AuthenticatorTransport[],
      },
    });
  } catch (error) {
    deps.logger.info({ err: error }, 'passkey sign-in rejected');
    throw passkeyFailed();
  }
  if (!verification.verified) throw passkeyFailed();
  await deps.db.query('UPDATE passkeys SET counter = $2, last_used_at = $3 WHERE credential_id = $1', [
    stored.credential_id,
    verification.authenticationInfo.newCounter,
    deps.now(),
  ]);
  return issueSession(deps, caller, stored.shopper_id as string, 'passkey', rememberDevice);
}

// ── Export and erasure (R31) ────────────────────────────────────────────────────────────────

export async function exportData(deps: IdentityDeps, token: ShopperTokenRecord) {
  const view = await profileView(deps, token.shopperId);
  const row = (await shopperRow(deps.db, token.shopperId))!;
  const q = async (sql: string) => (await deps.db.query<Row>(sql, [token.shopperId])).rows;
  return {
    shopper: { id: token.shopperId, email: view.email, phone: view.phone, createdAt: date(row.created_at).toISOString() },
    addresses: view.addresses,
    savedMethods: view.savedMethods,
    preferredShippingOptionId: view.preferredShippingOptionId,
    consents: (await q(`SELECT c.kind, c.text_version, c.granted_at, m.name FROM shopper_consents c JOIN merchants m ON m.id = c.merchant_id WHERE c.shopper_id = $1`)).map(
      (r) => ({ merchant: r.name as string, kind: r.kind as string, textVersion: r.text_version as string, grantedAt: date(r.granted_at).toISOString() }),
    ),
    devices: (await q(`SELECT d.id, d.created_at, d.last_used_at, d.revoked_at, m.name FROM remembered_devices d JOIN merchants m ON m.id = d.merchant_id WHERE d.shopper_id = $1`)).map(
      (r) => ({
        id: r.id as string,
        merchant: r.name as string,
        createdAt: date(r.created_at).toISOString(),
        lastUsedAt: date(r.last_used_at).toISOString(),
        revoked: r.revoked_at !== null,
      }),
    ),
    passkeys: (await q('SELECT created_at, last_used_at FROM passkeys WHERE shopper_id = $1')).map((r) => ({
      createdAt: date(r.created_at).toISOString(),
      lastUsedAt: r.last_used_at ? date(r.last_used_at).toISOString() : null,
    })),
    orders: (await q('SELECT order_id FROM shopper_orders WHERE shopper_id = $1')).map((r) => r.order_id as string),
  };
}

/** Deletes the identity, its addresses, devices and passkeys, detaches provider methods and pseudonymises its orders. */
export async function erase(deps: IdentityDeps, token: ShopperTokenRecord): Promise<{ erased: true }> {
  if (deps.now().getTime() - token.verifiedAt.getTime() > STEP_UP_MS) {
    throw new ApiError(403, 'step_up_required', 'Verify again to delete your saved details.');
  }
  for (const method of await savedMethods(deps.db, token.shopperId)) {
    const provider = deps.providers.get(method.provider);
    if (provider?.customers && method.customer) await provider.customers.detach(method.customer, method.reference);
  }
  await deps.db.transaction(async (tx) => {
    const orders = `SELECT order_id FROM shopper_orders WHERE shopper_id = $1`;
    await tx.query(`UPDATE orders SET contact = NULL, shipping_address = NULL WHERE id IN (${orders})`, [token.shopperId]);
    await tx.query(
      `UPDATE checkout_sessions SET contact = NULL, shipping_address = NULL WHERE order_id IN (${orders})`,
      [token.shopperId],
    );
    await tx.query('DELETE FROM shopper_tokens WHERE shopper_id = $1', [token.shopperId]);
    await tx.query('DELETE FROM shoppers WHERE id = $1', [token.shopperId]);
  });
  return { erased: true };
}

// ── Payments: saving with consent, paying with a saved method ──────────────────────────────

export interface PaymentPlan {
  readonly paymentMethod: string;
  readonly customer?: string;
  readonly savePaymentMethod?: boolean;
}

/** Before the provider call: a saved method becomes its provider reference; a consented save gets a customer. */
export async function planPayment(
  deps: IdentityDeps,
  caller: Caller,
  paymentMethod: string,
  shopperToken: string | null | undefined,
  providerId: ProviderId = caller.session.providerId,
): Promise<PaymentPlan> {
  if (paymentMethod.startsWith('spm_')) {
    const saved = await resolveSavedMethod(deps, caller, shopperToken, paymentMethod, providerId);
    await requireStepUpForNewCountry(deps, caller, saved.token);
    return { paymentMethod: saved.reference, ...(saved.customer ? { customer: saved.customer } : {}) };
  }
  const { rows } = await deps.db.query<Row>('SELECT planned_shopper_id FROM session_save_intents WHERE session_id = $1', [caller.session.id]);
  const provider = deps.providers.get(providerId);
  if (!rows[0] || !provider?.customers) return { paymentMethod };
  // A verified shopper saving a new card keeps it on their own customer.
  let shopperId = rows[0].planned_shopper_id as string;
  if (shopperToken) {
    try {
      shopperId = (await authenticateShopper(deps, caller, shopperToken)).shopperId;
    } catch {
      // Not signed in: the planned identity.
    }
  }
  const existing = await shopperRow(deps.db, shopperId);
  const known = (existing?.provider_customers as Record<string, string> | undefined)?.[provider.id];
  const customer = known ?? (await provider.customers.ensure({ shopperId, key: `customer:${shopperId}` }));
  await deps.db.query('UPDATE session_save_intents SET customer = $2 WHERE session_id = $1', [caller.session.id, customer]);
  return { paymentMethod, customer, savePaymentMethod: true };
}

/**
 * In the transaction that records the order (`tx`): with a save intent, creates the identity
 * (unless the email already has one: a guest never writes into someone else's profile) with the
 * consent, the address, the preferred shipping and the method the provider saved; links the order
 * for erasure. Everything here commits with the order or not at all (no identity without an order,
 * no half-saved identity).
 */
export async function afterOrder(
  deps: IdentityDeps,
  tx: Queryable,
  session: SessionRecord,
  order: OrderRecord,
  method: SavedMethodSummary | undefined,
  customer: string | undefined,
  shopperToken: string | null | undefined,
  caller: Caller | null,
): Promise<void> {
  let signedIn: string | null = null;
  if (caller && shopperToken) {
    signedIn = await shopperTokenIn(tx, deps, caller, shopperToken).then((t) => t.shopperId, () => null);
  }
  const { rows } = await tx.query<Row>('SELECT * FROM session_save_intents WHERE session_id = $1', [session.id]);
  const intent = rows[0];
  customer ??= (intent?.customer as string | null | undefined) ?? undefined;
  await (async () => {
    let shopperId = signedIn;
    if (!shopperId && intent && session.contact?.email) {
      const email = normaliseEmail(session.contact.email);
      const emailHash = deps.vault.lookupHash('email', email);
      const phone = intent.phone_sealed ? deps.vault.open(intent.phone_sealed as string) : null;
      const profile: StoredProfile = {
        name: session.shippingAddress?.name,
        addresses: session.shippingAddress ? [{ id: `adr_${randomHex(8)}`, label: 'Home', address: session.shippingAddress, isDefault: true }] : [],
        preferredShippingOptionId: session.selectedShippingOptionId,
      };
      const planned = intent.planned_shopper_id as string;
      const { rows: created } = await tx.query<{ id: string }>(
        `INSERT INTO shoppers (id, email_hash, phone_hash, email_sealed, phone_sealed, profile_sealed, provider_customers)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) ON CONFLICT DO NOTHING RETURNING id`,
        [planned, emailHash, phone ? deps.vault.lookupHash('phone', phone) : null, deps.vault.seal(email), phone ? deps.vault.seal(phone) : null,
          deps.vault.seal(JSON.stringify(profile)), JSON.stringify(customer ? { [session.providerId]: customer } : {})],
      );
      if (!created[0]) return;
      shopperId = planned;
      await tx.query(
        `INSERT INTO shopper_consents (shopper_id, merchant_id, kind, text_version, granted_at) VALUES ($1, $2, 'save', $3, $4)
         ON CONFLICT (shopper_id, merchant_id) DO NOTHING`,
        [shopperId, session.merchantId, intent.text_version, order.createdAt],
      );
    }
    if (!shopperId) return;
    await tx.query('INSERT INTO shopper_orders (order_id, shopper_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [order.id, shopperId]);
    if (intent && method && customer) {
      await tx.query(
        `UPDATE shoppers SET provider_customers = provider_customers || $2::jsonb WHERE id = $1`,
        // The provider that took the money (with several providers, not necessarily the session's first).
        [shopperId, JSON.stringify({ [order.provider]: customer })],
      );
      await tx.query(
        `INSERT INTO saved_methods (id, shopper_id, provider_id, customer, reference, brand, last4, exp_month, exp_year, account, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NOT EXISTS (SELECT 1 FROM saved_methods WHERE shopper_id = $2))
         ON CONFLICT (shopper_id, provider_id, reference) DO NOTHING`,
        [`spm_${randomHex(12)}`, shopperId, order.provider, customer, method.reference, method.brand, method.last4 ?? null, method.expMonth ?? null,
          method.expYear ?? null, method.account ?? null],
      );
    }
    if (signedIn && session.selectedShippingOptionId) {
      const { rows: current } = await tx.query<Row>('SELECT profile_sealed FROM shoppers WHERE id = $1', [shopperId]);
      const stored = openProfile(deps, current[0]!);
      stored.preferredShippingOptionId = session.selectedShippingOptionId;
      await tx.query('UPDATE shoppers SET profile_sealed = $2 WHERE id = $1', [shopperId, deps.vault.seal(JSON.stringify(stored))]);
    }
  })();
}
