import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import { runCli } from '../support/cli.js';
import {
  campaignYaml,
  type E2E,
  HOUR,
  type Json,
  makeWorkspace,
  startE2E,
  type Workspace,
} from './support/workspace.js';

/**
 * Adoption never crosses campaigns or stores: apply adopts a remote object only
 * when it matches a pending create of this same campaign and appeared after it; destroy deletes only
 * what the campaign created or adopted that way; "ok" without an id is a failed, maybe-applied call.
 * The real CLI in-process, the emulator on loopback, real SQLite files.
 */

let e: E2E | undefined;
const extra: Workspace[] = [];
afterEach(async () => {
  await e?.close();
  e = undefined;
  for (const w of extra.splice(0)) w.close();
});

const platform = async (x: E2E) => {
  const s = await x.state();
  return {
    rooms: s.rooms.filter((r: Json) => !r.deleted) as Json[],
    goods: s.goods.filter((g: Json) => !g.deleted) as Json[],
  };
};

const events = (stdout: string): Json[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Json);

const ids = (xs: Json[], key: string) => xs.map((x) => String(x[key])).sort();

/** A second campaign with its own folder and its own state store, on the same mini program. */
function secondCampaign(x: E2E, name: string) {
  const ws = makeWorkspace(campaignYaml({ name }));
  extra.push(ws);
  return {
    ws,
    cli: (args: string[]) =>
      runCli([...args, '--now', x.now().toISOString()], { cwd: ws.dir, env: x.env, now: x.now() }),
  };
}

describe('two campaigns, two state stores, the same products', () => {
  it('the second creates its own room and goods, even after a lost answer, and its destroy leaves the first campaign’s alone', async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const first = await platform(e);
    expect(first.goods).toHaveLength(3);
    const firstGoods = ids(first.goods, 'goodsId');
    const firstRoom = String(first.rooms[0]?.roomId);

    // The second campaign: same room name and start, same goods names and pages, another store.
    // One of its goods adds loses its answer after the effect: it must adopt its own copy, not the
    // first campaign's look-alike that was there before.
    const b = secondCampaign(e, 'spring-tea-encore');
    await e.admin('faults', { path: '/wxaapi/broadcast/goods/add', kind: 'drop-after-effect', times: 1 });
    const r = await b.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const adopted = events(r.stdout).filter((ev) => ev.type === 'change-done' && ev.adopted);
    expect(adopted).toHaveLength(1); // its own lost add, found again
    const both = await platform(e);
    expect(both.rooms).toHaveLength(2);
    expect(both.goods).toHaveLength(6);
    const store = await openSqliteStore(b.ws.statePath, { clock: { now: () => e!.now() } });
    const snap = await store.snapshot('spring-tea-encore');
    await store.close();
    const secondGoods = [...snap.resources.values()]
      .filter((x) => x.kind === 'goods')
      .map((x) => x.remoteId!)
      .sort();
    expect(secondGoods).toHaveLength(3);
    for (const id of secondGoods) expect(firstGoods).not.toContain(id);
    expect(snap.resources.get('room')?.remoteId).not.toBe(firstRoom);
    expect(secondGoods).toContain(String(adopted[0]!.remoteId));

    // The second campaign's destroy deletes its own goods and room, nothing of the first. (After the
    // audit: the adopted copy's auditId was in the lost answer, so its audit could not be withdrawn.)
    await e.advance(3 * HOUR);
    const d = await b.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    const after = await platform(e);
    expect(ids(after.goods, 'goodsId')).toEqual(firstGoods);
    expect(after.rooms.map((x) => String(x.roomId))).toEqual([firstRoom]);
    const st = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(st.goods.map((g: Json) => g.goodsId).sort()).toEqual(firstGoods);
    expect(st.goods.every((g: Json) => g.auditStatus === 'pending')).toBe(true);
    // …and the first campaign's apply finds nothing to do.
    await e.clearRequests();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const writes = (await e.requests()).filter((q) => /\/(create|add)$/.test(q.path as string));
    expect(writes).toEqual([]);
  });
});

