import { randomBytes } from 'node:crypto';
import {
  assistantWith,
  type Capability,
  type ChannelsAccount,
  type ChannelsLive,
  type ChannelsProduct,
  channels,
  chinaDs,
} from './channels-state.js';
import { fail } from './errors.js';
import { type Call, ok, type Route } from './route.js';

/**
 * 视频号助手 endpoints (assistant token): notices and live records (read only: an admin endpoint stands
 * in for the person who creates them in the app), the account's attributes, the showcase (橱窗) and the
 * live dashboard. Each checks its open-scene switch (48001 while off).
 */

const WINDOW = '/channels/ec/window/product';
const NOTICE_WORDING = ['预约中', '已取消', '已开播'];

// biome-ignore lint/suspicious/noExplicitAny: untrusted JSON, each field is checked below.
type Json = Record<string, any>;

const finderRoute = (
  path: string,
  capability: Capability,
  handle: (call: Call, acct: ChannelsAccount) => Record<string, unknown>,
): Route => ({
  method: 'POST',
  path,
  realm: 'mp',
  body: 'optional-json',
  handle: (call) => handle(call, assistantWith(call, capability)),
});

function livesOf(call: Call, acct: ChannelsAccount): ChannelsLive[] {
  return channels(call.core).lives.filter((l) => l.finderUserName === acct.finderUserName);
}

/** The store product behind a showcase item; 10022008 when the store is not bound to this 视频号. */
function boundProduct(call: Call, acct: ChannelsAccount, b: Json): ChannelsProduct {
  const appid = typeof b.appid === 'string' ? b.appid : '';
  if (!acct.boundShops.includes(appid)) fail(10022008, 'appid is not a shop bound to this finder');
  const p = channels(call.core).products.find(
    (x) => x.productId === String(b.product_id ?? '') && x.appid === appid,
  );
  if (!p || p.status === 9) fail(10022003, 'product not exist');
  return p;
}

/** Window status follows the store: 1 in the window (listed), 2 not in it, 3 deleted at the source. */
function windowStatus(p: ChannelsProduct | undefined): number {
  if (!p || p.status === 9) return 3;
  return p.status === 5 ? 1 : 2;
}

function likeRate(l: ChannelsLive): Json {
  const { viewers, likes } = l.figures;
  // like_uv over new_watch_uv in 万分比: a rate, never the count of likes.
  const value = viewers > 0 ? Math.round((Math.min(likes, viewers) / viewers) * 10_000) : 0;
  return {
    like_uv_over_new_watch_uv: {
      n: 10,
      last_n_mins_value: value,
      last_2n_to_n_mins_value: value,
      value,
      percentile: 50,
    },
  };
}

function liveData(call: Call, l: ChannelsLive): Json {
  const { viewers, orders, gmv } = l.figures;
  const end = l.endTime ?? call.core.clock.nowSec();
  const living = l.endTime === undefined;
  return {
    trace_id: randomBytes(8).toString('hex'),
    live_dashboard_data: {
      live_dashboard_data: {
        summary: {
          new_watch_uv: viewers,
          max_online_watch_uv: Math.ceil(viewers / 3),
          impression_uv: viewers * 3,
          average_watch_seconds_per_audience: 95,
          new_follow_uv: Math.floor(viewers / 20),
          new_fans_club_uv: 0,
          comment_uv: Math.floor(viewers / 10),
          reward_uv: 0,
          sharing_uv: Math.floor(viewers / 50),
          hot_quota: 0,
        },
        source: {},
        portrait: {},
      },
      live_duration: Math.max(0, end - l.startTime),
      start_time: l.startTime,
    },
    live_comparison_index: {
      is_living: living,
      ...(living ? { on_air: likeRate(l) } : { ended: likeRate(l) }),
    },
    live_ec_data_summary: {
      total_gmv: gmv,
      total_pay_pv: orders,
      total_pay_uv: orders,
      total_create_pv: orders,
      total_create_uv: orders,
      total_clk_pv: orders * 4,
      total_clk_uv: orders * 3,
      total_exp_pv: viewers * 2,
      total_exp_uv: viewers,
      online_audience_count: living ? Math.ceil(viewers / 3) : 0,
      cumulative_audience_count: viewers,
      new_comment_count: Math.floor(viewers / 10),
      refund_amount: 0,
      refund_rate: 0,
      customer_price: orders > 0 ? Math.round(gmv / orders) : 0,
      new_buyer_uv: orders,
      old_buyer_uv: 0,
    },
    live_ec_conversion_metric: {},
    live_ec_profile: {},
    live_distribution_channel: {},
    single_live_ec_spu_data_page_v2: { spu_data_list: [] },
  };
}

