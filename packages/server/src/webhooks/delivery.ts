/**
 * Delivering merchant webhooks through the transactional outbox, signed to the Standard Webhooks
 * specification (https://www.standardwebhooks.com) with the `standardwebhooks` package:
 *
 *   POST <endpoint url>
 *   content-type: application/json
 *   webhook-id: evt_…              the event id: the same on every retry and redelivery
 *   webhook-timestamp: 1764979200  seconds, when this attempt was signed
 *   webhook-signature: v1,<base64> [v1,<base64 with the previous secret while it is rolled>]
 *
 *   { "id": "evt_…", "type": "order.paid", "createdAt": "…", "livemode": false, "data": { "object": { … } } }
 *
 * A 2xx answer within the timeout is a success; anything else is logged per endpoint and retried
 * by the outbox with exponential backoff until its attempt limit (then `dead`, redeliverable).
 */
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../logger.js';
import type { Template, WebhookMessage, WebhookSender } from '../notifications/outbox.js';
import { signingSecrets, type WebhookStore } from './store.js';

export const MERCHANT_WEBHOOK_TEMPLATE = 'merchant_webhook';

/** Renders the outbox row into the exact bytes to send, with the secrets valid now. */
export function merchantWebhookTemplate(store: WebhookStore, now: () => Date = () => new Date()): Template {
  return async (row) => {
    const { eventId, endpointId } = row.payload as { eventId: string; endpointId: string };
    const [endpoint, event] = await Promise.all([store.endpointById(endpointId), store.eventById(eventId)]);
    // Deleted or switched off since: nothing to send any more.
    if (!endpoint || !event || !endpoint.enabled) return null;
    return {
      channel: 'webhook',
      message: { endpointId, eventId, url: endpoint.url, body: JSON.stringify(event), secrets: signingSecrets(endpoint, now()) },
    };
  };
}

/** Standard Webhooks headers for one attempt: one `v1,` signature per valid secret, space-separated. */
export function signedHeaders(message: Pick<WebhookMessage, 'eventId' | 'body' | 'secrets'>, at: Date): Record<string, string> {
  const signature = message.secrets.map((secret) => new Webhook(secret).sign(message.eventId, at, message.body)).join(' ');
  return {
    'content-type': 'application/json',
    'user-agent': 'omni-checkout-webhooks/1',
    'webhook-id': message.eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

export interface WebhookSenderOptions {
  readonly store: WebhookStore;
  readonly logger: Logger;
  /** Per attempt (default 10 s). */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** Called after each failed attempt (metrics). */
  readonly onFailure?: (message: WebhookMessage) => void;
  readonly fetch?: typeof fetch;
}

/** Sends over HTTP, logs every attempt in `webhook_deliveries`, throws on anything but 2xx. */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? fetch;
  return {
    async send(message) {
      const started = performance.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        const response = await doFetch(message.url, {
          method: 'POST',
          headers: signedHeaders(message, options.now?.() ?? new Date()),
          body: message.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        statusCode = response.status;
        // Read at most a little of the answer: it is not used, and the connection is freed.
        await response.body?.cancel().catch(() => undefined);
        if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
      } catch (cause) {
        error = cause instanceof Error ? `${cause.name}: ${cause.message}` : 'request failed';
      }
      await options.store.logDelivery({
        endpointId: message.endpointId,
        eventId: message.eventId,
        attempt: message.attempt,
        statusCode,
        error: error?.slice(0, 500) ?? null,
        durationMs: Math.round(performance.now() - started),
      });
      if (error) {
        options.onFailure?.(message);
        throw new Error(`webhook ${message.eventId} to ${message.endpointId}: ${error}`);
      }
    },
  };
}
