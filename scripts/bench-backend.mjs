#!/usr/bin/env node
/**
 * `pnpm bench`: the token backend side by side with a bare `node:http` server answering a similar
 * JSON body, on PostgreSQL and PGlite, interleaved rounds, autocannon on loopback.
 *
 * The servers run on core 0 (`taskset -c 0`), this script and its load generator on core 1. Each
 * endpoint runs `--rounds` rounds of `--seconds` seconds, alternating bare and backend, and the
 * table shows medians: req/s, the backend/bare ratio (computed per round), p50/p99 latency and the
 * server CPU per request (utime + stime from /proc/<pid>/stat around each round; stime, the kernel's
 * share, in brackets: loopback TCP to PostgreSQL is charged to the backend). "CPU ratio" is bare
 * CPU per request / backend CPU per request: the throughput ratio both would reach on a core of
 * their own, which stays meaningful when other work on the machine starves both servers. Each
 * endpoint starts with a 1 s warm-up round of each server, not recorded.
 *
 * On PostgreSQL a third server takes its turn in every round: the floor (`floorServer` in bench-servers.mjs),
 * `node:http` + `pg` doing only each endpoint's least database work, whose ratio is the most any
 * backend on this runtime and driver could reach on this machine (docs/backend-operations.md).
 *
 *   pnpm bench [--db pg,pglite] [--rounds 3] [--seconds 3] [--connections 100]
 *              [--only healthz,read,create,create-1,confirm,confirm-1] [--cpu-prof DIR] [--json FILE] [--cli PATH]
 *
 * PostgreSQL: `BENCH_DATABASE_URL` or `TEST_DATABASE_URL` (an admin URL; a database is created and
 * dropped), default postgres://postgres@127.0.0.1:5432/postgres. Not part of `pnpm test`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The bare and floor servers (bench-servers.mjs). */
const serversScript = join(root, 'scripts/bench-servers.mjs');

function hasTaskset() {
  return spawnSync('taskset', ['--version']).status === 0;
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'pg,pglite' },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '100' },
      only: { type: 'string', default: 'healthz,read,create,create-1,confirm,confirm-1' },
      'cpu-prof': { type: 'string' },
      /** Another backend entry point (e.g. an older checkout's packages/server/src/cli.ts), to compare versions. */
      cli: { type: 'string', default: 'packages/server/src/cli.ts' },
      json: { type: 'string' },
    },
  });
  // The load generator (this process) on core 1, the servers on core 0.
  if (process.env.BENCH_PINNED !== '1' && hasTaskset()) {
    const child = spawnSync('taskset', ['-c', '1', process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_PINNED: '1' },
    });
    process.exit(child.status ?? 1);
  }
  const autocannon = (await import('autocannon')).default;
  const options = {
    rounds: Number(values.rounds),
    seconds: Number(values.seconds),
    connections: Number(values.connections),
    only: new Set(values.only.split(',')),
    cpuProf: values['cpu-prof'],
    cli: values.cli,
    autocannon,
  };
  const results = [];
  for (const db of values.db.split(',')) results.push(...(await benchDatabase(db.trim(), options)));
  printTable(results);
  if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const hex = (bytes) => randomBytes(bytes).toString('hex');
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** utime + stime of a process in microseconds, and stime (the kernel's share: sockets, loopback TCP) alone. */
function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const sys = Number(fields[12]) * (1_000_000 / 100);
  return { total: Number(fields[11]) * (1_000_000 / 100) + sys, sys };
}

function pinned(args) {
  return hasTaskset() ? ['taskset', ['-c', '0', ...args]] : [args[0], args.slice(1)];
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitHealthy(base, child, logFile) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); log: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // not yet listening
    }
    await wait(100);
  }
  throw new Error(`${base} did not become healthy`);
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, wait(60_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const SESSION = {
  currency: 'EUR',
  country: 'DE',
  lineItems: [
    { id: 'tee', name: 'T-shirt', unitAmount: 1999, quantity: 2 },
    { id: 'mug', name: 'Mug', unitAmount: 850, quantity: 1 },
  ],
  shippingOptions: [
    { id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } },
    { id: 'express', label: 'Express', amount: 1295, deliveryEstimate: { minDays: 1, maxDays: 1 } },
  ],
};
const CONTACT = { email: 'ada@example.com' };
const ADDRESS = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };
const MERCHANT = {
  name: 'Bench Shop',
  publishableKey: 'pk_test_bench_shop',
  secretKey: `sk_test_bench_${'0'.repeat(24)}`,
  allowedOrigins: ['https://shop.bench.example'],
};
const ORIGIN = MERCHANT.allowedOrigins[0];

