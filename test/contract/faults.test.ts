import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { createClients, MemoryTokenStore, WeChatApiError } from '../../src/wechat/index.js';
import {
  type Contract,
  image,
  MP_SECRET,
  OA_SECRET,
  roomRequest,
  startContract,
  T0,
  WECOM_SECRET,
} from './harness.js';

let c: Contract | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

async function roomMedia(k: Contract) {
  const mp = k.clients.miniProgram;
  const ids = await Promise.all(
    [image(1080, 1920), image(800, 640), image(800, 800)].map((f) => mp.uploadMedia('image', f)),
  );
  return { coverImg: ids[0]!.mediaId, shareImg: ids[1]!.mediaId, feedsImg: ids[2]!.mediaId };
}

const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as WeChatApiError,
  );

describe('tokens under trouble', () => {
  it('a token revoked mid-run is refreshed once and the call succeeds', async () => {
    c = await startContract();
    const rooms = c.clients.miniProgram.rooms;
    await rooms.list();
    await c.admin('tokens/revoke', { appid: 'wxmini0000000001' });
    expect(await rooms.list()).toEqual({ rooms: [], total: 0 });
    const reqs = await c.requests();
    const liveinfo = reqs.filter((r) => r.path === '/wxa/business/getliveinfo');
    expect(liveinfo.map((r) => r.errcode)).toEqual([9410000, 40001, 9410000]);
    const tokenBodies = reqs.filter((r) => r.path === '/cgi-bin/stable_token').map((r) => r.body);
    // A normal (non-force) fetch was enough: the platform had dropped the revoked token.
    expect(tokenBodies).toHaveLength(2);
    expect(tokenBodies.every((b) => b.force_refresh === undefined)).toBe(true);
    expect(c.store.forceRefreshCount('mp-stable:' + c.emu.wechatBase + ':wxmini0000000001')).toBe(0);
  });

  it('a token the platform keeps refusing is force-refreshed once (rationed), then the call succeeds', async () => {
    c = await startContract();
    const rooms = c.clients.miniProgram.rooms;
    await rooms.list();
    await c.fault({ path: '/wxa/business/getliveinfo', kind: 'errcode', errcode: 42001, times: 1 });
    await rooms.list();
    const tokenBodies = (await c.requests())
      .filter((r) => r.path === '/cgi-bin/stable_token')
      .map((r) => r.body);
    expect(tokenBodies.map((b) => b.force_refresh ?? false)).toEqual([false, false, true]);
    expect(c.store.forceRefreshCount('mp-stable:' + c.emu.wechatBase + ':wxmini0000000001')).toBe(1);

    // Inside 30 s a second forced refresh is refused by our ration, with a hint saying when.
    await c.fault({ path: '/wxa/business/getliveinfo', kind: 'errcode', errcode: 40001, times: 1 });
    const err = await caught(rooms.list());
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err!.errcode).toBe(40001);
    expect(err!.hint).toMatch(/did not force a new one/);
  });

  it('concurrent callers share one token fetch', async () => {
    c = await startContract();
    await Promise.all(Array.from({ length: 8 }, () => c!.clients.miniProgram.rooms.list()));
    expect((await c.requests()).filter((r) => r.path === '/cgi-bin/stable_token')).toHaveLength(1);
  });

  it('classic mode uses GET /cgi-bin/token', async () => {
    c = await startContract({ clients: { tokenMode: 'classic' } });
    await c.clients.miniProgram.rooms.list();
    const reqs = await c.requests();
    expect(reqs.filter((r) => r.path === '/cgi-bin/token').map((r) => r.method)).toEqual(['GET']);
    expect(reqs.filter((r) => r.path === '/cgi-bin/stable_token')).toHaveLength(0);
  });
});

