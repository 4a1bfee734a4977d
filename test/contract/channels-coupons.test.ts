import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreCouponSpec } from '../../src/wechat/index.js';
import {
  apiError,
  type ChannelsContract,
  headImages,
  productSpec,
  startChannels,
  T0,
} from './channels-harness.js';

let c: ChannelsContract;
beforeEach(async () => {
  c = await startChannels();
});
afterEach(async () => {
  await c.close();
});

const HOUR = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

/** A shop spend-200-off-30 coupon received from tomorrow for a week. */
function coupon(overrides: Partial<StoreCouponSpec> = {}): StoreCouponSpec {
  return {
    type: 102,
    name: '女神节满减券',
    discountFee: 3000,
    productPrice: 20000,
    receiveStart: at(24 * HOUR),
    receiveEnd: at(8 * 24 * HOUR),
    limitPerPerson: 1,
    total: 500,
    valid: { days: 7 },
    autoValid: true,
    notes: 'livectl:goddess-day/spend200',
    ...overrides,
  };
}

describe('store coupons', () => {
  it('creates, reads back (times ISO, notes kept) and activates by itself at receive start', async () => {
    const store = c.clients.store;
    const { couponId } = await store.createCoupon(coupon());
    expect(couponId).toMatch(/^\d{16}$/);
    const got = await store.getCoupon(couponId);
    expect(got).toMatchObject({
      couponId,
      type: 102,
      status: 1,
      name: '女神节满减券',
      discountFee: 3000,
      productPrice: 20000,
      receiveStart: at(24 * HOUR),
      receiveEnd: at(8 * 24 * HOUR),
      limitPerPerson: 1,
      total: 500,
      valid: { days: 7 },
      autoValid: true,
      promoteType: 1,
      notes: 'livectl:goddess-day/spend200',
      stock: { issuedNum: 500, receiveNum: 0, usedNum: 0 },
    });
    const wire = (await c.requests()).find((r) => r.path === '/channels/ec/coupon/create');
    expect(wire?.body.receive_info.start_time).toBe(Math.floor(T0.getTime() / 1000) + 86_400);
    expect(wire?.body.ext_info).toEqual({ notes: 'livectl:goddess-day/spend200' });
    await c.advance(24 * HOUR);
    expect((await store.getCoupon(couponId)).status).toBe(2);
  });

  it('refuses coupons over the limits', async () => {
    const store = c.clients.store;
    const cases: [Partial<StoreCouponSpec>, number][] = [
      [{ name: '女神节满减券超长名字了' }, 10021005],
      [{ name: 'abcdefghijk' }, 10021005],
      [{ discountFee: 20_001, productPrice: 100_000 }, 10021008],
      [{ discountFee: 17_000, productPrice: 20_000 }, 10021008],
      [{ receiveEnd: at(367 * 24 * HOUR) }, 10021077],
      [{ receiveStart: at(-48 * HOUR), receiveEnd: at(-HOUR) }, 10021071],
      [{ limitPerPerson: 600 }, 10021012],
      [{ total: 0 }, 10021011],
      [{ type: 105 as 104 }, 10021035],
    ];
    for (const [overrides, code] of cases) {
      const e = await apiError(store.createCoupon(coupon(overrides)));
      expect([JSON.stringify(overrides), e.errcode]).toEqual([JSON.stringify(overrides), code]);
      expect(e.hint).not.toMatch(/does not know yet/);
    }
    // 200 yuan exactly, leaving 20% of the threshold, is fine; so is a direct cut (104) without threshold.
    await store.createCoupon(coupon({ discountFee: 20_000, productPrice: 100_000 }));
    await store.createCoupon(coupon({ type: 104, productPrice: undefined, discountFee: 500 }));
  });

  it('keeps a product coupon above 20% of the product price', async () => {
    const store = c.clients.store;
    const { productId } = await store.addProduct(productSpec(await headImages(c)));
    const direct = { type: 4 as const, productIds: [productId], productPrice: undefined };
    const e = await apiError(store.createCoupon(coupon({ ...direct, discountFee: 11_000 })));
    expect(e.errcode).toBe(10021008);
    const { couponId } = await store.createCoupon(coupon({ ...direct, discountFee: 2_000 }));
    expect((await store.getCoupon(couponId)).productIds).toEqual([productId]);
    expect(
      (await apiError(store.createCoupon(coupon({ ...direct, productIds: ['10000000000000'] })))).errcode,
    ).toBe(10021007);
  });

  it('never repeats a create whose answer was lost; the notes find it again', async () => {
    const store = c.clients.store;
    await c.fault({ path: '/channels/ec/coupon/create', kind: 'drop-after-effect', times: 1 });
    const lost = await store.createCoupon(coupon()).catch((e: unknown) => e as { maybeApplied: boolean });
    expect(lost).toMatchObject({ maybeApplied: true });
    expect((await c.requests()).filter((r) => r.path === '/channels/ec/coupon/create')).toHaveLength(1);
    const found = await store.findCouponsByNotes('livectl:goddess-day/spend200');
    expect(found.map((x) => x.name)).toEqual(['女神节满减券']);
    expect(await store.findCouponsByNotes('livectl:goddess-day/other')).toEqual([]);
  });

  it('moves 1 → 2 → 4 and refuses the rest with 10021001', async () => {
    const store = c.clients.store;
    const { couponId } = await store.createCoupon(coupon({ autoValid: false }));
    await store.updateCouponStatus(couponId, 2);
    const twice = await apiError(store.updateCouponStatus(couponId, 2));
    expect(twice.errcode).toBe(10021001);
    expect(twice.hintKind).toBe('state');
    await store.updateCouponStatus(couponId, 4);
    expect((await store.getCoupon(couponId)).status).toBe(4);
    expect((await apiError(store.updateCouponStatus(couponId, 2))).errcode).toBe(10021001);
    const other = (await store.createCoupon(coupon({ autoValid: false }))).couponId;
    await store.updateCouponStatus(other, 5);
    expect((await store.getCoupon(other)).status).toBe(5);
    expect((await apiError(store.getCoupon('2999999999999999'))).errcode).toBe(10021037);
  });

  it('pages the list with page_ctx and refuses page jumps over 10', async () => {
    const store = c.clients.store;
    const made: string[] = [];
    for (let i = 0; i < 25; i++)
      made.push((await store.createCoupon(coupon({ name: `满减券${i}` }))).couponId);
    const first = await store.listCoupons({ status: 1, page: 1, pageSize: 2 });
    expect(first).toMatchObject({ couponIds: made.slice(0, 2), totalNum: 25, pageCtx: expect.any(String) });
    expect(new Set(await store.listAllCoupons(1))).toEqual(new Set(made));
    // First request: below page 10 or the last page.
    const far = await apiError(store.listCoupons({ status: 1, page: 10, pageSize: 2 }));
    expect(far.errcode).toBe(10021036);
    expect((await store.listCoupons({ status: 1, page: 13, pageSize: 2 })).couponIds).toEqual(made.slice(24));
    // Later requests: at most 10 pages from the previous one.
    const jump = await apiError(
      store.listCoupons({ status: 1, page: 12, pageSize: 2, pageCtx: first.pageCtx }),
    );
    expect(jump.errcode).toBe(10021036);
    const ok = await store.listCoupons({ status: 1, page: 11, pageSize: 2, pageCtx: first.pageCtx });
    expect(ok.couponIds).toEqual(made.slice(20, 22));
    expect((await apiError(store.listCoupons({ status: 7 as 1 }))).errcode).toBe(10021001);
  });

  it('expires an effective coupon once its validity is over', async () => {
    const store = c.clients.store;
    const { couponId } = await store.createCoupon(
      coupon({ valid: { start: at(24 * HOUR), end: at(10 * 24 * HOUR) } }),
    );
    await c.advance(24 * HOUR);
    expect((await store.getCoupon(couponId)).status).toBe(2);
    await c.advance(10 * 24 * HOUR);
    const expired = await store.getCoupon(couponId);
    expect(expired.status).toBe(3);
    expect(expired.valid).toEqual({ start: at(24 * HOUR), end: at(10 * 24 * HOUR) });
    expect(await store.listAllCoupons(200)).toEqual([couponId]);
  });
});
