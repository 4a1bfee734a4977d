import { describe, expect, it } from 'vitest';
import { withCode } from '../support/validate.js';
import { CHANNELS, edit, expectHits, expectNone, run } from './channels-harness.js';
import { NOW } from './harness.js';

describe('store coupons', () => {
  it('E_CHANNELS_COUPON_NAME: at most 10 characters, counted as code points', async () => {
    await expectHits(edit('title: 满199减50,', 'title: 满199减50女神节专享券,'), 'E_CHANNELS_COUPON_NAME', [
      { path: ['coupons', 0, 'title'], needle: '满199减50女神节专享券' },
    ]);
    // 满199减50 is 7 code points; ten Chinese characters are fine.
    await expectNone(edit('title: 满199减50,', 'title: 女神节专享满减大额券,'), 'E_CHANNELS_COUPON_NAME');
  });

  it('E_CHANNELS_COUPON_AMOUNT: at most 200 yuan, and leaving 20% of the threshold or of the price', async () => {
    await expectHits(
      edit('threshold: 199, amount: 50, quantity: 1000', 'threshold: 999, amount: 201, quantity: 1000'),
      'E_CHANNELS_COUPON_AMOUNT',
      [{ path: ['coupons', 0, 'amount'], needle: 'amount: 201', offset: 8 }],
    );
    await expectHits(
      edit('threshold: 199, amount: 50, quantity: 1000', 'threshold: 100, amount: 81, quantity: 1000'),
      'E_CHANNELS_COUPON_AMOUNT',
      [{ path: ['coupons', 0, 'amount'], needle: 'amount: 81', offset: 8 }],
    );
    await expectNone(
      edit('threshold: 199, amount: 50, quantity: 1000', 'threshold: 100, amount: 80, quantity: 1000'),
      'E_CHANNELS_COUPON_AMOUNT',
    );
    // A product coupon with no threshold: 20% of the product's sale price (129.5) must remain.
    await expectHits(
      edit('threshold: 0, amount: 20, quantity: 500', 'threshold: 0, amount: 104, quantity: 500'),
      'E_CHANNELS_COUPON_AMOUNT',
      [{ path: ['coupons', 1, 'amount'], needle: 'amount: 104', offset: 8 }],
    );
  });

  it('E_CHANNELS_COUPON_ID: an existing coupon id is digits', async () => {
    await expectHits(edit('couponId: "5000000001"', 'couponId: old-10'), 'E_CHANNELS_COUPON_ID', [
      { path: ['coupons', 2, 'channels', 'couponId'], needle: 'old-10 }', offset: 0 },
    ]);
  });

  it('E_UNKNOWN_PRODUCT: channels.products name products of the file', async () => {
    await expectHits(edit('products: [lipstick]', 'products: [lipstik]'), 'E_UNKNOWN_PRODUCT', [
      { path: ['coupons', 1, 'channels', 'products', 0], needle: 'lipstik' },
    ]);
  });

  it('E_CHANNELS_COUPON_WINDOW: ending after now, at most 365 days', async () => {
    const past = edit(
      'quantity: 1000, stackable: true }',
      'quantity: 1000, stackable: true, validTo: 2026-11-01T00:00 }',
    );
    const list = withCode(await run(past), 'E_CHANNELS_COUPON_WINDOW');
    expect(list.map((d) => d.path)).toEqual([['coupons', 0, 'validTo']]);
    const long = edit(
      'quantity: 1000, stackable: true }',
      'quantity: 1000, stackable: true, validFrom: 2026-12-01T00:00, validTo: 2027-12-31T00:00 }',
    );
    const l2 = (await run(long)).filter((d) => d.code === 'E_CHANNELS_COUPON_WINDOW');
    expect(l2.map((d) => d.path)).toEqual([['coupons', 0, 'validTo']]);
    expect(l2[0]!.message).toMatch(/365 days/);
    expect(NOW.getTime()).toBeLessThan(Date.parse('2027-03-05'));
    await expectNone(CHANNELS, 'E_CHANNELS_COUPON_WINDOW');
  });

  it('E_CHANNELS_WECHATPAY: accounts.wechatPay and stockId are refused on channels', async () => {
    let y = edit(
      '  wecom: { corpId',
      '  wechatPay: { mchId: "1900000109", serialNo: 5157F09EFDC096DE15EBE81A47057A7232F1B8E1, publicKeyId: PUB_KEY_ID_0114232134912410000 }\n  wecom: { corpId',
    );
    y = edit('quantity: 1000, stackable: true }', 'quantity: 1000, stackable: true, stockId: "1234567" }', y);
    const list = withCode(await run(y), 'E_CHANNELS_WECHATPAY');
    expect(list.map((d) => d.path)).toEqual([
      ['accounts', 'wechatPay'],
      ['coupons', 0, 'stockId'],
    ]);
    // The WeChat Pay stock rules themselves are mini-program only.
    expect(withCode(await run(y), 'W_COUPONS_BY_HAND')).toEqual([]);
  });
});
