import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/** A URL-looking state location is refused, not made a folder named `postgres:` with a SQLite file in it. */
const dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-state-url-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--state and LIVECTL_STATE as a URL', () => {
  it('--state postgres://…: a usage error (exit 2), nothing created', async () => {
    const r = await runCli(['dispatch', '--state', 'postgres://ops:pw-0123456789@db/livectl'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--state postgres://ops:***@db/livectl: a PostgreSQL state store is not supported yet',
    );
    expect(r.stderr).not.toContain('pw-0123456789');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('LIVECTL_STATE=redis://…: an error naming the variable and the supported form', async () => {
    const r = await runCli(['dispatch'], { cwd: dir, env: { LIVECTL_STATE: 'redis://cache/0' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'LIVECTL_STATE redis://cache/0: redis:// is not a state store livectl knows; the supported form is the path of a SQLite file',
    );
    expect(existsSync(path.join(dir, 'redis:'))).toBe(false);
  });
});
