import { createHash } from 'node:crypto';
import { livePageOf, miniProgramOf } from '../campaign/platform.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign, Coupon } from '../campaign/schema.js';
import type { Address } from '../state/types.js';
import { local, type PlanContext, safeMoment } from './context.js';
import { canonicalJson, specHash } from './desired.js';
import type { Change, Task } from './types.js';

/**
 * Coupons as WeChat Pay merchant-coupon stocks (商家券, busifavor), when `accounts.wechatPay` is set
 * with product busifavor (the default). PURE: the stock a coupon wants, its stable out_request_no and
 * the plan's changes. The facts relied on are in wechatpay-coupons.md and repeated where used:
 *  - money is integer fen; times are RFC 3339 with an offset (§0); we write +08:00 (a `Z` end time
 *    displayed as the next day, §3.1);
 *  - stock_name ≤ 21 characters, goods_name ≤ 15 (§3; validation refuses longer, nothing is cut);
 *  - a stock cannot be deleted, renamed or re-ruled: only its budget (max_coupons) changes, through
 *    PATCH …/budget (§5.1, §5.3). So the plan updates the budget and refuses every other edit;
 *  - a reused out_request_no is answered 400 RESOURCE_ALREADY_EXISTS (§3), which is what makes a
 *    repeated create safe.
 */

export const STOCK_NAME_MAX = 21;
export const GOODS_NAME_MAX = 15;
export const DEFAULT_GOODS_NAME = '直播间商品可用';
export const STOCK_SPAN_MAX_MS = 366 * 86_400_000;

/** Whether the campaign's coupons become stocks on WeChat Pay at apply (busifavor only). */
export function couponsAreStocks(c: Campaign): boolean {
  return c.accounts.wechatPay !== undefined && (c.accounts.wechatPay.product ?? 'busifavor') === 'busifavor';
}

/**
 * Derived from campaign and coupon id only: the same on every run and every machine, so a lost
 * answer is repeated with the same number and can never make a second stock. Letters and digits
 * only, 34 characters (the platform allows 128).
 */
export function outRequestNo(campaign: string, couponId: string): string {
  return `lc${createHash('sha256').update(`${campaign}\n${couponId}`).digest('hex').slice(0, 32)}`;
}

const yuanToFen = (yuan: number): number => Math.round(yuan * 100);

