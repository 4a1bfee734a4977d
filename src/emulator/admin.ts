import { ChannelsAdminError, channelsAdmin, channelsView } from './channels-admin.js';
import type { FaultRequest } from './faults.js';
import { codePng } from './png.js';
import type { Reply } from './route.js';
import { payAdmin } from './routes-pay.js';
import type { EmulatorRuntime } from './server.js';

/**
 * The admin API under /__emulator/ (binding: tests outside the project use it). Plain JSON in and out;
 * bad input is HTTP 400 `{error}` so it cannot be mistaken for a platform answer.
 */

class AdminError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function parseTime(v: unknown): number {
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw new AdminError('now must be an ISO-8601 instant or epoch milliseconds');
  return ms;
}

export function stateView(rt: EmulatorRuntime): Record<string, unknown> {
  const core = rt.core;
  core.tick();
  const s = core.state;
  return {
    now: iso(core.clock.nowMs()),
    rooms: s.rooms.map((r) => ({
      ...r,
      liveStatus: core.liveStatus(r),
      startAt: iso(r.startTime * 1000),
      endAt: iso(r.endTime * 1000),
      createdAt: iso(r.createdAt),
    })),
    goods: s.goods.map((g) => ({
      ...g,
      auditSubmittedAt: iso(g.auditSubmittedAt),
      createdAt: iso(g.createdAt),
    })),
    media: s.media.map((m) => ({
      ...m,
      createdAt: iso(m.createdAt),
      expiresAt: iso(m.expiresAt),
      expired: m.expiresAt !== undefined && m.expiresAt <= core.clock.nowMs(),
    })),
    tasks: s.tasks.map((t) => ({
      ...t,
      status: t.cancelledAt !== undefined ? 'cancelled' : t.confirmedAt !== undefined ? 'sent' : 'pending',
      created: iso(t.created),
      confirmedAt: iso(t.confirmedAt),
      cancelledAt: iso(t.cancelledAt),
      reminders: t.reminders.map(iso),
    })),
    messages: s.messages.map((m) => ({ ...m, at: iso(m.at) })),
    menus: s.menus.map((m) => ({ ...m, createdAt: iso(m.createdAt) })),
    drafts: s.drafts.map((d) => ({ ...d, createdAt: iso(d.createdAt) })),
    mass: s.mass.map((m) => ({ ...m, at: iso(m.at) })),
    roles: s.roles,
    followers: s.followers,
    verifiedWechat: s.verifiedWechat,
    unsubscribed: s.unsubscribed,
    quotas: s.quotas,
    ...(s.channels ? { channels: channelsView(rt) } : {}),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: admin bodies are untrusted JSON, checked per endpoint.
type Body = Record<string, any>;

export function handleAdmin(
  rt: EmulatorRuntime,
  method: string,
  path: string,
  query: URLSearchParams,
  raw: Buffer,
): { status: number; body: unknown } {
  try {
    let body: Body = {};
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Body;
      } catch {
        throw new AdminError('body must be JSON');
      }
    }
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    const out = run(rt, route, query, body);
    return { status: 200, body: out };
  } catch (err) {
    if (err instanceof AdminError || err instanceof ChannelsAdminError)
      return { status: err.status, body: { error: err.message } };
    return { status: 400, body: { error: err instanceof Error ? err.message : String(err) } };
  }
}

