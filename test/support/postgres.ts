import { randomBytes } from 'node:crypto';

/**
 * The test PostgreSQL server's URL (test/support/global-setup.ts starts one, or CI's .ci/run does).
 * A store test that finds none fails: PostgreSQL is a real part of the suite, never skipped.
 */
export function testPgUrl(): string {
  const url = process.env.LIVECTL_TEST_PG_URL;
  if (!url)
    throw new Error(
      'LIVECTL_TEST_PG_URL is not set: the vitest global setup starts a server (scripts/test-postgres.sh)',
    );
  return url;
}

/** A new, empty database on the test server; its URL. Each test gets its own, so tests never share rows. */
export async function freshPgDatabase(prefix = 'livectl_test'): Promise<string> {
  const { default: pg } = await import('pg');
  const server = testPgUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}
