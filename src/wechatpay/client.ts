import { type KeyObject, randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';
import type { Clock } from '../platform/deps.js';
import { WeChatApiError } from '../wechat/errors.js';
import type { Transport } from '../wechat/http.js';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  payAnswerRetryable,
  type RetryPolicy,
  type Sleep,
} from '../wechat/retry.js';
import {
  authorizationHeader,
  MAX_SKEW_S,
  requestMessage,
  responseMessage,
  rsaSign,
  rsaVerify,
} from './signer.js';

/**
 * WeChat Pay API v3 client for merchant-coupon stocks (商家券, busifavor). HTTP goes through the one
 * transport (src/wechat/http.ts `exchange`); this file signs every request and believes no answer
 * whose `Wechatpay-Signature` does not verify with the WeChat Pay public key (wechatpay-coupons.md §2).
 *
 * Errors: the body is `{code, message, detail?}` with an HTTP status (§2.4). SYSTEM_ERROR (400 or
 * 500), 5xx, 429 and lost answers are retried with the same bytes (a create carries its
 * out_request_no, so a repeat never makes a second stock: the platform answers RESOURCE_ALREADY_EXISTS).
 */

export const DEFAULT_WECHATPAY_API = 'https://api.mch.weixin.qq.com';

export interface WeChatPayConfig {
  mchId: string;
  /** Serial number of the merchant API certificate (goes into Authorization). */
  serialNo: string;
  /** `PUB_KEY_ID_…`: sent as the request's Wechatpay-Serial, expected on every answer. */
  publicKeyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  clock: Clock;
  sleep: Sleep;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
}

export type PayErrorKind = 'platform' | 'signature' | 'network' | 'timeout' | 'http';

/** What WeChat Pay (or the way to it) said no with. Never carries key material. */
export class WeChatPayError extends UserError {
  constructor(
    readonly api: string,
    readonly kind: PayErrorKind,
    /** `PARAM_ERROR`, `RESOURCE_ALREADY_EXISTS`, `SIGNATURE` (our check), … */
    readonly code: string,
    readonly detail: string,
    readonly status: number | null,
    /** The request may have taken effect although no believable answer came back. */
    readonly maybeApplied: boolean,
    readonly retryable: boolean,
    hint?: string,
  ) {
    super(`${api}: ${detail} (${code}${status ? `, HTTP ${status}` : ''})`, hint ? { hint } : {});
    this.name = 'WeChatPayError';
  }
}

const HINTS: Record<string, string> = {
  SIGN_ERROR:
    'WeChat Pay refused the request signature: check accounts.wechatPay.serialNo (the merchant API certificate serial) and LIVECTL_WECHATPAY_PRIVATE_KEY (its private key).',
  PARAM_ERROR:
    'WeChat Pay refused a field: fix the coupon in the campaign file (livectl validate) and apply again.',
  NO_AUTH:
    'The merchant has no 商家券 permission (busifavor takes no merchants onboarded after 2025-12-15): use product: product-coupon or set the coupons up by hand.',
  NOAUTH:
    'The merchant has no 商家券 permission (busifavor takes no merchants onboarded after 2025-12-15): use product: product-coupon or set the coupons up by hand.',
  APPID_MCHID_NOT_MATCH:
    'The mini program is not bound to this merchant: bind accounts.miniProgram.appId to the mchId in the merchant platform (产品中心 → AppID账号管理).',
  RESOURCE_NOT_EXISTS:
    'WeChat Pay does not know this stock for this merchant: check coupons[].stockId and accounts.wechatPay.mchId.',
  SIGNATURE:
    'The answer did not verify with the WeChat Pay public key, so livectl did not believe it. Check LIVECTL_WECHATPAY_PUBLIC_KEY and accounts.wechatPay.publicKeyId, and anything between you and LIVECTL_WECHATPAY_API.',
};

