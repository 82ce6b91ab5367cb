/**
 * A migrated in-memory PGlite in about a fifth of the time: the server's tests open hundreds of them
 * (one per `describe` or file), and most of the cost of each is PGlite's `initdb` (about 2 s on the
 * CI machine), not the migrations. The first database of a schema is created and migrated once, its
 * data directory dumped (`dumpDataDir`), and every later one starts from that dump (`loadDataDir`,
 * about 0.4 s).
 *
 * The dump is kept in memory for the process and in the OS temp directory for the next processes
 * (Vitest runs each test file in a process of its own), named after a hash of every migration and
 * the PGlite version, so a changed migration or PGlite never loads an old schema. A database opened
 * here is the same as `openPglite()` followed by `migrate()`: `migrate()` on it applies nothing
 * (tested in `pglite-snapshot.test.ts`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openPglite, type Db } from '../storage/db.js';
import { migrate, MIGRATIONS } from '../storage/migrations.js';

const PREFIX = 'omni-pglite-migrated-';

function snapshotFile(): string {
  // PGlite's package.json is not exported: it is read next to its entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  const hash = createHash('sha256').update(version).update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 16);
  return join(process.env.OMNI_PGLITE_SNAPSHOT_DIR ?? tmpdir(), `${PREFIX}${hash}.tar`);
}

async function fromDisk(file: string): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(file)]);
  } catch {
    return undefined;
  }
}

async function createSnapshot(file: string): Promise<Blob> {
  const fresh = await openPglite();
  try {
    await migrate(fresh);
    const dump = await fresh.dump();
    // Written under a name of its own and renamed: processes racing to write it never read half a file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
    await removeStale(file);
    return dump;
  } finally {
    await fresh.close();
  }
}

/** Snapshots of older schemas (42 MB each) are removed when a new one is written. */
async function removeStale(current: string): Promise<void> {
  const dir = join(current, '..');
  const stale = (await readdir(dir)).filter((name) => name.startsWith(PREFIX) && !name.includes('.partial') && join(dir, name) !== current);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
}

let snapshot: Promise<Blob> | undefined;

/** An in-memory PGlite with every migration applied, started from the schema's snapshot. */
export async function openMigratedPglite(): Promise<Db> {
  snapshot ??= (async () => {
    const file = snapshotFile();
    return (await fromDisk(file)) ?? createSnapshot(file);
  })();
  return openPglite(undefined, { loadDataDir: await snapshot });
}
