// The planner's whole plans: what a campaign and a state plan to, tasks, the summary line, the timeline,
// purity (the update rules one by one are in planner-rules.test.ts).
import { describe, expect, it } from 'vitest';
import {
  aCampaign,
  aPlanInput,
  aState,
  assetsFor,
  DEFAULT_NOW,
  manyProducts,
} from '../../test/support/builders.js';
import { applied, at, changesOf, LIVE, only } from '../../test/support/plans.js';
import { canonicalJson } from './desired.js';
import { hasPendingChanges, planCampaign, summarize, summaryLine } from './planner.js';
import type { Action } from './types.js';

describe('planCampaign: whole plans', () => {
  it('a fresh campaign: everything is created; the room goods wait for the audit', () => {
    const plan = planCampaign(aPlanInput());
    const byKind = new Map<string, Action[]>();
    for (const c of plan.changes) {
      const kind = c.address.split('/')[0]!;
      byKind.set(kind, [...(byKind.get(kind) ?? []), c.action]);
    }
    expect(Object.fromEntries(byKind)).toEqual({
      media: Array(6).fill('create'),
      goods: Array(3).fill('create'),
      room: ['create'],
      'room-goods': Array(3).fill('wait'),
      code: Array(6).fill('create'),
      poster: Array(6).fill('create'),
      menu: ['create'],
      reminder: Array(13).fill('create'),
    });
    expect(plan.summary).toEqual({ create: 36, update: 0, delete: 0, noop: 0, wait: 3, human: 0 });
    expect(plan.stateSerial).toBe(0);
    expect(plan.lineage).toBeUndefined();
    expect(only(plan, 'room').dependsOn).toHaveLength(3);
    expect(only(plan, 'goods/lipstick-520').dependsOn).toEqual([
      `media/${assetsFor(aCampaign()).get('assets/lipstick.png')!.sha256}`,
    ]);
    expect(only(plan, 'menu').notBefore).toBe('2027-03-07T04:00:00.000Z');
  });

  it('changes come in the order apply walks them', () => {
    const plan = planCampaign(aPlanInput());
    const kinds = [...new Set(plan.changes.map((c) => c.address.split('/')[0]))];
    expect(kinds).toEqual(['media', 'goods', 'room', 'room-goods', 'code', 'poster', 'menu', 'reminder']);
  });

  it('an applied state whose hashes match: every change is a noop, nothing pending', () => {
    const plan = planCampaign(aPlanInput({ state: applied() }));
    expect(plan.changes.filter((c) => c.action !== 'noop')).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 0, noop: 39, wait: 0, human: 0 });
    expect(hasPendingChanges(plan)).toBe(false);
    expect(plan.stateSerial).toBe(39);
    expect(plan.lineage).toBe('lineage-test');
  });

  it('an approved product renamed → delete + create (a replacement), out of the room first', () => {
    const plan = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[0]!.name = '丝绒口红';
        }),
        state: applied(),
      }),
    );
    const pair = changesOf(plan, 'goods/lipstick-520');
    expect(pair.map((c) => [c.action, c.replace])).toEqual([
      ['delete', true],
      ['create', true],
    ]);
    expect(pair[1]!.reason).toMatch(
      /^name 玫瑰丝绒口红 → 丝绒口红: approved goods may change only the price, so a new name means delete and add again \(a new audit of up to 7 working days\)$/,
    );
    const addresses = plan.changes.map((c) => `${c.action} ${c.address}`);
    expect(addresses.indexOf('delete room-goods/lipstick-520')).toBeLessThan(
      addresses.indexOf('delete goods/lipstick-520'),
    );
    expect(only(plan, 'room-goods/lipstick-520')).toMatchObject({ action: 'delete' });
    // the new add sends the image again: its media (still valid here) is needed, and valid
    const media = only(plan, `media/${assetsFor(aCampaign()).get('assets/lipstick.png')!.sha256}`);
    expect(media).toMatchObject({
      action: 'noop',
      reason: expect.stringMatching(/^uploaded, valid until 2027-02-25 09:00 \(for goods\/lipstick-520\)$/),
    });
  });

  it('600 products: 500 submitted today, 100 wait for tomorrow (China time) with notBefore', () => {
    const campaign = aCampaign((c) => {
      c.products = manyProducts(600);
    });
    const plan = planCampaign(aPlanInput({ campaign }));
    const goods = plan.changes.filter((c) => c.address.startsWith('goods/'));
    expect(goods.filter((c) => c.action === 'create')).toHaveLength(500);
    const later = goods.filter((c) => c.action === 'wait');
    expect(later).toHaveLength(100);
    expect(later[0]!.address).toBe('goods/p501');
    expect(new Set(later.map((c) => c.notBefore))).toEqual(new Set(['2027-02-22T16:00:00.000Z']));
    expect(later[0]!.reason).toMatch(
      /beyond today's 500 audit submissions: submitted on 2027-02-23 \(day 2 of 2\)/,
    );
    expect(goods.slice(0, 500).every((c) => c.notBefore === undefined)).toBe(true);
  });

  it("today's quota counts the submissions already made today", () => {
    const campaign = aCampaign((c) => {
      c.products = manyProducts(450);
    });
    const base = aPlanInput({ campaign });
    // 100 products added earlier today (in audit since this morning), 350 to go: 400 fit today
    const b = aState();
    for (let i = 1; i <= 100; i++)
      b.patch(`goods/p${i}`, { kind: 'goods', remoteId: String(i) }).audit(`p${i}`, 'pending', {
        at: at('2027-02-22T01:00:00Z'),
      });
    const plan = planCampaign({ ...base, state: b.build() });
    const goods = plan.changes.filter((c) => c.address.startsWith('goods/'));
    expect(goods.filter((c) => c.action === 'create')).toHaveLength(350);
    expect(goods.filter((c) => c.action === 'wait' && /in audit/.test(c.reason))).toHaveLength(100);
  });

  it('media of goods that wait for a later day is uploaded just in time then', () => {
    const campaign = aCampaign((c) => {
      c.products = manyProducts(501);
      c.products[500]!.image = 'assets/late.png';
    });
    const plan = planCampaign(aPlanInput({ campaign }));
    const late = only(plan, `media/${assetsFor(campaign).get('assets/late.png')!.sha256}`);
    expect(late).toMatchObject({ action: 'wait', notBefore: '2027-02-22T16:00:00.000Z' });
    expect(late.reason).toMatch(/^not uploaded yet when needed, 2027-02-23 00:00 \(for goods\/p501\)$/);
  });

  it('goods submitted after the audit deadline say so', () => {
    const plan = planCampaign(aPlanInput({ now: at('2027-02-26T02:00:00Z') }));
    expect(only(plan, 'goods/mask-box').reason).toMatch(
      /late for a 7-working-day audit before 2027-03-08 \(submit by 2027-02-25 to be sure\)$/,
    );
    expect(only(plan, 'goods/mask-box').action).toBe('create');
  });

  it('media expired 4 days after an apply: not needed while nothing uses it, uploaded again when something does', () => {
    const state = applied({ at: at('2027-02-18T02:00:00Z') });
    const cover = `media/${assetsFor(aCampaign()).get('assets/cover.png')!.sha256}`;
    const quiet = planCampaign(aPlanInput({ state }));
    expect(only(quiet, cover)).toMatchObject({
      action: 'noop',
      reason: 'not needed: room is up to date (expired, left to lapse)',
    });
    expect(hasPendingChanges(quiet)).toBe(false);

    const renamed = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.name = '女神节直播专场二';
        }),
        state,
      }),
    );
    expect(only(renamed, cover)).toMatchObject({
      action: 'create',
      reason: 'expired at 2027-02-21 10:00: uploaded again (for room)',
    });
    expect(only(renamed, 'room')).toMatchObject({
      action: 'update',
      dependsOn: expect.arrayContaining([cover]),
    });
    // the goods media are not needed by the room edit
    const lipstick = `media/${assetsFor(aCampaign()).get('assets/lipstick.png')!.sha256}`;
    expect(only(renamed, lipstick).action).toBe('noop');
  });

  it('media expiring within the hour is uploaded again rather than risked', () => {
    // uploaded 2027-02-19 10:30, so it expires 2027-02-22 10:30: 30 minutes after now
    const state = applied({ at: at('2027-02-19T02:30:00Z') });
    const plan = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.name = '女神节直播专场二';
        }),
        state,
      }),
    );
    const cover = `media/${assetsFor(aCampaign()).get('assets/cover.png')!.sha256}`;
    expect(only(plan, cover)).toMatchObject({
      action: 'create',
      reason: 'expires at 2027-02-22 10:30, too soon: uploaded again (for room)',
    });
  });

  it('an edited image file (new sha256) → a new media upload and a room update', () => {
    const campaign = aCampaign();
    const plan = planCampaign(
      aPlanInput({ campaign, assets: assetsFor(campaign, { 'assets/share.png': 1 }), state: applied() }),
    );
    expect(only(plan, 'room')).toMatchObject({
      action: 'update',
      reason: expect.stringMatching(/^share image changed \(\w{8}… → \w{8}…\)$/),
    });
    const created = plan.changes.filter((c) => c.address.startsWith('media/') && c.action === 'create');
    expect(created).toHaveLength(1);
    expect(created[0]!.after).toMatchObject({ file: 'assets/share.png' });
  });
});

