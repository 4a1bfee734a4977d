import {
  arr,
  defined,
  dsOf,
  id,
  isoFromSeconds,
  num,
  obj,
  optNum,
  secondsOf,
  str,
  toUnixSeconds,
  type Wire,
} from './channels-wire.js';
import type { Transport } from './http.js';
import type { Id } from './ids.js';
import type { TokenBroker } from './token-broker.js';
import { camelizeAnswer } from './wire-shape.js';

/**
 * The 视频号助手 account (its own token): live reservations (notices) and live records — read only, no
 * API creates either —, the 视频号's attributes, the showcase (橱窗) and the live dashboard. Each
 * capability has an "open scene" switch in 视频号助手 → 直播 → 开放能力; one that is off answers 48001.
 */

/** Notice status [U: the server enum is undocumented; the mini-program one]: 0 available, 1 cancelled, 2 used. */
export type NoticeStatus = number;

export interface LiveNotice {
  noticeId: Id;
  status: NoticeStatus;
  statusWording?: string;
  /** The reservation's start, ISO-8601 (sent as Unix seconds in a string or a number). */
  startTime: string;
  startTimeSec: number;
  description: string;
  nickname?: string;
  headUrl?: string;
}

/** A broadcast that is live now (the list is empty otherwise). */
export interface LiveRecord {
  exportId: Id;
  description: string;
  coverUrl?: string;
  nickname?: string;
  headUrl?: string;
}

export interface FinderAttr {
  /** The `sph…` id the mini program's wx.*ChannelsLive* calls take. */
  uniqId: string;
  nickname: string;
  fansCount: number;
}

/** Window status [enum text U]: 1 in the window, 2 not in the window, 3 deleted at the source. */
export interface WindowProduct {
  productId: Id;
  appid: string;
  outProductId?: string;
  title?: string;
  imgUrl?: string;
  status: number;
  /** Fen. */
  marketPrice?: number;
  sellingPrice?: number;
  stock?: number;
  isHideForWindow: boolean;
  banned: boolean;
}

export interface WindowPage {
  products: { productId: Id; appid: string; outProductId?: string }[];
  /** Hand back for the next page; '' at the end. */
  lastBuffer: string;
  totalNum?: number;
}

export interface DashboardLive {
  exportId: Id;
  /** ISO-8601. */
  createTime?: string;
}

export interface LiveList {
  items: DashboardLive[];
  hasMore: boolean;
  traceId?: string;
}

/** like_uv_over_new_watch_uv: a rate in 万分比 (per ten thousand) over the last n minutes, not a count. */
export interface LikeRate {
  value: number;
  n?: number;
  lastNMinsValue?: number;
  last2nToNMinsValue?: number;
  percentile?: number;
}

export interface LiveData {
  exportId: Id;
  traceId?: string;
  /** `on_air` while live, `ended` after. */
  living: boolean;
  likeRate?: LikeRate;
  /** ISO-8601. */
  startTime?: string;
  durationSec?: number;
  /** live_dashboard_data.summary: newWatchUv, maxOnlineWatchUv, averageWatchSecondsPerAudience, … */
  summary: Record<string, number>;
  /** live_ec_data_summary: totalGmv (fen), totalPayPv, totalPayUv, cumulativeAudienceCount, … */
  ec: Record<string, number>;
  /** The whole answer camelCased (fields are [U] beyond the top level). */
  raw: Record<string, unknown>;
}

/** One ended broadcast of get_finder_live_data_list (the 留资直播数据 capability). */
export interface FinishedLive {
  exportId: Id;
  /** ISO-8601. */
  startTime?: string;
  durationSec: number;
  totalAudienceCount: number;
  /** 喝彩: the broadcast's likes in all, known only after its end. */
  totalCheerCount: number;
  forwardCount: number;
  totalCommentCount: number;
  maxOnlineCount: number;
  newFollowCount: number;
}

export interface FinishedLivePage {
  items: FinishedLive[];
  lastBuffer: string;
  continueFlag: boolean;
}

