import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkerInput } from '../../test/support/state/store-worker.js';
import { clock, T0, tempDir } from '../../test/support/state/temp-store.js';
import { runWorker, startWorker } from '../../test/support/state/workers.js';
import { openSqliteStore } from './sqlite-store.js';

/**
 * Several `node` processes on one store file, as cron, a daemon and a marketer's laptop would be.
 * Each worker waits for the `go` file, then opens the (possibly brand-new) file and acts, so they also
 * race to create and migrate it.
 */
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** Starts workers, waits until every one is loaded and waiting, then releases them together. */
async function together<T>(inputs: WorkerInput[]): Promise<T[]> {
  const go = tmp.file('go');
  const workers = inputs.map((input) => startWorker<T>({ ...input, go }));
  await Promise.all(workers.map((w) => w.ready));
  writeFileSync(go, '');
  return Promise.all(workers.map((w) => w.result));
}

describe('two processes, one store', () => {
  it('exactly one of two processes gets the lock; the other gets it after expiry', async () => {
    const file = tmp.file();
    const now = T0.toISOString();
    const results = await together<{ acquired: boolean }>(
      ['a', 'b'].map((owner) => ({
        file,
        job: { op: 'lock', name: 'apply:goddess', owner, ttlMs: 60_000, now },
      })),
    );
    expect(results.map((r) => r.acquired).sort()).toEqual([false, true]);

    const store = await openSqliteStore(file, { clock });
    const loser = results[0]!.acquired ? 'b' : 'a';
    expect(await store.acquireLock('apply:goddess', loser, 60_000, new Date(T0.getTime() + 59_999))).toBe(
      false,
    );
    expect(await store.acquireLock('apply:goddess', loser, 60_000, new Date(T0.getTime() + 60_000))).toBe(
      true,
    );
    await store.close();
  });

  it('of four processes racing for a lock on a brand-new file, exactly one wins', async () => {
    const file = tmp.file('fresh/state.db');
    const now = T0.toISOString();
    const results = await together<{ acquired?: boolean; error?: string }>(
      ['a', 'b', 'c', 'd'].map((owner) => ({
        file,
        job: { op: 'lock', name: 'daemon', owner, ttlMs: 60_000, now },
      })),
    );
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
  });

  it('a token set by one process is read by another', async () => {
    const file = tmp.file();
    const key = 'mp-stable:https://api.weixin.qq.com:wx0123456789abcdef';
    await runWorker({
      file,
      job: { op: 'set-token', key, token: 'SHARED', expiresAt: '2027-03-01T04:00:00.000Z' },
    });
    expect(await runWorker({ file, job: { op: 'get-token', key } })).toEqual({
      token: 'SHARED',
      expiresAt: '2027-03-01T04:00:00.000Z',
    });
  });

  it('the force-refresh ration is shared: four processes get 20 grants in total, one per slot, 30 s apart', async () => {
    const file = tmp.file();
    // 30 slots 31 s apart: each slot may be granted once (then it is "too soon" for the others) and
    // only the first 20 of the day.
    const times = Array.from({ length: 30 }, (_, i) => new Date(T0.getTime() + i * 31_000).toISOString());
    const policy = { maxPerDay: 20, minIntervalMs: 30_000 };
    const results = await together<{ granted: string[] }>(
      [1, 2, 3, 4].map(() => ({ file, job: { op: 'claim', key: 'k', times, policy } })),
    );
    const granted = results.flatMap((r) => r.granted).sort();
    expect(granted).toEqual(times.slice(0, 20));
  });

  it('concurrent writers queue behind the busy timeout: no write lost, serials unique', async () => {
    const file = tmp.file();
    const count = 40;
    const results = await together<{ serials?: number[]; error?: string }>(
      ['p', 'q', 'r', 's'].map((prefix) => ({
        file,
        busyTimeoutMs: 10_000,
        job: { op: 'write', campaign: 'goddess', prefix, count },
      })),
    );
    expect(results.filter((r) => r.error)).toEqual([]);
    const serials = results.flatMap((r) => r.serials!).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 4 * count }, (_, i) => i + 1));
    const store = await openSqliteStore(file, { clock });
    const snap = await store.snapshot('goddess');
    expect(snap.campaign?.serial).toBe(4 * count);
    expect(snap.resources.size).toBe(4 * count);
    await store.close();
  });

  it('a writer killed with SIGKILL mid-stream loses nothing it committed and leaves no half-write', async () => {
    const file = tmp.file();
    const go = tmp.file('go');
    writeFileSync(go, '');
    // Killed after a given number of commits it saw, not after a time: on a loaded machine a timed
    // kill could land before the first write.
    for (const [run, afterAcks] of [1, 150, 600].entries()) {
      const w = startWorker({
        file,
        go,
        job: { op: 'write', campaign: 'goddess', prefix: `run${run}`, count: 1_000_000, ack: true },
      });
      await w.ready;
      await w.acked(afterAcks);
      w.kill('SIGKILL');
      await expect(w.result).rejects.toThrow(/no result/);
      const acks = [...w.output().matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));
      expect(acks.length).toBeGreaterThan(0);
      // Every write the killed process saw committed is still there.
      const store = await openSqliteStore(file, { clock });
      expect((await store.snapshot('goddess')).campaign!.serial).toBeGreaterThanOrEqual(Math.max(...acks));
      await store.close();
    }
    const store = await openSqliteStore(file, { clock });
    const snap = await store.snapshot('goddess');
    // Each write adds one resource and bumps the serial in the same transaction.
    expect(snap.resources.size).toBeGreaterThan(0);
    expect(snap.campaign?.serial).toBe(snap.resources.size);
    for (const run of [0, 1, 2]) {
      const ids = [...snap.resources.values()]
        .filter((r) => r.address.startsWith(`goods/run${run}-`))
        .map((r) => Number(r.remoteId!.slice(4)));
      // A prefix of the sequence: writes are committed in order and none vanished.
      expect(ids.sort((a, b) => a - b)).toEqual(ids.map((_, i) => i));
    }
    await store.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
