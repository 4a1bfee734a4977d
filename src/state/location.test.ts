import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError, UserError } from '../errors.js';
import { resolveStateLocation, resolveStatePath } from './location.js';

describe('resolveStatePath', () => {
  const cwd = '/home/ops/work';

  it('--state wins, resolved against the working directory', () => {
    expect(
      resolveStateLocation({
        flag: 'stores/a.db',
        env: { LIVECTL_STATE: '/var/lib/livectl/state.db' },
        campaignFile: 'campaigns/goddess.yaml',
        cwd,
      }),
    ).toEqual({ path: '/home/ops/work/stores/a.db', from: 'flag' });
  });

  it('then $LIVECTL_STATE', () => {
    expect(
      resolveStateLocation({
        env: { LIVECTL_STATE: '/var/lib/livectl/state.db' },
        campaignFile: 'c.yaml',
        cwd,
      }),
    ).toEqual({ path: '/var/lib/livectl/state.db', from: 'env' });
    expect(resolveStatePath({ env: { LIVECTL_STATE: 'rel.db' }, cwd })).toBe('/home/ops/work/rel.db');
  });

  it('then .livectl/state.db beside the campaign file', () => {
    expect(resolveStateLocation({ env: {}, campaignFile: 'campaigns/goddess.yaml', cwd })).toEqual({
      path: '/home/ops/work/campaigns/.livectl/state.db',
      from: 'campaign',
    });
    expect(resolveStatePath({ campaignFile: '/srv/c/plan.json', cwd })).toBe('/srv/c/.livectl/state.db');
  });

  it('without a campaign file, .livectl/state.db in the working directory', () => {
    expect(resolveStateLocation({ env: {}, cwd })).toEqual({
      path: '/home/ops/work/.livectl/state.db',
      from: 'cwd',
    });
  });

  it('an empty LIVECTL_STATE is unset; an empty --state is a usage error', () => {
    expect(resolveStateLocation({ env: { LIVECTL_STATE: '' }, campaignFile: 'c.yaml', cwd }).from).toBe(
      'campaign',
    );
    expect(() => resolveStatePath({ flag: '', cwd })).toThrow(UsageError);
  });

  it('a PostgreSQL URL is refused, not made a folder named postgres: (a usage error for --state)', () => {
    for (const flag of ['postgres://ops@db/livectl', 'postgresql://db.internal:5432/livectl']) {
      const err = catchError(() => resolveStatePath({ flag, cwd }));
      expect(err).toBeInstanceOf(UsageError);
      expect(err.message).toMatch(
        /^--state postgres(ql)?:\/\/.*: a PostgreSQL state store is not supported yet$/,
      );
    }
  });

  it('LIVECTL_STATE as a URL: a user error naming the variable', () => {
    const err = catchError(() => resolveStatePath({ env: { LIVECTL_STATE: 'postgres://db/livectl' }, cwd }));
    expect(err).toBeInstanceOf(UserError);
    expect(err).not.toBeInstanceOf(UsageError);
    expect(err.message).toBe(
      'LIVECTL_STATE postgres://db/livectl: a PostgreSQL state store is not supported yet',
    );
    expect(err.hint).toMatch(/SQLite file/);
  });

  it('any other scheme:// names the supported form; a password in the URL is never printed', () => {
    const err = catchError(() => resolveStatePath({ flag: 'mysql://root:hunter2secret@db/x', cwd }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe(
      '--state mysql://root:***@db/x: mysql:// is not a state store livectl knows; the supported form is the path of a SQLite file',
    );
    const pg = catchError(() =>
      resolveStatePath({ env: { LIVECTL_STATE: 'postgres://ops:hunter2secret@db/x' }, cwd }),
    );
    expect(`${pg.message} ${pg.hint}`).not.toContain('hunter2secret');
  });

  it('paths that only look a little like URLs stay paths', () => {
    expect(resolveStatePath({ flag: 'postgres:/x.db', cwd })).toBe('/home/ops/work/postgres:/x.db');
    expect(resolveStatePath({ flag: './a://b.db', cwd })).toBe('/home/ops/work/a:/b.db');
    expect(resolveStatePath({ env: { LIVECTL_STATE: 'C:\\state.db' }, cwd })).toBe(
      '/home/ops/work/C:\\state.db',
    );
  });
});

function catchError(f: () => unknown): UserError {
  try {
    f();
  } catch (err) {
    return err as UserError;
  }
  throw new Error('expected an error');
}

describe('import rules', () => {
  const src = fileURLToPath(new URL('..', import.meta.url));
  const files = (readdirSync(src, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );

  it('only src/state imports the database driver', () => {
    const importers = files.filter((f) =>
      /from ['"]better-sqlite3['"]|import\(['"]better-sqlite3['"]\)/.test(
        readFileSync(path.join(src, f), 'utf8'),
      ),
    );
    expect(importers.length).toBeGreaterThan(0);
    for (const f of importers) expect(f.split(path.sep)[0]).toBe('state');
  });

  it('src/state loads it lazily: type-only static imports, one dynamic import', () => {
    for (const f of files.filter((f) => f.startsWith(`state${path.sep}`))) {
      const text = readFileSync(path.join(src, f), 'utf8');
      expect(text, f).not.toMatch(/^import (?!type )[^;]*from 'better-sqlite3'/m);
    }
  });
});
