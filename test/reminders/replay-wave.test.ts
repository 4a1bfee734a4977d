/**
 * An after-wave that promises the replay waits until the platform reports one (getliveinfo with
 * action "get_replay"): against the emulator over loopback, on a real SQLite store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchDue } from '../../src/reminders/dispatch.js';
import { writeOutbox } from '../../src/reminders/outbox.js';
import { openSqliteStore, type SqliteStateStore } from '../../src/state/sqlite-store.js';
import { type Contract, type Json, startContract } from '../contract/harness.js';
import { createRoomAt, goddessRows } from './support.js';

const CAMPAIGN = 'goddess-day-2027';
const START = new Date('2027-03-08T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

let c: Contract;
let dir: string;
let store: SqliteStateStore;

beforeEach(async () => {
  c = await startContract();
  dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-replay-'));
  store = await openSqliteStore(path.join(dir, 'state.db'), { clock: { now: () => c.now() } });
});
afterEach(async () => {
  await store.close();
  await c.close();
  rmSync(dir, { recursive: true, force: true });
});

const createRoom = (closeReplay: 0 | 1) => createRoomAt(c, START, { closeReplay });

const dispatchAt = async (now: Date) => {
  await c.setClock(now);
  return dispatchDue({ store, clients: c.clients, now, owner: 'test', sleep: async () => {} });
};
const replayAsks = async () =>
  (await c.requests()).filter(
    (r: Json) => r.path === '/wxa/business/getliveinfo' && r.body?.action === 'get_replay',
  );
const groupSends = async () => (await c.state()).tasks.filter((t: Json) => t.kind === 'groupmsg').length;

describe('replay-aware after-waves', () => {
  it('marks the replay wave (and only it) as waiting for the replay', () => {
    const rows = goddessRows('1');
    const waits = [...new Set(rows.filter((r) => r.payload.waitForReplay).map((r) => r.wave))];
    expect(waits).toEqual(['replay']);
    expect(rows.some((r) => r.wave === 'feedback')).toBe(true);
  });

  it('waits while the platform has no replay, and sends once it reports one', async () => {
    const roomId = await createRoom(1);
    const rows = goddessRows(String(roomId)).filter((r) => r.wave === 'replay');
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    const due = Date.parse(rows[0]!.dueAt);

    const a = await dispatchAt(new Date(due));
    expect(a.rows.map((r) => r.outcome)).toEqual(rows.map(() => 'retry'));
    expect(a.rows[0]!.reason).toMatch(/no replay of the room yet/);
    expect(await groupSends()).toBe(0);
    expect((await replayAsks()).length).toBeGreaterThan(0);

    await c.admin('rooms/replay', { roomId, ready: true });
    const b = await dispatchAt(new Date(due + 10 * MIN));
    expect(b.rows.map((r) => r.outcome)).toEqual(rows.map(() => 'sent'));
    expect(await groupSends()).toBe(rows.filter((r) => r.payload.type === 'wecom-groups').length);
  });

  it('skips the wave with that reason when no replay appears within the grace', async () => {
    const roomId = await createRoom(1);
    const rows = goddessRows(String(roomId)).filter((r) => r.wave === 'replay');
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    const due = Date.parse(rows[0]!.dueAt);
    await dispatchAt(new Date(due));
    const late = await dispatchAt(new Date(due + 5 * HOUR));
    expect(late.rows.map((r) => r.outcome)).toEqual(rows.map(() => 'skipped'));
    expect(late.rows[0]!.reason).toMatch(
      /past its grace window .*while waiting: the platform reports no replay/,
    );
    expect(await groupSends()).toBe(0);
  });

  it('emulator: a replay exists only after the room ended, even when the admin makes it ready', async () => {
    const roomId = await createRoom(0);
    await c.admin('rooms/replay', { roomId, ready: true });
    await c.setClock(new Date(START.getTime() + HOUR));
    expect((await c.clients.miniProgram.rooms.replays(roomId)).total).toBe(0);
    // Ended, within the ~10 minutes WeChat takes: ready only through the admin override.
    await c.setClock(new Date(START.getTime() + 2 * HOUR + 2 * MIN));
    expect((await c.clients.miniProgram.rooms.replays(roomId)).replays).toHaveLength(1);
    await c.admin('rooms/replay', { roomId, ready: null });
    expect((await c.clients.miniProgram.rooms.replays(roomId)).total).toBe(0);
    await c.setClock(new Date(START.getTime() + 2 * HOUR + 11 * MIN));
    expect((await c.clients.miniProgram.rooms.replays(roomId)).total).toBe(1);
  });
});
