import { afterEach, describe, expect, it } from 'vitest';
import {
  ASSISTANT,
  apiError,
  type ChannelsContract,
  FINDER,
  headImages,
  productSpec,
  SHOP,
  startChannels,
  T0,
} from './channels-harness.js';

let c: ChannelsContract;
afterEach(async () => {
  await c.close();
});

const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

describe('live reservations and records', () => {
  it('lists the notices a person made (start_time sent as a string), cancelled ones included', async () => {
    c = await startChannels();
    const finder = c.clients.finder;
    expect(await finder.listNotices()).toEqual([]);
    const { noticeId } = await c.admin('channels/notices', {
      finderUserName: FINDER,
      startTime: at(48 * HOUR),
      description: '女神节直播专场',
    });
    expect(noticeId).toMatch(/^\d+$/);
    const [n] = await finder.listNotices();
    expect(n).toMatchObject({
      noticeId,
      status: 0,
      startTime: at(48 * HOUR),
      startTimeSec: Math.floor(T0.getTime() / 1000) + 48 * 3600,
      description: '女神节直播专场',
      nickname: '小美的直播间',
    });
    const wire = await c.raw(
      '/channels/ec/finderlive/getfinderlivenoticerecordlist',
      {},
      await finder.tokens.getToken(),
    );
    expect(typeof wire.live_notice_list[0].start_time).toBe('string');
    await c.admin(`channels/notices/${noticeId}/cancel`, {});
    expect((await finder.listNotices())[0]?.status).toBe(1);
    expect(await finder.finderAttr()).toEqual({ uniqId: FINDER, nickname: '小美的直播间', fansCount: 1234 });
  });

  it('shows a live record only while the broadcast is live, and uses the notice it starts near', async () => {
    c = await startChannels();
    const finder = c.clients.finder;
    const { noticeId } = await c.admin('channels/notices', {
      finderUserName: FINDER,
      startTime: at(2 * HOUR),
      description: '女神节直播专场',
    });
    expect(await finder.listLiveRecords()).toEqual([]);
    await c.advance(2 * HOUR + 5 * MINUTE);
    const { exportId } = await c.admin('channels/lives', {
      finderUserName: FINDER,
      description: '女神节直播专场',
    });
    expect(await finder.listLiveRecords()).toEqual([
      expect.objectContaining({ exportId, description: '女神节直播专场' }),
    ]);
    expect((await finder.listNotices()).find((n) => n.noticeId === noticeId)?.status).toBe(2);
    await c.advance(2 * HOUR);
    await c.admin(`channels/lives/${encodeURIComponent(exportId)}/end`, {
      viewers: 1000,
      likes: 250,
      orders: 40,
      gmv: 516_000,
    });
    expect(await finder.listLiveRecords()).toEqual([]);
  });
});

describe('live dashboard', () => {
  it('lists e-commerce broadcasts of a day and reads like rate and sales, on air then ended', async () => {
    c = await startChannels();
    const finder = c.clients.finder;
    const { exportId } = await c.admin('channels/lives', {
      finderUserName: FINDER,
      description: '女神节直播专场',
      viewers: 100,
      likes: 10,
    });
    // One broadcast at a time per 视频号.
    expect((await c.adminRaw('channels/lives', { finderUserName: FINDER, description: 'x' })).status).toBe(
      409,
    );
    const day = await finder.liveList(T0);
    expect(day).toMatchObject({ items: [{ exportId, createTime: T0.toISOString() }], hasMore: false });
    const on = await finder.liveData(exportId);
    expect(on).toMatchObject({ living: true, likeRate: { value: 1000, n: 10 } });

    await c.advance(2 * HOUR);
    await c.admin(`channels/lives/${encodeURIComponent(exportId)}/end`, {
      viewers: 1000,
      likes: 250,
      orders: 40,
      gmv: 516_000,
    });
    const ended = await finder.liveData(exportId);
    expect(ended).toMatchObject({
      living: false,
      likeRate: { value: 2500 },
      durationSec: 7200,
      startTime: T0.toISOString(),
      ec: { totalGmv: 516_000, totalPayPv: 40, cumulativeAudienceCount: 1000 },
      summary: { newWatchUv: 1000 },
    });
    expect(ended.raw).toHaveProperty('liveComparisonIndex.ended');
    // The likes in all only after the end, by the end's time.
    const finished = await finder.liveDataList({ start: at(HOUR), end: at(3 * HOUR) });
    expect(finished).toMatchObject({
      items: [
        {
          exportId,
          totalCheerCount: 250,
          totalAudienceCount: 1000,
          durationSec: 7200,
          startTime: T0.toISOString(),
        },
      ],
      lastBuffer: '',
      continueFlag: false,
    });
    expect((await finder.liveDataList({ end: at(HOUR) })).items).toEqual([]);

    // Only e-commerce broadcasts, only that day, and nothing before 2024-01-01.
    const other = await c.admin('channels/lives', {
      finderUserName: FINDER,
      description: '聊天',
      ecommerce: false,
    });
    expect((await finder.liveList(T0)).items.map((i) => i.exportId)).toEqual([exportId]);
    expect((await apiError(finder.liveData(other.exportId))).errcode).toBe(1);
    expect((await finder.liveList(20270302)).items).toEqual([]);
    const early = await apiError(finder.liveList(20231231));
    expect(early.errcode).toBe(5);
    expect(early.hint).toMatch(/2024-01-01/);
  });

  it('answers 48001 with the open-scene hint while a capability is switched off', async () => {
    c = await startChannels();
    const finder = c.clients.finder;
    await c.admin('channels/switches', { assistantAppId: ASSISTANT, liveEcData: false });
    const e = await apiError(finder.liveList(T0));
    expect(e.errcode).toBe(48001);
    expect(e.hint).toMatch(/开放场景/);
    expect(e.hintKind).toBe('config');
    await finder.listNotices();
    await c.admin('channels/switches', { assistantAppId: ASSISTANT, liveEcData: true, live: false });
    await finder.liveList(T0);
    expect((await apiError(finder.listNotices())).errcode).toBe(48001);
  });
});

