// The state stores the benches compare: a SQLite file, and PostgreSQL — the server from
// LIVECTL_TEST_PG_URL, else a throwaway one started with scripts/test-postgres.sh (stopped at the end).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
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

/** The PostgreSQL server's URL; starts one when LIVECTL_TEST_PG_URL is not set. */
export function postgresServer() {
  if (process.env.LIVECTL_TEST_PG_URL) return process.env.LIVECTL_TEST_PG_URL;
  if (!server) {
    const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-pg-'));
    const url = execFileSync('bash', [path.join(root, 'scripts', 'test-postgres.sh'), 'start', dir], {
      encoding: 'utf8',
    }).trim();
    server = { dir, url };
    process.once('exit', stopPostgres);
  }
  return server.url;
}

/** Stops the server this process started (if any). */
export function stopPostgres() {
  if (!server) return;
  execFileSync('bash', [path.join(root, 'scripts', 'test-postgres.sh'), 'stop', server.dir], {
    stdio: 'ignore',
  });
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
