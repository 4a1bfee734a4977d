import { UserError } from '../errors.js';

/**
 * Turns what SQLite (or the file system, while opening) says into a UserError a person can act on.
 * Anything else is a bug and passes through unchanged, stack and all (style.md §12).
 */
export function explainStoreError(err: unknown, path: string, busyTimeoutMs: number): unknown {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return err;
  const detail = err instanceof Error ? err.message : String(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new UserError(
      `The state store ${path} is busy: another livectl (apply, dispatch or daemon) held it for more than ${busyTimeoutMs / 1000} s.`,
      {
        cause: err,
        hint: 'Wait for the other run to finish and try again. If none is running, a stuck process may still have the file open.',
      },
    );
  }
  if (code === 'SQLITE_NOTADB') {
    return new UserError(`${path} is not a livectl state store: it is not an SQLite database.`, {
      cause: err,
      hint: 'Check --state / LIVECTL_STATE. livectl never overwrites this file.',
    });
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new UserError(`The state store ${path} is damaged (${detail}).`, {
      cause: err,
      hint:
        'Restore it from a backup, or keep a copy and try `sqlite3 <file> .recover`. livectl never overwrites it; ' +
        'moving it aside starts a new, empty store (livectl then no longer knows what it created).',
    });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new UserError(`The state store ${path} could not be read or written (${detail}).`, {
      cause: err,
      hint:
        'Its -wal or -shm file may have been deleted or replaced while livectl had it open, or the disk failed. ' +
        'Stop every livectl using it (dispatch, daemon, apply), then run again; if the error stays, restore the ' +
        'store from a backup (`sqlite3 <file> ".backup copy.db"` makes one safely).',
    });
  }
  if (code === 'SQLITE_FULL') {
    return new UserError(`The disk holding the state store ${path} is full; nothing was written.`, {
      cause: err,
    });
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_PERM') ||
    code.startsWith('SQLITE_AUTH') ||
    code.startsWith('SQLITE_IOERR') ||
    ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENOSPC', 'EEXIST'].includes(code)
  ) {
    return new UserError(`Cannot use the state store ${path}: ${detail}`, {
      cause: err,
      hint: 'Check that the path is a file you may read and write (and its folder too: SQLite writes -wal and -shm files beside it).',
    });
  }
  return err;
}
