/**
 * The token cache port: the token broker (src/wechat/token-broker.ts) keeps access tokens here so
 * every process of the operator (cron, CI, a laptop) shares them. The SQLite store implements it
 * (sqlite-tokens.ts), and so does the PostgreSQL one for every host (pg-tokens.ts); `MemoryTokenStore`
 * in the broker is the single-process one.
 */

export interface StoredToken {
  token: string;
  expiresAt: Date;
  /** When it was obtained; lets the refresh margin shrink for short-lived tokens. */
  obtainedAt?: Date;
}

export interface ForceRefreshPolicy {
  maxPerDay: number;
  minIntervalMs: number;
}

export type ForceRefreshClaim =
  | { granted: true }
  | { granted: false; reason: 'too-soon' | 'daily-limit'; retryAt: Date };

/**
 * Keys name an account and token kind, e.g. `mp-stable:https://api.weixin.qq.com:wx0123…`; never a
 * secret.
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, token: StoredToken): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Atomically checks the force-refresh ledger for `key` (the last 24 h) against `policy` and, when
   * granted, records `at`. Atomic across processes, so the ration is shared.
   */
  claimForceRefresh(key: string, at: Date, policy: ForceRefreshPolicy): Promise<ForceRefreshClaim>;
  /**
   * Runs `work` (read the cache again, fetch only if still stale, save) while holding the refresh
   * lock of `key` across every process and host of the store, so one fetch serves all of them. The
   * PostgreSQL store holds a session advisory lock on its own connection (it dies with the session
   * if the host does); the SQLite store and the memory store run `work` at once (one process per
   * token in practice; `stable_token` hands concurrent fetchers the same token anyway). Throws,
   * without running `work`, only when the lock cannot be taken.
   */
  withRefreshLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Decides a claim from the ledger entries; shared by store implementations so they agree. */
export function decideForceRefresh(
  ledger: readonly Date[],
  at: Date,
  policy: ForceRefreshPolicy,
): ForceRefreshClaim {
  const now = at.getTime();
  // A rolling 24 h window: stricter than WeChat's calendar day, so we never trip its limit.
  const recent = ledger.map((d) => d.getTime()).filter((t) => t > now - DAY_MS && t <= now);
  const last = recent.length ? Math.max(...recent) : undefined;
  if (last !== undefined && now - last < policy.minIntervalMs) {
    return { granted: false, reason: 'too-soon', retryAt: new Date(last + policy.minIntervalMs) };
  }
  if (recent.length >= policy.maxPerDay) {
    return { granted: false, reason: 'daily-limit', retryAt: new Date(Math.min(...recent) + DAY_MS) };
  }
  return { granted: true };
}
