import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import {
  fen,
  receiveWindow,
  STORE_COUPON_CUT_MAX_FEN,
  STORE_COUPON_FLOOR,
  STORE_COUPON_NAME_MAX,
  STORE_RECEIVE_SPAN_MAX_MS,
  storePrices,
} from '../../../plan/channels-spec.js';
import { formatLocal, isValidTimeZone } from '../../time.js';
import type { Rule } from '../context.js';

/**
 * Coupons on channels become 微信小店 coupons (coupon/create, reference channels-live-store §5.2):
 * what the store would refuse. Channels only.
 */

const DIGITS = /^\d{1,20}$/;

export const channelsCoupons: Rule = {
  id: 'channels-coupons',
  platforms: ['channels'],
  codes: ['E_CHANNELS_COUPON_NAME', 'E_CHANNELS_COUPON_AMOUNT', 'E_CHANNELS_COUPON_ID', 'E_UNKNOWN_PRODUCT'],
  description: `A 小店 coupon: title at most ${STORE_COUPON_NAME_MAX} characters, amount at most ${STORE_COUPON_CUT_MAX_FEN / 100} yuan and leaving ${STORE_COUPON_FLOOR * 100}% of the threshold (product coupons: of each product's price), couponId digits, channels.products naming products of the file.`,
  check(ctx) {
    const c = ctx.campaign;
    const out: Finding[] = [];
    c.coupons.forEach((k, i) => {
      const path = ['coupons', i];
      const ch = k.channels;
      if (ch?.couponId !== undefined && !DIGITS.test(ch.couponId)) {
        out.push(
          error(
            'E_CHANNELS_COUPON_ID',
            [...path, 'channels', 'couponId'],
            `couponId "${ch.couponId}" is not a 小店 coupon id (digits)`,
            'Copy the coupon id from 微信小店后台 → 营销 → 优惠券, and quote it.',
            { id: ch.couponId },
          ),
        );
      }
      (ch?.products ?? []).forEach((id, j) => {
        if (c.products.some((p) => p.id === id)) return;
        out.push(
          error(
            'E_UNKNOWN_PRODUCT',
            [...path, 'channels', 'products', j],
            `coupon ${k.id} names product "${id}", which is not a product of this file`,
            `Use one of: ${c.products.map((p) => p.id).join(', ') || '(no products)'}.`,
            { id, coupon: k.id, ids: c.products.map((p) => p.id).join(', ') || undefined },
          ),
        );
      });
      if (ch?.couponId !== undefined) return; // an existing coupon is used as it is
      const name = [...k.title].length;
      if (name > STORE_COUPON_NAME_MAX) {
        out.push(
          error(
            'E_CHANNELS_COUPON_NAME',
            [...path, 'title'],
            `coupon title "${k.title}" is ${name} characters; a 小店 coupon name takes at most ${STORE_COUPON_NAME_MAX} (10021005)`,
            `Shorten it to ${STORE_COUPON_NAME_MAX} characters, e.g. 满199减50.`,
            { title: k.title, length: name, max: STORE_COUPON_NAME_MAX },
          ),
        );
      }
      const amount = fen(k.amount);
      if (amount > STORE_COUPON_CUT_MAX_FEN) {
        out.push(
          error(
            'E_CHANNELS_COUPON_AMOUNT',
            [...path, 'amount'],
            `coupon ${k.id} takes ${k.amount} yuan off; a 小店 coupon takes at most ${STORE_COUPON_CUT_MAX_FEN / 100}`,
            `Make amount at most ${STORE_COUPON_CUT_MAX_FEN / 100}.`,
            { kind: 'max', id: k.id, amount: k.amount, max: STORE_COUPON_CUT_MAX_FEN / 100 },
          ),
        );
        return;
      }
      const floor = (base: number) => amount > Math.floor(base * (1 - STORE_COUPON_FLOOR));
      if (k.threshold > 0 && floor(fen(k.threshold))) {
        out.push(
          error(
            'E_CHANNELS_COUPON_AMOUNT',
            [...path, 'amount'],
            `coupon ${k.id} takes ${k.amount} off ${k.threshold}: a 小店 coupon must leave at least ${STORE_COUPON_FLOOR * 100}% of the threshold`,
            `Make amount at most ${(fen(k.threshold) * (1 - STORE_COUPON_FLOOR)) / 100}, or raise the threshold.`,
            {
              kind: 'threshold',
              id: k.id,
              amount: k.amount,
              threshold: k.threshold,
              floor: STORE_COUPON_FLOOR * 100,
              most: (fen(k.threshold) * (1 - STORE_COUPON_FLOOR)) / 100,
            },
          ),
        );
        return;
      }
      if (k.threshold === 0) {
        for (const id of ch?.products ?? []) {
          const prices = storePrices(
            c.products.find((p) => p.id === id)?.price ?? { type: 'range', min: 0, max: 0 },
          );
          if (prices && floor(prices.sale)) {
            out.push(
              error(
                'E_CHANNELS_COUPON_AMOUNT',
                [...path, 'amount'],
                `coupon ${k.id} takes ${k.amount} off product ${id} at ${prices.sale / 100}: a product coupon must leave at least ${STORE_COUPON_FLOOR * 100}% of the price`,
                'Lower the amount, or give the coupon a threshold.',
                {
                  kind: 'product',
                  id: k.id,
                  amount: k.amount,
                  product: id,
                  price: prices.sale / 100,
                  floor: STORE_COUPON_FLOOR * 100,
                },
              ),
            );
          }
        }
      }
    });
    return out;
  },
};

