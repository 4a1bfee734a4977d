import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WeChatApiError } from '../../src/wechat/index.js';
import { type Contract, image, roomRequest, startContract } from './harness.js';

let c: Contract;
beforeEach(async () => {
  c = await startContract();
});
afterEach(async () => {
  await c.close();
});

describe('roles', () => {
  it('adds, lists (GET) and removes roles; an unverified anchor gets the QR link', async () => {
    const roles = c.clients.miniProgram.roles;
    await roles.addRole('operator_1', 3);
    await roles.addRole('anchor_ok', 2);
    const list = await roles.getRoleList({ role: -1, limit: 30 });
    expect(list.total).toBe(2);
    expect(list.list[0]).toMatchObject({ roleList: expect.any(Array), username: expect.any(String) });
    const calls = (await c.requests()).filter((r) => r.path.endsWith('/role/getrolelist'));
    expect(calls[0]!.method).toBe('GET');

    const err = (await roles.addRole('stranger', 2).catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(400002);
    expect(err.qrcodeUrl).toMatch(/realname/);
    expect(err.hint).toContain(err.qrcodeUrl!);

    await roles.deleteRole('operator_1', 3);
    expect((await roles.getRoleList()).total).toBe(1);
  });
});

describe('followers and the go-live push', () => {
  it('pages followers and pushes only while the room is live', async () => {
    const mp = c.clients.miniProgram;
    const media = await Promise.all(
      [image(1080, 1920), image(800, 640), image(800, 800)].map((f) => mp.uploadMedia('image', f)),
    );
    const { roomId } = await mp.rooms.create(
      roomRequest({ coverImg: media[0]!.mediaId, shareImg: media[1]!.mediaId, feedsImg: media[2]!.mediaId }),
    );
    await c.admin('followers', { openids: ['o1', 'o2', 'o3'], roomId });
    const first = await mp.subscribers.getFollowers({ limit: 2 });
    expect(first.followers).toHaveLength(2);
    expect(first.followers[0]).toMatchObject({
      openid: 'o1',
      roomId,
      roomStatus: 102,
      subscribeTime: expect.any(Number),
    });
    expect(first.pageBreak).toBe(2);
    expect((await mp.subscribers.getAllFollowers()).map((f) => f.openid)).toEqual(['o1', 'o2', 'o3']);

    const early = (await mp.subscribers
      .pushMessage(roomId, ['o1'])
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(early.errcode).toBe(9410006);
    expect(early.hint).toMatch(/while the room is live/);

    await c.setClock(new Date((roomRequest().startTime + 60) * 1000));
    const { messageId } = await mp.subscribers.pushMessage(roomId, ['o1', 'o2', 'o3']);
    expect(messageId).toMatch(/^\d+$/);
    await expect(mp.subscribers.pushMessage(roomId, [])).rejects.toBeInstanceOf(RangeError);
  });
});

describe('mini-program codes', () => {
  it('returns image bytes on success and a WeChatApiError on a JSON answer', async () => {
    const codes = c.clients.miniProgram.codes;
    const img = await codes.getUnlimited({
      scene: 'w=t3d&r=1',
      page: 'pages/live/index',
      width: 430,
      checkPath: false,
    });
    expect(Buffer.isBuffer(img.bytes)).toBe(true);
    expect(img.contentType).toMatch(/^image\//);
    expect(img.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');

    const limited = await codes.getLimited({ path: 'pages/live/index?room=1', isHyaline: true });
    expect(limited.bytes.length).toBeGreaterThan(100);

    const err = (await codes
      .getUnlimited({ scene: 'x'.repeat(33) })
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.errcode).toBe(40169);
    expect(err.hint).toMatch(/32 characters/);
    const body = (await c.requests()).find((r) => r.path === '/wxa/getwxacodeunlimit')!.body;
    expect(body).toMatchObject({
      scene: 'w=t3d&r=1',
      page: 'pages/live/index',
      check_path: false,
      width: 430,
    });
  });
});

describe('mini-program codes: check_path against the released pages', () => {
  it('refuses an unreleased page with 41030 unless check_path is false', async () => {
    await c.close();
    c = await startContract({ emulator: { releasedPages: ['pages/live/entry'] } });
    const codes = c.clients.miniProgram.codes;
    const ok = await codes.getUnlimited({ scene: 'r=1&w=t-3d', page: 'pages/live/entry', checkPath: true });
    expect(ok.contentType).toMatch(/^image\//);
    const err = (await codes
      .getUnlimited({ scene: 'r=1&w=t-3d', page: 'pages/live/draft' })
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.errcode).toBe(41030);
    expect(err.hint).toContain('accounts.miniProgram.livePage');
    const unchecked = await codes.getUnlimited({
      scene: 'r=1&w=t-3d',
      page: 'pages/live/draft',
      checkPath: false,
    });
    expect(unchecked.bytes.length).toBeGreaterThan(100);
  });
});

describe('subscribe messages', () => {
  it('sends, wraps plain values, and classifies 43101 as a skip', async () => {
    const sub = c.clients.miniProgram.subscribeMessages;
    await sub.send({
      toUser: 'o-fan-1',
      templateId: 'TPL_LIVE',
      page: 'pages/live/index?room=1',
      data: { thing1: '女神节直播', time2: { value: '2027-03-08 20:00' } },
    });
    const msg = (await c.state()).messages.find((m: { kind: string }) => m.kind === 'subscribe');
    expect(msg.content.data).toEqual({
      thing1: { value: '女神节直播' },
      time2: { value: '2027-03-08 20:00' },
    });

    await c.admin('subscribers/unsubscribe', { openid: 'o-fan-2' });
    const err = (await sub
      .send({ toUser: 'o-fan-2', templateId: 'TPL_LIVE', data: { thing1: '女神节直播' } })
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(43101);
    expect(err.hintKind).toBe('skip');

    const bad = (await sub
      .send({ toUser: 'o-fan-1', templateId: 'TPL_LIVE', data: { phrase3: 'not chinese' } })
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(bad.errcode).toBe(47003);
    expect(bad.errmsg).toContain('data.phrase3');
  });
});
