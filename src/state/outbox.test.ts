import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FreshStore, STORE_KINDS } from '../../test/support/state/stores.js';
import { T0 } from '../../test/support/state/temp-store.js';
import { reconcileSchedule } from '../reminders/reconcile.js';
import type { OutboxStore, StateStore } from './port.js';
import type { OutboxWrite } from './types.js';

/** The outbox's contract: the same tests on SQLite and on PostgreSQL. */
describe.each(STORE_KINDS)('$name outbox', (kind) => {
  let fresh: FreshStore;
  let store: StateStore;
  let outbox: OutboxStore;

  beforeEach(async () => {
    fresh = await kind.fresh();
    store = await fresh.open();
    await store.ensureCampaign('c');
    outbox = store.outbox();
  });
  afterEach(async () => {
    await store.close();
    fresh.cleanup();
  });

  const MIN = 60_000;
  const upsert = (campaign: string, rows: OutboxWrite[], now: Date) =>
    outbox.upsert(campaign, rows, now, reconcileSchedule);
  const at = (min: number) => new Date(T0.getTime() + min * MIN);

  function row(slice: string, over: Partial<OutboxWrite> = {}): OutboxWrite {
    return {
      campaign: 'c',
      wave: 'w1',
      channel: 'groups',
      slice,
      dueAt: at(10).toISOString(),
      graceMs: 15 * MIN,
      idempotencyKey: `k-${over.wave ?? 'w1'}-${slice}`,
      payload: { text: 'hello' },
      ...over,
    };
  }

  describe('outbox: writing the schedule', () => {
    it('inserts once; writing the same schedule again changes nothing', async () => {
      expect(await upsert('c', [row('a'), row('b')], T0)).toMatchObject({ inserted: 2 });
      expect(await upsert('c', [row('a'), row('b')], T0)).toMatchObject({
        inserted: 0,
        updated: 0,
        unchanged: 2,
      });
      expect(await outbox.counts('c')).toMatchObject({ pending: 2 });
    });

    it('updates pending rows in place, cancels pending rows that left, and never touches a sent row', async () => {
      await upsert('c', [row('a'), row('b'), row('c')], T0);
      const [a] = await outbox.claim({ now: at(10), owner: 'd1', limit: 1, leaseMs: MIN });
      await outbox.begin(a!.id, 'd1', at(10), MIN);
      await outbox.markSent(a!.id, 'd1', { remoteId: 'msg1', now: at(10) });
      const r = await upsert(
        'c',
        [row('a', { payload: { text: 'edited' } }), row('b', { payload: { text: 'edited' } })],
        at(11),
      );
      expect(r).toMatchObject({ updated: 1, unchanged: 1, cancelled: 1 });
      const rows = await outbox.list({ campaign: 'c' });
      expect(rows.map((x) => [x.slice, x.status, x.payload.text])).toEqual([
        ['a', 'sent', 'hello'],
        ['b', 'pending', 'edited'],
        ['c', 'cancelled', 'hello'],
      ]);
      expect(rows[2]!.lastError).toMatch(/no longer in the campaign/);
      // Adding the slice back makes it pending again.
      expect(await upsert('c', [row('a'), row('b'), row('c')], at(12))).toMatchObject({ reopened: 1 });
    });

    it('reopens a skipped row when its wave moved, not when it merely was written again', async () => {
      await upsert('c', [row('a')], T0);
      const [a] = await outbox.claim({ now: at(60), owner: 'd1', limit: 5, leaseMs: MIN });
      await outbox.markSkipped(a!.id, 'd1', 'past grace', at(60));
      expect(await upsert('c', [row('a')], at(61))).toMatchObject({ unchanged: 1 });
      expect(await upsert('c', [row('a', { dueAt: at(120).toISOString() })], at(61))).toMatchObject({
        reopened: 1,
      });
      expect((await outbox.list())[0]).toMatchObject({
        status: 'pending',
        attempts: 0,
        dueAt: at(120).toISOString(),
      });
    });

    it('keeps a menu restore whose switch went out, even when the menu left the campaign', async () => {
      await upsert('c', [row('menu-switch', { channel: 'oa' }), row('menu-restore', { channel: 'oa' })], T0);
      const [sw] = await outbox.claim({ now: at(10), owner: 'd', limit: 1, leaseMs: MIN });
      await outbox.markSent(sw!.id, 'd', { now: at(10) });
      expect(await upsert('c', [], at(11))).toMatchObject({ cancelled: 0 });
      expect(await outbox.counts('c')).toMatchObject({ pending: 1, sent: 1 });
    });
  });

  describe('outbox: dispatching', () => {
    it('claims due rows once: a second dispatcher gets the others, then none', async () => {
      await upsert('c', [row('a'), row('b'), row('c', { dueAt: at(30).toISOString() })], T0);
      expect(await outbox.claim({ now: at(5), owner: 'd1', limit: 10, leaseMs: 5 * MIN })).toEqual([]);
      const one = await outbox.claim({ now: at(10), owner: 'd1', limit: 1, leaseMs: 5 * MIN });
      const two = await outbox.claim({ now: at(10), owner: 'd2', limit: 10, leaseMs: 5 * MIN });
      expect(one.map((r) => r.slice)).toEqual(['a']);
      expect(two.map((r) => r.slice)).toEqual(['b']);
      expect(two[0]).toMatchObject({
        status: 'claimed',
        leaseOwner: 'd2',
        leaseExpiresAt: at(15).toISOString(),
      });
      expect(await outbox.claim({ now: at(10), owner: 'd3', limit: 10, leaseMs: 5 * MIN })).toEqual([]);
    });

    it("takes back a crashed dispatcher's rows after the lease, with the attempt marked as unknown", async () => {
      await upsert('c', [row('a')], T0);
      const [a] = await outbox.claim({ now: at(10), owner: 'crashed', limit: 1, leaseMs: 5 * MIN });
      expect(await outbox.begin(a!.id, 'crashed', at(10), 5 * MIN)).toBe(true);
      expect(await outbox.checkpoint(a!.id, 'crashed', { jobid: 'j1' }, at(10), 5 * MIN)).toBe(true);
      expect(await outbox.claim({ now: at(14), owner: 'd2', limit: 1, leaseMs: 5 * MIN })).toEqual([]);
      const [again] = await outbox.claim({ now: at(16), owner: 'd2', limit: 1, leaseMs: 5 * MIN });
      expect(again).toMatchObject({
        attempts: 1,
        attemptStartedAt: at(10).toISOString(),
        details: { jobid: 'j1' },
      });
      // The crashed one wakes up: every write it tries is refused.
      expect(await outbox.markSent(a!.id, 'crashed', { now: at(16) })).toBe(false);
      expect(await outbox.begin(a!.id, 'crashed', at(16), MIN)).toBe(false);
      expect(
        await outbox.markSent(a!.id, 'd2', { remoteId: 'm', details: { found: true }, now: at(16) }),
      ).toBe(true);
      expect((await outbox.list())[0]).toMatchObject({
        status: 'sent',
        remoteId: 'm',
        details: { jobid: 'j1', found: true },
      });
      expect((await outbox.list())[0]!.attemptStartedAt).toBeUndefined();
    });

    it('retries with a backoff: not claimable before next_attempt_at; an unknown outcome keeps its marker', async () => {
      await upsert('c', [row('a'), row('b')], T0);
      const [a, b] = await outbox.claim({ now: at(10), owner: 'd', limit: 2, leaseMs: MIN });
      await outbox.begin(a!.id, 'd', at(10), MIN);
      await outbox.begin(b!.id, 'd', at(10), MIN);
      await outbox.retry(a!.id, 'd', { reason: 'busy', nextAttemptAt: at(12), unknown: false, now: at(10) });
      await outbox.retry(b!.id, 'd', {
        reason: 'timeout',
        nextAttemptAt: at(12),
        unknown: true,
        now: at(10),
      });
      expect(await outbox.claim({ now: at(11), owner: 'd', limit: 5, leaseMs: MIN })).toEqual([]);
      expect(await outbox.nextDue('c')).toMatchObject({ slice: 'a', nextAttemptAt: at(12).toISOString() });
      const back = await outbox.claim({ now: at(12), owner: 'd', limit: 5, leaseMs: MIN });
      expect(back.map((r) => [r.slice, r.attempts, r.lastError, r.attemptStartedAt])).toEqual([
        ['a', 1, 'busy', undefined],
        ['b', 1, 'timeout', at(10).toISOString()],
      ]);
    });

    it('releases what a stopping dispatcher holds; counts by status', async () => {
      await upsert('c', [row('a'), row('b'), row('c')], T0);
      const rows = await outbox.claim({ now: at(10), owner: 'd', limit: 3, leaseMs: MIN });
      await outbox.markFailed(rows[0]!.id, 'd', 'errcode 40058', at(10));
      expect(await outbox.release('d', at(10))).toBe(2);
      expect(await outbox.counts('c')).toEqual({
        pending: 2,
        claimed: 0,
        sent: 0,
        skipped: 0,
        failed: 1,
        cancelled: 0,
      });
      expect(await outbox.counts()).toEqual(await outbox.counts('c'));
    });

    it('writes asked for together commit together, each with its own answer (group commit)', async () => {
      await upsert('c', [row('a'), row('b'), row('c')], T0);
      const [a, b, c] = await outbox.claim({ now: at(10), owner: 'd', limit: 3, leaseMs: MIN });
      const answers = await Promise.all([
        outbox.begin(a!.id, 'd', at(10), MIN),
        outbox.begin(b!.id, 'someone else', at(10), MIN),
        outbox.markSkipped(c!.id, 'd', 'no followers', at(10)),
        outbox.markSent(a!.id, 'd', { remoteId: 'm1', now: at(10) }),
      ]);
      expect(answers).toEqual([true, false, true, true]);
      expect((await outbox.list()).map((r) => [r.slice, r.status, r.attempts])).toEqual([
        ['a', 'sent', 1],
        ['b', 'claimed', 0],
        ['c', 'skipped', 0],
      ]);
    });

    it('refuses rows for a campaign the store does not know', async () => {
      await expect(upsert('nope', [row('a', { campaign: 'nope' })], T0)).rejects.toThrow(
        /not in the state store/,
      );
    });
  });
});
