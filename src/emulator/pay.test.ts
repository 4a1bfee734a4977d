import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../test/support/emulator.js';
import {
  authorizationHeader,
  requestMessage,
  responseMessage,
  rsaSign,
  rsaVerify,
} from '../wechatpay/signer.js';
import { type RunningEmulator, startEmulator } from './index.js';

/** The /v3/ busifavor routes at the HTTP boundary: signatures both ways, field rules, idempotency, budget. */

const MCH = '1900000109';
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const T0 = new Date('2027-03-01T02:00:00Z');
const TS = String(T0.getTime() / 1000);
let emu: RunningEmulator;
let platformPub: ReturnType<typeof createPublicKey>;

beforeAll(async () => {
  emu = await startEmulator({
    now: T0,
    payMerchants: [
      { mchId: MCH, publicKeyPem: merchant.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    ],
  });
  const pk = (await (await fetch(`${emu.url}/__emulator/wechatpay/public-key`)).json()) as {
    publicKey: string;
  };
  platformPub = createPublicKey(pk.publicKey);
});
afterAll(() => emu.close());

async function call(
  method: string,
  path: string,
  body?: unknown,
  o: { ts?: string; key?: typeof merchant.privateKey } = {},
) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const ts = o.ts ?? TS;
  const sig = rsaSign(requestMessage(method, path, ts, 'N', text), o.key ?? merchant.privateKey);
  const res = await fetch(emu.url + path, {
    method,
    headers: {
      Authorization: authorizationHeader({
        mchid: MCH,
        serial_no: 'S',
        nonce_str: 'N',
        timestamp: ts,
        signature: sig,
      }),
      'Content-Type': 'application/json',
    },
    ...(text ? { body: text } : {}),
  });
  const raw = await res.text();
  const h = (k: string) => res.headers.get(k) ?? '';
  const signed = rsaVerify(
    responseMessage(h('wechatpay-timestamp'), h('wechatpay-nonce'), raw),
    h('wechatpay-signature'),
    platformPub,
  );
  return { status: res.status, body: JSON.parse(raw) as Json, signed };
}

const stock = (outNo: string, over: Record<string, unknown> = {}) => ({
  stock_name: '直播间满99减10',
  belong_merchant: MCH,
  goods_name: '直播商品可用',
  stock_type: 'NORMAL',
  coupon_use_rule: {
    coupon_available_time: {
      available_begin_time: '2027-03-05T20:00:00+08:00',
      available_end_time: '2027-03-10T23:59:59+08:00',
    },
    fixed_normal_coupon: { discount_amount: 1000, transaction_minimum: 9900 },
    use_method: 'MINI_PROGRAMS',
    mini_programs_appid: 'wx0123456789abcdef',
    mini_programs_path: '/pages/live/entry',
  },
  stock_send_rule: { max_coupons: 5000, max_coupons_per_user: 1 },
  out_request_no: outNo,
  coupon_code_mode: 'WECHATPAY_MODE',
  ...over,
});

describe('emulator: WeChat Pay busifavor', () => {
  it('refuses a wrong key, a stale timestamp and no Authorization with 401 SIGN_ERROR, signed', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bad = await call('POST', '/v3/marketing/busifavor/stocks', stock('sig-1'), {
      key: other.privateKey,
    });
    expect([bad.status, bad.body.code, bad.signed]).toEqual([401, 'SIGN_ERROR', true]);
    const stale = await call('POST', '/v3/marketing/busifavor/stocks', stock('sig-2'), {
      ts: String(Number(TS) - 301),
    });
    expect([stale.status, stale.body.message]).toEqual([
      401,
      'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟',
    ]);
    const none = await fetch(`${emu.url}/v3/marketing/busifavor/stocks/1`);
    expect(none.status).toBe(401);
  });

  it('creates, answers RESOURCE_ALREADY_EXISTS for a reused out_request_no, and checks fields (PARAM_ERROR)', async () => {
    const a = await call('POST', '/v3/marketing/busifavor/stocks', stock('dup-1'));
    expect(a.status).toBe(200);
    expect(a.signed).toBe(true);
    expect(a.body.stock_id).toMatch(/^\d{1,20}$/);
    const again = await call('POST', '/v3/marketing/busifavor/stocks', stock('dup-1'));
    expect([again.status, again.body.code, again.body.message]).toEqual([
      400,
      'RESOURCE_ALREADY_EXISTS',
      '批次已存在',
    ]);
    const zero = await call(
      'POST',
      '/v3/marketing/busifavor/stocks',
      stock('p-1', {
        coupon_use_rule: {
          ...stock('x').coupon_use_rule,
          fixed_normal_coupon: { discount_amount: 0, transaction_minimum: 1 },
        },
      }),
    );
    expect([zero.status, zero.body.code]).toEqual([400, 'PARAM_ERROR']);
    expect(zero.body.message).toContain('值低于最小值 1');
    const long = await call(
      'POST',
      '/v3/marketing/busifavor/stocks',
      stock('p-2', { stock_name: '一二三四五六七八九十一二三四五六七八九十一二' }),
    );
    expect([long.status, long.body.code]).toEqual([400, 'PARAM_ERROR']);
  });

  it('queries and moves the budget with compare-and-set, never below what was sent', async () => {
    const { body } = await call('POST', '/v3/marketing/busifavor/stocks', stock('b-1'));
    const id = body.stock_id as string;
    const q = await call('GET', `/v3/marketing/busifavor/stocks/${id}`);
    expect([q.body.stock_state, q.body.send_count_information.total_send_num, q.signed]).toEqual([
      'RUNNING',
      0,
      true,
    ]);
    const stale = await call('PATCH', `/v3/marketing/busifavor/stocks/${id}/budget`, {
      target_max_coupons: 6000,
      current_max_coupons: 4000,
      modify_budget_request_no: 'r1',
    });
    expect([stale.status, stale.body.code]).toEqual([400, 'INVALID_REQUEST']);
    const ok = await call('PATCH', `/v3/marketing/busifavor/stocks/${id}/budget`, {
      target_max_coupons: 6000,
      current_max_coupons: 5000,
      modify_budget_request_no: 'r2',
    });
    expect([ok.status, ok.body.max_coupons]).toEqual([200, 6000]);
    await fetch(`${emu.url}/__emulator/wechatpay/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stockId: id, count: 3 }),
    });
    const below = await call('PATCH', `/v3/marketing/busifavor/stocks/${id}/budget`, {
      target_max_coupons: 2,
      current_max_coupons: 6000,
      modify_budget_request_no: 'r3',
    });
    expect(below.status).toBe(400);
    const other = await call('GET', '/v3/marketing/busifavor/stocks/999999');
    expect([other.status, other.body.code]).toEqual([404, 'RESOURCE_NOT_EXISTS']);
    // No stop or delete endpoint exists on the platform, so none here.
    expect((await call('POST', `/v3/marketing/busifavor/stocks/${id}/stop`, {})).status).toBe(404);
  });
});
