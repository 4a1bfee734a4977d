import type { Campaign } from '../campaign/schema.js';
import type { StateSnapshot } from '../state/types.js';
import type { WeChatPayClient } from '../wechatpay/client.js';
import type { StateWriter } from './state-writer.js';

/** One coupon in `livectl status`: its WeChat Pay stock, as last seen (or just asked with --refresh). */
export interface CouponStatus {
  couponId: string;
  title?: string;
  stockId?: string;
  /** UNAUDIT | RUNNING | STOPED (sic, WeChat Pay's spelling) | PAUSED, from the last query. */
  state?: string;
  /** send_count_information.total_send_num: coupons claimed so far. */
  sent?: number;
  maxCoupons?: number;
  /** The create's idempotency key (recorded before the call). */
  outRequestNo?: string;
  /** A stock named by coupons[].stockId that livectl did not create. */
  external?: boolean;
  /** When WeChat Pay was last asked (ISO). */
  checkedAt?: string;
  /** In the state, but no longer in the campaign file. */
  removed?: boolean;
}

/** With refresh: GET every recorded stock and record its state and counts. */
export async function refreshCoupons(writer: StateWriter, pay: WeChatPayClient): Promise<void> {
  for (const r of writer.resources('coupon/')) {
    if (!r.remoteId) continue;
    const info = await pay.getStock(r.remoteId);
    await writer.put({
      ...r,
      attributes: {
        ...r.attributes,
        state: info.state,
        sentCount: info.sent,
        ...(info.maxCoupons !== undefined ? { maxCoupons: info.maxCoupons } : {}),
        checkedAt: writer.now().toISOString(),
      },
    });
  }
}

export function couponsPart(c: Campaign, s: StateSnapshot): CouponStatus[] {
  const out: CouponStatus[] = [];
  const seen = new Set<string>();
  const one = (couponId: string, title: string | undefined, removed: boolean): CouponStatus => {
    const r = s.resources.get(`coupon/${couponId}`);
    const a = r?.attributes ?? {};
    return {
      couponId,
      ...(title ? { title } : {}),
      ...(r?.remoteId ? { stockId: r.remoteId } : {}),
      ...(typeof a.state === 'string' ? { state: a.state } : r?.remoteId ? { state: 'RUNNING' } : {}),
      ...(typeof a.sentCount === 'number' ? { sent: a.sentCount } : {}),
      ...(typeof a.maxCoupons === 'number' ? { maxCoupons: a.maxCoupons } : {}),
      ...(typeof a.outRequestNo === 'string' ? { outRequestNo: a.outRequestNo } : {}),
      ...(a.external ? { external: true } : {}),
      ...(typeof a.checkedAt === 'string' ? { checkedAt: a.checkedAt } : {}),
      ...(removed ? { removed: true } : {}),
    };
  };
  if (!c.accounts.wechatPay && ![...s.resources.keys()].some((k) => k.startsWith('coupon/'))) return [];
  for (const k of c.coupons) {
    seen.add(k.id);
    out.push(one(k.id, k.title, false));
  }
  for (const key of s.resources.keys()) {
    if (!key.startsWith('coupon/')) continue;
    const id = key.slice('coupon/'.length);
    if (!seen.has(id)) out.push(one(id, undefined, true));
  }
  return out;
}
