import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../storage/migrations.js';
import { openMigratedPglite } from './pglite-snapshot.js';

describe('a migrated PGlite from the snapshot', () => {
  it('holds every migration, so migrate() applies nothing', async () => {
    const db = await openMigratedPglite();
    try {
      const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
      expect(rows.map((row) => Number(row.version)).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('gives every database its own data: what one writes is not in the next', async () => {
    const first = await openMigratedPglite();
    const second = await openMigratedPglite();
    const probe = (db: typeof first) => db.query<{ found: boolean }>(`SELECT to_regclass('snapshot_probe') IS NOT NULL AS found`).then(({ rows }) => rows[0]!.found);
    try {
      await first.query('CREATE TABLE snapshot_probe (x integer)');
      expect(await probe(first)).toBe(true);
      expect(await probe(second)).toBe(false);
      const third = await openMigratedPglite();
      expect(await probe(third)).toBe(false);
      await third.close();
    } finally {
      await first.close();
      await second.close();
    }
  });
});
