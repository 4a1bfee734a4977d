import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCampaignText } from '../campaign/load.js';
import { resolveTimes } from '../campaign/resolve.js';
import type { Campaign } from '../campaign/schema.js';
import { PACKAGE_ROOT } from '../platform/paths.js';
import { parseAudience } from './audience.js';
import { cueRows, durationZh } from './cues.js';
import { DEFAULT_GRACE_MS } from './grace.js';
import { reminderKey, scheduleReminders } from './schedule.js';
import type { OfficialAccountPayload, RobotPayload, ScheduleInputs, WecomGroupsPayload } from './types.js';

const campaignsDir = path.join(PACKAGE_ROOT, 'campaigns');
const texts = new Map(
  ['teaser', 'article', 'soon', 'live-now', 'feedback', 'replay'].map((n) => [
    n,
    readFileSync(path.join(PACKAGE_ROOT, 'templates', 'messages', `${n}.txt`), 'utf8'),
  ]),
);

function load(file: string, edit?: (text: string) => string): Campaign {
  const text = readFileSync(path.join(campaignsDir, file), 'utf8');
  const parsed = parseCampaignText(edit ? edit(text) : text);
  if (!parsed.campaign) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.campaign;
}

const inputs = (extra: Partial<ScheduleInputs> = {}): ScheduleInputs => ({
  texts,
  campaignDir: campaignsDir,
  ...extra,
});

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('scheduleReminders', () => {
  const c = load('goddess-day.yaml');
  const times = resolveTimes(c);
  const room = { roomId: '1001', waves: { 't-3d': { posterPath: '/out/wave-t-3d.png' } } };
  const rows = scheduleReminders(c, times, room, inputs());
  const find = (wave: string, channel: string, slice = '') =>
    rows.find((r) => r.wave === wave && r.channel === channel && r.slice === slice);

  it('makes one row per wave, channel and slice: a group send per sender, one Moments task per wave', () => {
    const ids = rows.map((r) => `${r.wave}/${r.channel}/${r.slice}`);
    expect(ids).toContain('t-3d/wecom-groups/sender:zhangsan');
    expect(ids).toContain('t-3d/wecom-groups/sender:lisi');
    expect(ids).toContain('t-3d/wecom-moments/');
    expect(ids).toContain('t-1d/official-account/');
    expect(ids).toContain('t-1d/official-account/menu-switch');
    expect(ids).toContain('t-1d/official-account/menu-restore');
    expect(ids).toContain('live/live-followers/');
    expect(ids).toContain('live/staff/');
    expect(ids).toContain('feedback/wecom-groups/sender:lisi');
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(rows.length);
  });

  it('resolves due times in the campaign zone and sorts by them', () => {
    expect(find('t-3d', 'wecom-groups', 'sender:zhangsan')!.dueAt).toBe('2027-03-05T02:00:00.000Z');
    expect(find('t-1d', 'official-account')!.dueAt).toBe('2027-03-07T04:00:00.000Z');
    expect(find('t-30m', 'wecom-moments')!.dueAt).toBe('2027-03-08T11:30:00.000Z');
    expect(find('live', 'live-followers')!.dueAt).toBe('2027-03-08T12:00:00.000Z');
    const due = rows.map((r) => r.dueAt);
    expect([...due].sort()).toEqual(due);
  });

  it('gives grace windows by kind', () => {
    expect(find('t-3d', 'wecom-moments')!.graceMs).toBe(12 * HOUR);
    expect(find('t-1d', 'official-account')!.graceMs).toBe(6 * HOUR);
    expect(find('t-30m', 'wecom-moments')!.graceMs).toBe(15 * MIN);
    expect(find('live', 'live-followers')!.graceMs).toBe(20 * MIN);
    expect(find('feedback', 'wecom-groups', 'sender:lisi')!.graceMs).toBe(3 * HOUR);
    expect(find('replay', 'wecom-moments')!.graceMs).toBe(4 * HOUR);
    expect(find('t-1d', 'official-account', 'menu-restore')!.graceMs).toBe(DEFAULT_GRACE_MS['menu-restore']);
    expect(rows.find((r) => r.slice.startsWith('cue:'))!.graceMs).toBe(5 * MIN);
  });

  it('lets `grace:` in the file override the default', () => {
    const edited = load('goddess-day.yaml', (t) =>
      t.replace('{ id: t-30m, at: -30m,', '{ id: t-30m, at: -30m, grace: 45m,'),
    );
    const r = scheduleReminders(edited, resolveTimes(edited), room, inputs()).find(
      (x) => x.wave === 't-30m' && x.channel === 'wecom-moments',
    );
    expect(r!.graceMs).toBe(45 * MIN);
  });

  it('renders the text with placeholders and carries the poster, coupons and a card page with the marker', () => {
    const p = find('t-3d', 'wecom-groups', 'sender:zhangsan')!.payload as WecomGroupsPayload;
    expect(p.text).toContain('3月8日（周一）20:00–22:00');
    expect(p.text).toContain('小美老师');
    expect(p.text).toContain('满199减50预热券限量1000张');
    expect(p.text).not.toContain('{{');
    expect(p.poster).toEqual({ key: 'wave/t-3d', template: 'teaser', path: '/out/wave-t-3d.png' });
    expect(p.coupons).toEqual([{ id: 'warmup-50', title: '满199减50' }]);
    expect(p.sender).toBe('zhangsan');
    expect(p.accounts).toEqual({
      miniProgram: 'wx0123456789abcdef',
      wecomCorp: 'ww0123456789abcdef',
      officialAccount: 'wxfedcba9876543210',
    });
    // The card opens the merchant's live page with the code's scene as its query (and the marker).
    expect(p.room.page).toBe(`pages/live/entry?r=1001&w=t-3d&lc=${p.marker}`);
    expect(p.room.shareImage).toBe(path.join(campaignsDir, 'assets/share.png'));
    // A wave without a rendered poster still names its template; the row goes without the file.
    const live = find('live', 'wecom-groups', 'sender:lisi')!.payload as WecomGroupsPayload;
    expect(live.poster).toEqual({ key: 'wave/live', template: 'live-now' });
  });

  it('keys rows by identity only: editing the text or the time keeps every key', () => {
    const edited = load('goddess-day.yaml', (t) =>
      t
        .replace('message: teaser, coupons', 'message: { text: 另一段文字 }, coupons')
        .replace('-3d@10:00', '-3d@11:00'),
    );
    const again = scheduleReminders(edited, resolveTimes(edited), room, inputs());
    expect(again.map((r) => r.idempotencyKey).sort()).toEqual(rows.map((r) => r.idempotencyKey).sort());
    const t3 = again.find((r) => r.wave === 't-3d' && r.channel === 'wecom-moments')!;
    expect(t3.payload.text).toBe('另一段文字');
    expect(t3.dueAt).toBe('2027-03-05T03:00:00.000Z');
    expect(t3.idempotencyKey).toBe(reminderKey('goddess-day-2027', 't-3d', 'wecom-moments', ''));
    expect(t3.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
  });

  it('switches the Official Account menu with its first wave and restores it after the campaign', () => {
    const sw = find('t-1d', 'official-account', 'menu-switch')!;
    const back = find('t-1d', 'official-account', 'menu-restore')!;
    expect(sw.dueAt).toBe('2027-03-07T04:00:00.000Z');
    // The last after-wave (replay, the next day at 10:00) is later than the end of the broadcast.
    expect(back.dueAt).toBe('2027-03-09T02:00:00.000Z');
    expect((sw.payload as OfficialAccountPayload).menu).toEqual({
      name: '领女神券',
      page: 'pages/coupon/claim',
    });
    expect((back.payload as OfficialAccountPayload).op).toBe('menu-restore');
    const article = find('t-1d', 'official-account')!.payload as OfficialAccountPayload;
    expect(article.op).toBe('article');
    expect(article.title).toBe('3月8日 20:00「女神节直播专场」开播');
  });

  it('opens the live page from every card and from a menu without a page of its own', () => {
    const noMenuPage = load('goddess-day.yaml', (t) =>
      t.replace('menu: { name: 领女神券, page: pages/coupon/claim }', 'menu: { name: 领女神券 }'),
    );
    const r = scheduleReminders(noMenuPage, resolveTimes(noMenuPage), room, inputs());
    const sw = r.find((x) => x.channel === 'official-account' && x.slice === 'menu-switch')!;
    expect((sw.payload as OfficialAccountPayload).menu).toEqual({
      name: '领女神券',
      page: 'pages/live/entry?r=1001&w=t-1d',
    });
    for (const row of r.filter((x) => x.channel === 'wecom-groups')) {
      // The after-waves (feedback, replay) open the live page for the replay: the room keeps one.
      const replay = row.wave === 'feedback' || row.wave === 'replay' ? '&replay=1' : '';
      expect(row.payload.room.page).toMatch(
        new RegExp(`^pages/live/entry\\?r=1001&w=${row.wave}${replay}&lc=`),
      );
    }
    // A robot cue is about the room, not a wave.
    expect(r.find((x) => x.slice.startsWith('cue:'))!.payload.room.page).toBe('pages/live/entry?r=1001');
  });

  it("the feedback wave's card opens the live page for the replay, only when the room keeps one", () => {
    const page = (c: Campaign, wave: string, channel = 'wecom-groups') =>
      scheduleReminders(c, resolveTimes(c), room, inputs()).find(
        (x) => x.wave === wave && x.channel === channel,
      )!.payload.room.page;
    expect(page(c, 'feedback')).toMatch(/^pages\/live\/entry\?r=1001&w=feedback&replay=1&lc=/);
    expect(page(c, 'replay', 'wecom-moments')).toMatch(/&w=replay&replay=1&lc=/);
    expect(page(c, 'live')).not.toContain('replay=1');
    const noReplay = load('goddess-day.yaml', (t) =>
      t.replace('replay: true, share', 'replay: false, share'),
    );
    expect(page(noReplay, 'feedback')).toMatch(/^pages\/live\/entry\?r=1001&w=feedback&lc=/);
  });

  it('without a live page, cards keep the live-player plugin path (the one apply recorded, if any)', () => {
    const plain = load('goddess-day.yaml', (t) => t.replace(', livePage: pages/live/entry', ''));
    const recorded =
      'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=1001&custom_params=x';
    const r = scheduleReminders(
      plain,
      resolveTimes(plain),
      { roomId: '1001', waves: { 't-3d': { sharePath: recorded } } },
      inputs(),
    );
    const t3d = r.find((x) => x.wave === 't-3d' && x.channel === 'wecom-groups')!;
    expect(t3d.payload.room.page).toBe(`${recorded}&lc=${t3d.payload.marker}`);
    const t1d = r.find((x) => x.wave === 't-1d' && x.channel === 'wecom-groups')!;
    expect(t1d.payload.room.page).toMatch(
      /^plugin-private:\/\/wx2b03c6e691cd7370\/pages\/live-player-plugin\?room_id=1001&/,
    );
  });

  it('turns the run sheet into robot cues in time order, start first: warm-up, drops, group buy, end (no like-threshold lottery)', () => {
    const cues = rows.filter((r) => r.wave === 'during');
    expect(cues.map((r) => [r.slice, r.dueAt])).toEqual([
      ['cue:start', '2027-03-08T12:00:00.000Z'],
      ['cue:coupon-1', '2027-03-08T12:15:00.000Z'],
      ['cue:group-buy-1', '2027-03-08T12:35:00.000Z'],
      ['cue:coupon-2', '2027-03-08T12:50:00.000Z'],
      ['cue:end', '2027-03-08T14:00:00.000Z'],
    ]);
    const start = cues.find((r) => r.slice === 'cue:start')!.payload as RobotPayload;
    expect(start.keyEnv).toBe('LIVECTL_ROBOT_STAFF');
    expect(start.content).toContain('前10分钟暖场');
    expect(start.content).toContain('小美（products）');
    // goddess-day has no product-list coupon: the warm-up does not send viewers looking for one.
    expect(start.content).not.toContain('商品列表');
    expect(start.coupons).toEqual([]);
    const drop = cues.find((r) => r.slice === 'cue:coupon-1')!.payload as RobotPayload;
    expect(drop.content).toContain('全场立减20（500张）');
    expect(drop.coupons).toEqual([{ id: 'all-hands-20', title: '全场立减20' }]);
  });

  it('mentions the product-list coupon in the warm-up cue when the campaign has one', () => {
    const withList = load('goddess-day.yaml', (t) =>
      t.replace(
        '  - { id: share-10,',
        '  - { id: list-5, title: 列表券满99减5, kind: product-list, threshold: 99, amount: 5, quantity: 300, stackable: true }\n  - { id: share-10,',
      ),
    );
    const r = scheduleReminders(withList, resolveTimes(withList), room, inputs());
    const start = r.find((x) => x.slice === 'cue:start')!.payload as RobotPayload;
    expect(start.content).toContain('提醒大家领商品列表里的券（列表券满99减5）');
    expect(start.coupons).toEqual([{ id: 'list-5', title: '列表券满99减5' }]);
  });

  it('cue order: by time (a timed lottery after earlier drops), the start cue first at the same instant', () => {
    const c = load('goddess-day.yaml', (t) =>
      t
        .replace('{ at: +15m, coupon: all-hands-20 }', '{ at: 0, coupon: all-hands-20 }')
        .replace('{ trigger: { likes: 60000 }', '{ trigger: { at: +40m }'),
    );
    const cues = cueRows(c, resolveTimes(c));
    expect(cues.map((x) => x.id)).toEqual([
      'start',
      'coupon-1',
      'group-buy-1',
      'lottery-2',
      'coupon-2',
      'end',
    ]);
    expect(durationZh(90 * 60_000)).toBe('1小时30分钟');
    expect(durationZh(2 * 3_600_000)).toBe('2小时');
  });

  it('says 点击卡片 only on channels that carry a card (not Moments, not the robot)', () => {
    const text = (wave: string, channel: string) =>
      rows.find((x) => x.wave === wave && x.channel === channel)!.payload;
    expect(text('replay', 'wecom-groups').text).toContain('点击卡片观看回放');
    const moments = text('replay', 'wecom-moments');
    expect(moments.text).not.toContain('点击卡片');
    expect(moments.text).toContain(moments.poster ? '长按识别海报上的二维码观看回放' : '观看回放');
    expect(text('live', 'wecom-groups').text).toContain('点击卡片直接进入直播间 👇');
    const robot = text('live', 'staff') as RobotPayload;
    expect(robot.content).toContain('直接进入直播间');
    expect(robot.content).not.toMatch(/点击卡片|👇/);
    // The feedback wave too: its card only on the group send.
    const fb = load('goddess-day.yaml', (t) =>
      t.replace(
        '{ id: feedback, at: +1d@09:30, channels: [wecom-groups], message: feedback }',
        '{ id: feedback, at: +1d@09:30, channels: [wecom-groups, wecom-moments, staff], message: { text: "谢谢观看！点击卡片看回放 👇" } }',
      ),
    );
    const fbRows = scheduleReminders(fb, resolveTimes(fb), room, inputs()).filter(
      (x) => x.wave === 'feedback',
    );
    expect(fbRows.find((x) => x.channel === 'wecom-groups')!.payload.text).toBe(
      '谢谢观看！点击卡片看回放 👇',
    );
    // Moments carry the after-wave's (replay) poster: its code is what to scan.
    expect(fbRows.find((x) => x.channel === 'wecom-moments')!.payload.text).toBe(
      '谢谢观看！长按识别海报上的二维码看回放',
    );
    const fbRobot = fbRows.find((x) => x.channel === 'staff')!.payload as RobotPayload;
    expect(fbRobot.content).toContain('谢谢观看！看回放');
    expect(fbRobot.content).not.toMatch(/点击卡片|👇/);
  });

  it('gives a wave without `message:` the shipped default for its place', () => {
    const minimal = load('goddess-day.yaml', (t) =>
      t
        .replace(', message: teaser, coupons', ', coupons')
        .replace(', message: article, coupons', ', coupons')
        .replace(', message: soon }', ' }')
        .replace(', message: live-now, coupons', ', coupons')
        .replace(', message: feedback }', ' }')
        .replace(', message: replay }', ' }'),
    );
    const r = scheduleReminders(minimal, resolveTimes(minimal), room, inputs());
    const text = (wave: string) =>
      r.find((x) => x.wave === wave && x.channel === 'wecom-groups')!.payload.text;
    expect(text('t-3d')).toMatch(/^【直播预告】/);
    expect(text('t-1d')).toMatch(/^明天20:00/);
    expect(text('t-30m')).toMatch(/^还有30分钟开播/);
    expect(text('live')).toMatch(/^🔴 开播啦/);
    expect(text('feedback')).toMatch(/^感谢大家来看/);
    expect(text('replay')).toMatch(/^错过了昨晚的/);
  });

  it('slices a subscribe-message audience into chunks of 1,000 openids', () => {
    const sub = load('goddess-day.yaml', (t) =>
      t
        .replace(
          '  live-followers: {}',
          '  live-followers: {}\n  fans:\n    type: subscribe-message\n    templateId: tpl-live\n    audience: audience.csv\n    fields: { thing1: "{{room.name}}", time2: "{{room.date}} {{room.time}}" }\n    page: pages/live/index',
        )
        .replace(
          'channels: [wecom-groups, live-followers, staff]',
          'channels: [wecom-groups, live-followers, staff, fans]',
        ),
    );
    const openids = Array.from({ length: 2_345 }, (_, i) => `o${i}`);
    const r = scheduleReminders(
      sub,
      resolveTimes(sub),
      room,
      inputs({ audiences: new Map([['audience.csv', openids]]) }),
    );
    const slices = r.filter((x) => x.channel === 'fans');
    expect(slices.map((x) => x.slice)).toEqual(['openids:0001', 'openids:0002', 'openids:0003']);
    const first = slices[0]!.payload as Extract<(typeof slices)[0]['payload'], { type: 'subscribe-message' }>;
    expect(first.openids).toHaveLength(1000);
    expect(first.data).toEqual({ thing1: '女神节直播专场', time2: '3月8日 20:00' });
    expect((slices[2]!.payload as { openids: string[] }).openids.at(-1)).toBe('o2344');
  });
});

describe('parseAudience', () => {
  it('reads CSV with or without an openid header, and JSONL; drops blanks, comments and duplicates', () => {
    expect(parseAudience('openid,name\no1,Ann\n\n# x\no2,Bo\no1,Ann\n')).toEqual(['o1', 'o2']);
    expect(parseAudience('\uFEFFo1\no2\n')).toEqual(['o1', 'o2']);
    expect(parseAudience('name,openid\nAnn,o9\n')).toEqual(['o9']);
    expect(parseAudience('{"openid":"a"}\n"b"\n{"openid":"a"}\nnot json\n', 'x.jsonl')).toEqual(['a', 'b']);
  });
});
