/**
 * How storage rows become records, and the session select every read of a session uses.
 */
import type { CaptureMethod, PaymentMethodSettings, Channel, Contact, DeliverySettingsInput, LineItem, NextAction, PaymentError, PostalAddress, ProviderId, ShippingOption } from '@omni-checkout/core';
import type { Queryable } from './db.js';
import { TENDERS_COLUMN, toTenders } from './tenders.js';
import type { AttemptRecord, MerchantRecord, OrderRecord, SessionRecord, StoredSessionStatus } from './types.js';

export type Row = Record<string, unknown>;

/**
 * The session columns `toSession` reads, and no others: pg builds a field description and a parser
 * for every column of every answer (`addFields`, the largest pg cost of a session read), so the
 * client secret's hash, `created_at` and the `paid_*` columns kept for older rows stay in the database.
 */
export const SESSION_COLUMNS = [
  'id', 'merchant_id', 'status', 'livemode', 'currency', 'country', 'locale', 'channel', 'paying_channel', 'paying_device',
  'line_items', 'shipping_options', 'selected_shipping_option_id', 'contact', 'shipping_address', 'metadata', 'provider_id',
  'providers', 'payment_methods', 'delivery', 'next_action', 'last_payment_error', 'confirm_attempts', 'order_id', 'expires_at',
  'capture_method',
].map((column) => `s.${column}`).join(', ');
/**
 * The identity planned by a guest's "save my details" (identity network, `session_save_intents`), or
 * null: the confirm's plan and the order's transaction read the intent itself only when there is one.
 */
const SAVE_INTENT_COLUMN = '(SELECT i.planned_shopper_id FROM session_save_intents i WHERE i.session_id = s.id) AS planned_shopper_id';
/** What a session row carries besides its own columns, for a session aliased `s`. */
export const SESSION_EXTRAS = `m.name AS merchant_name, ${TENDERS_COLUMN}, ${SAVE_INTENT_COLUMN}`;
export const SESSION_SELECT = `SELECT ${SESSION_COLUMNS}, ${SESSION_EXTRAS} FROM checkout_sessions s JOIN merchants m ON m.id = s.merchant_id`;
/** Wraps a data-modifying statement that returns session rows so the merchant name comes along. */
export const withMerchantName = (modifying: string) =>
  `WITH s AS (${modifying} RETURNING *) SELECT ${SESSION_COLUMNS}, ${SESSION_EXTRAS} FROM s JOIN merchants m ON m.id = s.merchant_id`;

export const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * How contact and address columns (and stored confirm responses, which repeat them) are written
 * and read. With a vault they hold sealed values (AES-256-GCM, docs/security.md R32); without one (tests of
 * other parts) plain JSON. Reading accepts both; a sealed value read without a vault is an error,
 * never an answer.
 */
export interface PiiCodec {
  seal(value: unknown): string | null;
  open(value: unknown): unknown;
  sealText(text: string): string;
  openText(text: string): string;
}

/**
 * Seals and opens text (AES-256-GCM with a key kept outside the database): the identity vault
 * (`identity/vault.ts`) is one. Storage needs only these two operations.
 */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function piiCodec(vault?: Sealer): PiiCodec {
  return {
    seal: (value) => (value === null || value === undefined ? null : vault ? JSON.stringify(vault.seal(JSON.stringify(value))) : JSON.stringify(value)),
    open: (value) => {
      if (typeof value !== 'string') return value ?? null;
      if (!vault) throw new Error('A sealed value was found but no vault is configured (OMNI_DATA_KEYS)');
      return JSON.parse(vault.open(value));
    },
    sealText: (text) => (vault ? vault.seal(text) : text),
    openText: (text) => {
      if (!text.startsWith('v1.')) return text;
      if (!vault) throw new Error('A sealed value was found but no vault is configured (OMNI_DATA_KEYS)');
      return vault.open(text);
    },
  };
}
export const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

