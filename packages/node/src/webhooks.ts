/**
 * Receiving omni-checkout webhooks: verify the Standard Webhooks signature on the exact raw body
 * (with the `standardwebhooks` package; several secrets while one is rolled), parse into a typed
 * event, and process each event once (`createEventDeduplicator`): deliveries are at least once, and
 * every retry or redelivery of an event carries the same `id`.
 *
 *     const event = verifyWebhook(rawBody, request.headers, process.env.OMNI_WEBHOOK_SECRET!);
 *     if (await seen.firstTime(event.id)) { if (event.type === 'order.paid') fulfil(event.data.object); }
 */
import { KnownWebhookEvent, ORDER_STATUS_EVENT_TYPES, OrderStatusWebhookEvent, WEBHOOK_EVENT_TYPES, WebhookEvent } from '@omni-checkout/core';
import { Webhook, WebhookVerificationError as LibraryVerificationError } from 'standardwebhooks';

/** The signature, timestamp (5 minutes either way) or body did not check out: answer 400 and do nothing. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

export type HeadersLike = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

function headerRecord(headers: HeadersLike): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [key, value] of entries) if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  return out;
}

/** An event: one of the known types, or a later type with the common envelope. Narrow with `isEvent`. */
export type OmniEvent = KnownWebhookEvent | OrderStatusWebhookEvent | WebhookEvent;
type Known = KnownWebhookEvent | OrderStatusWebhookEvent;
export type EventOfType<T extends Known['type']> = Extract<Known, { type: T }>;

/** Narrows an event to a known type: `if (isEvent(event, 'order.paid')) event.data.object.amount`. */
export function isEvent<T extends Known['type']>(event: OmniEvent, type: T): event is EventOfType<T> {
  return event.type === type;
}

const KNOWN = new Set<string>(WEBHOOK_EVENT_TYPES);
const ORDER_STATUS = new Set<string>(ORDER_STATUS_EVENT_TYPES);

/**
 * Verifies and parses one delivery. `secret`: the endpoint's `whsec_…`, or several while rolling it
 * (any one that matches is enough). Throws `WebhookVerificationError`.
 */
export function verifyWebhook(rawBody: string | Uint8Array, headers: HeadersLike, secret: string | readonly string[]): OmniEvent {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new WebhookVerificationError('No webhook secret configured');
  const record = headerRecord(headers);
  let payload: unknown = undefined;
  let lastError: unknown = null;
  for (const candidate of secrets) {
    try {
      payload = new Webhook(candidate).verify(rawBody, record);
      break;
    } catch (error) {
      if (!(error instanceof LibraryVerificationError)) throw error;
      lastError = error;
    }
  }
  if (payload === undefined) throw new WebhookVerificationError(lastError instanceof Error ? lastError.message : 'No matching signature');
  const envelope = WebhookEvent.safeParse(payload);
  if (!envelope.success) throw new WebhookVerificationError('The body is not an omni-checkout event');
  if (envelope.data.id !== record['webhook-id']) throw new WebhookVerificationError('The event id does not match the webhook-id header');
  if (!KNOWN.has(envelope.data.type) && !ORDER_STATUS.has(envelope.data.type)) return envelope.data as OmniEvent;
  const known = (ORDER_STATUS.has(envelope.data.type) ? OrderStatusWebhookEvent : KnownWebhookEvent).safeParse(payload);
  if (!known.success) throw new WebhookVerificationError(`The ${envelope.data.type} event does not have its documented shape`);
  return known.data;
}

/** Where processed event ids are kept: memory by default; give your database for several processes. */
export interface EventIdStore {
  /** Records `id`; resolves true only for the first caller (atomically, e.g. INSERT … ON CONFLICT DO NOTHING). */
  claim(id: string): Promise<boolean>;
  /** Forgets `id` (processing failed: let the retry process it). */
  release?(id: string): Promise<void>;
}

/** Remembers the last `max` ids in memory (one process). */
export function memoryEventIdStore(max = 10_000): EventIdStore {
  const ids = new Set<string>();
  return {
    async claim(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > max) ids.delete(ids.values().next().value!);
      return true;
    },
    async release(id) {
      ids.delete(id);
    },
  };
}

export interface EventDeduplicator {
  /** True the first time an event id is seen. */
  firstTime(id: string): Promise<boolean>;
  /**
   * Runs `handle` once per event id: a repeat resolves `false` without running it; when `handle`
   * throws, the id is released so the sender's retry processes it, and the error is rethrown.
   */
  once(event: { readonly id: string }, handle: () => Promise<void> | void): Promise<boolean>;
}

export function createEventDeduplicator(store: EventIdStore = memoryEventIdStore()): EventDeduplicator {
  return {
    firstTime: (id) => store.claim(id),
    async once(event, handle) {
      if (!(await store.claim(event.id))) return false;
      try {
        await handle();
        return true;
      } catch (error) {
        await store.release?.(event.id);
        throw error;
      }
    },
  };
}
