import { messageScope } from '../campaign/message-scope.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign, Coupon, Price, Product } from '../campaign/schema.js';
import { toZoned } from '../campaign/time.js';
import type { PosterTarget } from './targets.js';

/**
 * The values a poster's {{placeholders}} can use: everything a wave message can (messageScope:
 * room.{name, when, date, time, weekday, duration}, anchor.name, campaign.name, wave.id, coupon,
 * coupons, product[i], products), plus what posters need ready-made:
 *
 * - `room.images.{cover, share, feeds}`: image paths, for image layers;
 * - each product: `priceText` (¥129, ¥299–499, ¥89.9), `wasText` (the original price of a discount,
 *   for a struck-through layer; absent otherwise), `groupBuyText` (3人团 ¥59.9);
 * - each coupon: `amountText` (50), `thresholdText` (满199可用 / 无门槛), `quantityText` (限量1000张);
 * - `poster.{badge, badgeLong, cta, countdown, invite, productsTitle, perk}`: phrases that depend on
 *   the poster's place (before go-live, live, after, the room): 直播预告 / 正在直播 / 精彩回放 / 直播预约,
 *   the call to action under the code, 3天后开播 / 30分钟后开播, 主播 X 邀你锁定直播间 / 正在直播间等你 /
 *   的直播回放已上线, the products heading, and the first lottery (点赞满3万 抽小黑盖口红).
 *
 * `coupon`/`coupons` are the wave's own coupons (the room poster: all of the campaign's). Pure.
 */
export type PosterScope = Record<string, unknown>;

/** Campaign paths of the scope's objects, so errors and warnings can name the field to fix. */
export type FieldPaths = WeakMap<object, string>;

