/**
 * The live page's share codes and the room's sub-anchor and assistants, end to end through the CLI
 * against the emulator and a real SQLite store:
 * share codes made for the merchant's live page (and refused when that page is not released), plan's
 * posters never swapping apply's real codes for previews, and room.subAnchor changes reaching the
 * platform through add/modify/deletesubanchor, verified by the emulator and shown by status; and
 * during.assistants through add/modify/removeassistant, likewise.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import { ANCHOR, campaignYaml, type E2E, type Json, startE2E } from './support/workspace.js';

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const codeCalls = async (x: E2E) => (await x.requests()).filter((r) => r.path === '/wxa/getwxacodeunlimit');
const subAnchorCalls = async (x: E2E) =>
  (await x.requests()).filter((r) => /\/room\/(add|modify|delete)subanchor$/.test(r.path));
const liveRooms = async (x: E2E) => (await x.state()).rooms.filter((r: Json) => !r.deleted);

async function resources(x: E2E): Promise<Map<string, Json>> {
  const store = await openSqliteStore(x.ws.statePath, { clock: { now: () => x.now() } });
  try {
    return (await store.snapshot('spring-tea')).resources as unknown as Map<string, Json>;
  } finally {
    await store.close();
  }
}

describe('share codes open the live page', () => {
  it('requests every code with page and check_path; without a live page, the home page (and a warning)', async () => {
    e = await startE2E({ campaign: { livePage: 'pages/live/entry' } });
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    const roomId = (await liveRooms(e))[0].roomId;
    const calls = await codeCalls(e);
    expect(calls.map((r) => r.body.scene).sort()).toEqual(
      ['feedback', 'live', 't-1d', 't-30m', 't-3d'].map((w) => `r=${roomId}&w=${w}`).sort(),
    );
    for (const r of calls) expect(r.body).toMatchObject({ page: 'pages/live/entry', check_path: true });
    const st = await e.cli(['status', 'campaign.yaml', '--format', 'json']);
    expect(JSON.parse(st.stdout).codes).toContainEqual(
      expect.objectContaining({ wave: 't-3d', scene: `r=${roomId}&w=t-3d` }),
    );

    // The live page dropped: plan says why the codes change, validate warns, codes go to the home page.
    e.ws.writeCampaign(campaignYaml());
    const v = await e.cli(['validate', 'campaign.yaml', '--format', 'json']);
    const warn = JSON.parse(v.stdout).files[0].diagnostics.find((d: Json) => d.code === 'W_NO_LIVE_PAGE');
    expect(warn).toMatchObject({ severity: 'warning', path: ['accounts', 'miniProgram'], line: 7 });
    expect(warn.hint).toContain('accounts.miniProgram.livePage');
    const plan = await e.cli(['plan', 'campaign.yaml', '--no-posters']);
    expect(plan.stdout).toMatch(/~ code\/t-3d\s+opens pages\/live\/entry: made again for the home page/);
    await e.clearRequests();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const again = await codeCalls(e);
    expect(again).toHaveLength(5);
    for (const r of again) {
      expect(r.body).not.toHaveProperty('page');
      expect(r.body).not.toHaveProperty('check_path');
    }
  });

  it('stops with 41030 and a hint naming livePage when the page is not in the released app', async () => {
    e = await startE2E({
      campaign: { livePage: 'pages/live/entry' },
      emulator: { releasedPages: ['pages/index/index'] },
    });
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.code).toBe(1);
    expect(a.stdout + a.stderr).toMatch(/41030/);
    expect(a.stdout + a.stderr).toContain('accounts.miniProgram.livePage');
    const calls = await codeCalls(e);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((r) => r.errcode === 41030)).toBe(true);
    expect([...(await resources(e)).keys()].filter((k) => k.startsWith('code/'))).toEqual([]);
  });
});

describe('plan after apply', () => {
  it("never swaps the posters apply drew with real codes for previews: it draws them with the store's codes", async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const res = await resources(e);
    const poster = res.get('poster/t-3d')!;
    const file = poster.attributes.path as string;
    expect(file).toBe(path.join(e.ws.dir, 'out', 'spring-tea', 'wave-t-3d.png'));
    const drawn = sha(file);
    expect(poster.attributes.sha256).toBe(drawn);

    const p = await e.cli(['plan', 'campaign.yaml']);
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/Posters: 5 written \(4 with the real code from apply, 1 with a preview code\)/);
    // The file the outbox row sends is still the one apply drew, byte for byte.
    expect(sha(file)).toBe(drawn);
    for (const w of ['t-1d', 't-30m', 'live']) {
      const rec = res.get(`poster/${w}`)!;
      expect(sha(rec.attributes.path as string)).toBe(rec.attributes.sha256);
    }
  });

  it('puts the previews in a folder of their own when a real code cannot be read', async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const res = await resources(e);
    const file = res.get('poster/t-3d')!.attributes.path as string;
    const drawn = sha(file);
    const { rmSync } = await import('node:fs');
    rmSync(res.get('code/t-3d')!.attributes.localPath as string);
    const p = await e.cli(['plan', 'campaign.yaml']);
    expect(p.code).toBe(0);
    expect(p.stderr).toContain(path.join('out', 'spring-tea', 'preview'));
    expect(sha(file)).toBe(drawn);
    expect(sha(path.join(e.ws.dir, 'out', 'spring-tea', 'preview', 'wave-t-3d.png'))).not.toBe(drawn);
  });
});

describe('room.subAnchor', () => {
  it('adds, changes and removes the sub-anchor on the platform, refuses an unverified one, and status shows it', async () => {
    e = await startE2E({ emulator: { verifiedWechat: [ANCHOR, 'helper_02', 'helper_03'] } });
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const roomId = (await liveRooms(e))[0].roomId;
    expect((await liveRooms(e))[0].subAnchorWechat).toBeUndefined();

    // none → helper_02: addsubanchor, and no editroom (nothing else changed)
    e.ws.writeCampaign(campaignYaml({ subAnchor: 'helper_02' }));
    const plan = await e.cli(['plan', 'campaign.yaml', '--no-posters']);
    expect(plan.stdout).toMatch(/~ room\s+sub-anchor WeChat none → helper_02/);
    await e.clearRequests();
    const a1 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a1.code, a1.stdout + a1.stderr).toBe(0);
    expect(a1.stdout).toMatch(/~ room\s+sub-anchor helper_02 added/);
    expect((await subAnchorCalls(e)).map((r) => [r.path, r.body])).toEqual([
      ['/wxaapi/broadcast/room/addsubanchor', { roomId, username: 'helper_02' }],
    ]);
    expect((await e.requests()).some((r) => r.path.endsWith('/room/editroom'))).toBe(false);
    expect((await liveRooms(e))[0].subAnchorWechat).toBe('helper_02');
    const st = await e.cli(['status', 'campaign.yaml']);
    expect(st.stdout).toMatch(/sub-anchor helper_02/);
    const sj = JSON.parse((await e.cli(['status', 'campaign.yaml', '--refresh', '--format', 'json'])).stdout);
    expect(sj.room).toMatchObject({ subAnchor: 'helper_02', subAnchorOnPlatform: 'helper_02' });

    // applying again changes nothing
    await e.clearRequests();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    expect(await subAnchorCalls(e)).toEqual([]);

    // helper_02 → helper_03: modifysubanchor
    e.ws.writeCampaign(campaignYaml({ subAnchor: 'helper_03' }));
    await e.clearRequests();
    const a2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.code).toBe(0);
    expect(a2.stdout).toMatch(/sub-anchor helper_02 → helper_03/);
    expect((await subAnchorCalls(e)).map((r) => [r.path, r.body])).toEqual([
      ['/wxaapi/broadcast/room/modifysubanchor', { roomId, username: 'helper_03' }],
    ]);
    expect((await liveRooms(e))[0].subAnchorWechat).toBe('helper_03');

    // an unverified id: the emulator refuses it (500002); apply stops and asks for the check
    e.ws.writeCampaign(campaignYaml({ subAnchor: 'stranger_9' }));
    const a3 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a3.code).toBe(1);
    expect(a3.stdout + a3.stderr).toMatch(
      /sub-anchor \(stranger_9\) has not passed WeChat's real-name check/,
    );
    expect((await liveRooms(e))[0].subAnchorWechat).toBe('helper_03');
    const st3 = await e.cli(['status', 'campaign.yaml']);
    expect(st3.stdout).toMatch(/sub-anchor helper_03/);

    // removed from the campaign: deletesubanchor
    e.ws.writeCampaign(campaignYaml());
    await e.clearRequests();
    const a4 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a4.code, a4.stdout + a4.stderr).toBe(0);
    expect(a4.stdout).toMatch(/sub-anchor helper_03 removed/);
    expect((await subAnchorCalls(e)).map((r) => [r.path, r.body])).toEqual([
      ['/wxaapi/broadcast/room/deletesubanchor', { roomId }],
    ]);
    expect((await liveRooms(e))[0].subAnchorWechat).toBeUndefined();
    expect((await e.cli(['status', 'campaign.yaml'])).stdout).not.toMatch(/sub-anchor/);
  });

  it('makes the room with the sub-anchor, and an edit of the room together with it calls both', async () => {
    e = await startE2E({
      emulator: { verifiedWechat: [ANCHOR, 'helper_02', 'helper_03'] },
      campaign: { subAnchor: 'helper_02' },
    });
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    expect((await liveRooms(e))[0].subAnchorWechat).toBe('helper_02');
    e.ws.writeCampaign(campaignYaml({ subAnchor: 'helper_03', start: '2027-03-20T20:00' }));
    await e.clearRequests();
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    const paths = (await e.requests()).map((r) => r.path);
    expect(paths).toContain('/wxaapi/broadcast/room/editroom');
    expect(paths).toContain('/wxaapi/broadcast/room/modifysubanchor');
    const room = (await liveRooms(e))[0];
    expect(room.subAnchorWechat).toBe('helper_03');
    expect((await resources(e)).get('room')!.sent.subAnchorWechat).toBe('helper_03');
  });
});

describe('during.assistants', () => {
  const assistantCalls = async (x: E2E) =>
    (await x.requests()).filter((r) => /\/room\/(add|modify|remove)assistant$/.test(r.path));
  const A = { wechat: 'helper_02', nickname: '小王' };
  const B = { wechat: 'helper_03', nickname: '小李' };

  it('adds, renames and removes assistants on the platform, refuses an unverified one, and status shows them', async () => {
    e = await startE2E({ emulator: { verifiedWechat: [ANCHOR, 'helper_02', 'helper_03'] } });
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const roomId = (await liveRooms(e))[0].roomId;

    // none → two: one addassistant each, no editroom
    e.ws.writeCampaign(campaignYaml({ assistants: [B, A] }));
    const plan = await e.cli(['plan', 'campaign.yaml', '--no-posters']);
    expect(plan.stdout).toMatch(/~ room\s+assistants none → helper_02 \(小王\), helper_03 \(小李\)/);
    await e.clearRequests();
    const a1 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a1.code, a1.stdout + a1.stderr).toBe(0);
    expect(a1.stdout).toMatch(/assistant helper_02 added; assistant helper_03 added/);
    expect((await assistantCalls(e)).map((r) => [r.path, r.body])).toEqual([
      [
        '/wxaapi/broadcast/room/addassistant',
        { roomId, users: [{ username: 'helper_02', nickname: '小王' }] },
      ],
      [
        '/wxaapi/broadcast/room/addassistant',
        { roomId, users: [{ username: 'helper_03', nickname: '小李' }] },
      ],
    ]);
    expect((await e.requests()).some((r) => r.path.endsWith('/room/editroom'))).toBe(false);
    expect((await liveRooms(e))[0].assistants.map((a: Json) => [a.username, a.nickname])).toEqual([
      ['helper_02', '小王'],
      ['helper_03', '小李'],
    ]);
    expect((await e.cli(['status', 'campaign.yaml'])).stdout).toMatch(
      /assistants helper_02 \(小王\), helper_03 \(小李\)/,
    );
    const sj = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(sj.room.assistants).toEqual([A, B]);

    // applying again (and the order in the file) changes nothing
    e.ws.writeCampaign(campaignYaml({ assistants: [A, B] }));
    await e.clearRequests();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    expect(await assistantCalls(e)).toEqual([]);

    // a new nickname: modifyassistant
    e.ws.writeCampaign(campaignYaml({ assistants: [A, { ...B, nickname: '李老师' }] }));
    await e.clearRequests();
    const a2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.code, a2.stdout + a2.stderr).toBe(0);
    expect(a2.stdout).toMatch(/assistant helper_03 小李 → 李老师/);
    expect((await assistantCalls(e)).map((r) => [r.path, r.body])).toEqual([
      ['/wxaapi/broadcast/room/modifyassistant', { roomId, username: 'helper_03', nickname: '李老师' }],
    ]);

    // one dropped, an unverified one added: removeassistant is done (and saved), then apply stops
    e.ws.writeCampaign(campaignYaml({ assistants: [A, { wechat: 'stranger_9', nickname: '路人' }] }));
    await e.clearRequests();
    const a3 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a3.code).toBe(1);
    expect(a3.stdout + a3.stderr).toMatch(/assistant \(stranger_9\) has not passed WeChat's real-name check/);
    expect((await assistantCalls(e)).map((r) => [r.path, r.errcode])).toEqual([
      ['/wxaapi/broadcast/room/removeassistant', 0],
      ['/wxaapi/broadcast/room/addassistant', 500002],
    ]);
    expect((await liveRooms(e))[0].assistants.map((a: Json) => a.username)).toEqual(['helper_02']);
    expect((await resources(e)).get('room')!.sent.assistants).toEqual([
      { username: 'helper_02', nickname: '小王' },
    ]);
    const st3 = await e.cli(['status', 'campaign.yaml']);
    expect(st3.stdout).toMatch(/assistants helper_02 \(小王\)\n/);

    // all removed from the campaign
    e.ws.writeCampaign(campaignYaml());
    await e.clearRequests();
    const a4 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a4.code, a4.stdout + a4.stderr).toBe(0);
    expect((await assistantCalls(e)).map((r) => [r.path, r.body])).toEqual([
      ['/wxaapi/broadcast/room/removeassistant', { roomId, username: 'helper_02' }],
    ]);
    expect((await liveRooms(e))[0].assistants).toEqual([]);
    expect((await e.cli(['status', 'campaign.yaml'])).stdout).not.toMatch(/assistants/);
  });

  it('adds the assistants right after creating the room, and validate refuses a duplicate', async () => {
    e = await startE2E({
      emulator: { verifiedWechat: [ANCHOR, 'helper_02', 'helper_03'] },
      campaign: { assistants: [A, B] },
    });
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect((await liveRooms(e))[0].assistants).toHaveLength(2);
    expect((await resources(e)).get('room')!.sent.assistants).toHaveLength(2);

    e.ws.writeCampaign(campaignYaml({ assistants: [A, B, { ...A, nickname: '另一个' }] }));
    const v = await e.cli(['validate', 'campaign.yaml', '--format', 'json']);
    expect(v.code).not.toBe(0);
    const d = JSON.parse(v.stdout).files[0].diagnostics.find((x: Json) => x.code === 'E_DUPLICATE_ASSISTANT');
    expect(d).toMatchObject({ severity: 'error', path: ['during', 'assistants', 2, 'wechat'] });
  });
});
