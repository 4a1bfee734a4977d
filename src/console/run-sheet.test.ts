import { describe, expect, it } from 'vitest';
import { aCampaign } from '../../test/support/builders.js';
import { resolveTimes } from '../campaign/resolve.js';
import type { Campaign } from '../campaign/schema.js';
import { buildRunSheet } from './run-sheet.js';

function campaign(during: Record<string, unknown>): Campaign {
  const c = aCampaign();
  return {
    ...c,
    coupons: [
      {
        id: 'hands-10',
        title: '全场立减10元',
        kind: 'all-hands',
        threshold: 99,
        amount: 10,
        quantity: 500,
        stackable: true,
      },
    ] as Campaign['coupons'],
    during: { lotteries: [], couponDrops: [], productCards: [], ...during } as Campaign['during'],
    after: [{ id: 'feedback', at: '+2h', channels: ['wecom-groups'] }] as Campaign['after'],
  };
}

describe('buildRunSheet', () => {
  it('puts the rows in time order, like-threshold rounds right after the start, with their marks', () => {
    const c = campaign({
      warmUp: '10m',
      lotteries: [
        { trigger: { at: '+45m' }, prize: '茶具', quantity: 2 },
        { trigger: { likes: 30000 }, prize: '小黑盖' },
      ],
      couponDrops: [{ at: '+15m', coupon: 'hands-10' }],
    });
    const times = resolveTimes(c);
    const { rows, after } = buildRunSheet(c, times, [
      { cue: 'lottery-2', mark: 'drawn', at: '2027-03-08T12:40:00.000Z' },
    ]);
    expect(rows.map((r) => r.id)).toEqual(['start', 'lottery-2', 'coupon-1', 'lottery-1', 'end']);
    const start = times.start!.getTime();
    expect(rows[0]).toMatchObject({ kind: 'warm-up', until: new Date(start + 600_000).toISOString() });
    expect(rows[1]).toMatchObject({
      likes: 30000,
      detail: 'lottery round 2: when likes reach 30000',
      markAs: 'drawn',
    });
    expect(rows[1]!.mark).toEqual({ mark: 'drawn', at: '2027-03-08T12:40:00.000Z' });
    expect(rows[1]).not.toHaveProperty('at');
    expect(rows[2]).toMatchObject({
      at: new Date(start + 15 * 60_000).toISOString(),
      detail: 'coupon drop: 全场立减10元 (500)',
      markAs: 'done',
    });
    expect(rows[3]).toMatchObject({ title: '茶具 ×2', at: new Date(start + 45 * 60_000).toISOString() });
    expect(rows[3]).not.toHaveProperty('mark');
    expect(after).toEqual([
      {
        id: 'feedback',
        at: new Date(start + 2 * 3600_000).toISOString(),
        channels: ['wecom-groups'],
        past: false,
      },
    ]);
  });

  it('shows product cards once the campaign has during.productCards', () => {
    const c = campaign({ productCards: [{ product: c0().products[0]!.id, at: '+20m' }] });
    const rows = buildRunSheet(c, resolveTimes(c)).rows;
    const card = rows.find((r) => r.kind === 'product-card');
    expect(card).toMatchObject({ id: 'card-1', product: c0().products[0]!.id, markAs: 'done' });
    expect(card!.title).toBe(c0().products[0]!.name);
  });

  it('names the product-list coupons in the warm-up row, and only when the campaign has one', () => {
    const plain = campaign({ warmUp: '10m' });
    expect(buildRunSheet(plain, resolveTimes(plain)).rows[0]!.detail).toBe(
      'warm-up 10m: greet, ask for likes, point to the coupons',
    );
    const c = {
      ...plain,
      coupons: [
        ...plain.coupons,
        { ...plain.coupons[0]!, id: 'list-5', title: '列表券满99减5', kind: 'product-list' },
      ] as Campaign['coupons'],
    };
    const start = buildRunSheet(c, resolveTimes(c)).rows[0]!;
    expect(start.kind).toBe('warm-up');
    expect(start.detail).toBe(
      'warm-up 10m: greet, ask for likes, point to the coupons (商品列表券：列表券满99减5)',
    );
    const noWarm = { ...c, during: { ...c.during!, warmUp: undefined } } as Campaign;
    expect(buildRunSheet(noWarm, resolveTimes(noWarm)).rows[0]!.detail).toBe(
      'the broadcast starts (商品列表券：列表券满99减5)',
    );
  });
});

const c0 = () => aCampaign();
