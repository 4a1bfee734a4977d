import { afterEach, describe, expect, it } from 'vitest';
import { channelsState, channelsYaml, MIN, reserve, SHOP, startChannels } from './support/channels.js';
import type { E2E, Json } from './support/workspace.js';

/** A listed store product whose price changes in the campaign: the draft is updated and sent to audit again. */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

describe('a changed store product', () => {
  it('update + listing: the new price goes online once the audit passes; the same product, no second one', async () => {
    e = await startChannels();
    await reserve(e);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await e.advance(40 * MIN);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);

    e.ws.writeCampaign(
      channelsYaml().replace('price: { type: fixed, amount: 168 }', 'price: { type: fixed, amount: 158 }'),
    );
    const plan = await e.cli(['plan', 'campaign.yaml']);
    expect(plan.stdout).toMatch(/~ store-product\/longjing\s+.*16800 → 15800.*sent to audit again/);
    await e.clearRequests();
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.code, a.stdout).toBe(0);
    expect(a.stdout).toMatch(/~ store-product\/longjing\s+updated, submitted for audit/);
    const paths = (await e.requests()).map((r) => r.path);
    expect(paths).toContain('/channels/ec/product/update');
    expect(paths).toContain('/channels/ec/product/listing');
    expect(paths).not.toContain('/channels/ec/product/add');

    await e.advance(40 * MIN);
    const after = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/store-product\/longjing\s+approved and listed/);
    expect(after.stdout).not.toMatch(/waiting on the 微信小店/);
    const st = await channelsState(e);
    expect(st.products).toHaveLength(1);
    expect(st.products[0].online.skus.map((s: Json) => s.sale_price)).toEqual([15800]);
    const again = await e.cli(['plan', 'campaign.yaml', '--format', 'json']);
    const change = JSON.parse(again.stdout).changes.find((c: Json) => c.address === 'store-product/longjing');
    expect(change.action).toBe('noop');
  }, 120_000);

  it("the store's audit quota used up: the listed product's update waits for it, then goes to audit", async () => {
    e = await startChannels();
    await reserve(e);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await e.advance(40 * MIN);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);

    e.ws.writeCampaign(
      channelsYaml().replace('price: { type: fixed, amount: 168 }', 'price: { type: fixed, amount: 158 }'),
    );
    await e.admin('channels/quota', { shopAppId: SHOP, total: 0 });
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.stdout).toMatch(
      /store-product\/longjing: skipped, updated; not submitted: the store's audit quota/,
    );
    // Still listed with the old price: the plan says the update waits, not that all is done.
    const plan = await e.cli(['plan', 'campaign.yaml']);
    expect(plan.stdout).toMatch(/\* store-product\/longjing\s+the 小店's audit quota is used up/);

    await e.admin('channels/quota', { shopAppId: SHOP, total: 1000 });
    const b = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(b.stdout).toMatch(/store-product\/longjing\s+submitted for audit/);
    await e.advance(40 * MIN);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const st = await channelsState(e);
    expect(st.products[0].online.skus.map((s: Json) => s.sale_price)).toEqual([15800]);
  }, 120_000);
});
