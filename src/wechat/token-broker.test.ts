import { describe, expect, it } from 'vitest';
import type { Clock } from '../platform/deps.js';
import { WeChatApiError } from './errors.js';
import {
  decideForceRefresh,
  type FetchedToken,
  MemoryTokenStore,
  TokenBroker,
  type TokenSource,
  type TokenStore,
} from './token-broker.js';

function manualClock(start = '2027-03-01T00:00:00Z'): Clock & { advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A fake stable_token: normal fetches return the current token; force issues a new one. */
function fakeSource(key = 'mp-stable:test:wx1') {
  let n = 1;
  let current = 'tok-1';
  const calls: { force: boolean }[] = [];
  let gate: Promise<void> | undefined;
  const source: TokenSource & { calls: typeof calls; rotate(): void; hold(p: Promise<void>): void } = {
    key,
    calls,
    rotate: () => {
      current = `tok-${++n}`;
    },
    hold: (p) => {
      gate = p;
    },
    async fetch({ force }): Promise<FetchedToken> {
      calls.push({ force });
      if (gate) await gate;
      if (force) current = `tok-${++n}`;
      return { token: current, expiresInSeconds: 7200 };
    },
  };
  return source;
}

const rejected = (token: string) =>
  new WeChatApiError({ api: '/x', kind: 'platform', errcode: 40001, errmsg: `invalid credential ${token}` });

describe('TokenBroker', () => {
  it('concurrent callers share one fetch', async () => {
    const source = fakeSource();
    let release!: () => void;
    source.hold(new Promise<void>((r) => (release = r)));
    const broker = new TokenBroker(source, { store: new MemoryTokenStore(), clock: manualClock() });
    const all = Promise.all([broker.getToken(), broker.getToken(), broker.getToken(), broker.getToken()]);
    release();
    expect(await all).toEqual(['tok-1', 'tok-1', 'tok-1', 'tok-1']);
    expect(source.calls).toHaveLength(1);
  });

  it('reuses a token from the shared store (another process fetched it)', async () => {
    const store = new MemoryTokenStore();
    const clock = manualClock();
    const a = new TokenBroker(fakeSource(), { store, clock });
    const bSource = fakeSource();
    const b = new TokenBroker(bSource, { store, clock });
    await a.getToken();
    expect(await b.getToken()).toBe('tok-1');
    expect(bSource.calls).toHaveLength(0);
  });

  it('refreshes 5 minutes before expiry, not after', async () => {
    const source = fakeSource();
    const clock = manualClock();
    const broker = new TokenBroker(source, { store: new MemoryTokenStore(), clock });
    await broker.getToken();
    clock.advance(7200_000 - 5 * 60_000 - 1000);
    await broker.getToken();
    expect(source.calls).toHaveLength(1);
    clock.advance(2000);
    await broker.getToken();
    expect(source.calls).toHaveLength(2);
  });

  it('after a rejection, takes a newer token from the store without fetching', async () => {
    const store = new MemoryTokenStore();
    const clock = manualClock();
    const source = fakeSource();
    const broker = new TokenBroker(source, { store, clock });
    await broker.getToken();
    await store.set(source.key, {
      token: 'tok-other',
      expiresAt: new Date(clock.now().getTime() + 7200_000),
    });
    expect(await broker.refreshAfterRejection('tok-1', rejected('tok-1'))).toBe('tok-other');
    expect(source.calls).toHaveLength(1);
  });

  it('tries a normal fetch first; forces only when it hands back the rejected token', async () => {
    const clock = manualClock();
    const store = new MemoryTokenStore();
    const source = fakeSource();
    const broker = new TokenBroker(source, { store, clock });
    await broker.getToken();
    source.rotate(); // someone else force-refreshed: a normal fetch now returns tok-2
    expect(await broker.refreshAfterRejection('tok-1', rejected('tok-1'))).toBe('tok-2');
    expect(source.calls.map((c) => c.force)).toEqual([false, false]);
    expect(store.forceRefreshCount(source.key)).toBe(0);

    expect(await broker.refreshAfterRejection('tok-2', rejected('tok-2'))).toBe('tok-3');
    expect(source.calls.map((c) => c.force)).toEqual([false, false, false, true]);
    expect(store.forceRefreshCount(source.key)).toBe(1);
  });

  it('concurrent rejections share one refresh', async () => {
    const source = fakeSource();
    const broker = new TokenBroker(source, { store: new MemoryTokenStore(), clock: manualClock() });
    await broker.getToken();
    const [a, b] = await Promise.all([
      broker.refreshAfterRejection('tok-1', rejected('tok-1')),
      broker.refreshAfterRejection('tok-1', rejected('tok-1')),
    ]);
    expect(a).toBe('tok-2');
    expect(b).toBe('tok-2');
    expect(source.calls.filter((c) => c.force)).toHaveLength(1);
  });

  it('rations force refreshes: ≥ 30 s apart, and the error explains when to try again', async () => {
    const clock = manualClock();
    const source = fakeSource();
    const broker = new TokenBroker(source, { store: new MemoryTokenStore(), clock });
    await broker.getToken();
    await broker.refreshAfterRejection('tok-1', rejected('tok-1'));
    clock.advance(10_000);
    const err = await broker.refreshAfterRejection('tok-2', rejected('tok-2')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect((err as WeChatApiError).errcode).toBe(40001);
    expect((err as WeChatApiError).hint).toMatch(/30 s/);
    expect((err as WeChatApiError).retryable).toBe(true);
    clock.advance(20_000);
    expect(await broker.refreshAfterRejection('tok-2', rejected('tok-2'))).toBe('tok-3');
  });

  it('rations force refreshes: at most 20 a day, shared through the store', async () => {
    const clock = manualClock();
    const store = new MemoryTokenStore();
    const source = fakeSource();
    // Two "processes" with their own brokers share the store's ledger.
    const brokers = [new TokenBroker(source, { store, clock }), new TokenBroker(source, { store, clock })];
    let token = await brokers[0]!.getToken();
    for (let i = 0; i < 20; i++) {
      token = await brokers[i % 2]!.refreshAfterRejection(token, rejected(token));
      clock.advance(31_000);
    }
    const err = (await brokers[0]!
      .refreshAfterRejection(token, rejected(token))
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(err.hint).toMatch(/20 forced refreshes/);
    expect(err.retryable).toBe(false);
    expect(store.forceRefreshCount(source.key)).toBe(20);
    clock.advance(24 * 3600_000);
    expect(await brokers[1]!.refreshAfterRejection(token, rejected(token))).not.toBe(token);
  });

  it('keeps working on a local copy when the store is down', async () => {
    const broken: TokenStore = {
      get: async () => {
        throw new Error('store down');
      },
      set: async () => {
        throw new Error('store down');
      },
      delete: async () => {},
      claimForceRefresh: async () => ({ granted: true }),
      withRefreshLock: async () => {
        throw new Error('store down');
      },
    };
    const source = fakeSource();
    const broker = new TokenBroker(source, { store: broken, clock: manualClock() });
    expect(await broker.getToken()).toBe('tok-1');
    expect(await broker.getToken()).toBe('tok-1');
    expect(source.calls).toHaveLength(1);
  });

  it('still rations force refreshes in-process when the shared ledger is unreachable', async () => {
    const clock = manualClock();
    const inner = new MemoryTokenStore();
    const store: TokenStore = {
      get: (k) => inner.get(k),
      set: (k, t) => inner.set(k, t),
      delete: (k) => inner.delete(k),
      claimForceRefresh: async () => {
        throw new Error('ledger down');
      },
      withRefreshLock: (_k, work) => work(),
    };
    const broker = new TokenBroker(fakeSource(), { store, clock });
    await broker.getToken();
    expect(await broker.refreshAfterRejection('tok-1', rejected('tok-1'))).toBe('tok-2');
    await expect(broker.refreshAfterRejection('tok-2', rejected('tok-2'))).rejects.toMatchObject({
      errcode: 40001,
    });
  });

  it('decideForceRefresh counts a rolling 24 h window', () => {
    const at = new Date('2027-03-02T00:00:00Z');
    const old = Array.from({ length: 20 }, (_, i) => new Date(at.getTime() - 25 * 3600_000 + i * 1000));
    expect(decideForceRefresh(old, at, { maxPerDay: 20, minIntervalMs: 30_000 })).toEqual({ granted: true });
  });
});
