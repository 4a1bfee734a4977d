import { describe, expect, it } from 'vitest';
import { couponFromWire, couponToWire } from './channels-coupons.js';
import { productFromWire, productToWire } from './channels-products.js';
import { dsOf, isoFromSeconds, isRealId, secondsOf, toUnixSeconds } from './channels-wire.js';

describe('channels wire helpers', () => {
  it('reads Unix seconds sent as numbers or strings, and writes ISO instants as seconds', () => {
    expect(isoFromSeconds('1772330400')).toBe('2026-03-01T02:00:00.000Z');
    expect(isoFromSeconds(1772330400)).toBe('2026-03-01T02:00:00.000Z');
    expect(isoFromSeconds(0)).toBeUndefined();
    expect(secondsOf('abc')).toBeUndefined();
    expect(toUnixSeconds('2026-03-01T02:00:00.999Z')).toBe(1772330400);
    expect(() => toUnixSeconds('soon')).toThrow(/not an instant/);
  });

  it('writes the dashboard day in China time', () => {
    expect(dsOf(new Date('2026-02-28T16:30:00Z'))).toBe(20260301);
    expect(dsOf('2026-03-01')).toBe(20260301);
    expect(dsOf(20260301)).toBe(20260301);
  });

  it('tells a real id from "0"', () => {
    expect([isRealId('10000165397817'), isRealId('0'), isRealId(''), isRealId(undefined)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('maps a product both ways, ids as strings whatever was sent', () => {
    const wire = productToWire({
      title: '玫瑰丝绒口红礼盒',
      headImgs: ['https://mmecimage.cn/p/a/1'],
      catsV2: ['6033', '6091'],
      deliverMethod: 0,
      expressTemplateId: '7001',
      skus: [{ salePrice: 1, marketPrice: 2, stockNum: 3, skuAttrs: [{ attrKey: '色号', attrValue: '01' }] }],
    });
    expect(wire).toEqual({
      title: '玫瑰丝绒口红礼盒',
      head_imgs: ['https://mmecimage.cn/p/a/1'],
      cats_v2: [{ cat_id: '6033' }, { cat_id: '6091' }],
      deliver_method: 0,
      express_info: { template_id: '7001' },
      skus: [
        { sale_price: 1, market_price: 2, stock_num: 3, sku_attrs: [{ attr_key: '色号', attr_value: '01' }] },
      ],
    });
    const back = productFromWire({ ...wire, product_id: 10000165397817, status: '5', edit_status: 4 });
    expect(back).toMatchObject({
      productId: '10000165397817',
      status: 5,
      editStatus: 4,
      catsV2: ['6033', '6091'],
    });
  });

  it('maps a coupon both ways', () => {
    const spec = {
      type: 102 as const,
      name: '满减券',
      discountFee: 3000,
      productPrice: 20000,
      receiveStart: '2026-03-01T02:00:00.000Z',
      receiveEnd: '2026-03-08T02:00:00.000Z',
      limitPerPerson: 1,
      total: 10,
      valid: { days: 3 },
      notes: 'livectl:x/y',
    };
    const wire = couponToWire(spec);
    expect(wire).toMatchObject({
      discount_info: { discount_fee: 3000, discount_condition: { product_price: 20000 } },
      receive_info: { start_time: 1772330400, end_time: 1772935200 },
      valid_info: { valid_type: 2, valid_day_num: 3 },
      promote_info: { promote_type: 1 },
      ext_info: { notes: 'livectl:x/y' },
    });
    expect(wire).not.toHaveProperty('auto_valid_info');
    const back = couponFromWire({ coupon_id: '2000', type: 102, status: '2', coupon_info: wire });
    expect(back).toMatchObject({ ...spec, couponId: '2000', status: 2, autoValid: false });
  });
});
