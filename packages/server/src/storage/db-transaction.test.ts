/**
 * `Db.transaction` on PostgreSQL in pipeline mode (`db.ts`): statements sent together run in the
 * order they were sent, BEGIN travels with the first statement and `last` with the COMMIT, and a
 * failure anywhere leaves nothing behind. PGlite has no `last` (`commitWith` falls back to `query`).
 */
import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable, usePostgres } from '../test/databases.js';
import { commitWith, openPostgres, type Db } from './db.js';

describe.runIf(postgresReachable)('PostgreSQL transactions, pipelined', () => {
  const database = usePostgres('omni_dbtx', { migrate: false });
  // One connection: every transaction below reuses the connection the one before it left.
  let single: Db;
  beforeAll(async () => {
    await database().query('CREATE TABLE notes (id text PRIMARY KEY, n integer NOT NULL CHECK (n >= 0))');
    single = openPostgres(database.url(), { poolSize: 1 });
  });
  afterAll(() => single?.close());

  const value = async (id: string) => (await database().query<{ n: number }>('SELECT n FROM notes WHERE id = $1', [id])).rows[0]?.n ?? null;

  it('runs statements sent together in the order they were sent, and commits with the last one', async () => {
    const answer = await single.transaction(async (tx) => {
      const [, updated] = await Promise.all([
        tx.query('INSERT INTO notes (id, n) VALUES ($1, 1)', ['a']),
        tx.query<{ n: number }>('UPDATE notes SET n = n + 10 WHERE id = $1 RETURNING n', ['a']),
      ]);
      expect(updated.rows).toEqual([{ n: 11 }]);
      const { rows } = await commitWith<{ n: number }>(tx, 'UPDATE notes SET n = n * 2 WHERE id = $1 RETURNING n', ['a']);
      return rows[0]!.n;
    });
    expect(answer).toBe(22);
    // Committed: another connection sees it.
    expect(await value('a')).toBe(22);
  });

  it('sends BEGIN with the first statements, and the last statement with COMMIT, each group in one socket write', async () => {
    // Count the writes the database connections make (pg alone wrote each statement on its own: 5 here).
    const writes: string[] = [];
    const original = { write: Socket.prototype._write, writev: Socket.prototype._writev };
    const count = (kind: string) =>
      function (this: Socket, ...args: unknown[]) {
        if (this.remotePort === Number(new URL(database.url()).port || 5432)) writes.push(kind);
        return (original[kind as 'write'] as (...a: unknown[]) => unknown).apply(this, args);
      };
    Socket.prototype._write = count('write') as typeof Socket.prototype._write;
    Socket.prototype._writev = count('writev') as typeof Socket.prototype._writev;
    try {
      const n = await single.transaction(async (tx) => {
        await Promise.all([
          tx.query('INSERT INTO notes (id, n) VALUES ($1, 1)', ['w']),
          tx.query('UPDATE notes SET n = n + 1 WHERE id = $1', ['w']),
        ]);
        const { rows } = await commitWith<{ n: number }>(tx, 'UPDATE notes SET n = n + 1 WHERE id = $1 RETURNING n', ['w']);
        return rows[0]!.n;
      });
      expect(n).toBe(3);
    } finally {
      Socket.prototype._write = original.write;
      Socket.prototype._writev = original.writev;
    }
    // BEGIN + INSERT + UPDATE, then UPDATE + COMMIT.
    expect(writes).toHaveLength(2);
    expect(await value('w')).toBe(3);
  });

  it('rolls the whole transaction back when its last statement fails, and says so', async () => {
    await expect(
      single.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (id, n) VALUES ($1, 5)', ['b']);
        // n >= 0 is violated: COMMIT then answers a rollback, and the statement's error is raised.
        await commitWith(tx, 'UPDATE notes SET n = n - 6 WHERE id = $1', ['b']);
      }),
    ).rejects.toThrow(/notes_n_check/);
    expect(await value('b')).toBeNull();
  });

  it('refuses statements after a failed last, even when the function catches its error', async () => {
    await expect(
      single.transaction(async (tx) => {
        await commitWith(tx, 'INSERT INTO notes (id, n) VALUES ($1, -1)', ['c']).catch(() => undefined);
        await tx.query('INSERT INTO notes (id, n) VALUES ($1, 1)', ['c']);
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await value('c')).toBeNull();
  });

  it('rolls back every statement sent with a failing one, and the connection serves the next transaction', async () => {
    await expect(
      single.transaction((tx) =>
        Promise.all([
          tx.query('INSERT INTO notes (id, n) VALUES ($1, 1)', ['d']),
          tx.query('INSERT INTO notes (id, n) VALUES ($1, 1)', ['d']),
          tx.query('INSERT INTO notes (id, n) VALUES ($1, 1)', ['e']),
        ]),
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await value('d')).toBeNull();
    expect(await value('e')).toBeNull();
    await single.transaction((tx) => tx.query('INSERT INTO notes (id, n) VALUES ($1, 3)', ['f']));
    expect(await value('f')).toBe(3);
  });

  it('leaves nothing when the first statement (sent with BEGIN) fails', async () => {
    await expect(
      single.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (id, n) VALUES ($1, -5)', ['g']);
      }),
    ).rejects.toThrow(/notes_n_check/);
    expect(await value('g')).toBeNull();
    // Not left inside a transaction: a plain statement on the same connection commits at once.
    await single.query('INSERT INTO notes (id, n) VALUES ($1, 4)', ['h']);
    expect(await value('h')).toBe(4);
  });

  it('reads after the last statement see what it committed', async () => {
    const seen = await single.transaction(async (tx) => {
      await commitWith(tx, 'INSERT INTO notes (id, n) VALUES ($1, 7)', ['i']);
      return (await tx.query<{ n: number }>('SELECT n FROM notes WHERE id = $1', ['i'])).rows[0]?.n;
    });
    expect(seen).toBe(7);
  });
});
