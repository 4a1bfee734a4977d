import { UserError } from '../errors.js';
import type { Clock } from '../platform/deps.js';
import { allowInsecureFromEnv, checkBaseUrl } from './base-url.js';
import { createAxios, type RequestEvent, Transport } from './http.js';
import { MiniProgramClient } from './mini-program.js';
import { OfficialAccountClient } from './official-account.js';
import { type RateLimit, ROBOT_RATE_LIMIT, SlidingWindowLimiter } from './rate-limit.js';
import { Redactor } from './redactor.js';
import { type RetryPolicy, realSleep, type Sleep } from './retry.js';
import { RobotClient } from './robot.js';
import { type ForceRefreshPolicy, MemoryTokenStore, TokenBroker, type TokenStore } from './token-broker.js';
import {
  type AppCredentials,
  appTokenSource,
  type CorpCredentials,
  type TokenMode,
  wecomTokenSource,
} from './token-sources.js';
import { WeComClient } from './wecom.js';

/**
 * The factory: one place that turns base URLs, credentials and ports (token store, clock, sleep)
 * into typed clients. Tests and the bench point it at the emulator; the CLI at WeChat.
 */

export const DEFAULT_WECHAT_API = 'https://api.weixin.qq.com';
export const DEFAULT_WECOM_API = 'https://qyapi.weixin.qq.com';

export interface ApiBases {
  wechatBase: string;
  wecomBase: string;
  /** LIVECTL_ALLOW_INSECURE=1: plain http:// may reach a host that is not loopback. */
  allowInsecure?: boolean;
}

/**
 * `LIVECTL_WECHAT_API` / `LIVECTL_WECOM_API` (the robot webhook lives on the WeCom base too), checked:
 * https://, or plain http:// to loopback only unless LIVECTL_ALLOW_INSECURE=1 (UserError otherwise).
 */
export function apiBasesFromEnv(env: Readonly<Record<string, string | undefined>>): ApiBases {
  const allowInsecure = allowInsecureFromEnv(env);
  return {
    wechatBase: checkBaseUrl(
      env.LIVECTL_WECHAT_API || DEFAULT_WECHAT_API,
      'LIVECTL_WECHAT_API',
      allowInsecure,
    ),
    wecomBase: checkBaseUrl(env.LIVECTL_WECOM_API || DEFAULT_WECOM_API, 'LIVECTL_WECOM_API', allowInsecure),
    allowInsecure,
  };
}

export interface Credentials {
  miniProgram?: AppCredentials;
  officialAccount?: AppCredentials;
  wecom?: CorpCredentials;
}

export interface ClientsOptions {
  wechatBase?: string;
  wecomBase?: string;
  /** Plain http:// to a host that is not loopback (LIVECTL_ALLOW_INSECURE=1); refused otherwise. */
  allowInsecure?: boolean;
  credentials: Credentials;
  /** Shared by every process of the operator (the SQLite store's tokens table). Default: in memory. */
  tokenStore?: TokenStore;
  clock: Clock;
  /** Injected so tests never wait. Default: setTimeout. */
  sleep?: Sleep;
  /** Jitter source; tests pass a constant. */
  random?: () => number;
  /** `stable` (default) or `classic` (/cgi-bin/token) for the mini program and the Official Account. */
  tokenMode?: TokenMode;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  forceRefresh?: ForceRefreshPolicy;
  tokenMarginMs?: number;
  robotRateLimit?: RateLimit;
  /** One event per HTTP try, credentials masked (for `--verbose`). */
  onRequest?: (event: RequestEvent) => void;
}

export interface Clients {
  readonly miniProgram: MiniProgramClient;
  readonly officialAccount: OfficialAccountClient;
  readonly wecom: WeComClient;
  /** A client for one group robot; the key is its webhook `key`. */
  robot(key: string): RobotClient;
  /** Masks every secret and token these clients have seen (for output produced elsewhere). */
  redact(text: string): string;
}

