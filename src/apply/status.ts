import { addCalendarDays, isWorkingDay } from '../campaign/calendar/working-days.js';
import { isChannels } from '../campaign/platform.js';
import { resolveTimes } from '../campaign/resolve.js';
import type { Campaign } from '../campaign/schema.js';
import { localDate } from '../campaign/time.js';
import { type OutboxSummary, outboxSummary } from '../reminders/outbox.js';
import type { StateStore } from '../state/port.js';
import type { AuditStatus, CampaignRecord, OutboxStatus, StateSnapshot } from '../state/types.js';
import type { MiniProgramClient } from '../wechat/index.js';
import type { WeChatPayClient } from '../wechatpay/client.js';
import { type ChannelsStatus, channelsPart, refreshChannels } from './channels-status.js';
import type { ChannelsClients } from './context.js';
import { type CouponStatus, couponsPart, refreshCoupons } from './coupon-status.js';
import { type ReconcileResult, reconcileGoods } from './reconcile.js';
import { StateWriter } from './state-writer.js';
import { addressId, isApiError } from './steps.js';

/**
 * `livectl status`: what the state store knows about a campaign, and with `refresh`, what the
 * platform says now (the room's live_status, the push address of a push room, the goods audit — the
 * reconcile records audit changes and puts newly approved goods into the room). Returns data; the
 * CLI renders it.
 */

export const STATUS_FORMAT_VERSION = 1;

export const LIVE_STATUS_TEXT: Record<number, string> = {
  101: 'live',
  102: 'not started',
  103: 'ended',
  104: 'banned',
  105: 'paused',
  106: 'abnormal',
  107: 'expired',
};

export interface GoodsStatus {
  productId: string;
  name?: string;
  goodsId?: string;
  auditStatus?: AuditStatus;
  /** When it was last submitted for audit (ISO). */
  submittedAt?: string;
  /** Working days (China's calendar) since submission, for goods in audit. */
  workingDaysWaiting?: number;
  inRoom: boolean;
  /** Why the audit or the add refused it, when known (captured at add time). */
  reason?: string;
  /** In the state, but no longer in the campaign file. */
  removed?: boolean;
}

export interface CampaignStatus {
  formatVersion: typeof STATUS_FORMAT_VERSION;
  campaign: string;
  statePath?: string;
  /** False when nothing was ever applied for this campaign. */
  known: boolean;
  serial?: number;
  lineage?: string;
  room?: {
    roomId?: string;
    name?: string;
    startTime?: string;
    endTime?: string;
    type: 'phone' | 'push';
    /** The sub-anchor's WeChat id as last applied (room.subAnchor). */
    subAnchor?: string;
    /** With refresh: the sub-anchor the platform reports (getsubanchor); '' for none. */
    subAnchorOnPlatform?: string;
    /** The room's assistants as last applied (during.assistants), by WeChat ID. */
    assistants?: { wechat: string; nickname: string }[];
    /** From getliveinfo (only with refresh) or the last refresh. */
    liveStatus?: number;
    liveStatusText?: string;
    liveStatusAt?: string;
    /** Push rooms, with refresh: the RTMP address (its txSecret is masked unless asked for). */
    pushAddr?: string;
    /** The platform no longer lists the room (refresh). */
    missing?: boolean;
  };
  goods: GoodsStatus[];
  codes: { wave: string; scene?: string; path?: string }[];
  /** Coupons as WeChat Pay stocks (accounts.wechatPay): stock id, state, how many were sent. */
  coupons?: CouponStatus[];
  /** Reminder outbox rows by status (all zero until apply writes the schedule). */
  outbox: Record<OutboxStatus, number>;
  /** The outbox in detail: next due, last sent, retries, skipped and failed with reasons. */
  reminders?: OutboxSummary;
  /**
   * `platform: channels`: the 视频号 reservation, the 微信小店 products and coupons, and (refresh) the
   * broadcast — live now, and after the end the dashboard's viewers, like rate, orders and GMV.
   */
  channels?: ChannelsStatus;
  /** Run-sheet marks made in `livectl console`: a lottery round drawn, a coupon drop done. */
  marks?: { cue: string; mark: string; title?: string; at: string }[];
  lastApply?: CampaignRecord['lastApply'];
  appliedHash?: string;
  /** What the refresh did. */
  refresh?: { reconcile: ReconcileResult; requests?: number };
}

export const EMPTY_OUTBOX: Record<OutboxStatus, number> = {
  pending: 0,
  claimed: 0,
  sent: 0,
  skipped: 0,
  failed: 0,
  cancelled: 0,
};

