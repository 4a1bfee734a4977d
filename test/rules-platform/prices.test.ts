import { describe, expect, it } from 'vitest';
import { decimalPlaces } from '../../src/campaign/rules/platform/prices.js';
import { edit, expectHits, expectNone } from './harness.js';

describe('E_PRICE_DECIMALS', () => {
  it('counts decimal places of the number as written', () => {
    expect([129, 129.5, 129.55, 129.555, 0.001, 1e-7].map(decimalPlaces)).toEqual([0, 1, 2, 3, 3, 7]);
  });
  it('rejects 3 decimals in a price, a group-buy price and a coupon', async () => {
    let y = edit('now: 129.5 }', 'now: 129.555 }');
    y = edit('groupBuy: { size: 3, price: 59.9 }', 'groupBuy: { size: 3, price: 59.999 }', y);
    y = edit('threshold: 199, amount: 50,', 'threshold: 199.001, amount: 50,', y);
    await expectHits(y, 'E_PRICE_DECIMALS', [
      { path: ['products', 0, 'price', 'now'], needle: '129.555' },
      { path: ['products', 1, 'groupBuy', 'price'], needle: '59.999' },
      { path: ['coupons', 0, 'threshold'], needle: '199.001' },
    ]);
  });
  it('accepts 2 decimals', async () => {
    await expectNone(edit('now: 129.5 }', 'now: 129.55 }'), 'E_PRICE_DECIMALS');
  });
});

describe('E_PRICE_DISCOUNT', () => {
  it('rejects a discount price that is not below the original', async () => {
    const y = edit('now: 129.5 }', 'now: 199 }');
    await expectHits(y, 'E_PRICE_DISCOUNT', [
      { path: ['products', 0, 'price', 'now'], needle: 'now: 199 }', offset: 5 },
    ]);
  });
  it('accepts a discount just below the original', async () => {
    await expectNone(edit('now: 129.5 }', 'now: 198.99 }'), 'E_PRICE_DISCOUNT');
  });
});

describe('E_PRICE_RANGE', () => {
  it('rejects a range whose max is not above its min', async () => {
    const y = edit('min: 299, max: 499', 'min: 499, max: 299');
    await expectHits(y, 'E_PRICE_RANGE', [
      { path: ['products', 2, 'price', 'max'], needle: 'max: 299', offset: 5 },
    ]);
  });
  it('accepts min below max', async () => {
    await expectNone(edit('min: 299, max: 499', 'min: 299, max: 299.01'), 'E_PRICE_RANGE');
  });
});

describe('E_GROUP_BUY_PRICE', () => {
  it("rejects a group-buy price that is not below the product's price", async () => {
    const y = edit('price: 59.9 }', 'price: 89.9 }');
    await expectHits(y, 'E_GROUP_BUY_PRICE', [
      { path: ['products', 1, 'groupBuy', 'price'], needle: 'price: 89.9 }', offset: 7 },
    ]);
  });
  it('accepts a group-buy price below it', async () => {
    await expectNone(edit('price: 59.9 }', 'price: 89.89 }'), 'E_GROUP_BUY_PRICE');
  });
});

describe('E_COUPON_AMOUNT', () => {
  it('rejects a coupon worth its whole threshold, and one worth nothing', async () => {
    let y = edit('threshold: 199, amount: 50,', 'threshold: 199, amount: 199,');
    y = edit('threshold: 0, amount: 20,', 'threshold: 0, amount: 0,', y);
    await expectHits(y, 'E_COUPON_AMOUNT', [
      { path: ['coupons', 0, 'amount'], needle: 'amount: 199,', offset: 8 },
      { path: ['coupons', 1, 'amount'], needle: 'amount: 0,', offset: 8 },
    ]);
  });
  it('accepts an amount below the threshold, and any amount with no threshold', async () => {
    await expectNone(
      edit('threshold: 199, amount: 50,', 'threshold: 199, amount: 198.99,'),
      'E_COUPON_AMOUNT',
    );
  });
});
