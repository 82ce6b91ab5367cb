/**
 * Idempotent requests in the fake Stripe API, as Stripe keeps them (docs.stripe.com/api/idempotent_requests):
 * a POST's `Idempotency-Key` is scoped to the API key and account; a second request with a key still
 * in progress answers 409 `idempotency_key_in_use`; a replay with other parameters answers 400
 * `idempotency_error`; a replay with the same ones gets the saved answer with `Idempotent-Replayed: true`.
 */

/** An answer to send instead of running the request. */
export interface EarlierAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

export interface Idempotency {
  /** What to answer instead of running the request under `scope`, or null to run it. */
  earlier(scope: string, fingerprint: string, idempotencyKey: string): EarlierAnswer | null;
  begin(scope: string): void;
  end(scope: string): void;
  save(scope: string, entry: { readonly fingerprint: string; readonly status: number; readonly body: string }): void;
}

export function createIdempotency(): Idempotency {
  const saved = new Map<string, { readonly fingerprint: string; readonly status: number; readonly body: string }>();
  /** Keys of requests still being processed (a second request with one answers 409 idempotency_key_in_use). */
  const inFlight = new Set<string>();
  return {
    earlier(scope, fingerprint, idempotencyKey) {
      if (inFlight.has(scope)) {
        // Stripe: another request with this key is still being processed.
        return {
          status: 409,
          replayed: false,
          body: {
            error: {
              type: 'invalid_request_error',
              code: 'idempotency_key_in_use',
              message: 'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ' + idempotencyKey + '. Please try again later.',
            },
          },
        };
      }
      const previous = saved.get(scope);
      if (!previous) return null;
      if (previous.fingerprint !== fingerprint) {
        return {
          status: 400,
          replayed: false,
          body: {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          },
        };
      }
      return { status: previous.status, body: previous.body, replayed: true };
    },
    begin: (scope) => void inFlight.add(scope),
    end: (scope) => void inFlight.delete(scope),
    save: (scope, entry) => void saved.set(scope, entry),
  };
}
