import { error, type Finding, warning } from '../../../diagnostics/diagnostic.js';
import {
  claimWindow,
  couponsAreStocks,
  GOODS_NAME_MAX,
  STOCK_NAME_MAX,
  STOCK_SPAN_MAX_MS,
} from '../../../plan/plan-coupons.js';
import type { Rule } from '../context.js';

/**
 * Coupons as WeChat Pay 商家券 stocks (accounts.wechatPay, product busifavor): what the create
 * endpoint would refuse (wechatpay-coupons.md §3: stock_name ≤ 21 characters, goods_name ≤ 15, money
 * 1..10,000,000 fen, max_coupons ≤ 1e9, available time ≤ 1 year, belong_merchant 8–15). Names are
 * never cut silently: too long is an error here.
 */
export const wechatPayCoupons: Rule = {
  id: 'wechatpay-coupons',
  platforms: ['mini-program'],
  codes: [
    'E_WECHATPAY_MCHID',
    'E_COUPON_STOCK_NAME',
    'E_COUPON_GOODS_NAME',
    'E_COUPON_AMOUNT',
    'E_COUPON_WINDOW',
  ],
  description:
    'With accounts.wechatPay, each coupon must fit a 商家券 stock: title ≤ 21 characters, goodsName ≤ 15, amounts 0.01–100,000 yuan, claim window ≤ 1 year; mchId is 8–15 digits.',
  check(ctx) {
    const c = ctx.campaign;
    const pay = c.accounts.wechatPay;
    if (!pay) return [];
    const out: Finding[] = [];
    if (!/^\d{8,15}$/.test(pay.mchId))
      out.push(
        error(
          'E_WECHATPAY_MCHID',
          ['accounts', 'wechatPay', 'mchId'],
          `merchant id "${pay.mchId}" is not 8–15 digits`,
          'Copy the 商户号 from the merchant platform (账户中心 → 商户信息); quote it in YAML: mchId: "1900000109".',
        ),
      );
    if (!couponsAreStocks(c)) return out;
    const tz = ctx.campaign.metadata.timezone;
    c.coupons.forEach((k, i) => {
      if (k.stockId !== undefined) return; // an existing stock: its rules are WeChat Pay's already
      const n = [...k.title].length;
      if (n > STOCK_NAME_MAX)
        out.push(
          error(
            'E_COUPON_STOCK_NAME',
            ['coupons', i, 'title'],
            `coupon title "${k.title}" is ${n} characters; a WeChat Pay stock name holds at most ${STOCK_NAME_MAX}`,
            'Shorten it: the title becomes the stock name, which cannot change after the stock is created.',
          ),
        );
      const goods = k.goodsName ?? '';
      if ([...goods].length > GOODS_NAME_MAX)
        out.push(
          error(
            'E_COUPON_GOODS_NAME',
            ['coupons', i, 'goodsName'],
            `goodsName "${goods}" is ${[...goods].length} characters; WeChat Pay allows at most ${GOODS_NAME_MAX}`,
          ),
        );
      for (const [field, yuan] of [
        ['amount', k.amount],
        ['threshold', k.threshold],
      ] as const) {
        if (field === 'threshold' && yuan === 0) continue;
        if (yuan < 0.01 || yuan > 100_000)
          out.push(
            error(
              'E_COUPON_AMOUNT',
              ['coupons', i, field],
              `${field} ${yuan} is outside WeChat Pay's 0.01–100,000 yuan (1–10,000,000 fen)`,
            ),
          );
      }
      const w = claimWindow(c, ctx.times, tz, k);
      if (
        w.begin &&
        w.end &&
        (w.end.getTime() <= w.begin.getTime() || w.end.getTime() - w.begin.getTime() > STOCK_SPAN_MAX_MS)
      )
        out.push(
          error(
            'E_COUPON_WINDOW',
            ['coupons', i],
            `coupon ${k.id} would be usable from ${w.begin.toISOString()} to ${w.end.toISOString()}: WeChat Pay wants an end after the begin, at most 1 year apart`,
            'The window runs from the first wave featuring the coupon (or validFrom) to the broadcast end (or validTo) plus validDays.',
          ),
        );
    });
    return out;
  },
};

/**
 * Said once, not per coupon: without accounts.wechatPay (or with product-coupon, which livectl does
 * not drive) the coupons are text in messages and a checklist line for a person.
 */
export const couponsByHand: Rule = {
  id: 'coupons-by-hand',
  platforms: ['mini-program'],
  codes: ['W_COUPONS_BY_HAND'],
  description:
    "Coupons without accounts.wechatPay (or with product: product-coupon) are not created by livectl: they stay a person's task in the merchant back office.",
  check(ctx) {
    const c = ctx.campaign;
    if (c.coupons.length === 0 || couponsAreStocks(c)) return [];
    if (c.accounts.wechatPay)
      return [
        warning(
          'W_COUPONS_BY_HAND',
          ['accounts', 'wechatPay', 'product'],
          `product-coupon: livectl does not create 商品券 (product coupons), so this merchant's ${c.coupons.length} coupon${c.coupons.length === 1 ? '' : 's'} stay a person's task`,
          'The 商品券 API is documented for brands (brand_id) and service providers only, with its own product and stock model; set the coupons up in the merchant platform. Merchants onboarded before 2025-12-15 can use product: busifavor.',
        ),
      ];
    return [
      warning(
        'W_COUPONS_BY_HAND',
        ['coupons'],
        `${c.coupons.length} coupon${c.coupons.length === 1 ? '' : 's'} will not be created: without accounts.wechatPay they stay a person's task in the merchant back office`,
        'Add accounts.wechatPay { mchId, serialNo, publicKeyId } to make every coupon a WeChat Pay 商家券 stock at apply (README: Coupons).',
      ),
    ];
  },
};
