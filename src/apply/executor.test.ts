import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ANCHOR,
  campaignYaml,
  DEFAULT_PRODUCTS,
  HOUR,
  type Json,
  makeWorkspace,
  T0,
  type Workspace,
} from '../../test/e2e/support/workspace.js';
import { type RunningEmulator, startEmulator } from '../emulator/index.js';
import { specHash } from '../plan/desired.js';
import { planCampaign } from '../plan/planner.js';
import type { Plan } from '../plan/types.js';
import { openSqliteStore, type SqliteStateStore } from '../state/sqlite-store.js';
import { finishLoading, readCampaign } from '../usecases/load-campaign.js';
import { createClients, retryDecision, WeChatApiError } from '../wechat/index.js';
import type { ApplyEvent } from './events.js';
import { type ApplyResult, applyPlan } from './executor.js';
import { reconcileGoods } from './reconcile.js';
import type { ReminderRequest } from './reminders.js';
import { StateWriter } from './state-writer.js';

/**
 * The executor at the HTTP boundary (style.md §11): the real emulator on 127.0.0.1:0, a real SQLite
 * store, the real clients; the plan from the real planner. Assertions on the emulator's request log
 * and state, and on the store.
 */

interface H {
  emu: RunningEmulator;
  ws: Workspace;
  store: SqliteStateStore;
  now: Date;
  events: ApplyEvent[];
  requests: number;
  plan(): Promise<Plan>;
  apply(extra?: Partial<Parameters<typeof applyPlan>[1]>): Promise<ApplyResult>;
  setClock(at: Date): Promise<void>;
  admin(p: string, body?: unknown): Promise<Json>;
  log(): Promise<Json[]>;
  platform(): Promise<{ rooms: Json[]; goods: Json[] }>;
  close(): Promise<void>;
}