async function benchDatabase(db, options) {
  const dir = mkdtempSync(join(tmpdir(), 'omni-bench-'));
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify({ merchants: [MERCHANT] }));
  // Mail leaves over SMTP to a sink in this process (core 1), as production hands it to an external
  // relay: the backend still renders and sends each order confirmation, but the development
  // mailbox (an SMTP server and a MIME parser in the backend's own process) stays out of the figures.
  const sink = await smtpSink();
  // One instance takes the whole database here: a pool of 50 (BENCH_POOL_SIZE); the default of 10
  // per instance is sized for several instances sharing a server's ~100 connections.
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '50',
  };
  delete env.DATABASE_URL;
  delete env.BENCH_PINNED;
  let pg = null;
  let dropDb = async () => undefined;
  if (db === 'pg') {
    const requirePg = createRequire(join(root, 'packages/server/package.json'));
    const { Client } = requirePg('pg');
    const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `omni_bench_${hex(4)}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDb = async () => {
      await pg?.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
    pg = new Client({ connectionString: env.DATABASE_URL });
  } else if (db === 'pglite') {
    env.OMNI_DATA_DIR = join(dir, 'pglite');
  } else {
    throw new Error(`--db: pg or pglite, not ${db}`);
  }

  const [apiPort, barePort, floorPort] = [await freePort(), await freePort(), await freePort()];
  const logFile = join(dir, 'server.log');
  const nodeArgs = [
    process.execPath,
    ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`, `--cpu-prof-name=backend-${db}-${Date.now()}.cpuprofile`] : []),
    '--import',
    'tsx',
    '--conditions=source',
    join(root, options.cli),
    'serve',
    // The mock provider and development keys: a production serve refuses both (docs/security.md).
    '--dev',
    '--port',
    String(apiPort),
    '--seed',
    seedFile,
  ];
  const [command, args] = pinned(nodeArgs);
  const out = openSync(logFile, 'a');
  const backend = spawn(command, args, { cwd: root, env, stdio: ['ignore', out, out] });
  const api = `http://127.0.0.1:${apiPort}`;
  const bare = `http://127.0.0.1:${barePort}`;
  const floor = `http://127.0.0.1:${floorPort}`;
  let bareProcess = null;
  let floorProcess = null;
  try {
    await waitHealthy(api, backend, logFile);
    if (pg) await pg.connect();

    const post = async (path, body, headers) => {
      const response = await fetch(api + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: response.status, text: await response.text() };
    };
    const merchantHeaders = { authorization: `Bearer ${MERCHANT.secretKey}` };
    const clientHeaders = (secret) => ({ authorization: `Bearer ${secret}`, 'omni-publishable-key': MERCHANT.publishableKey, origin: ORIGIN });
    const newSession = async (fill) => {
      const created = await post('/v1/checkout-sessions', SESSION, merchantHeaders);
      if (created.status !== 201) throw new Error(`create session: ${created.status} ${created.text}`);
      const { id, clientSecret } = JSON.parse(created.text);
      if (fill) {
        for (const [path, body] of [['/contact', CONTACT], ['/shipping-address', ADDRESS]]) {
          const r = await post(`/v1/client/checkout-sessions/${id}${path}`, body, clientHeaders(clientSecret));
          if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
        }
      }
      return { id, clientSecret, createdBody: created.text };
    };

    // The bodies the bare server answers: the backend's own, so both send the same bytes.
    const reader = await newSession(true);
    const readBody = await (await fetch(`${api}/v1/client/checkout-sessions/${reader.id}`, { headers: clientHeaders(reader.clientSecret) })).text();
    const template = await newSession(true);
    const probe = await newSession(true);
    const confirmed = await post(`/v1/client/checkout-sessions/${probe.id}/confirm`, { paymentMethod: 'pm_mock_success_4242' }, {
      ...clientHeaders(probe.clientSecret),
      'idempotency-key': hex(8),
    });
    if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${confirmed.text}`);
    const bodiesFile = join(dir, 'bodies.json');
    writeFileSync(bodiesFile, JSON.stringify({ healthz: '{"ok":true}', read: readBody, create: reader.createdBody, confirm: confirmed.text, readId: reader.id }));
    const [bareCommand, bareArgs] = pinned([process.execPath, serversScript, '--bare', String(barePort), bodiesFile]);
    bareProcess = spawn(bareCommand, bareArgs, { stdio: 'inherit' });
    await waitHealthy(bare, bareProcess, logFile);
    if (pg) {
      // The floor: node:http + pg doing each endpoint's least database work (floorServer in bench-servers.mjs), on PostgreSQL only.
      const [floorCommand, floorArgs] = pinned([process.execPath, serversScript, '--floor', String(floorPort), bodiesFile, env.DATABASE_URL, env.DATABASE_POOL_SIZE]);
      floorProcess = spawn(floorCommand, floorArgs, { stdio: 'inherit' });
      await waitHealthy(floor, floorProcess, logFile);
    }

    /** Sessions ready to confirm (contact and address set): cloned in SQL on PostgreSQL, made through the API on PGlite. */
    const confirmPool = async (count) => {
      const sessions = Array.from({ length: count }, () => {
        const id = `cs_${hex(12)}`;
        return { id, clientSecret: `${id}_secret_${hex(32)}` };
      });
      if (pg) {
        await pg.query(
          `INSERT INTO checkout_sessions
           SELECT (jsonb_populate_record(NULL::checkout_sessions, to_jsonb(t) || jsonb_build_object('id', ids.id, 'client_secret_hash', ids.h))).*
           FROM checkout_sessions t, unnest($2::text[], $3::text[]) AS ids(id, h) WHERE t.id = $1`,
          [template.id, sessions.map((s) => s.id), sessions.map((s) => sha256(s.clientSecret))],
        );
        return sessions;
      }
      const made = [];
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (made.length < count) made.push(await newSession(true));
      }));
      return made;
    };

    const endpoints = [
      { key: 'healthz', label: '/healthz', connections: options.connections, request: () => ({ path: '/healthz' }) },
      {
        key: 'read',
        label: 'session read (client secret)',
        connections: options.connections,
        request: () => ({ path: `/v1/client/checkout-sessions/${reader.id}`, headers: clientHeaders(reader.clientSecret) }),
      },
      {
        key: 'create',
        label: 'create session (secret key)',
        connections: options.connections,
        request: () => ({ path: '/v1/checkout-sessions', method: 'POST', headers: { ...merchantHeaders, 'content-type': 'application/json' }, body: JSON.stringify(SESSION) }),
      },
      {
        key: 'create-1',
        label: 'create session, 1 connection',
        connections: 1,
        request: () => ({ path: '/v1/checkout-sessions', method: 'POST', headers: { ...merchantHeaders, 'content-type': 'application/json' }, body: JSON.stringify(SESSION) }),
      },
      {
        key: 'confirm',
        label: 'confirm (mock provider)',
        connections: options.connections,
        pool: db === 'pg' ? 15_000 : 600,
        request: (session) => ({
          path: `/v1/client/checkout-sessions/${session.id}/confirm`,
          method: 'POST',
          headers: { ...clientHeaders(session.clientSecret), 'content-type': 'application/json', 'idempotency-key': hex(8) },
          body: JSON.stringify({ paymentMethod: 'pm_mock_success_4242' }),
        }),
      },
      {
        // One confirm at a time: its latency is its round trips to PostgreSQL and its own work.
        key: 'confirm-1',
        label: 'confirm, 1 connection',
        connections: 1,
        pool: db === 'pg' ? 5_000 : 600,
        request: (session) => ({
          path: `/v1/client/checkout-sessions/${session.id}/confirm`,
          method: 'POST',
          headers: { ...clientHeaders(session.clientSecret), 'content-type': 'application/json', 'idempotency-key': hex(8) },
          body: JSON.stringify({ paymentMethod: 'pm_mock_success_4242' }),
        }),
      },
    ].filter((e) => options.only.has(e.key));

    /** `kind`: 'bare', 'floor' or 'backend'. */
    const run = async (target, pid, endpoint, kind, sessions, seconds = options.seconds) => {
      let next = 0;
      let instance;
      const setupRequest = (req) => {
        let session = { id: 'cs_bare', clientSecret: 'cs_bare_secret_bare' };
        if (sessions) {
          session = sessions[next++];
          if (!session) {
            instance?.stop();
            session = sessions[sessions.length - 1];
          }
        }
        const spec = endpoint.request(session);
        const key = endpoint.key.replace('-1', '');
        const path = kind === 'backend' ? spec.path : kind === 'floor' && sessions ? `/${key}/${session.id}` : `/${key}`;
        return { ...req, method: spec.method ?? 'GET', headers: spec.headers ?? {}, body: spec.body, path };
      };
      const cpuBefore = cpuMicros(pid);
      const mailBefore = sink.received();
      const result = await new Promise((resolve, reject) => {
        instance = options.autocannon(
          { url: target, connections: endpoint.connections, duration: seconds, requests: [{ setupRequest }] },
          (error, res) => (error ? reject(error) : resolve(res)),
        );
      });
      const cpuAfter = cpuMicros(pid);
      const cpu = cpuAfter.total - cpuBefore.total;
      const done = result.requests.total;
      return {
        // Order emails the backend delivered to the SMTP sink while the round ran (confirm rounds send one per order).
        mailPerSecond: kind === 'backend' ? (sink.received() - mailBefore) / (result.duration || seconds) : NaN,
        rps: done / (result.duration || seconds),
        p50: result.latency.p50,
        p99: result.latency.p99,
        cpuPerRequest: done ? cpu / done : NaN,
        sysPerRequest: done ? (cpuAfter.sys - cpuBefore.sys) / done : NaN,
        failed: result.non2xx + result.errors + result.timeouts,
        total: done,
      };
    };

    const rows = [];
    for (const endpoint of endpoints) {
      // Warm-up (not recorded): JIT, pools and caches reach their steady state first.
      if (!endpoint.pool) {
        await run(bare, bareProcess.pid, { ...endpoint }, 'bare', null, 1);
        if (floorProcess) await run(floor, floorProcess.pid, { ...endpoint }, 'floor', null, 1);
        await run(api, backend.pid, { ...endpoint }, 'backend', null, 1);
      }
      const rounds = [];
      for (let round = 0; round < options.rounds; round++) {
        // Enough sessions for the round at the create rate (a confirm is slower than a create), never fewer than 300.
        const createRate = rows.find((r) => r.endpoint === 'create session (secret key)')?.backend.rps;
        const poolSize = endpoint.pool ? Math.min(endpoint.pool, Math.max(300, Math.ceil((createRate ?? endpoint.pool) * options.seconds * 1.5))) : 0;
        const sessions = endpoint.pool ? await confirmPool(poolSize) : null;
        const floorSessions = endpoint.pool && floorProcess ? await confirmPool(poolSize) : null;
        // The servers take turns, starting with a different one each round.
        const kinds = floorProcess ? ['bare', 'floor', 'backend'] : ['bare', 'backend'];
        const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]);
        const pair = {};
        for (const which of order) {
          pair[which] = which === 'bare'
            ? await run(bare, bareProcess.pid, endpoint, 'bare', null)
            : which === 'floor'
              ? await run(floor, floorProcess.pid, endpoint, 'floor', floorSessions)
              : await run(api, backend.pid, endpoint, 'backend', sessions);
        }
        rounds.push({ ...pair, ratio: pair.backend.rps / pair.bare.rps, floorRatio: pair.floor ? pair.floor.rps / pair.bare.rps : NaN });
        process.stderr.write(
          `${db} ${endpoint.key} round ${round + 1}: backend ${pair.backend.rps.toFixed(0)} req/s p99 ${pair.backend.p99} ms (${pair.backend.failed} failed)${endpoint.pool ? `, order emails delivered ${pair.backend.mailPerSecond.toFixed(0)}/s` : ''}, bare ${pair.bare.rps.toFixed(0)} req/s, ratio ${(pair.backend.rps / pair.bare.rps).toFixed(3)}${pair.floor ? `, floor ${pair.floor.rps.toFixed(0)} req/s (${pair.floor.failed} failed), floor ratio ${(pair.floor.rps / pair.bare.rps).toFixed(3)}` : ''}\n`,
        );
      }
      const m = (which, field) => median(rounds.map((r) => r[which][field]));
      rows.push({
        db,
        endpoint: endpoint.label,
        connections: endpoint.connections,
        ratio: median(rounds.map((r) => r.ratio)),
        backend: { mailPerSecond: m('backend', 'mailPerSecond'), rps: m('backend', 'rps'), p50: m('backend', 'p50'), p99: m('backend', 'p99'), cpuPerRequest: m('backend', 'cpuPerRequest'), sysPerRequest: m('backend', 'sysPerRequest'), failed: rounds.reduce((n, r) => n + r.backend.failed, 0) },
        bare: { rps: m('bare', 'rps'), p50: m('bare', 'p50'), p99: m('bare', 'p99'), cpuPerRequest: m('bare', 'cpuPerRequest'), sysPerRequest: m('bare', 'sysPerRequest') },
        floor: floorProcess
          ? { rps: m('floor', 'rps'), p99: m('floor', 'p99'), cpuPerRequest: m('floor', 'cpuPerRequest'), ratio: median(rounds.map((r) => r.floorRatio)), failed: rounds.reduce((n, r) => n + r.floor.failed, 0) }
          : null,
        rounds,
      });
    }
    return rows;
  } finally {
    if (bareProcess) await stop(bareProcess);
    if (floorProcess) await stop(floorProcess);
    await stop(backend);
    await dropDb().catch((error) => process.stderr.write(`drop database: ${error.message}\n`));
    rmSync(dir, { recursive: true, force: true });
    await sink.close();
  }
}

/** An SMTP server that accepts, counts and discards every message. */
async function smtpSink() {
  let received = 0;
  const { SMTPServer } = createRequire(join(root, 'packages/server/package.json'))('smtp-server');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        done();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.server.address().port, received: () => received, close: () => new Promise((resolve) => server.close(resolve)) };
}

function printTable(rows) {
  const lines = [
    '| database | endpoint | conns | backend req/s | bare req/s | ratio | p50 ms | p99 ms | bare p99 ms | CPU µs/req (kernel) | bare CPU µs/req (kernel) | CPU ratio | failed | floor req/s | floor ratio | floor p99 ms | floor CPU µs/req |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const f = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
  for (const r of rows) {
    lines.push(
      `| ${r.db === 'pg' ? 'PostgreSQL' : 'PGlite'} | ${r.endpoint} | ${r.connections} | ${f(r.backend.rps)} | ${f(r.bare.rps)} | ${f(r.ratio, 3)}× | ${f(r.backend.p50)} | ${f(r.backend.p99)} | ${f(r.bare.p99)} | ${f(r.backend.cpuPerRequest)} (${f(r.backend.sysPerRequest)}) | ${f(r.bare.cpuPerRequest)} (${f(r.bare.sysPerRequest)}) | ${f(r.bare.cpuPerRequest / r.backend.cpuPerRequest, 3)}× | ${r.backend.failed} | ${r.floor ? `${f(r.floor.rps)} | ${f(r.floor.ratio, 3)}× | ${f(r.floor.p99)} | ${f(r.floor.cpuPerRequest)}${r.floor.failed ? ` (${r.floor.failed} failed)` : ''}` : '– | – | – | –'} |`,
    );
  }
  for (const r of rows) {
    if (r.endpoint.startsWith('confirm') && Number.isFinite(r.backend.mailPerSecond)) {
      lines.push(`- ${r.db === 'pg' ? 'PostgreSQL' : 'PGlite'}, ${r.endpoint}: ${f(r.backend.rps)} confirms/s, ${f(r.backend.mailPerSecond)} order emails/s delivered to the SMTP relay during the rounds`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
