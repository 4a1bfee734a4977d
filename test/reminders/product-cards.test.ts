/**
 * during.productCards: the schedule's rows (pure) and their dispatch against the emulator over
 * loopback on a real SQLite store — pushed once while the room is live, retried before it starts,
 * skipped with the reason once it ended or when the goods were never added.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTimes } from '../../src/campaign/resolve.js';
import { planTimeline } from '../../src/plan/timeline.js';
import { dispatchDue } from '../../src/reminders/dispatch.js';
import { writeOutbox } from '../../src/reminders/outbox.js';
import { productCardEntries } from '../../src/reminders/product-cards.js';
import { scheduleReminders } from '../../src/reminders/schedule.js';
import type { OutboxRowSpec, ProductCardPayload } from '../../src/reminders/types.js';
import { openSqliteStore, type SqliteStateStore } from '../../src/state/sqlite-store.js';
import { type Contract, image, type Json, startContract } from '../contract/harness.js';
import { CAMPAIGNS, createRoomAt, loadCampaign, texts } from './support.js';

const CAMPAIGN = 'goddess-day-2027';
const START = new Date('2027-03-08T12:00:00Z');
const MIN = 60_000;

/** goddess-day with two product cards, the later one first in the file. */
const withCards = (t: string) =>
  t.replace(
    '  couponDrops:\n',
    '  productCards:\n    - { at: +40m, product: mask-box }\n    - { at: +20m, product: lipstick-520 }\n  couponDrops:\n',
  );

function cardRows(roomId?: string, goods?: Record<string, string>): OutboxRowSpec[] {
  const c = loadCampaign(undefined, withCards);
  return scheduleReminders(
    c,
    resolveTimes(c),
    { ...(roomId ? { roomId } : {}), waves: {}, ...(goods ? { goods } : {}) },
    { texts, campaignDir: CAMPAIGNS },
  ).filter((r) => r.payload.type === 'product-card');
}

describe('product cards: schedule and run sheet (pure)', () => {
  it('gives one row per entry, in time order, to the room, with the goods id and a 3-minute grace', () => {
    const rows = cardRows('42', { 'lipstick-520': '1001', 'mask-box': '1002' });
    expect(rows.map((r) => [r.wave, r.channel, r.slice, r.dueAt, r.graceMs])).toEqual([
      ['during', 'room', 'card:2', '2027-03-08T12:20:00.000Z', 3 * MIN],
      ['during', 'room', 'card:1', '2027-03-08T12:40:00.000Z', 3 * MIN],
    ]);
    const p = rows[0]!.payload as ProductCardPayload;
    expect(p.product).toEqual({ id: 'lipstick-520', name: '玫瑰丝绒口红', goodsId: '1001' });
    expect(p.room.id).toBe('42');
    // Keys are stable: the same entry gives the same key without the ids.
    expect(cardRows().map((r) => r.idempotencyKey)).toEqual(rows.map((r) => r.idempotencyKey));
  });

  it('gives no rows without cards', () => {
    const c = loadCampaign();
    expect(c.during?.productCards).toEqual([]);
    expect(productCardEntries(c, resolveTimes(c))).toEqual([]);
  });

  it('puts the cards in the run sheet at their time', () => {
    const c = loadCampaign(undefined, withCards);
    const times = resolveTimes(c);
    const sheet = planTimeline({ campaign: c, times, tz: c.metadata.timezone } as never);
    expect(sheet.filter((e) => e.kind === 'product-card').map((e) => [e.local, e.id, e.label])).toEqual([
      ['2027-03-08 20:20', 'lipstick-520', '推送商品卡片：玫瑰丝绒口红'],
      ['2027-03-08 20:40', 'mask-box', '推送商品卡片：玻尿酸补水面膜10片'],
    ]);
  });
});

