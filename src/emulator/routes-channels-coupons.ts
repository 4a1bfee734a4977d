import { type ChannelsCoupon, callerAccount, channels, nextChannelsId } from './channels-state.js';
import { fail } from './errors.js';
import { type Call, ok, type Route } from './route.js';

/**
 * 微信小店 coupons (store token). Create validates (name, discount, the 20% rule, receive window),
 * status moves 1 → 2/4/5 and 2 → 4/5 (else 10021001), `auto_valid_type 1` activates at receive start
 * and the clock expires effective coupons (channels-state.ts). get_list follows page_ctx and refuses
 * page jumps over 10 (10021036). The 10021xxx codes come from a doc digest [U].
 */

const C = '/channels/ec/coupon';
const PRODUCT_TYPES = [1, 2, 3, 4];
const SHOP_TYPES = [101, 102, 103, 104];
const DISCOUNT_FEE_MAX = 20_000;
const YEAR_S = 365 * 86_400;
const PAGE_JUMP = 10;

// biome-ignore lint/suspicious/noExplicitAny: untrusted JSON, each field is checked below.
type Json = Record<string, any>;

const int = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
const isPosInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/** The validated coupon_info (times as numbers) of a create body. */
function validCoupon(call: Call, b: Json): { type: number; info: Json } {
  const type = b.type;
  if (![...PRODUCT_TYPES, ...SHOP_TYPES].includes(type)) fail(10021035, 'coupon type not supported');
  const name = b.name;
  // ≤ 10 "Chinese characters"; how ASCII counts is undocumented, so every code point counts one [U].
  if (typeof name !== 'string' || name.trim() === '' || [...name].length > 10)
    fail(10021005, 'coupon name too long');
  const d: Json = b.discount_info ?? {};
  const cond: Json = d.discount_condition ?? {};
  const productIds: string[] = Array.isArray(cond.product_ids) ? cond.product_ids.map(String) : [];
  const isProduct = PRODUCT_TYPES.includes(type);
  if (isProduct) {
    const cap = call.core.opts.channels?.couponProductCap ?? 200;
    if (productIds.length === 0 || productIds.length > cap)
      fail(10021007, `product_ids must hold 1 to ${cap} ids`);
    for (const id of productIds) {
      const p = channels(call.core).products.find((x) => x.productId === id && x.appid === call.appid);
      if (!p || p.status === 9) fail(10021007, `product ${id} not exist`);
    }
  } else if (productIds.length > 0) fail(10021007, 'shop coupons take no product_ids');
  const cnt = int(cond.product_cnt);
  const price = int(cond.product_price);
  if (cnt !== undefined && price !== undefined) fail(10021007, 'product_cnt and product_price are exclusive');
  const kind = type % 100; // 1 N-items discount, 2 spend-X-off, 3 discount, 4 direct cut
  if (kind === 1 || kind === 3) {
    const n = int(d.discount_num);
    if (!Number.isInteger(n) || (n as number) < 2000 || (n as number) > 10_000 || (n as number) % 100 !== 0)
      fail(10021006, 'discount_num must be 2000 to 10000 in steps of 100');
    if (kind === 1 && !isPosInt(cnt)) fail(10021007, 'product_cnt required');
  } else {
    const fee = int(d.discount_fee);
    if (!isPosInt(fee) || fee > DISCOUNT_FEE_MAX) fail(10021008, 'discount_fee must be 1 to 20000 fen');
    if (kind === 2) {
      if (!isPosInt(price)) fail(10021007, 'product_price required');
      // A spend-X-off must leave at least 20% of the threshold.
      if (fee * 5 > price * 4) fail(10021008, 'discount must leave 20% of the threshold');
    }
    if (type === 4) {
      const cheapest = Math.min(
        ...productIds.map((id) => minSalePrice(call, id)).filter((n): n is number => n !== undefined),
      );
      if (Number.isFinite(cheapest) && fee * 5 > cheapest * 4)
        fail(10021008, 'discount must leave 20% of the product price');
    }
  }
  const r: Json = b.receive_info ?? {};
  const start = int(r.start_time);
  const end = int(r.end_time);
  if (!isPosInt(start) || !isPosInt(end) || end <= start) fail(10021009, 'receive time invalid');
  if (end <= call.core.clock.nowSec()) fail(10021071, 'end time earlier than now');
  if (end - start > YEAR_S) fail(10021077, 'receive time longer than 365 days');
  const total = int(r.total_num);
  const perPerson = int(r.limit_num_one_person);
  if (!isPosInt(total) || total > 100_000_000) fail(10021011, 'total_num invalid');
  if (!isPosInt(perPerson) || perPerson > total) fail(10021012, 'limit_num_one_person invalid');
  const v: Json = b.valid_info ?? { valid_type: 1, start_time: start, end_time: end };
  const vt = int(v.valid_type);
  if (vt === 1) {
    const vs = int(v.start_time);
    const ve = int(v.end_time);
    if (!isPosInt(vs) || !isPosInt(ve) || ve <= vs || ve < end) fail(10021010, 'valid time invalid');
  } else if (vt === 2) {
    const days = int(v.valid_day_num);
    if (!isPosInt(days) || days > 365) fail(10021010, 'valid_day_num invalid');
  } else fail(10021010, 'valid_type invalid');
  const promote = int(b.promote_info?.promote_type ?? 1);
  if (![1, 9, 10].includes(promote as number)) fail(10021035, 'promote_type not supported');
  const auto = int(b.auto_valid_info?.auto_valid_type ?? 0);
  if (auto !== 0 && auto !== 1) fail(40097, 'invalid args: auto_valid_type');
  const ext: Json = b.ext_info ?? {};
  return {
    type,
    info: {
      name,
      promote_info: { promote_type: promote },
      discount_info: {
        ...(d.discount_num !== undefined ? { discount_num: int(d.discount_num) } : {}),
        ...(d.discount_fee !== undefined ? { discount_fee: int(d.discount_fee) } : {}),
        discount_condition: {
          ...(cnt !== undefined ? { product_cnt: cnt } : {}),
          ...(price !== undefined ? { product_price: price } : {}),
          ...(productIds.length > 0 ? { product_ids: productIds } : {}),
        },
      },
      receive_info: { start_time: start, end_time: end, limit_num_one_person: perPerson, total_num: total },
      valid_info:
        vt === 1
          ? { valid_type: 1, start_time: int(v.start_time), end_time: int(v.end_time) }
          : { valid_type: 2, valid_day_num: int(v.valid_day_num) },
      auto_valid_info: { auto_valid_type: auto },
      ext_info: {
        ...(ext.notes !== undefined ? { notes: String(ext.notes) } : {}),
        ...(ext.jump_product_id !== undefined ? { jump_product_id: String(ext.jump_product_id) } : {}),
        ...(ext.valid_time !== undefined ? { valid_time: ext.valid_time } : {}),
        ...(ext.invalid_time !== undefined ? { invalid_time: ext.invalid_time } : {}),
      },
    },
  };
}

