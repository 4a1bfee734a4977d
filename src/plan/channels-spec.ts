import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign, Coupon, Price, Product } from '../campaign/schema.js';
import { safeMoment } from './context.js';
import type { AssetDigest } from './desired.js';

/**
 * The desired state of the 视频号 / 微信小店 resources (platform: channels), derived from the campaign:
 * the contract between the planner (which hashes and diffs these) and apply's channels steps (which
 * send them). Pure. Images are sha256 of the file; apply uploads each to the store
 * (`store-image/<sha256>`) and substitutes the permanent mmecimage.cn link.
 *
 * The store's limits live here too, so the platform rules and the planner agree. Limits marked
 * [U] are not confirmed by an official page (reference: channels-live-store.md) and are kept as
 * named constants to change in one place.
 */

/** A product's head images: 3–9 (product/add head_imgs). */
export const STORE_IMAGES_MIN = 3;
export const STORE_IMAGES_MAX = 9;
/** Title: at least 5 effective characters (CJK, letters, digits), at most 60 characters. */
export const STORE_TITLE_MIN = 5;
export const STORE_TITLE_MAX = 60;
export const STORE_SHORT_TITLE_MAX = 20;
/** Price and stock caps of a SKU, in fen and pieces [U: WxJava's caps]. */
export const STORE_PRICE_MAX_FEN = 10_000_000;
export const STORE_STOCK_MAX = 10_000_000;
/** Coupon name: at most 10 characters, counted as code points [U: how ASCII counts is undocumented]. */
export const STORE_COUPON_NAME_MAX = 10;
/** A cut (types 2/4/102/104) is at most 200 yuan. */
export const STORE_COUPON_CUT_MAX_FEN = 20_000;
/** A spend-X-off coupon must leave at least 20% of its threshold (product coupons: of the price). */
export const STORE_COUPON_FLOOR = 0.2;
/** The receive window spans at most 365 days. */
export const STORE_RECEIVE_SPAN_MAX_MS = 365 * 86_400_000;
/**
 * How far a reservation's start may lie from room.start and still be the campaign's [U: the
 * platform reminds reservers only within ±1 h of the notice time; apply matches with this too].
 */
export const RESERVATION_TOLERANCE_MS = 5 * 60_000;

/** Yuan → fen, rounded (amounts have at most 2 decimals: a platform rule). */
export const fen = (yuan: number): number => Math.round(yuan * 100);

/** Sale and market price in fen: fixed → sale = market; discount → now / original; range → none. */
export function storePrices(p: Price): { sale: number; market: number } | undefined {
  switch (p.type) {
    case 'fixed':
      return { sale: fen(p.amount), market: fen(p.amount) };
    case 'discount':
      return { sale: fen(p.now), market: fen(p.original) };
    case 'range':
      return undefined;
  }
}

/** The product's `out_product_id`: apply finds a create whose answer was lost by it. */
export const outProductId = (campaign: string, productId: string): string => `lc-${campaign}-${productId}`;
/** What a created coupon carries in `ext_info.notes`, for the same reason. */
export const couponNotes = (campaign: string, couponId: string): string => `livectl:${campaign}/${couponId}`;

/**
 * store-product/<id> of a product livectl creates (`channels.productId` absent). product/add's
 * fields in camelCase; one SKU; `headImgs` and `thumbImg` as sha256.
 */
export interface StoreProductSpec {
  outProductId: string;
  title: string;
  shortTitle?: string;
  headImgs: string[];
  /** cats_v2, root to leaf. */
  cats: string[];
  /** Sorted by key. */
  attrs: { key: string; value: string }[];
  /** 0 courier (express), 1 no shipping. */
  deliverMethod: 0 | 1;
  freightTemplateId?: string;
  sku: { salePrice: number; marketPrice: number; stock: number; thumbImg: string };
}

export function isExternalProduct(p: Product): boolean {
  return p.channels?.productId !== undefined;
}

