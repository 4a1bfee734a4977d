import path from 'node:path';
import { UsageError } from '../errors.js';

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

/**
 * `--state`, else `$LIVECTL_STATE`, else `.livectl/state.db` beside the campaign file (or in the
 * working directory for commands without one, e.g. `dispatch`). Pure: never touches the disk.
 * An empty `LIVECTL_STATE` counts as unset; an empty `--state` is a usage error.
 */
export function resolveStateLocation(input: StateLocationInput): StateLocation {
  if (input.flag !== undefined) {
    if (input.flag.trim() === '') throw new UsageError('--state needs a path to the state file.');
    return { path: path.resolve(input.cwd, input.flag), from: 'flag' };
  }
  const fromEnv = input.env?.LIVECTL_STATE;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
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
