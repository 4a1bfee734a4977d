import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, png, startHarness, T0 } from '../../test/support/emulator.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ audit: 'manual' });
});
afterEach(async () => {
  await h.emu.close();
});

async function cover(size = 300) {
  return (await h.upload('/cgi-bin/media/upload', png(size), { type: 'image' })).media_id as string;
}

async function add(info: Record<string, unknown> = {}) {
  return h.post('/wxaapi/broadcast/goods/add', {
    goodsInfo: {
      coverImgUrl: await cover(),
      name: '玫瑰丝绒口红',
      priceType: 1,
      price: 129,
      url: 'pages/goods/detail?id=520',
      ...info,
    },
  });
}

describe('goods library', () => {
  it('refuses a flat body (no goodsInfo wrapper) with 200002', async () => {
    const r = await h.post('/wxaapi/broadcast/goods/add', {
      coverImgUrl: await cover(),
      name: '玫瑰丝绒口红',
      priceType: 1,
      price: 1,
      url: 'pages/a',
    });
    expect(r.errcode).toBe(200002);
    expect(r.errmsg).toMatch(/^goodsInfo must not be empty rid: /);
  });

  it('adds, returns goodsId and an auditId above 2^31, and enters audit', async () => {
    const r = await add();
    expect(r).toMatchObject({ errcode: 0, goodsId: expect.any(Number) });
    expect(r.auditId).toBeGreaterThan(2 ** 31);
    expect((await h.state()).goods[0]).toMatchObject({ goodsId: r.goodsId, auditStatus: 1 });
  });

  it('checks width, prices and image size', async () => {
    expect((await add({ name: '口'.repeat(15) })).errcode).toBe(300002);
    expect((await add({ price: 12.345 })).errcode).toBe(300003);
    expect((await add({ price: '129' })).errcode).toBe(300003);
    expect((await add({ priceType: 2, price: 100, price2: 50 })).errcode).toBe(300003);
    expect((await add({ priceType: 3, price: 199, price2: 129 })).errcode).toBe(0);
    expect((await add({ coverImgUrl: await cover(301) })).errcode).toBe(300018);
    expect((await add({ url: '' })).errcode).toBe(200002);
  });

  it('runs the audit by admin API in manual mode; approved goods change only prices', async () => {
    const r = await add();
    expect((await h.admin('goods/approve', { goodsId: r.goodsId })).ok).toBe(true);
    const upd = (info: Record<string, unknown>) =>
      h.post('/wxaapi/broadcast/goods/update', { goodsInfo: { goodsId: r.goodsId, ...info } });
    expect((await upd({ price: 99.9 })).errcode).toBe(0);
    expect((await upd({ name: '新名字的口红' })).errcode).toBe(300010);
    const b = await add({ name: '另一支口红' });
    await h.admin('goods/reject', { goodsId: b.goodsId, reason: 'blurry' });
    expect((await h.state()).goods[1]).toMatchObject({ auditStatus: 3, rejectReason: 'blurry' });
    expect((await h.post('/wxaapi/broadcast/goods/audit', { goodsId: b.goodsId })).auditId).toBeGreaterThan(
      2 ** 31,
    );
  });

  it('answers snake_case in getgoodswarehouse (≤20 ids) and camelCase in getapproved (GET only)', async () => {
    const r = await add();
    await h.admin('goods/approve', { goodsId: r.goodsId });
    const wh = await h.post('/wxa/business/getgoodswarehouse', { goods_ids: [r.goodsId] });
    expect(wh.goods[0]).toMatchObject({ goods_id: r.goodsId, audit_status: 2, price_type: 1, price: 129 });
    expect(
      (
        await h.post('/wxa/business/getgoodswarehouse', {
          goods_ids: Array.from({ length: 21 }, (_, i) => i),
        })
      ).errcode,
    ).toBe(200002);
    const ap = await h.get('/wxaapi/broadcast/goods/getapproved', { offset: '0', limit: '30', status: '2' });
    expect(ap).toMatchObject({ errcode: 0, total: 1 });
    expect(ap.goods[0]).toMatchObject({ goodsId: r.goodsId, priceType: 1, thirdPartyTag: 2 });
    expect((await h.post('/wxaapi/broadcast/goods/getapproved?offset=0&status=2', {})).errcode).toBe(43001);
  });

  it('approves automatically after the emulator-time delay, and rejects names matching the rule', async () => {
    await h.emu.close();
    h = await startHarness({ audit: 'auto', auditDelayMs: 60_000 });
    const a = await add();
    const b = await add({ name: '违禁品口红' });
    const status = async () => (await h.state()).goods.map((g: { auditStatus: number }) => g.auditStatus);
    expect(await status()).toEqual([1, 1]);
    await h.setClock(T0.getTime() + 60_000);
    expect(await status()).toEqual([2, 3]);
    expect(a.errcode + b.errcode).toBe(0);
  });

  it('withdraws an audit and deletes goods', async () => {
    const r = await add();
    expect((await h.post('/wxaapi/broadcast/goods/delete', { goodsId: r.goodsId })).errcode).toBe(300014);
    expect(
      (await h.post('/wxaapi/broadcast/goods/resetaudit', { goodsId: r.goodsId, auditId: r.auditId }))
        .errcode,
    ).toBe(0);
    expect((await h.post('/wxaapi/broadcast/goods/delete', { goodsId: r.goodsId })).errcode).toBe(0);
  });

  it('counts add + audit against 500 a day (300012)', async () => {
    const m = await cover();
    const body = {
      goodsInfo: { coverImgUrl: m, name: '玫瑰丝绒口红', priceType: 1, price: 1, url: 'pages/a' },
    };
    const results = [];
    for (let i = 0; i < 501; i++) results.push((await h.post('/wxaapi/broadcast/goods/add', body)).errcode);
    expect(results.slice(0, 500).every((c) => c === 0)).toBe(true);
    expect(results[500]).toBe(300012);
    expect(Object.values((await h.state()).quotas)).toContain(500);
  });
});

