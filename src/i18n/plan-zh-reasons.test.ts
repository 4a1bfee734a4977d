// Every reason and task the mini-program planner writes reads in Chinese: the planner runs over the
// update rules (test/support/plan-rules.ts) and the rarer states below, and no English sentence is
// left in the Chinese rendering (ids, addresses, times and codes aside).
import { describe, expect, it } from 'vitest';
import { aCampaign, aPlanInput, aProduct, assetsFor, manyProducts } from '../../test/support/builders.js';
import { englishLeft } from '../../test/support/english.js';
import { PLAN_RULES } from '../../test/support/plan-rules.js';
import { applied, at, LIVE, OVER } from '../../test/support/plans.js';
import type { Campaign } from '../campaign/schema.js';
import { planContext } from '../plan/context.js';
import { desiredStock, outRequestNo } from '../plan/plan-coupons.js';
import { planCampaign } from '../plan/planner.js';
import type { PlanInput } from '../plan/types.js';
import type { ResourceRecord } from '../state/types.js';
import { reasonZh, taskZh } from './plan-zh.js';
import { RARE_REASONS, RARE_TASKS } from './plan-zh-rare.js';

const withPay = (edit?: (c: Campaign) => void) =>
  aCampaign((c) => {
    c.accounts.wechatPay = { mchId: '1900000109', serialNo: 'SERIAL', publicKeyId: 'PUB_KEY_ID_1' };
    edit?.(c);
  });

/** A WeChat Pay stock as apply records it for `couponId`. */
function stock(c: Campaign, couponId: string, over: Partial<ResourceRecord> = {}): ResourceRecord {
  const ctx = planContext(aPlanInput({ campaign: c }));
  const k = c.coupons.find((x) => x.id === couponId)!;
  return {
    address: `coupon/${couponId}`,
    kind: 'coupon',
    remoteId: '1212000001',
    sent: JSON.parse(JSON.stringify(desiredStock(c, ctx.times, ctx.tz, k))),
    attributes: { outRequestNo: outRequestNo(c.metadata.name, couponId), maxCoupons: k.quantity },
    createdAt: '2027-02-20T00:00:00Z',
    updatedAt: '2027-02-20T00:00:00Z',
    ...over,
  };
}

/** A state with the given stocks recorded (nothing else applied). */
const stocks = (...recs: ResourceRecord[]) => ({
  resources: new Map(recs.map((r) => [r.address, r])),
  audits: new Map(),
});

const renamed = (edit: (c: Campaign) => void) => aCampaign(edit);

