/**
 * Provider webhooks: verified on the exact raw body, applied once (the event id is stored in the
 * same transaction as its effect), each success checked against what its attempt asked for.
 */
import { z } from 'zod';
import { safeString, WebhookVerificationError, type ConfirmRequest, type ProviderEvent, type ProviderId, type ServerProvider } from '@omni-checkout/core';
import { confirmPayment, saveWithOrder, type CheckoutDeps } from './checkout.js';
import { sha256 } from './crypto.js';
import { ApiError, notFound } from './errors.js';
import { cancelStale, chargeOf, decideOutcome, logReview } from './outcome.js';
import type { AttemptRecord, SessionRecord, Settlement } from './storage/index.js';

const EventText = safeString().min(1).max(255);
/** What the backend stores of a verified event: storable ids, an outcome with a status when present. */
const EventShape = z.object({
  id: EventText,
  type: EventText,
  reference: EventText.nullable(),
  sessionId: EventText.nullable().optional(),
  outcome: z.object({ status: z.enum(['succeeded', 'processing', 'requires_action', 'failed']) }).passthrough().nullable(),
});

export interface WebhookReceipt {
  readonly received: true;
  /** The event id was applied before: nothing was done this time. */
  readonly duplicate: boolean;
}

/**
 * What a verified event does to the session it names. A success always completes the session
 * (money moved, whatever the order of events). A failure or a request for action applies only to
 * the session's current attempt and only forward (processing → requires_action → open), so a
 * late, repeated or out-of-order event is harmless.
 */
function decideEvent(deps: CheckoutDeps, providerId: ProviderId, event: ProviderEvent) {
  return (session: SessionRecord, { current, attempt }: { current: boolean; attempt: AttemptRecord | null }): Settlement | null => {
    const outcome = event.outcome;
    if (!outcome || outcome.status === 'processing') return null;
    if (outcome.status !== 'succeeded' && !current) return null;
    // Checked against what the event's own attempt asked for (the session's total when no attempt
    // of ours knows the reference, e.g. a PayPal order approved in a window the page never confirmed).
    return decideOutcome(outcome, chargeOf(attempt, session), deps.now(), providerId, current)(session);
  };
}

/**
 * `POST /v1/webhooks/<provider>`: verifies the signature on the exact raw body through the
 * provider's `webhooks.verify`, then applies the event once (its id is stored in the same
 * transaction as its effect).
 */
export async function receiveWebhook(
  deps: CheckoutDeps,
  providerId: string,
  rawBody: string,
  headers: Headers,
): Promise<WebhookReceipt> {
  const provider = deps.providers.get(providerId as ProviderId);
  if (!provider?.webhooks) throw notFound();
  let event: ProviderEvent;
  try {
    event = await provider.webhooks.verify(rawBody, headers, deps.now());
  } catch (error) {
    if (!(error instanceof WebhookVerificationError || (error instanceof Error && error.name === 'WebhookVerificationError'))) throw error;
    deps.logger.warn({ provider: provider.id, reason: error.message }, 'webhook refused');
    throw new ApiError(400, 'webhook_signature_invalid', 'The webhook signature could not be verified.');
  }
  // A verified event is still input: its ids go to the database, so they must be storable text.
  if (!EventShape.safeParse(event).success) {
    deps.logger.warn({ provider: provider.id }, 'webhook refused: verified, but not an event we understand');
    throw new ApiError(400, 'validation_failed', 'The webhook event is missing its id, type or payment reference, or they are not text we can store.');
  }
  const onOrder = event.outcome ? saveWithOrder(deps, event.outcome, null, null) : undefined;
  const result = await deps.storage.applyProviderEvent({
    providerId: provider.id,
    eventId: event.id,
    type: event.type,
    reference: event.reference,
    sessionId: event.sessionId ?? null,
    decide: decideEvent(deps, provider.id, event),
    // An order completed by the webhook (a tab closed during 3-D Secure) still saves the shopper who asked for it.
    ...(onOrder ? { onOrder } : {}),
  });
  const log = { provider: provider.id, eventId: event.id, type: event.type, outcome: result.outcome };
  if (result.outcome === 'applied' || result.outcome === 'ignored') {
    if (result.settlement) {
      logReview(deps.logger, result.settlement, result.session.id);
      // A failure reopened the session: its payment must not be completed later from the page.
      if (result.outcome === 'applied') await cancelStale(deps, provider.id, result.settlement, result.session.id);
    }
    deps.logger.info({ ...log, sessionId: result.session.id, status: result.session.status }, 'webhook applied');
    if (event.outcome?.status === 'succeeded' && result.order && result.order.paymentReference !== event.reference) {
      // Two payments succeeded for one session: the second needs a refund by the merchant.
      deps.logger.error({ ...log, sessionId: result.session.id, reference: event.reference }, 'second successful payment for a paid session');
    }
  } else {
    deps.logger.info(log, 'webhook received');
  }
  // Approved in the provider's window but not confirmed by the page (closed window or tab): confirm
  // it here. Also on a redelivery, in case the first delivery died mid-way: the key is derived
  // from the reference, so every delivery is one attempt and the provider captures at most once.
  if (event.approved && event.reference) await confirmApproved(deps, provider, event.reference, event.sessionId ?? null);
  return { received: true, duplicate: result.outcome === 'duplicate' };
}

/**
 * Confirms a payment the buyer approved, for the session the provider names, through the same
 * path as the page's confirm (`confirmPayment`): one confirm in flight per session, the amount
 * from the session, and an idempotency key derived from the reference (`webhook:<reference>`).
 * A session already paid, being paid by the page, or not ready (no contact or address) is left
 * as it is.
 */
async function confirmApproved(deps: CheckoutDeps, provider: ServerProvider, reference: string, sessionId: string | null): Promise<void> {
  const session = sessionId ? await deps.storage.sessionById(sessionId) : null;
  if (!session || !session.providers.includes(provider.id) || session.status === 'complete') return;
  const request = { paymentMethod: reference, provider: provider.id } satisfies ConfirmRequest;
  try {
    const response = await confirmPayment(deps, session, {
      idempotencyKey: `webhook:${provider.id}:${reference}`,
      requestHash: sha256(JSON.stringify(request)),
      request,
    });
    deps.logger.info({ provider: provider.id, sessionId: session.id, status: response.status }, 'approved payment confirmed by its webhook');
  } catch (error) {
    // A 4xx is the session's state speaking (paid, in progress, not ready, expired): nothing to do.
    if (error instanceof ApiError && error.status < 500) {
      deps.logger.info({ provider: provider.id, sessionId: session.id, code: error.code }, 'approved payment left to the page');
      return;
    }
    throw error;
  }
}