describe('a lost create answer is adopted on the next run, exactly once', () => {
  it('goods: the add happened, the look after it failed; the next apply adopts that copy and adds no other', async () => {
    e = await startE2E();
    await e.admin('faults', { path: '/wxaapi/broadcast/goods/add', kind: 'drop-after-effect', times: 1 });
    // The first library read (four statuses) passes; the look after the lost answer fails.
    await e.admin('faults', {
      path: '/wxaapi/broadcast/goods/getapproved',
      kind: 'errcode',
      errcode: 45009,
      skip: 4,
      times: 1,
    });
    const r1 = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r1.code).toBe(1);
    await e.admin('faults', { kind: 'reset', path: '*' });
    const lost = (await platform(e)).goods;
    const store = await openSqliteStore(e.ws.statePath, { clock: { now: () => e!.now() } });
    const pending = await store.pendingCreates('spring-tea');
    await store.close();
    expect(pending.map((p) => p.kind)).toEqual(['goods']);

    await e.clearRequests();
    const r2 = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r2.code, r2.stderr).toBe(0);
    const adopted = events(r2.stdout).filter((ev) => ev.type === 'change-done' && ev.adopted);
    expect(adopted.map((ev) => ev.address)).toEqual([pending[0]!.address]);
    const p = await platform(e);
    expect(p.goods).toHaveLength(3);
    expect(ids(p.goods, 'goodsId')).toEqual(expect.arrayContaining(ids(lost, 'goodsId')));
    const adds = (await e.requests()).filter((q) => q.path === '/wxaapi/broadcast/goods/add');
    expect(adds).toHaveLength(3 - lost.length);
  });
});

describe('errcode 0 without an id is a failed, maybe-applied call', () => {
  it('room: no roomId (then one that is not a number) is never recorded; what the call made is adopted later', async () => {
    e = await startE2E();
    await e.admin('faults', {
      path: '/wxaapi/broadcast/room/create',
      kind: 'patch-answer',
      patch: { roomId: null },
      times: 1,
    });
    // The look after it fails too, so the run ends with the outcome unknown.
    await e.admin('faults', {
      path: '/wxa/business/getliveinfo',
      kind: 'errcode',
      errcode: 45009,
      skip: 1,
      times: 1,
    });
    const r1 = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r1.code).toBe(1);
    const failed = events(r1.stdout).find((ev) => ev.type === 'change-failed' && ev.address === 'room');
    expect(failed).toMatchObject({ errcode: 45009 });
    let store = await openSqliteStore(e.ws.statePath, { clock: { now: () => e!.now() } });
    expect((await store.snapshot('spring-tea')).resources.get('room')).toBeUndefined();
    expect((await store.pendingCreates('spring-tea')).map((p) => p.address)).toEqual(['room']);
    await store.close();
    await e.admin('faults', { kind: 'reset', path: '*' });

    const r2 = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r2.code, r2.stderr).toBe(0);
    const p = await platform(e);
    expect(p.rooms).toHaveLength(1);
    store = await openSqliteStore(e.ws.statePath, { clock: { now: () => e!.now() } });
    expect((await store.snapshot('spring-tea')).resources.get('room')?.remoteId).toBe(
      String(p.rooms[0]?.roomId),
    );
    await store.close();
    // roomId=NaN never went back to WeChat.
    expect(JSON.stringify(await e.requests())).not.toContain('NaN');
  });

  it('room: a roomId that is not a number, answered once, makes the same run look and adopt', async () => {
    e = await startE2E();
    await e.admin('faults', {
      path: '/wxaapi/broadcast/room/create',
      kind: 'patch-answer',
      patch: { roomId: 'abc' },
      times: 1,
    });
    const r = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const done = events(r.stdout).find((ev) => ev.type === 'change-done' && ev.address === 'room');
    const p = await platform(e);
    expect(p.rooms).toHaveLength(1);
    expect(done).toMatchObject({ adopted: true, remoteId: String(p.rooms[0]?.roomId) });
    expect(JSON.stringify(await e.requests())).not.toMatch(/NaN|"abc"/);
  });

  it('goods: no goodsId is reported as failed and maybe applied, never recorded', async () => {
    e = await startE2E();
    await e.admin('faults', {
      path: '/wxaapi/broadcast/goods/add',
      kind: 'patch-answer',
      patch: { goodsId: null },
      times: 1,
    });
    await e.admin('faults', {
      path: '/wxaapi/broadcast/goods/getapproved',
      kind: 'errcode',
      errcode: 45009,
      skip: 4,
      times: 1,
    });
    const r1 = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r1.code).toBe(1);
    const store = await openSqliteStore(e.ws.statePath, { clock: { now: () => e!.now() } });
    const snap = await store.snapshot('spring-tea');
    const pending = await store.pendingCreates('spring-tea');
    await store.close();
    expect(pending).toHaveLength(1);
    expect(snap.resources.get(pending[0]!.address)).toBeUndefined();
    for (const rec of snap.resources.values()) expect(rec.remoteId ?? 'none').not.toBe('');
    await e.admin('faults', { kind: 'reset', path: '*' });
    const r2 = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r2.code, r2.stderr).toBe(0);
    expect((await platform(e)).goods).toHaveLength(3);
  });

  it('media: no media_id fails the upload as maybe applied; nothing is recorded; the next apply uploads', async () => {
    e = await startE2E();
    await e.admin('faults', {
      path: '/cgi-bin/media/upload',
      kind: 'patch-answer',
      patch: { media_id: null },
      times: 1,
    });
    const r1 = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r1.code).toBe(1);
    const failed = events(r1.stdout).filter((ev) => ev.type === 'change-failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ errcode: 0, maybeApplied: true });
    expect(failed[0]!.message).toContain('media_id');
    const store = await openSqliteStore(e.ws.statePath, { clock: { now: () => e!.now() } });
    const media = [...(await store.snapshot('spring-tea')).resources.values()].filter(
      (x) => x.kind === 'media',
    );
    await store.close();
    for (const m of media) expect(m.remoteId).toMatch(/\S/);
    const r2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(r2.code, r2.stderr).toBe(0);
  });
});

