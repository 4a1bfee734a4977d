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

export interface StateLocation {
  /** Absolute path of the SQLite file. */
  path: string;
  /** Which rule chose it, so `status` and `doctor` can say. */
  from: 'flag' | 'env' | 'campaign' | 'cwd';
}

/** `scheme://…`: a URL, not a path (a Windows path such as `C:\\x` has no `//`). */
const URL_LIKE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/** The URL with any password masked (`postgres://user:***@host/db`), for a message. */
function withoutPassword(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/, '$1:***@');
}

/**
 * Refuses a URL-looking state location (it would otherwise become a folder named `postgres:`):
 * PostgreSQL is not supported yet, and no other scheme is. A usage error (exit 2) for `--state`;
 * for `LIVECTL_STATE`, a user error naming the variable.
 */
function refuseUrl(value: string, from: 'flag' | 'env'): void {
  const m = URL_LIKE.exec(value.trim());
  if (!m) return;
  const scheme = m[1]!.toLowerCase();
  const where = from === 'flag' ? '--state' : 'LIVECTL_STATE';
  const what =
    scheme === 'postgres' || scheme === 'postgresql'
      ? `${where} ${withoutPassword(value.trim())}: a PostgreSQL state store is not supported yet`
      : `${where} ${withoutPassword(value.trim())}: ${scheme}:// is not a state store livectl knows; the supported form is the path of a SQLite file`;
  const hint =
    'The state store is a SQLite file: give its path, e.g. --state /var/lib/livectl/state.db or LIVECTL_STATE=.livectl/state.db.';
  if (from === 'flag') throw new UsageError(what, hint);
  throw new UserError(what, { hint: `${hint} Fix or unset LIVECTL_STATE.` });
}

/**
 * `--state`, else `$LIVECTL_STATE`, else `.livectl/state.db` beside the campaign file (or in the
 * working directory for commands without one, e.g. `dispatch`). Pure: never touches the disk.
 * An empty `LIVECTL_STATE` counts as unset; an empty `--state` is a usage error; a URL
 * (`postgres://…`, any `scheme://`) is refused, from either.
 */
export function resolveStateLocation(input: StateLocationInput): StateLocation {
  if (input.flag !== undefined) {
    if (input.flag.trim() === '') throw new UsageError('--state needs a path to the state file.');
    refuseUrl(input.flag, 'flag');
    return { path: path.resolve(input.cwd, input.flag), from: 'flag' };
  }
  const fromEnv = input.env?.LIVECTL_STATE;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    refuseUrl(fromEnv, 'env');
    return { path: path.resolve(input.cwd, fromEnv), from: 'env' };
  }
  if (input.campaignFile !== undefined) {
    const dir = path.dirname(path.resolve(input.cwd, input.campaignFile));
    return { path: path.join(dir, DEFAULT_STATE_DIR, DEFAULT_STATE_FILE), from: 'campaign' };
  }
  return { path: path.join(path.resolve(input.cwd), DEFAULT_STATE_DIR, DEFAULT_STATE_FILE), from: 'cwd' };
}

/** The absolute path of the state file (see resolveStateLocation for the rule). */
export function resolveStatePath(input: StateLocationInput): string {
  return resolveStateLocation(input).path;
}
