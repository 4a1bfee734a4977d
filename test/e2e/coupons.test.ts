import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outRequestNo } from '../../src/plan/plan-coupons.js';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import { campaignYaml, type E2E, type Json, startE2E } from './support/workspace.js';

/**
 * Coupons as WeChat Pay 商家券 stocks, end to end: the CLI against the emulator's /v3/ routes, which
 * verify every request signature with the merchant key registered here and sign every answer with
 * their own key. Keys are generated at test time into the temp workspace (never committed).
 */

const MCH = '1900000109';
const STOCKS = '/v3/marketing/busifavor/stocks';

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const MERCHANT_PRIVATE = merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const MERCHANT_PUBLIC = merchant.publicKey.export({ type: 'spki', format: 'pem' }).toString();
/** A line from the middle of the private key: must never appear anywhere. */
const KEY_LINE = MERCHANT_PRIVATE.split('\n')[5]!;

function couponCampaign(o: { quantity?: number; stockId?: string; extraCoupon?: string } = {}): string {
  return campaignYaml({
    extra: `coupons:
  - { id: warmup-50, title: 满199减50预热券, kind: preheat, threshold: 199, amount: 50, quantity: ${o.quantity ?? 1000}, stackable: true, validDays: 3${o.stockId ? `, stockId: "${o.stockId}"` : ''} }
  - { id: grab-20, title: 直播间无门槛20元, kind: all-hands, threshold: 0, amount: 20, quantity: 300, stackable: false, perUser: 2 }
${o.extraCoupon ?? ''}`,
  })
    .replace(
      '  miniProgram: { appId: wx0123456789abcdef }',
      `  miniProgram: { appId: wx0123456789abcdef, livePage: pages/live/entry }\n  wechatPay: { mchId: "${MCH}", serialNo: 5157F09EFDC096DE15EBE81A47057A7232F1B8E1, publicKeyId: PLACEHOLDER }`,
    )
    .replace(
      '- { id: t-3d, at: -3d@10:00, channels: [wecom-groups], message: teaser }',
      '- { id: t-3d, at: -3d@10:00, channels: [wecom-groups], message: teaser, coupons: [warmup-50] }',
    )
    .replace(
      '- { id: live, at: 0, channels: [wecom-groups], message: live-now }',
      '- { id: live, at: 0, channels: [wecom-groups], message: live-now, coupons: [grab-20] }',
    );
}

async function start(o: Parameters<typeof couponCampaign>[0] = {}): Promise<E2E> {
  const x = await startE2E({ emulator: { payMerchants: [{ mchId: MCH, publicKeyPem: MERCHANT_PUBLIC }] } });
  const pub = await x.admin('wechatpay/public-key');
  const keyFile = path.join(x.ws.dir, 'apiclient_key.pem');
  writeFileSync(keyFile, MERCHANT_PRIVATE);
  chmodSync(keyFile, 0o600);
  const pubFile = path.join(x.ws.dir, 'pub_key.pem');
  writeFileSync(pubFile, pub.publicKey);
  Object.assign(x.env, {
    LIVECTL_WECHATPAY_PRIVATE_KEY: keyFile,
    LIVECTL_WECHATPAY_PUBLIC_KEY: pubFile,
    LIVECTL_WECHATPAY_API: x.emu.url,
  });
  (x as E2E & { keyId: string }).keyId = pub.publicKeyId;
  x.ws.writeCampaign(couponCampaign(o).replace('PLACEHOLDER', pub.publicKeyId));
  return x;
}

const write = (x: E2E, o: Parameters<typeof couponCampaign>[0]) =>
  x.ws.writeCampaign(couponCampaign(o).replace('PLACEHOLDER', (x as E2E & { keyId: string }).keyId));

const stocks = async (x: E2E): Promise<Json[]> => (await x.admin('wechatpay/stocks')).stocks as Json[];
const payRequests = async (x: E2E) => (await x.requests()).filter((r) => String(r.path).startsWith('/v3/'));

