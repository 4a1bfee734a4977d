/**
 * Public entry of the loopback WeChat / WeCom / Official Account emulator.
 * Binding interface: the clients' tests, the CLI and later issues call exactly `startEmulator`.
 */
import type { ChannelsSetup } from './channels-state.js';
import type { ConfirmPolicy } from './core.js';
import { createEmulatorServer } from './server.js';

export type { Capability, ChannelsSetup } from './channels-state.js';
export { CATEGORY_FIXTURE } from './channels-state.js';
export type { ConfirmPolicy } from './core.js';

export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default so nothing is exposed. */
  host?: string;
  /** appid/corpid → secret. Without it any id with any secret is accepted. */
  apps?: Record<string, string>;
  /** Initial emulator time (its clock only moves when set through the admin API). */
  now?: Date;
  /** Goods audit policy: `auto` approves after `auditDelayMs` of emulator time, `manual` waits for the admin API. */
  audit?: 'auto' | 'manual';
  auditDelayMs?: number;
  /** JSON file that keeps the state across restarts (written atomically). */
  dataFile?: string;
  /** Refuse broadcasts over 12 h instead of 24 h. */
  strictDuration?: boolean;
  /** Goods whose name matches are rejected by the audit (default: names containing 违禁 or [reject]). */
  auditRejectPattern?: RegExp;
  /** How WeCom members confirm group-send / Moments tasks (default `immediate`). */
  confirm?: ConfirmPolicy;
  /** WeChat ids that passed real-name verification (anchors, sub-anchors); none by default. */
  verifiedWechat?: string[];
  /** When set, only these robot webhook keys are valid; otherwise every key not revoked is. */
  robotKeys?: string[];
  /** WeCom per-recipient group-send cap per month (default: days in the month). */
  wecomMonthlyCap?: number;
  /**
   * Pages of the released mini program. When set, getwxacodeunlimit with `check_path` (default true)
   * refuses any other `page` with 41030; unset, every well-formed page counts as released.
   */
  releasedPages?: string[];
  /** WeChat Pay merchants whose request signatures the /v3/ routes verify (also POST /__emulator/wechatpay/merchants). */
  payMerchants?: import('./routes-pay.js').PayMerchant[];
  /**
   * 视频号 + 微信小店: the store and 视频号助手 appids (each kind refuses the other's APIs with 48001),
   * bindings, audit timing and quota, approved categories. Unset: the first channels call of an appid
   * decides its kind, and the admin API (`/__emulator/channels/…`) sets the rest.
   */
  channels?: ChannelsSetup;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Base for api.weixin.qq.com endpoints (mini program, Official Account): equals `url`. */
  wechatBase: string;
  /** Base for qyapi.weixin.qq.com endpoints (WeCom, robot): `url + '/qyapi'`. */
  wecomBase: string;
  port: number;
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return createEmulatorServer(opts);
}
