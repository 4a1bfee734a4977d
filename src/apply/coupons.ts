import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import { done, needsHuman } from '../outcome.js';
import { specHash } from '../plan/desired.js';
import { couponAddress, desiredStock, outRequestNo, type StockSpec } from '../plan/plan-coupons.js';
import type { Change } from '../plan/types.js';
import type { ResourceRecord } from '../state/types.js';
import { type WeChatPayClient, WeChatPayError } from '../wechatpay/client.js';
import { addressId, type StepContext, type StepEnd, type StepResult } from './steps.js';

/**
 * Apply for `coupon/<id>`: a WeChat Pay merchant-coupon stock (商家券). Idempotent by construction:
 * the out_request_no is derived from campaign and coupon id and written to the store before the
 * create, so a lost answer is repeated with the same number (by the client, or by the next apply)
 * and WeChat Pay answers RESOURCE_ALREADY_EXISTS instead of making a second stock.
 *
 * busifavor offers no query by out_request_no and no list of a merchant's stocks
 * (wechatpay-coupons.md §4: "No endpoint lists all stocks of a merchant"), so when that answer comes
 * the stock's id cannot be recovered by API: a person reads it in the merchant platform and writes it
 * into the campaign as `coupons[].stockId`; the next apply checks and records it as ours.
 */

export const MERCHANT_PLATFORM_PAGE =
  'pay.weixin.qq.com → 营销中心 → 商家券 → 批次管理 (the stock list of the merchant platform)';

function pay(s: StepContext): WeChatPayClient {
  const p = s.run.opts.wechatPay;
  if (!p)
    throw new UserError(
      'coupons are WeChat Pay stocks (accounts.wechatPay) but no WeChat Pay client was opened',
    );
  return p;
}

/** A stable request number for one budget change: the same change repeated is the same request. */
function budgetRequestNo(campaign: string, couponId: string, from: number, to: number): string {
  return `lcb${createHash('sha256').update(`${campaign}\n${couponId}\n${from}\n${to}`).digest('hex').slice(0, 32)}`;
}

export async function applyCoupon(s: StepContext, change: Change): Promise<StepEnd> {
  const id = addressId(change.address);
  const campaign = s.run.opts.campaign;
  const k = campaign.coupons.find((c) => c.id === id);
  const rec = s.run.resource(change.address);
  if (change.action === 'delete') {
    if (!rec?.remoteId || rec.attributes.external) {
      if (rec) await s.run.remove(change.address);
      return done({
        message: rec?.remoteId
          ? `forgotten (stock ${rec.remoteId} was not created by livectl: left as it is)`
          : 'forgotten',
      });
    }
    const r = await stopStock(pay(s), campaign.metadata.name, id, rec.remoteId);
    await s.run.remove(change.address);
    return done({ message: r.message, remoteId: rec.remoteId });
  }
  if (!k) throw new Error(`coupon ${id} is not in the campaign`);
  const p = pay(s);

  if (change.action === 'update') {
    if (!rec?.remoteId) throw new Error(`coupon ${id} has no stock to update`);
    return done(await setBudget(s, rec, k.quantity));
  }

  // create: an existing stock named by the campaign …
  if (k.stockId !== undefined) {
    const info = await p.getStock(k.stockId);
    if (info.belongMerchant !== undefined && info.belongMerchant !== p.mchId) {
      throw new UserError(
        `coupons[${campaign.coupons.indexOf(k)}].stockId ${k.stockId} belongs to merchant ${info.belongMerchant}, not ${p.mchId}`,
        { hint: 'Name a stock of accounts.wechatPay.mchId, or remove stockId to create one.' },
      );
    }
    // Ours when an earlier create of this campaign made it (its out_request_no was recorded).
    const ours = rec !== undefined && !rec.remoteId && typeof rec.attributes.outRequestNo === 'string';
    const saved = await s.run.put({
      address: change.address,
      kind: 'coupon',
      remoteId: k.stockId,
      sent: ours
        ? (desiredStock(campaign, s.run.opts.times, campaign.metadata.timezone, k) as unknown as Record<
            string,
            unknown
          >)
        : { stockId: k.stockId, max_coupons: info.maxCoupons },
      attributes: {
        ...(ours ? { outRequestNo: rec!.attributes.outRequestNo } : { external: true }),
        state: info.state,
        sentCount: info.sent,
        maxCoupons: info.maxCoupons,
        checkedAt: s.run.now().toISOString(),
      },
    });
    if (info.maxCoupons !== undefined && info.maxCoupons !== k.quantity && info.state !== 'STOPED') {
      const r = await setBudget(s, saved, k.quantity);
      return done({
        message: `stock ${k.stockId} (${info.state}, ${info.sent} sent) recorded; ${r.message}`,
        remoteId: k.stockId,
      });
    }
    return done({
      message: `stock ${k.stockId} (${info.state}, ${info.sent} sent) recorded`,
      remoteId: k.stockId,
    });
  }

  // … or a new one.
  const spec = desiredStock(campaign, s.run.opts.times, campaign.metadata.timezone, k);
  if (!spec)
    throw new UserError(`coupon ${id}: the claim window cannot be computed (no broadcast start or end)`);
  const outNo = outRequestNo(campaign.metadata.name, id);
  if (!rec || rec.attributes.outRequestNo !== outNo) {
    // Written before the call: whatever happens to the answer, the next run repeats this number.
    await s.run.put({
      address: change.address,
      kind: 'coupon',
      attributes: { outRequestNo: outNo, requestedAt: s.run.now().toISOString() },
    });
  }
  let stockId: string;
  try {
    stockId = (await p.createStock({ ...spec, out_request_no: outNo })).stockId;
  } catch (err) {
    if (err instanceof WeChatPayError && err.code === 'RESOURCE_ALREADY_EXISTS') {
      const index = campaign.coupons.indexOf(k);
      return needsHuman(
        `WeChat Pay already made the stock for coupon ${id} (out_request_no ${outNo}) but its answer was lost, and busifavor has no query by out_request_no to learn its id. ` +
          `Read the stock id in ${MERCHANT_PLATFORM_PAGE} — the stock named "${spec.stock_name}" — then add \`stockId: "<that id>"\` to coupons[${index}] (id: ${id}) in the campaign file and apply again: livectl checks it and tracks it as this campaign's.`,
        'coupon-stock-id',
      );
    }
    throw err;
  }
  await s.run.put({
    address: change.address,
    kind: 'coupon',
    remoteId: stockId,
    hash: specHash(spec),
    sent: spec as unknown as Record<string, unknown>,
    attributes: {
      outRequestNo: outNo,
      maxCoupons: spec.stock_send_rule.max_coupons,
      createdAt: s.run.now().toISOString(),
    },
  });
  return done({ message: `stock ${stockId} created: ${describeStock(spec)}`, remoteId: stockId });
}