const LIVE = '/channels/ec/finderlive';
const WINDOW = '/channels/ec/window/product';
const DASH = '/channels/livedashboard';
/** window/product/list/get takes at most 200 a page. */
export const WINDOW_PAGE_MAX = 200;

export class ChannelsFinderClient {
  constructor(
    private readonly t: Transport,
    readonly tokens: TokenBroker,
  ) {}

  private post(path: string, json: unknown, idempotent: boolean): Promise<Wire> {
    return this.t.json({ path, method: 'POST', json, auth: this.tokens, idempotent });
  }

  /** The account's live reservations (直播预约), whatever their status. */
  async listNotices(): Promise<LiveNotice[]> {
    const a = await this.post(`${LIVE}/getfinderlivenoticerecordlist`, {}, true);
    return arr(a.live_notice_list).map((n) => {
      const sec = secondsOf(n.start_time) ?? 0;
      return {
        noticeId: id(n.notice_id),
        status: num(n.status),
        startTime: new Date(sec * 1000).toISOString(),
        startTimeSec: sec,
        description: String(n.description ?? ''),
        ...defined({
          statusWording: str(n.status_wording),
          nickname: str(n.nickname),
          headUrl: str(n.head_url),
        }),
      };
    });
  }

  /** The broadcast live right now, if any (the list is empty outside a broadcast). */
  async listLiveRecords(): Promise<LiveRecord[]> {
    const a = await this.post(`${LIVE}/getfinderliverecordlist`, {}, true);
    return arr(a.live_list).map((r) => ({
      exportId: id(r.export_id),
      description: String(r.description ?? ''),
      ...defined({ coverUrl: str(r.cover_url), nickname: str(r.nickname), headUrl: str(r.head_url) }),
    }));
  }

  async finderAttr(): Promise<FinderAttr> {
    const a = obj((await this.post('/channels/finderlive/get_finder_attr_by_appid', {}, true)).finder_attr);
    return {
      uniqId: String(a.uniq_id ?? ''),
      nickname: String(a.nickname ?? ''),
      fansCount: num(a.fans_count),
    };
  }

  /** Puts a store product in the 橱窗; `appid` is the store's, which must be bound to this 视频号 (10022008). */
  async addWindowProduct(q: { productId: Id; appid: string; hidden?: boolean }): Promise<void> {
    await this.post(
      `${WINDOW}/add`,
      {
        product_id: q.productId,
        appid: q.appid,
        ...(q.hidden === undefined ? {} : { is_hide_for_window: q.hidden }),
      },
      true,
    );
  }

  async getWindowProduct(q: { productId: Id; appid: string }): Promise<WindowProduct> {
    const a = await this.post(`${WINDOW}/get`, { product_id: q.productId, appid: q.appid }, true);
    const p = obj(a.product);
    return {
      productId: id(p.product_id ?? q.productId),
      appid: String(p.appid ?? q.appid),
      status: num(p.status),
      isHideForWindow: p.is_hide_for_window === true || p.is_hide_for_window === 1,
      banned: p.banned === true || p.banned === 1,
      ...defined({
        outProductId: str(p.out_product_id),
        title: str(p.title),
        imgUrl: str(p.img_url),
        marketPrice: optNum(p.market_price),
        sellingPrice: optNum(p.selling_price),
        stock: optNum(p.stock),
      }),
    };
  }

  /** One page; follow `lastBuffer` (page_index × page_size is capped, so no page numbers). */
  async listWindowProducts(
    q: { appid?: string; pageSize?: number; lastBuffer?: string } = {},
  ): Promise<WindowPage> {
    const a = await this.post(
      `${WINDOW}/list/get`,
      defined({
        appid: q.appid,
        page_size: Math.min(q.pageSize ?? 100, WINDOW_PAGE_MAX),
        last_buffer: q.lastBuffer || undefined,
        need_total_num: true,
      }),
      true,
    );
    return {
      products: arr(a.products).map((p) => ({
        productId: id(p.product_id),
        appid: String(p.appid ?? ''),
        ...(p.out_product_id ? { outProductId: String(p.out_product_id) } : {}),
      })),
      lastBuffer: String(a.last_buffer ?? ''),
      ...(a.total_num === undefined ? {} : { totalNum: num(a.total_num) }),
    };
  }