export function createClients(opts: ClientsOptions): Clients {
  const redactor = new Redactor();
  const creds = opts.credentials;
  for (const c of [creds.miniProgram?.secret, creds.officialAccount?.secret, creds.wecom?.secret])
    redactor.add(c);
  const sleep = opts.sleep ?? realSleep;
  const axios = createAxios();
  const transport = (baseUrl: string, platform: 'wechat' | 'wecom') =>
    new Transport({
      baseUrl,
      platform,
      redactor,
      sleep,
      axios,
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.retry ? { retry: opts.retry } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
    });
  // Every client is built here, so no code path sends a secret over plain http to another host.
  const insecure = opts.allowInsecure ?? false;
  const wechat = transport(
    checkBaseUrl(opts.wechatBase ?? DEFAULT_WECHAT_API, 'the WeChat API base', insecure),
    'wechat',
  );
  const wecomT = transport(
    checkBaseUrl(opts.wecomBase ?? DEFAULT_WECOM_API, 'the WeCom API base', insecure),
    'wecom',
  );
  const store = opts.tokenStore ?? new MemoryTokenStore();
  const brokerOpts = {
    store,
    clock: opts.clock,
    onToken: (t: string) => redactor.add(t),
    ...(opts.forceRefresh ? { forceRefresh: opts.forceRefresh } : {}),
    ...(opts.tokenMarginMs !== undefined ? { marginMs: opts.tokenMarginMs } : {}),
  };
  const limiter = new SlidingWindowLimiter(opts.robotRateLimit ?? ROBOT_RATE_LIMIT, opts.clock, sleep);

  let mp: MiniProgramClient | undefined;
  let oa: OfficialAccountClient | undefined;
  let wc: WeComClient | undefined;
  const robots = new Map<string, RobotClient>();

  return {
    get miniProgram() {
      const c = need(creds.miniProgram, 'mini program', 'LIVECTL_APP_SECRET');
      mp ??= new MiniProgramClient(
        wechat,
        new TokenBroker(appTokenSource(wechat, c, { mode: opts.tokenMode, kind: 'mp' }), brokerOpts),
      );
      return mp;
    },
    get officialAccount() {
      const c = need(creds.officialAccount, 'Official Account', 'LIVECTL_OA_SECRET');
      oa ??= new OfficialAccountClient(
        wechat,
        new TokenBroker(appTokenSource(wechat, c, { mode: opts.tokenMode, kind: 'oa' }), brokerOpts),
      );
      return oa;
    },
    get wecom() {
      const c = need(creds.wecom, 'WeCom', 'LIVECTL_WECOM_SECRET');
      wc ??= new WeComClient(wecomT, new TokenBroker(wecomTokenSource(wecomT, c), brokerOpts));
      return wc;
    },
    robot(key: string) {
      redactor.add(key);
      let r = robots.get(key);
      if (!r) {
        r = new RobotClient(wecomT, key, limiter);
        robots.set(key, r);
      }
      return r;
    },
    redact: (text) => redactor.text(text),
  };
}

function need<T>(value: T | undefined, what: string, env: string): T {
  if (value) return value;
  throw new UserError(`No ${what} credentials`, {
    hint: `Set the account id in the campaign and the secret in ${env} (or the credentials file).`,
  });
}

export {
  type ChannelsClients,
  type ChannelsClientsOptions,
  createChannelsClients,
  DEFAULT_CHANNELS_API,
} from './channels-clients.js';
export {
  ChannelsFinderClient,
  type DashboardLive,
  type FinderAttr,
  type FinishedLive,
  type FinishedLivePage,
  type LikeRate,
  type LiveData,
  type LiveList,
  type LiveNotice,
  type LiveRecord,
  type NoticeStatus,
  type WindowPage,
  type WindowProduct,
} from './channels-finder.js';
export {
  type AddedProduct,
  type AuditQuota,
  ChannelsStoreClient,
  COUPON_STATUS,
  type CouponListStatus,
  type CouponPage,
  type DeliverMethod,
  EDIT_STATUS,
  type EditStatus,
  PRODUCT_STATUS,
  type ProductPage,
  type ProductStatus,
  STORE_IMAGE_UPLOAD_PATH,
  type StoreAttr,
  type StoreCoupon,
  type StoreCouponSpec,
  type StoreCouponStatus,
  type StoreCouponType,
  type StoreImageFile,
  type StoreProduct,
  type StoreProductSpec,
  type StoreProductView,
  type StoreSku,
  type StoreSkuRead,
} from './channels-store.js';
export type { CodeImage, LimitedCodeRequest, UnlimitedCodeRequest } from './codes.js';
export { ERROR_HINTS, type HintKind, hintFor } from './error-hints.js';
export { isWeChatApiError, WeChatApiError, type WeChatErrorKind } from './errors.js';
export type { RequestEvent } from './http.js';
export { type Id, parseJsonSafe, toId } from './ids.js';
export type {
  AddedGoods,
  ApprovedGoods,
  AuditStatus,
  GoodsInfo,
  PriceType,
  WarehouseGoods,
} from './live-goods.js';
export type {
  CreateRoomRequest,
  CreateRoomResult,
  EditRoomRequest,
  LiveStatus,
  RoomInfo,
} from './live-rooms.js';
export type { FileInput, TempMedia } from './media.js';
export type {
  DraftArticle,
  MassSendRequest,
  MassSendResult,
  MenuAnswer,
  MenuButton,
} from './official-account.js';
export type { RateLimit } from './rate-limit.js';
export {
  DEFAULT_RETRY_POLICY,
  isAuditQuotaOut,
  type RetryDecision,
  type RetryPolicy,
  retryDecision,
  type Sleep,
  STORE_AUDIT_QUOTA_ERRCODE,
} from './retry.js';
export {
  DEFAULT_FORCE_REFRESH_POLICY,
  type ForceRefreshClaim,
  type ForceRefreshPolicy,
  MemoryTokenStore,
  type StoredToken,
  TokenBroker,
  type TokenStore,
} from './token-broker.js';
export type { AppCredentials, CorpCredentials, TokenMode } from './token-sources.js';
export type { MomentTaskRequest, MsgTemplateRequest, WeComAttachment } from './wecom.js';
export { MiniProgramClient, OfficialAccountClient, RobotClient, WeComClient };
