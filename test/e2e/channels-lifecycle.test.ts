import { afterEach, describe, expect, it } from 'vitest';
import {
  channelsState,
  channelsYaml,
  existingProduct,
  FINDER,
  MIN,
  reserve,
  START,
  startChannels,
} from './support/channels.js';
import type { E2E, Json } from './support/workspace.js';

/**
 * A 视频号 + 微信小店 campaign through the CLI against the emulator: the reservation made (by a person)
 * before apply → apply records it, adds the product (audit), uses the existing one, creates the
 * coupon, makes the live page's codes → apply again writes nothing → the audit passes → apply puts
 * the product in the showcase → dispatch sends the first wave with a card for the live page → the
 * broadcast runs and ends → status --refresh reads the dashboard → destroy delists and voids what
 * the campaign made and leaves the existing product alone.
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const storeWrites = async (x: E2E) =>
  (await x.requests()).filter(
    (r) =>
      r.method === 'POST' &&
      /^\/channels\/ec\/(product\/(add|update|listing|delisting|delete)|coupon\/(create|update_status)|window\/product\/(add|off)|basics\/img\/upload)/.test(
        r.path,
      ),
  );

describe('platform: channels, from apply to destroy', () => {
  it('records the reservation, sells through the 小店, reminds with the live page, reads the dashboard, cleans up', async () => {
    e = await startChannels();
    Object.assign(e.env, { LIVECTL_WECOM_SECRET: 'e2e-wecom-secret-1234567' });
    const existing = await existingProduct(e);
    e.ws.writeCampaign(channelsYaml({ existingProductId: existing }));
    const noticeId = await reserve(e);
    await e.clearRequests();

    const a1 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a1.stderr).toBe('');
    expect(a1.code, a1.stdout).toBe(0);
    expect(a1.stdout).toMatch(
      new RegExp(`\\+ reservation\\s+found reservation ${noticeId} for 2027-03-20 19:30`),
    );
    expect(a1.stdout).toMatch(/\+ store-product\/longjing\s+added \(product \d+\), submitted for audit/);
    expect(a1.stdout).toMatch(
      new RegExp(`store-product/biluochun\\s+existing product ${existing} checked \\(listed\\)`),
    );
    expect(a1.stdout).toMatch(/showcase\/longjing: skipped, waiting on the store's audit/);
    expect(a1.stdout).toMatch(/\+ store-coupon\/grab-20\s+coupon \d+ created/);
    expect(a1.stdout).toContain("1 product waiting on the 微信小店's audit");
    // The codes open the live page with the wave (no room on 视频号); no mini-program live API is called.
    const requests = await e.requests();
    const codes = requests.filter((r) => r.path === '/wxa/getwxacodeunlimit');
    expect(codes.map((r) => r.body.scene).sort()).toEqual(['w=feedback', 'w=t-30m', 'w=t-3d']);
    for (const r of codes) expect(r.body).toMatchObject({ page: 'pages/live/entry', check_path: true });
    expect(requests.filter((r) => String(r.path).startsWith('/wxaapi/broadcast'))).toEqual([]);
    // product/add carried the campaign's out_product_id, the uploaded images and the price in fen.
    const add = requests.find((r) => r.path === '/channels/ec/product/add')!.body;
    expect(add).toMatchObject({
      out_product_id: 'lc-spring-tea-longjing',
      title: '明前龙井250克',
      deliver_method: 1,
      cats_v2: [{ cat_id: '2001' }, { cat_id: '2002' }, { cat_id: '2003' }],
    });
    expect(add.head_imgs).toHaveLength(3);
    for (const u of add.head_imgs) expect(u).toMatch(/^https:\/\/mmecimage\.cn\/p\//);
    expect(add.skus[0]).toMatchObject({ sale_price: 16800, market_price: 16800, stock_num: 100 });
    const coupon = requests.find((r) => r.path === '/channels/ec/coupon/create')!.body;
    expect(coupon).toMatchObject({
      type: 102,
      name: '直播立减券',
      discount_info: { discount_fee: 2000, discount_condition: { product_price: 9900 } },
      auto_valid_info: { auto_valid_type: 1 },
      ext_info: { notes: 'livectl:spring-tea/grab-20' },
    });

    // Nothing changed: nothing is written to the store again.
    await e.clearRequests();
    const a2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.code, a2.stdout).toBe(0);
    expect(await storeWrites(e)).toEqual([]);

    // The audit passes (the emulator decides 30 minutes after the listing): into the showcase.
    await e.advance(40 * MIN);
    const a3 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a3.code, a3.stdout).toBe(0);
    expect(a3.stdout).toMatch(/store-product\/longjing\s+approved and listed/);
    expect(a3.stdout).toMatch(/\+ showcase\/longjing\s+put in the 视频号 showcase/);
    let st = await channelsState(e);
    expect(st.window.map((w: Json) => w.productId).sort()).toEqual(
      st.products.map((p: Json) => p.productId).sort(),
    );

    // The first wave goes out with a card that opens the live page for the wave.
    await e.setClock(new Date('2027-03-17T02:00:00Z'));
    const d = await e.cli(['dispatch', '--format', 'json']);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    expect(JSON.parse(d.stdout)).toMatchObject({ sent: 1, failed: 0 });
    const task = (await e.state()).tasks.find((t: Json) => t.kind === 'groupmsg');
    const card = task.attachments.find((a: Json) => a.msgtype === 'miniprogram');
    expect(card.miniprogram.page).toMatch(/^pages\/live\/entry\?(.*&)?w=t-3d(&|$)/);

    // The broadcast: live now, then ended with the dashboard's figures.
    await e.setClock(START);
    const live = await e.admin('channels/lives', { finderUserName: FINDER, description: '春茶上新直播' });
    const during = JSON.parse(
      (await e.cli(['status', 'campaign.yaml', '--refresh', '--format', 'json'])).stdout,
    );
    expect(during.channels.live).toMatchObject({ live: true, exportId: live.exportId });
    await e.advance(90 * MIN);
    await e.admin(`channels/lives/${encodeURIComponent(live.exportId)}/end`, {
      viewers: 1200,
      likes: 3000,
      orders: 37,
      gmv: 623400,
    });
    const after = await e.cli(['status', 'campaign.yaml', '--refresh', '--format', 'json']);
    const s = JSON.parse(after.stdout);
    expect(s.channels.live).toMatchObject({
      live: false,
      exportId: live.exportId,
      dashboard: { viewers: 1200, likes: 3000, orders: 37, gmv: 6234 },
    });
    expect(s.channels.reservation).toMatchObject({ noticeId, statusText: 'used' });
    expect(s.channels.products.map((p: Json) => [p.product, p.listed, p.inShowcase])).toEqual([
      ['longjing', true, true],
      ['biluochun', true, true],
    ]);
    const text = await e.cli(['status', 'campaign.yaml']);
    expect(text.stdout).toMatch(/Broadcast {2}ended/);
    expect(text.stdout).toMatch(/1200 viewers · .* · 3000 likes · .* · 37 orders · GMV ¥6234\.00/);

    // destroy: ours delisted and voided, the existing product left listed, the reservation a person's.
    const before = await channelsState(e);
    const ours = before.products.find((p: Json) => p.productId !== existing).productId;
    const gone = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(gone.code, gone.stdout).toBe(0);
    expect(gone.stdout).toMatch(/reservation \(notice \d+\)\s+no API cancels a 视频号 reservation/);
    expect(gone.stdout).toMatch(
      new RegExp(`store-product/biluochun \\(product ${existing}\\)\\s+an existing product`),
    );
    st = await channelsState(e);
    const byId = (id: string) => st.products.find((p: Json) => p.productId === id);
    expect(byId(existing).status).toBe(5);
    expect(byId(ours).status).toBe(11);
    // The coupon's receive window closed with the broadcast: expired, nothing left to void.
    expect(st.coupons.map((c: Json) => c.status)).toEqual([3]);
    expect(gone.stdout).toMatch(/forgotten by the state store/);
  }, 120_000);
});
