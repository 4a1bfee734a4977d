import { UserError } from '../errors.js';

/**
 * Turns what PostgreSQL or the network says into a UserError a person can act on, naming the store
 * by its URL without the password. Anything else (a bug: bad SQL, a broken invariant) passes through.
 */
export function explainPgError(err: unknown, where: string): unknown {
  if (err instanceof UserError) return err;
  const e = typeof err === 'object' && err !== null ? (err as { code?: unknown; message?: unknown }) : {};
  const code = typeof e.code === 'string' ? e.code : undefined;
  const detail = typeof e.message === 'string' ? e.message : String(err);
  const unreachable = [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ECONNRESET',
    'EPIPE',
  ];
  if (
    (code && unreachable.includes(code)) ||
    /Connection terminated|connection timeout|Client has encountered a connection error|Connection ended/i.test(
      detail,
    )
  ) {
    return new UserError(`The state store ${where} cannot be reached (${detail}).`, {
      cause: err,
      hint: 'Check that the PostgreSQL server is running and accepts connections from this host, then run again. Writes not confirmed were not made; leases of rows in flight expire and the rows come back.',
    });
  }
  if (code === '28P01' || code === '28000') {
    return new UserError(`The state store ${where} refused the login (${detail}).`, {
      cause: err,
      hint: 'Give the password in the URL (postgres://user:password@host/db) or in PGPASSWORD; livectl never prints it.',
    });
  }
  if (code === '3D000') {
    return new UserError(`The state store ${where} does not exist (${detail}).`, {
      cause: err,
      hint: 'Create it first (e.g. `createdb livectl`); livectl creates its tables on first open.',
    });
  }
  if (code === '42501') {
    return new UserError(`The state store ${where} refused a change (${detail}).`, {
      cause: err,
      hint: 'The user in the URL needs to create tables in the database (first open) and to read and write them.',
    });
  }
  if (code === '57P01' || code === '57P02' || code === '57P03' || code?.startsWith('08')) {
    return new UserError(`The connection to the state store ${where} was lost (${detail}).`, {
      cause: err,
      hint: 'The server restarted or dropped the connection; run again. Writes not confirmed were not made.',
    });
  }
  if (code === '53300' || code === '53100' || code === '53200') {
    return new UserError(`The state store ${where} is out of resources (${detail}).`, { cause: err });
  }
  return err;
}
