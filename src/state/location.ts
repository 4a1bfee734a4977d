import path from 'node:path';
import { UsageError, UserError } from '../errors.js';

/** Where the state store lives when neither `--state` nor `$LIVECTL_STATE` says. */
export const DEFAULT_STATE_DIR = '.livectl';
export const DEFAULT_STATE_FILE = 'state.db';

export interface StateLocationInput {
  /** `--state <path>`, when given. */
  flag?: string;
  /** The environment (`LIVECTL_STATE` is read from it). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The campaign (or saved plan) file the command works on, when it has one. */
  campaignFile?: string;
  /** Relative paths resolve against this. */
  cwd: string;
}

/** A SQLite file (one host) or a PostgreSQL database (several hosts sharing the rows). */
export type StateLocation =
  | {
      kind: 'sqlite';
      /** Absolute path of the SQLite file. */
      path: string;
      /** Which rule chose it, so `status` and `doctor` can say. */
      from: 'flag' | 'env' | 'campaign' | 'cwd';
    }
  | {
      kind: 'postgres';
      /** The connection URL as given (it may hold a password: print `display`, never this). */
      url: string;
      /** The URL with any password masked, for messages. */
      display: string;
      from: 'flag' | 'env';
    };

/** `scheme://…`: a URL, not a path (a Windows path such as `C:\\x` has no `//`). */
const URL_LIKE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/** The URL with any password masked (`postgres://user:***@host/db`), for a message. */
export function withoutPassword(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/, '$1:***@');
}

/**
 * A URL-looking state location: `postgres://` and `postgresql://` name a PostgreSQL store; any other
 * scheme is refused (it would otherwise become a folder named `mysql:`). A usage error (exit 2) for
 * `--state`; for `LIVECTL_STATE`, a user error naming the variable. Undefined for a path.
 */
function fromUrl(value: string, from: 'flag' | 'env'): StateLocation | undefined {
  const url = value.trim();
  const m = URL_LIKE.exec(url);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    return { kind: 'postgres', url, display: withoutPassword(url), from };
  }
  const where = from === 'flag' ? '--state' : 'LIVECTL_STATE';
  const what = `${where} ${withoutPassword(url)}: ${scheme}:// is not a state store livectl knows; the supported forms are the path of a SQLite file and a postgres:// URL`;
  const hint =
    'Give the path of a SQLite file (e.g. --state /var/lib/livectl/state.db) or a PostgreSQL URL (e.g. LIVECTL_STATE=postgres://livectl@db.internal:5432/livectl).';
  if (from === 'flag') throw new UsageError(what, hint);
  throw new UserError(what, { hint: `${hint} Fix or unset LIVECTL_STATE.` });
}

/** What to print for a location: the file's path, or the URL with its password masked. */
export function describeStateLocation(where: StateLocation): string {
  return where.kind === 'sqlite' ? where.path : where.display;
}

/**
 * `--state`, else `$LIVECTL_STATE`, else `.livectl/state.db` beside the campaign file (or in the
 * working directory for commands without one, e.g. `dispatch`). Pure: never touches the disk.
 * An empty `LIVECTL_STATE` counts as unset; an empty `--state` is a usage error; `postgres://…` and
 * `postgresql://…` name a PostgreSQL store; any other `scheme://` is refused, from either.
 */
export function resolveStateLocation(input: StateLocationInput): StateLocation {
  if (input.flag !== undefined) {
    if (input.flag.trim() === '') throw new UsageError('--state needs a path to the state file.');
    return (
      fromUrl(input.flag, 'flag') ?? {
        kind: 'sqlite',
        path: path.resolve(input.cwd, input.flag),
        from: 'flag',
      }
    );
  }
  const fromEnv = input.env?.LIVECTL_STATE;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return fromUrl(fromEnv, 'env') ?? { kind: 'sqlite', path: path.resolve(input.cwd, fromEnv), from: 'env' };
  }
  if (input.campaignFile !== undefined) {
    const dir = path.dirname(path.resolve(input.cwd, input.campaignFile));
    return { kind: 'sqlite', path: path.join(dir, DEFAULT_STATE_DIR, DEFAULT_STATE_FILE), from: 'campaign' };
  }
  return {
    kind: 'sqlite',
    path: path.join(path.resolve(input.cwd), DEFAULT_STATE_DIR, DEFAULT_STATE_FILE),
    from: 'cwd',
  };
}
