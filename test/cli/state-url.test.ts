import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DAEMON_LOCK, daemonLockName } from '../../src/cli/run-daemon.js';
import { resolveStateLocation } from '../../src/state/location.js';
import { runCli } from '../support/cli.js';
import { freshPgDatabase, testPgUrl } from '../support/postgres.js';

/**
 * `--state` and `LIVECTL_STATE` as a URL: postgres:// and postgresql:// open a PostgreSQL store;
 * any other scheme is refused, never made a folder named `redis:` with a SQLite file in it.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-state-url-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The URL with a password the test server (trust authentication) ignores, to show it is never printed. */
function withPassword(url: string, scheme = 'postgres'): string {
  const u = new URL(url);
  u.password = 'pw-0123456789';
  return u.toString().replace(/^postgres(ql)?:/, `${scheme}:`);
}

describe('--state and LIVECTL_STATE as a URL', () => {
  it('--state postgres://…: dispatch opens the PostgreSQL store (tables created), the password never printed', async () => {
    const url = withPassword(await freshPgDatabase());
    const r = await runCli(['dispatch', '--state', url, '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { statePath: string };
    expect(out.statePath).toMatch(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/livectl_test_/);
    expect(r.stdout).not.toContain('pw-0123456789');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('LIVECTL_STATE=postgresql://…: the same store, by the environment', async () => {
    const url = withPassword(await freshPgDatabase(), 'postgresql');
    const r = await runCli(['dispatch'], { cwd: dir, env: { LIVECTL_STATE: url } });
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain('pw-0123456789');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a PostgreSQL server that cannot be reached: exit 1, a message with the password masked', async () => {
    const u = new URL(testPgUrl());
    u.port = '1';
    const url = withPassword(u.toString());
    const r = await runCli(['dispatch', '--state', url], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /The state store postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres cannot be reached/,
    );
    expect(r.stderr).not.toContain('pw-0123456789');
  });

  it('--state mysql://…: a usage error (exit 2), nothing created, the password masked', async () => {
    const r = await runCli(['dispatch', '--state', 'mysql://ops:pw-0123456789@db/livectl'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--state mysql://ops:***@db/livectl: mysql:// is not a state store livectl knows; the supported forms are the path of a SQLite file and a postgres:// URL',
    );
    expect(r.stderr).not.toContain('pw-0123456789');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('LIVECTL_STATE=redis://…: an error naming the variable and the supported forms', async () => {
    const r = await runCli(['dispatch'], { cwd: dir, env: { LIVECTL_STATE: 'redis://cache/0' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'LIVECTL_STATE redis://cache/0: redis:// is not a state store livectl knows; the supported forms are the path of a SQLite file and a postgres:// URL',
    );
    expect(existsSync(path.join(dir, 'redis:'))).toBe(false);
  });

  it('the daemon lock: one per SQLite store; one per host on PostgreSQL, where daemons of several hosts share the rows', () => {
    const sqlite = resolveStateLocation({ flag: 'state.db', cwd: dir });
    const pg = resolveStateLocation({ flag: 'postgres://db/livectl', cwd: dir });
    expect(daemonLockName(sqlite, 'host-a')).toBe(DAEMON_LOCK);
    expect(daemonLockName(pg, 'host-a')).toBe(`${DAEMON_LOCK}:host-a`);
    expect(daemonLockName(pg, 'host-b')).not.toBe(daemonLockName(pg, 'host-a'));
  });
});
