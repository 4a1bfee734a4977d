import type { EmulatorCore } from './core.js';
import { fail } from './errors.js';
import type { Call } from './route.js';

/**
 * The 视频号 (Channels) + 微信小店 model: two kinds of account (the store and the 视频号助手), products
 * with a draft and an online copy, coupons, live reservations (notices) and broadcasts, the showcase.
 * Times are emulator milliseconds unless a name says seconds. Facts marked [U] in the reference are
 * the emulator's choice and configurable where a test may want the other answer.
 */

/**
 * The open-scene switches of 视频号助手 → 开放能力 (each capability answers 48001 while off). `live`
 * gates the notice list, the live record list and get_finder_attr_by_appid [U: their doc pages list
 * 48001 without naming the capability, so the emulator gives them a switch of their own].
 */
export const CAPABILITIES = ['window', 'liveEcData', 'leads', 'leadsLiveData', 'live'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface ChannelsAccount {
  appid: string;
  role: 'shop' | 'assistant';
  /** Assistant: the 视频号's `sph…` id, nickname and fans. */
  finderUserName?: string;
  nickname?: string;
  fansCount?: number;
  /** Assistant: the store appids bound to this 视频号 (合作账号), for the showcase. */
  boundShops: string[];
  /** Assistant: switches set for this account (unset ones follow `defaultSwitches`). */
  switches: Partial<Record<Capability, boolean>>;
}

/** One copy of a product, kept as the wire sends it (snake_case), ids as strings. */
// biome-ignore lint/suspicious/noExplicitAny: the stored copy is the validated wire body.
export type ProductCopy = Record<string, any>;

export interface ChannelsProduct {
  productId: string;
  appid: string;
  draft: ProductCopy;
  /** Present once a listing was approved. */
  online?: ProductCopy;
  /** The online copy's status: 0 never listed, 5 listed, 11 delisted, 9 deleted. */
  status: number;
  /** The draft's edit_status: 1 editing, 2 in audit, 3 rejected, 4 approved, 72 quota exceeded. */
  editStatus: number;
  auditSubmittedAt?: number;
  auditAt?: number;
  rejectReason?: string;
  createdAt: number;
  updatedAt: number;
}

export interface ChannelsCoupon {
  couponId: string;
  appid: string;
  type: number;
  /** 1 not effective, 2 effective, 3 expired, 4 voided, 5 deleted. */
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the validated coupon_info as sent.
  info: Record<string, any>;
  receiveNum: number;
  usedNum: number;
  createdAt: number;
  updatedAt: number;
}

export interface ChannelsNotice {
  noticeId: string;
  finderUserName: string;
  /** Unix seconds. */
  startTime: number;
  description: string;
  /** 0 available, 1 cancelled, 2 used [U: the mini-program enum]. */
  status: number;
  createdAt: number;
}

export interface LiveFigures {
  viewers: number;
  likes: number;
  orders: number;
  /** Fen. */
  gmv: number;
}

export interface ChannelsLive {
  exportId: string;
  finderUserName: string;
  description: string;
  /** Unix seconds. */
  startTime: number;
  endTime?: number;
  /** Only e-commerce broadcasts appear in the dashboard's getlivelist. */
  ecommerce: boolean;
  figures: LiveFigures;
}

export interface ChannelsWindowItem {
  assistantAppid: string;
  shopAppid: string;
  productId: string;
  hidden: boolean;
  addedAt: number;
}

export interface ChannelsState {
  accounts: ChannelsAccount[];
  defaultSwitches: Record<Capability, boolean>;
  products: ChannelsProduct[];
  coupons: ChannelsCoupon[];
  notices: ChannelsNotice[];
  lives: ChannelsLive[];
  window: ChannelsWindowItem[];
  /** Store appid → submissions allowed a day (unset: `auditQuotaPerDay`). */
  auditQuota: Record<string, number>;
  /** Extra approved category paths added through the admin API. */
  categories: string[][];
  /** Image keys handed out: `https://mmecimage.cn/p/<appid>/<key>`. */
  images: { appid: string; url: string; bytes: number; width?: number; height?: number; at: number }[];
  seq: number;
}

/** How the emulator is set up for Channels (EmulatorOptions.channels). */
export interface ChannelsSetup {
  /** 微信小店 appids. */
  shops?: string[];
  assistants?: {
    appId: string;
    finderUserName: string;
    nickname?: string;
    fansCount?: number;
    /** Store appids bound to this 视频号 (default none: the showcase answers 10022008). */
    boundShops?: string[];
  }[];
  /** Emulator minutes from listing to the audit's decision (default 5); `audit: manual` waits for the admin API. */
  auditMinutes?: number;
  /** Listing submissions a store may make a day (default 1000) [U: the dynamic quota]. */
  auditQuotaPerDay?: number;
  /** Approved cats_v2 paths, root to leaf (default: CATEGORY_FIXTURE). */
  categories?: string[][];
  /** Product ids one product coupon may name (default 200) [U: 200 or 2000]. */
  couponProductCap?: number;
  /**
   * With `shops` / `assistants`: any other appid still registers on first use, as without them (the
   * accounts are there from the start, not the only ones).
   */
  open?: boolean;
  /** Store products made by hand before (微信小店后台): approved and listed from the start. */
  products?: SeedProduct[];
}

/** A store product present from the start, as the store's own back office would have made it. */
export interface SeedProduct {
  productId: string;
  shopAppId: string;
  title: string;
  /** cats_v2 ids, root to leaf. */
  catsV2: string[];
  /** Fen. */
  salePrice: number;
  /** Fen (default: the sale price). */
  marketPrice?: number;
  stock?: number;
}

/**
 * Approved categories (cats_v2 paths, root → leaf) of every emulated store. Ids are made up; a campaign
 * that plans against the emulator uses one of these.
 */
export const CATEGORY_FIXTURE: readonly string[][] = [
  ['6033', '6057', '6091'], // 美妆 > 彩妆 > 口红
  ['6033', '6057', '6092'], // 美妆 > 彩妆 > 粉底
  ['6033', '6034', '6035'], // 美妆 > 护肤 > 面霜
  ['1001', '1002', '1003'], // 服饰 > 女装 > 连衣裙
  ['2001', '2002', '2003'], // 食品 > 零食 > 糕点
  ['3001', '3002', '3003'], // 礼品 > 鲜花 > 花束
];

export const IMAGE_PREFIX = 'https://mmecimage.cn/p/';

export function emptyChannelsState(): ChannelsState {
  return {
    accounts: [],
    defaultSwitches: { window: true, liveEcData: true, leads: true, leadsLiveData: true, live: true },
    products: [],
    coupons: [],
    notices: [],
    lives: [],
    window: [],
    auditQuota: {},
    categories: [],
    images: [],
    seq: 0,
  };
}

/** The channels model, created on first use with the configured accounts (again after a reset). */
export function channels(core: EmulatorCore): ChannelsState {
  if (!core.state.channels) {
    core.state.channels = emptyChannelsState();
    setupChannels(core, core.opts.channels);
  }
  return core.state.channels;
}

function setupChannels(core: EmulatorCore, setup: ChannelsSetup | undefined): void {
  if (!setup) return;
  for (const appid of setup.shops ?? []) registerAccount(core, { appid, role: 'shop' });
  for (const a of setup.assistants ?? []) {
    const acct = registerAccount(core, {
      appid: a.appId,
      role: 'assistant',
      finderUserName: a.finderUserName,
      nickname: a.nickname,
      fansCount: a.fansCount,
    });
    for (const shop of a.boundShops ?? []) {
      registerAccount(core, { appid: shop, role: 'shop' });
      if (!acct.boundShops.includes(shop)) acct.boundShops.push(shop);
    }
  }
  for (const p of setup.products ?? []) seedProduct(core, p);
}

function seedProduct(core: EmulatorCore, p: SeedProduct): void {
  registerAccount(core, { appid: p.shopAppId, role: 'shop' });
  const now = core.clock.nowMs();
  const copy: ProductCopy = {
    title: p.title,
    head_imgs: [1, 2, 3].map((i) => `${IMAGE_PREFIX}${p.shopAppId}/seed-${p.productId}-${i}`),
    cats_v2: p.catsV2.map((cat_id) => ({ cat_id })),
    deliver_method: 1,
    skus: [
      {
        sku_id: `${p.productId.slice(-8)}001`,
        sale_price: p.salePrice,
        market_price: p.marketPrice ?? p.salePrice,
        stock_num: p.stock ?? 100,
      },
    ],
  };
  channels(core).products.push({
    productId: p.productId,
    appid: p.shopAppId,
    draft: copy,
    online: structuredClone(copy),
    status: 5,
    editStatus: 4,
    createdAt: now,
    updatedAt: now,
  });
}

export function registerAccount(
  core: EmulatorCore,
  a: {
    appid: string;
    role: 'shop' | 'assistant';
    finderUserName?: string;
    nickname?: string;
    fansCount?: number;
  },
): ChannelsAccount {
  const st = channels(core);
  let acct = st.accounts.find((x) => x.appid === a.appid);
  if (acct && acct.role !== a.role) throw new Error(`${a.appid} is already a ${acct.role} account`);
  if (!acct) {
    acct = { appid: a.appid, role: a.role, boundShops: [], switches: {} };
    st.accounts.push(acct);
  }
  if (a.role === 'assistant') {
    acct.finderUserName =
      a.finderUserName ?? acct.finderUserName ?? `sph${a.appid.replace(/^wx/, '').slice(0, 12)}`;
    if (a.nickname !== undefined) acct.nickname = a.nickname;
    if (a.fansCount !== undefined) acct.fansCount = a.fansCount;
  }
  return acct;
}

/**
 * The caller's account of the wanted kind, or 48001. A token of the other kind (a store token on a
 * 视频号助手 API and back) is refused like a wrong-account token. When the emulator was started with
 * accounts (`channels.shops` / `channels.assistants`, not `open`) any other appid is refused too; otherwise the
 * first channels call of an appid decides its kind, so a bare `livectl emulator` works and the admin
 * API can still name the 视频号 and bind the store.
 */
export function callerAccount(call: Call, role: 'shop' | 'assistant'): ChannelsAccount {
  const st = channels(call.core);
  const acct = st.accounts.find((a) => a.appid === call.appid);
  if (!acct) {
    const setup = call.core.opts.channels;
    if (!setup?.open && (setup?.shops?.length || setup?.assistants?.length)) fail(48001, 'api unauthorized');
    return registerAccount(call.core, { appid: call.appid, role });
  }
  if (acct.role !== role) fail(48001, 'api unauthorized');
  return acct;
}

/** The caller's 视频号助手 account with the capability's open-scene switch on (else 48001). */
export function assistantWith(call: Call, capability: Capability): ChannelsAccount {
  const acct = callerAccount(call, 'assistant');
  const on = acct.switches[capability] ?? channels(call.core).defaultSwitches[capability];
  if (!on) fail(48001, `api unauthorized: open the ${capability} switch in 视频号助手 → 开放能力 → 开放场景`);
  return acct;
}

/** A numeric-string id: `width` digits, starting with `lead`, unique per emulator. */
export function nextChannelsId(core: EmulatorCore, lead: string, width: number): string {
  const st = channels(core);
  st.seq += 1;
  const tail = String(st.seq);
  const salt = String(core.clock.nowSec() % 100_000).padStart(5, '0');
  return (lead + salt + tail.padStart(width - lead.length - 5, '0')).slice(0, width);
}

export function approvedCategories(core: EmulatorCore): string[][] {
  return [...(core.opts.channels?.categories ?? CATEGORY_FIXTURE), ...channels(core).categories];
}

/** `yyyy-MM-dd HH:mm:ss` in China time, as product answers write times. */
export function chinaDateTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `yyyymmdd` (China time) of Unix seconds, as the dashboard's `ds`. */
export function chinaDs(sec: number): number {
  return Number(new Date(sec * 1000 + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', ''));
}

const AUDIT_MINUTES = 5;

/** Time-driven transitions: product audits, coupons activating at receive start and expiring. */
export function tickChannels(core: EmulatorCore): void {
  const st = core.state.channels;
  if (!st) return;
  const now = core.clock.nowMs();
  if (core.opts.audit === 'auto') {
    const delay = (core.opts.channels?.auditMinutes ?? AUDIT_MINUTES) * 60_000;
    for (const p of st.products) {
      if (p.editStatus === 2 && p.auditSubmittedAt !== undefined && p.auditSubmittedAt + delay <= now) {
        if (core.opts.auditRejectPattern.test(String(p.draft.title ?? '')))
          decideProductAudit(core, p, 'title matches the emulator reject rule', p.auditSubmittedAt + delay);
        else decideProductAudit(core, p, undefined, p.auditSubmittedAt + delay);
      }
    }
  }
  const sec = Math.floor(now / 1000);
  for (const c of st.coupons) {
    const receive = c.info.receive_info ?? {};
    if (c.status === 1 && c.info.auto_valid_info?.auto_valid_type === 1 && receive.start_time <= sec) {
      c.status = 2;
      c.updatedAt = now;
    }
    if (c.status === 2 && couponExpired(c, sec)) {
      c.status = 3;
      c.updatedAt = now;
    }
  }
}

function couponExpired(c: ChannelsCoupon, sec: number): boolean {
  const receiveEnd = Number(c.info.receive_info?.end_time ?? 0);
  const valid = c.info.valid_info ?? {};
  if (Number(valid.valid_type) === 1) return Math.max(Number(valid.end_time ?? 0), receiveEnd) <= sec;
  return receiveEnd + Number(valid.valid_day_num ?? 0) * 86_400 <= sec;
}

/** The audit's decision: approved (draft copied online, listed) or rejected with a reason. */
export function decideProductAudit(
  core: EmulatorCore,
  p: ChannelsProduct,
  rejectReason: string | undefined,
  at = core.clock.nowMs(),
): void {
  p.auditAt = at;
  p.updatedAt = at;
  if (rejectReason !== undefined) {
    p.editStatus = 3;
    p.rejectReason = rejectReason;
    return;
  }
  p.editStatus = 4;
  p.rejectReason = undefined;
  p.online = structuredClone(p.draft);
  p.status = 5;
}