export function desiredStoreProduct(
  campaign: string,
  p: Product,
  assets: ReadonlyMap<string, AssetDigest>,
): StoreProductSpec {
  const ch = p.channels ?? {};
  const sha = (ref: string) => assets.get(ref)?.sha256 ?? `missing:${ref}`;
  const headImgs = (ch.images ?? []).map(sha);
  const prices = storePrices(p.price) ?? { sale: 0, market: 0 };
  return {
    outProductId: outProductId(campaign, p.id),
    title: p.name,
    ...(ch.shortTitle !== undefined ? { shortTitle: ch.shortTitle } : {}),
    headImgs,
    cats: ch.category ?? [],
    attrs: Object.entries(ch.attrs ?? {})
      .map(([key, value]) => ({ key, value }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    deliverMethod: ch.delivery === 'express' ? 0 : 1,
    ...(ch.freightTemplateId !== undefined ? { freightTemplateId: ch.freightTemplateId } : {}),
    sku: {
      salePrice: prices.sale,
      marketPrice: prices.market,
      stock: ch.stock ?? 0,
      thumbImg: headImgs[0] ?? sha(p.image),
    },
  };
}

/** Product coupons (with `channels.products`): 2 spend-X-off, 4 direct cut; shop coupons 102 / 104. */
export function storeCouponType(k: Coupon): 2 | 4 | 102 | 104 {
  const product = (k.channels?.products?.length ?? 0) > 0;
  if (k.threshold > 0) return product ? 2 : 102;
  return product ? 4 : 104;
}

/**
 * The receive window: from `validFrom`, else the first wave or drop that features the coupon, else
 * the start; until `validTo`, else the end of the broadcast.
 */
export function receiveWindow(
  c: Campaign,
  times: CampaignTimes,
  tz: string,
  k: Coupon,
): { begin?: Date; end?: Date } {
  const start = times.start;
  const dates: Date[] = [];
  for (const w of c.waves) {
    const at = times.waves.get(w.id);
    if (at && w.coupons?.includes(k.id)) dates.push(at);
  }
  if (start) {
    for (const d of c.during?.couponDrops ?? []) {
      if (d.coupon !== k.id) continue;
      const at = safeMoment(d.at, start, tz);
      if (at) dates.push(at);
    }
  }
  const from = start && k.validFrom !== undefined ? safeMoment(k.validFrom, start, tz) : undefined;
  const to = start && k.validTo !== undefined ? safeMoment(k.validTo, start, tz) : undefined;
  const begin = from ?? (dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : start);
  const end = to ?? times.end;
  return { ...(begin ? { begin } : {}), ...(end ? { end } : {}) };
}

/**
 * store-coupon/<id> of a coupon livectl creates (`channels.couponId` absent): coupon/create's fields
 * in camelCase, times in Unix seconds, created effective (auto_valid at the receive start).
 * `products` are the campaign's product ids; apply turns them into store product ids.
 */
export interface StoreCouponSpec {
  name: string;
  type: 2 | 4 | 102 | 104;
  /** Fen. */
  discountFee: number;
  /** Threshold in fen (types 2/102). */
  productPrice?: number;
  products?: string[];
  receive: { startTime: number; endTime: number; perUser: number; total: number };
  /** valid_type 2 (days after receipt) with validDays, else valid_type 1 (the receive window). */
  valid: { days: number } | { startTime: number; endTime: number };
  notes: string;
  autoValid: 1;
}

export function desiredStoreCoupon(
  c: Campaign,
  times: CampaignTimes,
  tz: string,
  k: Coupon,
): StoreCouponSpec {
  const type = storeCouponType(k);
  const w = receiveWindow(c, times, tz, k);
  const secs = (d: Date | undefined) => Math.floor((d?.getTime() ?? 0) / 1000);
  const receive = { startTime: secs(w.begin), endTime: secs(w.end) };
  return {
    name: k.title,
    type,
    discountFee: fen(k.amount),
    ...(type === 2 || type === 102 ? { productPrice: fen(k.threshold) } : {}),
    ...(k.channels?.products?.length ? { products: [...k.channels.products] } : {}),
    receive: { ...receive, perUser: k.perUser ?? 1, total: k.quantity },
    valid: k.validDays !== undefined ? { days: k.validDays } : receive,
    notes: couponNotes(c.metadata.name, k.id),
    autoValid: 1,
  };
}

/** The scene of a channels wave's code and the live page's query: `w=<wave>` (no room id). */
export const channelsScene = (waveId: string): string => `w=${waveId}`;

/**
 * code/<wave> on channels: a mini-program code (getwxacodeunlimit) for the live page with scene
 * `w=<wave>`; the page finds the reservation itself (wx.getChannelsLiveNoticeInfo) and reserves or
 * opens the live, so a moved reservation needs no new code.
 */
export interface ChannelsCodeSpec {
  campaign: string;
  wave: string;
  scene: string;
  page: string;
  platform: 'channels';
}

export function desiredChannelsCode(campaign: string, waveId: string, livePage: string): ChannelsCodeSpec {
  return { campaign, wave: waveId, scene: channelsScene(waveId), page: livePage, platform: 'channels' };
}
