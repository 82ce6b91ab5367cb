/**
 * The reconciler: settles payments whose confirm never answered (the process died, a provider call
 * hung) without waiting for the shopper to come back. Every `intervalMs` it finds sessions still
 * `processing` whose latest attempt is older than the confirm lease and has no stored answer, asks
 * the attempt's provider for its outcome and settles it through the same path as a confirm: the
 * amount check, the order with its confirmation email, or the session reopened (its payment then
 * cancelled). A page that retries later gets the stored answer (docs/security.md, "Crashes").
 *
 * Asking the provider: by the attempt's payment reference when the attempt stored one; otherwise
 * by replaying the attempt's own request under its deterministic idempotency key, which the
 * provider answers with the payment it already made (or makes it once, when the process died
 * before the call — the shopper had pressed pay and the attempt was committed).
 */
import type { ProviderPaymentResult } from '@omni-checkout/core';
import { CONFIRM_LEASE_MS, renderSettlement, saveWithOrder, sessionProviders, type CheckoutDeps } from './checkout.js';
import { cancelStale, chargeOf, decideOutcome, logReview, tendersOnly } from './outcome.js';
import type { Queryable } from './storage/index.js';

export interface ReconcileResult {
  /** Sessions past the lease found this round. */
  readonly found: number;
  /** Settled as paid (an order), reopened (failed or held for review), or waiting on 3-D Secure. */
  readonly paid: number;
  readonly reopened: number;
  readonly requiresAction: number;
  /** The provider still reports processing, or could not be asked: tried again next round. */
  readonly pending: number;
}

/** Ids of sessions in `processing` whose latest attempt started before `before` and has no answer. */
export async function staleSessions(db: Queryable, before: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT s.id FROM checkout_sessions s
     JOIN LATERAL (SELECT * FROM confirm_attempts a WHERE a.session_id = s.id ORDER BY a.attempt DESC LIMIT 1) a ON true
     WHERE s.status = 'processing' AND a.response_status IS NULL AND a.created_at < $1
     ORDER BY a.created_at LIMIT $2`,
    [before, limit],
  );
  return rows.map((row) => row.id);
}

/** One round: settles what it can, leaves the rest for the next round. */
export async function reconcileOnce(deps: CheckoutDeps & { readonly db: Queryable }, limit = 100): Promise<ReconcileResult> {
  const lease = deps.confirmLeaseMs ?? CONFIRM_LEASE_MS;
  const ids = await staleSessions(deps.db, new Date(deps.now().getTime() - lease), limit);
  const counts = { found: ids.length, paid: 0, reopened: 0, requiresAction: 0, pending: 0 };
  for (const id of ids) {
    const outcome = await reconcileSession(deps, id).catch((error: unknown) => {
      deps.logger.warn({ err: error, sessionId: id }, 'reconciler could not settle a session; trying again next round');
      return 'pending' as const;
    });
    counts[outcome] += 1;
  }
  if (ids.length) deps.logger.info(counts, 'reconciler round');
  return counts;
}

async function reconcileSession(deps: CheckoutDeps, id: string): Promise<'paid' | 'reopened' | 'requiresAction' | 'pending'> {
  const session = await deps.storage.sessionById(id);
  const attempt = session ? await deps.storage.latestAttempt(id) : null;
  if (!session || !attempt || attempt.response || session.status !== 'processing') return 'pending';
  const provider = deps.providers.get(attempt.providerId);
  if (!provider) return 'pending';
  const charge = chargeOf(attempt, session);
  const methods = sessionProviders(deps, session).find((p) => p.id === provider.id)?.methods;
  // An attempt its gift cards and store credit pay alone never asked a provider: it settles as paid.
  const result: ProviderPaymentResult = tendersOnly(charge, session.id) ?? (attempt.paymentReference
    ? await provider.retrievePayment(attempt.paymentReference)
    : await provider.createPayment({
        sessionId: session.id,
        amount: charge.amount,
        currency: charge.currency,
        paymentMethod: attempt.paymentMethod,
        idempotencyKey: attempt.providerIdempotencyKey,
        metadata: session.metadata,
        ...(methods?.length ? { methods } : {}),
        ...(session.captureMethod === 'manual' ? { captureMethod: 'manual' as const } : {}),
      }));
  if (result.status === 'processing') return 'pending';
  // The order's confirmation email goes out with it; a shopper's consented save needs the page's
  // context (its shopper token), which a crash lost: that save is skipped, the payment is not.
  const settled = await deps.storage.settle(
    session.id,
    decideOutcome(result, charge, deps.now(), provider.id, true),
    { attempt: attempt.attempt, render: (after, order, settlement) => renderSettlement(deps, settlement, after, order) },
    saveWithOrder(withoutPayments(deps), result, null, null),
  );
  logReview(deps.logger, settled.settlement, session.id);
  await cancelStale(deps, provider.id, settled.settlement, session.id);
  deps.logger.warn({ sessionId: session.id, attempt: attempt.attempt, outcome: settled.settlement.type }, 'reconciler settled an interrupted payment');
  switch (settled.settlement.type) {
    case 'succeeded':
      return 'paid';
    case 'requires_action':
      return 'requiresAction';
    default:
      return 'reopened';
  }
}

/** The checkout's dependencies without the identity network's hooks (a crash lost the page's context). */
function withoutPayments({ payments: _lost, ...deps }: CheckoutDeps): CheckoutDeps {
  return deps;
}

export interface Reconciler {
  start(): void;
  stop(): Promise<void>;
  /** Runs one round now (tests, and `stop` waits for a running one). */
  runOnce(): Promise<ReconcileResult>;
}

/** Runs `reconcileOnce` every `intervalMs` (default 5 s), one round at a time. */
export function createReconciler(deps: CheckoutDeps & { readonly db: Queryable }, options: { readonly intervalMs?: number } = {}): Reconciler {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<ReconcileResult> | null = null;
  const runOnce = () => (running ??= reconcileOnce(deps).finally(() => (running = null)));
  return {
    start() {
      timer ??= setInterval(() => {
        runOnce().catch((error: unknown) => deps.logger.error({ err: error }, 'reconciler round failed'));
      }, options.intervalMs ?? 5000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
    runOnce,
  };
}
