import {
  CAPABILITIES,
  type ChannelsAccount,
  type ChannelsLive,
  channels,
  decideProductAudit,
  type LiveFigures,
  nextChannelsId,
  registerAccount,
} from './channels-state.js';
import type { EmulatorRuntime } from './server.js';

/**
 * The admin API of the 视频号 + 微信小店 emulation: what a person does in the app or the back office
 * (create or cancel a live reservation, start and end a broadcast, bind the store, open a capability's
 * switch) and what the platform decides (a product's audit). Under /__emulator/channels:
 *
 *   GET  (the channels model)
 *   POST accounts {shopAppId?, assistantAppId?, finderUserName?, nickname?, fansCount?}
 *   POST bind {finderUserName | assistantAppId, shopAppId, bound?: false}
 *   POST switches {finderUserName | assistantAppId (absent: every account), window?, liveEcData?, leads?, leadsLiveData?, live?}
 *   POST quota {shopAppId, total?, used?}            listing submissions a day, and today's count
 *   POST categories {path: [cat_id root → leaf]}     one more approved category
 *   POST notices {finderUserName, startTime, description} → {noticeId};  POST notices/<noticeId>/cancel
 *   POST lives {finderUserName, description, startTime?, ecommerce?, viewers?, likes?, orders?, gmv?} → {exportId}
 *   POST lives/<exportId>/data {viewers?, likes?, orders?, gmv?}   while live
 *   POST lives/<exportId>/end {viewers, likes, orders, gmv (fen), endTime?}
 *   POST products/<productId>/reject {reason};  POST products/<productId>/approve   (only in audit)
 *   POST coupons/<couponId>/receive {received?, used?}   stock counters
 *
 * Times: ISO-8601, epoch milliseconds or Unix seconds. Returns undefined for other routes.
 */

// biome-ignore lint/suspicious/noExplicitAny: admin bodies are untrusted JSON, checked per endpoint.
type Body = Record<string, any>;

export class ChannelsAdminError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** An instant as ISO-8601, epoch milliseconds, or Unix seconds (below 10^11) → Unix seconds. */
function seconds(v: unknown, name: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.floor(v < 1e11 ? v : v / 1000);
  if (typeof v === 'string' && v !== '') {
    const ms = /^\d+$/.test(v) ? seconds(Number(v), name) * 1000 : Date.parse(v);
    if (Number.isFinite(ms)) return Math.floor(ms / 1000);
  }
  throw new ChannelsAdminError(`${name} must be an ISO-8601 instant or a Unix time`);
}

function text(v: unknown, name: string): string {
  if (typeof v !== 'string' || v === '') throw new ChannelsAdminError(`${name} is required`);
  return v;
}