describe('showcase (橱窗)', () => {
  it('refuses a store that is not bound to the 视频号 (10022008) until the admin binds it', async () => {
    c = await startChannels({ bound: false });
    const { store, finder } = c.clients;
    const { productId } = await store.addProduct(productSpec(await headImages(c)));
    const e = await apiError(finder.addWindowProduct({ productId, appid: SHOP }));
    expect(e.errcode).toBe(10022008);
    expect(e.hintKind).toBe('human');
    expect(e.hint).toMatch(/bind/);
    await c.admin('channels/bind', { finderUserName: FINDER, shopAppId: SHOP });
    await finder.addWindowProduct({ productId, appid: SHOP });
    expect((await finder.getWindowProduct({ productId, appid: SHOP })).status).toBe(2);
  });

  it('adds, reads (status follows the store), pages by last_buffer and treats off as a no-op', async () => {
    c = await startChannels();
    const { store, finder } = c.clients;
    const imgs = await headImages(c);
    const ids: string[] = [];
    for (const suffix of ['a', 'b', 'c']) {
      const { productId } = await store.addProduct(productSpec(imgs, { outProductId: `lc-x-${suffix}` }));
      await store.listing(productId);
      ids.push(productId);
    }
    await c.advance(5 * MINUTE);
    for (const productId of ids) await finder.addWindowProduct({ productId, appid: SHOP });
    const got = await finder.getWindowProduct({ productId: ids[0]!, appid: SHOP });
    expect(got).toMatchObject({
      productId: ids[0],
      appid: SHOP,
      outProductId: 'lc-x-a',
      status: 1,
      sellingPrice: 12900,
      marketPrice: 19900,
      isHideForWindow: false,
    });
    const p1 = await finder.listWindowProducts({ pageSize: 2 });
    expect(p1.products.map((p) => p.productId)).toEqual(ids.slice(0, 2));
    expect(p1.totalNum).toBe(3);
    const p2 = await finder.listWindowProducts({ pageSize: 2, lastBuffer: p1.lastBuffer });
    expect(p2).toMatchObject({ products: [{ productId: ids[2], outProductId: 'lc-x-c' }], lastBuffer: '' });

    await finder.offWindowProduct({ productId: ids[0]!, appid: SHOP });
    expect((await finder.listWindowProducts()).products).toHaveLength(3);
    await store.delisting(ids[0]!);
    expect((await finder.getWindowProduct({ productId: ids[0]!, appid: SHOP })).status).toBe(2);
    await store.deleteProduct(ids[0]!);
    expect((await finder.listWindowProducts()).products).toHaveLength(2);
    expect((await apiError(finder.getWindowProduct({ productId: ids[0]!, appid: SHOP }))).errcode).toBe(
      10022003,
    );
  });
});

describe('faults and the request log', () => {
  it('retries a busy read and injects errcodes on the new routes like on the old ones', async () => {
    c = await startChannels();
    await c.fault({ path: '/channels/ec/finderlive/*', kind: 'errcode', errcode: -1, times: 1 });
    expect(await c.clients.finder.listLiveRecords()).toEqual([]);
    const tries = (await c.requests()).filter((r) => r.path.startsWith('/channels/ec/finderlive/'));
    expect(tries.map((r) => r.errcode)).toEqual([-1, 0]);
    expect(JSON.stringify(tries)).not.toMatch(/EMU_/);
    await c.fault({ path: '/channels/ec/window/product/add', kind: 'errcode', errcode: 10022002, times: 1 });
    const e = await apiError(c.clients.finder.addWindowProduct({ productId: '10000000000001', appid: SHOP }));
    expect(e.errcode).toBe(10022002);
  });
});