describe('coupons as WeChat Pay stocks', () => {
  it('two coupons make two stocks in fen; a second apply creates nothing; no key material anywhere', async () => {
    e = await start();
    const plan = await e.cli(['plan', 'campaign.yaml']);
    expect(plan.stdout).toContain('coupon/warmup-50');
    expect(plan.stdout).toContain('send-coupon plugin');
    const first = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(first.stderr + first.stdout).toMatch(/coupon\/warmup-50/);
    const made = await stocks(e);
    expect(made).toHaveLength(2);
    const creates = (await payRequests(e)).filter((r) => r.method === 'POST' && r.path === STOCKS);
    expect(creates).toHaveLength(2);
    const warm = creates.find((r) => r.body.stock_name === '满199减50预热券')!.body;
    expect(warm.coupon_use_rule.fixed_normal_coupon).toEqual({
      discount_amount: 5000,
      transaction_minimum: 19900,
    });
    expect(warm.out_request_no).toBe(outRequestNo('spring-tea', 'warmup-50'));
    expect(warm.coupon_use_rule.mini_programs_path).toBe('/pages/live/entry');
    expect(warm.coupon_use_rule.coupon_available_time).toEqual({
      // From the t-3d wave (2027-03-17 10:00) to the end (21:00) plus validDays 3.
      available_begin_time: '2027-03-17T10:00:00+08:00',
      available_end_time: '2027-03-23T21:00:00+08:00',
      available_day_after_receive: 3,
    });
    const grab = creates.find((r) => r.body.stock_name === '直播间无门槛20元')!.body;
    // No threshold: the smallest order the discount can apply to, amount + 1 fen.
    expect(grab.coupon_use_rule.fixed_normal_coupon).toEqual({
      discount_amount: 2000,
      transaction_minimum: 2001,
    });
    expect(grab.stock_send_rule).toEqual({ max_coupons: 300, max_coupons_per_user: 2 });

    await e.clearRequests();
    const again = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect((await payRequests(e)).filter((r) => r.method === 'POST')).toEqual([]);
    expect(await stocks(e)).toHaveLength(2);

    const status = await e.cli(['status', 'campaign.yaml', '--refresh', '--format', 'json']);
    const st = JSON.parse(status.stdout) as Json;
    expect(st.coupons.map((k: Json) => [k.couponId, k.stockId, k.state, k.sent])).toEqual(
      made
        .sort((a, b) => (a.name === '满199减50预热券' ? -1 : b.name === '满199减50预热券' ? 1 : 0))
        .map((s) => [s.name === '满199减50预热券' ? 'warmup-50' : 'grab-20', s.stockId, 'RUNNING', 0]),
    );

    const everything = [plan, first, again, status].map((r) => r.stdout + r.stderr).join('\n');
    const log = JSON.stringify(await e.admin('requests')) + JSON.stringify(await e.state());
    for (const text of [everything, log]) {
      expect(text).not.toContain(KEY_LINE);
      expect(text).not.toContain('PRIVATE KEY');
    }
  });

  it('a dropped answer never makes a second stock; the person adds stockId and the next apply tracks it', async () => {
    e = await start();
    await e.admin('faults', { path: STOCKS, kind: 'drop-after-effect', times: 1 });
    const r = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(r.code).toBe(1);
    const made = await stocks(e);
    expect(made).toHaveLength(2);
    const out = r.stdout + r.stderr;
    expect(out).toContain('stockId');
    expect(out).toContain('营销中心');
    // The out_request_no was in the store before the call.
    const store = await openSqliteStore(e.ws.statePath, { clock: { now: () => e!.now() } });
    const lost = [...(await store.snapshot('spring-tea')).resources.values()].find(
      (x) => x.kind === 'coupon' && !x.remoteId,
    )!;
    await store.close();
    expect(lost.attributes.outRequestNo).toBe(outRequestNo('spring-tea', lost.address.slice(7)));

    // The person reads the id in the merchant platform and writes it into the campaign.
    const lostStock = made.find((s) => s.outRequestNo === lost.attributes.outRequestNo)!;
    expect(lost.address).toBe('coupon/warmup-50');
    write(e, { stockId: lostStock.stockId });
    const again = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(await stocks(e)).toHaveLength(2);
    const st = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout) as Json;
    const warm = st.coupons.find((k: Json) => k.couponId === 'warmup-50');
    expect(warm.stockId).toBe(lostStock.stockId);
    // Ours (its out_request_no matched): destroy stops it like the others.
    expect(warm.external).toBeUndefined();
  });

  it('refuses a tampered answer and an unsigned one (signature), and never records their stock id', async () => {
    e = await start();
    await e.admin('faults', { path: STOCKS, kind: 'tamper', times: 1 });
    const r = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/signature/i);
    const st = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout) as Json;
    const recorded = st.coupons.filter((k: Json) => k.stockId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].stockId).not.toMatch(/^9/);

    await e.admin('faults', { path: `${STOCKS}/*`, kind: 'unsigned', times: 5 });
    const s2 = await e.cli(['status', 'campaign.yaml', '--refresh']);
    expect(s2.code).toBe(1);
    expect(s2.stdout + s2.stderr).toMatch(/no Wechatpay-Signature/);
  });

  it('quantity raised is one budget call; destroy stops issuing at what was sent', async () => {
    e = await start();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBeLessThanOrEqual(1);
    const warm = (await stocks(e)).find((s) => s.name === '满199减50预热券')!;
    write(e, { quantity: 1500 });
    const plan = await e.cli(['plan', 'campaign.yaml']);
    expect(plan.stdout).toContain('budget 1000 → 1500');
    await e.clearRequests();
    await e.cli(['apply', 'campaign.yaml', '--yes']);
    const patches = (await payRequests(e)).filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => [p.path, p.body.target_max_coupons, p.body.current_max_coupons])).toEqual([
      [`${STOCKS}/${warm.stockId}/budget`, 1500, 1000],
    ]);
    expect((await stocks(e)).find((s) => s.stockId === warm.stockId)!.maxCoupons).toBe(1500);

    // Other edits are refused in the plan: a stock's rules can't change.
    write(e, { quantity: 1500, extraCoupon: '' });
    e.ws.writeCampaign(
      (await import('node:fs')).readFileSync(e.ws.file, 'utf8').replace('amount: 50,', 'amount: 40,'),
    );
    const refused = await e.cli(['plan', 'campaign.yaml']);
    expect(refused.stdout).toMatch(/can't change discount_amount 5000 → 4000/);
    write(e, { quantity: 1500 });

    await e.admin('wechatpay/send', { stockId: warm.stockId, count: 7 });
    const d = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(d.stdout + d.stderr).toMatch(/can't be deleted/);
    const after = await stocks(e);
    expect(after.find((s) => s.stockId === warm.stockId)!.maxCoupons).toBe(7);
    expect(after.every((s) => s.maxCoupons === s.sent)).toBe(true);
  });

  it('without the key variables, destroy still deletes the room and says which stocks it could not stop', async () => {
    e = await start();
    await e.cli(['apply', 'campaign.yaml', '--yes']);
    delete e.env.LIVECTL_WECHATPAY_PRIVATE_KEY;
    const st = await e.cli(['status', 'campaign.yaml', '--refresh']);
    expect(st.code, st.stderr).toBe(0);
    const d = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(d.code).toBe(1);
    expect(d.stdout + d.stderr).toContain('cannot stop the coupon stocks without WeChat Pay');
    const rooms = ((await e.state()).rooms as Json[]).filter((r) => !r.deleted);
    expect(rooms).toEqual([]);
    expect((await stocks(e)).every((s) => s.maxCoupons > s.sent)).toBe(true);
  });
});