export function toMerchant(row: Row): MerchantRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    publishableKey: row.publishable_key as string,
    allowedOrigins: row.allowed_origins as string[],
    providerId: row.provider_id as ProviderId,
    providers: row.providers as ProviderId[],
    paymentMethods: (row.payment_methods ?? {}) as PaymentMethodSettings,
    delivery: (row.delivery ?? {}) as DeliverySettingsInput,
    livemode: row.livemode === true,
    captureMethod: (row.capture_method ?? 'automatic') as CaptureMethod,
    resumeWindowDays: row.resume_window_days === undefined || row.resume_window_days === null ? 7 : Number(row.resume_window_days),
  };
}

export function toSession(row: Row, pii: PiiCodec): SessionRecord {
  return {
    id: row.id as string,
    merchantId: row.merchant_id as string,
    merchantName: row.merchant_name as string,
    status: row.status as StoredSessionStatus,
    livemode: row.livemode as boolean,
    currency: row.currency as string,
    country: row.country as string,
    locale: row.locale as string | null,
    channel: row.channel as Channel,
    payingChannel: (row.paying_channel ?? null) as SessionRecord['payingChannel'],
    payingDevice: (row.paying_device ?? null) as SessionRecord['payingDevice'],
    lineItems: row.line_items as LineItem[],
    shippingOptions: row.shipping_options as ShippingOption[],
    selectedShippingOptionId: row.selected_shipping_option_id as string | null,
    contact: pii.open(row.contact) as Contact | null,
    shippingAddress: pii.open(row.shipping_address) as PostalAddress | null,
    metadata: row.metadata as Record<string, string>,
    providerId: row.provider_id as ProviderId,
    providers: row.providers as ProviderId[],
    paymentMethods: (row.payment_methods ?? {}) as PaymentMethodSettings,
    delivery: (row.delivery ?? {}) as DeliverySettingsInput,
    nextAction: row.next_action as NextAction | null,
    lastPaymentError: row.last_payment_error as PaymentError | null,
    confirmAttempts: Number(row.confirm_attempts),
    orderId: row.order_id as string | null,
    expiresAt: date(row.expires_at),
    captureMethod: (row.capture_method ?? 'automatic') as CaptureMethod,
    tenders: toTenders(row.tenders),
    plannedShopperId: (row.planned_shopper_id ?? null) as string | null,
  };
}

export function toAttempt(row: Row, pii: PiiCodec): AttemptRecord {
  return {
    sessionId: row.session_id as string,
    attempt: Number(row.attempt),
    idempotencyKey: row.idempotency_key as string,
    requestHash: row.request_hash as string,
    providerIdempotencyKey: row.provider_idempotency_key as string,
    providerId: row.provider_id as ProviderId,
    paymentMethod: row.payment_method as string,
    paymentReference: row.payment_reference as string | null,
    amount: row.amount === null || row.amount === undefined ? null : Number(row.amount),
    currency: (row.currency as string | null) ?? null,
    tendered: Number(row.tendered ?? 0),
    response:
      row.response_status === null ? null : { status: Number(row.response_status), body: pii.openText(row.response_body as string) },
    startedAt: new Date(row.created_at as string | Date),
  };
}

export function toOrder(row: Row, pii: PiiCodec): OrderRecord {
  return {
    id: row.id as string,
    object: 'order',
    merchantId: row.merchant_id as string,
    sessionId: row.session_id as string,
    status: row.status as OrderRecord['status'],
    amount: Number(row.amount),
    amountCaptured: Number(row.amount_captured ?? row.amount),
    currency: row.currency as string,
    lineItems: row.line_items as LineItem[],
    shippingOption: row.shipping_option as ShippingOption | null,
    contact: pii.open(row.contact) as Contact | null,
    shippingAddress: pii.open(row.shipping_address) as PostalAddress | null,
    provider: row.provider_id as ProviderId,
    paymentReference: row.payment_reference as string,
    ...(row.channel ? { channel: row.channel as NonNullable<OrderRecord['channel']>, device: (row.device ?? null) as OrderRecord['device'] } : {}),
    createdAt: date(row.created_at).toISOString(),
  };
}

export async function one<T>(db: Queryable, map: (row: Row) => T, sql: string, params: readonly unknown[]): Promise<T | null> {
  const { rows } = await db.query<Row>(sql, params);
  return rows[0] ? map(rows[0]) : null;
}

