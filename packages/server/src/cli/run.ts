/** The `omni-checkout` command: serve, migrate, merchant create. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PaymentMethodType as PaymentMethodTypeSchema, type PaymentMethodType, type ServerProvider } from '@omni-checkout/core';
import { z } from 'zod';
import { createApp } from '../app.js';
import { listen } from '../http/listen.js';
import { newPublishableKey, newSecretKey } from '../crypto.js';
import { createLogger, type Logger } from '../logger.js';
import { createOutboxWorker, defaultTemplates, notificationsFromEnv } from '../notifications/index.js';
import { DEFAULT_LIMITS } from '../identity/limits.js';
import { rotateKeys } from '../identity/rotate.js';
import { vaultFromEnv } from '../identity/vault.js';
import { applySeed, readSeedFile, SeedMerchant } from '../seed.js';
import { createStorage, createSweeper, migrate, openDb, SWEEPER_DEFAULTS, type Db } from '../storage/index.js';
import { createReconciler } from '../reconciler.js';
import { assertServeMode } from './modes.js';
import { merchantWorkerOptions, webhooksCommand } from './webhooks.js';
import { paymentLinksCommand } from './payment-links.js';
import { createMetrics } from '../ops/metrics.js';
import { drainAndStop } from './shutdown.js';
import { giftCardsCommand, storeCreditCommand } from './gift-cards.js';

const USAGE = `Usage:
  omni-checkout serve [--port 8787] [--host 127.0.0.1] [--seed seed.json] [--dev]
      Without --dev: OMNI_DATA_KEYS, OMNI_LOOKUP_KEY and SMTP_URL are required, and the mock provider,
      the dev mailbox, development keys and fault injection are refused. --dev allows them (local demos
      and tests) and refuses live (pk_live_) merchants.
  omni-checkout migrate
  omni-checkout rotate-keys   re-encrypt personal data and webhook signing secrets under the first key of OMNI_DATA_KEYS
  omni-checkout webhooks add --merchant mer_... --url URL [--event order.paid ...]   (default: every event)
  omni-checkout webhooks list --merchant mer_...
  omni-checkout webhooks rotate --endpoint we_... [--keep-previous-seconds 86400]
  omni-checkout webhooks remove --endpoint we_...
      Signing secrets are stored sealed with OMNI_DATA_KEYS; add --dev to use serve --dev's development keys.
  omni-checkout gift-cards issue --merchant mer_... --amount 5000 --currency EUR [--validity-days 1095 | --expires-at ISO] [--dev]
  omni-checkout gift-cards show --merchant mer_... --card gc_...   (the card's balance and ledger)
  omni-checkout store-credit grant --merchant mer_... --email ada@example.com --amount 1500 --currency EUR [--key K] [--dev]
  omni-checkout payment-links create --merchant mer_... --amount 4200 --currency EUR --country DE
                                --channel email|sms|chat|social|invoice [--checkout-url URL]
                                [--description TEXT] [--locale de] [--expires-minutes 10080] [--multi-use]
                                (without --checkout-url: the backend's hosted pay page)
                                [--public-url https://pay.example.com]   (default OMNI_PUBLIC_URL)
  omni-checkout payment-links show --link plink_...
  omni-checkout payment-links disable --link plink_...
  omni-checkout payment-links send --link plink_... (--email name@example.com | --phone +4915123456789) [--key K] [--dev]
  omni-checkout merchant create --name NAME --origin ORIGIN [--origin ORIGIN2]
                                [--provider stripe --provider paypal --provider moyasar] [--capture-method manual] [--resume-window-days 7]
                                [--publishable-key pk_test_... --secret-key sk_test_...]

Database: PostgreSQL (DATABASE_URL) is for production, also for several instances behind a load
balancer; PGlite, the embedded default (OMNI_DATA_DIR, default .omni-data/pglite), is for the demo,
development and tests: serve warns when it runs on PGlite without --dev.

Environment: PORT, HOST, DATABASE_URL, DATABASE_POOL_SIZE (connections per instance, default 10),
OMNI_RETENTION_DAYS (abandoned sessions are purged this long after expiring, default 7),
OMNI_EVENT_RETENTION_DAYS (provider event ids kept for deduplication, default 30),
OMNI_SWEEP_INTERVAL_SECONDS (default 600; 0 turns the sweeper off), LOG_LEVEL, OMNI_SEED (seed file), SMTP_URL, MAIL_FROM
(with --dev and no SMTP_URL: dev mailbox at /dev/mailbox), TWILIO_ACCOUNT_SID,
TWILIO_AUTH_TOKEN, TWILIO_FROM, TWILIO_BASE_URL, OMNI_DATA_KEYS and OMNI_LOOKUP_KEY (required
without --dev: personal data encryption), OMNI_SMS_COUNTRIES, TRUST_PROXY=1, PAYPAL_CLIENT_ID and
PAYPAL_CLIENT_SECRET (PayPal provider), PAYPAL_ENVIRONMENT (sandbox | live), PAYPAL_WEBHOOK_ID,
PAYPAL_WEBHOOK_VERIFICATION (api | offline), PAYPAL_API_BASE (a loopback fake; --dev only),
MOYASAR_SECRET_KEY and MOYASAR_PUBLISHABLE_KEY (Moyasar: mada and STC Pay), MOYASAR_WEBHOOK_SECRET,
MOYASAR_PAGE_CARD_FIELDS=1 (live keys: carry mada, whose card fields are in the page), MOYASAR_API_BASE (a loopback fake; --dev only),
OMNI_OTP_SENDS_PER_IDENTITY / OMNI_OTP_SENDS_PER_IP (defaults 5 and 30 per 10 minutes; the e2e suite raises them),
OMNI_STEP_UP_NEW_COUNTRY_ABOVE (minor units, default 10000: a saved-method payment above it to a
shipping country none of the shopper's saved addresses is in needs step-up by SMS code or passkey),
OMNI_CONFIRM_LEASE_SECONDS (default 30: how long an unanswered payment attempt holds its checkout before a
new attempt resumes it or the reconciler settles it), OMNI_RECONCILE_SECONDS (default 5: how often the
reconciler looks for such attempts).`;

export interface CliIo {
  readonly out: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

function stepUpThreshold(value: string): number {
  const amount = Number(value);
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error('OMNI_STEP_UP_NEW_COUNTRY_ABOVE must be a whole number of minor units (e.g. 10000).');
  return amount;
}

const storageOptions = (io: CliIo) => ({
  databaseUrl: io.env.DATABASE_URL,
  dataDir: io.env.OMNI_DATA_DIR,
  ...(io.env.DATABASE_POOL_SIZE ? { poolSize: Number(io.env.DATABASE_POOL_SIZE) } : {}),
});

const days = (value: string | undefined, fallback: number) => (value ? Number(value) * 24 * 3600_000 : fallback);

/** Tells the operator that PGlite is not the production database (silenced by `--dev`). */
export const PGLITE_WARNING =
  'Running on PGlite, the embedded database for the demo, development and tests. Use PostgreSQL in production (DATABASE_URL); pass --dev to silence this warning.';

