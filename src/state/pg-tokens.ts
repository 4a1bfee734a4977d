import type { Clock } from '../platform/deps.js';
import type { LockSession, PgRunner } from './pg-store.js';
import {
  decideForceRefresh,
  type ForceRefreshClaim,
  type ForceRefreshPolicy,
  type StoredToken,
  type TokenStore,
} from './tokens.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The token broker's shared cache in PostgreSQL: every host of the operator shares tokens and the ration. */
export class PgTokenStore implements TokenStore {
  constructor(
    private readonly db: PgRunner,
    private readonly clock: Clock,
    private readonly session: LockSession,
  ) {}

  /** One token fetch for every host: a session advisory lock per key, on a connection of its own. */
  async withRefreshLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const release = await this.session(`livectl-token-fetch:${key}`);
    this.reading.delete(key);
    try {
      return await work();
    } finally {
      await release();
    }
  }

  /**
   * Reads of a key in flight. Every call of a busy dispatcher reads its token: calls that ask while a
   * read of the same key is under way share its answer (at most that one round trip old) rather than
   * each making a round trip of their own. A write here, and taking the refresh lock, drop the shared
   * read: a read asked for after either sees the token as it is then.
   */
  private readonly reading = new Map<string, Promise<StoredToken | undefined>>();

  get(key: string): Promise<StoredToken | undefined> {
    let p = this.reading.get(key);
    if (!p) {
      const read = this.read(key).finally(() => {
        if (this.reading.get(key) === read) this.reading.delete(key);
      });
      p = read;
      this.reading.set(key, p);
    }
    return p;
  }

  private async read(key: string): Promise<StoredToken | undefined> {
    const r = await this.db.query<{ token: string; expires_at: string; obtained_at: string | null }>(
      'SELECT token, expires_at, obtained_at FROM tokens WHERE key = $1',
      [key],
      'livectl_token_get',
    );
    const row = r.rows[0];
    if (!row) return undefined;
    const token: StoredToken = { token: row.token, expiresAt: new Date(row.expires_at) };
    if (row.obtained_at !== null) token.obtainedAt = new Date(row.obtained_at);
    return token;
  }

  async set(key: string, token: StoredToken): Promise<void> {
    this.reading.delete(key);
    await this.db.query(
      `INSERT INTO tokens (key, token, expires_at, obtained_at, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at,
         obtained_at = excluded.obtained_at, updated_at = excluded.updated_at`,
      [
        key,
        token.token,
        token.expiresAt.toISOString(),
        token.obtainedAt?.toISOString() ?? null,
        this.clock.now().toISOString(),
      ],
    );
  }

  async delete(key: string): Promise<void> {
    this.reading.delete(key);
    await this.db.query('DELETE FROM tokens WHERE key = $1', [key]);
  }

  claimForceRefresh(key: string, at: Date, policy: ForceRefreshPolicy): Promise<ForceRefreshClaim> {
    // Read the ledger and record the grant under a lock per key held to the commit: two hosts cannot
    // both be granted the same slot.
    return this.db.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`livectl-token:${key}`]);
      // Older entries can never count again; keep a week of slack for clocks that disagree.
      await c.query('DELETE FROM token_force_refreshes WHERE key = $1 AND at <= $2', [
        key,
        new Date(at.getTime() - 7 * DAY_MS).toISOString(),
      ]);
      const ledger = await c.query<{ at: string }>(
        'SELECT at FROM token_force_refreshes WHERE key = $1 ORDER BY at COLLATE "C"',
        [key],
      );
      const claim = decideForceRefresh(
        ledger.rows.map((r) => new Date(r.at)),
        at,
        policy,
      );
      if (claim.granted)
        await c.query('INSERT INTO token_force_refreshes (key, at) VALUES ($1, $2)', [key, at.toISOString()]);
      return claim;
    });
  }
}
