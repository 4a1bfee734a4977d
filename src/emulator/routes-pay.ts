import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  parseAuthorization,
  pemKind,
  requestMessage,
  responseMessage,
  rsaSign,
  rsaVerify,
} from '../wechatpay/signer.js';
import type { EmulatorRuntime } from './server.js';

/**
 * WeChat Pay API v3 merchant coupons (商家券, busifavor) under `/v3/`, after wechatpay-coupons.md:
 * every request's WECHATPAY2-SHA256-RSA2048 signature is verified with the merchant's registered
 * public key (401 SIGN_ERROR otherwise, skew over 5 minutes included); every answer, errors too,
 * is signed with the emulator's own key (its public key and PUB_KEY_ID_… from the admin API); errors
 * are HTTP statuses with `{code, message, detail?}` (§2.4). Create, query and budget follow §3–§5;
 * there is no stop or delete endpoint (§5.3), so none is served.
 *
 * [EMU] choices where the platform is silent (§9): an identical replay of a create is 400
 * RESOURCE_ALREADY_EXISTS like any reused out_request_no; a budget may go down to the number already
 * sent (0 when none was) but not below; a stale current_max_coupons is 400 INVALID_REQUEST.
 */

export interface PayMerchant {
  mchId: string;
  publicKeyPem: string;
  /** When set, the Authorization serial_no must equal it. */
  serialNo?: string;
}

export interface PayStock {
  stockId: string;
  mchId: string;
  outRequestNo: string;
  // biome-ignore lint/suspicious/noExplicitAny: the create body as sent, echoed by the query.
  body: Record<string, any>;
  maxCoupons: number;
  sent: number;
  createdAt: number;
  budgetRequests: string[];
}

export interface PayState {
  /** The emulator's signing key (PKCS#8 PEM) and its id; made on first use, kept with --data. */
  platform?: { privatePem: string; publicPem: string; publicKeyId: string };
  merchants: PayMerchant[];
  stocks: PayStock[];
}

export const emptyPayState = (): PayState => ({ merchants: [], stocks: [] });

export const PAY_PREFIX = '/v3/';

function payState(rt: EmulatorRuntime): PayState {
  const s = rt.core.state as { pay?: PayState };
  s.pay ??= emptyPayState();
  return s.pay;
}

const keyCache = new WeakMap<object, KeyObject>();

function platformKey(rt: EmulatorRuntime): { key: KeyObject; id: string; publicPem: string } {
  const st = payState(rt);
  if (!st.platform) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    st.platform = {
      privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      publicKeyId: `PUB_KEY_ID_0114${randomBytes(12).toString('hex').toUpperCase()}`,
    };
  }
  let key = keyCache.get(st.platform);
  if (!key) {
    key = createPrivateKey(st.platform.privatePem);
    keyCache.set(st.platform, key);
  }
  return { key, id: st.platform.publicKeyId, publicPem: st.platform.publicPem };
}

class PayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const param = (field: string, what: string): never => {
  throw new PayError(400, 'PARAM_ERROR', `输入源“/body/${field}”${what}`, { location: 'body', field });
};

// biome-ignore lint/suspicious/noExplicitAny: untrusted JSON, checked field by field.
type Json = Record<string, any>;

/** Characters as the platform counts them: one per Chinese character, letter or digit. */
const chars = (s: string) => [...s].length;

/** A string field of the request body (`a/b` for nested), checked as the platform does; required unless told. */
function str(b: Json, path: string, min: number, max: number): string;
function str(b: Json, path: string, min: number, max: number, required: false): string | undefined;
function str(b: Json, path: string, min: number, max: number, required = true): string | undefined {
  const v = path.split('/').reduce<unknown>((o, k) => (o as Json | undefined)?.[k], b);
  if (v === undefined) {
    if (required) param(path, '为必填字段，不能为空');
    return undefined;
  }
  if (typeof v !== 'string') param(path, '映射到字符串字段类型错误');
  const n = chars(v as string);
  if (n < min) param(path, `映射到字符串字段规则校验失败，长度低于最小值 ${min}`);
  if (n > max) param(path, `映射到字符串字段规则校验失败，长度超过最大值 ${max}`);
  return v as string;
}