describe('destroy deletes only what the campaign made', () => {
  it('goods an older livectl adopted from a look-alike are left on WeChat, and said so', async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    // A store written by the previous version: it took goods of the same name and page for its own.
    const store = await openSqliteStore(e.ws.statePath, { clock: { now: () => e!.now() } });
    const rec = (await store.snapshot('spring-tea')).resources.get('goods/longjing')!;
    await store.putResource('spring-tea', {
      ...rec,
      attributes: { ...rec.attributes, adopted: true, origin: undefined },
    });
    await store.close();
    const d = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    expect(d.stdout).toMatch(/= goods\/longjing .*adopted by an older livectl from a look-alike/);
    expect(d.stdout).toContain(
      `Left on WeChat (not this campaign's to delete): goods/longjing ${rec.remoteId}`,
    );
    expect(d.stdout).toContain('spring-tea is forgotten by the state store');
    const p = await platform(e);
    expect(p.goods.map((g) => String(g.goodsId))).toEqual([rec.remoteId]);
    expect(p.rooms).toHaveLength(0);
  });
});

describe('destroy after a lost create answer', () => {
  /** Applies spring-tea with one goods add losing its answer and the look after it failing. */
  async function applyWithLostAdd(x: E2E): Promise<void> {
    await x.admin('faults', { path: '/wxaapi/broadcast/goods/add', kind: 'drop-after-effect', times: 1 });
    await x.admin('faults', {
      path: '/wxaapi/broadcast/goods/getapproved',
      kind: 'errcode',
      errcode: 45009,
      skip: 4,
      times: 1,
    });
    expect((await x.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(1);
    await x.admin('faults', { kind: 'reset', path: '*' });
  }

  async function goodsOf(ws: Workspace, name: string, x: E2E): Promise<string[]> {
    const store = await openSqliteStore(ws.statePath, { clock: { now: () => x.now() } });
    const out = [...(await store.snapshot(name)).resources.values()]
      .filter((r) => r.kind === 'goods')
      .map((r) => r.remoteId!)
      .sort();
    await store.close();
    return out;
  }

  it('deletes what the lost create made (and only that), then forgets the campaign', async () => {
    e = await startE2E();
    // Another campaign's look-alikes, there before (in its own store): not ours to delete.
    const b = secondCampaign(e, 'spring-tea-encore');
    expect((await b.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await applyWithLostAdd(e);
    expect((await platform(e)).goods.length).toBeGreaterThan(3);
    await e.advance(3 * HOUR); // the audit ends: the lost add's auditId is unknown, so it cannot be withdrawn
    const d = await e.cli(['destroy', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    const plan = events(d.stdout).find((ev) => ev.type === 'destroy-plan')!.plan;
    expect(plan.targets.filter((t: Json) => t.pendingSince && t.action === 'delete')).toHaveLength(1);
    expect(events(d.stdout).at(-1)).toMatchObject({ type: 'summary', forgotten: true, left: [] });
    expect(ids((await platform(e)).goods, 'goodsId')).toEqual(await goodsOf(b.ws, 'spring-tea-encore', e));
  });

  it('when a look-alike appeared meanwhile, cannot tell which is its own and deletes neither', async () => {
    e = await startE2E();
    await applyWithLostAdd(e);
    const b = secondCampaign(e, 'spring-tea-encore');
    expect((await b.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const before = (await platform(e)).goods.length;
    await e.advance(3 * HOUR);
    const d = await e.cli(['destroy', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    const summary = events(d.stdout).at(-1)!;
    expect(summary.left).toHaveLength(1);
    expect(summary.left[0].reason).toContain('which one cannot be told');
    const after = ids((await platform(e)).goods, 'goodsId');
    // Every goods of the second campaign is still there, and so is the one copy of ours it could not tell apart.
    expect(after).toEqual(expect.arrayContaining(await goodsOf(b.ws, 'spring-tea-encore', e)));
    expect(after).toHaveLength(4);
    expect(before).toBeGreaterThan(4);
  });
});
