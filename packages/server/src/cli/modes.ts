/**
 * `omni-checkout serve` runs in one of two modes, chosen only by the `--dev` flag (never inferred
 * from NODE_ENV, which a missing variable would turn into "development"):
 *
 * - production (the default): real encryption keys (OMNI_DATA_KEYS, OMNI_LOOKUP_KEY) and a real
 *   mail transport (SMTP_URL) are required, and every development convenience is refused: the mock
 *   provider, the dev mailbox (which lists every one-time code), fixed development keys, fault
 *   injection and loopback provider APIs. The server refuses to start rather than run without them.
 * - `--dev`: those conveniences are available, and live merchants (pk_live_) are refused, so a
 *   development server never handles a live merchant's shoppers (docs/security.md, "Modes").
 */
import type { Queryable } from '../storage/index.js';

export interface ServeMode {
  readonly dev: boolean;
}

/** What a production server lacks or must not have; empty when it may start. */
export function productionProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (!env.OMNI_DATA_KEYS) problems.push('OMNI_DATA_KEYS is required (id:base64 32-byte key): personal data is encrypted with it');
  if (!env.OMNI_LOOKUP_KEY) problems.push('OMNI_LOOKUP_KEY is required (base64, ≥ 32 bytes)');
  if (!env.SMTP_URL) problems.push('SMTP_URL is required (smtp://user:pass@host:587): one-time codes and receipts are mailed');
  for (const name of ['OMNI_FAULT_POINT', 'PAYPAL_API_BASE', 'STRIPE_API_BASE'] as const) {
    if (env[name]) problems.push(`${name} is a development setting; unset it or pass --dev`);
  }
  return problems;
}

/** Throws when the server may not start in `mode` with this environment and database. */
export async function assertServeMode(mode: ServeMode, env: NodeJS.ProcessEnv, db: Queryable): Promise<void> {
  if (!mode.dev) {
    const problems = productionProblems(env);
    if (problems.length) {
      throw new Error(`refusing to start without --dev:\n  - ${problems.join('\n  - ')}\n(For a local demo or tests, pass --dev.)`);
    }
    return;
  }
  const { rows } = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM merchants WHERE livemode');
  const live = Number(rows[0]?.n ?? 0);
  if (live > 0) {
    throw new Error(
      `refusing to start with --dev: ${live} live merchant(s) (pk_live_) are in this database, and a development server ` +
        'exposes one-time codes at /dev/mailbox and uses fixed development keys. Use a separate database for development.',
    );
  }
}