/** The warning `serve` logs at start, if any. */
export const databaseWarning = (env: NodeJS.ProcessEnv, dev: boolean): string | null => (env.DATABASE_URL || dev ? null : PGLITE_WARNING);

const defaultIo: CliIo = { out: (line) => process.stdout.write(`${line}\n`), env: process.env };

/** The mock provider, loaded lazily so this package builds and runs without it. */
async function loadMockProvider(logger: Logger): Promise<ServerProvider[]> {
  const specifier = '@omni-checkout/mock/server';
  try {
    const mod = (await import(specifier)) as { createMockProvider?: (options?: { force?: boolean }) => ServerProvider };
    // Only ever reached with --dev; NODE_ENV does not decide (the mock's own guard is for library users).
    if (typeof mod.createMockProvider === 'function') return [mod.createMockProvider({ force: true })];
    logger.warn('@omni-checkout/mock/server has no createMockProvider; starting without the mock provider');
  } catch (error) {
    logger.warn({ err: error }, '@omni-checkout/mock/server could not be loaded; starting without the mock provider');
  }
  return [];
}

/**
 * The Stripe provider when its keys are in the environment: STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY,
 * STRIPE_WEBHOOK_SECRET (comma-separated while rolling it), STRIPE_APPLE_PAY_DOMAIN_ASSOCIATION_FILE,
 * STRIPE_API_BASE (another API host such as the loopback fake; test keys only) and STRIPE_METHODS
 * (the ways to pay activated on the Stripe account, comma-separated; default every one Stripe carries).
 */
