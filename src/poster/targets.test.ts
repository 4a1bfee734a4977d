import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaignBytes } from '../campaign/load.js';
import { resolveTimes } from '../campaign/resolve.js';
import type { Campaign } from '../campaign/schema.js';
import { countdown, fieldOf, formatCount, posterScope, priceText } from './scope.js';
import { posterFileName, posterScene, posterTargets, sharePath } from './targets.js';

function load(file: string): Campaign {
  const parsed = parseCampaignBytes(readFileSync(new URL(`../../campaigns/${file}`, import.meta.url)));
  if (!parsed.campaign) throw new Error(`fixture ${file} does not parse`);
  return parsed.campaign;
}

describe('posterTargets: which posters a campaign gets', () => {
  const c = load('goddess-day.yaml');
  const { targets, skipped } = posterTargets(c, resolveTimes(c));
  const byKey = Object.fromEntries(targets.map((t) => [t.key, t]));

  it('uses a wave’s poster, else teaser before go-live and live-now at go-live', () => {
    expect(byKey['wave/t-3d']).toMatchObject({
      template: 'teaser',
      templateField: 'waves[0].poster',
      place: 'before',
    });
    expect(byKey['wave/t-1d']).toMatchObject({ template: 'article', place: 'before' });
    expect(byKey['wave/t-30m']).toMatchObject({
      template: 'teaser',
      templateField: undefined,
      place: 'before',
    });
    expect(byKey['wave/live']).toMatchObject({ template: 'live-now', place: 'live' });
  });

  it('gives after-waves the replay poster when the room keeps a replay, and a room share poster', () => {
    expect(byKey['after/replay']).toMatchObject({ template: 'live-now', place: 'after' });
    expect(byKey.room).toMatchObject({ template: 'room', place: 'room', fileName: 'room.png' });
    expect(skipped).toEqual([]);
  });

  it('skips after-waves without a replay, saying why', () => {
    const m = load('minimal.yaml');
    const r = posterTargets(m, resolveTimes(m));
    expect(r.targets.map((t) => t.key)).not.toContain('after/feedback');
    expect(r.skipped).toEqual([
      { key: 'after/feedback', waveId: 'feedback', reason: expect.stringContaining('replay') },
    ]);
  });

  it('names files per wave and scale', () => {
    expect(posterFileName('wave/t-3d', 1)).toBe('wave-t-3d.png');
    expect(posterFileName('after/replay', 2)).toBe('after-replay@2x.png');
  });
});

describe('share path and scene', () => {
  it('offline: the live-player page with the wave in custom_params; with a room id once known', () => {
    expect(sharePath(undefined, 't-3d')).toBe(
      'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?custom_params=%7B%22w%22%3A%22t-3d%22%7D',
    );
    expect(sharePath('6209', undefined)).toBe(
      'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=6209',
    );
  });

  it('the mini-program code scene is r=<roomId>&w=<wave>, at most 32 characters', () => {
    expect(posterScene(4294967295, { waveId: 'a-wave-id-of-17ch' })).toBe('r=4294967295&w=a-wave-id-of-17ch');
    expect(posterScene(4294967295, { waveId: 'a-wave-id-of-17ch' }).length).toBeLessThanOrEqual(32);
    expect(posterScene(6209, {})).toBe('r=6209');
  });
});

describe('posterScope: what placeholders see', () => {
  const c = load('goddess-day.yaml');
  const times = resolveTimes(c);
  const { targets } = posterTargets(c, times);
  const t3d = targets.find((t) => t.key === 'wave/t-3d')!;
  const { scope, paths } = posterScope(c, times, t3d);

  it('formats prices, coupons and the broadcast time with the weekday', () => {
    expect(priceText({ type: 'discount', original: 199, now: 129 })).toBe('¥129');
    expect(priceText({ type: 'range', min: 299, max: 499 })).toBe('¥299–499');
    expect(priceText({ type: 'fixed', amount: 89.9 })).toBe('¥89.9');
    expect(scope).toMatchObject({
      room: {
        name: '女神节直播专场',
        when: '3月8日（周一）20:00–22:00',
        images: { share: 'assets/share.png' },
      },
      coupon: {
        title: '满199减50',
        amountText: '50',
        thresholdText: '满199可用',
        quantityText: '限量1000张',
      },
      poster: {
        badge: '直播预告',
        countdown: '3天后开播',
        cta: '扫码预约直播',
        perk: '点赞满3万 抽小黑盖口红',
      },
    });
    expect((scope.products as { wasText?: string }[]).map((p) => p.wasText)).toEqual([
      '¥199',
      undefined,
      undefined,
    ]);
  });

  it('uses only the wave’s own coupons (none for t-30m), and all of them for the room poster', () => {
    const t30 = posterScope(c, times, targets.find((t) => t.key === 'wave/t-30m')!).scope;
    expect(t30.coupons).toEqual([]);
    expect(t30.coupon).toBeUndefined();
    const room = posterScope(c, times, targets.find((t) => t.key === 'room')!).scope;
    expect((room.coupons as unknown[]).length).toBe(3);
  });

  it('lists the product-list coupons on the live-now poster after the wave’s own, and on the room poster', () => {
    const live = targets.find((t) => t.key === 'wave/live')!;
    const ids = (x: Campaign, key = live) =>
      (posterScope(x, times, key).scope.coupons as { id: string }[]).map((k) => k.id);
    expect(ids(c)).toEqual(['all-hands-20']); // goddess-day has no product-list coupon
    const list = { ...c.coupons[0]!, id: 'list-5', title: '列表券满99减5', kind: 'product-list' as const };
    const withList: Campaign = { ...c, coupons: [...c.coupons, list] };
    expect(ids(withList)).toEqual(['all-hands-20', 'list-5']);
    const { scope, paths } = posterScope(withList, times, live);
    expect(fieldOf('coupons[1].title', scope, paths)).toBe(`coupons[${c.coupons.length}].title`);
    // Before the broadcast the wave's own coupons only; the room poster: all of them.
    expect(ids(withList, t3d)).toEqual(ids(c, t3d));
    expect(ids(withList, targets.find((t) => t.key === 'room')!)).toContain('list-5');
  });

  it('names the campaign field behind a placeholder', () => {
    expect(fieldOf('coupon.amountText', scope, paths)).toBe('coupons[0].amount');
    expect(fieldOf('product[1].name', scope, paths)).toBe('products[1].name');
    expect(fieldOf('item.priceText', { ...scope, item: (scope.products as object[])[2] }, paths)).toBe(
      'products[2].price',
    );
    expect(fieldOf('room.when', scope, paths)).toBe('room.start');
    expect(fieldOf('anchor.name', scope, paths)).toBe('room.anchor.name');
  });

  it('counts down in calendar days, then hours and minutes', () => {
    const start = new Date('2027-03-08T12:00:00Z'); // 20:00 in Shanghai
    expect(countdown(new Date('2027-03-05T02:00:00Z'), start, 'Asia/Shanghai')).toBe('3天后开播');
    expect(countdown(new Date('2027-03-07T04:00:00Z'), start, 'Asia/Shanghai')).toBe('明天开播');
    expect(countdown(new Date('2027-03-08T07:00:00Z'), start, 'Asia/Shanghai')).toBe('5小时后开播');
    expect(countdown(new Date('2027-03-08T11:30:00Z'), start, 'Asia/Shanghai')).toBe('30分钟后开播');
    expect(formatCount(30000)).toBe('3万');
    expect(formatCount(12000)).toBe('1.2万');
    expect(formatCount(5000)).toBe('5000');
  });
});
