import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign, Coupon, Product } from '../campaign/schema.js';
import {
  desiredStoreCoupon,
  desiredStoreProduct,
  type StoreCouponSpec as PlannedCoupon,
  type StoreProductSpec as PlannedProduct,
} from '../plan/channels-spec.js';
import type { AssetDigest } from '../plan/desired.js';
import type { StoreCouponSpec, StoreProductSpec } from '../wechat/index.js';

/**
 * From the planner's desired specs (src/plan/channels-spec.ts: what is hashed and diffed) to what the
 * 微信小店 client sends: images' sha256 become the `mmecimage.cn` URLs of their `store-image/<sha256>`
 * records, coupon products become store product ids, seconds become instants.
 */

export { couponNotes, outProductId } from '../plan/channels-spec.js';

export type { PlannedCoupon, PlannedProduct };

export function plannedProduct(
  c: Campaign,
  p: Product,
  assets: ReadonlyMap<string, AssetDigest>,
): PlannedProduct {
  return desiredStoreProduct(c.metadata.name, p, assets);
}

/** product/add and product/update's body; `urlOf` gives an uploaded image's URL by sha256. */
export function productBody(
  spec: PlannedProduct,
  productId: string,
  urlOf: (sha: string) => string,
): StoreProductSpec {
  return {
    outProductId: spec.outProductId,
    title: spec.title,
    ...(spec.shortTitle !== undefined ? { shortTitle: spec.shortTitle } : {}),
    headImgs: spec.headImgs.map(urlOf),
    catsV2: spec.cats,
    ...(spec.attrs.length ? { attrs: spec.attrs.map((a) => ({ attrKey: a.key, attrValue: a.value })) } : {}),
    deliverMethod: spec.deliverMethod,
    ...(spec.deliverMethod === 0 && spec.freightTemplateId !== undefined
      ? { expressTemplateId: spec.freightTemplateId }
      : {}),
    skus: [
      {
        outSkuId: productId,
        thumbImg: urlOf(spec.sku.thumbImg),
        salePrice: spec.sku.salePrice,
        marketPrice: spec.sku.marketPrice,
        stockNum: spec.sku.stock,
      },
    ],
  };
}

export function plannedCoupon(c: Campaign, times: CampaignTimes, k: Coupon): PlannedCoupon {
  return desiredStoreCoupon(c, times, c.metadata.timezone, k);
}

const iso = (sec: number) => new Date(sec * 1000).toISOString();

/** coupon/create's body; `storeIdOf` gives a campaign product's store product id. */
export function couponBody(spec: PlannedCoupon, storeIdOf: (productId: string) => string): StoreCouponSpec {
  return {
    type: spec.type,
    name: spec.name,
    ...(spec.products?.length ? { productIds: spec.products.map(storeIdOf) } : {}),
    discountFee: spec.discountFee,
    ...(spec.productPrice !== undefined ? { productPrice: spec.productPrice } : {}),
    receiveStart: iso(spec.receive.startTime),
    receiveEnd: iso(spec.receive.endTime),
    limitPerPerson: spec.receive.perUser,
    total: spec.receive.total,
    valid:
      'days' in spec.valid
        ? { days: spec.valid.days }
        : { start: iso(spec.valid.startTime), end: iso(spec.valid.endTime) },
    autoValid: spec.autoValid === 1,
    promoteType: 1,
    notes: spec.notes,
  };
}