describe('tasks', () => {
  it('anchor real-name while the room does not exist; coupons; one confirm per WeCom sender per wave', () => {
    const plan = planCampaign(aPlanInput());
    const kinds = plan.tasks.map((t) => t.kind);
    expect(kinds.filter((k) => k === 'anchor-real-name')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'coupon-setup')).toHaveLength(3);
    // groups: 2 senders × (t-3d, t-1d, t-30m, live, feedback, replay) = 12; Moments: 3 × (t-3d, t-1d, t-30m, replay) = 12
    expect(kinds.filter((k) => k === 'confirm-wecom-task')).toHaveLength(24);
    expect(plan.tasks[0]).toMatchObject({
      who: 'anchor xiaomei_01',
      due: '2027-03-05T02:00:00.000Z',
      address: 'room',
    });
    expect(plan.tasks.find((t) => t.kind === 'coupon-setup')).toMatchObject({
      who: 'merchant back office',
      due: '2027-03-05T02:00:00.000Z',
    });
    expect(plan.tasks.find((t) => t.who === 'WeCom member wangwu')).toMatchObject({
      address: 'reminder/t-3d/wecom-moments',
      due: '2027-03-05T02:00:00.000Z',
    });
  });

  it('no anchor task once the room exists, except for a new anchor; past tasks are dropped', () => {
    expect(
      planCampaign(aPlanInput({ state: applied() })).tasks.some((t) => t.kind === 'anchor-real-name'),
    ).toBe(false);
    const newAnchor = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.anchor.wechat = 'ajie_02';
        }),
        state: applied(),
      }),
    );
    expect(newAnchor.tasks.filter((t) => t.kind === 'anchor-real-name').map((t) => t.who)).toEqual([
      'anchor ajie_02',
    ]);
    const live = planCampaign(aPlanInput({ state: applied({ at: at('2027-03-08T11:00:00Z') }), now: LIVE }));
    expect(live.tasks.every((t) => t.due! > LIVE.toISOString())).toBe(true);
    expect(live.tasks.map((t) => t.address ?? t.kind)).toContain('reminder/replay/wecom-moments');
  });
});

