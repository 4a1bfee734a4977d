import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { localDate } from '../campaign/time.js';
import type { ResourceRecord, StateSnapshot } from '../state/types.js';
import { EDIT_STATUS, type LiveData, PRODUCT_STATUS } from '../wechat/index.js';
import {
  checkReservation,
  NOTICE_AVAILABLE,
  NOTICE_CANCELLED,
  NOTICE_USED,
  RESERVATION_TOLERANCE_MS,
} from './channels-reservation.js';
import type { ChannelsClients } from './context.js';
import type { StateWriter } from './state-writer.js';
import { isApiError } from './steps.js';

/**
 * `status` of a `platform: channels` campaign: the reservation, the store products (audit, listed, in
 * the showcase), the store coupons, and — with `--refresh` — the broadcast: whether it is live now
 * (getfinderliverecordlist) and, once it has ended, the dashboard (getlivelist for the start's day,
 * getlivedata): viewers, like rate, orders and GMV. What the refresh read is recorded (the
 * `channels-live` record) so a later status without `--refresh` shows it too.
 */

export const LIVE_ADDRESS = 'channels-live';

export interface ChannelsStatus {
  /** The 视频号 live notice: recorded notice_id and what the last check saw. */
  reservation?: {
    noticeId?: string;
    /** ISO instant the notice announces. */
    startTime?: string;
    /** 0 available, 1 cancelled, 2 used (the broadcast took place) [U: the mini-program's enum]. */
    status?: number;
    statusText: string;
    /** True when the notice no longer matches the campaign: cancelled, or moved off the room's start. */
    drift?: boolean;
    checkedAt?: string;
  };
  products: {
    /** The campaign's product id. */
    product: string;
    name?: string;
    /** The 微信小店 product_id. */
    storeProductId?: string;
    /** Named by the campaign (`channels.productId`): checked, never delisted by destroy. */
    external?: boolean;
    auditStatus?: string;
    /** The store's draft edit_status (2 in audit, 3 rejected, 4 approved) and online status (5 listed). */
    editStatus?: number;
    status?: number;
    listed: boolean;
    inShowcase: boolean;
    /** Why the audit rejected it. */
    reason?: string;
  }[];
  coupons: {
    coupon: string;
    storeCouponId?: string;
    external?: boolean;
    /** 1 not effective, 2 effective, 3 expired, 4 voided, 5 deleted. */
    status?: number;
    statusText?: string;
    received?: number;
    used?: number;
  }[];
  /** With refresh (and recorded): the broadcast. */
  live?: {
    /** Live now (getfinderliverecordlist lists it). */
    live: boolean;
    /** The broadcast's export_id (live record or dashboard). */
    exportId?: string;
    description?: string;
    checkedAt: string;
    /**
     * After the end, from the live dashboard: viewers (cumulative audience), maxOnline (peak viewers
     * at once), likeRate (likes per 10,000 new viewers — the dashboard gives no like count), orders
     * (paid orders), gmv (yuan paid), averageWatchSeconds; likes (total likes, 喝彩) once the broadcast
     * has ended, when the 留资直播数据 switch is on (get_finder_live_data_list).
     */
    dashboard?: {
      viewers?: number;
      likes?: number;
      maxOnline?: number;
      likeRate?: number;
      orders?: number;
      gmv?: number;
      averageWatchSeconds?: number;
      at: string;
    };
  };
}

const COUPON_WORDS: Record<number, string> = {
  1: 'not effective',
  2: 'effective',
  3: 'expired',
  4: 'voided',
  5: 'deleted',
};