export interface StatusOptions {
  campaign: Campaign;
  store: StateStore;
  now: Date;
  statePath?: string;
  /** With refresh: the platform is asked (and what it says is recorded). */
  refresh?: {
    /** The mini program's live APIs (absent on channels). */
    mp?: MiniProgramClient;
    clock: { now(): Date };
    countRequests?: () => number;
    /** Asks WeChat Pay for each coupon stock's state and sent count. */
    wechatPay?: WeChatPayClient;
    /** `platform: channels`: the 微信小店 and 视频号助手 clients. */
    channels?: ChannelsClients;
  };
}

export async function campaignStatus(o: StatusOptions): Promise<CampaignStatus> {
  const name = o.campaign.metadata.name;
  let snapshot = await o.store.snapshot(name);
  let refresh: CampaignStatus['refresh'];
  let pushAddr: string | undefined;
  let subAnchorOnPlatform: string | undefined;
  let missing = false;
  const channels = isChannels(o.campaign);
  if (o.refresh && snapshot.campaign && channels && o.refresh.channels) {
    const r0 = o.refresh.countRequests?.() ?? 0;
    const writer = new StateWriter(o.store, name, o.refresh.clock, snapshot);
    await refreshChannels(writer, o.refresh.channels, o.campaign, resolveTimes(o.campaign));
    snapshot = writer.snapshot;
    const none = { polled: 0, changes: [], added: [], waiting: 0, notAdded: [], missing: [] };
    refresh = { reconcile: none, requests: (o.refresh.countRequests?.() ?? 0) - r0 };
  } else if (o.refresh?.mp && snapshot.campaign && !channels) {
    const mp = o.refresh.mp;
    const r0 = o.refresh.countRequests?.() ?? 0;
    const writer = new StateWriter(o.store, name, o.refresh.clock, snapshot);
    const room = writer.resource('room');
    if (room?.remoteId) {
      const rooms = await mp.rooms.listAll();
      const info = rooms.find((r) => String(r.roomid) === room.remoteId);
      if (info) {
        await writer.put({
          ...room,
          attributes: {
            ...room.attributes,
            liveStatus: Number(info.liveStatus),
            liveStatusAt: o.refresh.clock.now().toISOString(),
          },
        });
        if (Number(info.liveType) === 1 || room.attributes.type === 1) {
          try {
            pushAddr = (await mp.rooms.getPushUrl(Number(room.remoteId))).pushAddr;
          } catch (err) {
            if (!isApiError(err, 300022, 300023)) throw err;
          }
        }
        try {
          subAnchorOnPlatform = (await mp.rooms.getSubAnchor(Number(room.remoteId))).username;
        } catch (err) {
          if (!isApiError(err, 300022, 300023)) throw err;
        }
      } else missing = true;
    }
    const reconcile = await reconcileGoods({
      writer,
      mp,
      addToRoom: !missing,
      wanted: new Set(o.campaign.products.map((p) => p.id)),
    });
    if (o.refresh.wechatPay) await refreshCoupons(writer, o.refresh.wechatPay);
    snapshot = writer.snapshot;
    refresh = { reconcile, requests: (o.refresh.countRequests?.() ?? 0) - r0 };
  }
  const outbox = await outboxCounts(o.store, name);
  const file = (o.store as { path?: unknown }).path;
  const reminders =
    typeof file === 'string' && file !== ':memory:' ? await outboxSummary(o.store, name) : undefined;
  return {
    formatVersion: STATUS_FORMAT_VERSION,
    campaign: name,
    ...(o.statePath ? { statePath: o.statePath } : {}),
    known: Boolean(snapshot.campaign),
    ...(snapshot.campaign ? { serial: snapshot.campaign.serial, lineage: snapshot.campaign.lineage } : {}),
    ...roomPart(snapshot, pushAddr, missing, subAnchorOnPlatform),
    goods: channels ? [] : goodsPart(o.campaign, snapshot, o.now),
    codes: [...snapshot.resources.values()]
      .filter((r) => r.kind === 'code')
      .map((r) => ({
        wave: addressId(r.address),
        ...(typeof r.attributes.scene === 'string' ? { scene: r.attributes.scene } : {}),
        ...(typeof r.attributes.localPath === 'string' ? { path: r.attributes.localPath } : {}),
      })),
    ...(!channels && couponsPart(o.campaign, snapshot).length
      ? { coupons: couponsPart(o.campaign, snapshot) }
      : {}),
    outbox,
    ...(reminders ? { reminders } : {}),
    ...(channels ? { channels: channelsPart(o.campaign, snapshot, resolveTimes(o.campaign)) } : {}),
    ...marksPart(snapshot),
    ...(snapshot.campaign?.lastApply ? { lastApply: snapshot.campaign.lastApply } : {}),
    ...(snapshot.campaign?.appliedHash ? { appliedHash: snapshot.campaign.appliedHash } : {}),
    ...(refresh ? { refresh } : {}),
  };
}