  /** Takes it out of the 橱窗. For the store's own products this has no practical effect (they follow the store). */
  async offWindowProduct(q: { productId: Id; appid: string }): Promise<void> {
    await this.post(`${WINDOW}/off`, { product_id: q.productId, appid: q.appid }, true);
  }

  /**
   * Ended broadcasts whose **end** falls in [start, end] (ISO instants), with their total likes: the
   * only absolute like count there is, after the broadcast. Needs the 留资直播数据 switch.
   */
  async liveDataList(
    q: { start?: string; end?: string; lastBuffer?: string } = {},
  ): Promise<FinishedLivePage> {
    const a = await this.post(
      '/channels/finderlive/get_finder_live_data_list',
      defined({
        start_time: q.start === undefined ? undefined : toUnixSeconds(q.start),
        end_time: q.end === undefined ? undefined : toUnixSeconds(q.end),
        last_buffer: q.lastBuffer || undefined,
      }),
      true,
    );
    return {
      items: arr(a.item).map((i) => ({
        exportId: id(i.export_id),
        durationSec: num(i.live_duration_in_seconds),
        totalAudienceCount: num(i.total_audience_count),
        totalCheerCount: num(i.total_cheer_count),
        forwardCount: num(i.forward_count),
        totalCommentCount: num(i.total_comment_count),
        maxOnlineCount: num(i.max_online_count),
        newFollowCount: num(i.new_follow_count),
        ...defined({ startTime: isoFromSeconds(i.live_start_time) }),
      })),
      lastBuffer: String(a.last_buffer ?? ''),
      continueFlag: a.continue_flag === true || a.continue_flag === 1,
    };
  }

  /** E-commerce broadcasts of a day (`yyyymmdd`, ≥ 20240101; a Date is read in China time). */
  async liveList(ds: number | string | Date): Promise<LiveList> {
    const a = await this.post(`${DASH}/getlivelist`, { ds: dsOf(ds) }, true);
    return {
      items: arr(a.live_items).map((i) => ({
        exportId: id(i.export_id),
        ...defined({ createTime: isoFromSeconds(i.create_time) }),
      })),
      hasMore: a.has_more === true || a.has_more === 1,
      ...defined({ traceId: str(a.trace_id) }),
    };
  }

  /** Dashboard data of one broadcast: live (`on_air`) or after its end (`ended`). */
  async liveData(exportId: Id): Promise<LiveData> {
    const a = await this.post(`${DASH}/getlivedata`, { export_id: exportId }, true);
    const cmp = obj(a.live_comparison_index);
    const phase = obj(cmp.on_air ?? cmp.ended);
    const like = phase.like_uv_over_new_watch_uv ? obj(phase.like_uv_over_new_watch_uv) : undefined;
    const dash = obj(a.live_dashboard_data);
    const summary = obj(obj(dash.live_dashboard_data).summary);
    const startSec = secondsOf(dash.start_time);
    return {
      exportId,
      living: cmp.is_living === true || cmp.is_living === 1 || (cmp.on_air !== undefined && !cmp.ended),
      summary: numbers(summary),
      ec: numbers(obj(a.live_ec_data_summary)),
      raw: camelizeAnswer(a) as Record<string, unknown>,
      ...defined({
        traceId: str(a.trace_id),
        startTime: startSec ? new Date(startSec * 1000).toISOString() : undefined,
        durationSec: optNum(dash.live_duration),
        likeRate: like
          ? defined({
              value: num(like.value),
              n: optNum(like.n),
              lastNMinsValue: optNum(like.last_n_mins_value),
              last2nToNMinsValue: optNum(like.last_2n_to_n_mins_value),
              percentile: optNum(like.percentile),
            })
          : undefined,
      }),
    };
  }
}

/** The numeric fields of an object, camelCased (numeric strings included). */
function numbers(o: Wire): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) {
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
    if (Number.isFinite(n)) out[k.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = n;
  }
  return out;
}
