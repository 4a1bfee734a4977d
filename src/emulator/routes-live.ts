import type { EmulatorCore } from './core.js';
import { fail, MSG } from './errors.js';
import { type Call, ok, type Route } from './route.js';
import { nameWidth } from './rules.js';
import type { RoomRecord } from './state.js';

/** Live rooms and the goods inside them (§4 of the live reference). */

const B = '/wxaapi/broadcast';
const ROOM_QUOTA = 10_000;
const FLAG_FIELDS = [
  'closeLike',
  'closeGoods',
  'closeComment',
  'closeReplay',
  'closeShare',
  'closeKf',
  'isFeedsPublic',
] as const;

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

export function findRoom(core: EmulatorCore, appid: string, id: unknown): RoomRecord {
  const n = num(id);
  const room = core.state.rooms.find((r) => r.roomId === n && r.appid === appid && !r.deleted);
  if (!room) fail(300022, 'room not exist');
  return room;
}

function roomIdOf(body: Record<string, unknown>): unknown {
  return body.roomId ?? body.id;
}

/** The media rule of the live APIs: expired ids are 300006; unknown ones get the field's own code. */
function checkImage(core: EmulatorCore, mediaId: unknown, unknownCode: number, unknownText: string): void {
  const m =
    typeof mediaId === 'string'
      ? core.state.media.find((x) => x.mediaId === mediaId && x.realm === 'mp')
      : undefined;
  if (!m) fail(unknownCode, unknownText);
  if (m.expiresAt !== undefined && m.expiresAt <= core.clock.nowMs())
    fail(300006, 'media_id expired, image upload failed');
}

/**
 * Shared by create and editroom: the room as it would be after the call, checked against every rule.
 * Returns the anchor's WeChat id (checked for real-name verification after the rules).
 */
function validateRoom(
  core: EmulatorCore,
  r: Partial<RoomRecord>,
  isCreate: boolean,
): { anchorWechat: string } {
  const filled = (f: 'name' | 'coverImg' | 'anchorName' | 'anchorWechat' | 'shareImg'): string => {
    const v = r[f];
    if (typeof v !== 'string' || v === '') fail(200002, `${f} must not be empty`);
    return v;
  };
  const name = filled('name');
  filled('coverImg');
  const anchorName = filled('anchorName');
  const anchorWechat = filled('anchorWechat');
  filled('shareImg');
  const start = num(r.startTime);
  const end = num(r.endTime);
  if (start === undefined || end === undefined) fail(200002, MSG.timeInvalid);
  const w = nameWidth(name);
  if (w < 6 || w > 34) fail(300002, MSG.nameLength);
  const aw = nameWidth(anchorName);
  if (aw < 4 || aw > 30) fail(300034, 'anchor name length invalid');
  // Times are Unix seconds. "More than 10 minutes from now" is strict, so exactly +600 s fails.
  const now = core.clock.nowSec();
  const sixMonths = new Date(core.clock.nowMs());
  sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
  if (start <= now + 600 || start > Math.floor(sixMonths.getTime() / 1000)) fail(200002, MSG.timeInvalid);
  // [CONFLICT] docs say ≤24 h, an SDK and admin UIs say 12 h: 24 h by default, 12 h in strict mode.
  const maxDuration = core.opts.strictDuration ? 12 * 3600 : 24 * 3600;
  if (end - start < 30 * 60 || end - start > maxDuration) fail(200002, MSG.timeInvalid);
  if (isCreate && r.type !== 0 && r.type !== 1) fail(200002, 'type must be 0 or 1');
  for (const f of FLAG_FIELDS) {
    if (r[f] !== undefined && r[f] !== 0 && r[f] !== 1) fail(200002, `${f} must be 0 or 1`);
  }
  checkImage(core, r.coverImg, 300031, 'coverImg invalid');
  checkImage(core, r.shareImg, 300032, 'shareImg invalid');
  // [CONFLICT] feedsImg: required on create by the current doc (D-new), edit-only in the older one. We
  // follow the current doc, so a client written against it is not surprised by the platform.
  if (isCreate && (r.feedsImg === undefined || r.feedsImg === '')) fail(300037, 'feedsimg invalid');
  if (r.feedsImg !== undefined) checkImage(core, r.feedsImg, 300037, 'feedsimg invalid');
  return { anchorWechat };
}

