export { createApp, type App, type AppOptions } from './app.js';
export { createLogger, scrub, type Logger, type LoggerOptions } from './logger.js';
export { applySeed, readSeedFile, Seed, SeedMerchant } from './seed.js';
export { runCli } from './cli/run.js';
export {
  createStorage,
  openDb,
  migrate,
  MIGRATIONS,
  openPglite,
  openPostgres,
  storageFromDb,
  type Db,
  type Queryable,
  type Storage,
  type StorageOptions,
  type MerchantRecord,
  type MerchantInput,
  type SessionRecord,
  type OrderRecord,
  type AttemptRecord,
} from './storage/index.js';
export { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './notifications/outbox.js';
export { createWebhookSender, merchantWebhookTemplate, MERCHANT_WEBHOOK_TEMPLATE, signedHeaders } from './webhooks/delivery.js';
export { emitMerchantEvent, webhookStore, type NewMerchantEvent, type WebhookStore } from './webhooks/store.js';
export { createRefund, applyRefundUpdate, settleRefund, orderMoney, refundById, type MoneyDeps, type RefundRequest } from './money/refunds.js';
export { createVault, type Vault } from './identity/vault.js';
export { paymentLinkMessage, PAYMENT_LINK_TEMPLATE } from './links/send.js';
