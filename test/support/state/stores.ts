import type { Clock } from '../../../src/platform/deps.js';
import { openPgStore } from '../../../src/state/pg-store.js';
import type { StateStore } from '../../../src/state/port.js';
import { openSqliteStore } from '../../../src/state/sqlite-store.js';
import { freshPgDatabase } from '../postgres.js';
import { clock as defaultClock, tempDir } from './temp-store.js';

/** A new, empty store of one kind; `open()` may be called again to reopen it (as another process would). */
export interface FreshStore {
  /** Where it lives: a file path or a database URL. */
  where: string;
  open(clock?: Clock): Promise<StateStore>;
  cleanup(): void;
}

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  fresh(): Promise<FreshStore>;
}

/**
 * The two implementations of the state port; contract suites run once per kind with
 * `describe.each(STORE_KINDS)`. PostgreSQL needs the test server (LIVECTL_TEST_PG_URL): without it
 * the PostgreSQL half fails with a message saying so, it is never skipped.
 */
export const STORE_KINDS: readonly StoreKind[] = [
  {
    name: 'sqlite',
    async fresh() {
      const tmp = tempDir();
      const file = tmp.file();
      return {
        where: file,
        open: (clock = defaultClock) => openSqliteStore(file, { clock }),
        cleanup: () => tmp.cleanup(),
      };
    },
  },
  {
    name: 'postgres',
    async fresh() {
      const url = await freshPgDatabase();
      return {
        where: url,
        open: (clock = defaultClock) => openPgStore(url, { clock }),
        cleanup: () => {},
      };
    },
  },
];