async function loadStripeProvider(env: NodeJS.ProcessEnv, logger: Logger): Promise<ServerProvider[]> {
  const secretKey = env.STRIPE_SECRET_KEY;
  const publishableKey = env.STRIPE_PUBLISHABLE_KEY;
  if (!secretKey || !publishableKey) return [];
  const specifier = '@omni-checkout/stripe/server';
  const mod = (await import(specifier)) as typeof import('@omni-checkout/stripe/server');
  let api: { host: string; port: number; protocol: 'http' | 'https' } | undefined;
  if (env.STRIPE_API_BASE) {
    if (!secretKey.startsWith('sk_test_')) throw new Error('STRIPE_API_BASE is only for test keys (the loopback fake of Stripe).');
    const url = new URL(env.STRIPE_API_BASE);
    api = { host: url.hostname, port: Number(url.port), protocol: url.protocol === 'https:' ? 'https' : 'http' };
  }
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!webhookSecret?.length) logger.warn('STRIPE_WEBHOOK_SECRET is not set: POST /v1/webhooks/stripe answers 404');
  const association = env.STRIPE_APPLE_PAY_DOMAIN_ASSOCIATION_FILE;
  const methods = env.STRIPE_METHODS ? stripeMethodsFromEnv(env.STRIPE_METHODS) : undefined;
  return [
    mod.createStripeProvider({
      ...(methods ? { methods } : {}),
      secretKey,
      publishableKey,
      ...(webhookSecret?.length ? { webhookSecret } : {}),
      ...(api ? { api } : {}),
      ...(association ? { applePayDomainAssociation: await readFile(association, 'utf8') } : {}),
    }),
  ];
}

/** `STRIPE_METHODS=card,apple_pay,blik`: each must be one of our payment method types. */
export function stripeMethodsFromEnv(value: string): PaymentMethodType[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((name) => !PaymentMethodTypeSchema.safeParse(name).success);
  if (unknown.length || !names.length) throw new Error(`STRIPE_METHODS: not payment method types: ${unknown.join(', ') || '(empty)'}. Use e.g. card,apple_pay,google_pay,link,blik`);
  return names as PaymentMethodType[];
}

/** The PayPal provider, when PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET are set. */
export async function paypalFromEnv(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  mode: { readonly dev: boolean } = { dev: false },
  lock?: Db['lock'],
): Promise<ServerProvider[]> {
  const clientId = env.PAYPAL_CLIENT_ID;
  const clientSecret = env.PAYPAL_CLIENT_SECRET;
  if (!clientId || !clientSecret) return [];
  const environment = env.PAYPAL_ENVIRONMENT === 'live' ? 'live' : 'sandbox';
  if (env.PAYPAL_API_BASE && !mode.dev) {
    throw new Error('PAYPAL_API_BASE points PayPal at another server; it is for tests and demos only (--dev), never in production.');
  }
  const { createPayPalProvider } = await import('@omni-checkout/paypal/server');
  const verification = env.PAYPAL_WEBHOOK_VERIFICATION === 'offline' ? 'offline' : 'api';
  logger.info({ environment, apiBase: env.PAYPAL_API_BASE ?? 'PayPal', webhooks: env.PAYPAL_WEBHOOK_ID ? verification : 'off' }, 'PayPal provider');
  return [
    createPayPalProvider({
      clientId,
      clientSecret,
      environment,
      webhookVerification: verification,
      ...(env.PAYPAL_API_BASE ? { apiBase: env.PAYPAL_API_BASE } : {}),
      ...(env.PAYPAL_WEBHOOK_ID ? { webhookId: env.PAYPAL_WEBHOOK_ID } : {}),
      ...(lock ? { lock } : {}),
    }),
  ];
}

