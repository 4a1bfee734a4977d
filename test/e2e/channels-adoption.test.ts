import { afterEach, describe, expect, it } from 'vitest';
import { channelsState, reserve, startChannels } from './support/channels.js';
import type { E2E } from './support/workspace.js';

/**
 * product/add and coupon/create have no idempotency key. When their answer is lost after the store
 * made the object, apply finds it (out_product_id `lc-<campaign>-<id>`, coupon notes
 * `livectl:<campaign>/<id>`) and adopts it instead of making a second one.
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

describe('a lost answer of product/add or coupon/create', () => {
  it('adopts what the lost call made: one product, one coupon', async () => {
    e = await startChannels();
    await reserve(e);
    await e.admin('faults', { path: '/channels/ec/product/add', kind: 'drop-after-effect', times: 1 });
    await e.admin('faults', { path: '/channels/ec/coupon/create', kind: 'drop-after-effect', times: 1 });
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(a.stdout).toMatch(
      /store-product\/longjing\s+found the product an earlier attempt of this campaign added \(product \d+\) and adopted it/,
    );
    expect(a.stdout).toMatch(
      /store-coupon\/grab-20\s+found the coupon an earlier attempt of this campaign created/,
    );
    const st = await channelsState(e);
    expect(st.products).toHaveLength(1);
    expect(st.coupons).toHaveLength(1);
    // The adopted product went to audit like a fresh one.
    expect(st.products[0].editStatus).toBe(2);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    expect((await channelsState(e)).products).toHaveLength(1);
  }, 120_000);
});
