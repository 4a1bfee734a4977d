import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../state/sqlite-store.js';
import { acquireCampaignLock } from './lock.js';

/** The apply lock on a real (in-memory) SQLite store, with a fake wall clock and sleep. */
function fakeTime() {
  let t = Date.parse('2027-03-01T02:00:00Z');
  return {
    clock: { now: () => new Date(t) },
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('acquireCampaignLock', () => {
  it('a second holder waits, then refuses with a clear message; after release it gets the lock', async () => {
    const store = await openSqliteStore(':memory:', { clock: { now: () => new Date() } });
    const time = fakeTime();
    const opts = { clock: time.clock, sleep: time.sleep, ttlMs: 5_000, waitMs: 3_000, renewMs: 60_000 };
    const first = await acquireCampaignLock(store, 'apply:c', 'apply of c', opts);
    await expect(acquireCampaignLock(store, 'apply:c', 'apply of c', opts)).rejects.toThrow(
      'another apply of c is running right now (lock apply:c is held); not starting a second one',
    );
    await first.release();
    const second = await acquireCampaignLock(store, 'apply:c', 'apply of c', opts);
    await second.release();
    await store.close();
  });

  it('a crashed holder (no renewal) frees the lock once its lifetime passes', async () => {
    const store = await openSqliteStore(':memory:', { clock: { now: () => new Date() } });
    const time = fakeTime();
    const opts = { clock: time.clock, sleep: time.sleep, ttlMs: 5_000, waitMs: 7_000, renewMs: 60_000 };
    await acquireCampaignLock(store, 'apply:c', 'apply of c', opts); // never released: the holder "died"
    const t0 = time.clock.now().getTime();
    const next = await acquireCampaignLock(store, 'apply:c', 'apply of c', opts);
    expect(time.clock.now().getTime() - t0).toBeGreaterThanOrEqual(5_000);
    expect(time.clock.now().getTime() - t0).toBeLessThan(7_000);
    await next.release();
    await store.close();
  });

  it('other campaigns are not blocked', async () => {
    const store = await openSqliteStore(':memory:', { clock: { now: () => new Date() } });
    const time = fakeTime();
    const opts = { clock: time.clock, sleep: time.sleep, renewMs: 60_000 };
    const a = await acquireCampaignLock(store, 'apply:a', 'apply of a', opts);
    const b = await acquireCampaignLock(store, 'apply:b', 'apply of b', opts);
    await a.release();
    await b.release();
    await store.close();
  });
});