/** `2027-03-20T19:30:00+08:00`: China has no daylight saving, so a fixed +8 h is exact. */
export function rfc3339China(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The create body, less out_request_no (which never changes and is added by apply). */
export interface StockSpec {
  stock_name: string;
  belong_merchant: string;
  goods_name: string;
  stock_type: 'NORMAL';
  coupon_use_rule: {
    coupon_available_time: {
      available_begin_time: string;
      available_end_time: string;
      available_day_after_receive?: number;
    };
    fixed_normal_coupon: { discount_amount: number; transaction_minimum: number };
    use_method: 'MINI_PROGRAMS';
    mini_programs_appid: string;
    mini_programs_path: string;
  };
  stock_send_rule: { max_coupons: number; max_coupons_per_user: number };
  coupon_code_mode: 'WECHATPAY_MODE';
}

/** When the coupon is first advertised: the earliest wave or drop featuring it, its validFrom, else the start. */
export function claimWindow(
  c: Campaign,
  times: CampaignTimes,
  tz: string,
  k: Coupon,
): { begin?: Date; end?: Date } {
  const start = times.start;
  const dates: Date[] = [];
  for (const w of c.waves) {
    const at = times.waves.get(w.id);
    if (at && w.coupons?.includes(k.id)) dates.push(at);
  }
  if (start) {
    for (const d of c.during?.couponDrops ?? []) {
      if (d.coupon !== k.id) continue;
      const at = safeMoment(d.at, start, tz);
      if (at) dates.push(at);
    }
  }
  const fromValid = start && k.validFrom !== undefined ? safeMoment(k.validFrom, start, tz) : undefined;
  const toValid = start && k.validTo !== undefined ? safeMoment(k.validTo, start, tz) : undefined;
  const begin = fromValid ?? (dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : start);
  // Claimable until the broadcast ends; a claimed coupon stays usable validDays more, and a coupon
  // is never usable after available_end_time (§3.1), so the end moves out by validDays.
  const base = toValid ?? times.end;
  const end = base && k.validDays ? new Date(base.getTime() + k.validDays * 86_400_000) : base;
  return { ...(begin ? { begin } : {}), ...(end ? { end } : {}) };
}

/** The page "use now" opens: the coupon's, else the live page, else the mini program's home. */
export function couponPage(c: Campaign, k: Coupon): string {
  const p = k.page ?? livePageOf(c) ?? 'pages/index/index';
  return p.startsWith('/') ? p : `/${p}`;
}

export function desiredStock(
  c: Campaign,
  times: CampaignTimes,
  tz: string,
  k: Coupon,
): StockSpec | undefined {
  const pay = c.accounts.wechatPay;
  const w = claimWindow(c, times, tz, k);
  if (!pay || !w.begin || !w.end) return undefined;
  const amount = yuanToFen(k.amount);
  // No threshold: the platform still wants transaction_minimum ≥ 1 fen (§3.1); the smallest order a
  // fixed discount can apply to while something is left to pay is amount + 1 fen.
  const minimum = k.threshold > 0 ? yuanToFen(k.threshold) : amount + 1;
  return {
    stock_name: k.title,
    belong_merchant: pay.mchId,
    goods_name: k.goodsName ?? DEFAULT_GOODS_NAME,
    stock_type: 'NORMAL',
    coupon_use_rule: {
      coupon_available_time: {
        available_begin_time: rfc3339China(w.begin),
        available_end_time: rfc3339China(w.end),
        ...(k.validDays ? { available_day_after_receive: k.validDays } : {}),
      },
      fixed_normal_coupon: { discount_amount: amount, transaction_minimum: minimum },
      use_method: 'MINI_PROGRAMS',
      mini_programs_appid: miniProgramOf(c).appId,
      mini_programs_path: couponPage(c, k),
    },
    stock_send_rule: { max_coupons: k.quantity, max_coupons_per_user: k.perUser ?? 1 },
    coupon_code_mode: 'WECHATPAY_MODE',
  };
}

/** Hash of everything but the budget: a difference here is an edit WeChat Pay cannot make. */
export function fixedPartHash(spec: Record<string, unknown>): string {
  const rule = (spec.stock_send_rule ?? {}) as Record<string, unknown>;
  const { max_coupons: _budget, ...rest } = rule;
  return specHash({ ...spec, stock_send_rule: rest });
}

export const couponAddress = (id: string): Address => `coupon/${id}`;

export function planCoupons(ctx: PlanContext): Change[] {
  const c = ctx.campaign;
  if (!couponsAreStocks(c)) return [];
  const out: Change[] = [];
  const wanted = new Set<Address>();
  for (const k of c.coupons) {
    const address = couponAddress(k.id);
    wanted.add(address);
    const rec = ctx.state.resources.get(address);
    if (k.stockId !== undefined) {
      const after = { stockId: k.stockId, max_coupons: k.quantity };
      if (!rec?.remoteId || rec.remoteId !== k.stockId) {
        out.push({
          address,
          action: 'create',
          reason: `use the existing stock ${k.stockId}: apply checks it belongs to merchant ${c.accounts.wechatPay!.mchId} and records it (it is never destroyed)`,
          after,
        });
        continue;
      }
      const budget = Number(rec.attributes.maxCoupons ?? rec.sent?.max_coupons);
      out.push(
        budget === k.quantity
          ? {
              address,
              action: 'noop',
              reason: `existing stock ${k.stockId}; budget ${budget}`,
              before: rec.sent,
            }
          : {
              address,
              action: 'update',
              reason: `budget ${budget} → ${k.quantity} (existing stock ${k.stockId})`,
              before: { max_coupons: budget },
              after,
            },
      );
      continue;
    }
    const spec = desiredStock(c, ctx.times, ctx.tz, k);
    if (!spec) {
      out.push({
        address,
        action: 'human',
        reason: 'the claim window cannot be computed (the broadcast has no start or end): fix the campaign',
      });
      continue;
    }
    const after = spec as unknown as Record<string, unknown>;
    if (!rec?.remoteId) {
      out.push({
        address,
        action: 'create',
        reason: rec
          ? `an earlier create was not confirmed: apply repeats it with the same out_request_no ${String(rec.attributes.outRequestNo)} (never a second stock)`
          : `not created yet: ${k.quantity} × ¥${k.amount} off${k.threshold > 0 ? ` ¥${k.threshold}` : ''}`,
        after,
      });
      continue;
    }
    const before = rec.sent ?? {};
    const end = Date.parse(
      String(
        (before.coupon_use_rule as StockSpec['coupon_use_rule'] | undefined)?.coupon_available_time
          .available_end_time ?? '',
      ),
    );
    if (fixedPartHash(before) !== fixedPartHash(after)) {
      out.push({
        address,
        action: 'human',
        reason:
          `stock ${rec.remoteId} can't change ${describeFixedDiff(before, after)}: WeChat Pay only changes a stock's budget, ` +
          'and a stock cannot be deleted to make it again. Put the coupon back as it was, or give it a new id (a new stock; stop the old one with livectl destroy or by lowering its quantity first)',
        before,
        after,
      });
      continue;
    }
    const budget = Number(
      rec.attributes.maxCoupons ?? (before.stock_send_rule as { max_coupons?: number })?.max_coupons,
    );
    if (budget === k.quantity) {
      out.push({ address, action: 'noop', reason: `stock ${rec.remoteId}; as in the campaign`, before });
    } else if (Number.isFinite(end) && ctx.now.getTime() >= end) {
      out.push({
        address,
        action: 'noop',
        reason: `stock ${rec.remoteId} ended at ${local(ctx, new Date(end))}: its budget can no longer change (${budget} → ${k.quantity} not applied)`,
        before,
      });
    } else {
      out.push({
        address,
        action: 'update',
        reason: `budget ${budget} → ${k.quantity} (stock ${rec.remoteId})`,
        before: { max_coupons: budget },
        after: { max_coupons: k.quantity },
      });
    }
  }
  for (const [address, rec] of ctx.state.resources) {
    if (!address.startsWith('coupon/') || wanted.has(address)) continue;
    out.push({
      address,
      action: 'delete',
      reason: rec.attributes.external
        ? `coupon ${address.slice(7)} is no longer in the campaign: its stock ${rec.remoteId} (not created by livectl) is only forgotten`
        : `coupon ${address.slice(7)} is no longer in the campaign: a stock can't be deleted, so apply stops it issuing (budget down to what was already sent)`,
      before: rec.sent,
    });
  }
  return out;
}

function describeFixedDiff(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const fields: string[] = [];
  const walk = (b: unknown, a: unknown, path: string) => {
    if (a && typeof a === 'object' && b && typeof b === 'object') {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (key === 'max_coupons') continue;
        walk(
          (b as Record<string, unknown>)[key],
          (a as Record<string, unknown>)[key],
          path ? `${path}.${key}` : key,
        );
      }
    } else if (canonicalJson(a) !== canonicalJson(b)) {
      fields.push(`${path.split('.').pop()} ${canonicalJson(b)} → ${canonicalJson(a)}`);
    }
  };
  walk(before, after, '');
  return fields.join(', ') || 'its rules';
}

