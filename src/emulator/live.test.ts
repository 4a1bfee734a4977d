import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, png, startHarness, T0 } from '../../test/support/emulator.js';

const sec = (d: Date) => Math.floor(d.getTime() / 1000);
const start = sec(T0) + 3600;

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ verifiedWechat: ['xiaomei_01'] });
});
afterEach(async () => {
  await h.emu.close();
});

async function room(overrides: Record<string, unknown> = {}) {
  const m = (await h.upload('/cgi-bin/media/upload', png(1080, 1920), { type: 'image' })).media_id as string;
  return h.post('/wxaapi/broadcast/room/create', {
    name: '女神节直播专场',
    coverImg: m,
    shareImg: m,
    feedsImg: m,
    startTime: start,
    endTime: start + 7200,
    anchorName: '小美主播',
    anchorWechat: 'xiaomei_01',
    type: 0,
    closeLike: 0,
    closeGoods: 0,
    closeComment: 0,
    ...overrides,
  });
}

describe('rooms', () => {
  it('creates a room whose success body carries only errcode and roomId', async () => {
    const r = await room();
    expect(r).toEqual({ errcode: 0, roomId: expect.any(Number) });
    const s = await h.state();
    expect(s.rooms[0]).toMatchObject({ roomId: r.roomId, liveStatus: 102, closeReplay: 1, isFeedsPublic: 1 });
  });

  it('moves live_status 102 → 101 → 103 with the emulator clock', async () => {
    const r = await room();
    const status = async () =>
      (await h.post('/wxa/business/getliveinfo', { start: 0, limit: 10 })).room_info[0].live_status;
    expect(await status()).toBe(102);
    await h.setClock((start + 1) * 1000);
    expect(await status()).toBe(101);
    await h.setClock((start + 7200) * 1000);
    await h.retoken();
    expect(await status()).toBe(103);
    expect(r.errcode).toBe(0);
  });

  it('refuses names by CJK width (one non-ASCII char = 2 units)', async () => {
    expect((await room({ name: '直播' })).errcode).toBe(300002); // 4 units < 6
    expect((await room({ name: '直播间' })).errcode).toBe(0); // 6 units
    expect((await room({ name: '直'.repeat(18) })).errcode).toBe(300002); // 36 > 34
    expect((await room({ anchorName: '美' })).errcode).toBe(300034);
  });

  it('answers 200002 for a start within 10 minutes, beyond 6 months, or a bad duration', async () => {
    const t = sec(T0);
    const msg = 'parameter startTime or endTime is invalid';
    for (const [s, e] of [
      [t + 600, t + 600 + 3600],
      [t + 200 * 86400, t + 200 * 86400 + 3600],
      [start, start + 29 * 60],
      [start, start + 25 * 3600],
    ]) {
      const r = await room({ startTime: s, endTime: e });
      expect(r.errcode).toBe(200002);
      expect(r.errmsg).toMatch(new RegExp(`^${msg} rid: [0-9a-f]+-[0-9a-f]+-[0-9a-f]+$`));
    }
    expect((await room({ startTime: start, endTime: start + 13 * 3600 })).errcode).toBe(0);
  });

  it('refuses more than 12 h in strict mode', async () => {
    await h.emu.close();
    h = await startHarness({ verifiedWechat: ['xiaomei_01'], strictDuration: true });
    expect((await room({ startTime: start, endTime: start + 13 * 3600 })).errcode).toBe(200002);
  });

  it('answers 300036 with qrcode_url for an unverified anchor; opening the url verifies', async () => {
    const r = await room({ anchorWechat: 'nobody_1' });
    expect(r.errcode).toBe(300036);
    expect(typeof r.qrcode_url).toBe('string');
    await fetch(r.qrcode_url);
    expect((await room({ anchorWechat: 'nobody_1' })).errcode).toBe(0);
  });

  it('answers 300006 for an expired media_id (3 days)', async () => {
    const m = (await h.upload('/cgi-bin/media/upload', png(100), { type: 'image' })).media_id;
    await h.setClock(T0.getTime() + 3 * 86_400_000);
    await h.retoken(); // the token expired too
    const t = sec(new Date(T0.getTime() + 3 * 86_400_000)) + 3600;
    const r = await room({ coverImg: m, startTime: t, endTime: t + 3600 });
    expect(r.errcode).toBe(300006);
  });

  it('answers 9410000 with empty lists when there are no rooms', async () => {
    const r = await h.post('/wxa/business/getliveinfo', { start: 0, limit: 10 });
    expect(r).toMatchObject({ errcode: 9410000, room_info: [], live_replay: [] });
  });

  it('serves the replay after the end when replay is on', async () => {
    const r = await room({ closeReplay: 0 });
    await h.setClock((start + 7200 + 601) * 1000);
    await h.retoken();
    const rep = await h.post('/wxa/business/getliveinfo', {
      action: 'get_replay',
      room_id: r.roomId,
      start: 0,
      limit: 10,
    });
    expect(rep.errcode).toBe(0);
    expect(rep.live_replay[0].media_url).toMatch(/m3u8$/);
    expect(typeof rep.live_replay[0].create_time).toBe('string');
  });

  it('serves getpushurl and getsharedcode by GET only', async () => {
    const r = await room();
    const push = await h.get('/wxaapi/broadcast/room/getpushurl', { roomId: String(r.roomId) });
    expect(push.pushAddr).toMatch(/^rtmp:\/\//);
    const code = await h.get('/wxaapi/broadcast/room/getsharedcode', {
      roomId: String(r.roomId),
      params: '{"a":1}',
    });
    expect(code).toMatchObject({ errcode: 0, pagePath: expect.stringContaining(`room_id=${r.roomId}`) });
    const noParams = await h.get('/wxaapi/broadcast/room/getsharedcode', { roomId: String(r.roomId) });
    expect(noParams.errcode).toBe(0);
    expect((await h.post(`/wxaapi/broadcast/room/getsharedcode?roomId=${r.roomId}`, {})).errcode).toBe(43001);
  });

  it('edits, deletes, and manages assistants and sub-anchors', async () => {
    const r = await room();
    const id = r.roomId;
    expect((await h.post('/wxaapi/broadcast/room/editroom', { id, name: '改名后的直播间' })).errcode).toBe(0);
    expect(
      (
        await h.post('/wxaapi/broadcast/room/addassistant', {
          roomId: id,
          users: [{ username: 'a1', nickname: 'A' }],
        })
      ).errcode,
    ).toBe(500002); // an unverified assistant is refused (the emulator reuses the sub-anchor's code)
    await h.admin('anchors/verify', { wechat: 'a1' });
    expect(
      (
        await h.post('/wxaapi/broadcast/room/addassistant', {
          roomId: id,
          users: [{ username: 'a1', nickname: 'A' }],
        })
      ).errcode,
    ).toBe(0);
    const list = await h.get('/wxaapi/broadcast/room/getassistantlist', { roomId: String(id) });
    expect(list).toMatchObject({ count: 1, maxCount: 10 });
    expect(
      (await h.post('/wxaapi/broadcast/room/addsubanchor', { roomId: id, username: 'xiaomei_01' })).errcode,
    ).toBe(500005);
    // An unverified sub-anchor is refused like an unverified anchor, on add and on modify.
    expect(
      (await h.post('/wxaapi/broadcast/room/addsubanchor', { roomId: id, username: 'sub_1' })).errcode,
    ).toBe(500002);
    await h.admin('anchors/verify', { wechat: 'sub_1' });
    expect(
      (await h.post('/wxaapi/broadcast/room/addsubanchor', { roomId: id, username: 'sub_1' })).errcode,
    ).toBe(0);
    expect(
      (await h.post('/wxaapi/broadcast/room/modifysubanchor', { roomId: id, username: 'sub_2' })).errcode,
    ).toBe(500002);
    expect((await h.get('/wxaapi/broadcast/room/getsubanchor', { roomId: String(id) })).username).toBe(
      'sub_1',
    );
    expect((await h.post('/wxaapi/broadcast/room/updatecomment', { id, banComment: 1 })).errcode).toBe(0);
    expect(
      (await h.post('/wxaapi/broadcast/room/updatereplay', { roomId: id, closeReplay: 0 })).errcode,
    ).toBe(0);
    expect((await h.post('/wxaapi/broadcast/room/deleteroom', { id })).errcode).toBe(0);
    expect((await h.post('/wxaapi/broadcast/room/deleteroom', { id })).errcode).toBe(300022);
  });
});

describe('push_message', () => {
  it('needs the room live (9410006) and allows one room a day (9410005)', async () => {
    const a = await room();
    const b = await room({ name: '第二场直播专场' });
    const body = (roomId: number) => ({ room_id: roomId, user_openid: ['o1', 'o2'] });
    expect((await h.post('/wxa/business/push_message', body(a.roomId))).errcode).toBe(9410006);
    await h.setClock((start + 60) * 1000);
    const ok = await h.post('/wxa/business/push_message', body(a.roomId));
    expect(ok).toMatchObject({ errcode: 0, message_id: expect.any(String) });
    expect((await h.post('/wxa/business/push_message', body(b.roomId))).errcode).toBe(9410005);
    const tooMany = { room_id: a.roomId, user_openid: Array.from({ length: 2001 }, (_, i) => `o${i}`) };
    expect((await h.post('/wxa/business/push_message', tooMany)).errcode).toBe(200002);
    const s = await h.state();
    expect(s.messages.filter((m: { kind: string }) => m.kind === 'followers-push')).toHaveLength(1);
  });

  it('lists followers added through the admin API', async () => {
    await h.admin('followers', { openids: ['o1', 'o2', 'o3'] });
    const p1 = await h.post('/wxa/business/get_wxa_followers', { limit: 2 });
    expect(p1.followers).toHaveLength(2);
    const p2 = await h.post('/wxa/business/get_wxa_followers', { limit: 2, page_break: p1.page_break });
    expect(p2.followers.map((f: { openid: string }) => f.openid)).toEqual(['o3']);
  });
});