export function describeStock(spec: StockSpec): string {
  const r = spec.coupon_use_rule.fixed_normal_coupon;
  return `${spec.stock_send_rule.max_coupons} × ${r.discount_amount} fen off ${r.transaction_minimum} fen`;
}

/** PATCH …/budget with the stock's present budget as compare-and-set; never below what was sent. */
async function setBudget(s: StepContext, rec: ResourceRecord, target: number): Promise<StepResult> {
  const p = pay(s);
  const id = addressId(rec.address);
  const info = await p.getStock(rec.remoteId!);
  const current = info.maxCoupons ?? Number(rec.attributes.maxCoupons);
  if (target < info.sent) {
    throw new UserError(
      `coupon ${id}: stock ${rec.remoteId} has already sent ${info.sent}, so its quantity can't go down to ${target}`,
      { hint: `Set quantity to ${info.sent} or more (${info.sent} stops it issuing).` },
    );
  }
  if (current !== target) {
    await p.modifyBudget(rec.remoteId!, target, current, budgetRequestNo(s.run.name, id, current, target));
  }
  const sent = rec.sent ? structuredClone(rec.sent) : {};
  if (sent.stock_send_rule && typeof sent.stock_send_rule === 'object')
    (sent.stock_send_rule as Record<string, unknown>).max_coupons = target;
  else sent.max_coupons = target;
  await s.run.put({
    ...rec,
    sent,
    attributes: { ...rec.attributes, maxCoupons: target, state: info.state, sentCount: info.sent },
  });
  return {
    message: `budget ${current} → ${target} (stock ${rec.remoteId}, ${info.sent} sent)`,
    remoteId: rec.remoteId!,
  };
}

/**
 * A stock cannot be deleted or stopped by API (§5.3): the budget is lowered to what was already
 * sent, so no further coupon can be claimed. Those already claimed stay usable.
 */
export async function stopStock(
  p: WeChatPayClient,
  campaign: string,
  couponId: string,
  stockId: string,
): Promise<{ message: string; sent: number; from?: number }> {
  const info = await p.getStock(stockId);
  if (info.state === 'STOPED') {
    return {
      message: `stock ${stockId} had already ended (${info.sent} sent); a stock can't be deleted`,
      sent: info.sent,
    };
  }
  const from = info.maxCoupons ?? info.sent;
  if (from > info.sent)
    await p.modifyBudget(stockId, info.sent, from, budgetRequestNo(campaign, couponId, from, info.sent));
  return {
    message: `stock ${stockId} stopped issuing: budget ${from} → ${info.sent} (already sent); a stock can't be deleted, claimed coupons stay usable`,
    sent: info.sent,
    from,
  };
}

export { couponAddress };