export function formatMoney(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

export function priceText(p: Price): string {
  if (p.type === 'fixed') return `¥${formatMoney(p.amount)}`;
  if (p.type === 'range') return `¥${formatMoney(p.min)}–${formatMoney(p.max)}`;
  return `¥${formatMoney(p.now)}`;
}

function posterProduct(p: Product): Record<string, unknown> {
  return {
    ...p,
    priceText: priceText(p.price),
    wasText: p.price.type === 'discount' ? `¥${formatMoney(p.price.original)}` : undefined,
    groupBuyText: p.groupBuy ? `${p.groupBuy.size}人团 ¥${formatMoney(p.groupBuy.price)}` : undefined,
  };
}

function posterCoupon(k: Coupon): Record<string, unknown> {
  return {
    ...k,
    amountText: formatMoney(k.amount),
    thresholdText: k.threshold > 0 ? `满${formatMoney(k.threshold)}可用` : '无门槛',
    quantityText: `限量${k.quantity}张`,
  };
}

const BADGE = { before: '直播预告', live: '正在直播', after: '精彩回放', room: '直播预约' } as const;
const BADGE_LONG = {
  before: '直播预告',
  live: '● LIVE  正在直播',
  after: '● REPLAY  精彩回放',
  room: '直播预约',
} as const;
const PRODUCTS_TITLE = {
  before: '直播好物 抢先看',
  live: '正在热卖',
  after: '回放同款 仍可下单',
  room: '直播好物',
} as const;

/** 30000 → 3万, 12000 → 1.2万, 5000 → 5000. */
export function formatCount(n: number): string {
  if (n < 10_000) return String(n);
  const w = Math.round((n / 10_000) * 10) / 10;
  return `${w}万`;
}

/** The broadcast's first lottery as a line for posters (点赞满3万抽小黑盖口红), or a generic perk. */
function perk(c: Campaign): string {
  const lot = c.during?.lotteries?.[0];
  if (!lot) return '好物直降 · 限量福利 · 开播抢先看';
  if ('likes' in lot.trigger) return `点赞满${formatCount(lot.trigger.likes)} 抽${lot.prize}`;
  return `直播间抽奖 · ${lot.prize}`;
}
const CTA = {
  before: '扫码预约直播',
  live: '扫码进入直播间',
  after: '扫码观看回放',
  room: '扫码预约直播',
} as const;

/**
 * On 视频号 (platform: channels) the code opens the merchant's live page, which reserves the live
 * before the start (预约直播) and opens it after; without a live page the poster has no code and
 * sends people to 视频号 itself.
 */
const CHANNELS_BADGE = { before: '预约直播', live: '正在直播', after: '精彩回放', room: '预约直播' } as const;
const CHANNELS_CTA = {
  before: '扫码预约直播',
  live: '扫码进入直播',
  after: '扫码观看回放',
  room: '扫码预约直播',
} as const;
const CHANNELS_NO_CODE_CTA = {
  before: '视频号预约直播',
  live: '视频号正在直播',
  after: '视频号观看回放',
  room: '视频号预约直播',
} as const;

/** 3天后开播 / 5小时后开播 / 30分钟后开播, counted from the wave's send time (calendar days in the zone). */
export function countdown(at: Date | undefined, start: Date | undefined, tz: string): string {
  if (!at || !start) return '';
  const ms = start.getTime() - at.getTime();
  if (ms <= 0) return '正在直播';
  const a = toZoned(at, tz);
  const s = toZoned(start, tz);
  const days = Math.round(
    (Date.UTC(s.year, s.month - 1, s.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
  if (days >= 1) return days === 1 ? '明天开播' : `${days}天后开播`;
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 60) return `${Math.round(minutes / 60)}小时后开播`;
  return `${minutes}分钟后开播`;
}

export function posterScope(
  c: Campaign,
  times: CampaignTimes,
  target: PosterTarget,
): { scope: PosterScope; paths: FieldPaths } {
  const wave =
    target.kind === 'wave'
      ? c.waves.find((w) => w.id === target.waveId)
      : target.kind === 'after'
        ? c.after.find((w) => w.id === target.waveId)
        : undefined;
  const base = messageScope(c, times, wave);
  const paths: FieldPaths = new WeakMap();

  const ids: readonly string[] = wave && 'coupons' in wave && Array.isArray(wave.coupons) ? wave.coupons : [];
  const own = ids.map((id) => c.coupons.find((k) => k.id === id)).filter((k): k is Coupon => k !== undefined);
  // Live now, the product-list coupons (claimed in the room's goods list) are on offer too: after
  // the wave's own coupons, like them. The room poster lists every coupon.
  const listed =
    target.place === 'live' ? c.coupons.filter((k) => k.kind === 'product-list' && !own.includes(k)) : [];
  const waveCoupons: Coupon[] = target.kind === 'room' ? c.coupons : [...own, ...listed];
  const coupons = waveCoupons.map((k) => {
    const out = posterCoupon(k);
    paths.set(out, `coupons[${c.coupons.indexOf(k)}]`);
    return out;
  });
  const products = c.products.map((p, i) => {
    const out = posterProduct(p);
    paths.set(out, `products[${i}]`);
    return out;
  });
  const room = {
    ...(base.room as Record<string, unknown>),
    images: { ...c.room.images },
  };
  paths.set(room, 'room');
  paths.set(room.images, 'room.images');
  const anchor = { ...(base.anchor as Record<string, unknown>) };
  paths.set(anchor, 'room.anchor');
  const anchorName = c.room.anchor.name;
  const channels = c.platform === 'channels';
  const noCode = channels && c.accounts.miniProgram?.livePage === undefined;
  const poster = {
    badge: BADGE[target.place],
    badgeLong: BADGE_LONG[target.place],
    invite:
      target.place === 'live'
        ? `主播 ${anchorName} 正在直播间等你`
        : target.place === 'after'
          ? `主播 ${anchorName} 的直播回放已上线`
          : `主播 ${anchorName} 邀你锁定直播间`,
    productsTitle: PRODUCTS_TITLE[target.place],
    perk: target.place === 'after' ? '错过直播？回放完整看' : perk(c),
    cta: target.place === 'after' && !c.room.features.replay ? CTA.room : CTA[target.place],
    countdown:
      target.place === 'before'
        ? countdown(target.at, times.start, c.metadata.timezone)
        : BADGE[target.place],
    ...(channels ? channelsPhrases(target, noCode, c.accounts.channels?.finderUserName) : {}),
  };
  return {
    scope: {
      ...base,
      room,
      anchor,
      coupon: coupons[0],
      coupons,
      product: products,
      products,
      poster,
    },
    paths,
  };
}

/** Computed fields name the campaign field they come from. */
const SOURCE_FIELD: Record<string, string> = {
  priceText: 'price',
  wasText: 'price.original',
  groupBuyText: 'groupBuy',
  amountText: 'amount',
  thresholdText: 'threshold',
  quantityText: 'quantity',
  when: 'start',
  date: 'start',
  time: 'start',
  weekday: 'start',
};

/**
 * The campaign field a placeholder expression reads: `coupon.amountText` → `coupons[0].amount`,
 * `item.name` (a product in a repeat) → `products[1].name`, `room.when` → `room.start`.
 */
export function fieldOf(expr: string, scope: PosterScope, paths: FieldPaths): string {
  const parts = [...expr.matchAll(/[A-Za-z_][\w-]*|\[(\d+)\]/g)].map((m) =>
    m[1] !== undefined ? Number(m[1]) : m[0],
  );
  let v: unknown = scope;
  let best: { path: string; rest: (string | number)[] } | undefined;
  for (const [i, part] of parts.entries()) {
    if (v === null || typeof v !== 'object') break;
    v = (v as Record<string | number, unknown>)[part];
    const path = v !== null && typeof v === 'object' ? paths.get(v) : undefined;
    if (path !== undefined) best = { path, rest: parts.slice(i + 1) };
  }
  if (!best) return expr;
  let out = best.path;
  for (const p of best.rest) {
    out += typeof p === 'number' ? `[${p}]` : `.${SOURCE_FIELD[p] ?? p}`;
  }
  return out;
}

/** The poster phrases of a channels campaign: 预约直播, and where the code points (or that there is none). */
function channelsPhrases(
  target: PosterTarget,
  noCode: boolean,
  finder: string | undefined,
): Record<string, unknown> {
  return {
    channels: true,
    ...(noCode ? { noCode: true } : {}),
    badge: CHANNELS_BADGE[target.place],
    badgeLong: CHANNELS_BADGE[target.place],
    cta: (noCode ? CHANNELS_NO_CODE_CTA : CHANNELS_CTA)[target.place],
    codeHint: noCode
      ? finder
        ? `视频号搜索 ${finder}`
        : '打开视频号 · 预约直播'
      : target.place === 'live'
        ? '长按识别 · 进入视频号直播'
        : '长按识别 · 预约视频号直播',
  };
}
