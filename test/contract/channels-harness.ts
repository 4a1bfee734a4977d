/**
 * Contract-test harness for the 视频号 + 微信小店 clients: the real emulator on 127.0.0.1:0 with a store
 * account and a 视频号助手 account (separate secrets), and the real clients over loopback, their clock and
 * sleep injected (no real waiting) and every request event recorded.
 */
import { type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import {
  type ChannelsClients,
  type ChannelsClientsOptions,
  createChannelsClients,
  MemoryTokenStore,
  type RequestEvent,
  type StoreProductSpec,
  WeChatApiError,
} from '../../src/wechat/index.js';
import { type Json, png, T0 } from './harness.js';

export type { Json };
export { png, T0 };

export const SHOP = 'wxshop00000000001';
export const ASSISTANT = 'wxassi00000000001';
export const FINDER = 'sphAbCdEf123';
export const SHOP_SECRET = 'shop-secret-0123456789abcdef';
export const ASSISTANT_SECRET = 'assistant-secret-0123456789abcdef';
/** Approved in the emulator's category fixture (美妆 > 彩妆 > 口红). */
export const LIPSTICK = ['6033', '6057', '6091'];

export interface ChannelsContract {
  url: string;
  clients: ChannelsClients;
  tokens: MemoryTokenStore;
  events: RequestEvent[];
  now(): Date;
  setClock(at: Date): Promise<void>;
  advance(ms: number): Promise<void>;
  admin(path: string, body?: unknown): Promise<Json>;
  /** The admin answer even when it is an HTTP error (status and body). */
  adminRaw(path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  requests(): Promise<Json[]>;
  fault(f: Json): Promise<void>;
  /** A raw POST with a token (to read the wire shape the clients hide). */
  raw(path: string, body: unknown, token: string, query?: Record<string, string>): Promise<Json>;
  close(): Promise<void>;
}

export async function startChannels(
  opts: { emulator?: EmulatorOptions; clients?: Partial<ChannelsClientsOptions>; bound?: boolean } = {},
): Promise<ChannelsContract> {
  const emu = await startEmulator({
    port: 0,
    now: T0,
    apps: { [SHOP]: SHOP_SECRET, [ASSISTANT]: ASSISTANT_SECRET, wxmini0000000001: 'mp' },
    channels: {
      shops: [SHOP],
      assistants: [
        {
          appId: ASSISTANT,
          finderUserName: FINDER,
          nickname: '小美的直播间',
          fansCount: 1234,
          boundShops: opts.bound === false ? [] : [SHOP],
        },
      ],
    },
    ...opts.emulator,
  });
  let now = T0.getTime();
  const events: RequestEvent[] = [];
  const tokens = new MemoryTokenStore();
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(
      `${emu.url}/__emulator/${path}`,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    return { status: res.status, body: (await res.json()) as Json };
  };
  const admin = async (path: string, body?: unknown): Promise<Json> => {
    const r = await post(path, body);
    if (r.status !== 200) throw new Error(`admin ${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const clients = createChannelsClients({
    wechatBase: emu.wechatBase,
    shopAppId: SHOP,
    shopSecret: SHOP_SECRET,
    assistantAppId: ASSISTANT,
    assistantSecret: ASSISTANT_SECRET,
    tokenStore: tokens,
    clock: { now: () => new Date(now) },
    sleep: async (ms) => {
      now += ms;
      await admin('clock', { now });
    },
    random: () => 0.5,
    onRequest: (e) => events.push(e),
    ...opts.clients,
  });
  const c: ChannelsContract = {
    url: emu.url,
    clients,
    tokens,
    events,
    now: () => new Date(now),
    setClock: async (at) => {
      now = at.getTime();
      await admin('clock', { now: at.toISOString() });
    },
    advance: (ms) => c.setClock(new Date(now + ms)),
    admin,
    adminRaw: post,
    requests: async () => (await admin('requests')).requests as Json[],
    fault: async (f) => {
      await admin('faults', f);
    },
    raw: async (path, body, token, query = {}) => {
      const u = new URL(emu.url + path);
      for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
      u.searchParams.set('access_token', token);
      const res = await fetch(u, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Json;
    },
    close: () => emu.close(),
  };
  return c;
}

/** Three head images uploaded to the store. */
export async function headImages(c: ChannelsContract, n = 3): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      (await c.clients.store.uploadImage({ bytes: png(800), filename: `h${i}.png`, width: 800, height: 800 }))
        .imgUrl,
    );
  return out;
}

export function productSpec(headImgs: string[], overrides: Partial<StoreProductSpec> = {}): StoreProductSpec {
  return {
    outProductId: 'lc-goddess-day-lipstick',
    title: '玫瑰丝绒口红礼盒',
    headImgs,
    catsV2: LIPSTICK,
    deliverMethod: 0,
    expressTemplateId: '7001',
    skus: [{ salePrice: 12900, marketPrice: 19900, stockNum: 100 }],
    ...overrides,
  };
}

/** The WeChatApiError a promise rejects with (fails the test when it resolves). */
export async function apiError(p: Promise<unknown>): Promise<WeChatApiError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof WeChatApiError)) throw new Error(`expected a WeChatApiError, got ${String(e)}`);
  return e;
}
