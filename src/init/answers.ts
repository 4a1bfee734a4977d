import { PLACEHOLDER_ACCOUNTS } from '../campaign/rules/setup/placeholder-accounts.js';
import { ID_PATTERN } from '../campaign/schema.js';
import { isValidTimeZone, parseDateTime, parseDuration, TIME } from '../campaign/time.js';
import { wechatWidth } from '../campaign/width.js';
import { t } from '../i18n/catalog.js';

/**
 * What `livectl init` asks, and the checks each answer must pass before anything is written. The
 * wizard's prompts and the flags share these checks, so a script gets the same message a person does,
 * in the chosen language (src/i18n/init-*.ts). Pure: no prompts, no files, no clock (callers pass `now`).
 */

/** Channels the merchant may have; the order is the wizard's. */
export const INIT_CHANNELS = [
  'wecom-groups',
  'wecom-moments',
  'official-account',
  'subscribe-message',
  'robot',
] as const;
export type InitChannel = (typeof INIT_CHANNELS)[number];

/** A channel as the wizard offers it, in the chosen language. */
export function channelLabel(c: InitChannel): string {
  return t().init.channel[c];
}

export type InitPrice =
  | { type: 'fixed'; amount: number }
  | { type: 'range'; min: number; max: number }
  | { type: 'discount'; original: number; now: number };

export interface InitProduct {
  name: string;
  price: InitPrice;
  page: string;
  /** A PNG/JPEG/GIF the user gave (absolute or relative to the working directory); else a placeholder. */
  image?: string;
}

export interface InitCoupon {
  threshold: number;
  amount: number;
  quantity: number;
}

export interface InitAnswers {
  /** metadata.name */
  id: string;
  /** room.name */
  title: string;
  /** `YYYY-MM-DDTHH:MM`, local in `timezone`. */
  start: string;
  duration: string;
  timezone: string;
  anchorName: string;
  anchorWechat: string;
  products: InitProduct[];
  /** The warm-up (preheat) coupon; null: no coupons at all. */
  coupon: InitCoupon | null;
  channels: InitChannel[];
  appId: string;
  corpId: string;
  agentId: number;
  oaAppId: string;
  /** WeCom member userids who send to groups and post Moments. */
  senders: string[];
}

/** An answer check: undefined when fine, else what is wrong and how to write it. */
export type Check = (value: string) => string | undefined;

const widthBetween =
  (what: 'roomName' | 'anchorName' | 'productName', min: number, max: number): Check =>
  (v) => {
    const w = wechatWidth(v.trim());
    const c = t().init.check;
    if (w < min || w > max) return c.width({ what: c[what], min, max, value: v.trim(), width: w });
    return undefined;
  };

export const checks = {
  id: ((v) => (ID_PATTERN.test(v) ? undefined : t().init.check.id)) as Check,
  title: widthBetween('roomName', 6, 34),
  anchorName: widthBetween('anchorName', 4, 30),
  anchorWechat: ((v) =>
    /^[A-Za-z][-_A-Za-z0-9]{5,19}$/.test(v.trim()) ? undefined : t().init.check.anchorWechat) as Check,
  productName: widthBetween('productName', 6, 28),
  page: ((v) =>
    /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_.-]+)*(?:\?[^\s]*)?$/.test(v.trim())
      ? undefined
      : t().init.check.page) as Check,
  duration: ((v) => {
    const ms = parseDuration(v.trim());
    if (ms === undefined) return t().init.check.durationShape;
    if (ms < 30 * TIME.MINUTE || ms > 24 * TIME.HOUR) return t().init.check.durationRange;
    return undefined;
  }) as Check,
  price: ((v) => (parsePrice(v) ? undefined : t().init.check.price)) as Check,
  appId: ((v) => (/^wx[0-9a-f]{16}$/.test(v.trim()) ? undefined : t().init.check.appId)) as Check,
  corpId: ((v) => (/^w[wx][0-9a-f]{16}$/.test(v.trim()) ? undefined : t().init.check.corpId)) as Check,
};

const MONEY = /^\d+(?:\.\d{1,2})?$/;

/** `129` fixed · `299-499` range · `199>129` discount. Undefined when malformed or inconsistent. */
export function parsePrice(text: string): InitPrice | undefined {
  const v = text.trim().replace(/^[¥￥]/, '');
  if (MONEY.test(v)) return Number(v) > 0 ? { type: 'fixed', amount: Number(v) } : undefined;
  let m = /^([\d.]+)\s*[-~–]\s*([\d.]+)$/.exec(v);
  if (m && MONEY.test(m[1]!) && MONEY.test(m[2]!) && Number(m[1]) > 0 && Number(m[1]) < Number(m[2]))
    return { type: 'range', min: Number(m[1]), max: Number(m[2]) };
  m = /^([\d.]+)\s*(?:>|→|->)\s*([\d.]+)$/.exec(v);
  if (m && MONEY.test(m[1]!) && MONEY.test(m[2]!) && Number(m[2]) > 0 && Number(m[2]) < Number(m[1]))
    return { type: 'discount', original: Number(m[1]), now: Number(m[2]) };
  return undefined;
}

