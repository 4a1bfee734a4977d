import type { Clock } from '../platform/deps.js';
import type { StateLocation } from './location.js';
import type { StateStore } from './port.js';

export interface OpenStateOptions {
  clock: Clock;
  /** SQLite: how long a write waits for another process's write. Default 5 s. */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections in the pool. Default 4. */
  poolSize?: number;
}

/**
 * Opens (and migrates) the state store a resolved location names: a SQLite file, or a PostgreSQL
 * database (`postgres://…`). Every command opens its store here. Both drivers load on first use,
 * so `livectl --help` and `validate` never pay for them.
 */
export async function openStateStore(location: StateLocation, opts: OpenStateOptions): Promise<StateStore> {
  if (location.kind === 'postgres') {
    const { openPgStore } = await import('./pg-store.js');
    return openPgStore(location.url, {
      clock: opts.clock,
      ...(opts.poolSize !== undefined ? { poolSize: opts.poolSize } : {}),
    });
  }
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(location.path, {
    clock: opts.clock,
    ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}),
  });
}
