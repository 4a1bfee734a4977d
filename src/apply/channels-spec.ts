import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign, Coupon, Product } from '../campaign/schema.js';
import type { AssetDigest } from '../plan/desired.js';
import { claimWindow } from '../plan/plan-coupons.js';
import type { StoreCouponSpec, StoreProductSpec } from '../wechat/index.js';

/**
 * What apply sends to the 微信小店 for a campaign's products and coupons (CHANNELS.md "Campaign
 * file"): the product/add body with images as sha256 (each becomes the `mmecimage.cn` URL of its
 * `store-image/<sha256>` at apply), and the coupon/create body. Prices are fen.
 */

/** The store has no idempotency key for product/add: this out_product_id is livectl's (`lc-<campaign>-<id>`). */
export function outProductId(campaign: string, productId: string): string {
  return `lc-${campaign}-${productId}`;
}

/** ext_info.notes of a coupon livectl creates: how a lost create's coupon is recognised. */
export function couponNotes(campaign: string, couponId: string): string {
  return `livectl:${campaign}/${couponId}`;
}

const fen = (yuan: number) => Math.round(yuan * 100);

/** Sale and market price in fen: fixed → both the amount; discount → now / original. Range has no store form. */
export function storePrices(p: Product): { salePrice: number; marketPrice: number } {
  const price = p.price;
  if (price.type === 'fixed') return { salePrice: fen(price.amount), marketPrice: fen(price.amount) };
  if (price.type === 'discount') return { salePrice: fen(price.now), marketPrice: fen(price.original) };
  // Refused by validation on channels; the upper end is the honest single price if it gets here.
  return { salePrice: fen(price.max), marketPrice: fen(price.max) };
}

/** The product as sent, head images as sha256 (their order kept). */
export type StoreProductWant = Omit<StoreProductSpec, 'headImgs'> & { headImgs: string[] };

/** The product/add body of a product the campaign creates (undefined for an existing `productId`). */
export function desiredStoreProduct(
  campaign: Campaign,
  p: Product,
  assets: ReadonlyMap<string, AssetDigest>,
): StoreProductWant | undefined {
  const ch = p.channels;
  if (!ch || ch.productId !== undefined) return undefined;
  const images = (ch.images ?? []).map((ref) => {
    const a = assets.get(ref);
    if (!a) throw new Error(`product ${p.id}: image ${ref} was not hashed with the campaign`);
    return a.sha256;
  });
  const { salePrice, marketPrice } = storePrices(p);
  return {
    outProductId: outProductId(campaign.metadata.name, p.id),
    title: p.name,
    ...(ch.shortTitle ? { shortTitle: ch.shortTitle } : {}),
    headImgs: images,
    catsV2: ch.category ?? [],
    ...(ch.attrs
      ? { attrs: Object.entries(ch.attrs).map(([attrKey, attrValue]) => ({ attrKey, attrValue })) }
      : {}),
    deliverMethod: ch.delivery === 'none' ? 1 : 0,
    ...(ch.delivery !== 'none' && ch.freightTemplateId ? { expressTemplateId: ch.freightTemplateId } : {}),
    skus: [{ outSkuId: p.id, salePrice, marketPrice, stockNum: ch.stock ?? 0 }],
  };
}

/** The body with each image's uploaded URL (and the first as the SKU's picture). */
export function withImageUrls(want: StoreProductWant, urlOf: (sha: string) => string): StoreProductSpec {
  const headImgs = want.headImgs.map(urlOf);
  return {
    ...want,
    headImgs,
    skus: want.skus.map((s) => ({ ...s, ...(headImgs[0] ? { thumbImg: headImgs[0] } : {}) })),
  };
}

/**
 * The coupon/create body: spend-X-off (type 102, or 2 for product coupons) when there is a threshold,
 * a direct cut (104, or 4) without; claimable from its first wave (or validFrom) to the end (or
 * validTo); usable validDays after receipt, else within the receive window. Created effective
 * (auto_valid). `productIds` are the store ids of the campaign products it names.
 */
export function desiredStoreCoupon(
  campaign: Campaign,
  times: CampaignTimes,
  k: Coupon,
  productIds: string[] | undefined,
): StoreCouponSpec | undefined {
  const { validDays: _days, ...rest } = k;
  const w = claimWindow(campaign, times, campaign.metadata.timezone, rest as Coupon);
  if (!w.begin || !w.end) return undefined;
  const product = productIds !== undefined && productIds.length > 0;
  const spend = k.threshold > 0;
  return {
    type: product ? (spend ? 2 : 4) : spend ? 102 : 104,
    name: k.title,
    ...(product ? { productIds } : {}),
    discountFee: fen(k.amount),
    ...(spend ? { productPrice: fen(k.threshold) } : {}),
    receiveStart: w.begin.toISOString(),
    receiveEnd: w.end.toISOString(),
    limitPerPerson: k.perUser ?? 1,
    total: k.quantity,
    valid: k.validDays ? { days: k.validDays } : { start: w.begin.toISOString(), end: w.end.toISOString() },
    autoValid: true,
    promoteType: 1,
    notes: couponNotes(campaign.metadata.name, k.id),
  };
}