function marksPart(s: StateSnapshot): Pick<CampaignStatus, 'marks'> {
  const marks = [...s.resources.values()]
    .filter((r) => r.kind === 'mark')
    .map((r) => {
      const a = r.attributes;
      return {
        cue: typeof a.cue === 'string' ? a.cue : addressId(r.address),
        mark: typeof a.mark === 'string' ? a.mark : 'done',
        ...(typeof a.title === 'string' ? { title: a.title } : {}),
        at: typeof a.at === 'string' ? a.at : r.updatedAt,
      };
    })
    .sort((a, b) => a.at.localeCompare(b.at) || a.cue.localeCompare(b.cue));
  return marks.length ? { marks } : {};
}

function roomPart(
  s: StateSnapshot,
  pushAddr: string | undefined,
  missing: boolean,
  subAnchorOnPlatform?: string,
): Pick<CampaignStatus, 'room'> {
  const r = s.resources.get('room');
  if (!r) return {};
  const sent = r.sent ?? {};
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const start = num(sent.startTime) ?? num(r.attributes.startTime);
  const end = num(sent.endTime) ?? num(r.attributes.endTime);
  const live = num(r.attributes.liveStatus);
  const type = (num(sent.type) ?? num(r.attributes.type)) === 1 ? 'push' : 'phone';
  return {
    room: {
      ...(r.remoteId ? { roomId: r.remoteId } : {}),
      ...(typeof sent.name === 'string' ? { name: sent.name } : {}),
      ...(start !== undefined ? { startTime: new Date(start * 1000).toISOString() } : {}),
      ...(end !== undefined ? { endTime: new Date(end * 1000).toISOString() } : {}),
      type,
      ...(typeof sent.subAnchorWechat === 'string' ? { subAnchor: sent.subAnchorWechat } : {}),
      ...(subAnchorOnPlatform !== undefined ? { subAnchorOnPlatform } : {}),
      ...(Array.isArray(sent.assistants) && sent.assistants.length
        ? {
            assistants: (sent.assistants as { username: string; nickname: string }[]).map((a) => ({
              wechat: a.username,
              nickname: a.nickname,
            })),
          }
        : {}),
      ...(live !== undefined
        ? {
            liveStatus: live,
            liveStatusText: LIVE_STATUS_TEXT[live] ?? String(live),
            ...(typeof r.attributes.liveStatusAt === 'string'
              ? { liveStatusAt: r.attributes.liveStatusAt }
              : {}),
          }
        : {}),
      ...(pushAddr ? { pushAddr } : {}),
      ...(missing ? { missing: true } : {}),
    },
  };
}

function goodsPart(c: Campaign, s: StateSnapshot, now: Date): GoodsStatus[] {
  const today = localDate(now, 'Asia/Shanghai');
  const out: GoodsStatus[] = [];
  const seen = new Set<string>();
  const one = (productId: string, name: string | undefined, removed: boolean): GoodsStatus => {
    const address = `goods/${productId}`;
    const rec = s.resources.get(address);
    const events = s.audits.get(address) ?? [];
    const lastPending = [...events].reverse().find((e) => e.status === 'pending');
    const submittedAt =
      typeof rec?.attributes.submittedAt === 'string' ? rec.attributes.submittedAt : lastPending?.at;
    const lastReject = [...events].reverse().find((e) => e.status === 'rejected');
    const status = rec?.auditStatus ?? (lastReject && !rec?.remoteId ? 'rejected' : undefined);
    return {
      productId,
      ...(name ? { name } : {}),
      ...(rec?.remoteId ? { goodsId: rec.remoteId } : {}),
      ...(status ? { auditStatus: status } : {}),
      ...(submittedAt ? { submittedAt } : {}),
      ...(status === 'pending' && submittedAt
        ? { workingDaysWaiting: workingDaysBetween(localDate(new Date(submittedAt), 'Asia/Shanghai'), today) }
        : {}),
      inRoom: Boolean(s.resources.get(`room-goods/${productId}`)?.remoteId),
      ...(status === 'rejected' && lastReject?.reason ? { reason: lastReject.reason } : {}),
      ...(removed ? { removed: true } : {}),
    };
  };
  for (const p of c.products) {
    seen.add(p.id);
    out.push(one(p.id, p.name, false));
  }
  for (const r of s.resources.values()) {
    if (r.kind !== 'goods') continue;
    const id = addressId(r.address);
    if (seen.has(id)) continue;
    out.push(one(id, typeof r.sent?.name === 'string' ? r.sent.name : undefined, true));
  }
  return out;
}

/** Reminder outbox rows of the campaign by status. */
export async function outboxCounts(
  store: StateStore,
  campaign: string,
): Promise<Record<OutboxStatus, number>> {
  return { ...EMPTY_OUTBOX, ...(await store.outbox().counts(campaign)) };
}

/** Working days after `from` up to and including `to` (both YYYY-MM-DD, China's calendar). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d < to; ) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d)) n++;
  }
  return n;
}
