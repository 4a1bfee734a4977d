import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WeChatApiError } from '../../src/wechat/index.js';
import { type Contract, image, roomRequest, startContract, T0 } from './harness.js';

let c: Contract;
beforeEach(async () => {
  c = await startContract();
});
afterEach(async () => {
  await c.close();
});

async function media() {
  const mp = c.clients.miniProgram;
  const cover = await mp.uploadMedia('image', image(1080, 1920));
  const share = await mp.uploadMedia('image', image(800, 640));
  const feeds = await mp.uploadMedia('image', image(800, 800));
  return { coverImg: cover.mediaId, shareImg: share.mediaId, feedsImg: feeds.mediaId };
}

async function createRoom(overrides: Record<string, unknown> = {}) {
  return c.clients.miniProgram.rooms.create(roomRequest({ ...(await media()), ...overrides }));
}

describe('mini program: token and media', () => {
  it('fetches a stable token once (POST JSON) and uploads media as multipart field `media`', async () => {
    const m = await c.clients.miniProgram.uploadMedia('image', image(100));
    expect(m.type).toBe('image');
    expect(m.mediaId).not.toBe('');
    expect(m.createdAt).toBe(Math.floor(T0.getTime() / 1000));
    await c.clients.miniProgram.uploadMedia('image', image(120));
    const reqs = await c.requests();
    const tokenReqs = reqs.filter((r) => r.path === '/cgi-bin/stable_token');
    expect(tokenReqs).toHaveLength(1);
    expect(tokenReqs[0]!.method).toBe('POST');
    const upload = reqs.find((r) => r.path === '/cgi-bin/media/upload')!;
    expect(upload.query.type).toBe('image');
    expect(upload.body).toMatchObject({ multipart: true });
  });
});

describe('mini program: rooms', () => {
  it('creates, reads back, edits and deletes a room', async () => {
    const rooms = c.clients.miniProgram.rooms;
    const { roomId } = await createRoom();
    expect(roomId).toBeGreaterThan(0);

    const page = await rooms.list();
    expect(page.total).toBe(1);
    expect(page.rooms[0]).toMatchObject({
      roomid: roomId,
      name: '女神节直播专场',
      liveStatus: 102,
      goods: [],
    });

    await rooms.edit({ id: roomId, ...roomRequest({ ...(await media()), name: '女神节直播专场二' }) });
    expect((await rooms.listAll())[0]!.name).toBe('女神节直播专场二');

    await rooms.delete(roomId);
    // An empty list is errcode 9410000 on the wire and an empty page here.
    expect(await rooms.list()).toEqual({ rooms: [], total: 0 });
    const reqs = await c.requests();
    expect(reqs.find((r) => r.path.endsWith('/room/deleteroom'))!.body).toEqual({ id: roomId });
  });

  it('pages through every room with listAll', async () => {
    const m = await media();
    for (let i = 0; i < 5; i++) {
      await c.clients.miniProgram.rooms.create(
        roomRequest({
          ...m,
          startTime: roomRequest().startTime + i * 3600,
          endTime: roomRequest().endTime + i * 3600,
        }),
      );
    }
    const all = await c.clients.miniProgram.rooms.listAll(2);
    expect(all).toHaveLength(5);
    expect(new Set(all.map((r) => r.roomid)).size).toBe(5);
  });

  it('keeps qrcode_url when the anchor is not verified (300036)', async () => {
    const err = (await createRoom({ anchorWechat: 'not_verified' }).catch(
      (e: unknown) => e,
    )) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.errcode).toBe(300036);
    expect(err.hintKind).toBe('human');
    expect(err.hint).toMatch(/scan qrcode_url to verify their real name/);
    expect(typeof err.payload.qrcode_url).toBe('string');
    expect(err.qrcodeUrl).toBe(err.payload.qrcode_url);
    expect(err.hint).toContain(err.qrcodeUrl!);
    expect(err.retryable).toBe(false);
  });

  it('explains a 200002 time-window error', async () => {
    const start = Math.floor(T0.getTime() / 1000) + 60;
    const err = (await createRoom({ startTime: start, endTime: start + 7200 }).catch(
      (e: unknown) => e,
    )) as WeChatApiError;
    expect(err.errcode).toBe(200002);
    expect(err.hint).toMatch(/10 minutes/);
  });

  it('gets the push URL and the share code by GET (params in the query)', async () => {
    const rooms = c.clients.miniProgram.rooms;
    const { roomId } = await createRoom({ type: 1 });
    expect((await rooms.getPushUrl(roomId)).pushAddr).toMatch(/^rtmp:\/\//);
    const plain = await rooms.getSharedCode(roomId);
    expect(plain.pagePath).toContain(`room_id=${roomId}`);
    expect(plain.cdnUrl).not.toBe('');
    const withParams = await rooms.getSharedCode(roomId, { wave: 't-3d' });
    expect(withParams.posterUrl).not.toBe('');
    const reqs = (await c.requests()).filter((r) => r.path.endsWith('/room/getsharedcode'));
    expect(reqs.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(reqs[1]!.query.params).toBe('{"wave":"t-3d"}');
  });

  it('manages assistants and the sub-anchor', async () => {
    const rooms = c.clients.miniProgram.rooms;
    const { roomId } = await createRoom();
    await rooms.addAssistants(roomId, [{ username: 'helper_1', nickname: '小助手' }]);
    await rooms.modifyAssistant(roomId, 'helper_1', '大助手');
    const list = await rooms.listAssistants(roomId);
    expect(list.count).toBe(1);
    expect(list.maxCount).toBe(10);
    expect(list.list[0]).toMatchObject({ nickname: '大助手' });
    await rooms.removeAssistant(roomId, 'helper_1');
    expect((await rooms.listAssistants(roomId)).count).toBe(0);

    await rooms.addSubAnchor(roomId, 'sub_ok');
    expect(await rooms.getSubAnchor(roomId)).toEqual({ username: 'sub_ok' });
    const dup = (await rooms.modifySubAnchor(roomId, 'sub_ok').catch((e: unknown) => e)) as WeChatApiError;
    expect(dup.errcode).toBe(500004);
    await rooms.deleteSubAnchor(roomId);
    expect(await rooms.getSubAnchor(roomId)).toEqual({ username: '' });
  });

  it('switches listing, replay, customer service and comments', async () => {
    const rooms = c.clients.miniProgram.rooms;
    const { roomId } = await createRoom();
    await rooms.updateFeedPublic(roomId, 0);
    await rooms.updateReplay(roomId, 0);
    await rooms.updateKf(roomId, 0);
    await rooms.updateComment(roomId, 1);
    const room = (await rooms.list()).rooms[0]!;
    expect(room).toMatchObject({ isFeedsPublic: 0, closeReplay: 0, closeKf: 0 });
    const body = (await c.requests()).find((r) => r.path.endsWith('/room/updatecomment'))!.body;
    expect(body).toEqual({ roomId, banComment: 1 });
  });

  it('lists the replay once the room has ended (get_replay)', async () => {
    const rooms = c.clients.miniProgram.rooms;
    const { roomId } = await createRoom({ closeReplay: 0 });
    expect(await rooms.replays(roomId)).toEqual({ replays: [], total: 0 });
    await c.setClock(new Date((roomRequest().endTime + 3600) * 1000));
    const all = await rooms.allReplays(roomId);
    expect(all).toHaveLength(1);
    expect(all[0]!.mediaUrl).toMatch(/m3u8$/);
    expect(typeof all[0]!.createTime).toBe('string');
  });
});
