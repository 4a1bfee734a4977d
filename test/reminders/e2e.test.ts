/**
 * End to end through the CLI: `livectl apply` goddess-day against the emulator (room, codes, posters,
 * and the reminder outbox), then `livectl dispatch` at each wave's time with `--now` and the
 * emulator's clock moved together. Each channel's request lands once, with the poster and the right
 * text; the Official Account's menu switches at t-1d and comes back after the campaign; `status`
 * shows the outbox.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/deps.js';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import { createClients, MemoryTokenStore } from '../../src/wechat/index.js';
import { type E2E, type Json, ROOT, startE2E } from '../e2e/support/workspace.js';

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

/** goddess-day in a workspace with every channel's secret, and a client for its Official Account. */
async function goddessWorkspace() {
  const w = await startE2E({ emulator: { verifiedWechat: ['xiaomei_01'] } });
  e = w;
  copyFileSync(path.join(ROOT, 'campaigns', 'goddess-day.yaml'), w.ws.file);
  for (const f of ['lipstick.png', 'mask.png', 'gift.png']) {
    copyFileSync(path.join(ROOT, 'campaigns', 'assets', f), path.join(w.ws.dir, 'assets', f));
  }
  Object.assign(w.env, {
    LIVECTL_WECOM_SECRET: 'e2e-wecom-secret-1234567',
    LIVECTL_OA_SECRET: 'e2e-oa-secret-12345678',
    LIVECTL_ROBOT_STAFF: 'e2e-robot-key-12345678',
  });
  const oa = createClients({
    wechatBase: w.emu.wechatBase,
    credentials: { officialAccount: { appId: 'wxfedcba9876543210', secret: 'x' } },
    tokenStore: new MemoryTokenStore(),
    clock: { now: () => w.now() },
  }).officialAccount;
  return { w, oa };
}

