import type { Clock } from '../platform/deps.js';
import { WeChatApiError } from './errors.js';

/**
 * Access tokens, shared by every process of the operator (cron, CI, a laptop) through a TokenStore.
 * What peers.md says goes wrong, and what this does instead:
 *  - token wars (each process fetching its own token and killing the others'): `stable_token` by
 *    default, whose normal mode returns the *same* token to everyone; one store for all processes;
 *  - a slower refresh overwriting a newer token, or a force refresh expiring the token before the new
 *    one exists: we never delete before replacing, and only refresh when the rejected token is still
 *    the current one (compare before refresh);
 *  - endless refresh loops burning the quota: refresh once per rejection, force refresh rationed
 *    (≤ 20 a day, ≥ 30 s apart, WeChat's own limits) through a ledger in the shared store;
 *  - a store outage making every call refetch: a store error is treated as a miss, and the last token
 *    this process saw is kept as a local fallback.
 */

import {
  decideForceRefresh,
  type ForceRefreshClaim,
  type ForceRefreshPolicy,
  type StoredToken,
  type TokenStore,
} from '../state/tokens.js';

// The port lives in src/state (the stores implement it); re-exported for the broker's users.
export type { ForceRefreshClaim, ForceRefreshPolicy, StoredToken, TokenStore };
export { decideForceRefresh };

export const DEFAULT_FORCE_REFRESH_POLICY: ForceRefreshPolicy = { maxPerDay: 20, minIntervalMs: 30_000 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** For tests and single-process use. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();
  private readonly ledger = new Map<string, Date[]>();

  async get(key: string): Promise<StoredToken | undefined> {
    return this.tokens.get(key);
  }
  async set(key: string, token: StoredToken): Promise<void> {
    this.tokens.set(key, token);
  }
  async delete(key: string): Promise<void> {
    this.tokens.delete(key);
  }
  async claimForceRefresh(key: string, at: Date, policy: ForceRefreshPolicy): Promise<ForceRefreshClaim> {
    const entries = (this.ledger.get(key) ?? []).filter((d) => d.getTime() > at.getTime() - DAY_MS);
    const claim = decideForceRefresh(entries, at, policy);
    if (claim.granted) entries.push(at);
    this.ledger.set(key, entries);
    return claim;
  }
  withRefreshLock<T>(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }
  /** For tests: how many force refreshes the ledger holds. */
  forceRefreshCount(key: string): number {
    return this.ledger.get(key)?.length ?? 0;
  }
}

export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

/** Where tokens come from: stable_token, /cgi-bin/token, WeCom gettoken. */
export interface TokenSource {
  /** Store key: account + token kind + API base (emulator tokens never reach WeChat, and back). */
  readonly key: string;
  /** `force`: invalidate the current token and issue a new one (stable_token force_refresh). */
  fetch(opts: { force: boolean }): Promise<FetchedToken>;
}

export interface TokenBrokerOptions {
  store: TokenStore;
  clock: Clock;
  /** Refresh this long before expiry (WeChat rotates stable tokens 5 min before). */
  marginMs?: number;
  forceRefresh?: ForceRefreshPolicy;
  /** Called with every token obtained, so redaction knows it. */
  onToken?: (token: string) => void;
}

export class TokenBroker {
  private inflight?: Promise<string>;
  private local?: StoredToken;
  private readonly localLedger = new MemoryTokenStore();
  private readonly marginMs: number;
  private readonly policy: ForceRefreshPolicy;

  constructor(
    private readonly source: TokenSource,
    private readonly opts: TokenBrokerOptions,
  ) {
    this.marginMs = opts.marginMs ?? 5 * 60_000;
    this.policy = opts.forceRefresh ?? DEFAULT_FORCE_REFRESH_POLICY;
  }

  get key(): string {
    return this.source.key;
  }

  /** A token valid beyond the margin; concurrent callers share one fetch. */
  async getToken(): Promise<string> {
    const cached = await this.read();
    if (cached && this.isFresh(cached)) return cached.token;
    return this.shared(() =>
      this.underStoreLock(async () => {
        // Another caller, process or host may have refreshed while we waited.
        const again = await this.read();
        if (again && this.isFresh(again)) return again.token;
        return this.fetchAndSave(false);
      }),
    );
  }