/**
 * The Moyasar provider (mada and STC Pay in Saudi Arabia), when MOYASAR_SECRET_KEY and
 * MOYASAR_PUBLISHABLE_KEY are set; MOYASAR_WEBHOOK_SECRET is the endpoint's secret token,
 * MOYASAR_API_BASE another API origin (the loopback fake; --dev and test keys only).
 */
export async function moyasarFromEnv(env: NodeJS.ProcessEnv, logger: Logger, mode: { readonly dev: boolean } = { dev: false }): Promise<ServerProvider[]> {
  const secretKey = env.MOYASAR_SECRET_KEY;
  const publishableKey = env.MOYASAR_PUBLISHABLE_KEY;
  if (!secretKey || !publishableKey) return [];
  if (env.MOYASAR_API_BASE && (!mode.dev || !secretKey.startsWith('sk_test_'))) {
    throw new Error('MOYASAR_API_BASE points Moyasar at another server; it is for tests and demos only (--dev, sk_test_ keys), never in production.');
  }
  const { createMoyasarProvider } = await import('@omni-checkout/moyasar/server');
  if (!env.MOYASAR_WEBHOOK_SECRET) logger.warn('MOYASAR_WEBHOOK_SECRET is not set: POST /v1/webhooks/moyasar refuses every event');
  logger.info({ apiBase: env.MOYASAR_API_BASE ?? 'Moyasar' }, 'Moyasar provider');
  return [
    createMoyasarProvider({
      secretKey,
      publishableKey,
      ...(env.MOYASAR_WEBHOOK_SECRET ? { webhookSecret: env.MOYASAR_WEBHOOK_SECRET } : {}),
      ...(env.MOYASAR_API_BASE ? { apiBase: env.MOYASAR_API_BASE } : {}),
      // Live keys carry mada (card fields in the page: PCI DSS SAQ A-EP) only when the merchant accepts it.
      ...(env.MOYASAR_PAGE_CARD_FIELDS === '1' ? { pageCardFields: true } : {}),
    }),
  ];
}