export interface PayAnswer {
  status: number;
  body: Record<string, unknown>;
}

export class WeChatPayClient {
  private readonly policy: RetryPolicy;

  constructor(
    private readonly transport: Transport,
    private readonly cfg: WeChatPayConfig,
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...cfg.retry };
  }

  get mchId(): string {
    return this.cfg.mchId;
  }

  /** Signed call with retries; resolves with a verified 2xx answer, else throws WeChatPayError. */
  async call(method: 'GET' | 'POST' | 'PATCH', path: string, json?: unknown): Promise<PayAnswer> {
    // The same bytes on every try: the signature covers them, and a create's out_request_no with them.
    const body = json === undefined ? '' : JSON.stringify(json);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(method, path, body, attempt);
      } catch (err) {
        if (!(err instanceof WeChatPayError) || !err.retryable || attempt >= this.policy.attempts) throw err;
        await this.cfg.sleep(backoffDelay(attempt, this.policy, this.cfg.random));
      }
    }
  }

  private async once(method: 'GET' | 'POST' | 'PATCH', path: string, body: string, attempt: number) {
    const timestamp = String(Math.floor(this.cfg.clock.now().getTime() / 1000));
    const nonce = randomBytes(16).toString('hex').toUpperCase();
    const signature = rsaSign(requestMessage(method, path, timestamp, nonce, body), this.cfg.privateKey);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': 'livectl (WeChat Pay API v3)',
      // Answers are signed with the key type the request names (§2.2, public-key migration).
      'Wechatpay-Serial': this.cfg.publicKeyId,
      Authorization: authorizationHeader({
        mchid: this.cfg.mchId,
        serial_no: this.cfg.serialNo,
        nonce_str: nonce,
        timestamp,
        signature,
      }),
    };
    if (body !== '') headers['Content-Type'] = 'application/json';
    const api = path.replace(/\?.*$/, '');
    let answer: Awaited<ReturnType<Transport['exchange']>>;
    try {
      answer = await this.transport.exchange({
        method,
        path,
        headers,
        attempt,
        ...(body !== '' ? { body } : {}),
      });
    } catch (err) {
      if (!(err instanceof WeChatApiError)) throw err;
      const kind = err.kind === 'timeout' ? 'timeout' : 'network';
      throw new WeChatPayError(
        api,
        kind,
        kind.toUpperCase(),
        err.errmsg,
        null,
        err.maybeApplied,
        true,
        'WeChat Pay did not answer. Apply again: every create carries its out_request_no, so a repeat never makes a second stock.',
      );
    }
    const verified = this.verify(answer);
    if (verified !== true) {
      throw new WeChatPayError(
        api,
        'signature',
        'SIGNATURE',
        `answer refused: ${verified}`,
        answer.status,
        method !== 'GET',
        false,
        HINTS.SIGNATURE,
      );
    }
    let parsed: Record<string, unknown> = {};
    if (answer.body !== '') {
      try {
        const v = JSON.parse(answer.body) as unknown;
        if (v && typeof v === 'object' && !Array.isArray(v)) parsed = v as Record<string, unknown>;
      } catch {
        throw new WeChatPayError(
          api,
          'http',
          'HTTP',
          'unreadable answer',
          answer.status,
          method !== 'GET',
          false,
        );
      }
    }
    if (answer.status >= 200 && answer.status < 300) return { status: answer.status, body: parsed };
    const code = typeof parsed.code === 'string' ? parsed.code : `HTTP_${answer.status}`;
    const message = typeof parsed.message === 'string' ? parsed.message : `HTTP ${answer.status}`;
    const retryable = payAnswerRetryable(answer.status, code);
    throw new WeChatPayError(
      api,
      'platform',
      code,
      message,
      answer.status,
      answer.status >= 500,
      retryable,
      HINTS[code] ?? (retryable ? 'WeChat Pay had a problem; apply again in a few minutes.' : undefined),
    );
  }

  /** true, or why the answer is not believed (missing header, stale timestamp, wrong key, bad signature). */
  private verify(a: { headers: Record<string, string>; body: string }): true | string {
    const ts = a.headers['wechatpay-timestamp'];
    const nonce = a.headers['wechatpay-nonce'];
    const sig = a.headers['wechatpay-signature'];
    const serial = a.headers['wechatpay-serial'];
    if (!ts || !nonce || !sig || !serial) return 'the answer carries no Wechatpay-Signature (signature)';
    if (serial !== this.cfg.publicKeyId)
      return `the answer is signed with key ${serial}, not the WeChat Pay public key ${this.cfg.publicKeyId} (signature)`;
    const skew = Math.abs(Math.floor(this.cfg.clock.now().getTime() / 1000) - Number(ts));
    if (!Number.isFinite(skew) || skew >= MAX_SKEW_S)
      return 'the answer is timestamped 5 minutes or more from now (signature)';
    if (!rsaVerify(responseMessage(ts, nonce, a.body), sig, this.cfg.publicKey))
      return 'the Wechatpay-Signature does not match the answer (signature)';
    return true;
  }

  // —— busifavor (商家券) ——

  /** POST /v3/marketing/busifavor/stocks → `{stock_id, create_time}`. */
  async createStock(body: Record<string, unknown>): Promise<{ stockId: string; createTime?: string }> {
    const r = await this.call('POST', '/v3/marketing/busifavor/stocks', body);
    const id = r.body.stock_id;
    if (typeof id !== 'string' || id === '')
      throw new WeChatPayError(
        '/v3/marketing/busifavor/stocks',
        'http',
        'HTTP',
        'no stock_id in the answer',
        r.status,
        true,
        false,
      );
    return {
      stockId: id,
      ...(typeof r.body.create_time === 'string' ? { createTime: r.body.create_time } : {}),
    };
  }

  /** GET /v3/marketing/busifavor/stocks/{stock_id}. */
  async getStock(stockId: string): Promise<StockInfo> {
    const r = await this.call('GET', `/v3/marketing/busifavor/stocks/${encodeURIComponent(stockId)}`);
    const b = r.body;
    const send = (b.stock_send_rule ?? {}) as Record<string, unknown>;
    const counts = (b.send_count_information ?? {}) as Record<string, unknown>;
    return {
      stockId,
      state: String(b.stock_state ?? 'UNKNOWN'),
      name: typeof b.stock_name === 'string' ? b.stock_name : undefined,
      belongMerchant: typeof b.belong_merchant === 'string' ? b.belong_merchant : undefined,
      maxCoupons: typeof send.max_coupons === 'number' ? send.max_coupons : undefined,
      sent: typeof counts.total_send_num === 'number' ? counts.total_send_num : 0,
      raw: b,
    };
  }

  /**
   * PATCH …/budget: `current_max_coupons` is a compare-and-set against the stock's present budget
   * (§5.1), so a budget someone changed meanwhile is refused rather than overwritten.
   */
  async modifyBudget(
    stockId: string,
    target: number,
    current: number,
    requestNo: string,
  ): Promise<{ maxCoupons: number }> {
    const r = await this.call(
      'PATCH',
      `/v3/marketing/busifavor/stocks/${encodeURIComponent(stockId)}/budget`,
      {
        target_max_coupons: target,
        current_max_coupons: current,
        modify_budget_request_no: requestNo,
      },
    );
    return { maxCoupons: typeof r.body.max_coupons === 'number' ? r.body.max_coupons : target };
  }
}

export interface StockInfo {
  stockId: string;
  /** UNAUDIT | RUNNING | STOPED (sic) | PAUSED. */
  state: string;
  name?: string;
  belongMerchant?: string;
  maxCoupons?: number;
  /** send_count_information.total_send_num. */
  sent: number;
  raw: Record<string, unknown>;
}