function realNameError(call: Call, wechat: string): never {
  fail(
    300036,
    'anchorWechat has no realName, please open the codeUrl and scan the code for certification',
    // Opening this URL plays the part of scanning the code: the emulator marks the id verified.
    { qrcode_url: `${call.baseUrl}/__emulator/realname?wechat=${encodeURIComponent(wechat)}` },
  );
}

function roomInfo(core: EmulatorCore, r: RoomRecord): Record<string, unknown> {
  const url = (id: string | undefined) => core.state.media.find((m) => m.mediaId === id)?.url ?? '';
  return {
    name: r.name,
    roomid: r.roomId,
    cover_img: url(r.coverImg),
    share_img: url(r.shareImg),
    feeds_img: url(r.feedsImg),
    live_status: core.liveStatus(r),
    start_time: r.startTime,
    end_time: r.endTime,
    anchor_name: r.anchorName,
    goods: r.goods.flatMap((rg) => {
      const g = core.state.goods.find((x) => x.goodsId === rg.goodsId && !x.deleted);
      if (!g) return [];
      // [CONFLICT] room goods prices are fen (explicit in D-new); library listings answer in yuan.
      return [
        {
          goods_id: g.goodsId,
          name: g.name,
          cover_img: url(g.coverImgUrl),
          url: g.url,
          price: Math.round(g.price * 100),
          price2: g.price2 === undefined ? 0 : Math.round(g.price2 * 100),
          price_type: g.priceType,
          third_party_appid: g.thirdPartyAppid,
        },
      ];
    }),
    live_type: r.type,
    close_like: r.closeLike,
    close_goods: r.closeGoods,
    close_comment: r.closeComment,
    close_kf: r.closeKf,
    close_replay: r.closeReplay,
    is_feeds_public: r.isFeedsPublic,
    creater_openid: r.createrWechat ? `o-emu-${r.createrWechat}` : '',
  };
}

function roomRoute(
  path: string,
  handle: (call: Call, room: RoomRecord) => Record<string, unknown>,
  method: 'GET' | 'POST' = 'POST',
): Route {
  return {
    method,
    path: `${B}/${path}`,
    realm: 'mp',
    body: method === 'POST' ? 'json' : undefined,
    handle(call) {
      call.core.useQuota(call.appid, path, ROOM_QUOTA);
      const id = method === 'GET' ? call.query.get('roomId') : roomIdOf(call.body);
      return handle(call, findRoom(call.core, call.appid, id));
    },
  };
}

function bit(v: unknown, field: string): number {
  if (v !== 0 && v !== 1) fail(200002, `${field} must be 0 or 1`);
  return v;
}

function goodsInRoom(room: RoomRecord, goodsId: unknown, code = 300024): { goodsId: number; onSale: number } {
  const g = room.goods.find((x) => x.goodsId === num(goodsId));
  if (!g) fail(code, code === 300053 ? 'goods not in this room' : 'goods not exist');
  return g;
}

