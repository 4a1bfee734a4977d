import { fail } from './errors.js';
import { codePng } from './png.js';
import { ok, type Route } from './route.js';
import { findRoom } from './routes-live.js';
import { isValidCodePage, isValidPagePath, isValidScene, isValidSubscribeValue } from './rules.js';

/** Mini-program APIs around the live rooms: roles, followers and push, codes, subscribe messages. */

const ROLE_LIMITS: Record<number, number> = { 1: 10, 2: 500, 3: 500 };

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

function codeOptions(b: Record<string, unknown>): { width: number; hyaline: boolean } {
  const width = b.width === undefined ? 430 : num(b.width);
  if (width === undefined || width < 280 || width > 1280) fail(40097, 'invalid args: width');
  if (b.env_version !== undefined && !['release', 'trial', 'develop'].includes(String(b.env_version))) {
    fail(40097, 'invalid args: env_version');
  }
  return { width, hyaline: b.is_hyaline === true };
}

/**
 * [UNCONFIRMED] which image format WeChat serves; we return PNG (we can encode it honestly) with its own
 * content type. Clients must tell success from failure by `application/json`, not by a specific image type.
 */
function image(width: number, seed: string, hyaline: boolean) {
  return { binary: codePng(width, seed, hyaline), contentType: 'image/png' };
}