/** Checks a start time: a date and time that exist, 10 minutes to 6 months from now. */
export function checkStart(text: string, timezone: string, now: Date): string | undefined {
  const start = normalizeStart(text);
  const at = start ? parseDateTime(start, timezone) : undefined;
  const c = t().init.check;
  if (!start || !at) return c.startShape;
  if (at.getTime() <= now.getTime()) return c.startPast;
  if (at.getTime() < now.getTime() + 10 * TIME.MINUTE) return c.startSoon;
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() + 6);
  if (at.getTime() > limit.getTime()) return c.startFar;
  return undefined;
}

/** `2027-03-08 20:00` or `2027-03-08T20:00` → `2027-03-08T20:00`; undefined when not that shape. */
export function normalizeStart(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  return `${m[1]}T${m[2]!.padStart(2, '0')}:${m[3]}`;
}

/** `name:price:page[:image]` (the --product flag). */
export function parseProductFlag(text: string): InitProduct | string {
  const bad = (error: string) => t().init.flag.bad({ flag: '--product', value: text, error });
  const parts = text.split(':');
  if (parts.length < 2) return bad(t().init.flag.productShape);
  const [name = '', priceText = '', page = '', ...rest] = parts;
  const image = rest.join(':');
  const nameErr = checks.productName(name);
  if (nameErr) return bad(nameErr);
  const price = parsePrice(priceText);
  if (!price) return bad(t().init.check.price);
  const pageErr = page ? checks.page(page) : undefined;
  if (pageErr) return bad(pageErr);
  return { name: name.trim(), price, page: page.trim(), ...(image ? { image } : {}) };
}

/** `--coupon threshold:amount[:quantity]` or `none`. */
export function parseCouponFlag(text: string): InitCoupon | null | string {
  if (text.trim() === 'none') return null;
  const bad = (error: string) => t().init.flag.bad({ flag: '--coupon', value: text, error });
  const m = /^(\d+(?:\.\d{1,2})?):(\d+(?:\.\d{1,2})?)(?::(\d+))?$/.exec(text.trim());
  if (!m) return bad(t().init.flag.couponShape);
  const coupon = { threshold: Number(m[1]), amount: Number(m[2]), quantity: Number(m[3] ?? 1000) };
  const err = checkCoupon(coupon);
  return err ? bad(err) : coupon;
}

export function checkCoupon(c: InitCoupon): string | undefined {
  const m = t().init.check;
  if (!(c.amount > 0)) return m.couponWorth;
  if (c.threshold > 0 && c.amount >= c.threshold) return m.couponLess;
  if (!(c.quantity > 0)) return m.couponQuantity;
  return undefined;
}

/** `--channels a,b,c`: names from INIT_CHANNELS (also `none` is refused: a campaign needs one). */
export function parseChannelsFlag(text: string): InitChannel[] | string {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !(INIT_CHANNELS as readonly string[]).includes(n));
  const all = INIT_CHANNELS.join(', ');
  if (bad.length) return t().init.flag.channelsUnknown({ bad: bad.join(', '), all });
  if (names.length === 0) return t().init.flag.channelsNone({ all });
  return INIT_CHANNELS.filter((c) => names.includes(c));
}

/** A campaign id from a title: its ASCII words, else `live-<date>`. */
export function suggestId(title: string, start: string | undefined): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  if (slug.length >= 3 && ID_PATTERN.test(slug)) return slug;
  const day = start ? normalizeStart(start)?.slice(0, 10) : undefined;
  return day ? `live-${day}` : 'live';
}

/** The start the wizard offers: 30 days ahead at 20:00 (room for the 7-working-day goods audit). */
export function defaultStart(now: Date, timezone: string): string {
  const d = new Date(now.getTime() + 30 * TIME.DAY);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: isValidTimeZone(timezone) ? timezone : 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
  return `${parts}T20:00`;
}

export const DEFAULTS = {
  title: '新品直播专场',
  duration: '2h',
  timezone: 'Asia/Shanghai',
  anchorName: '主播小美',
  anchorWechat: 'anchor_wechat_id',
  product: { name: '示例商品一件装', price: { type: 'fixed', amount: 99 }, page: 'pages/goods/detail?id=1' },
  coupon: { threshold: 199, amount: 50, quantity: 1000 },
  channels: ['wecom-groups', 'wecom-moments'] as InitChannel[],
  // Placeholders validate warns on (W_PLACEHOLDER_ACCOUNT) and init's summary names.
  appId: PLACEHOLDER_ACCOUNTS.appId,
  corpId: PLACEHOLDER_ACCOUNTS.corpId,
  agentId: 1000002,
  oaAppId: PLACEHOLDER_ACCOUNTS.oaAppId,
  senders: [PLACEHOLDER_ACCOUNTS.sender],
} as const satisfies Record<string, unknown>;
