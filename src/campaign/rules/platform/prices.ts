import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import type { Price } from '../../schema.js';
import type { Rule } from '../context.js';

/**
 * Prices are yuan with at most 2 decimal places (reference §5.1). Decimal places are judged on the
 * shortest text that round-trips the number, so 0.1 + 0.2 style artefacts never appear in YAML input.
 */
export function decimalPlaces(n: number): number {
  if (!Number.isFinite(n)) return 0;
  const s = String(n);
  const exp = /e-(\d+)$/.exec(s);
  if (exp) {
    const mantissa = s.slice(0, s.indexOf('e'));
    const frac = mantissa.split('.')[1]?.length ?? 0;
    return frac + Number(exp[1]);
  }
  return s.split('.')[1]?.length ?? 0;
}

type Path = (string | number)[];

function priceFields(price: Price): [string, number][] {
  switch (price.type) {
    case 'fixed':
      return [['amount', price.amount]];
    case 'range':
      return [
        ['min', price.min],
        ['max', price.max],
      ];
    case 'discount':
      return [
        ['original', price.original],
        ['now', price.now],
      ];
  }
}

/** The lowest price a buyer can pay for the product outside a group buy. */
export function lowestPrice(price: Price): number {
  switch (price.type) {
    case 'fixed':
      return price.amount;
    case 'range':
      return price.min;
    case 'discount':
      return price.now;
  }
}

export const moneyDecimals: Rule = {
  id: 'money-decimals',
  codes: ['E_PRICE_DECIMALS'],
  description: 'Every amount of money has at most 2 decimal places (yuan and fen).',
  check(ctx) {
    const out: Finding[] = [];
    const check = (path: Path, value: number) => {
      if (decimalPlaces(value) > 2) {
        out.push(
          error(
            'E_PRICE_DECIMALS',
            path,
            `${value} has ${decimalPlaces(value)} decimal places; amounts are yuan with at most 2 (fen)`,
            `Round it to 2 decimal places, e.g. ${Math.round(value * 100) / 100} (WeChat answers 300003 otherwise).`,
            { value, places: decimalPlaces(value), rounded: Math.round(value * 100) / 100 },
          ),
        );
      }
    };
    ctx.campaign.products.forEach((p, i) => {
      for (const [key, v] of priceFields(p.price)) check(['products', i, 'price', key], v);
      if (p.groupBuy) check(['products', i, 'groupBuy', 'price'], p.groupBuy.price);
    });
    ctx.campaign.coupons.forEach((k, i) => {
      check(['coupons', i, 'threshold'], k.threshold);
      check(['coupons', i, 'amount'], k.amount);
    });
    return out;
  },
};

export const discountBelowOriginal: Rule = {
  id: 'discount-below-original',
  codes: ['E_PRICE_DISCOUNT'],
  description: 'A discount price is lower than the original price.',
  check: (ctx) =>
    ctx.campaign.products.flatMap((p, i) =>
      p.price.type === 'discount' && !(p.price.now < p.price.original)
        ? [
            error(
              'E_PRICE_DISCOUNT',
              ['products', i, 'price', 'now'],
              `the discounted price ${p.price.now} is not below the original price ${p.price.original}`,
              'Set now lower than original, or use {type: fixed, amount} for a product without a discount (WeChat answers 300003).',
              { now: p.price.now, original: p.price.original },
            ),
          ]
        : [],
    ),
};

export const rangeMinBelowMax: Rule = {
  id: 'range-min-below-max',
  codes: ['E_PRICE_RANGE'],
  description: 'A price range has min below max.',
  check: (ctx) =>
    ctx.campaign.products.flatMap((p, i) =>
      p.price.type === 'range' && !(p.price.min < p.price.max)
        ? [
            error(
              'E_PRICE_RANGE',
              ['products', i, 'price', 'max'],
              `the price range ${p.price.min}–${p.price.max} is empty: max must be above min`,
              'Swap the two values, or use {type: fixed, amount} for a single price.',
              { min: p.price.min, max: p.price.max },
            ),
          ]
        : [],
    ),
};

export const groupBuyBelowPrice: Rule = {
  id: 'group-buy-below-price',
  codes: ['E_GROUP_BUY_PRICE'],
  description: "A group-buy price is below the product's own (lowest) price.",
  check: (ctx) =>
    ctx.campaign.products.flatMap((p, i) => {
      if (!p.groupBuy) return [];
      const low = lowestPrice(p.price);
      if (p.groupBuy.price < low) return [];
      return [
        error(
          'E_GROUP_BUY_PRICE',
          ['products', i, 'groupBuy', 'price'],
          `the group-buy price ${p.groupBuy.price} is not below the product's price ${low}`,
          'A group buy must be cheaper than buying alone; lower groupBuy.price.',
          { price: p.groupBuy.price, low },
        ),
      ];
    }),
};

export const couponBelowThreshold: Rule = {
  id: 'coupon-below-threshold',
  codes: ['E_COUPON_AMOUNT'],
  description: 'A coupon is worth something, and less than the spend it requires.',
  check: (ctx) =>
    ctx.campaign.coupons.flatMap((k, i) => {
      const path = ['coupons', i, 'amount'];
      if (k.amount <= 0) {
        return [
          error(
            'E_COUPON_AMOUNT',
            path,
            `coupon "${k.id}" is worth 0 yuan`,
            'Give the coupon an amount above 0.',
            { kind: 'zero', id: k.id },
          ),
        ];
      }
      if (k.threshold > 0 && k.amount >= k.threshold) {
        return [
          error(
            'E_COUPON_AMOUNT',
            path,
            `coupon "${k.id}" takes ${k.amount} off a spend of ${k.threshold}: the order would be free or negative`,
            'Lower the amount below the threshold, or set threshold: 0 for a no-minimum coupon.',
            { id: k.id, amount: k.amount, threshold: k.threshold },
          ),
        ];
      }
      return [];
    }),
};