/**
 * What stays a person's: no API binds a stock to the live room's own coupon tool (wechatpay-coupons.md
 * §6: the 小程序直播 server API has no coupon endpoint), and customers claim 商家券 only through the
 * merchant's own page with the send-coupon plugin (or the H5 page); livectl cannot edit that app.
 */
export function couponTasks(ctx: PlanContext): Task[] {
  const c = ctx.campaign;
  if (!couponsAreStocks(c)) return [];
  const tasks: Task[] = [];
  const start = ctx.times.start;
  for (const k of c.coupons) {
    const drops = (c.during?.couponDrops ?? []).filter((d) => d.coupon === k.id);
    const stock = k.stockId ?? ctx.state.resources.get(couponAddress(k.id))?.remoteId;
    const id = stock ? `stock ${stock}` : 'its stock id (livectl status after apply)';
    for (const d of drops) {
      const at = start ? safeMoment(d.at, start, ctx.tz) : undefined;
      tasks.push({
        kind: 'coupon-setup',
        who: 'live room operator (小程序直播 console)',
        what: `for the in-room drop of coupon ${k.id} "${k.title}"${at ? ` at ${local(ctx, at)}` : ''}: link a goods item (or the room's coupon tool) to the claim page with ${id} — no API binds a stock to a live room`,
        ...(start ? { due: start.toISOString() } : {}),
        address: couponAddress(k.id),
      });
    }
    const w = claimWindow(c, ctx.times, ctx.tz, k);
    tasks.push({
      kind: 'coupon-setup',
      who: "the mini program's developer",
      what: `make coupon ${k.id} "${k.title}" claimable: the claim page (${couponPage(c, k)} or the page the waves link to) needs the send-coupon plugin with ${id} (README: Coupons)`,
      ...(w.begin ? { due: w.begin.toISOString() } : {}),
      address: couponAddress(k.id),
    });
  }
  return tasks;
}