export const channelsCouponWindow: Rule = {
  id: 'channels-coupon-window',
  platforms: ['channels'],
  codes: ['E_CHANNELS_COUPON_WINDOW'],
  description:
    'A 小店 coupon can be received within at most 365 days (from validFrom or its first wave, to validTo or the end of the broadcast), ending after now.',
  check(ctx) {
    const c = ctx.campaign;
    const tz = isValidTimeZone(c.metadata.timezone) ? c.metadata.timezone : 'Asia/Shanghai';
    const out: Finding[] = [];
    c.coupons.forEach((k, i) => {
      if (k.channels?.couponId !== undefined) return;
      const { begin, end } = receiveWindow(c, ctx.times, tz, k);
      if (!begin || !end) return; // unresolved times are reported by their own rule
      const path = ['coupons', i, k.validTo !== undefined ? 'validTo' : 'id'];
      if (end.getTime() <= ctx.now.getTime()) {
        out.push(
          error(
            'E_CHANNELS_COUPON_WINDOW',
            path,
            `coupon ${k.id} can be received until ${formatLocal(end, tz)}, which is past; the store refuses it (10021071)`,
            'Move validTo (or the broadcast) into the future.',
            { kind: 'past', id: k.id, end: formatLocal(end, tz) },
          ),
        );
      } else if (end.getTime() <= begin.getTime()) {
        out.push(
          error(
            'E_CHANNELS_COUPON_WINDOW',
            path,
            `coupon ${k.id} can be received from ${formatLocal(begin, tz)} until ${formatLocal(end, tz)}: the window is empty`,
            'Make validTo later than validFrom and than the first wave that features it.',
            { kind: 'empty', id: k.id, begin: formatLocal(begin, tz), end: formatLocal(end, tz) },
          ),
        );
      } else if (end.getTime() - begin.getTime() > STORE_RECEIVE_SPAN_MAX_MS) {
        out.push(
          error(
            'E_CHANNELS_COUPON_WINDOW',
            path,
            `coupon ${k.id} can be received from ${formatLocal(begin, tz)} until ${formatLocal(end, tz)}, over the store's 365 days (10021077)`,
            'Shorten the window to at most 365 days.',
            { kind: 'long', id: k.id, begin: formatLocal(begin, tz), end: formatLocal(end, tz) },
          ),
        );
      }
    });
    return out;
  },
};