export const liveRoutes: Route[] = [
  {
    method: 'POST',
    path: `${B}/room/create`,
    realm: 'mp',
    body: 'json',
    handle(call) {
      const core = call.core;
      const b = call.body;
      const r: Partial<RoomRecord> = {
        name: b.name,
        coverImg: b.coverImg,
        shareImg: b.shareImg,
        feedsImg: b.feedsImg,
        startTime: num(b.startTime),
        endTime: num(b.endTime),
        anchorName: b.anchorName,
        anchorWechat: b.anchorWechat,
        subAnchorWechat: b.subAnchorWechat || undefined,
        createrWechat: b.createrWechat || undefined,
        type: b.type,
        closeLike: b.closeLike,
        closeGoods: b.closeGoods,
        closeComment: b.closeComment,
        // Documented defaults: replay off, sharing on, customer service off, official listing on.
        closeReplay: b.closeReplay ?? 1,
        closeShare: b.closeShare ?? 0,
        closeKf: b.closeKf ?? 1,
        isFeedsPublic: b.isFeedsPublic ?? 1,
      };
      for (const f of ['closeLike', 'closeGoods', 'closeComment'] as const) {
        if (r[f] === undefined) fail(200002, `${f} must not be empty`);
      }
      const { anchorWechat } = validateRoom(core, r, true);
      if (!core.isVerified(anchorWechat)) realNameError(call, anchorWechat);
      if (r.subAnchorWechat && !core.isVerified(r.subAnchorWechat)) fail(300039, 'subAnchorWechat invalid');
      core.useQuota(call.appid, 'room/create', ROOM_QUOTA);
      const room: RoomRecord = {
        ...(r as RoomRecord),
        roomId: core.nextId(),
        appid: call.appid,
        banComment: 0,
        goods: [],
        assistants: [],
        createdAt: core.clock.nowMs(),
      };
      core.state.rooms.push(room);
      // The success body carries only errcode and roomId (observed).
      return { errcode: 0, roomId: room.roomId };
    },
  },
  roomRoute('room/editroom', (call, room) => {
    const core = call.core;
    if (core.liveStatus(room) !== 102) fail(300023, 'the current room status does not allow this operation');
    const b = call.body;
    const next: Partial<RoomRecord> = { ...room };
    for (const f of [
      'name',
      'coverImg',
      'shareImg',
      'feedsImg',
      'anchorName',
      'anchorWechat',
      ...FLAG_FIELDS,
    ] as const) {
      if (b[f] !== undefined) (next as Record<string, unknown>)[f] = b[f];
    }
    if (b.startTime !== undefined) next.startTime = num(b.startTime);
    if (b.endTime !== undefined) next.endTime = num(b.endTime);
    const { anchorWechat } = validateRoom(core, next, false);
    if (!core.isVerified(anchorWechat)) fail(300030, 'room wxnumber not have an anchor role');
    Object.assign(room, next);
    return ok();
  }),
  roomRoute('room/deleteroom', (call, room) => {
    if (call.core.liveStatus(room) === 101)
      fail(300023, 'the current room status does not allow this operation');
    room.deleted = true;
    return ok();
  }),
  {
    method: 'POST',
    path: '/wxa/business/getliveinfo',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const core = call.core;
      core.useQuota(call.appid, 'getliveinfo', 100_000);
      const b = call.body;
      const start = num(b.start) ?? 0;
      const limit = Math.min(num(b.limit) ?? 10, 100);
      if (b.action === 'get_replay') {
        const room = findRoom(core, call.appid, b.room_id);
        // A replay exists once the room ended with replay on, about 10 minutes after the end.
        // The admin may make it ready at once (or never), but only ever once the room ended.
        const ended = core.liveStatus(room) === 103;
        const ready =
          room.replayOverride !== undefined
            ? ended && room.replayOverride
            : room.closeReplay === 0 && ended && core.clock.nowSec() >= room.endTime + 600;
        const createdAt = room.replayOverride
          ? Math.min(core.clock.nowSec(), room.endTime + 600)
          : room.endTime + 600;
        const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        const all = ready
          ? [
              {
                create_time: iso(createdAt),
                expire_time: iso(createdAt + 180 * 86400),
                media_url: `http://emulator.vod.example/replay/${room.roomId}.m3u8`,
              },
            ]
          : [];
        return ok({ live_replay: all.slice(start, start + limit), total: all.length });
      }
      const rooms = core.state.rooms
        .filter((r) => r.appid === call.appid && !r.deleted)
        .sort((a, b2) => b2.startTime - a.startTime || b2.roomId - a.roomId);
      const page = rooms.slice(start, start + limit).map((r) => roomInfo(core, r));
      // An empty page is errcode 9410000, with the empty lists still in the body.
      if (page.length === 0)
        fail(9410000, 'empty room list', { room_info: [], live_replay: [], total: rooms.length });
      return ok({ room_info: page, total: rooms.length });
    },
  },
  roomRoute(
    'room/getpushurl',
    (call, room) => {
      const hex = (n: number) =>
        call.core
          .randomToken(n)
          .replace(/[^a-f0-9]/gi, '')
          .toLowerCase()
          .slice(0, 16)
          .padEnd(8, '0');
      return ok({
        pushAddr: `rtmp://wxalivepush.weixin.qq.com/live/${call.appid}-${room.roomId}?txSecret=${hex(24)}&txTime=${room.endTime.toString(16).toUpperCase()}`,
      });
    },
    'GET',
  ),
  roomRoute(
    'room/getsharedcode',
    (call, room) => {
      const params = call.query.get('params');
      if (params !== null) {
        try {
          JSON.parse(params);
        } catch {
          fail(1001, 'Illegal request parameter');
        }
      }
      const extra = params ? `&custom_params=${encodeURIComponent(params)}` : '';
      return ok({
        cdnUrl: `${call.baseUrl}/__emulator/image?seed=room-${room.roomId}&width=430`,
        pagePath: `plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=${room.roomId}${extra}`,
        posterUrl: `${call.baseUrl}/__emulator/image?seed=poster-${room.roomId}&width=600`,
      });
    },
    'GET',
  ),
  roomRoute('room/addgoods', (call, room) => {
    const core = call.core;
    if (core.liveStatus(room) === 103) fail(300023, 'the current room status does not allow this operation');
    const ids = call.body.ids;
    if (!Array.isArray(ids) || ids.length === 0) fail(200002, 'ids must not be empty');
    const found = ids.map((id) => {
      const g = core.state.goods.find((x) => x.goodsId === num(id) && x.appid === call.appid && !x.deleted);
      if (!g) fail(300024, 'goods not exist');
      if (g.auditStatus !== 2) fail(300025, 'goods not approved');
      return g;
    });
    for (const g of found) {
      if (!room.goods.some((x) => x.goodsId === g.goodsId))
        room.goods.push({ goodsId: g.goodsId, onSale: 1 });
    }
    return ok();
  }),
  roomRoute('room/addassistant', (call, room) => {
    const users = call.body.users;
    if (!Array.isArray(users) || users.length === 0) fail(200002, 'users must not be empty');
    for (const u of users) {
      if (typeof u?.username !== 'string' || u.username === '') fail(200002, 'username must not be empty');
      if (room.assistants.some((a) => a.username === u.username)) continue;
      if (room.assistants.length >= 10) fail(-1, 'assistant count reaches limit');
      // The reference gives no errcode for an assistant without a real-name check: refusing with the
      // unverified sub-anchor's 500002 is an emulator choice.
      if (!call.core.isVerified(u.username)) fail(500002, 'assistant has no realName');
      room.assistants.push({
        username: u.username,
        nickname: String(u.nickname ?? ''),
        timestamp: call.core.clock.nowSec(),
      });
    }
    return ok();
  }),
  roomRoute('room/modifyassistant', (call, room) => {
    const a = room.assistants.find((x) => x.username === call.body.username);
    if (!a) fail(-1, 'assistant not exist');
    a.nickname = String(call.body.nickname ?? a.nickname);
    return ok();
  }),
  roomRoute('room/removeassistant', (call, room) => {
    room.assistants = room.assistants.filter((x) => x.username !== call.body.username);
    return ok();
  }),
  roomRoute(
    'room/getassistantlist',
    (_call, room) =>
      ok({
        list: room.assistants.map((a) => ({
          timestamp: a.timestamp,
          headimg: '',
          nickname: a.nickname,
          alias: a.username,
          openid: `o-emu-${a.username}`,
        })),
        count: room.assistants.length,
        maxCount: 10,
      }),
    'GET',
  ),
  roomRoute('room/addsubanchor', (call, room) => {
    const u = call.body.username;
    if (typeof u !== 'string' || u === '') fail(200002, 'username must not be empty');
    if (u === room.anchorWechat) fail(500005, 'sub anchor is the same as the anchor');
    if (room.subAnchorWechat === u) fail(500004, 'duplicate sub anchor');
    if (!call.core.isVerified(u)) fail(500002, 'sub anchor has no realName');
    room.subAnchorWechat = u;
    return ok();
  }),
  roomRoute('room/modifysubanchor', (call, room) => {
    const u = call.body.username;
    if (typeof u !== 'string' || u === '') fail(200002, 'username must not be empty');
    if (room.subAnchorWechat === u) fail(500004, 'duplicate sub anchor');
    if (!call.core.isVerified(u)) fail(500002, 'sub anchor has no realName');
    room.subAnchorWechat = u;
    return ok();
  }),
  roomRoute('room/deletesubanchor', (_call, room) => {
    room.subAnchorWechat = undefined;
    return ok();
  }),
  roomRoute('room/getsubanchor', (_call, room) => ok({ username: room.subAnchorWechat ?? '' }), 'GET'),
  roomRoute('room/updatefeedpublic', (call, room) => {
    room.isFeedsPublic = bit(call.body.isFeedsPublic, 'isFeedsPublic');
    return ok();
  }),
  roomRoute('room/updatereplay', (call, room) => {
    if (call.core.liveStatus(room) === 103)
      fail(300023, 'the current room status does not allow this operation');
    room.closeReplay = bit(call.body.closeReplay, 'closeReplay');
    return ok();
  }),
  roomRoute('room/updatekf', (call, room) => {
    room.closeKf = bit(call.body.closeKf, 'closeKf');
    return ok();
  }),
  // [CONFLICT] updatecomment's room key is `id` in the D-new table and `roomId` in its example and the
  // SDKs: roomIdOf accepts either.
  roomRoute('room/updatecomment', (call, room) => {
    if (call.core.liveStatus(room) === 103)
      fail(300023, 'the current room status does not allow this operation');
    room.banComment = bit(call.body.banComment, 'banComment');
    return ok();
  }),
  roomRoute('goods/onsale', (call, room) => {
    const g = goodsInRoom(room, call.body.goodsId);
    g.onSale = bit(call.body.onSale, 'onSale');
    return ok();
  }),
  roomRoute('goods/deleteInRoom', (call, room) => {
    goodsInRoom(room, call.body.goodsId);
    room.goods = room.goods.filter((x) => x.goodsId !== num(call.body.goodsId));
    return ok();
  }),
  roomRoute('goods/push', (call, room) => {
    if (call.core.liveStatus(room) !== 101)
      fail(300023, 'the current room status does not allow this operation');
    const g = goodsInRoom(room, call.body.goodsId, 300053);
    if (g.onSale !== 1) fail(300052, 'goods is off the shelf');
    return ok();
  }),
  roomRoute('goods/sort', (call, room) => {
    const list = call.body.goods;
    if (!Array.isArray(list)) fail(200002, 'goods must not be empty');
    // D-new types goodsId as a number, the SDKs send strings: both are accepted.
    const order = list.map((x) => num(x?.goodsId));
    const rank = (id: number) => {
      const i = order.indexOf(id);
      return i < 0 ? order.length : i;
    };
    room.goods.sort((a, b) => rank(a.goodsId) - rank(b.goodsId));
    return ok();
  }),
  roomRoute('goods/getVideo', (call, room) => {
    goodsInRoom(room, call.body.goodsId);
    if (call.core.liveStatus(room) !== 103) fail(300045, 'explanation video not generated yet');
    return ok({ url: `http://emulator.vod.example/goods/${room.roomId}-${num(call.body.goodsId)}.mp4` });
  }),
];