export const mpRoutes: Route[] = [
  {
    method: 'POST',
    path: '/wxaapi/broadcast/role/addrole',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const { username } = call.body;
      const role = num(call.body.role);
      if (typeof username !== 'string' || username === '') fail(400001, 'invalid wechat id');
      if (role === 0) return ok(); // setting super admin has no effect
      const limit = role === undefined ? undefined : ROLE_LIMITS[role];
      if (role === undefined || limit === undefined) fail(200002, 'role must be 1, 2 or 3');
      const core = call.core;
      if (role === 2 && !core.isVerified(username)) {
        fail(400002, 'real-name verification required', {
          codeurl: `${call.baseUrl}/__emulator/realname?wechat=${encodeURIComponent(username)}`,
        });
      }
      const roles = core.state.roles.filter((r) => r.appid === call.appid);
      let member = roles.find((r) => r.username === username);
      if (member?.roles.includes(role)) fail(400004, 'role already assigned');
      if (roles.filter((r) => r.roles.includes(role)).length >= limit)
        fail(400003, 'role count limit reached');
      core.useQuota(call.appid, 'role', 10_000);
      if (!member) {
        member = { appid: call.appid, username, roles: [], updatedAt: 0 };
        core.state.roles.push(member);
      }
      member.roles.push(role);
      member.updatedAt = core.clock.nowMs();
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/wxaapi/broadcast/role/deleterole',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const core = call.core;
      const role = num(call.body.role);
      const member = core.state.roles.find(
        (r) => r.appid === call.appid && r.username === call.body.username,
      );
      if (!member || role === undefined || !member.roles.includes(role)) fail(400001, 'invalid wechat id');
      if (role === 2) {
        const pending = core.state.rooms.some(
          (r) =>
            r.appid === call.appid &&
            !r.deleted &&
            r.anchorWechat === member.username &&
            core.liveStatus(r) === 102,
        );
        if (pending) fail(400005, 'anchor has rooms that have not started');
      }
      member.roles = member.roles.filter((r) => r !== role);
      member.updatedAt = core.clock.nowMs();
      return ok();
    },
  },
  {
    method: 'GET',
    path: '/wxaapi/broadcast/role/getrolelist',
    realm: 'mp',
    handle(call) {
      const q = call.query;
      const role = num(q.get('role') ?? '-1') ?? -1;
      const offset = num(q.get('offset') ?? '0') ?? 0;
      const limit = Math.min(num(q.get('limit') ?? '10') ?? 10, 30);
      const keyword = q.get('keyword') ?? '';
      const all = call.core.state.roles.filter(
        (r) =>
          r.appid === call.appid &&
          r.roles.length > 0 &&
          (role === -1 || r.roles.includes(role)) &&
          (keyword === '' || r.username.includes(keyword)),
      );
      const mask = (u: string) => (u.length <= 2 ? u : `${u[0]}****${u[u.length - 1]}`);
      return ok({
        total: all.length,
        list: all.slice(offset, offset + limit).map((r) => ({
          headingimg: '',
          nickname: r.username,
          openid: `o-emu-${r.username}`,
          roleList: r.roles,
          updateTimestamp: String(Math.floor(r.updatedAt / 1000)),
          username: mask(r.username),
        })),
      });
    },
  },
  {
    method: 'POST',
    path: '/wxa/business/get_wxa_followers',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const limit = num(call.body.limit) ?? 200;
      if (limit < 1 || limit > 2000) fail(200002, 'limit must be 1–2000');
      call.core.useQuota(call.appid, 'get_wxa_followers', 5000);
      const all = call.core.state.followers.filter((f) => f.appid === call.appid || f.appid === '*');
      // page_break is opaque to callers; here it is the offset of the next page.
      const start = num(call.body.page_break) ?? 0;
      const page = all.slice(start, start + limit);
      return ok({
        followers: page.map((f) => {
          const room = call.core.state.rooms.find((r) => r.roomId === f.roomId);
          return {
            openid: f.openid,
            subscribe_time: Math.floor(f.subscribeTime / 1000),
            room_id: f.roomId,
            room_status: room ? call.core.liveStatus(room) : 102,
          };
        }),
        page_break: start + page.length,
      });
    },
  },
  {
    method: 'POST',
    path: '/wxa/business/push_message',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const core = call.core;
      const openids = call.body.user_openid;
      if (!Array.isArray(openids) || openids.length === 0) fail(200002, 'user_openid must not be empty');
      if (openids.length > 2000) fail(200002, 'user_openid must hold at most 2000 openids');
      const room = findRoom(core, call.appid, call.body.room_id);
      if (core.liveStatus(room) !== 101) fail(9410006, 'room is not live');
      // Once a day per app: pushing the same room again is allowed, another room is not.
      const dayKey = `${call.appid}|${core.clock.dayKey()}`;
      const pushed = core.state.pushedToday[dayKey];
      if (pushed !== undefined && pushed !== room.roomId)
        fail(9410005, 'another room was already pushed today');
      core.useQuota(call.appid, 'push_message', 5000);
      core.state.pushedToday[dayKey] = room.roomId;
      const messageId = String(4_000_000_000 + core.nextId());
      core.state.messages.push({
        kind: 'followers-push',
        id: messageId,
        appid: call.appid,
        at: core.clock.nowMs(),
        to: openids.map(String),
        content: { room_id: room.roomId },
      });
      return ok({ message_id: messageId });
    },
  },
  {
    method: 'POST',
    path: '/wxa/getwxacodeunlimit',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const b = call.body;
      if (typeof b.scene !== 'string' || b.scene === '') fail(40129, 'invalid scene');
      if (b.scene.length > 32) fail(40169, 'invalid length for scene, or the data is not json string');
      if (!isValidScene(b.scene)) fail(40129, 'invalid scene');
      if (b.page !== undefined) {
        if (typeof b.page !== 'string' || b.page.includes('scancode_time'))
          fail(85096, 'scancode_time is a reserved field');
        if (!isValidCodePage(b.page)) fail(41030, 'invalid page');
        // check_path (default true): the page must be in the released version (reference §8.1).
        const released = call.core.opts.releasedPages;
        if (b.check_path !== false && released && !released.includes(b.page)) fail(41030, 'invalid page');
      }
      const { width, hyaline } = codeOptions(b);
      call.core.useQuota(call.appid, 'getwxacodeunlimit', 5000 * 60 * 24);
      return image(width, `${call.appid}|${b.page ?? ''}|${b.scene}`, hyaline);
    },
  },
  {
    method: 'POST',
    path: '/wxa/getwxacode',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const b = call.body;
      if (typeof b.path !== 'string' || b.path === '' || b.path.length > 1024) {
        fail(40159, 'invalid length for path, or the data is not json string');
      }
      if (b.path.includes('scancode_time')) fail(85096, 'scancode_time is a reserved field');
      if (!isValidPagePath(b.path)) fail(41030, 'invalid page');
      const { width, hyaline } = codeOptions(b);
      // 100,000 codes over the account's lifetime; identical parameters are not counted again.
      const key = `${call.appid}|${b.path}|${width}|${hyaline}|${JSON.stringify(b.line_color ?? null)}|${b.env_version ?? ''}`;
      const keys = call.core.state.wxacodeKeys;
      if (!keys.includes(key)) {
        if (keys.filter((k) => k.startsWith(`${call.appid}|`)).length >= 100_000)
          fail(45029, 'qrcode count out of limit');
        keys.push(key);
      }
      return image(width, key, hyaline);
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/subscribe/send',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const b = call.body;
      if (typeof b.touser !== 'string' || b.touser === '') fail(40003, 'invalid openid');
      if (typeof b.template_id !== 'string' || b.template_id === '') fail(40037, 'invalid template_id');
      if (b.page !== undefined && (typeof b.page !== 'string' || !isValidPagePath(b.page)))
        fail(41030, 'invalid page');
      if (
        b.miniprogram_state !== undefined &&
        !['developer', 'trial', 'formal'].includes(b.miniprogram_state)
      ) {
        fail(47003, 'argument invalid! miniprogram_state invalid');
      }
      if (b.lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(b.lang)) {
        fail(47003, 'argument invalid! lang invalid');
      }
      const data = b.data;
      if (typeof data !== 'object' || data === null || Object.keys(data).length === 0)
        fail(47003, 'argument invalid! data is empty');
      for (const [key, v] of Object.entries(data as Record<string, { value?: unknown }>)) {
        const value = v?.value;
        // "emtpy" is the platform's own spelling (observed errmsg).
        if (value === undefined || value === null || value === '')
          fail(47003, `argument invalid! data.${key}.value is emtpy`);
        if (!isValidSubscribeValue(key, String(value)))
          fail(47003, `argument invalid! data.${key}.value invalid`);
      }
      const core = call.core;
      if (core.state.unsubscribed.includes(b.touser)) fail(43101, 'user refuse to accept the msg');
      core.state.messages.push({
        kind: 'subscribe',
        id: String(core.nextId()),
        appid: call.appid,
        at: core.clock.nowMs(),
        to: b.touser,
        content: {
          template_id: b.template_id,
          page: b.page,
          data,
          miniprogram_state: b.miniprogram_state ?? 'formal',
          lang: b.lang ?? 'zh_CN',
        },
      });
      return ok();
    },
  },
];