function figures(b: Body, base: LiveFigures): LiveFigures {
  const n = (k: keyof LiveFigures) => {
    const v = b[k];
    if (v === undefined) return base[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new ChannelsAdminError(`${k} must be a number ≥ 0`);
    return Math.round(v);
  };
  return { viewers: n('viewers'), likes: n('likes'), orders: n('orders'), gmv: n('gmv') };
}

function assistantByName(rt: EmulatorRuntime, finderUserName: string): ChannelsAccount {
  const a = channels(rt.core).accounts.find(
    (x) => x.role === 'assistant' && x.finderUserName === finderUserName,
  );
  if (!a)
    throw new ChannelsAdminError(
      `no 视频号 ${finderUserName}: register it with POST /__emulator/channels/accounts {assistantAppId, finderUserName}`,
      404,
    );
  return a;
}

function assistantOf(rt: EmulatorRuntime, b: Body): ChannelsAccount {
  if (typeof b.finderUserName === 'string') return assistantByName(rt, b.finderUserName);
  const a = channels(rt.core).accounts.find((x) => x.role === 'assistant' && x.appid === b.assistantAppId);
  if (!a)
    throw new ChannelsAdminError(
      'assistantAppId or finderUserName of a registered 视频号助手 is required',
      404,
    );
  return a;
}

function live(rt: EmulatorRuntime, exportId: string): ChannelsLive {
  const l = channels(rt.core).lives.find((x) => x.exportId === exportId);
  if (!l) throw new ChannelsAdminError(`no broadcast ${exportId}`, 404);
  return l;
}

export function channelsView(rt: EmulatorRuntime): Record<string, unknown> {
  rt.core.tick();
  const st = channels(rt.core);
  return {
    ...st,
    notices: st.notices.map((n) => ({ ...n, startAt: iso(n.startTime * 1000) })),
    lives: st.lives.map((l) => ({
      ...l,
      startAt: iso(l.startTime * 1000),
      ...(l.endTime ? { endAt: iso(l.endTime * 1000) } : {}),
    })),
  };
}

export function channelsAdmin(rt: EmulatorRuntime, route: string, body: Body): unknown {
  if (!route.includes(' /__emulator/channels')) return undefined;
  const core = rt.core;
  const st = channels(core);
  const now = core.clock.nowMs();
  if (route === 'GET /__emulator/channels') return channelsView(rt);
  if (route === 'POST /__emulator/channels/accounts') {
    const out: Record<string, unknown> = { ok: true };
    if (body.shopAppId !== undefined)
      out.shop = registerAccount(core, { appid: text(body.shopAppId, 'shopAppId'), role: 'shop' });
    if (body.assistantAppId !== undefined)
      out.assistant = registerAccount(core, {
        appid: text(body.assistantAppId, 'assistantAppId'),
        role: 'assistant',
        ...(typeof body.finderUserName === 'string' ? { finderUserName: body.finderUserName } : {}),
        ...(typeof body.nickname === 'string' ? { nickname: body.nickname } : {}),
        ...(typeof body.fansCount === 'number' ? { fansCount: body.fansCount } : {}),
      });
    if (Object.keys(out).length === 1)
      throw new ChannelsAdminError('shopAppId and/or assistantAppId is required');
    return out;
  }
  if (route === 'POST /__emulator/channels/bind') {
    const a = assistantOf(rt, body);
    const shop = text(body.shopAppId, 'shopAppId');
    registerAccount(core, { appid: shop, role: 'shop' });
    a.boundShops = a.boundShops.filter((s) => s !== shop);
    if (body.bound !== false) a.boundShops.push(shop);
    return { ok: true, finderUserName: a.finderUserName, boundShops: a.boundShops };
  }
  if (route === 'POST /__emulator/channels/switches') {
    const target =
      body.assistantAppId !== undefined || body.finderUserName !== undefined
        ? assistantOf(rt, body).switches
        : st.defaultSwitches;
    for (const c of CAPABILITIES) {
      if (body[c] === undefined) continue;
      if (typeof body[c] !== 'boolean') throw new ChannelsAdminError(`${c} must be true or false`);
      target[c] = body[c];
    }
    return { ok: true, switches: target, capabilities: CAPABILITIES };
  }
  if (route === 'POST /__emulator/channels/quota') {
    const appid = text(body.shopAppId, 'shopAppId');
    if (body.total !== undefined) st.auditQuota[appid] = Number(body.total);
    if (body.used !== undefined)
      core.state.quotas[`${appid}|channels/product/audit|${core.clock.dayKey()}`] = Number(body.used);
    return { ok: true };
  }
  if (route === 'POST /__emulator/channels/categories') {
    const path = body.path;
    if (!Array.isArray(path) || path.length === 0)
      throw new ChannelsAdminError('path (cat ids root to leaf) is required');
    st.categories.push(path.map(String));
    return { ok: true };
  }
  if (route === 'POST /__emulator/channels/notices') {
    const a = assistantByName(rt, text(body.finderUserName, 'finderUserName'));
    const notice = {
      noticeId: nextChannelsId(core, '4', 16),
      finderUserName: a.finderUserName ?? '',
      startTime: seconds(body.startTime, 'startTime'),
      description: typeof body.description === 'string' ? body.description : '',
      status: 0,
      createdAt: now,
    };
    st.notices.push(notice);
    return { ok: true, noticeId: notice.noticeId };
  }
  const cancel = /^POST \/__emulator\/channels\/notices\/(\d+)\/cancel$/.exec(route)?.[1];
  if (cancel !== undefined) {
    const n = st.notices.find((x) => x.noticeId === cancel);
    if (!n) throw new ChannelsAdminError(`no notice ${cancel}`, 404);
    n.status = 1;
    return { ok: true, noticeId: n.noticeId, status: n.status };
  }
  if (route === 'POST /__emulator/channels/lives') {
    const a = assistantByName(rt, text(body.finderUserName, 'finderUserName'));
    if (st.lives.some((l) => l.finderUserName === a.finderUserName && l.endTime === undefined))
      throw new ChannelsAdminError(`${a.finderUserName} is already live`, 409);
    const start =
      body.startTime === undefined ? Math.floor(now / 1000) : seconds(body.startTime, 'startTime');
    const l: ChannelsLive = {
      exportId: `export/${nextChannelsId(core, '5', 19)}`,
      finderUserName: a.finderUserName ?? '',
      description: typeof body.description === 'string' ? body.description : '',
      startTime: start,
      ecommerce: body.ecommerce !== false,
      figures: figures(body, { viewers: 0, likes: 0, orders: 0, gmv: 0 }),
    };
    st.lives.push(l);
    // [U] a broadcast starting within an hour of an available notice uses it (reservers are reminded).
    for (const n of st.notices)
      if (n.finderUserName === l.finderUserName && n.status === 0 && Math.abs(n.startTime - start) <= 3600)
        n.status = 2;
    return { ok: true, exportId: l.exportId };
  }
  const lv = /^POST \/__emulator\/channels\/lives\/(.+)\/(end|data)$/.exec(route);
  if (lv) {
    const l = live(rt, decodeURIComponent(lv[1] ?? ''));
    if (lv[2] === 'end') {
      if (l.endTime !== undefined) throw new ChannelsAdminError(`broadcast ${l.exportId} already ended`, 409);
      l.endTime = body.endTime === undefined ? Math.floor(now / 1000) : seconds(body.endTime, 'endTime');
    }
    l.figures = figures(body, l.figures);
    return { ok: true, exportId: l.exportId, figures: l.figures, ended: l.endTime !== undefined };
  }
  const pr = /^POST \/__emulator\/channels\/products\/(\d+)\/(reject|approve)$/.exec(route);
  if (pr) {
    const p = st.products.find((x) => x.productId === pr[1] && x.status !== 9);
    if (!p) throw new ChannelsAdminError(`no product ${pr[1]}`, 404);
    if (p.editStatus !== 2)
      throw new ChannelsAdminError(
        `product ${p.productId} is not in audit (edit_status ${p.editStatus})`,
        409,
      );
    decideProductAudit(
      core,
      p,
      pr[2] === 'reject'
        ? typeof body.reason === 'string' && body.reason
          ? body.reason
          : 'rejected by the emulator admin'
        : undefined,
    );
    return { ok: true, productId: p.productId, editStatus: p.editStatus, status: p.status };
  }
  const rc = /^POST \/__emulator\/channels\/coupons\/(\d+)\/receive$/.exec(route)?.[1];
  if (rc !== undefined) {
    const c = st.coupons.find((x) => x.couponId === rc);
    if (!c) throw new ChannelsAdminError(`no coupon ${rc}`, 404);
    c.receiveNum += Number(body.received ?? 1);
    c.usedNum += Number(body.used ?? 0);
    return { ok: true, couponId: c.couponId, receiveNum: c.receiveNum, usedNum: c.usedNum };
  }
  throw new ChannelsAdminError(`unknown admin endpoint ${route}`, 404);
}