/** An integer field of the request body (`a/b` for nested), checked as the platform does; required unless told. */
function int(b: Json, path: string, min: number, max: number): number;
function int(b: Json, path: string, min: number, max: number, required: false): number | undefined;
function int(b: Json, path: string, min: number, max: number, required = true): number | undefined {
  const v = path.split('/').reduce<unknown>((o, k) => (o as Json | undefined)?.[k], b);
  if (v === undefined) {
    if (required) param(path, '为必填字段，不能为空');
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) param(path, '映射到数值字段类型错误');
  if ((v as number) < min) param(path, `映射到数值字段规则校验失败，值低于最小值 ${min}`);
  if ((v as number) > max) param(path, `映射到数值字段规则校验失败，值高于最大值 ${max}`);
  return v as number;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function time(b: Json, path: string): number {
  const v = str(b, path, 1, 64);
  if (!RFC3339.test(v)) param(path, '映射到时间字段规则校验失败，格式应为 RFC 3339');
  return Date.parse(v);
}

function createStock(rt: EmulatorRuntime, mchId: string, b: Json): Json {
  const st = payState(rt);
  const outNo = str(b, 'out_request_no', 1, 128);
  str(b, 'stock_name', 1, 21);
  const belong = str(b, 'belong_merchant', 8, 15);
  str(b, 'comment', 0, 20, false);
  str(b, 'goods_name', 1, 15);
  const type = b.stock_type;
  if (!['NORMAL', 'DISCOUNT', 'EXCHANGE'].includes(type)) param('stock_type', '枚举值不合法');
  if (!b.coupon_use_rule || typeof b.coupon_use_rule !== 'object')
    param('coupon_use_rule', '为必填字段，不能为空');
  const rule = b.coupon_use_rule as Json;
  const objects = ['fixed_normal_coupon', 'discount_coupon', 'exchange_coupon'].filter(
    (k) => rule[k] !== undefined,
  );
  const wanted = { NORMAL: 'fixed_normal_coupon', DISCOUNT: 'discount_coupon', EXCHANGE: 'exchange_coupon' }[
    type as 'NORMAL'
  ];
  if (objects.length !== 1 || objects[0] !== wanted)
    throw new PayError(400, 'INVALID_REQUEST', `stock_type 为 ${type} 时必须且只能填写 ${wanted}`);
  if (type === 'NORMAL') {
    int(b, 'coupon_use_rule/fixed_normal_coupon/discount_amount', 1, 10_000_000);
    int(b, 'coupon_use_rule/fixed_normal_coupon/transaction_minimum', 1, 10_000_000);
  }
  const begin = time(b, 'coupon_use_rule/coupon_available_time/available_begin_time');
  const end = time(b, 'coupon_use_rule/coupon_available_time/available_end_time');
  if (end <= begin) throw new PayError(400, 'INVALID_REQUEST', '批次结束时间需晚于开始时间');
  if (end - begin > 365 * 86_400_000)
    throw new PayError(400, 'INVALID_REQUEST', '批次开始时间与结束时间间隔不能超过1年');
  const after = int(b, 'coupon_use_rule/coupon_available_time/available_day_after_receive', 1, 365, false);
  const wait = int(b, 'coupon_use_rule/coupon_available_time/wait_days_after_receive', 1, 30, false);
  if (wait !== undefined && after === undefined)
    throw new PayError(
      400,
      'INVALID_REQUEST',
      'wait_days_after_receive 需与 available_day_after_receive 同时填写',
    );
  if (!['OFF_LINE', 'MINI_PROGRAMS', 'PAYMENT_CODE', 'SELF_CONSUME'].includes(rule.use_method))
    param('coupon_use_rule/use_method', '枚举值不合法');
  if (rule.use_method === 'MINI_PROGRAMS') {
    str(b, 'coupon_use_rule/mini_programs_appid', 1, 32, false);
    str(b, 'coupon_use_rule/mini_programs_path', 1, 128, false);
  }
  const max = int(b, 'stock_send_rule/max_coupons', 1, 1_000_000_000);
  int(b, 'stock_send_rule/max_coupons_per_user', 1, 100);
  if (!['WECHATPAY_MODE', 'MERCHANT_API', 'MERCHANT_UPLOAD'].includes(b.coupon_code_mode))
    throw new PayError(400, 'INVALID_REQUEST', '发券模式不合法');
  // Direct mode: the stock belongs to the calling merchant itself.
  if (belong !== mchId) throw new PayError(400, 'INVALID_REQUEST', 'belong_merchant 与调用商户号不一致');
  if (st.stocks.some((s) => s.mchId === mchId && s.outRequestNo === outNo))
    throw new PayError(400, 'RESOURCE_ALREADY_EXISTS', '批次已存在');
  const stock: PayStock = {
    stockId: String(1_212_000_000 + rt.core.nextId()),
    mchId,
    outRequestNo: outNo,
    body: b,
    maxCoupons: max,
    sent: 0,
    createdAt: rt.core.clock.nowMs(),
    budgetRequests: [],
  };
  st.stocks.push(stock);
  return { stock_id: stock.stockId, create_time: china(stock.createdAt) };
}

const china = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

function stockOf(rt: EmulatorRuntime, mchId: string, id: string): PayStock {
  const s = payState(rt).stocks.find((x) => x.stockId === id && x.mchId === mchId);
  if (!s) throw new PayError(404, 'RESOURCE_NOT_EXISTS', '批次不存在');
  return s;
}

function stockEnd(s: PayStock): number {
  return Date.parse(s.body.coupon_use_rule.coupon_available_time.available_end_time);
}

export function stockState(rt: EmulatorRuntime, s: PayStock): string {
  return rt.core.clock.nowMs() >= stockEnd(s) ? 'STOPED' : 'RUNNING';
}

function queryStock(rt: EmulatorRuntime, s: PayStock): Json {
  const { out_request_no: _o, ...echo } = s.body;
  const amount = s.body.coupon_use_rule?.fixed_normal_coupon?.discount_amount ?? 0;
  return {
    ...echo,
    stock_send_rule: { ...echo.stock_send_rule, max_coupons: s.maxCoupons },
    stock_id: s.stockId,
    stock_state: stockState(rt, s),
    send_count_information: { total_send_num: s.sent, total_send_amount: s.sent * amount },
  };
}

function modifyBudget(rt: EmulatorRuntime, s: PayStock, b: Json): Json {
  const hasTarget = b.target_max_coupons !== undefined;
  if (hasTarget === (b.target_max_coupons_by_day !== undefined))
    throw new PayError(
      400,
      'PARAM_ERROR',
      'target_max_coupons 与 target_max_coupons_by_day 必须且只能填写一个',
    );
  if (!hasTarget) throw new PayError(400, 'INVALID_REQUEST', '该批次未设置单天发放上限');
  const req = str(b, 'modify_budget_request_no', 1, 128);
  const target = int(b, 'target_max_coupons', 0, 1_000_000_000);
  if (target > 0) int(b, 'current_max_coupons', 1, 1_000_000_000);
  if (rt.core.clock.nowMs() >= stockEnd(s))
    throw new PayError(400, 'INVALID_REQUEST', '批次已过期，不能修改预算');
  if (s.budgetRequests.includes(req)) return { max_coupons: s.maxCoupons };
  if (b.current_max_coupons !== undefined && b.current_max_coupons !== s.maxCoupons)
    throw new PayError(400, 'INVALID_REQUEST', '批次库存的当前值错误，请获取批次详情查看最新值');
  if (target < s.sent) throw new PayError(400, 'INVALID_REQUEST', '目标库存不能低于已发放数量');
  s.maxCoupons = target;
  s.budgetRequests.push(req);
  return { max_coupons: s.maxCoupons };
}

interface PayReply {
  status: number;
  body: string;
}

function route(rt: EmulatorRuntime, method: string, path: string, mchId: string, raw: string): PayReply {
  const json = (): Json => {
    if (raw === '') throw new PayError(400, 'PARAM_ERROR', '请求体不能为空');
    try {
      const v = JSON.parse(raw) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Json;
    } catch {
      // fall through
    }
    throw new PayError(400, 'PARAM_ERROR', '请求体不是合法的JSON');
  };
  const ok = (body: Json) => ({ status: 200, body: JSON.stringify(body) });
  if (path === '/v3/marketing/busifavor/stocks') {
    if (method !== 'POST') throw new PayError(405, 'METHOD_NOT_ALLOWED', '请求方法不被允许');
    return ok(createStock(rt, mchId, json()));
  }
  const m = /^\/v3\/marketing\/busifavor\/stocks\/([^/]+)(\/budget)?$/.exec(path);
  if (m) {
    const s = stockOf(rt, mchId, decodeURIComponent(m[1]!));
    if (m[2] && method === 'PATCH') return ok(modifyBudget(rt, s, json()));
    if (!m[2] && method === 'GET') return ok(queryStock(rt, s));
    throw new PayError(405, 'METHOD_NOT_ALLOWED', '请求方法不被允许');
  }
  throw new PayError(404, 'NOT_FOUND', `no emulated WeChat Pay endpoint ${method} ${path}`);
}

/** Checks the Authorization header against the registered merchant key; returns the mchid. */
function authenticate(rt: EmulatorRuntime, req: IncomingMessage, uri: string, raw: string): string {
  const auth = parseAuthorization(req.headers.authorization);
  const signError = (issue: string) =>
    new PayError(401, 'SIGN_ERROR', '错误的签名，验签失败', {
      detail: { issue },
      field: 'signature',
      location: 'authorization',
    });
  if (!auth) throw signError('Authorization header missing or not WECHATPAY2-SHA256-RSA2048');
  const merchant = payState(rt).merchants.find((m) => m.mchId === auth.mchid);
  if (!merchant) throw signError(`merchant ${auth.mchid} has no registered key (emulator admin)`);
  if (merchant.serialNo && merchant.serialNo !== auth.serial_no) throw signError('serial_no does not match');
  const skew = Math.abs(rt.core.clock.nowSec() - Number(auth.timestamp));
  if (!Number.isFinite(skew) || skew > 300)
    throw new PayError(401, 'SIGN_ERROR', 'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟');
  const key = createPublicKey(merchant.publicKeyPem);
  const message = requestMessage(req.method ?? 'GET', uri, auth.timestamp, auth.nonce_str, raw);
  if (!rsaVerify(message, auth.signature, key)) throw signError('sign not match');
  return auth.mchid;
}

/** Serves one `/v3/…` request: log, faults, signature, handler, signed answer. */
export async function servePay(
  rt: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  rawBuf: Buffer,
): Promise<void> {
  const uri = req.url ?? '/';
  const u = new URL(uri, 'http://emulator.local');
  const method = req.method ?? 'GET';
  const raw = rawBuf.toString('utf8');
  const entry = rt.log.start(
    rt.core.clock.nowMs(),
    method,
    u.pathname,
    u.searchParams,
    req.headers['content-type'],
    rawBuf,
  );
  let reply: PayReply;
  let drop = false;
  let tamper = false;
  let unsigned = false;
  try {
    const mchId = authenticate(rt, req, uri, raw);
    for (const f of rt.faults.take(u.pathname)) {
      if (f.kind === 'latency') await new Promise((r) => setTimeout(r, f.ms ?? 1000));
      else if (f.kind === 'http') throw new PayError(f.status ?? 500, f.code ?? 'SYSTEM_ERROR', '系统错误');
      else if (f.kind === 'tamper') tamper = true;
      else if (f.kind === 'unsigned') unsigned = true;
      else if (f.kind === 'drop-after-effect') drop = true;
    }
    rt.core.tick();
    reply = route(rt, method, u.pathname, mchId, raw);
  } catch (err) {
    if (!(err instanceof PayError)) throw err;
    reply = {
      status: err.status,
      body: JSON.stringify({
        code: err.code,
        message: err.message,
        ...(err.detail ? { detail: err.detail } : {}),
      }),
    };
  }
  entry.status = reply.status;
  entry.errcode = reply.status >= 200 && reply.status < 300 ? 0 : -1;
  rt.persist();
  if (drop) {
    req.socket.destroy();
    return;
  }
  const { key, id } = platformKey(rt);
  const ts = String(rt.core.clock.nowSec());
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  const signature = rsaSign(responseMessage(ts, nonce, reply.body), key);
  // A tampered answer: signed for one body, another sent (a man in the middle, or a broken proxy).
  const body = tamper
    ? reply.body.replace(/"stock_id":"(\d+)"/, '"stock_id":"9$1"').replace(/}$/, ',"tampered":true}')
    : reply.body;
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'request-id': randomBytes(16).toString('hex'),
  };
  if (!unsigned) {
    headers['wechatpay-timestamp'] = ts;
    headers['wechatpay-nonce'] = nonce;
    headers['wechatpay-signature'] = signature;
    headers['wechatpay-serial'] = id;
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

// biome-ignore lint/suspicious/noExplicitAny: admin bodies are untrusted JSON.
type AdminBody = Record<string, any>;

/** Admin endpoints under /__emulator/wechatpay/…; undefined when the route is not one of them. */
export function payAdmin(rt: EmulatorRuntime, route: string, body: AdminBody): unknown {
  const st = payState(rt);
  switch (route) {
    case 'GET /__emulator/wechatpay/public-key': {
      const { id, publicPem } = platformKey(rt);
      return { publicKeyId: id, publicKey: publicPem };
    }
    case 'POST /__emulator/wechatpay/merchants': {
      if (typeof body.mchId !== 'string' || !/^\d{8,15}$/.test(body.mchId))
        throw new Error('mchId (8–15 digits) is required');
      if (typeof body.publicKey !== 'string' || pemKind(body.publicKey) !== 'public')
        throw new Error('publicKey must be the merchant API public key as PEM (never the private key)');
      createPublicKey(body.publicKey);
      addMerchant(rt, {
        mchId: body.mchId,
        publicKeyPem: body.publicKey,
        ...(typeof body.serialNo === 'string' ? { serialNo: body.serialNo } : {}),
      });
      return { ok: true, mchId: body.mchId };
    }
    case 'GET /__emulator/wechatpay/stocks':
      return {
        stocks: st.stocks.map((s) => ({
          stockId: s.stockId,
          mchId: s.mchId,
          outRequestNo: s.outRequestNo,
          name: s.body.stock_name,
          state: stockState(rt, s),
          maxCoupons: s.maxCoupons,
          sent: s.sent,
          createdAt: new Date(s.createdAt).toISOString(),
        })),
      };
    case 'POST /__emulator/wechatpay/send': {
      // Customers claiming coupons (through the plugin, in real life): counts up to the budget.
      const s = st.stocks.find((x) => x.stockId === String(body.stockId));
      if (!s) throw new Error(`no stock ${body.stockId}`);
      const n = Number(body.count ?? 1);
      if (!Number.isInteger(n) || n < 1) throw new Error('count must be a positive integer');
      if (stockState(rt, s) !== 'RUNNING') return { ok: false, code: 'NOTRUNNING', sent: s.sent };
      const take = Math.min(n, s.maxCoupons - s.sent);
      s.sent += take;
      return { ok: take === n, ...(take < n ? { code: 'NOTENOUGH' } : {}), sent: s.sent };
    }
    default:
      return undefined;
  }
}

export function addMerchant(rt: EmulatorRuntime, m: PayMerchant): void {
  const st = payState(rt);
  st.merchants = [...st.merchants.filter((x) => x.mchId !== m.mchId), m];
}
