/**
 * Every SQL statement a `Db` sends, as PostgreSQL counts them (`pg_stat_statements`): a
 * transaction's BEGIN and its COMMIT (or ROLLBACK) are statements of their own, whether or not they
 * travel with another on the wire (`storage/db.ts`, pipeline mode).
 */
import { commitWith, type Db, type Queryable } from '../storage/db.js';

export interface StatementLog {
  /** The statements sent since the last `reset()`, in the order sent. */
  readonly sent: string[];
  reset(): void;
}

/** `db` with every statement it sends recorded in `log`. */
export function countingDb(db: Db): { db: Db; log: StatementLog } {
  const sent: string[] = [];
  const log: StatementLog = { sent, reset: () => void sent.splice(0) };
  const record = <T>(query: Queryable['query'], sql: string, params?: readonly unknown[]) => {
    sent.push(sql);
    return query<T>(sql, params);
  };
  const counted: Db = {
    query: (sql, params) => record(db.query.bind(db), sql, params),
    transaction: async (fn) => {
      sent.push('BEGIN');
      try {
        const result = await db.transaction((tx) =>
          fn({
            query: (sql, params) => record(tx.query.bind(tx), sql, params),
            last: (sql, params) => record((s, p) => commitWith(tx, s, p), sql, params),
          }),
        );
        sent.push('COMMIT');
        return result;
      } catch (error) {
        sent.push('ROLLBACK');
        throw error;
      }
    },
    lock: (key, task) => db.lock(key, task),
    close: () => db.close(),
  };
  return { db: counted, log };
}