export function noticeWords(status: number | undefined): string {
  if (status === NOTICE_AVAILABLE) return 'available';
  if (status === NOTICE_CANCELLED) return 'cancelled';
  if (status === NOTICE_USED) return 'used';
  return status === undefined ? 'unknown' : `status ${status}`;
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The status's `channels` part, from the state alone. */
export function channelsPart(c: Campaign, s: StateSnapshot, times: CampaignTimes): ChannelsStatus {
  const res = (a: string): ResourceRecord | undefined => s.resources.get(a);
  const r = res('reservation');
  const start = times.start?.toISOString();
  const reservation: ChannelsStatus['reservation'] = r
    ? defined({
        noticeId: r.remoteId,
        startTime: str(r.attributes.startTime),
        status: num(r.attributes.status),
        statusText: noticeWords(num(r.attributes.status)),
        drift:
          r.attributes.status === NOTICE_CANCELLED ||
          (start !== undefined &&
            r.attributes.startTime !== undefined &&
            r.attributes.startTime !== start &&
            r.attributes.status !== NOTICE_USED &&
            Math.abs(Date.parse(String(r.attributes.startTime)) - Date.parse(start)) >
              RESERVATION_TOLERANCE_MS)
            ? true
            : undefined,
        checkedAt: str(r.attributes.checkedAt),
      })
    : { statusText: 'not found yet: a person creates it in 视频号' };
  const products = c.products.map((p) => {
    const rec = res(`store-product/${p.id}`);
    const a = rec?.attributes ?? {};
    const rejected =
      rec?.auditStatus === 'rejected'
        ? (s.audits.get(`store-product/${p.id}`) ?? []).at(-1)?.reason
        : undefined;
    return defined({
      product: p.id,
      name: p.name,
      storeProductId: rec?.remoteId,
      external: a.external === true ? true : undefined,
      auditStatus: rec?.auditStatus,
      editStatus: num(a.editStatus),
      status: num(a.status),
      listed: a.status === PRODUCT_STATUS.listed,
      inShowcase: Boolean(res(`showcase/${p.id}`)?.remoteId),
      reason: rejected,
    });
  });
  const coupons = c.coupons.map((k) => {
    const rec = res(`store-coupon/${k.id}`);
    const a = rec?.attributes ?? {};
    const status = num(a.status);
    return defined({
      coupon: k.id,
      storeCouponId: rec?.remoteId,
      external: a.external === true ? true : undefined,
      status,
      statusText: status !== undefined ? (COUPON_WORDS[status] ?? String(status)) : undefined,
      received: num(a.received),
      used: num(a.used),
    });
  });
  const l = res(LIVE_ADDRESS)?.attributes;
  const live: ChannelsStatus['live'] = l
    ? defined({
        live: l.live === true,
        exportId: str(l.exportId),
        description: str(l.description),
        checkedAt: str(l.checkedAt) ?? '',
        dashboard: l.dashboard as NonNullable<ChannelsStatus['live']>['dashboard'],
      })
    : undefined;
  return { ...(reservation ? { reservation } : {}), products, coupons, ...(live ? { live } : {}) };
}

/** What the dashboard says of one broadcast, in the status's words (fen → yuan). */
export function dashboardOf(
  d: LiveData,
  at: Date,
): NonNullable<NonNullable<ChannelsStatus['live']>['dashboard']> {
  const gmvFen = d.ec.totalGmv;
  return defined({
    viewers: d.ec.cumulativeAudienceCount ?? d.summary.newWatchUv,
    maxOnline: d.summary.maxOnlineWatchUv,
    likeRate: d.likeRate?.value,
    orders: d.ec.totalPayPv,
    gmv: gmvFen === undefined ? undefined : gmvFen / 100,
    averageWatchSeconds: d.summary.averageWatchSecondsPerAudience,
    at: at.toISOString(),
  });
}

/**
 * Total likes of an ended broadcast (get_finder_live_data_list, by end time since the start). Optional:
 * without the 留资直播数据 switch (48001) or before the list has it, none.
 */
async function totalLikes(
  clients: ChannelsClients,
  exportId: string,
  start: Date,
  now: Date,
): Promise<number | undefined> {
  try {
    const page = await clients.finder.liveDataList({ start: start.toISOString(), end: now.toISOString() });
    return page.items.find((i) => String(i.exportId) === exportId)?.totalCheerCount;
  } catch (err) {
    if (isApiError(err, 48001)) return undefined;
    throw err;
  }
}

/** `yyyymmdd` of an instant in China (the dashboard's day). */
const dsOf = (d: Date) => Number(localDate(d, 'Asia/Shanghai').replaceAll('-', ''));

/**
 * Asks the platform: the reservation, each tracked product's audit and listing, each coupon, whether
 * the broadcast is live, and after the end its dashboard. Records what it read.
 */
export async function refreshChannels(
  w: StateWriter,
  clients: ChannelsClients,
  c: Campaign,
  times: CampaignTimes,
): Promise<void> {
  const now = w.now();
  if (times.start) {
    await checkReservation(w, () => clients.finder.listNotices(), {
      start: times.start,
      description: c.room.name,
      timezone: c.metadata.timezone,
    });
  }
  for (const rec of w.resources('store-product/')) {
    if (!rec.remoteId) continue;
    try {
      const v = await clients.store.getProduct(rec.remoteId);
      const audit =
        v.editStatus === EDIT_STATUS.inAudit
          ? 'pending'
          : v.editStatus === EDIT_STATUS.rejected
            ? 'rejected'
            : v.editStatus === EDIT_STATUS.approved || v.status === PRODUCT_STATUS.listed
              ? 'approved'
              : 'unaudited';
      if (audit !== rec.auditStatus) {
        const reason =
          audit === 'rejected'
            ? (v.draft?.auditInfo?.rejectReason ?? v.online?.auditInfo?.rejectReason)
            : undefined;
        await w.audit({
          address: rec.address,
          at: now.toISOString(),
          status: audit,
          ...(reason ? { reason } : {}),
        });
      }
      const cur = w.resource(rec.address)!;
      await w.put({
        ...cur,
        auditStatus: audit,
        attributes: {
          ...cur.attributes,
          editStatus: v.editStatus,
          status: v.status,
          checkedAt: now.toISOString(),
        },
      });
    } catch (err) {
      if (!isApiError(err, 10020052)) throw err;
      await w.put({ ...rec, attributes: { ...rec.attributes, missing: true, checkedAt: now.toISOString() } });
    }
  }
  for (const rec of w.resources('store-coupon/')) {
    if (!rec.remoteId) continue;
    const k = await clients.store.getCoupon(rec.remoteId);
    await w.put({
      ...rec,
      attributes: {
        ...rec.attributes,
        status: k.status,
        received: k.stock.receiveNum,
        used: k.stock.usedNum,
        checkedAt: now.toISOString(),
      },
    });
  }
  await refreshLive(w, clients, c, times);
}

async function refreshLive(w: StateWriter, clients: ChannelsClients, c: Campaign, times: CampaignTimes) {
  const now = w.now();
  const prev = w.resource(LIVE_ADDRESS);
  const records = await clients.finder.listLiveRecords();
  const rec = records[0];
  let exportId = rec ? String(rec.exportId) : str(prev?.attributes.exportId);
  let dashboard = prev?.attributes.dashboard;
  const ended = !rec && times.start !== undefined && now >= times.start;
  if (ended && times.start) {
    if (!exportId) {
      // The dashboard lists the day's e-commerce broadcasts: the one that started nearest the room's start.
      const items = (await clients.finder.liveList(dsOf(times.start))).items;
      const start = times.start.getTime();
      const near = items
        .map((i) => ({
          i,
          d: i.createTime ? Math.abs(Date.parse(i.createTime) - start) : Number.MAX_SAFE_INTEGER,
        }))
        .sort((a, b) => a.d - b.d)[0];
      exportId = near ? String(near.i.exportId) : undefined;
    }
    if (exportId) {
      try {
        dashboard = dashboardOf(await clients.finder.liveData(exportId), now);
      } catch (err) {
        if (!isApiError(err, 1)) throw err;
      }
      const likes = await totalLikes(clients, exportId, times.start, now);
      if (dashboard && likes !== undefined) dashboard = { ...(dashboard as object), likes };
    }
  }
  await w.put({
    address: LIVE_ADDRESS,
    kind: 'channels-live',
    ...(exportId ? { remoteId: exportId } : {}),
    attributes: defined({
      live: Boolean(rec),
      exportId,
      description: rec?.description ?? str(prev?.attributes.description),
      checkedAt: now.toISOString(),
      dashboard,
      room: c.room.name,
    }),
  });
}
