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
// `node:http` and `pg` with nothing between them, doing the least database work each endpoint has to
// do, with the backend's pool (same size, pipeline mode): the read fetches the session's row by id;
// the create inserts a full session row; the confirm reads the session, then updates it and inserts
// an order row in one transaction (BEGIN, UPDATE, INSERT and COMMIT sent together). No framework,
// validation, authentication, view, provider call, log or email. Its ratio to the bare server is the
// most any backend on this runtime and driver could reach on this machine for that endpoint.
async function floorServer() {
  const [, , , port, bodiesFile, connectionString, poolSize] = process.argv;
  const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));
  const { Pool } = createRequire(join(root, 'packages/server/package.json'))('pg');
  // The backend's pool stays open beside this one: both must fit in PostgreSQL's max_connections
  // (100 by default), so the floor takes the backend's size or what is left, whichever is smaller.
  const probe = new Pool({ connectionString, max: 1 });
  const maxConnections = Number((await probe.query('SHOW max_connections')).rows[0].max_connections);
  await probe.end();
  const max = Math.max(1, Math.min(Number(poolSize), maxConnections - Number(poolSize) - 5));
  const pool = new Pool({ connectionString, max, pipeline: true });
  const columns = (
    await pool.query(`SELECT column_name AS name, data_type IN ('json', 'jsonb') AS json FROM information_schema.columns WHERE table_name = 'checkout_sessions' ORDER BY ordinal_position`)
  ).rows;
  const template = {
    columns,
    row: (await pool.query('SELECT * FROM checkout_sessions WHERE id = $1', [bodies.readId])).rows[0],
    insert: `INSERT INTO checkout_sessions (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
  };
  await pool.query('CREATE TABLE IF NOT EXISTS bench_floor_orders (id text PRIMARY KEY, session_id text NOT NULL, amount bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  const work = {
    healthz: async () => undefined,
    read: async () => {
      const { rows } = await pool.query('SELECT * FROM checkout_sessions WHERE id = $1', [bodies.readId]);
      if (!rows[0]) throw new Error('no session');
    },
    create: async () => {
      // The read session's row under a new id and secret: one INSERT with every column a parameter.
      const values = template.columns.map(({ name, json }) =>
        name === 'id' ? `cs_${hex(12)}` : name === 'client_secret_hash' ? sha256(hex(32)) : json && template.row[name] !== null ? JSON.stringify(template.row[name]) : template.row[name],
      );
      await pool.query(template.insert, values);
    },
    confirm: async (sessionId) => {
      const { rows } = await pool.query('SELECT * FROM checkout_sessions WHERE id = $1', [sessionId]);
      if (!rows[0]) throw new Error('no session');
      const orderId = `ord_${hex(12)}`;
      const client = await pool.connect();
      try {
        const sent = [
          client.query('BEGIN'),
          client.query(`UPDATE checkout_sessions SET status = 'complete', order_id = $2 WHERE id = $1 AND status = 'open'`, [sessionId, orderId]),
          client.query('INSERT INTO bench_floor_orders (id, session_id, amount) VALUES ($1, $2, $3)', [orderId, sessionId, 4848]),
          client.query('COMMIT'),
        ];
        await Promise.all(sent);
      } finally {
        client.release();
      }
    },
  };
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
  process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
}

if (process.argv[2] === '--bare') bareServer();
else if (process.argv[2] === '--floor') await floorServer();
else {
  process.stderr.write('Usage: bench-servers.mjs --bare PORT BODIES.json | --floor PORT BODIES.json DATABASE_URL POOL_SIZE\n');
  process.exit(2);
}
