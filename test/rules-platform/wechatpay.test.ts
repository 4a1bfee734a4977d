import { describe, expect, it } from 'vitest';
import { withCode } from '../support/validate.js';
import { edit, expectHits, expectNone, run } from './harness.js';

const PAY =
  '  miniProgram: { appId: wx0123456789abcdef }\n  wechatPay: { mchId: "1900000109", serialNo: 5157F09EFDC096DE15EBE81A47057A7232F1B8E1, publicKeyId: PUB_KEY_ID_0114232134912410000 }';
const withPay = (y?: string) => edit('  miniProgram: { appId: wx0123456789abcdef }', PAY, y);

describe('coupons as WeChat Pay stocks: validation', () => {
  it('W_COUPONS_BY_HAND: once (not per coupon) when coupons have no accounts.wechatPay', async () => {
    const list = withCode(await run(edit('quantity: 500,', 'quantity: 500,')), 'W_COUPONS_BY_HAND');
    expect(list).toHaveLength(1);
    expect(list[0]!.path).toEqual(['coupons']);
    await expectNone(withPay(), 'W_COUPONS_BY_HAND');
  });

  it("W_COUPONS_BY_HAND: product-coupon merchants are told their coupons stay a person's task", async () => {
    const y = edit(
      'publicKeyId: PUB_KEY_ID_0114232134912410000 }',
      'publicKeyId: PUB_KEY_ID_0114232134912410000, product: product-coupon }',
      withPay(),
    );
    const list = withCode(await run(y), 'W_COUPONS_BY_HAND');
    expect(list.map((d) => d.path)).toEqual([['accounts', 'wechatPay', 'product']]);
    expect((await run(y)).find((d) => d.code === 'W_COUPONS_BY_HAND')!.message).toMatch(/person's task/);
  });

  it('E_COUPON_STOCK_NAME: a title over 21 characters is refused, not cut', async () => {
    const long = '满199减50超长的直播间专属预热优惠券名称写不下';
    const y = edit('title: 满199减50,', `title: ${long},`, withPay());
    await expectHits(y, 'E_COUPON_STOCK_NAME', [{ path: ['coupons', 0, 'title'], needle: long }]);
    // 21 exactly is fine; without wechatPay the title is free text.
    await expectNone(
      edit('title: 满199减50,', `title: ${[...long].slice(0, 21).join('')},`, withPay()),
      'E_COUPON_STOCK_NAME',
    );
    await expectNone(edit('title: 满199减50,', `title: ${long},`), 'E_COUPON_STOCK_NAME');
  });

  it('E_COUPON_GOODS_NAME and E_WECHATPAY_MCHID', async () => {
    let y = edit(
      'quantity: 500, stackable: true }',
      'quantity: 500, stackable: true, goodsName: 直播间全部商品可用不含特价秒杀品 }',
      withPay(),
    );
    y = edit('mchId: "1900000109"', 'mchId: "19000"', y);
    await expectHits(y, 'E_COUPON_GOODS_NAME', [
      { path: ['coupons', 1, 'goodsName'], needle: '直播间全部商品可用不含特价秒杀品' },
    ]);
    await expectHits(y, 'E_WECHATPAY_MCHID', [
      { path: ['accounts', 'wechatPay', 'mchId'], needle: '"19000"' },
    ]);
  });

  it('E_COUPON_WINDOW: validDays that push the end past a year from the first wave', async () => {
    const y = edit(
      'quantity: 1000, stackable: true }',
      'quantity: 1000, stackable: true, validDays: 365 }',
      withPay(),
    );
    await expectHits(y, 'E_COUPON_WINDOW', [{ path: ['coupons', 0], needle: '{ id: warmup-50' }]);
    await expectNone(
      edit(
        'quantity: 1000, stackable: true }',
        'quantity: 1000, stackable: true, validDays: 30 }',
        withPay(),
      ),
      'E_COUPON_WINDOW',
    );
  });
});