describe('product cards: dispatch against the emulator', () => {
  let c: Contract;
  let dir: string;
  let store: SqliteStateStore;

  beforeEach(async () => {
    c = await startContract({ emulator: { audit: 'manual' } });
    dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-cards-'));
    store = await openSqliteStore(path.join(dir, 'state.db'), { clock: { now: () => c.now() } });
  });
  afterEach(async () => {
    await store.close();
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A room from START for 2 h with the lipstick approved and added (the mask is not in the room). */
  async function roomWithGoods(): Promise<{ roomId: number; goods: Record<string, string> }> {
    const mp = c.clients.miniProgram;
    const up = async (w: number, h: number) => (await mp.uploadMedia('image', image(w, h))).mediaId;
    const roomId = await createRoomAt(c, START);
    const add = async (name: string) => {
      const { goodsId } = await mp.goods.add({
        coverImgUrl: await up(300, 300),
        name,
        priceType: 1,
        price: 99,
        url: 'pages/goods/detail?id=1',
      });
      await c.admin('goods/approve', { goodsId: Number(goodsId) });
      return goodsId;
    };
    const lipstick = await add('玫瑰丝绒口红');
    const mask = await add('补水面膜礼盒');
    await mp.rooms.addGoods(roomId, [lipstick]);
    return { roomId, goods: { 'lipstick-520': lipstick, 'mask-box': mask } };
  }

  const dispatchAt = async (now: Date) => {
    await c.setClock(now);
    return dispatchDue({ store, clients: c.clients, now, owner: 'test', sleep: async () => {} });
  };
  const pushes = async () =>
    (await c.requests()).filter((r: Json) => r.path === '/wxaapi/broadcast/goods/push');

  it('pushes each card once while live; a card of goods not in the room is skipped with the reason', async () => {
    const { roomId, goods } = await roomWithGoods();
    await writeOutbox(store, CAMPAIGN, cardRows(String(roomId), goods), c.now());

    const first = await dispatchAt(new Date(START.getTime() + 20 * MIN));
    expect(first.rows.map((r) => [r.slice, r.outcome, r.type])).toEqual([['card:2', 'sent', 'product-card']]);
    expect((await pushes()).map((r: Json) => r.body)).toEqual([
      { roomId, goodsId: Number(goods['lipstick-520']) },
    ]);
    // Again a minute later: nothing is pushed twice.
    expect((await dispatchAt(new Date(START.getTime() + 21 * MIN))).claimed).toBe(0);

    const second = await dispatchAt(new Date(START.getTime() + 40 * MIN));
    expect(second.rows.map((r) => [r.slice, r.outcome])).toEqual([['card:1', 'skipped']]);
    expect(second.rows[0]!.reason).toMatch(/not in this room/);
    expect(await pushes()).toHaveLength(2);
  });

  it('retries while the room has not started, then skips it with that reason past the grace', async () => {
    const { roomId, goods } = await roomWithGoods();
    await writeOutbox(store, CAMPAIGN, cardRows(String(roomId), goods), c.now());
    await c.admin('rooms/status', { roomId, liveStatus: 102 });
    const due = START.getTime() + 20 * MIN;
    const a = await dispatchAt(new Date(due));
    expect(a.rows.map((r) => [r.slice, r.outcome])).toEqual([['card:2', 'retry']]);
    expect(a.rows[0]!.reason).toMatch(/not live \(not started\)/);
    const b = await dispatchAt(new Date(due + 4 * MIN));
    expect(b.rows.map((r) => [r.slice, r.outcome])).toEqual([['card:2', 'skipped']]);
    expect(b.rows[0]!.reason).toMatch(/past its grace window .*while waiting: the room is not live/);
  });

  it('skips at once when the room already ended, and when there is no goods id', async () => {
    const { roomId, goods } = await roomWithGoods();
    await writeOutbox(
      store,
      CAMPAIGN,
      cardRows(String(roomId), { 'lipstick-520': goods['lipstick-520']! }),
      c.now(),
    );
    await c.admin('rooms/status', { roomId, liveStatus: 103 });
    const a = await dispatchAt(new Date(START.getTime() + 20 * MIN));
    expect(a.rows.map((r) => [r.slice, r.outcome])).toEqual([['card:2', 'skipped']]);
    expect(a.rows[0]!.reason).toMatch(/not live \(ended\)/);
    const b = await dispatchAt(new Date(START.getTime() + 40 * MIN));
    expect(b.rows.map((r) => [r.slice, r.outcome])).toEqual([['card:1', 'skipped']]);
    expect(b.rows[0]!.reason).toMatch(/no goods id/);
    expect(await pushes()).toHaveLength(1);
  });
});