  /**
   * The platform refused `rejected` (40001/40014/42001). Returns a different token or throws the
   * original error, explained. Never loops: the caller repeats its call once.
   */
  async refreshAfterRejection(rejected: string, cause: WeChatApiError): Promise<string> {
    return this.shared(() =>
      this.underStoreLock(async () => {
        const current = await this.read();
        if (current && current.token !== rejected && this.isFresh(current)) return current.token;
        // Normal mode first: if someone else already rotated the token, this hands us theirs for free.
        const plain = await this.fetchAndSave(false);
        if (plain !== rejected) return plain;
        const claim = await this.safeClaim();
        if (!claim.granted) throw this.rationed(cause, claim);
        return this.fetchAndSave(true);
      }),
    );
  }

  /**
   * One fetch for every host of the store: `work` runs under the store's refresh lock. A store that
   * cannot lock (it is down) does not stop us: the fetch goes ahead, as it would without a store.
   */
  private async underStoreLock(work: () => Promise<string>): Promise<string> {
    let started = false;
    try {
      return await this.opts.store.withRefreshLock(this.source.key, () => {
        started = true;
        return work();
      });
    } catch (err) {
      if (started) throw err;
      return work();
    }
  }

  private async shared(work: () => Promise<string>): Promise<string> {
    if (this.inflight) return this.inflight;
    const p = work().finally(() => {
      if (this.inflight === p) this.inflight = undefined;
    });
    this.inflight = p;
    return p;
  }

  private isFresh(t: StoredToken): boolean {
    const now = this.opts.clock.now().getTime();
    const exp = t.expiresAt.getTime();
    const lifetime = t.obtainedAt ? exp - t.obtainedAt.getTime() : Number.POSITIVE_INFINITY;
    // A token handed out with less life than the margin is still used for half its life.
    const margin = Math.min(this.marginMs, lifetime / 2);
    return now < exp - margin;
  }

  private async fetchAndSave(force: boolean): Promise<string> {
    const fetched = await this.source.fetch({ force });
    this.opts.onToken?.(fetched.token);
    const now = this.opts.clock.now();
    const stored: StoredToken = {
      token: fetched.token,
      obtainedAt: now,
      expiresAt: new Date(now.getTime() + fetched.expiresInSeconds * 1000),
    };
    this.local = stored;
    try {
      await this.opts.store.set(this.source.key, stored);
    } catch {
      // The store is down: keep going on the local copy rather than refetching on every call.
    }
    return stored.token;
  }

  private async read(): Promise<StoredToken | undefined> {
    try {
      const t = await this.opts.store.get(this.source.key);
      if (t) {
        this.opts.onToken?.(t.token);
        return t;
      }
      return this.local;
    } catch {
      return this.local;
    }
  }

  private async safeClaim(): Promise<ForceRefreshClaim> {
    const at = this.opts.clock.now();
    try {
      return await this.opts.store.claimForceRefresh(this.source.key, at, this.policy);
    } catch {
      // The shared ledger is unreachable: ration within this process rather than not at all.
      return this.localLedger.claimForceRefresh(this.source.key, at, this.policy);
    }
  }

  private rationed(
    cause: WeChatApiError,
    claim: Extract<ForceRefreshClaim, { granted: false }>,
  ): WeChatApiError {
    const why =
      claim.reason === 'too-soon'
        ? `another forced refresh happened less than ${Math.round(this.policy.minIntervalMs / 1000)} s ago`
        : `the ${this.policy.maxPerDay} forced refreshes allowed a day are used up`;
    return new WeChatApiError({
      api: cause.api,
      kind: cause.kind,
      errcode: cause.errcode,
      errmsg: cause.errmsg,
      payload: cause.payload,
      retryable: claim.reason === 'too-soon',
      hintKind: 'token',
      hint:
        `The access token was rejected and livectl did not force a new one: ${why} (WeChat's limit). ` +
        `Try again after ${claim.retryAt.toISOString()}. If this keeps happening, another tool may be ` +
        `using /cgi-bin/token or force-refreshing with the same AppID; let livectl own the token.`,
    });
  }
}