export const channelsFinderRoutes: Route[] = [
  finderRoute('/channels/ec/finderlive/getfinderlivenoticerecordlist', 'live', (call, acct) =>
    ok({
      live_notice_list: channels(call.core)
        .notices.filter((n) => n.finderUserName === acct.finderUserName)
        .sort((a, b) => a.startTime - b.startTime)
        .map((n) => ({
          notice_id: n.noticeId,
          status: n.status,
          status_wording: NOTICE_WORDING[n.status] ?? '',
          // The doc types start_time as a string.
          start_time: String(n.startTime),
          description: n.description,
          nickname: acct.nickname ?? '',
          head_url: `https://wx.qlogo.cn/finderhead/${acct.finderUserName}/0`,
        })),
    }),
  ),
  finderRoute('/channels/ec/finderlive/getfinderliverecordlist', 'live', (call, acct) =>
    ok({
      live_list: livesOf(call, acct)
        .filter((l) => l.endTime === undefined)
        .map((l) => ({
          export_id: l.exportId,
          description: l.description,
          cover_url: `https://finder.video.qq.com/cover/${l.exportId}`,
          nickname: acct.nickname ?? '',
          head_url: `https://wx.qlogo.cn/finderhead/${acct.finderUserName}/0`,
        })),
    }),
  ),
  finderRoute('/channels/finderlive/get_finder_attr_by_appid', 'live', (_call, acct) =>
    ok({
      finder_attr: {
        uniq_id: acct.finderUserName,
        nickname: acct.nickname ?? '',
        fans_count: acct.fansCount ?? 0,
      },
    }),
  ),
  finderRoute(`${WINDOW}/add`, 'window', (call, acct) => {
    const b = call.body;
    const p = boundProduct(call, acct, b);
    const st = channels(call.core);
    const hidden = b.is_hide_for_window === true;
    const existing = st.window.find((w) => w.assistantAppid === acct.appid && w.productId === p.productId);
    if (existing) existing.hidden = hidden;
    else
      st.window.push({
        assistantAppid: acct.appid,
        shopAppid: p.appid,
        productId: p.productId,
        hidden,
        addedAt: call.core.clock.nowMs(),
      });
    return ok();
  }),
  finderRoute(`${WINDOW}/get`, 'window', (call, acct) => {
    const p = boundProduct(call, acct, call.body);
    const item = channels(call.core).window.find(
      (w) => w.assistantAppid === acct.appid && w.productId === p.productId,
    );
    if (!item) fail(10022003, 'product not in window');
    const copy = p.online ?? p.draft;
    const skus = (copy.skus ?? []) as Json[];
    return ok({
      product: {
        product_id: p.productId,
        out_product_id: copy.out_product_id ?? '',
        title: copy.title,
        img_url: copy.head_imgs?.[0] ?? '',
        third_category_id: copy.cats_v2?.[2]?.cat_id ?? '',
        leaf_category_id: copy.cats_v2?.[copy.cats_v2.length - 1]?.cat_id ?? '',
        status: windowStatus(p),
        market_price: Math.min(...skus.map((s) => s.market_price)),
        selling_price: Math.min(...skus.map((s) => s.sale_price)),
        stock: skus.reduce((n, s) => n + Number(s.stock_num ?? 0), 0),
        appid: p.appid,
        page_path: { appid: p.appid, half_page_path: '', full_page_path: '' },
        is_hide_for_window: item.hidden,
        banned: false,
      },
      cps_products: [],
    });
  }),
  finderRoute(`${WINDOW}/list/get`, 'window', (call, acct) => {
    const b = call.body;
    const size = b.page_size ?? 10;
    if (!Number.isInteger(size) || size < 1 || size > 200)
      fail(40097, 'invalid args: page_size must be 1 to 200');
    const st = channels(call.core);
    const all = st.window.filter(
      (w) =>
        w.assistantAppid === acct.appid &&
        (b.appid === undefined || w.shopAppid === b.appid) &&
        windowStatus(st.products.find((p) => p.productId === w.productId)) !== 3,
    );
    const start = b.last_buffer ? Number(Buffer.from(String(b.last_buffer), 'base64url').toString()) || 0 : 0;
    const page = all.slice(start, start + size);
    const next = start + page.length;
    return ok({
      products: page.map((w) => ({
        product_id: w.productId,
        appid: w.shopAppid,
        out_product_id: st.products.find((p) => p.productId === w.productId)?.draft.out_product_id ?? '',
      })),
      last_buffer: next < all.length ? Buffer.from(String(next)).toString('base64url') : '',
      ...(b.need_total_num ? { total_num: all.length } : {}),
    });
  }),
  // Self-operated items follow their store state: `off` answers ok and changes nothing.
  finderRoute(`${WINDOW}/off`, 'window', (call, acct) => {
    boundProduct(call, acct, call.body);
    return ok();
  }),
  // 留资直播数据: ended broadcasts whose end falls in the window, with the total of likes (喝彩).
  finderRoute('/channels/finderlive/get_finder_live_data_list', 'leadsLiveData', (call, acct) => {
    const b = call.body;
    const from = Number(b.start_time ?? 0);
    const to = Number(b.end_time ?? Number.MAX_SAFE_INTEGER);
    const ended = livesOf(call, acct).filter(
      (l) => l.endTime !== undefined && l.endTime >= from && l.endTime <= to,
    );
    const start = b.last_buffer ? Number(Buffer.from(String(b.last_buffer), 'base64url').toString()) || 0 : 0;
    const page = ended.slice(start, start + 20);
    const next = start + page.length;
    return ok({
      item: page.map((l) => ({
        export_id: l.exportId,
        live_start_time: l.startTime,
        live_duration_in_seconds: (l.endTime ?? l.startTime) - l.startTime,
        total_audience_count: l.figures.viewers,
        total_cheer_count: l.figures.likes,
        forward_count: Math.floor(l.figures.viewers / 50),
        total_comment_count: Math.floor(l.figures.viewers / 10),
        audiences_avg_seconds: 95,
        max_online_count: Math.ceil(l.figures.viewers / 3),
        new_follow_count: Math.floor(l.figures.viewers / 20),
        new_follow_count_biz: 0,
      })),
      last_buffer: next < ended.length ? Buffer.from(String(next)).toString('base64url') : '',
      continue_flag: next < ended.length,
    });
  }),
  finderRoute('/channels/livedashboard/getlivelist', 'liveEcData', (call, acct) => {
    const ds = call.body.ds;
    if (!Number.isInteger(ds) || ds < 10_000_000 || ds > 99_999_999) fail(1, 'invalid param: ds');
    if (ds < 20240101) fail(5, 'ds is earlier than 20240101');
    return ok({
      trace_id: randomBytes(8).toString('hex'),
      live_items: livesOf(call, acct)
        .filter((l) => l.ecommerce && chinaDs(l.startTime) === ds)
        .map((l) => ({ export_id: l.exportId, create_time: l.startTime })),
      has_more: false,
    });
  }),
  finderRoute('/channels/livedashboard/getlivedata', 'liveEcData', (call, acct) => {
    const l = livesOf(call, acct).find((x) => x.exportId === String(call.body.export_id ?? ''));
    if (!l?.ecommerce) fail(1, 'invalid param: export_id');
    return ok(liveData(call, l));
  }),
];