function minSalePrice(call: Call, productId: string): number | undefined {
  const p = channels(call.core).products.find((x) => x.productId === productId);
  const skus = (p?.online ?? p?.draft)?.skus as Json[] | undefined;
  const prices = (skus ?? []).map((s) => Number(s.sale_price)).filter(Number.isFinite);
  return prices.length ? Math.min(...prices) : undefined;
}

function findCoupon(call: Call, id: unknown): ChannelsCoupon {
  const c = channels(call.core).coupons.find(
    (x) => x.couponId === String(id ?? '') && x.appid === call.appid,
  );
  if (!c) fail(10021037, 'coupon not exist');
  return c;
}

function couponView(c: ChannelsCoupon): Json {
  const total = Number(c.info.receive_info.total_num);
  return {
    coupon_id: c.couponId,
    type: c.type,
    status: c.status,
    create_time: Math.floor(c.createdAt / 1000),
    update_time: Math.floor(c.updatedAt / 1000),
    coupon_info: c.info,
    stock_info: {
      issued_num: Math.max(0, total - c.receiveNum),
      receive_num: c.receiveNum,
      used_num: c.usedNum,
    },
  };
}

/** page_ctx carries the page it answered, so the next request's jump can be measured. */
const ctxOf = (status: number, page: number) => Buffer.from(`${status}:${page}`).toString('base64url');
function pageOfCtx(ctx: string): number | undefined {
  const m = /^\d+:(\d+)$/.exec(Buffer.from(ctx, 'base64url').toString());
  return m ? Number(m[1]) : undefined;
}

const couponRoute = (path: string, handle: (call: Call) => Record<string, unknown>): Route => ({
  method: 'POST',
  path,
  realm: 'mp',
  body: 'json',
  handle(call) {
    callerAccount(call, 'shop');
    return handle(call);
  },
});

export const channelsCouponRoutes: Route[] = [
  couponRoute(`${C}/create`, (call) => {
    const { type, info } = validCoupon(call, call.body);
    const now = call.core.clock.nowMs();
    const c: ChannelsCoupon = {
      couponId: nextChannelsId(call.core, '2', 16),
      appid: call.appid,
      type,
      status: 1,
      info,
      receiveNum: 0,
      usedNum: 0,
      createdAt: now,
      updatedAt: now,
    };
    channels(call.core).coupons.push(c);
    call.core.tick();
    return ok({ data: { coupon_id: c.couponId } });
  }),
  couponRoute(`${C}/get`, (call) => ok({ coupon: couponView(findCoupon(call, call.body.coupon_id)) })),
  couponRoute(`${C}/get_list`, (call) => {
    const b = call.body;
    const status = int(b.status);
    if (![1, 2, 3, 4, 5, 200].includes(status as number)) fail(10021001, 'invalid status');
    const page = int(b.page);
    const size = int(b.page_size);
    if (!isPosInt(page)) fail(40097, 'invalid args: page');
    if (!isPosInt(size) || size > 200) fail(40097, 'invalid args: page_size must be 1 to 200');
    const all = channels(call.core).coupons.filter(
      (c) =>
        c.appid === call.appid && (status === 200 ? c.status === 3 || c.status === 4 : c.status === status),
    );
    const last = Math.max(1, Math.ceil(all.length / size));
    const ctx = typeof b.page_ctx === 'string' ? b.page_ctx : '';
    const previous = ctx === '' ? undefined : pageOfCtx(ctx);
    if (ctx !== '' && previous === undefined) fail(40097, 'invalid args: page_ctx');
    const jumpOk =
      previous === undefined ? page < PAGE_JUMP || page === last : Math.abs(page - previous) <= PAGE_JUMP;
    if (!jumpOk) fail(10021036, 'page jump too large');
    const slice = all.slice((page - 1) * size, page * size);
    return ok({
      coupons: slice.map((c) => ({ coupon_id: c.couponId })),
      total_num: all.length,
      page_ctx: ctxOf(status as number, page),
    });
  }),
  couponRoute(`${C}/update_status`, (call) => {
    const c = findCoupon(call, call.body.coupon_id);
    const to = int(call.body.status);
    const allowed: Record<number, number[]> = { 1: [2, 4, 5], 2: [4, 5] };
    if (!(allowed[c.status] ?? []).includes(to as number))
      fail(10021001, 'coupon status does not allow this');
    c.status = to as number;
    c.updatedAt = call.core.clock.nowMs();
    return ok();
  }),
];
