import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GoodsInfo, WeChatApiError } from '../../src/wechat/index.js';
import { type Contract, image, roomRequest, startContract } from './harness.js';

let c: Contract;
beforeEach(async () => {
  c = await startContract({ emulator: { audit: 'manual' } });
});
afterEach(async () => {
  await c.close();
});

async function goodsInfo(overrides: Partial<GoodsInfo> = {}): Promise<GoodsInfo> {
  const cover = await c.clients.miniProgram.uploadMedia('image', image(300));
  return {
    coverImgUrl: cover.mediaId,
    name: '玫瑰丝绒口红',
    priceType: 3,
    price: 199,
    price2: 129,
    url: 'pages/goods/detail?id=520',
    ...overrides,
  };
}

async function approvedGoods(): Promise<string> {
  const { goodsId } = await c.clients.miniProgram.goods.add(await goodsInfo());
  await c.admin('goods/approve', { goodsId: Number(goodsId) });
  return goodsId;
}

async function room(): Promise<number> {
  const mp = c.clients.miniProgram;
  const ids = await Promise.all(
    [image(1080, 1920), image(800, 640), image(800, 800)].map((f) => mp.uploadMedia('image', f)),
  );
  const { roomId } = await mp.rooms.create(
    roomRequest({ coverImg: ids[0]!.mediaId, shareImg: ids[1]!.mediaId, feedsImg: ids[2]!.mediaId }),
  );
  return roomId;
}

describe('goods library', () => {
  it('adds goods inside the goodsInfo wrapper; ids come back as strings', async () => {
    const added = await c.clients.miniProgram.goods.add(await goodsInfo());
    expect(added.goodsId).toMatch(/^\d+$/);
    expect(added.auditId).toMatch(/^\d+$/);
    const req = (await c.requests()).find((r) => r.path === '/wxaapi/broadcast/goods/add')!;
    expect(req.body.goodsInfo).toMatchObject({ name: '玫瑰丝绒口红', priceType: 3 });
  });

  it('withdraws, resubmits, updates and deletes', async () => {
    const goods = c.clients.miniProgram.goods;
    const { goodsId, auditId } = await goods.add(await goodsInfo());
    await goods.resetAudit(goodsId, auditId);
    await goods.update(goodsId, { name: '玫瑰丝绒口红礼盒' });
    const again = await goods.audit(goodsId);
    expect(again.auditId).not.toBe(auditId);
    // In audit: cannot be updated, and the hint says so in plain words.
    const err = (await goods
      .update(goodsId, { price: 99, price2: 59 })
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(300010);
    expect(err.hint).toMatch(/in audit/);
    await c.admin('goods/approve', { goodsId: Number(goodsId) });
    await goods.update(goodsId, { priceType: 1, price: 99 });
    const [row] = await goods.getWarehouse([goodsId]);
    expect(row).toMatchObject({ goodsId, auditStatus: 2, priceType: 1, price: 99, name: '玫瑰丝绒口红礼盒' });
    await goods.delete(goodsId);
  });

  it('chunks getgoodswarehouse into calls of at most 20 ids', async () => {
    const goods = c.clients.miniProgram.goods;
    const info = await goodsInfo();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await goods.add({ ...info, name: `口红礼盒第${i}号` })).goodsId);
    const rows = await goods.getWarehouse(ids);
    expect(rows.map((r) => r.goodsId)).toEqual(ids);
    expect(rows[0]).toMatchObject({ auditStatus: 1, coverImgUrl: expect.any(String) });
    const calls = (await c.requests()).filter((r) => r.path === '/wxa/business/getgoodswarehouse');
    expect(calls.map((r) => r.body.goods_ids.length)).toEqual([20, 5]);
  });

  it('lists approved goods by GET, paging', async () => {
    const goods = c.clients.miniProgram.goods;
    const a = await approvedGoods();
    const b = await approvedGoods();
    const page = await goods.getApproved({ status: 2, limit: 1 });
    expect(page.total).toBe(2);
    expect(page.goods).toHaveLength(1);
    const all = await goods.getApprovedAll(2);
    expect(all.map((g) => g.goodsId).sort()).toEqual([a, b].sort());
    expect(all[0]).toMatchObject({
      goodsId: expect.any(String),
      coverImgUrl: expect.any(String),
      priceType: 3,
    });
    const calls = (await c.requests()).filter((r) => r.path.endsWith('/goods/getapproved'));
    expect(calls.every((r) => r.method === 'GET')).toBe(true);
  });

  it('reports an expired media id (3 days) as 300006 with a re-upload hint', async () => {
    const info = await goodsInfo();
    await c.advance(3 * 24 * 3600_000 + 1000);
    const err = (await c.clients.miniProgram.goods.add(info).catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.errcode).toBe(300006);
    expect(err.hint).toMatch(/expired media id/);
    expect(err.retryable).toBe(false);
  });

  it('refuses a cover larger than 300 px (300018)', async () => {
    const big = await c.clients.miniProgram.uploadMedia('image', image(600));
    const err = (await c.clients.miniProgram.goods
      .add(await goodsInfo({ coverImgUrl: big.mediaId }))
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(300018);
    expect(err.hint).toMatch(/300×300/);
  });
});

describe('goods in a room', () => {
  it('imports, shelves, sorts, pushes while live, removes and fetches the video after the end', async () => {
    const mp = c.clients.miniProgram;
    const roomId = await room();
    const g1 = await approvedGoods();
    const g2 = await approvedGoods();
    await mp.rooms.addGoods(roomId, [g1, g2]);
    expect((await mp.rooms.list()).rooms[0]!.goods.map((g) => g.goodsId)).toEqual([g1, g2]);

    await mp.goods.sort(roomId, [g2, g1]);
    expect((await mp.rooms.list()).rooms[0]!.goods.map((g) => g.goodsId)).toEqual([g2, g1]);
    const sortBody = (await c.requests()).find((r) => r.path.endsWith('/goods/sort'))!.body;
    expect(sortBody).toEqual({ roomId, goods: [{ goodsId: Number(g2) }, { goodsId: Number(g1) }] });

    await mp.goods.onSale(roomId, g1, 0);
    const notLive = (await mp.goods.push(roomId, g2).catch((e: unknown) => e)) as WeChatApiError;
    expect(notLive.errcode).toBe(300023);

    await c.setClock(new Date((roomRequest().startTime + 60) * 1000));
    await mp.goods.push(roomId, g2);
    const offShelf = (await mp.goods.push(roomId, g1).catch((e: unknown) => e)) as WeChatApiError;
    expect(offShelf.errcode).toBe(300052);
    await mp.goods.deleteInRoom(roomId, g1);

    const early = (await mp.goods.getVideo(roomId, g2).catch((e: unknown) => e)) as WeChatApiError;
    expect(early.errcode).toBe(300045);
    expect(early.hintKind).toBe('wait');
    await c.setClock(new Date((roomRequest().endTime + 60) * 1000));
    expect((await mp.goods.getVideo(roomId, g2)).url).toMatch(/^http/);
  });

  it('refuses goods that are not approved yet (300025)', async () => {
    const roomId = await room();
    const { goodsId } = await c.clients.miniProgram.goods.add(await goodsInfo());
    const err = (await c.clients.miniProgram.rooms
      .addGoods(roomId, [goodsId])
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(300025);
    expect(err.hintKind).toBe('wait');
  });
});
