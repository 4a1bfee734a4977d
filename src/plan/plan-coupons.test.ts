import { describe, expect, it } from 'vitest';
import { aCampaign, aPlanInput } from '../../test/support/builders.js';
import type { Campaign } from '../campaign/schema.js';
import type { ResourceRecord, StateSnapshot } from '../state/types.js';
import { planContext } from './context.js';
import { couponTasks, desiredStock, outRequestNo, planCoupons, type StockSpec } from './plan-coupons.js';
import { planCampaign } from './planner.js';

/** The coupon planner as a table: campaign + recorded stock → create, update (budget), human, noop, delete. */

const withPay = (edit?: (c: Campaign) => void) =>
  aCampaign((c) => {
    c.accounts.wechatPay = { mchId: '1900000109', serialNo: 'SERIAL', publicKeyId: 'PUB_KEY_ID_1' };
    edit?.(c);
  });

function stockRecord(c: Campaign, couponId: string, over: Partial<ResourceRecord> = {}): ResourceRecord {
  const ctx = planContext(aPlanInput({ campaign: c }));
  const k = c.coupons.find((x) => x.id === couponId)!;
  const spec = desiredStock(c, ctx.times, ctx.tz, k)!;
  return {
    address: `coupon/${couponId}`,
    kind: 'coupon',
    remoteId: '1212000001',
    sent: JSON.parse(JSON.stringify(spec)),
    attributes: { outRequestNo: outRequestNo(c.metadata.name, couponId), maxCoupons: k.quantity },
    createdAt: '2027-02-20T00:00:00Z',
    updatedAt: '2027-02-20T00:00:00Z',
    ...over,
  };
}

const state = (...recs: ResourceRecord[]): StateSnapshot => ({
  resources: new Map(recs.map((r) => [r.address, r])),
  audits: new Map(),
});

const plan = (campaign: Campaign, s: StateSnapshot = state()) =>
  planCoupons(planContext(aPlanInput({ campaign, state: s })));

describe('planCoupons', () => {
  it('makes nothing without accounts.wechatPay, or for product-coupon', () => {
    expect(plan(aCampaign())).toEqual([]);
    expect(
      plan(
        withPay((c) => {
          c.accounts.wechatPay!.product = 'product-coupon';
        }),
      ),
    ).toEqual([]);
  });

  it('creates one stock per coupon, in fen, with a stable out_request_no', () => {
    const c = withPay();
    const changes = plan(c);
    expect(changes.map((x) => [x.address, x.action])).toEqual(
      c.coupons.map((k) => [`coupon/${k.id}`, 'create']),
    );
    const warm = changes[0]!.after as unknown as StockSpec;
    expect(warm.coupon_use_rule.fixed_normal_coupon).toEqual({
      discount_amount: 5000,
      transaction_minimum: 19900,
    });
    expect(outRequestNo('a', 'b')).toBe(outRequestNo('a', 'b'));
    expect(outRequestNo('a', 'b')).not.toBe(outRequestNo('a', 'c'));
    expect(outRequestNo('a', 'b')).toMatch(/^lc[0-9a-f]{32}$/);
  });

  it.each([
    ['as recorded', (_c: Campaign) => {}, 'noop', /as in the campaign/],
    [
      'quantity raised',
      (c: Campaign) => {
        c.coupons[0]!.quantity = 1500;
      },
      'update',
      /budget 1000 → 1500/,
    ],
    [
      'amount changed',
      (c: Campaign) => {
        c.coupons[0]!.amount = 40;
      },
      'human',
      /can't change discount_amount 5000 → 4000/,
    ],
    [
      'title changed',
      (c: Campaign) => {
        c.coupons[0]!.title = '满199减50新';
      },
      'human',
      /stock_name/,
    ],
  ])('%s → %s', (_name, edit, action, reason) => {
    const rec = stockRecord(withPay(), 'warmup-50');
    const changed = withPay(edit);
    const ch = plan(changed, state(rec)).find((x) => x.address === 'coupon/warmup-50')!;
    expect(ch.action).toBe(action);
    expect(ch.reason).toMatch(reason);
  });

  it('repeats an unconfirmed create with the same out_request_no', () => {
    const c = withPay();
    const rec = stockRecord(c, 'warmup-50', { remoteId: undefined, sent: undefined });
    const ch = plan(c, state(rec))[0]!;
    expect(ch.action).toBe('create');
    expect(ch.reason).toContain(outRequestNo(c.metadata.name, 'warmup-50'));
  });

  it('a coupon gone from the campaign stops its stock; an existing stock is only forgotten', () => {
    const c = withPay();
    const ours = stockRecord(c, 'warmup-50', { address: 'coupon/gone' });
    const theirs = stockRecord(c, 'warmup-50', { address: 'coupon/theirs', attributes: { external: true } });
    const changes = plan(c, state(ours, theirs)).filter((x) => x.action === 'delete');
    expect(changes.map((x) => x.address)).toEqual(['coupon/gone', 'coupon/theirs']);
    expect(changes[0]!.reason).toMatch(/stops it issuing/);
    expect(changes[1]!.reason).toMatch(/only forgotten/);
  });

  it('an existing stockId is checked and recorded, then its budget follows quantity', () => {
    const c = withPay((x) => {
      x.coupons[0]!.stockId = '1212000999';
    });
    expect(plan(c)[0]).toMatchObject({
      action: 'create',
      reason: expect.stringContaining('existing stock 1212000999'),
    });
    const rec = stockRecord(c, 'warmup-50', {
      remoteId: '1212000999',
      sent: { stockId: '1212000999', max_coupons: 800 },
      attributes: { external: true, maxCoupons: 800 },
    });
    expect(plan(c, state(rec))[0]).toMatchObject({
      action: 'update',
      reason: 'budget 800 → 1000 (existing stock 1212000999)',
    });
  });

  it('replaces the back-office task with the plugin and live-console tasks; counts in the summary', () => {
    const c = withPay();
    const input = aPlanInput({ campaign: c });
    const tasks = couponTasks(planContext(input));
    expect(tasks.some((t) => t.what.includes('send-coupon plugin'))).toBe(true);
    expect(tasks.some((t) => t.who.includes('小程序直播 console'))).toBe(true);
    const full = planCampaign(input);
    expect(full.tasks.filter((t) => t.who === 'merchant back office')).toEqual([]);
    expect(full.summary.create).toBeGreaterThanOrEqual(c.coupons.length);
  });
});
