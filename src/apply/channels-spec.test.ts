import { describe, expect, it } from 'vitest';
import { couponBody, productBody } from './channels-spec.js';

describe('the 微信小店 bodies from the planned specs', () => {
  it('product: image sha256 → uploaded URL, one SKU in fen, the freight template only with express', () => {
    const url = (sha: string) => `https://mmecimage.cn/p/wx5/${sha}`;
    const body = productBody(
      {
        outProductId: 'lc-c-p1',
        title: '明前龙井250克',
        headImgs: ['a', 'b', 'c'],
        cats: ['1', '2'],
        attrs: [{ key: '产地', value: '杭州' }],
        deliverMethod: 1,
        freightTemplateId: '9',
        sku: { salePrice: 12900, marketPrice: 19900, stock: 5, thumbImg: 'a' },
      },
      'p1',
      url,
    );
    expect(body).toEqual({
      outProductId: 'lc-c-p1',
      title: '明前龙井250克',
      headImgs: [url('a'), url('b'), url('c')],
      catsV2: ['1', '2'],
      attrs: [{ attrKey: '产地', attrValue: '杭州' }],
      deliverMethod: 1,
      skus: [{ outSkuId: 'p1', thumbImg: url('a'), salePrice: 12900, marketPrice: 19900, stockNum: 5 }],
    });
  });

  it('coupon: product ids → store ids, seconds → instants, created effective', () => {
    const body = couponBody(
      {
        name: '直播立减券',
        type: 2,
        discountFee: 2000,
        productPrice: 9900,
        products: ['p1'],
        receive: { startTime: 1_800_000_000, endTime: 1_800_003_600, perUser: 1, total: 300 },
        valid: { days: 3 },
        notes: 'livectl:c/k',
        autoValid: 1,
      },
      (id) => `store-${id}`,
    );
    expect(body).toMatchObject({
      type: 2,
      productIds: ['store-p1'],
      receiveStart: new Date(1_800_000_000_000).toISOString(),
      receiveEnd: new Date(1_800_003_600_000).toISOString(),
      limitPerPerson: 1,
      total: 300,
      valid: { days: 3 },
      autoValid: true,
      notes: 'livectl:c/k',
    });
  });
});
