import { afterEach, describe, expect, it } from 'vitest';
import { channelsState, MIN, reserve, SHOP, startChannels } from './support/channels.js';
import type { E2E, Json } from './support/workspace.js';

/**
 * What the 微信小店 refuses: a product its audit rejects (apply and status say why, plan asks a
 * person), and a coupon over the store's limits (refused before anything is sent, located in the
 * file). destroy then voids the coupon the campaign created and delists its product.
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

describe('the 微信小店 refuses', () => {
  it('a rejected product: apply fails it with the reason, status and plan show it; destroy voids and delists', async () => {
    e = await startChannels();
    await reserve(e);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const product = (await channelsState(e)).products[0].productId;
    await e.advance(10 * MIN);
    await e.admin(`channels/products/${product}/reject`, { reason: '主图含有水印' });

    const a2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.code).toBe(1);
    expect(a2.stdout).toMatch(
      new RegExp(
        `x store-product/longjing\\s+products\\[0\\] \\(longjing\\): the 微信小店 audit rejected product ${product}: 主图含有水印`,
      ),
    );
    expect(a2.stdout).toMatch(/hint: Fix what the reason names/);
    const st = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(st.channels.products[0]).toMatchObject({
      product: 'longjing',
      storeProductId: product,
      auditStatus: 'rejected',
      reason: '主图含有水印',
      listed: false,
      inShowcase: false,
    });
    const plan = await e.cli(['plan', 'campaign.yaml']);
    expect(plan.stdout).toMatch(
      /! store-product\/longjing\s+the 小店 refused product \d+ in audit: 主图含有水印/,
    );

    // destroy (before the broadcast): the coupon is voided, the rejected product delisted, nothing left.
    const gone = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(gone.code, gone.stdout).toBe(0);
    expect(gone.stdout).toMatch(/store-coupon\/grab-20\s+coupon \d+ voided/);
    const after = await channelsState(e);
    expect(after.coupons.map((c: Json) => c.status)).toEqual([4]);
    expect(after.window).toEqual([]);
  }, 120_000);

  it('a coupon over the limits: refused before anything is sent, located in the campaign file', async () => {
    e = await startChannels({ couponAmount: 250 });
    await reserve(e);
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.code).toBe(1);
    const out = a.stdout + a.stderr;
    expect(out).toMatch(/campaign\.yaml:\d+:\d+ error\[E_CHANNELS_[A-Z_]+\]/);
    expect(out).toMatch(/200/);
    expect(out).toContain('nothing applied');
    expect((await channelsState(e)).coupons).toEqual([]);
    expect((await channelsState(e)).products).toEqual([]);
  }, 120_000);

  it('a store not bound to the 视频号: the showcase fails with what a person binds; the audit quota out waits', async () => {
    e = await startChannels({ bound: false });
    await reserve(e);
    await e.admin('channels/quota', { shopAppId: SHOP, total: 0 });
    const a1 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a1.stdout).toMatch(
      /store-product\/longjing\s+added \(product \d+\), not submitted: the store's audit quota is used up/,
    );
    const plan = await e.cli(['plan', 'campaign.yaml']);
    expect(plan.stdout).toMatch(/\* store-product\/longjing\s+the 小店's audit quota is used up/);

    await e.admin('channels/quota', { shopAppId: SHOP, total: 1000 });
    const a2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.stdout).toMatch(/store-product\/longjing\s+submitted for audit/);
    await e.advance(40 * MIN);
    const a3 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a3.code).toBe(1);
    expect(a3.stdout).toMatch(
      /x showcase\/longjing\s+the 微信小店 is not bound to this 视频号 \(errcode 10022008\)/,
    );
    expect(a3.stdout).toMatch(/hint: Bind them in 视频号助手/);
  }, 120_000);
});
