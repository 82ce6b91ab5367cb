/**
 * What every part of the shopper identity network shares: its dependencies, the caller, a verified
 * shopper token, the time limits, and how emails and phone numbers are normalised.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import type { ProviderId, SavedAddress, ServerProvider } from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Mailer } from '../notifications/mailer.js';
import type { SmsSender } from '../notifications/sms.js';
import type { Db } from '../storage/db.js';
import type { MerchantRecord, SessionRecord } from '../storage/storage.js';
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

/** The profile as sealed in `shoppers.profile_sealed`. */
export interface StoredProfile {
  name?: string;
  addresses: SavedAddress[];
  preferredShippingOptionId: string | null;
}

export const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

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

export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
export const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

export function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
