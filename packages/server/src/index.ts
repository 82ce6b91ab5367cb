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
