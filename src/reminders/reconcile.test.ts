import { describe, expect, it } from 'vitest';
import type { OutboxStatus, OutboxWrite, ScheduledRow } from '../state/types.js';
import { reconcileSchedule } from './reconcile.js';

const DUE = '2027-03-05T02:00:00.000Z';
const LATER = '2027-03-05T03:00:00.000Z';

function wanted(slice: string, over: Partial<OutboxWrite> = {}): OutboxWrite {
  return {
    campaign: 'c',
    wave: 'w1',
    channel: 'groups',
    slice,
    dueAt: DUE,
    graceMs: 900_000,
    idempotencyKey: `k-${over.wave ?? 'w1'}-${over.channel ?? 'groups'}-${slice}`,
    payload: { text: 'hello' },
    ...over,
  };
}

let nextId = 1;
function stored(
  slice: string,
  status: OutboxStatus,
  over: Partial<OutboxWrite> = {},
  extra: Partial<ScheduledRow> = {},
): ScheduledRow {
  const { payload, ...w } = wanted(slice, over);
  return { ...w, id: nextId++, status, payloadJson: JSON.stringify(payload), inDoubt: false, ...extra };
}

describe('reconcileSchedule', () => {
  it('inserts what is new, leaves what is the same', () => {
    const d = reconcileSchedule([stored('a', 'pending')], [wanted('a'), wanted('b')]);
    expect(d).toMatchObject({ update: [], reopen: [], cancel: [], unchanged: 1 });
    expect(d.insert.map((r) => r.slice)).toEqual(['b']);
  });

  it('updates a pending row whose text changed, dropping its progress unless an attempt is in doubt', () => {
    const a = stored('a', 'pending');
    const b = stored('b', 'pending', {}, { inDoubt: true });
    const c = stored('c', 'pending');
    const d = reconcileSchedule(
      [a, b, c],
      [
        wanted('a', { payload: { text: 'edited' } }),
        wanted('b', { payload: { text: 'edited' } }),
        wanted('c', { dueAt: LATER }),
      ],
    );
    expect(d.update.map((u) => [u.id, u.resetDetails])).toEqual([
      [a.id, true],
      [b.id, false],
      [c.id, false],
    ]);
  });

  it('never touches a sent, claimed or in-flight row', () => {
    const rows = [stored('a', 'sent'), stored('b', 'claimed', {}, { inDoubt: true })];
    const d = reconcileSchedule(rows, [
      wanted('a', { payload: { text: 'edited' }, dueAt: LATER }),
      wanted('b', { dueAt: LATER }),
    ]);
    expect(d).toEqual({ insert: [], update: [], reopen: [], cancel: [], unchanged: 2 });
  });

  it('reopens a cancelled row, and a skipped or failed one only when its due time moved', () => {
    const cancelled = stored('a', 'cancelled');
    const skipped = stored('b', 'skipped');
    const failed = stored('c', 'failed');
    const d = reconcileSchedule(
      [cancelled, skipped, failed],
      [wanted('a'), wanted('b'), wanted('c', { dueAt: LATER })],
    );
    expect(d.reopen.map((r) => r.id)).toEqual([cancelled.id, failed.id]);
    expect(d.unchanged).toBe(1);
  });

  it('cancels pending rows that left the schedule, but keeps a restore whose menu switch went out', () => {
    const gone = stored('a', 'pending', { wave: 'w2' });
    const sw = stored('menu-switch', 'sent', { channel: 'oa' });
    const restore = stored('menu-restore', 'pending', { channel: 'oa' });
    const otherRestore = stored('menu-restore', 'pending', { channel: 'oa2' });
    const d = reconcileSchedule([gone, sw, restore, otherRestore], []);
    expect(d.cancel).toEqual([
      { id: gone.id, reason: 'wave w2 or channel groups is no longer in the campaign' },
      { id: otherRestore.id, reason: 'wave w1 or channel oa2 is no longer in the campaign' },
    ]);
  });

  it('counts a key written twice in one schedule once', () => {
    const d = reconcileSchedule([], [wanted('a'), wanted('a')]);
    expect(d.insert).toHaveLength(1);
    expect(d.unchanged).toBe(1);
  });
});