describe('retries', () => {
  it('-1 then success: a read is retried after a backoff', async () => {
    c = await startContract();
    await c.clients.miniProgram.rooms.list();
    await c.fault({ path: '/wxa/business/getliveinfo', kind: 'errcode', errcode: -1, times: 1 });
    expect(await c.clients.miniProgram.rooms.list()).toEqual({ rooms: [], total: 0 });
    expect(c.slept).toEqual([300]);
    expect(c.events.filter((e) => e.path === '/wxa/business/getliveinfo').map((e) => e.errcode)).toEqual([
      9410000, -1, 9410000,
    ]);
  });

  it('-1 on a create is not repeated: it may have created the room', async () => {
    c = await startContract();
    const media = await roomMedia(c);
    await c.fault({ path: '/wxaapi/broadcast/room/create', kind: 'errcode', errcode: -1, times: 1 });
    const err = await caught(c.clients.miniProgram.rooms.create(roomRequest(media)));
    expect(err).toMatchObject({ errcode: -1, retryable: true, maybeApplied: true });
    expect((await c.requests()).filter((r) => r.path === '/wxaapi/broadcast/room/create')).toHaveLength(1);
  });

  it('45011 (minute limit) is retried even for a create: the call was refused, not run', async () => {
    c = await startContract();
    const media = await roomMedia(c);
    await c.fault({ path: '/wxaapi/broadcast/room/create', kind: 'errcode', errcode: 45011, times: 2 });
    const { roomId } = await c.clients.miniProgram.rooms.create(roomRequest(media));
    expect(roomId).toBeGreaterThan(0);
    expect(c.slept).toEqual([300, 600]);
    expect((await c.state()).rooms).toHaveLength(1);
  });

  it('45009 (daily quota) is never retried and says to wait', async () => {
    c = await startContract();
    await c.fault({ path: '/wxa/business/getliveinfo', kind: 'errcode', errcode: 45009, times: 5 });
    const err = await caught(c.clients.miniProgram.rooms.list());
    expect(err).toMatchObject({ errcode: 45009, retryable: false, hintKind: 'quota' });
    expect(err!.hint).toMatch(/tomorrow/);
    expect(c.slept).toEqual([]);
  });

  it('gives up after 3 tries of a transient error', async () => {
    c = await startContract();
    await c.fault({ path: '/wxa/business/getliveinfo', kind: 'errcode', errcode: 45033 });
    const err = await caught(c.clients.miniProgram.rooms.list());
    expect(err).toMatchObject({ errcode: 45033, retryable: true });
    expect(c.slept).toHaveLength(2);
  });
});

describe('lost answers and broken connections', () => {
  it('drop-after-effect on a create: a retryable network error, the room exists, no second create', async () => {
    c = await startContract();
    const media = await roomMedia(c);
    await c.fault({ path: '/wxaapi/broadcast/room/create', kind: 'drop-after-effect', times: 1 });
    const err = await caught(c.clients.miniProgram.rooms.create(roomRequest(media)));
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ kind: 'network', errcode: null, retryable: true, maybeApplied: true });
    expect(err!.hint).toMatch(/may or may not have taken effect/);
    expect((await c.state()).rooms).toHaveLength(1);
    expect((await c.requests()).filter((r) => r.path === '/wxaapi/broadcast/room/create')).toHaveLength(1);
  });

  it('drop-after-effect on an idempotent call is retried and succeeds', async () => {
    c = await startContract();
    const media = await roomMedia(c);
    const { roomId } = await c.clients.miniProgram.rooms.create(roomRequest(media));
    await c.fault({ path: '/wxaapi/broadcast/room/updatekf', kind: 'drop-after-effect', times: 1 });
    await c.clients.miniProgram.rooms.updateKf(roomId, 0);
    expect(c.slept).toHaveLength(1);
  });

  it('a slow answer becomes a timeout error; a read is retried', async () => {
    c = await startContract({ clients: { timeoutMs: 100 } });
    await c.clients.miniProgram.rooms.list();
    await c.fault({ path: '/wxa/business/getliveinfo', kind: 'latency', ms: 400, times: 1 });
    await c.clients.miniProgram.rooms.list();
    expect(c.events.map((e) => e.errorKind).filter(Boolean)).toEqual(['timeout']);
  });

  it('a refused connection is a network error that was certainly not applied', async () => {
    const emu = await startEmulator({ port: 0, now: T0 });
    await emu.close();
    const slept: number[] = [];
    const clients = createClients({
      wechatBase: emu.wechatBase,
      credentials: { miniProgram: { appId: 'wx1', secret: MP_SECRET } },
      clock: { now: () => T0 },
      sleep: async (ms) => void slept.push(ms),
    });
    const err = await caught(clients.miniProgram.rooms.list());
    expect(err).toMatchObject({ kind: 'network', maybeApplied: false, retryable: true });
    expect(err!.errmsg).toMatch(/ECONNREFUSED/);
    expect(slept).toHaveLength(2);
  });

  it('a wrong base URL is an HTTP error pointing at LIVECTL_WECHAT_API', async () => {
    c = await startContract();
    const emu = c.emu;
    const clients = createClients({
      wechatBase: `${emu.url}/not-wechat`,
      credentials: { miniProgram: { appId: 'wx1', secret: MP_SECRET } },
      clock: { now: () => T0 },
      sleep: async () => {},
    });
    const err = await caught(clients.miniProgram.rooms.list());
    expect(err).toMatchObject({ kind: 'http', status: 404, retryable: false });
    expect(err!.hint).toMatch(/LIVECTL_WECHAT_API/);
  });
});