/** States the update rules do not cover: crashes mid-create, quotas, late audits, media, stocks. */
const MORE: { name: string; input: () => PlanInput }[] = [
  { name: 'a fresh campaign', input: () => aPlanInput() },
  {
    name: 'an approved product renamed: a replacement',
    input: () =>
      aPlanInput({
        campaign: renamed((c) => {
          c.products[0]!.name = '丝绒口红';
        }),
        state: applied(),
      }),
  },
  {
    name: 'an approved product renamed while live: it leaves the shelf',
    input: () =>
      aPlanInput({
        campaign: renamed((c) => {
          c.products[0]!.name = '丝绒口红';
        }),
        state: applied({ at: at('2027-03-08T11:00:00Z') }),
        now: LIVE,
      }),
  },
  {
    name: 'a new product while live; one not created after the end',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products.push(aProduct('hand-cream'));
        }),
        state: applied({ at: at('2027-03-08T11:00:00Z'), edit: (s) => s.without('room-goods/mask-box') }),
        now: LIVE,
      }),
  },
  {
    name: 'the broadcast is over: approved goods not in the room, a new product',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products.push(aProduct('hand-cream'));
        }),
        state: applied({ at: at('2027-03-09T03:00:00Z'), edit: (s) => s.without('room-goods/mask-box') }),
        now: OVER,
      }),
  },
  {
    name: '600 products: beyond the day’s audit submissions',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products = manyProducts(600);
        }),
      }),
  },
  { name: 'late for the audit', input: () => aPlanInput({ now: at('2027-02-26T02:00:00Z') }) },
  {
    name: 'crashes mid-create: goods and room recorded without a remote id',
    input: () =>
      aPlanInput({
        state: applied({
          edit: (s) =>
            s.patch('goods/mask-box', { remoteId: undefined }).patch('room', { remoteId: undefined }),
        }),
      }),
  },
  {
    name: 'approved goods and the room changed, what was sent not recorded',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.products[1]!.name = '补水面膜20片';
          c.room.name = '女神节直播专场二';
        }),
        state: applied({
          edit: (s) => s.patch('goods/mask-box', { sent: undefined }).patch('room', { sent: undefined }),
        }),
      }),
  },
  {
    name: 'media expired, expiring within the hour, an edited image',
    input: () => {
      const campaign = aCampaign((c) => {
        c.room.name = '女神节直播专场二';
      });
      return aPlanInput({
        campaign,
        assets: assetsFor(campaign, { 'assets/share.png': 1 }),
        state: applied({ at: at('2027-02-19T02:30:00Z') }),
      });
    },
  },
  {
    name: 'media expired long ago',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.name = '女神节直播专场二';
        }),
        state: applied({ at: at('2027-02-18T02:00:00Z') }),
      }),
  },
  {
    name: 'waves lose their posters; a new room id makes codes and posters again',
    input: () =>
      aPlanInput({
        campaign: aCampaign((c) => {
          c.room.features.replay = false;
          for (const w of c.after ?? []) delete w.poster;
        }),
        state: applied({ edit: (s) => s.patch('room', { remoteId: '202' }) }),
      }),
  },
  {
    name: 'posters drawn from an older share code',
    input: () =>
      aPlanInput({ state: applied({ edit: (s) => s.patch('poster/t-1d', { hash: 'an-older-code' }) }) }),
  },
  {
    name: 'WeChat Pay stocks to create, one existing',
    input: () =>
      aPlanInput({
        campaign: withPay((c) => {
          c.coupons[0]!.stockId = '1212000999';
        }),
      }),
  },
  {
    name: 'WeChat Pay: a broadcast without a start has no claim window',
    input: () =>
      aPlanInput({
        campaign: withPay((c) => {
          c.room.start = 'not a time';
        }),
      }),
  },
  {
    name: 'WeChat Pay: an existing stock recorded, its budget as in the campaign',
    input: () => {
      const c = withPay((x) => {
        x.coupons[0]!.stockId = '1212000999';
      });
      const rec = stock(c, 'warmup-50', {
        remoteId: '1212000999',
        sent: { stockId: '1212000999', max_coupons: 1000 },
        attributes: { external: true, maxCoupons: 1000 },
      });
      return aPlanInput({ campaign: c, state: stocks(rec) });
    },
  },
  {
    name: 'a rejection without a reason; a renamed product whose place in the room is gone',
    input: () =>
      aPlanInput({
        campaign: renamed((c) => {
          c.products[0]!.name = '丝绒口红';
        }),
        state: applied({
          edit: (s) => s.audit('gift-set', 'rejected').without('room-goods/lipstick-520'),
        }),
      }),
  },
  {
    name: 'WeChat Pay stocks recorded: as recorded, budget raised, rules changed, unconfirmed, gone',
    input: () => {
      const c = withPay();
      const changed = withPay((x) => {
        x.coupons[1]!.quantity = 900;
        x.coupons[2]!.amount = 8;
      });
      return aPlanInput({
        campaign: changed,
        state: stocks(
          stock(c, 'warmup-50'),
          stock(c, 'all-hands-20'),
          stock(c, 'share-10'),
          stock(c, 'warmup-50', { address: 'coupon/gone' }),
          stock(c, 'warmup-50', { address: 'coupon/theirs', attributes: { external: true } }),
        ),
      });
    },
  },
  {
    name: 'WeChat Pay: an unconfirmed create, an existing stock recorded, stocks that ended',
    input: () => {
      const c = withPay((x) => {
        x.coupons[1]!.stockId = '1212000999';
      });
      const changed = withPay((x) => {
        x.coupons[1]!.stockId = '1212000999';
        x.coupons[2]!.quantity = 3000;
      });
      return aPlanInput({
        campaign: changed,
        now: OVER,
        state: stocks(
          stock(c, 'warmup-50', { remoteId: undefined, sent: undefined }),
          stock(c, 'all-hands-20', {
            remoteId: '1212000999',
            sent: { stockId: '1212000999', max_coupons: 800 },
            attributes: { external: true, maxCoupons: 800 },
          }),
          stock(c, 'share-10'),
        ),
      });
    },
  },
];

const SCENARIOS = [...PLAN_RULES.map((r) => ({ name: r.rule, input: r.input })), ...MORE];

describe('the plan in Chinese: every reason and task', () => {
  const reasons = new Set<string>();
  const tasks = new Set<string>();
  for (const s of SCENARIOS) {
    const plan = planCampaign(s.input());
    for (const c of plan.changes) reasons.add(c.reason);
    for (const t of plan.tasks) {
      tasks.add(t.who);
      tasks.add(t.what);
    }
  }

  it('leaves no English sentence in a reason or a task', () => {
    const left = [
      ...[...reasons].flatMap((r) => englishLeft(reasonZh(r)).map((e) => `${r}\n    → ${e}`)),
      ...[...tasks].flatMap((t) => englishLeft(taskZh(t)).map((e) => `${t}\n    → ${e}`)),
    ];
    expect(left).toEqual([]);
  });

  it('the states above produce every rare reason and task the Chinese knows', () => {
    const unused = [
      ...RARE_REASONS.filter(([re]) => ![...reasons].some((r) => new RegExp(re.source).test(r))),
      ...RARE_TASKS.filter(([re]) => ![...tasks].some((t) => new RegExp(re.source).test(t))),
    ].map(([re]) => re.source);
    expect(unused).toEqual([]);
  });

  it('reads naturally', () => {
    expect(reasonZh('price 129 → 119')).toBe('价格 129 → 119');
    expect(reasonZh('likes off → on; type phone → push')).toBe('点赞 关 → 开；类型 手机直播 → 推流直播');
    expect(
      reasonZh(
        "in audit for 3 working days (since 2027-02-22; the audit takes up to 7); beyond today's 500 audit submissions: submitted on 2027-02-23 (day 2 of 2)",
      ),
    ).toBe(
      '商品审核中，已 3 个工作日（自 2027-02-22 起；审核最长 7 个工作日）；超出今天 500 件的提审额度：将在 2027-02-23 提交（第 2 天，共 2 天）',
    );
    expect(reasonZh('not needed: room, goods/a and 3 more are up to date (expired, left to lapse)')).toBe(
      '不需要：room、goods/a 等另外 3 项 已是最新（已过期，任其失效）',
    );
  });
});