function run(rt: EmulatorRuntime, route: string, query: URLSearchParams, body: Body): unknown {
  const core = rt.core;
  const s = core.state;
  const goods = (id: unknown) => {
    const g = s.goods.find((x) => x.goodsId === Number(id));
    if (!g) throw new AdminError(`no goods ${id}`, 404);
    return g;
  };
  switch (route) {
    case 'GET /__emulator/state':
      return stateView(rt);
    case 'POST /__emulator/clock':
      if (body.advanceMs !== undefined) core.clock.advance(Number(body.advanceMs));
      else core.clock.set(parseTime(body.now));
      core.tick();
      return { ok: true, now: iso(core.clock.nowMs()) };
    case 'POST /__emulator/reset':
      core.reset();
      rt.faults.clear();
      rt.log.clear();
      if (body.now !== undefined) core.clock.set(parseTime(body.now));
      return { ok: true, now: iso(core.clock.nowMs()) };
    case 'POST /__emulator/goods/approve': {
      const g = goods(body.goodsId);
      g.auditStatus = 2;
      g.rejectReason = undefined;
      return { ok: true, goods: g };
    }
    case 'POST /__emulator/goods/reject': {
      const g = goods(body.goodsId);
      g.auditStatus = 3;
      g.rejectReason = typeof body.reason === 'string' ? body.reason : 'rejected by the emulator admin';
      return { ok: true, goods: g };
    }
    case 'POST /__emulator/faults':
      rt.faults.apply(body as FaultRequest);
      return { ok: true, faults: rt.faults.list() };
    case 'GET /__emulator/faults':
      return { faults: rt.faults.list() };
    case 'GET /__emulator/requests':
      return { requests: rt.log.list() };
    case 'POST /__emulator/requests/clear':
      rt.log.clear();
      return { ok: true };
    case 'POST /__emulator/anchors/verify':
    case 'GET /__emulator/realname': {
      // GET /realname is the `qrcode_url` handed out with 300036: "scanning" it verifies the id.
      const wechat = route.startsWith('GET') ? query.get('wechat') : body.wechat;
      if (typeof wechat !== 'string' || wechat === '') throw new AdminError('wechat is required');
      if (!s.verifiedWechat.includes(wechat)) s.verifiedWechat.push(wechat);
      return { ok: true, verified: wechat };
    }
    case 'POST /__emulator/anchors/unverify':
      s.verifiedWechat = s.verifiedWechat.filter((w) => w !== body.wechat);
      return { ok: true };
    case 'POST /__emulator/subscribers/unsubscribe':
      for (const o of ids(body.openid ?? body.openids))
        if (!s.unsubscribed.includes(o)) s.unsubscribed.push(o);
      return { ok: true, unsubscribed: s.unsubscribed };
    case 'POST /__emulator/subscribers/subscribe': {
      const back = new Set(ids(body.openid ?? body.openids));
      s.unsubscribed = s.unsubscribed.filter((o) => !back.has(o));
      return { ok: true, unsubscribed: s.unsubscribed };
    }
    case 'POST /__emulator/followers': {
      const list = ids(body.openids ?? body.openid);
      for (const openid of list) {
        s.followers.push({
          appid: body.appid ?? '*',
          openid,
          roomId: Number(body.roomId ?? 0),
          subscribeTime: core.clock.nowMs(),
        });
      }
      return { ok: true, added: list.length };
    }
    case 'POST /__emulator/rooms/status': {
      const room = s.rooms.find((r) => r.roomId === Number(body.roomId));
      if (!room) throw new AdminError(`no room ${body.roomId}`, 404);
      // null clears the override; the clock decides again.
      room.statusOverride = body.liveStatus === null ? undefined : Number(body.liveStatus);
      return { ok: true, liveStatus: core.liveStatus(room) };
    }
    case 'POST /__emulator/rooms/replay': {
      const room = s.rooms.find((r) => r.roomId === Number(body.roomId));
      if (!room) throw new AdminError(`no room ${body.roomId}`, 404);
      if (body.ready !== true && body.ready !== false && body.ready !== null)
        throw new AdminError('ready must be true, false or null');
      // null clears the override: the replay appears about 10 minutes after the end, when kept.
      room.replayOverride = body.ready === null ? undefined : body.ready;
      return { ok: true, ready: room.replayOverride ?? null, liveStatus: core.liveStatus(room) };
    }
    case 'POST /__emulator/tasks/confirm': {
      const now = core.clock.nowMs();
      const hit = s.tasks.filter(
        (t) =>
          t.confirmedAt === undefined &&
          t.cancelledAt === undefined &&
          (body.id === undefined || t.id === body.id || t.momentId === body.id),
      );
      for (const t of hit) core.confirmTask(t, now);
      return { ok: true, confirmed: hit.map((t) => t.id) };
    }
    case 'POST /__emulator/tokens/revoke':
    case 'POST /__emulator/tokens/expire': {
      const now = core.clock.nowMs();
      const hit = s.tokens.filter(
        (t) =>
          (body.appid === undefined || t.appid === body.appid) &&
          (body.token === undefined || t.token === body.token),
      );
      for (const t of hit) {
        if (route.endsWith('revoke')) t.revokedAt = now;
        else t.expiresAt = now;
      }
      return { ok: true, affected: hit.length };
    }
    case 'POST /__emulator/robot/revoke':
      if (typeof body.key !== 'string') throw new AdminError('key is required');
      s.revokedRobotKeys.push(body.key);
      return { ok: true };
    case 'GET /__emulator/image': {
      const width = Math.min(Math.max(Number(query.get('width') ?? 430) || 430, 16), 2000);
      return {
        binary: codePng(width, query.get('seed') ?? '', false),
        contentType: 'image/png',
      } satisfies Reply;
    }
    default: {
      const pay = payAdmin(rt, route, body);
      if (pay !== undefined) return pay;
      const ch = channelsAdmin(rt, route, body);
      if (ch !== undefined) return ch;
      throw new AdminError(`unknown admin endpoint ${route}`, 404);
    }
  }
}

function ids(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.map(String);
  throw new AdminError('openid(s) required');
}
