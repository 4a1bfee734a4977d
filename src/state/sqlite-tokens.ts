import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../platform/deps.js';
import {
  decideForceRefresh,
  type ForceRefreshClaim,
  type ForceRefreshPolicy,
  type StoredToken,
  type TokenStore,
} from './tokens.js';

interface TokenRow {
  token: string;
  expires_at: string;
  obtained_at: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface TokenStatements {
  getToken: Statement<[string], TokenRow>;
  setToken: Statement<
    [{ key: string; token: string; expires_at: string; obtained_at: string | null; updated_at: string }],
    unknown
  >;
  deleteToken: Statement<[string], unknown>;
  pruneLedger: Statement<[string, string], unknown>;
  readLedger: Statement<[string], { at: string }>;
  appendLedger: Statement<[string, string], unknown>;
}

function prepareTokenStatements(db: Database): TokenStatements {
  return {
    getToken: db.prepare('SELECT token, expires_at, obtained_at FROM tokens WHERE key = ?'),
    setToken: db.prepare(
      `INSERT INTO tokens (key, token, expires_at, obtained_at, updated_at)
       VALUES (@key, @token, @expires_at, @obtained_at, @updated_at)
       ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at,
         obtained_at = excluded.obtained_at, updated_at = excluded.updated_at`,
    ),
    deleteToken: db.prepare('DELETE FROM tokens WHERE key = ?'),
    pruneLedger: db.prepare('DELETE FROM token_force_refreshes WHERE key = ? AND at <= ?'),
    readLedger: db.prepare('SELECT at FROM token_force_refreshes WHERE key = ? ORDER BY at'),
    appendLedger: db.prepare('INSERT INTO token_force_refreshes (key, at) VALUES (?, ?)'),
  };
}

/** The token broker's shared cache: the same file, so every process of the operator shares tokens. */
export class SqliteTokenStore implements TokenStore {
  private readonly sql: TokenStatements;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly run: <T>(work: () => T) => Promise<T>,
  ) {
    this.sql = prepareTokenStatements(db);
  }

  get(key: string): Promise<StoredToken | undefined> {
    return this.run(() => {
      const row = this.sql.getToken.get(key);
      if (!row) return undefined;
      const token: StoredToken = { token: row.token, expiresAt: new Date(row.expires_at) };
      if (row.obtained_at !== null) token.obtainedAt = new Date(row.obtained_at);
      return token;
    });
  }

  set(key: string, token: StoredToken): Promise<void> {
    return this.run(() => {
      this.sql.setToken.run({
        key,
        token: token.token,
        expires_at: token.expiresAt.toISOString(),
        obtained_at: token.obtainedAt?.toISOString() ?? null,
        updated_at: this.clock.now().toISOString(),
      });
    });
  }

  delete(key: string): Promise<void> {
    return this.run(() => {
      this.sql.deleteToken.run(key);
    });
  }

  /** The processes sharing a SQLite file each fetch for themselves (see TokenStore.withRefreshLock). */
  withRefreshLock<T>(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  claimForceRefresh(key: string, at: Date, policy: ForceRefreshPolicy): Promise<ForceRefreshClaim> {
    // Read the ledger and record the grant under one write lock: two processes cannot both be granted
    // the same slot.
    return this.run(() =>
      this.db
        .transaction((): ForceRefreshClaim => {
          // Older entries can never count again; keep a week of slack for clocks that disagree.
          this.sql.pruneLedger.run(key, new Date(at.getTime() - 7 * DAY_MS).toISOString());
          const ledger = this.sql.readLedger.all(key).map((r) => new Date(r.at));
          const claim = decideForceRefresh(ledger, at, policy);
          if (claim.granted) this.sql.appendLedger.run(key, at.toISOString());
          return claim;
        })
        .immediate(),
    );
  }
}