describe('secrets never leak', () => {
  it('no thrown error or request event contains a secret or an access token', async () => {
    c = await startContract();
    const errors: unknown[] = [];
    const grab = async (p: Promise<unknown>) => errors.push(await caught(p));
    const mp = c.clients.miniProgram;
    await mp.rooms.list();
    const media = await roomMedia(c);
    await grab(mp.rooms.create(roomRequest({ ...media, anchorWechat: 'nobody' })));
    await c.fault({ path: '*', kind: 'drop-after-effect', times: 1 });
    await grab(mp.rooms.create(roomRequest(media)));
    await c.fault({ path: '/wxa/business/getliveinfo', kind: 'errcode', errcode: 40001 });
    await grab(mp.rooms.list());
    await c.fault({ path: '*', kind: 'reset' });
    await grab(c.clients.wecom.remindGroupMsgSend('no-such-msg'));
    await grab(c.clients.officialAccount.getMenu());

    // Wrong secrets: the token endpoints refuse them.
    const strict = await startEmulator({
      port: 0,
      now: T0,
      apps: { wxstrict: 'the-right-secret-123', wwstrict: 'right-corp-secret-1' },
    });
    try {
      const clients = createClients({
        wechatBase: strict.wechatBase,
        wecomBase: strict.wecomBase,
        credentials: {
          miniProgram: { appId: 'wxstrict', secret: MP_SECRET },
          wecom: { corpId: 'wwstrict', secret: WECOM_SECRET },
        },
        tokenStore: new MemoryTokenStore(),
        clock: { now: () => T0 },
        sleep: async () => {},
      });
      await grab(clients.miniProgram.rooms.list());
      await grab(clients.wecom.getToken());
    } finally {
      await strict.close();
    }

    expect(errors.every((e) => e instanceof WeChatApiError)).toBe(true);
    expect(errors.map((e) => (e as WeChatApiError).errcode)).toEqual([
      300036,
      null,
      40001,
      expect.any(Number),
      46003,
      40125,
      40001,
    ]);
    const stored = await c.store.get('mp-stable:' + c.emu.wechatBase + ':wxmini0000000001');
    const secrets = [MP_SECRET, OA_SECRET, WECOM_SECRET, stored!.token, await c.clients.wecom.getToken()];
    for (const e of errors) {
      const views = [
        JSON.stringify(e),
        String(e),
        inspect(e, { depth: 10, showHidden: true }),
        (e as Error).stack ?? '',
      ];
      for (const view of views) for (const s of secrets) expect(view).not.toContain(s);
      expect((e as Error).cause).toBeUndefined();
    }
    const events = JSON.stringify(c.events);
    for (const s of secrets) expect(events).not.toContain(s);
    expect(c.events.some((e) => e.query.access_token === '***')).toBe(true);
  });
});

describe('request log hook', () => {
  it('reports method, path, masked query, duration, status and errcode for every try', async () => {
    c = await startContract();
    await c.clients.miniProgram.rooms.getSharedCode(1).catch(() => undefined);
    const e = c.events.find((x) => x.path === '/wxaapi/broadcast/room/getsharedcode')!;
    expect(e).toMatchObject({
      method: 'GET',
      url: `${c.emu.wechatBase}/wxaapi/broadcast/room/getsharedcode`,
      query: { roomId: '1', access_token: '***' },
      attempt: 1,
      status: 200,
      errcode: 300022,
      outcome: 'error',
      errorKind: 'platform',
    });
    expect(e.durationMs).toBeGreaterThanOrEqual(0);
    const token = c.events.find((x) => x.path === '/cgi-bin/stable_token')!;
    expect(token).toMatchObject({ method: 'POST', errcode: 0, outcome: 'ok' });
  });
});

describe('an "ok" answer without the id a create makes (patch-answer)', () => {
  const patch = (k: Contract, path: string, p: Record<string, unknown>) =>
    k.admin('faults', { path, kind: 'patch-answer', patch: p, times: 1 });

  it('room create without roomId, or with one that is not a number: a maybe-applied failure, errcode 0', async () => {
    c = await startContract();
    const mp = c.clients.miniProgram;
    const media = await roomMedia(c);
    for (const p of [{ roomId: null }, { roomId: 'NaN' }, { roomId: 0 }]) {
      await patch(c, '/wxaapi/broadcast/room/create', p);
      const err = await caught(
        mp.rooms.create(roomRequest({ ...media, name: `直播间${String(p.roomId)}测试` })),
      );
      expect(err).toBeInstanceOf(WeChatApiError);
      expect(err).toMatchObject({ errcode: 0, maybeApplied: true, retryable: false });
      expect(err!.message).toContain('roomId');
    }
    // Each call did create its room: the platform holds all three.
    expect((await c.state()).rooms).toHaveLength(3);
  });

  it('goods add without goodsId, and an upload without media_id, fail the same way', async () => {
    c = await startContract();
    const mp = c.clients.miniProgram;
    const cover = await mp.uploadMedia('image', image(300, 300));
    await patch(c, '/wxaapi/broadcast/goods/add', { goodsId: null });
    const add = await caught(
      mp.goods.add({
        coverImgUrl: cover.mediaId,
        name: '玫瑰丝绒口红',
        priceType: 1,
        price: 99,
        url: 'pages/a',
      }),
    );
    expect(add).toMatchObject({ errcode: 0, maybeApplied: true });
    expect(add!.message).toContain('goodsId');
    await patch(c, '/cgi-bin/media/upload', { media_id: null });
    const up = await caught(mp.uploadMedia('image', image(300, 300)));
    expect(up).toMatchObject({ errcode: 0, maybeApplied: true });
    expect(up!.message).toContain('media_id');
  });
});