describe('the summary line (public interface: frozen)', () => {
  it('reads exactly so', () => {
    expect(summaryLine({ create: 3, update: 1, delete: 0, noop: 7, wait: 2, human: 1 })).toBe(
      'Plan: 3 to create, 1 to update, 0 to delete, 2 waiting on audit, 1 for a person.',
    );
    expect(summaryLine({ create: 0, update: 0, delete: 0, noop: 0, wait: 0, human: 0 })).toBe(
      'Plan: 0 to create, 0 to update, 0 to delete, 0 waiting on audit, 0 for a person.',
    );
  });

  it('counts every change by its action', () => {
    const plan = planCampaign(
      aPlanInput({ state: applied({ edit: (s) => s.audit('mask-box', 'pending') }) }),
    );
    expect(plan.summary).toEqual(summarize(plan.changes));
    expect(summaryLine(plan.summary)).toBe(
      'Plan: 0 to create, 0 to update, 0 to delete, 2 waiting on audit, 0 for a person.',
    );
  });
});

describe('the timeline (goddess day, Asia/Shanghai)', () => {
  it('is the whole campaign in order, with local times', () => {
    const plan = planCampaign(aPlanInput());
    expect(plan.timeline.map((e) => [e.local, e.kind, e.id ?? ''])).toEqual([
      ['2027-02-25 23:59', 'goods-deadline', ''],
      ['2027-03-05 10:00', 'wave', 't-3d'],
      ['2027-03-07 12:00', 'wave', 't-1d'],
      ['2027-03-08 19:30', 'wave', 't-30m'],
      ['2027-03-08 20:00', 'broadcast-start', ''],
      ['2027-03-08 20:00', 'wave', 'live'],
      ['2027-03-08 20:00', 'lottery', 'lottery-1'],
      ['2027-03-08 20:00', 'lottery', 'lottery-2'],
      ['2027-03-08 20:10', 'warm-up-end', ''],
      ['2027-03-08 20:15', 'coupon-drop', 'all-hands-20'],
      ['2027-03-08 20:35', 'group-buy', 'mask-box'],
      ['2027-03-08 20:50', 'coupon-drop', 'share-10'],
      ['2027-03-08 22:00', 'broadcast-end', ''],
      ['2027-03-09 09:30', 'after', 'feedback'],
      ['2027-03-09 10:00', 'after', 'replay'],
    ]);
    expect(plan.timeline[0]!.at).toBe('2027-02-25T15:59:00.000Z');
    expect(plan.timeline[4]!.label).toBe('开播：女神节直播专场（主播 小美老师）');
    expect(plan.timeline[6]).toMatchObject({
      trigger: 'likes ≥ 30000',
      label: '抽奖第1轮：点赞达30000抽小黑盖口红 ×5',
    });
    expect(plan.timeline[1]).toMatchObject({
      channels: ['wecom-groups', 'wecom-moments'],
      label: '预热第1波 t-3d（文案 teaser，海报 teaser，券 满199减50）',
    });
  });

  it('a lottery at a time sorts by that time; 600 goods move the deadline a day earlier', () => {
    const plan = planCampaign(
      aPlanInput({
        campaign: aCampaign((c) => {
          c.during!.lotteries[1] = { trigger: { at: '+45m' }, prize: '口红礼盒' };
          c.products = manyProducts(600);
        }),
      }),
    );
    const rows = plan.timeline.map((e) => `${e.local} ${e.kind}`);
    expect(rows).toContain('2027-03-08 20:45 lottery');
    expect(rows.indexOf('2027-03-08 20:45 lottery')).toBeGreaterThan(
      rows.indexOf('2027-03-08 20:35 group-buy'),
    );
    expect(plan.timeline[0]).toMatchObject({ local: '2027-02-24 23:59', kind: 'goods-deadline' });
    expect(plan.timeline[0]!.label).toContain('分2天提交');
  });
});

describe('purity', () => {
  it('the same input gives the same plan, and the input is not changed', () => {
    const input = aPlanInput({
      campaign: aCampaign((c) => {
        c.products[0]!.name = '丝绒口红';
      }),
      state: applied({ edit: (s) => s.audit('mask-box', 'rejected', { reason: 'x' }) }),
    });
    const before = canonicalJson({ ...input, assets: [...input.assets], state: [...input.state.resources] });
    const a = planCampaign(input);
    const b = planCampaign(input);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(canonicalJson({ ...input, assets: [...input.assets], state: [...input.state.resources] })).toBe(
      before,
    );
    expect(a.createdAt).toBe(DEFAULT_NOW.toISOString());
  });

  it('the plan is plain JSON: it survives a round trip unchanged', () => {
    const plan = planCampaign(aPlanInput({ state: applied() }));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});
