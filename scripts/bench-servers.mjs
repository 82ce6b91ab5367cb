#!/usr/bin/env node
/**
 * The two servers `pnpm bench` (bench-backend.mjs) measures the backend against, each run in a
 * process of its own on the servers' core:
 *
 *   node scripts/bench-servers.mjs --bare PORT BODIES.json
 *   node scripts/bench-servers.mjs --floor PORT BODIES.json DATABASE_URL POOL_SIZE
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const hex = (bytes) => randomBytes(bytes).toString('hex');

// ---------------------------------------------------------------------------------------------
// Bare server: `node bench-servers.mjs --bare PORT BODIES.json`
function bareServer() {
  const bodies = JSON.parse(readFileSync(process.argv[4], 'utf8'));
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      // A similar JSON endpoint: parse the body a POST carries, answer the backend's body for that path.
      if (chunks.length) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const key = req.url.split('/')[1] ?? '';
      const body = bodies[key] ?? '{"ok":true}';
      res.writeHead(key === 'create' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.argv[3]), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}


// ---------------------------------------------------------------------------------------------
// Floor: `node bench-servers.mjs --floor PORT BODIES.json DATABASE_URL POOL_SIZE`
//
// `node:http` and `pg` (or, with BENCH_FLOOR_DRIVER=postgres, postgres.js) with nothing between them, doing the least database work each endpoint has to
// do, with the backend's pool (same size, pipeline mode): the read fetches the session's row by id;
// the create inserts a full session row; the confirm reads the session, then updates it and inserts
// an order row in one transaction (BEGIN, UPDATE, INSERT and COMMIT sent together). No framework,
// validation, authentication, view, provider call, log or email. Its ratio to the bare server is the
// most any backend on this runtime and driver could reach on this machine for that endpoint.
async function floorServer() {
  const [, , , port, bodiesFile, connectionString, poolSize] = process.argv;
  const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));
  // `BENCH_FLOOR_DRIVER=postgres`: the same work through postgres.js (porsager/postgres) instead of pg,
  // to see how much of the floor is the driver's (docs/backend-operations.md, "Sixth pass").
  const floorDb = process.env.BENCH_FLOOR_DRIVER === 'postgres' ? postgresJsFloor : pgFloor;
  const { work, end } = await floorDb(connectionString, Number(poolSize), bodies);
  let reported = false;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (chunks.length) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const [, key = '', sessionId] = req.url.split('/');
      const body = bodies[key] ?? '{"ok":true}';
      (work[key] ?? work.healthz)(sessionId).then(
        () => {
          res.writeHead(key === 'create' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        },
        (error) => {
          if (!reported) process.stderr.write(`floor ${key}: ${error.message} (further errors not shown)\n`);
          reported = true;
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error.message));
        },
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(port), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => end().then(() => process.exit(0))));
}

/** The pool's size: the backend's, or what PostgreSQL's max_connections leaves beside the backend's pool. */
function floorPoolSize(maxConnections, poolSize) {
  return Math.max(1, Math.min(poolSize, maxConnections - poolSize - 5));
}

const FLOOR_ORDERS = 'CREATE TABLE IF NOT EXISTS bench_floor_orders (id text PRIMARY KEY, session_id text NOT NULL, amount bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())';

/** The read session's row under a new id and secret: one INSERT with every column a parameter. */
function cloneValues(columns, row) {
  return columns.map(({ name, json }) =>
    name === 'id' ? `cs_${hex(12)}` : name === 'client_secret_hash' ? sha256(hex(32)) : json && row[name] !== null ? JSON.stringify(row[name]) : row[name],
  );
}