describe('mini-program codes and subscribe messages', () => {
  it('returns image bytes with an image content type, JSON on error', async () => {
    const res = await fetch(`${h.emu.url}/wxa/getwxacodeunlimit?access_token=${h.token}`, {
      method: 'POST',
      body: JSON.stringify({ scene: 'r=1&c=warmup', page: 'pages/live/index', width: 280 }),
    });
    expect(res.headers.get('content-type')).toBe('image/png');
    const buf = Buffer.from(await res.arrayBuffer());
    expect(buf.readUInt32BE(16)).toBe(280);
    const bad = await fetch(`${h.emu.url}/wxa/getwxacodeunlimit?access_token=${h.token}`, {
      method: 'POST',
      body: JSON.stringify({ scene: 'x'.repeat(33) }),
    });
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await bad.json()) as { errcode: number }).errcode).toBe(40169);
    expect((await h.post('/wxa/getwxacodeunlimit', { scene: '中文' })).errcode).toBe(40129);
    expect((await h.post('/wxa/getwxacodeunlimit', { scene: 'a', page: '/pages/x' })).errcode).toBe(41030);
    const code = await fetch(`${h.emu.url}/wxa/getwxacode?access_token=${h.token}`, {
      method: 'POST',
      body: JSON.stringify({ path: 'pages/live/index?room=1' }),
    });
    expect(code.headers.get('content-type')).toBe('image/png');
  });

  it('checks value rules per key prefix and answers 43101 for unsubscribed users', async () => {
    const send = (data: Record<string, string>, touser = 'o1') =>
      h.post('/cgi-bin/message/subscribe/send', {
        touser,
        template_id: 'tpl',
        page: 'pages/live/index?room=1',
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])),
      });
    expect(
      (await send({ thing1: '女神节直播', time2: '2027-03-08 20:00', phrase3: '即将开始' })).errcode,
    ).toBe(0);
    const bad = await send({ phrase3: 'soon' });
    expect(bad).toMatchObject({ errcode: 47003 });
    expect(bad.errmsg).toMatch(/data\.phrase3\.value invalid/);
    expect((await send({ thing1: '' })).errmsg).toMatch(/data\.thing1\.value is emtpy/);
    expect((await send({ thing1: '一'.repeat(21) })).errcode).toBe(47003);
    await h.admin('subscribers/unsubscribe', { openid: 'o2' });
    expect((await send({ thing1: 'hi' }, 'o2')).errcode).toBe(43101);
    const s = await h.state();
    expect(s.messages.filter((m: { kind: string }) => m.kind === 'subscribe')).toHaveLength(1);
  });
});