async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string' }, dev: { type: 'boolean' } } });
  const port = Number(values.port ?? io.env.PORT ?? 8787);
  const hostname = values.host ?? io.env.HOST ?? '127.0.0.1';
  const mode = { dev: values.dev === true };
  const logger = createLogger({ level: io.env.LOG_LEVEL });
  const vault = vaultFromEnv(io.env, (message) => logger.warn(message), mode);
  const { storage, db } = await createStorage({ ...storageOptions(io), vault });
  const warning = databaseWarning(io.env, values.dev === true);
  if (warning) logger.warn(warning);
  const seedPath = values.seed ?? io.env.OMNI_SEED;
  if (seedPath) {
    const merchants = await applySeed(storage, await readSeedFile(seedPath));
    logger.info({ merchants: merchants.map((m) => m.publishableKey) }, 'seeded merchants');
  }
  try {
    await assertServeMode(mode, io.env, db);
  } catch (error) {
    await db.close();
    throw error;
  }
  if (mode.dev) logger.warn('development mode (--dev): mock provider, dev mailbox and development keys are on; never expose this server');
  const providers = [
    ...(await loadStripeProvider(io.env, logger)),
    ...(mode.dev ? await loadMockProvider(logger) : []),
    // The capture lock in the database: it must hold across every instance on it.
    ...(await paypalFromEnv(io.env, logger, mode, db.lock)),
    ...(await moyasarFromEnv(io.env, logger, mode)),
  ];
  const notifications = await notificationsFromEnv(io.env, logger, mode);
  const metrics = createMetrics();
  let draining = false;
  const outbox = createOutboxWorker({
    db,
    mailer: notifications.mailer,
    sms: notifications.sms,
    logger,
    pollMs: 500,
    // The notification templates, plus merchant webhooks: their template and signed HTTP sender.
    ...merchantWorkerOptions(db, logger, defaultTemplates({ storage, db, vault }), vault, () => metrics.webhookFailed()),
  });
  outbox.start();
  const sweepSeconds = Number(io.env.OMNI_SWEEP_INTERVAL_SECONDS ?? 600);
  const sweeper = createSweeper(db, {
    intervalMs: sweepSeconds * 1000,
    sessionRetentionMs: days(io.env.OMNI_RETENTION_DAYS, SWEEPER_DEFAULTS.sessionRetentionMs),
    eventRetentionMs: days(io.env.OMNI_EVENT_RETENTION_DAYS, SWEEPER_DEFAULTS.eventRetentionMs),
    onSwept: (result) => logger.info(result, 'retention sweep'),
    onError: (error) => logger.error({ err: error }, 'retention sweep failed'),
  });
  if (sweepSeconds > 0) sweeper.start();
  // Crash tests (docs/security.md R34): OMNI_FAULT_POINT=confirm:after-provider-call makes the process die
  // there with SIGKILL, as a power cut would. Never honoured in production.
  const faultPoint = mode.dev ? io.env.OMNI_FAULT_POINT : undefined;
  const fault = faultPoint ? (point: string) => void (point === faultPoint && process.kill(process.pid, 'SIGKILL')) : undefined;
  const app = createApp({
    storage,
    providers,
    logger,
    dev: mode.dev,
    ...(fault ? { fault } : {}),
    ...(io.env.OMNI_CONFIRM_LEASE_SECONDS ? { confirmLeaseMs: Number(io.env.OMNI_CONFIRM_LEASE_SECONDS) * 1000 } : {}),
    devMailbox: notifications.devMailbox,
    outbox,
    allowHttpWebhooks: mode.dev,
    metrics,
    draining: () => draining,
    ...(io.env.METRICS_TOKEN ? { metricsToken: io.env.METRICS_TOKEN } : {}),
    // Handoff links to another device live this many minutes (1–15, default 10; docs/omnichannel.md).
    ...(io.env.OMNI_HANDOFF_MINUTES ? { handoff: { minutes: Number(io.env.OMNI_HANDOFF_MINUTES) } } : {}),
    identity: {
      db,
      vault,
      mailer: notifications.mailer,
      sms: notifications.smsAvailable ? notifications.sms : null,
      smsCountries: io.env.OMNI_SMS_COUNTRIES?.split(',').map((c) => c.trim().toUpperCase()),
      limits: {
        ...DEFAULT_LIMITS,
        ...(io.env.OMNI_OTP_SENDS_PER_IDENTITY ? { sendsPerIdentity: Number(io.env.OMNI_OTP_SENDS_PER_IDENTITY) } : {}),
        ...(io.env.OMNI_OTP_SENDS_PER_IP ? { sendsPerIp: Number(io.env.OMNI_OTP_SENDS_PER_IP) } : {}),
      },
      trustProxy: io.env.TRUST_PROXY === '1',
      ...(io.env.OMNI_STEP_UP_NEW_COUNTRY_ABOVE ? { stepUpNewCountryAbove: stepUpThreshold(io.env.OMNI_STEP_UP_NEW_COUNTRY_ABOVE) } : {}),
    },
  });
  // Payments whose confirm never answered (a crash, a hung provider call) are settled without the
  // shopper: every OMNI_RECONCILE_SECONDS (default 5), sessions processing past the lease.
  const confirmLeaseMs = io.env.OMNI_CONFIRM_LEASE_SECONDS ? Number(io.env.OMNI_CONFIRM_LEASE_SECONDS) * 1000 : undefined;
  const reconciler = createReconciler(
    { storage, db, logger, now: () => new Date(), providers: new Map(providers.map((p) => [p.id, p])), ...(confirmLeaseMs !== undefined ? { confirmLeaseMs } : {}) },
    { intervalMs: Number(io.env.OMNI_RECONCILE_SECONDS ?? 5) * 1000 },
  );
  reconciler.start();
  const server = listen(app.fetch, { port, hostname }, (info) => {
    logger.info({ url: `http://${hostname}:${info.port}`, providers: providers.map((p) => p.id) }, 'omni-checkout listening');
  });
  // Graceful shutdown (cli/shutdown.ts): /readyz answers 503, no new connections, in-flight
  // requests (a confirm waiting on its provider) finish, then the outbox and the database close.
  await drainAndStop(server, logger, {
    onDrain: () => {
      draining = true;
    },
    timeoutMs: Number(io.env.OMNI_SHUTDOWN_TIMEOUT_SECONDS ?? 25) * 1000,
  });
  await reconciler.stop();
  await sweeper.stop();
  await outbox.stop();
  await notifications.close();
  await db.close();
  logger.flush();
  return 0;
}