describe('apply goddess-day, then dispatch every wave at its time', () => {
  it('sends each channel once, with poster and text; the menu switches and comes back; status shows it', async () => {
    const { w, oa } = await goddessWorkspace();
    e = w;
    // The Official Account's menu before the campaign.
    const original = [
      { type: 'view', name: '品牌官网', url: 'https://example.com/' },
      { type: 'click', name: '联系客服', key: 'kf' },
    ];
    await oa.createMenu({ button: original });
    await e.admin('followers', { openids: ['fan-1', 'fan-2'] });

    const apply = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toMatch(/\+ reminder\/t-3d\/wecom-groups\s+2 outbox rows, due 2027-03-05 10:00/);
    expect(apply.stdout).toMatch(/\+ menu\s+2 outbox rows, due 2027-03-07 12:00/);
    const roomId = (await e.state()).rooms[0].roomId;
    // Every share code is made for the live page, checked against the released app.
    const codes = (await e.requests()).filter((r) => r.path === '/wxa/getwxacodeunlimit');
    expect(codes.length).toBeGreaterThan(0);
    for (const r of codes) {
      expect(r.body).toMatchObject({ page: 'pages/live/entry', check_path: true, width: 430 });
      expect(r.body.scene).toMatch(new RegExp(`^r=${roomId}&w=[a-z0-9-]+$`));
      expect(r.errcode ?? 0).toBe(0);
    }

    const status = await e.cli(['status', 'campaign.yaml']);
    expect(status.stdout).toMatch(/Reminders {2}outbox: 26 pending · 0 claimed · 0 sent/);
    expect(status.stdout).toMatch(/next: 2027-03-05 10:00 t-3d/);

    // Re-applying changes nothing in the outbox.
    const again = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/reminder\//);

    const dues = [
      '2027-03-05T02:00:00Z', // t-3d
      '2027-03-07T04:00:00Z', // t-1d (+ menu switch)
      '2027-03-08T11:30:00Z', // t-30m
      '2027-03-08T12:00:00Z', // live + start cues
      '2027-03-08T12:15:00Z',
      '2027-03-08T12:35:00Z',
      '2027-03-08T12:50:00Z',
      '2027-03-08T14:00:00Z', // end cue
      '2027-03-09T01:30:00Z', // feedback
      '2027-03-09T02:00:00Z', // replay + menu restore
    ];
    const sentAt: Record<string, number> = {};
    let menuAtT1d: Json | undefined;
    for (const d of dues) {
      await e.setClock(new Date(d));
      const r = await e.cli(['dispatch', '--format', 'json']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const s = JSON.parse(r.stdout);
      expect(s.failed + s.skipped + s.retrying).toBe(0);
      sentAt[d] = s.sent;
      if (d === '2027-03-07T04:00:00Z') menuAtT1d = (await e.state()).menus[0];
    }
    expect(Object.values(sentAt)).toEqual([3, 5, 3, 5, 1, 1, 1, 1, 2, 4]);

    const s = await e.state();
    const groups = s.tasks.filter((t: Json) => t.kind === 'groupmsg');
    expect(groups).toHaveLength(12);
    const t3d = groups.filter((t: Json) => t.created === '2027-03-05T02:00:00.000Z');
    expect(t3d.map((t: Json) => t.sender).sort()).toEqual(['lisi', 'zhangsan']);
    expect(t3d[0].text).toMatch(/^【直播预告】3月8日（周一）20:00–22:00，小美老师在「女神节直播专场」等你！/);
    expect(t3d[0].attachments.map((a: Json) => a.msgtype)).toEqual(['image', 'miniprogram']);
    expect(t3d[0].attachments[1].miniprogram).toMatchObject({
      appid: 'wx0123456789abcdef',
      title: '女神节直播专场',
    });
    // The card opens the campaign's live page with the share code's scene as its query (+ the marker).
    expect(t3d[0].attachments[1].miniprogram.page).toMatch(
      new RegExp(`^pages/live/entry\\?r=${roomId}&w=t-3d&lc=[0-9a-f]{12}$`),
    );
    // The poster sent is the one apply rendered for the wave (750×1334 PNG).
    const poster = s.media.find((m: Json) => m.mediaId === t3d[0].attachments[0].image.media_id);
    const rendered = readFileSync(path.join(e.ws.dir, 'out', 'goddess-day-2027', 'wave-t-3d.png'));
    expect(poster).toMatchObject({ width: 750, height: 1334, bytes: rendered.length });

    const moments = s.tasks.filter((t: Json) => t.kind === 'moment');
    expect(moments).toHaveLength(4);
    expect(moments[1].text).toMatch(/^明天20:00，「女神节直播专场」准时开播！/);
    expect(s.mass).toHaveLength(1);
    expect(menuAtT1d!.button[0]).toMatchObject({
      type: 'miniprogram',
      name: '领女神券',
      pagepath: 'pages/coupon/claim',
    });
    expect(s.menus[0].button).toEqual(original);
    expect(s.messages.filter((m: Json) => m.kind === 'followers-push')).toHaveLength(1);
    expect(s.messages.filter((m: Json) => m.kind === 'robot')).toHaveLength(6);

    const done = await e.cli(['status', 'campaign.yaml']);
    expect(done.stdout).toMatch(
      /outbox: 0 pending · 0 claimed · 26 sent · 0 skipped · 0 failed · 0 cancelled/,
    );
    expect(done.stdout).toMatch(/last sent: 2027-03-09 10:00 /);
    const json = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(json.outbox.sent).toBe(26);
    expect(json.reminders.sent).toHaveLength(26);
  }, 120_000);

  it('renaming the room after apply rewrites the pending texts, and the plan says which reminders change', async () => {
    e = await startE2E();
    Object.assign(e.env, { LIVECTL_WECOM_SECRET: 'e2e-wecom-secret-1234567' });
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const texts = async () => {
      const obStore = await openSqliteStore(e!.ws.statePath, { clock: fixedClock(new Date(0)) });
      const ob = obStore.outbox();
      try {
        return (await ob.list()).map((r) => `${r.wave} ${JSON.stringify(r.payload)}`);
      } finally {
        await obStore.close();
      }
    };
    const before = (await texts()).filter((t) => t.includes('春茶上新直播')).length;
    expect(before).toBeGreaterThan(0);

    e.ws.writeCampaign(readFileSync(e.ws.file, 'utf8').replace('name: 春茶上新直播', 'name: 明前春茶专场'));
    const plan = await e.cli(['plan', 'campaign.yaml', '--no-posters']);
    expect(plan.stdout).toMatch(/~ room\b/);
    expect(plan.stdout).toMatch(/~ reminder\/t-30m\/wecom-groups\s+shows\.room 春茶上新直播 → 明前春茶专场/);
    const apply = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const after = await texts();
    expect(after.filter((t) => t.includes('明前春茶专场'))).toHaveLength(before);
    expect(after.some((t) => t.includes('春茶上新直播'))).toBe(false);
    // Nothing else changed: a second apply changes nothing (goods still wait on audit) and leaves the rows.
    const again = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(again.stdout).toContain('Plan: 0 to create, 0 to update, 0 to delete');
    expect(again.stdout).not.toContain('outbox');
    expect(await texts()).toEqual(after);
  }, 120_000);

  it('editing a wave that went out never resends it; removing a wave cancels its pending rows', async () => {
    e = await startE2E();
    Object.assign(e.env, { LIVECTL_WECOM_SECRET: 'e2e-wecom-secret-1234567' });
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await e.setClock(new Date('2027-03-17T02:00:00Z')); // t-3d of a 2027-03-20 19:30 broadcast
    const first = JSON.parse((await e.cli(['dispatch', '--format', 'json'])).stdout);
    expect(first).toMatchObject({ claimed: 1, sent: 1 });

    // A new text for t-3d (already sent) and t-30m removed.
    const yaml = readFileSync(e.ws.file, 'utf8')
      .replace(
        '{ id: t-3d, at: -3d@10:00, channels: [wecom-groups], message: teaser }',
        '{ id: t-3d, at: -3d@10:00, channels: [wecom-groups], message: { text: 改过的预告 } }',
      )
      .replace('  - { id: t-30m, at: -30m, channels: [wecom-groups], message: soon }\n', '');
    e.ws.writeCampaign(yaml);
    await e.advance(5 * 60_000);
    const apply = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/- reminder\/t-30m\/wecom-groups\s+pending rows cancelled/);
    const again = JSON.parse((await e.cli(['dispatch', '--format', 'json'])).stdout);
    expect(again.claimed).toBe(0);
    expect((await e.state()).tasks).toHaveLength(1);
    const st = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(st.outbox).toMatchObject({ sent: 1, pending: 3, cancelled: 1 });
  }, 120_000);
});

describe('destroy after the menu switched', () => {
  it('puts the Official Account menu back from its backup (the cancelled restore row would have)', async () => {
    const { w, oa } = await goddessWorkspace();
    e = w;
    const original = [{ type: 'click', name: '联系客服', key: 'kf' }];
    await oa.createMenu({ button: original });
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await e.setClock(new Date('2027-03-07T04:00:00Z')); // t-1d: the menu switches
    expect((await e.cli(['dispatch', '--format', 'json'])).code).toBe(0);
    expect((await e.state()).menus[0].button[0].name).toBe('领女神券');

    const destroy = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect(destroy.stdout).toMatch(/menu/);
    // Times a person reads are in the campaign's zone, named, not UTC ISO strings.
    expect(destroy.stdout).toContain('backed up before the switch of 2027-03-07 12:00 Asia/Shanghai');
    expect(destroy.stdout).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect((await e.state()).menus[0].button).toEqual(original);
  }, 120_000);
});
