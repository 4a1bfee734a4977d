import {
  arr,
  defined,
  id,
  isoFromSeconds,
  num,
  obj,
  optNum,
  str,
  toUnixSeconds,
  type Wire,
} from './channels-wire.js';
import type { Id } from './ids.js';

/**
 * 微信小店 coupon shapes (/channels/ec/coupon/*) and their wire mapping. Amounts are fen, discount
 * rates ×1000 (8折 = 8000), instants ISO-8601 here and Unix seconds on the wire.
 */

/**
 * Product coupons (need `productIds`): 1 N-items discount, 2 spend-X-off, 3 flat discount, 4 direct
 * cut. Shop coupons: 101–104, the same meanings without products.
 */
export type StoreCouponType = 1 | 2 | 3 | 4 | 101 | 102 | 103 | 104;

/** 1 not effective (editing), 2 effective, 3 expired, 4 voided, 5 deleted. */
export type StoreCouponStatus = 1 | 2 | 3 | 4 | 5;

export const COUPON_STATUS = { editing: 1, effective: 2, expired: 3, voided: 4, deleted: 5 } as const;

export interface StoreCouponSpec {
  type: StoreCouponType;
  /** ≤ 10 Chinese characters. */
  name: string;
  /** Product coupons (types 1–4): the store product ids. */
  productIds?: Id[];
  /** Types 1/3/101/103: ×1000, 2000–10000, step 100. */
  discountNum?: number;
  /** Types 2/4/102/104: fen, ≤ 20000 (200 yuan). */
  discountFee?: number;
  /** Spend threshold in fen (types 2/102); never together with `productCnt`. */
  productPrice?: number;
  /** Item count threshold (types 1/101). */
  productCnt?: number;
  /** The receive window (ISO instants): at most 365 days, ending in the future. */
  receiveStart: string;
  receiveEnd: string;
  /** Per-person limit. */
  limitPerPerson: number;
  /** How many coupons in all. */
  total: number;
  /** Validity: a fixed window, or N days from receipt. */
  valid: { start: string; end: string } | { days: number };
  /** Activates by itself at `receiveStart` (auto_valid_type 1), without update_status 2. */
  autoValid?: boolean;
  /** 1 小店内推广 (default), 9 member coupon, 10 member welcome gift. */
  promoteType?: number;
  /** Free text kept with the coupon; livectl puts `livectl:<campaign>/<couponId>` here. */
  notes?: string;
  jumpProductId?: Id;
}

export interface StoreCoupon extends Omit<StoreCouponSpec, 'autoValid'> {
  couponId: Id;
  status: StoreCouponStatus;
  autoValid: boolean;
  createTime?: string;
  updateTime?: string;
  /** issuedNum: still available to receive (meaning [U]); receiveNum received; usedNum used. */
  stock: { issuedNum: number; receiveNum: number; usedNum: number };
}

export interface CouponPage {
  couponIds: Id[];
  totalNum: number;
  /** Hand back with the next page. */
  pageCtx: string;
}

/** get_list filter: a status, or 200 (expired or voided). */
export type CouponListStatus = StoreCouponStatus | 200;

export function couponToWire(c: StoreCouponSpec): Wire {
  const condition = defined({
    product_cnt: c.productCnt,
    product_price: c.productPrice,
    product_ids: c.productIds,
  });
  const valid =
    'days' in c.valid
      ? { valid_type: 2, valid_day_num: c.valid.days }
      : {
          valid_type: 1,
          start_time: toUnixSeconds(c.valid.start),
          end_time: toUnixSeconds(c.valid.end),
        };
  return {
    type: c.type,
    name: c.name,
    discount_info: defined({
      discount_num: c.discountNum,
      discount_fee: c.discountFee,
      discount_condition: Object.keys(condition).length > 0 ? condition : undefined,
    }),
    promote_info: { promote_type: c.promoteType ?? 1 },
    receive_info: {
      start_time: toUnixSeconds(c.receiveStart),
      end_time: toUnixSeconds(c.receiveEnd),
      limit_num_one_person: c.limitPerPerson,
      total_num: c.total,
    },
    valid_info: valid,
    ...(c.autoValid === undefined ? {} : { auto_valid_info: { auto_valid_type: c.autoValid ? 1 : 0 } }),
    ...(c.notes !== undefined || c.jumpProductId !== undefined
      ? { ext_info: defined({ notes: c.notes, jump_product_id: c.jumpProductId }) }
      : {}),
  };
}

export function couponFromWire(w: Wire): StoreCoupon {
  const info = obj(w.coupon_info);
  const discount = obj(info.discount_info);
  const cond = obj(discount.discount_condition);
  const receive = obj(info.receive_info);
  const valid = obj(info.valid_info);
  const ext = obj(info.ext_info);
  const stock = obj(w.stock_info);
  const ids = arr(cond.product_ids).length > 0 ? (cond.product_ids as unknown[]).map(id) : undefined;
  return {
    couponId: id(w.coupon_id),
    type: num(w.type) as StoreCouponType,
    status: num(w.status) as StoreCouponStatus,
    name: String(info.name ?? ''),
    ...(ids ? { productIds: ids } : {}),
    ...defined({
      discountNum: optNum(discount.discount_num),
      discountFee: optNum(discount.discount_fee),
      productPrice: optNum(cond.product_price),
      productCnt: optNum(cond.product_cnt),
    }),
    receiveStart: isoFromSeconds(receive.start_time) ?? '',
    receiveEnd: isoFromSeconds(receive.end_time) ?? '',
    limitPerPerson: num(receive.limit_num_one_person),
    total: num(receive.total_num),
    valid:
      num(valid.valid_type) === 2
        ? { days: num(valid.valid_day_num) }
        : { start: isoFromSeconds(valid.start_time) ?? '', end: isoFromSeconds(valid.end_time) ?? '' },
    autoValid: num(obj(info.auto_valid_info).auto_valid_type) === 1,
    promoteType: num(obj(info.promote_info).promote_type, 1),
    ...defined({
      notes: str(ext.notes),
      jumpProductId: ext.jump_product_id === undefined ? undefined : id(ext.jump_product_id),
      createTime: isoFromSeconds(w.create_time),
      updateTime: isoFromSeconds(w.update_time),
    }),
    stock: {
      issuedNum: num(stock.issued_num),
      receiveNum: num(stock.receive_num),
      usedNum: num(stock.used_num),
    },
  };
}
