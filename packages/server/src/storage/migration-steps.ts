/**
 * The steps of one migration besides its statements (migrations.ts, `migrate`): the `Migration`
 * shape with the indexes it builds outside its transaction, and the build itself on PostgreSQL
 * (`CREATE INDEX CONCURRENTLY`, with the INVALID index a failed build leaves behind).
 */
import type { Queryable } from './db.js';

/**
 * An index a migration builds outside its transaction, after its statements have committed
 * (migrations.ts, `migrate`): on PostgreSQL `CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS <name> ON <table> <definition>`,
 * which lets the table's writes go on during the build; on PGlite (and a `Db` without `session`)
 * the same index without CONCURRENTLY, in the migration's transaction.
 */
export interface IndexBuild {
  /** Unqualified, as PostgreSQL stores it (lower case): the name `IF NOT EXISTS` and the validity check go by. */
  readonly name: string;
  readonly table: string;
  readonly unique?: boolean;
  /** What follows `ON <table>`: the columns, a `USING` method, a `WHERE` of a partial index. */
  readonly definition: string;
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Single statements (PGlite's `query` takes one statement), run in one transaction. */
  readonly statements: readonly string[];
  /**
   * Built one after another once `statements` have committed (`IndexBuild`). The version is recorded
   * only after every build (and every drop below) has succeeded, so a migration stopped in between
   * runs again from the start: its `statements` must then be safe to run twice (`IF NOT EXISTS`).
   */
  readonly indexes?: readonly IndexBuild[];
  /** Indexes dropped once every build is valid (`DROP INDEX [CONCURRENTLY] IF EXISTS`): those the new ones replace. */
  readonly dropIndexes?: readonly string[];
}

/** `CREATE [UNIQUE] INDEX [CONCURRENTLY] IF NOT EXISTS` of `index`. */
export const createIndex = (index: IndexBuild, concurrently: boolean) =>
  `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS ${index.name} ON ${index.table} ${index.definition}`;

/** `fn` in one transaction on `connection` (a session: `Db.session`), committed when it resolves. */
export async function inTransaction(connection: Queryable, fn: () => Promise<void>): Promise<void> {
  await connection.query('BEGIN');
  try {
    await fn();
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await connection.query('COMMIT');
}

/** Whether `index` exists as an index on its table, and whether PostgreSQL may use it (`pg_index.indisvalid`). */
async function indexState(connection: Queryable, index: IndexBuild): Promise<'missing' | 'invalid' | 'valid' | 'elsewhere'> {
  const { rows } = await connection.query<{ valid: boolean; on_table: boolean }>(
    'SELECT i.indisvalid AS valid, i.indrelid = to_regclass($2) AS on_table FROM pg_index i WHERE i.indexrelid = to_regclass($1)',
    [index.name, index.table],
  );
  const row = rows[0];
  if (!row) {
    const other = await connection.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [index.name]);
    return other.rows[0]?.exists ? 'elsewhere' : 'missing';
  }
  if (!row.on_table) return 'elsewhere';
  return row.valid ? 'valid' : 'invalid';
}

/** A migration's index that could not be built, or was built INVALID: the migration is not recorded. */
export class IndexBuildError extends Error {
  constructor(migration: Migration, index: IndexBuild, problem: string, options?: { cause?: unknown }) {
    super(
      `Migration ${migration.version}: index ${index.name} on ${index.table} ${problem}. The migration is not recorded as ` +
        'applied (its statements, committed already, run again harmlessly). Fix the cause and run the migrations again ' +
        `(omni-checkout migrate, or restart the server): an INVALID ${index.name} left behind is dropped ` +
        '(DROP INDEX CONCURRENTLY) and the index built again. See "Index builds" in docs/backend-operations.md.',
      options,
    );
    this.name = 'IndexBuildError';
  }
}

/**
 * `CREATE INDEX CONCURRENTLY IF NOT EXISTS` with what it leaves out. A concurrent build that fails
 * (a duplicate under a unique index, a cancel, a statement_timeout, a deadlock) leaves its index
 * behind INVALID: unused by queries, still updated by every write, and skipped by `IF NOT EXISTS`
 * forever. So an INVALID index of the name is dropped before the build; after it, the index must
 * exist, on its table, valid; a failed build drops what it left (when it can; the next run does
 * otherwise). Runs under the migration lock (migrations.ts, `migrate`): no other migrator's build
 * of the index can be under way, so an INVALID index found here is a leftover.
 */
export async function buildConcurrently(connection: Queryable, migration: Migration, index: IndexBuild): Promise<void> {
  const before = await indexState(connection, index);
  if (before === 'elsewhere') {
    throw new IndexBuildError(migration, index, `cannot be built: the name belongs to another relation (not an index on ${index.table})`);
  }
  if (before === 'invalid') await connection.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.name}`);
  try {
    await connection.query(createIndex(index, true));
  } catch (error) {
    if ((await indexState(connection, index).catch(() => undefined)) === 'invalid') {
      await connection.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index.name}`).catch(() => undefined);
    }
    // PostgreSQL's detail names what broke the build, e.g. the duplicated key of a unique index.
    const { message, detail } = error as { message: string; detail?: string };
    throw new IndexBuildError(migration, index, `could not be built (${message}${detail ? `: ${detail}` : ''})`, { cause: error });
  }
  const after = await indexState(connection, index);
  if (after !== 'valid') {
    throw new IndexBuildError(migration, index, after === 'invalid' ? 'was built INVALID (pg_index.indisvalid = false)' : 'is missing after its build');
  }
}