let h: H | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(yaml = campaignYaml()): Promise<H> {
  const emu = await startEmulator({
    port: 0,
    now: T0,
    verifiedWechat: [ANCHOR],
    audit: 'auto',
    auditDelayMs: 2 * HOUR,
  });
  const ws = makeWorkspace(yaml);
  const x: H = {
    emu,
    ws,
    now: T0,
    events: [],
    requests: 0,
    store: undefined as unknown as SqliteStateStore,
    async plan() {
      const read = await readCampaign(ws.file, ws.dir, x.now);
      if (!read.ok) throw new Error('invalid campaign');
      const load = await finishLoading(read, await x.store.snapshot(read.campaign.metadata.name));
      if (!load.ok) throw new Error(JSON.stringify(load.report.diagnostics));
      const l = load.loaded;
      return planCampaign({
        campaign: l.campaign,
        file: 'campaign.yaml',
        campaignHash: l.hash,
        assets: l.assets,
        state: await x.store.snapshot(l.campaign.metadata.name),
        now: x.now,
      });
    },
    async apply(extra = {}) {
      const read = await readCampaign(ws.file, ws.dir, x.now);
      if (!read.ok) throw new Error('invalid campaign');
      const load = await finishLoading(read, await x.store.snapshot(read.campaign.metadata.name));
      if (!load.ok) throw new Error('invalid campaign');
      const l = load.loaded;
      const clock = { now: () => x.now };
      const clients = createClients({
        wechatBase: emu.wechatBase,
        credentials: { miniProgram: { appId: 'wx0123456789abcdef', secret: 'unit-secret-0123456789' } },
        tokenStore: x.store.tokens,
        clock,
        sleep: async () => {},
        onRequest: () => {
          x.requests++;
        },
      });
      return applyPlan(await x.plan(), {
        campaign: l.campaign,
        times: l.times,
        assets: l.assets,
        campaignHash: l.hash,
        store: x.store,
        clients,
        clock,
        emit: (e) => x.events.push(e),
        artifactsDir: `${ws.dir}/out`,
        countRequests: () => x.requests,
        // Stand-ins for the poster renderer and the outbox write (their own tests cover them).
        posters: async (req) => ({ path: `${req.outDir}/posters/${req.waveId}.png` }),
        reminders: async (req) => ({ message: `${req.changes.length} outbox rows written` }),
        ...extra,
      });
    },
    async setClock(at) {
      x.now = at;
      await x.admin('clock', { now: at.toISOString() });
    },
    async admin(p, body) {
      const res = await fetch(
        `${emu.url}/__emulator/${p}`,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      return (await res.json()) as Json;
    },
    log: async () => (await x.admin('requests')).requests as Json[],
    async platform() {
      const s = await x.admin('state');
      return {
        rooms: s.rooms.filter((r: Json) => !r.deleted),
        goods: s.goods.filter((g: Json) => !g.deleted),
      };
    },
    async close() {
      await x.store.close();
      await emu.close();
      ws.close();
    },
  };
  x.store = await openSqliteStore(ws.statePath, { clock: { now: () => x.now } });
  return x;
}

const paths = (log: Json[]) => log.map((r) => r.path as string);

describe('applyPlan', () => {
  it('re-uploads an image WeChat calls expired (300006) and adds the goods once', async () => {
    h = await harness();
    await h.admin('faults', {
      path: '/wxaapi/broadcast/goods/add',
      kind: 'errcode',
      errcode: 300006,
      times: 1,
    });
    const r = await h.apply();
    expect(r.outcome).toBe('complete');
    const log = paths(await h.log());
    expect(log.filter((p) => p === '/wxaapi/broadcast/goods/add')).toHaveLength(4); // 3 + the refused one
    expect(log.filter((p) => p === '/cgi-bin/media/upload')).toHaveLength(5); // 4 images + 1 fresh cover
    expect((await h.platform()).goods).toHaveLength(3);
  });

  it('-1 on room create (nothing created): looks, finds nothing, creates once more', async () => {
    h = await harness();
    await h.admin('faults', {
      path: '/wxaapi/broadcast/room/create',
      kind: 'errcode',
      errcode: -1,
      times: 1,
    });
    const r = await h.apply();
    expect(r.outcome).toBe('complete');
    const log = paths(await h.log());
    expect(log.filter((p) => p === '/wxaapi/broadcast/room/create')).toHaveLength(2);
    expect(log.filter((p) => p === '/wxa/business/getliveinfo').length).toBeGreaterThanOrEqual(2);
    expect((await h.platform()).rooms).toHaveLength(1);
  });

  it('adopts, on the next run, the room an attempt whose answer was lost created (its own pending create)', async () => {
    h = await harness();
    // The answer of room/create is lost after the effect, and the look that follows fails too (the
    // first getliveinfo, before the create, passes): the run ends with the room unknown.
    await h.admin('faults', { path: '/wxaapi/broadcast/room/create', kind: 'drop-after-effect', times: 1 });
    await h.admin('faults', {
      path: '/wxa/business/getliveinfo',
      kind: 'errcode',
      errcode: 45009,
      skip: 1,
      times: 1,
    });
    expect((await h.apply()).outcome).not.toBe('complete');
    const roomId = (await h.platform()).rooms[0]?.roomId;
    expect((await h.store.snapshot('spring-tea')).resources.get('room')).toBeUndefined();
    expect((await h.store.pendingCreates('spring-tea')).map((p) => p.address)).toEqual(['room']);
    h.events = [];
    const r = await h.apply();
    expect(r.outcome).toBe('complete');
    const done = h.events.find((e) => e.type === 'change-done' && e.address === 'room');
    expect(done).toMatchObject({ adopted: true, remoteId: String(roomId) });
    expect((await h.platform()).rooms).toHaveLength(1);
    expect(paths(await h.log()).filter((p) => p === '/wxaapi/broadcast/room/create')).toHaveLength(1);
    // The adopted room replaced the pending create.
    expect(await h.store.pendingCreates('spring-tea')).toEqual([]);
  });

  it('never adopts a look-alike room without a pending create of its own (state lost, no attempt recorded)', async () => {
    h = await harness();
    await h.apply();
    // The record is gone and nothing says this campaign tried to create a room: the room on the
    // platform is not provably this campaign's, so a new one is created.
    await h.store.deleteResource('spring-tea', 'room');
    h.events = [];
    expect((await h.apply()).outcome).toBe('complete');
    expect(h.events.some((e) => e.type === 'change-done' && e.adopted)).toBe(false);
    expect((await h.platform()).rooms).toHaveLength(2);
  });

  it('sorts the room goods in campaign order once they are in the room, and again only when the order changes', async () => {
    h = await harness();
    await h.apply();
    await h.setClock(new Date(T0.getTime() + 3 * HOUR));
    await h.apply(); // approved, into the room, sorted
    const sorts = async () =>
      (await h!.log()).filter((r) => r.path === '/wxaapi/broadcast/goods/sort').map((r) => r.body);
    const snap = await h.store.snapshot('spring-tea');
    const goodsOf = (ids: string[]) => ids.map((id) => Number(snap.resources.get(`goods/${id}`)!.remoteId));
    const ids = DEFAULT_PRODUCTS.map((p) => p.id);
    const roomId = Number(snap.resources.get('room')!.remoteId);
    expect(await sorts()).toEqual([{ roomId, goods: goodsOf(ids).map((goodsId) => ({ goodsId })) }]);
    const shelf = (await h.admin('state')).rooms[0].goods.map((g: Json) => g.goodsId);
    expect(shelf).toEqual(goodsOf(ids));
    await h.apply(); // same order: not sent again
    expect(await sorts()).toHaveLength(1);
    h.ws.writeCampaign(campaignYaml({ products: [...DEFAULT_PRODUCTS].reverse() }));
    await h.apply();
    const all = await sorts();
    expect(all).toHaveLength(2);
    expect(all[1]).toEqual({ roomId, goods: goodsOf([...ids].reverse()).map((goodsId) => ({ goodsId })) });
    const after = (await h.admin('state')).rooms[0].goods.map((g: Json) => g.goodsId);
    expect(after).toEqual(goodsOf([...ids].reverse()));
  });

  it('approved goods whose name changed are replaced: deleted, added again, out of the room until approved', async () => {
    h = await harness();
    await h.apply();
    await h.setClock(new Date(T0.getTime() + 3 * HOUR));
    await h.apply(); // approved, into the room
    const before = (await h.platform()).goods.find((g) => g.name === '明前龙井250克')!;
    h.ws.writeCampaign(
      campaignYaml({
        products: DEFAULT_PRODUCTS.map((p) =>
          p.id === 'longjing' ? { ...p, name: '明前龙井特级250克' } : p,
        ),
      }),
    );
    const plan = await h.plan();
    expect(plan.changes.filter((c) => c.address === 'goods/longjing').map((c) => c.action)).toEqual([
      'delete',
      'create',
    ]);
    const r = await h.apply();
    expect(r.outcome).toBe('complete');
    const p = await h.platform();
    expect(p.goods.map((g) => g.name).sort()).toEqual(['明前龙井特级250克', '碧螺春礼盒装', '青瓷茶具一套']);
    const after = p.goods.find((g) => g.name === '明前龙井特级250克')!;
    expect(after.goodsId).not.toBe(before.goodsId);
    expect(p.rooms[0]?.goods.map((g: Json) => g.goodsId)).not.toContain(before.goodsId);
    const snap = await h.store.snapshot('spring-tea');
    expect(snap.resources.get('goods/longjing')).toMatchObject({
      remoteId: String(after.goodsId),
      auditStatus: 'pending',
    });
    expect(snap.resources.get('room-goods/longjing')).toBeUndefined();
  });

  it('rejected goods that changed are updated and resubmitted (same goodsId, new audit)', async () => {
    h = await harness();
    await h.apply();
    const g = (await h.platform()).goods.find((x) => x.name === '碧螺春礼盒装')!;
    await h.admin('goods/reject', { goodsId: g.goodsId, reason: 'bad picture' });
    await reconcileGoods({
      writer: new StateWriter(
        h.store,
        'spring-tea',
        { now: () => h!.now },
        await h.store.snapshot('spring-tea'),
      ),
      mp: createClients({
        wechatBase: h.emu.wechatBase,
        credentials: { miniProgram: { appId: 'wx0123456789abcdef', secret: 'unit-secret-0123456789' } },
        tokenStore: h.store.tokens,
        clock: { now: () => h!.now },
      }).miniProgram,
    });
    expect((await h.store.snapshot('spring-tea')).resources.get('goods/biluochun')?.auditStatus).toBe(
      'rejected',
    );
    h.ws.writeCampaign(
      campaignYaml({
        products: DEFAULT_PRODUCTS.map((p) =>
          p.id === 'biluochun' ? { ...p, price: '{ type: discount, original: 199, now: 119 }' } : p,
        ),
      }),
    );
    await h.admin('requests/clear', {});
    const r = await h.apply();
    expect(r.outcome).toBe('complete');
    expect(paths(await h.log()).filter((p) => /goods\/(update|audit|add|delete)$/.test(p))).toEqual([
      '/wxaapi/broadcast/goods/update',
      '/wxaapi/broadcast/goods/audit',
    ]);
    const now = (await h.platform()).goods.find((x) => x.name === '碧螺春礼盒装');
    expect(now).toMatchObject({ goodsId: g.goodsId, price2: 119, auditStatus: 1 });
    const history = (await h.store.snapshot('spring-tea')).audits
      .get('goods/biluochun')!
      .map((e) => e.status);
    expect(history).toEqual(['pending', 'rejected', 'pending']);
  });

  it('the reconcile asks at most 20 goods a call', async () => {
    const products = Array.from({ length: 25 }, (_, i) => ({
      id: `p${i + 1}`,
      name: `春茶精选第${i + 1}号`,
      price: `{ type: fixed, amount: ${100 + i} }`,
    }));
    h = await harness(campaignYaml({ products }));
    await h.apply();
    const calls = (await h.log()).filter((r) => r.path === '/wxa/business/getgoodswarehouse');
    expect(calls.map((c) => c.body.goods_ids.length)).toEqual([20, 5]);
  });

  it('hands reminder and menu changes to the reminder hook in one call, and posters to the poster hook', async () => {
    h = await harness();
    const seen: ReminderRequest[] = [];
    const posters: string[] = [];
    const r = await h.apply({
      posters: async (req) => {
        posters.push(req.waveId);
        return { path: `${req.outDir}/${req.waveId}.png` };
      },
      reminders: async (req) => {
        seen.push(req);
        return { message: `${req.changes.length} outbox rows written` };
      },
    });
    expect(r.outcome).toBe('complete');
    expect(posters.length).toBeGreaterThan(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.changes.map((c) => c.address)).toContain('reminder/live/wecom-groups');
    expect(seen[0]!.snapshot.resources.get('room')?.remoteId).toBeDefined();
    const done = h.events.filter((e) => e.type === 'change-done' && e.address.startsWith('reminder/'));
    expect(done.length).toBe(seen[0]!.changes.length);
  });

  it('with no reminder changes, hands the hook an empty list so pending rows follow the room; not when the room failed', async () => {
    h = await harness();
    const calls: number[] = [];
    const hook = async (req: ReminderRequest) => {
      calls.push(req.changes.length);
      // Record the reminders as the real hook does, so the next plan has nothing to change for them.
      for (const c of req.changes)
        await req.store.putResource('spring-tea', {
          address: c.address,
          kind: 'reminder',
          hash: specHash(c.after!),
          sent: c.after!,
          attributes: {},
          createdAt: h!.now.toISOString(),
          updatedAt: h!.now.toISOString(),
        });
      return { message: 'written', refreshed: req.changes.length === 0 ? 2 : 0 };
    };
    await h.apply({ reminders: hook });
    expect(calls[0]).toBeGreaterThan(0);
    h.events = [];
    await h.apply({ reminders: hook });
    expect(calls.slice(1)).toEqual([0]);
    expect(h.events).toContainEqual(
      expect.objectContaining({
        type: 'change-done',
        address: 'outbox',
        message: '2 pending rows rewritten with the campaign as it is now',
      }),
    );

    // A campaign whose room could not be created: no rows are written for it.
    const h2 = await harness(campaignYaml().replace('spring-tea', 'autumn-tea'));
    try {
      await h2.admin('faults', { path: '/wxaapi/broadcast/room/create', kind: 'errcode', errcode: 300022 });
      const seen: number[] = [];
      await h2.apply({
        reminders: async (req) => {
          seen.push(req.changes.length);
          return { message: '' };
        },
      });
      expect(seen).toEqual([]);
    } finally {
      await h2.close();
    }
  });

  it("never adopts another campaign's goods of the same name and page as an earlier attempt of its own", async () => {
    h = await harness();
    await h.apply();
    const first = (await h.platform()).goods.length;
    expect(first).toBeGreaterThan(0);
    // A second campaign in the same store sells the same products under the same pages.
    writeFileSync(h.ws.file, campaignYaml({ name: 'spring-tea-encore' }));
    h.events = [];
    const r = await h.apply();
    expect(r.outcome).toBe('complete');
    expect(h.events.some((e) => e.type === 'change-done' && e.adopted)).toBe(false);
    expect((await h.platform()).goods).toHaveLength(2 * first);
  });

  it('saves state after every remote success: a store write follows each create', async () => {
    h = await harness();
    const serials: number[] = [];
    const put = h.store.putResource.bind(h.store);
    h.store.putResource = async (c, r) => {
      const n = await put(c, r);
      serials.push(n);
      return n;
    };
    await h.apply();
    const snap = await h.store.snapshot('spring-tea');
    // media (4) + goods (3) + room + codes (5): each saved on its own
    expect(serials.length).toBeGreaterThanOrEqual(13);
    expect([...snap.resources.keys()].filter((k) => k.startsWith('goods/'))).toHaveLength(3);
    expect(snap.campaign?.lastApply?.outcome).toBe('complete');
  });
});

describe('applyPlan: the daily audit quota', () => {
  it('after 300012 the other goods are not tried today; apply again the next day finishes', async () => {
    const products = Array.from({ length: 8 }, (_, i) => ({
      id: `p${i + 1}`,
      name: `春茶精选第${i + 1}号`,
      price: `{ type: fixed, amount: ${100 + i} }`,
    }));
    h = await harness(campaignYaml({ products }));
    await h.admin('faults', { path: '/wxaapi/broadcast/goods/add', kind: 'errcode', errcode: 300012 });
    const r = await h.apply();
    expect(r.outcome).toBe('partial');
    // Goods go four at a time: those already in flight when 300012 comes back are refused too.
    const adds = (await h.log()).filter((q) => q.path === '/wxaapi/broadcast/goods/add');
    expect(adds.length).toBeLessThanOrEqual(4);
    const skipped = h.events.filter(
      (e) => e.type === 'change-skipped' && e.message.includes('500 audit submissions'),
    );
    expect(skipped.length).toBe(8 - adds.length);
    expect((await h.platform()).rooms).toHaveLength(1);
    await h.admin('faults', { kind: 'reset', path: '*' });
    await h.setClock(new Date(T0.getTime() + 24 * HOUR));
    expect((await h.apply()).outcome).toBe('complete');
    expect((await h.platform()).goods).toHaveLength(8);
  });
});

describe('applyPlan: 45009', () => {
  it('stops the run with the shared retry policy’s reason (dispatch holds the account back with the same one)', async () => {
    h = await harness();
    await h.admin('faults', {
      path: '/wxaapi/broadcast/goods/add',
      kind: 'errcode',
      errcode: 45009,
      times: 1,
    });
    const r = await h.apply();
    expect(r.outcome).not.toBe('complete');
    const adds = (await h.log()).filter((q) => q.path === '/wxaapi/broadcast/goods/add');
    // Goods go four at a time: only those already in flight were sent; nothing after them.
    expect(adds.length).toBeLessThanOrEqual(4);
    expect((await h.platform()).rooms).toHaveLength(0);
    const reason = retryDecision(
      new WeChatApiError({ api: '/x', kind: 'platform', errcode: 45009, errmsg: 'e' }),
    ).stopsRun!;
    const skipped = h.events.filter((e) => e.type === 'change-skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const e of skipped) expect(e).toMatchObject({ message: `not attempted: ${reason}` });
  });
});
