import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import {
  APP_SECRET,
  campaignYaml,
  DEFAULT_PRODUCTS,
  type E2E,
  HOUR,
  remoteWrites,
  startE2E,
} from './support/workspace.js';

/**
 * The whole life of a campaign through the CLI, against the emulator over loopback and a real SQLite
 * state file: plan → apply → apply (nothing changed: no remote write) → audit passes → apply puts the
 * goods into the room → edit the price → plan shows the update and why → apply → status → destroy.
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const live = (s: Awaited<ReturnType<E2E['state']>>) => ({
  rooms: s.rooms.filter((r: { deleted?: boolean }) => !r.deleted),
  goods: s.goods.filter((g: { deleted?: boolean }) => !g.deleted),
});

describe('plan → apply → apply → edit → plan → apply → status → destroy', () => {
  it('converges, never duplicates, and explains every step', async () => {
    e = await startE2E();
    const outputs: string[] = [];
    const cli = async (args: string[]) => {
      const r = await e!.cli(args);
      outputs.push(r.stdout, r.stderr);
      return r;
    };

    // plan: everything to create, nothing written anywhere
    const plan1 = await cli(['plan', 'campaign.yaml']);
    expect(plan1.code).toBe(0);
    expect(plan1.stdout).toMatch(/\+ room\s+not created yet/);
    expect(plan1.stdout).toMatch(/\+ goods\/longjing/);
    expect(await e.requests()).toEqual([]);

    // apply: room, 3 goods in audit, codes; state saved
    const a1 = await cli(['apply', 'campaign.yaml', '--yes']);
    expect(a1.stderr).toBe('');
    expect(a1.code).toBe(0);
    expect(a1.stdout).toMatch(/\+ room\s+created \(roomId \d+\)/);
    expect(a1.stdout).toMatch(/\+ goods\/longjing\s+submitted for audit \(goodsId \d+\)/);
    expect(a1.stdout).toContain('Apply complete');
    expect(existsSync(e.ws.statePath)).toBe(true);
    let emu = live(await e.state());
    expect(emu.rooms).toHaveLength(1);
    expect(emu.goods.map((g: { name: string }) => g.name).sort()).toEqual(
      DEFAULT_PRODUCTS.map((p) => p.name).sort(),
    );
    const roomId = emu.rooms[0].roomId;
    expect(existsSync(path.join(e.ws.dir, 'out', 'spring-tea', 'codes', 't-3d.png'))).toBe(true);
    // posters rendered with the real mini-program code, beside the contact sheet
    expect(a1.stdout).toMatch(/\+ poster\/t-3d\s+rendered .*wave-t-3d\.png/);
    expect(existsSync(path.join(e.ws.dir, 'out', 'spring-tea', 'wave-t-3d.png'))).toBe(true);
    expect(existsSync(path.join(e.ws.dir, 'out', 'spring-tea', 'index.html'))).toBe(true);

    // apply again, nothing changed: no remote write at all
    await e.clearRequests();
    const a2 = await cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.code).toBe(0);
    expect(remoteWrites(await e.requests())).toEqual([]);
    expect(live(await e.state()).rooms).toHaveLength(1);

    // the audit passes (emulator: 2 h); apply polls it and puts the goods into the room
    await e.advance(3 * HOUR);
    await e.clearRequests();
    const a3 = await cli(['apply', 'campaign.yaml', '--yes']);
    expect(a3.code).toBe(0);
    expect(a3.stdout).toMatch(/goods\/longjing\s+audit pending → approved/);
    expect(a3.stdout).toMatch(/room-goods\/longjing\s+put into the room/);
    const writes3 = remoteWrites(await e.requests()).map((r) => r.path);
    expect(writes3).toEqual(['/wxaapi/broadcast/room/addgoods']);
    emu = live(await e.state());
    expect(emu.rooms[0].goods).toHaveLength(3);

    // edit the YAML: a new price; plan shows the update with its reason
    e.ws.writeCampaign(
      campaignYaml({
        products: DEFAULT_PRODUCTS.map((p) =>
          p.id === 'longjing' ? { ...p, price: '{ type: fixed, amount: 158 }' } : p,
        ),
      }),
    );
    const plan2 = await cli(['plan', 'campaign.yaml']);
    expect(plan2.stdout).toMatch(/~ goods\/longjing\s+price 168 → 158/);
    expect(plan2.stdout).toMatch(/Plan: \d+ to create, 1 to update, 0 to delete/);

    await e.clearRequests();
    const a4 = await cli(['apply', 'campaign.yaml', '--yes']);
    expect(a4.code).toBe(0);
    expect(a4.stdout).toMatch(/~ goods\/longjing\s+price updated \(168 → 158\)/);
    expect(remoteWrites(await e.requests()).map((r) => r.path)).toEqual(['/wxaapi/broadcast/goods/update']);
    emu = live(await e.state());
    expect(emu.goods.find((g: { name: string }) => g.name === '明前龙井250克').price).toBe(158);
    expect(emu.rooms).toHaveLength(1);
    expect(emu.goods).toHaveLength(3);

    // status: from the state, then asking the platform
    const st = await cli(['status', 'campaign.yaml']);
    expect(st.code).toBe(0);
    expect(st.stdout).toContain(`roomId ${roomId}`);
    expect(st.stdout).toMatch(/Goods\s+3 · 3 approved · 0 in audit · 0 rejected · 3 in the room/);
    expect(st.stdout).toMatch(/Last apply .*complete/);
    const sj = await cli(['status', 'campaign.yaml', '--refresh', '--format', 'json']);
    expect(sj.code).toBe(0);
    const status = JSON.parse(sj.stdout);
    expect(status).toMatchObject({
      formatVersion: 1,
      campaign: 'spring-tea',
      known: true,
      room: { roomId: String(roomId), liveStatus: 102, liveStatusText: 'not started', type: 'phone' },
      // apply wrote the reminder outbox: one group send per wave (t-3d, t-1d, t-30m, live, feedback)
      outbox: { pending: 5, sent: 0 },
      lastApply: { outcome: 'complete' },
    });
    // The text says it in words first, in the campaign's zone; the raw code comes last.
    const words = await cli(['status', 'campaign.yaml']);
    expect(words.stdout).toMatch(
      /^ {13}not started, as of \d{4}-\d\d-\d\d \d\d:\d\d Asia\/Shanghai \(WeChat live_status 102\)$/m,
    );
    expect(words.stdout).not.toContain('(102');
    expect(
      status.goods.every(
        (g: { auditStatus: string; inRoom: boolean }) => g.auditStatus === 'approved' && g.inRoom,
      ),
    ).toBe(true);

    // destroy: room (not started) and goods deleted on the platform; the campaign is forgotten
    const d = await cli(['destroy', 'campaign.yaml', '--yes']);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('is forgotten by the state store');
    emu = live(await e.state());
    expect(emu.rooms).toHaveLength(0);
    expect(emu.goods).toHaveLength(0);
    const after = await cli(['status', 'campaign.yaml']);
    expect(after.stdout).toContain('Nothing applied yet');

    // secrets and tokens never reach any output
    const all = outputs.join('\n');
    expect(all).not.toContain(APP_SECRET);
    expect(all).not.toMatch(/access_token=(?!\*\*\*)[^&\s"]+/);
    const store = await openSqliteStore(e.ws.statePath, { clock: { now: () => e!.now() } });
    const token = await store.tokens.get(`mp-stable:${e.emu.wechatBase}:wx0123456789abcdef`);
    await store.close();
    expect(token?.token.length).toBeGreaterThan(10);
    expect(all).not.toContain(token!.token);
  });
});