/** The floor's database work through pg, with the backend's pool settings (pipeline mode). */
async function pgFloor(connectionString, poolSize, bodies) {
  const { Pool } = createRequire(join(root, 'packages/server/package.json'))('pg');
  const probe = new Pool({ connectionString, max: 1 });
  const maxConnections = Number((await probe.query('SHOW max_connections')).rows[0].max_connections);
  await probe.end();
  const pool = new Pool({ connectionString, max: floorPoolSize(maxConnections, poolSize), pipeline: true });
  const columns = (await pool.query(COLUMNS)).rows;
  const row = (await pool.query(READ, [bodies.readId])).rows[0];
  const insert = insertOf(columns);
  await pool.query(FLOOR_ORDERS);
  const work = {
    healthz: async () => undefined,
    read: async () => {
      if (!(await pool.query(READ, [bodies.readId])).rows[0]) throw new Error('no session');
    },
    create: async () => void (await pool.query(insert, cloneValues(columns, row))),
    confirm: async (sessionId) => {
      if (!(await pool.query(READ, [sessionId])).rows[0]) throw new Error('no session');
      const orderId = `ord_${hex(12)}`;
      const client = await pool.connect();
      try {
        // BEGIN, UPDATE, INSERT and COMMIT sent together.
        await Promise.all([
          client.query('BEGIN'),
          client.query(COMPLETE, [sessionId, orderId]),
          client.query(ORDER, [orderId, sessionId, 4848]),
          client.query('COMMIT'),
        ]);
      } finally {
        client.release();
      }
    },
  };
  return { work, end: () => pool.end() };
}

/** The same work through postgres.js: prepared statements, and a transaction's statements pipelined. */
async function postgresJsFloor(connectionString, poolSize, bodies) {
  const { default: postgres } = await import('postgres');
  const probe = postgres(connectionString, { max: 1 });
  const maxConnections = Number((await probe.unsafe('SHOW max_connections'))[0].max_connections);
  await probe.end();
  const sql = postgres(connectionString, { max: floorPoolSize(maxConnections, poolSize), onnotice: () => undefined });
  const columns = await sql.unsafe(COLUMNS);
  const row = (await sql.unsafe(READ, [bodies.readId], { prepare: true }))[0];
  const insert = insertOf(columns);
  await sql.unsafe(FLOOR_ORDERS);
  const work = {
    healthz: async () => undefined,
    read: async () => {
      if (!(await sql.unsafe(READ, [bodies.readId], { prepare: true }))[0]) throw new Error('no session');
    },
    create: async () => void (await sql.unsafe(insert, cloneValues(columns, row), { prepare: true })),
    confirm: async (sessionId) => {
      if (!(await sql.unsafe(READ, [sessionId], { prepare: true }))[0]) throw new Error('no session');
      const orderId = `ord_${hex(12)}`;
      // Returning the queries unawaited: postgres.js pipelines them between its BEGIN and COMMIT.
      await sql.begin((tx) => [tx.unsafe(COMPLETE, [sessionId, orderId], { prepare: true }), tx.unsafe(ORDER, [orderId, sessionId, 4848], { prepare: true })]);
    },
  };
  return { work, end: () => sql.end() };
}

const COLUMNS = `SELECT column_name AS name, data_type IN ('json', 'jsonb') AS json FROM information_schema.columns WHERE table_name = 'checkout_sessions' ORDER BY ordinal_position`;
const READ = 'SELECT * FROM checkout_sessions WHERE id = $1';
const COMPLETE = `UPDATE checkout_sessions SET status = 'complete', order_id = $2 WHERE id = $1 AND status = 'open'`;
const ORDER = 'INSERT INTO bench_floor_orders (id, session_id, amount) VALUES ($1, $2, $3)';
const insertOf = (columns) => `INSERT INTO checkout_sessions (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;

if (process.argv[2] === '--bare') bareServer();
else if (process.argv[2] === '--floor') await floorServer();
else {
  process.stderr.write('Usage: bench-servers.mjs --bare PORT BODIES.json | --floor PORT BODIES.json DATABASE_URL POOL_SIZE\n');
  process.exit(2);
}
