import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError, UserError } from '../errors.js';
import { describeStateLocation, resolveStateLocation, type StateLocationInput } from './location.js';

/** The SQLite file a location names (fails for a PostgreSQL one). */
function resolveStatePath(input: StateLocationInput): string {
  const where = resolveStateLocation(input);
  if (where.kind !== 'sqlite') throw new Error(`expected a SQLite location, got ${where.kind}`);
  return where.path;
}

describe('resolveStateLocation', () => {
  const cwd = '/home/ops/work';

  it('--state wins, resolved against the working directory', () => {
    expect(
      resolveStateLocation({
        flag: 'stores/a.db',
        env: { LIVECTL_STATE: '/var/lib/livectl/state.db' },
        campaignFile: 'campaigns/goddess.yaml',
        cwd,
      }),
    ).toEqual({ kind: 'sqlite', path: '/home/ops/work/stores/a.db', from: 'flag' });
  });

  it('then $LIVECTL_STATE', () => {
    expect(
      resolveStateLocation({
        env: { LIVECTL_STATE: '/var/lib/livectl/state.db' },
        campaignFile: 'c.yaml',
        cwd,
      }),
    ).toEqual({ kind: 'sqlite', path: '/var/lib/livectl/state.db', from: 'env' });
    expect(resolveStatePath({ env: { LIVECTL_STATE: 'rel.db' }, cwd })).toBe('/home/ops/work/rel.db');
  });

  it('then .livectl/state.db beside the campaign file', () => {
    expect(resolveStateLocation({ env: {}, campaignFile: 'campaigns/goddess.yaml', cwd })).toEqual({
      kind: 'sqlite',
      path: '/home/ops/work/campaigns/.livectl/state.db',
      from: 'campaign',
    });
    expect(resolveStatePath({ campaignFile: '/srv/c/plan.json', cwd })).toBe('/srv/c/.livectl/state.db');
  });

  it('without a campaign file, .livectl/state.db in the working directory', () => {
    expect(resolveStateLocation({ env: {}, cwd })).toEqual({
      kind: 'sqlite',
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

  it('postgres:// and postgresql:// name a PostgreSQL store, from --state or LIVECTL_STATE', () => {
    for (const flag of ['postgres://ops@db/livectl', 'postgresql://db.internal:5432/livectl']) {
      expect(resolveStateLocation({ flag, env: { LIVECTL_STATE: 'x.db' }, cwd })).toEqual({
        kind: 'postgres',
        url: flag,
        display: flag,
        from: 'flag',
      });
    }
    const where = resolveStateLocation({
      env: { LIVECTL_STATE: ' postgres://db/livectl ' },
      campaignFile: 'c.yaml',
      cwd,
    });
    expect(where).toEqual({
      kind: 'postgres',
      url: 'postgres://db/livectl',
      display: 'postgres://db/livectl',
      from: 'env',
    });
  });

  it('the password stays in the URL used to connect, never in what is printed', () => {
    const where = resolveStateLocation({
      env: { LIVECTL_STATE: 'postgres://ops:hunter2secret@db:5432/x' },
      cwd,
    });
    expect(where.kind === 'postgres' && where.url).toBe('postgres://ops:hunter2secret@db:5432/x');
    expect(describeStateLocation(where)).toBe('postgres://ops:***@db:5432/x');
    expect(describeStateLocation(resolveStateLocation({ flag: 'a.db', cwd }))).toBe('/home/ops/work/a.db');
  });

  it('any other scheme:// is refused, naming the supported forms; a password in the URL is never printed', () => {
    const err = catchError(() => resolveStateLocation({ flag: 'mysql://root:hunter2secret@db/x', cwd }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe(
      '--state mysql://root:***@db/x: mysql:// is not a state store livectl knows; the supported forms are the path of a SQLite file and a postgres:// URL',
    );
    const env = catchError(() =>
      resolveStateLocation({ env: { LIVECTL_STATE: 'redis://ops:hunter2secret@db/x' }, cwd }),
    );
    expect(env).toBeInstanceOf(UserError);
    expect(env).not.toBeInstanceOf(UsageError);
    expect(env.message).toMatch(/^LIVECTL_STATE redis:\/\/ops:\*\*\*@db\/x: /);
    expect(`${env.message} ${env.hint}`).not.toContain('hunter2secret');
    expect(env.hint).toMatch(/Fix or unset LIVECTL_STATE/);
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

  for (const driver of ['better-sqlite3', 'pg']) {
    it(`only src/state imports the database driver ${driver}`, () => {
      const importers = files.filter((f) =>
        new RegExp(`from ['"]${driver}['"]|import\\(['"]${driver}['"]\\)`).test(
          readFileSync(path.join(src, f), 'utf8'),
        ),
      );
      expect(importers.length).toBeGreaterThan(0);
      for (const f of importers) expect(f.split(path.sep)[0]).toBe('state');
    });

    it(`src/state loads ${driver} lazily: type-only static imports, dynamic imports`, () => {
      for (const f of files.filter((f) => f.startsWith(`state${path.sep}`))) {
        const text = readFileSync(path.join(src, f), 'utf8');
        expect(text, f).not.toMatch(new RegExp(`^import (?!type )[^;]*from '${driver}'`, 'm'));
      }
    });
  }
});