async function rotateKeysCommand(io: CliIo): Promise<number> {
  const vault = vaultFromEnv(io.env);
  const db = await openDb(storageOptions(io));
  try {
    await migrate(db);
    const count = await rotateKeys(db, vault);
    io.out(`Re-encrypted ${count} value(s) under data key "${vault.currentKeyId}".`);
  } finally {
    await db.close();
  }
  return 0;
}

async function migrateCommand(io: CliIo): Promise<number> {
  const db = await openDb(storageOptions(io));
  try {
    const applied = await migrate(db);
    io.out(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await db.close();
  }
  return 0;
}

async function merchantCreateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      provider: { type: 'string', multiple: true },
      'capture-method': { type: 'string' },
      'resume-window-days': { type: 'string' },
      'publishable-key': { type: 'string' },
      'secret-key': { type: 'string' },
    },
  });
  if (!values['publishable-key'] !== !values['secret-key']) {
    throw new Error('Pass both --publishable-key and --secret-key, or neither to generate new keys.');
  }
  const parsed = SeedMerchant.safeParse({
    name: values.name,
    allowedOrigins: values.origin ?? [],
    ...(values.provider ? { providers: values.provider } : {}),
    ...(values['capture-method'] ? { captureMethod: values['capture-method'] } : {}),
    ...(values['resume-window-days'] !== undefined ? { resumeWindowDays: Number(values['resume-window-days']) } : {}),
    publishableKey: values['publishable-key'] ?? newPublishableKey(),
    secretKey: values['secret-key'] ?? newSecretKey(),
  });
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const input = parsed.data;
  const { storage, db } = await createStorage(storageOptions(io));
  try {
    const merchant = await storage.upsertMerchant(input);
    io.out(`Merchant "${merchant.name}" (${merchant.id}), origins: ${merchant.allowedOrigins.join(' ') || '(none)'}`);
    io.out(`Providers: ${merchant.providers.join(', ')}`);
    if (merchant.captureMethod === 'manual') io.out('Capture: manual (payments are authorised; capture them with POST /v1/orders/{id}/capture)');
    io.out(`Publishable key: ${merchant.publishableKey}`);
    io.out(`Secret key:      ${input.secretKey}`);
    io.out('The secret key is shown only now; only its hash is stored.');
  } finally {
    await db.close();
  }
  return 0;
}

/** Runs one command; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === 'serve') return serveCommand(argv.slice(1), io);
  if (command === 'migrate') return migrateCommand(io);
  if (command === 'rotate-keys') return rotateKeysCommand(io);
  if (command === 'merchant' && sub === 'create') return merchantCreateCommand(rest, io);
  if (command === 'webhooks') return webhooksCommand(argv.slice(1), { ...io, storageOptions: storageOptions(io) });
  if (command === 'gift-cards') return giftCardsCommand(argv.slice(1), { ...io, storageOptions: storageOptions(io) });
  if (command === 'store-credit') return storeCreditCommand(argv.slice(1), { ...io, storageOptions: storageOptions(io) });
  if (command === 'payment-links') {
    const publicUrl = io.env.OMNI_PUBLIC_URL ?? 'http://localhost:8787';
    return paymentLinksCommand(argv.slice(1), { ...io, storageOptions: storageOptions(io), publicUrl });
  }
  io.out(USAGE);
  return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
}
