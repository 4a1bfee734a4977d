import { UserError } from '../errors.js';
import type { Clock } from '../platform/deps.js';
import { checkBaseUrl } from './base-url.js';
import { ChannelsFinderClient } from './channels-finder.js';
import { ChannelsStoreClient } from './channels-store.js';
import { createAxios, type RequestEvent, Transport } from './http.js';
import { Redactor } from './redactor.js';
import { type RetryPolicy, realSleep, type Sleep } from './retry.js';
import { type ForceRefreshPolicy, MemoryTokenStore, TokenBroker, type TokenStore } from './token-broker.js';
import { appTokenSource, type TokenMode } from './token-sources.js';

/**
 * The factory of the 视频号 platform's two clients: the 微信小店 store and the 视频号助手 account. They
 * are two accounts with their own AppID, AppSecret and token (a store token calling a 视频号助手 API gets
 * 48001, and back), so each gets its own token broker, keyed by its app id in the shared TokenStore.
 * Transport, retries and redaction are the ones of `createClients`.
 */

export const DEFAULT_CHANNELS_API = 'https://api.weixin.qq.com';

export interface ChannelsClientsOptions {
  /** 微信小店 AppID (wx…) and its secret (LIVECTL_CHANNELS_SHOP_SECRET). */
  shopAppId?: string;
  shopSecret?: string;
  /** 视频号助手 AppID (wx…) and its secret (LIVECTL_CHANNELS_ASSISTANT_SECRET). */
  assistantAppId?: string;
  assistantSecret?: string;
  /** api.weixin.qq.com or the emulator (LIVECTL_WECHAT_API). */
  wechatBase?: string;
  /** Plain http:// to a host that is not loopback (LIVECTL_ALLOW_INSECURE=1); refused otherwise. */
  allowInsecure?: boolean;
  /** Shared by every process of the operator (the state store's tokens table). Default: in memory. */
  tokenStore?: TokenStore;
  clock: Clock;
  sleep?: Sleep;
  random?: () => number;
  /** `stable` (default) or `classic` (/cgi-bin/token). */
  tokenMode?: TokenMode;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  forceRefresh?: ForceRefreshPolicy;
  tokenMarginMs?: number;
  onRequest?: (event: RequestEvent) => void;
}

export interface ChannelsClients {
  /** The 微信小店 store: images, products, coupons (throws a UserError without its credentials). */
  readonly store: ChannelsStoreClient;
  /** The 视频号助手 account: notices, live records, showcase, dashboard. */
  readonly finder: ChannelsFinderClient;
  /** Masks every secret and token these clients have seen. */
  redact(text: string): string;
}

export function createChannelsClients(opts: ChannelsClientsOptions): ChannelsClients {
  const redactor = new Redactor();
  redactor.add(opts.shopSecret);
  redactor.add(opts.assistantSecret);
  const transport = new Transport({
    baseUrl: checkBaseUrl(
      opts.wechatBase ?? DEFAULT_CHANNELS_API,
      'the WeChat API base',
      opts.allowInsecure ?? false,
    ),
    platform: 'channels',
    redactor,
    sleep: opts.sleep ?? realSleep,
    axios: createAxios(),
    ...(opts.random ? { random: opts.random } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
  });
  const brokerOpts = {
    store: opts.tokenStore ?? new MemoryTokenStore(),
    clock: opts.clock,
    onToken: (t: string) => redactor.add(t),
    ...(opts.forceRefresh ? { forceRefresh: opts.forceRefresh } : {}),
    ...(opts.tokenMarginMs !== undefined ? { marginMs: opts.tokenMarginMs } : {}),
  };
  const broker = (kind: 'shop' | 'assistant', appId: string, secret: string) =>
    new TokenBroker(appTokenSource(transport, { appId, secret }, { mode: opts.tokenMode, kind }), brokerOpts);
  let store: ChannelsStoreClient | undefined;
  let finder: ChannelsFinderClient | undefined;
  return {
    get store() {
      const [appId, secret] = need(
        opts.shopAppId,
        opts.shopSecret,
        '微信小店 (shop)',
        'shopAppId',
        'LIVECTL_CHANNELS_SHOP_SECRET',
      );
      store ??= new ChannelsStoreClient(transport, broker('shop', appId, secret));
      return store;
    },
    get finder() {
      const [appId, secret] = need(
        opts.assistantAppId,
        opts.assistantSecret,
        '视频号助手 (assistant)',
        'assistantAppId',
        'LIVECTL_CHANNELS_ASSISTANT_SECRET',
      );
      finder ??= new ChannelsFinderClient(transport, broker('assistant', appId, secret));
      return finder;
    },
    redact: (text) => redactor.text(text),
  };
}

function need(
  appId: string | undefined,
  secret: string | undefined,
  what: string,
  field: string,
  env: string,
): [string, string] {
  if (appId && secret) return [appId, secret];
  throw new UserError(`No ${what} credentials`, {
    hint: `Set accounts.channels.${field} in the campaign and the secret in ${env} (or the credentials file).`,
  });
}
