// The state stores the benches compare: a SQLite file, and PostgreSQL — the server from
// LIVECTL_TEST_PG_URL, else a throwaway one started here (stopped at the end) with the settings a
// deployment is told to use: PostgreSQL's durable defaults (fsync, synchronous_commit and
// full_page_writes on), as the SQLite store commits with synchronous=FULL. A write that resolved is on
// disk in both, which "record the attempt before the send" needs. (scripts/test-postgres.sh's server
// turns them off for the tests' speed; BENCH_PG_SETTINGS="fsync=off synchronous_commit=off" gives
// the bench that instead.)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const OPEN = path.join(root, 'dist', 'state', 'open.js');

/** Whether this build can open a PostgreSQL store (src/state/open.ts: openStateStore). */
export function postgresStoreBuilt() {
  return existsSync(OPEN);
}

/** Opens the store at `location` (a SQLite path or a postgres:// URL) as the CLI would. */
export async function openBenchStore(location, clock) {
  if (postgresStoreBuilt()) {
    const { openStateStore } = await import(OPEN);
    const { resolveStateLocation } = await import('../dist/state/location.js');
    return openStateStore(resolveStateLocation({ flag: location, cwd: process.cwd() }), { clock });
  }
  if (/^postgres(ql)?:\/\//.test(location))
    throw new Error('this build has no PostgreSQL store (src/state/open.ts)');
  const { openSqliteStore } = await import('../dist/state/sqlite-store.js');
  return openSqliteStore(location, { clock });
}

let server;

/** The server settings the bench runs with (on top of PostgreSQL's defaults). */
export function benchServerSettings() {
  return (process.env.BENCH_PG_SETTINGS ?? '').split(/\s+/).filter(Boolean);
}

function pgBin() {
  const bin = execFileSync(
    'bash',
    ['-c', 'ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1'],
    {
      encoding: 'utf8',
    },
  ).trim();
  if (!bin) throw new Error('bench: PostgreSQL server binaries not found (apt-get install postgresql)');
  return bin;
}

/** Runs a server binary, as the `postgres` user when we are root (initdb refuses root). */
function asPostgres(cmd, args) {
  const bin = path.join(pgBin(), cmd);
  if (process.getuid?.() === 0)
    execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' });
  else execFileSync(bin, args, { stdio: 'pipe' });
}

/** The PostgreSQL server's URL; starts one when LIVECTL_TEST_PG_URL is not set. */
export function postgresServer() {
  if (process.env.LIVECTL_TEST_PG_URL) return process.env.LIVECTL_TEST_PG_URL;
  if (!server) {
    const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-pg-'));
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
    asPostgres('initdb', ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const opts = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-k ${dir}`, '-c max_connections=300']
      .concat(benchServerSettings().map((x) => `-c ${x}`))
      .join(' ');
    asPostgres('pg_ctl', [
      '-D',
      `${dir}/data`,
      '-l',
      `${dir}/server.log`,
      '-w',
      '-t',
      '60',
      '-o',
      opts,
      'start',
    ]);
    server = { dir, url: `postgres://postgres@127.0.0.1:${port}/postgres` };
    process.once('exit', stopPostgres);
  }
  return server.url;
}

/** Stops the server this process started (if any). */
export function stopPostgres() {
  if (!server) return;
  try {
    asPostgres('pg_ctl', ['-D', `${server.dir}/data`, '-m', 'immediate', '-w', 'stop']);
  } catch {}
  rmSync(server.dir, { recursive: true, force: true });
  server = undefined;
}

/** A new, empty database on the server; its URL. */
export async function freshDatabase(prefix = 'livectl_bench') {
  const { default: pg } = await import('pg');
  const base = postgresServer();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Transactions committed so far in the database at `url` (the server's statistics, which backends
 * report within a second or so of their commits): with autocommitted writes, its statements.
 */
export async function commitsOf(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: postgresServer() });
  await client.connect();
  try {
    const r = await client.query('SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = $1', [
      new URL(url).pathname.slice(1),
    ]);
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** The server's durability settings, as the bench's rows name them. */
export async function serverSettings() {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: postgresServer() });
  await client.connect();
  try {
    const r = await client.query(
      `SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) AS s FROM pg_settings
       WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')`,
    );
    return r.rows[0].s;
  } finally {
    await client.end();
  }
}

/**
 * CPU seconds the server has used so far: its postmaster, the processes it runs and the backends it
 * has reaped (from /proc; undefined when the server is not on this machine).
 */
export async function serverCpuSeconds() {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: postgresServer() });
  await client.connect();
  let backend;
  try {
    backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const postmaster = statOf(backend)?.ppid;
    if (postmaster === undefined) return undefined;
    // Read while this backend still runs: it is counted among the live ones, not yet reaped.
    return serverCpuOf(postmaster);
  } finally {
    await client.end();
  }
}

const TICK = 100; // USER_HZ

/** ppid and CPU seconds (own; reaped children's) of a process, from /proc/PID/stat. */
export function statOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(f[1]),
      self: (Number(f[11]) + Number(f[12])) / TICK,
      children: (Number(f[13]) + Number(f[14])) / TICK,
    };
  } catch {
    return undefined;
  }
}

function serverCpuOf(postmaster) {
  const pm = statOf(postmaster);
  if (!pm) return undefined;
  let total = pm.self + pm.children;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = statOf(d);
    if (st?.ppid === postmaster) total += st.self;
  }
  return total;
}
