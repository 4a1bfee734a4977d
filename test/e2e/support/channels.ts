/**
 * End-to-end support for `platform: channels`: a 视频号 + 微信小店 campaign in a temp folder, the
 * emulator with both accounts registered (the store bound to the 视频号), the two secrets in the
 * environment, and helpers for what a person does in the app (the admin endpoints).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createChannelsClients, MemoryTokenStore } from '../../../src/wechat/index.js';
import { ANCHOR, type E2E, type Json, startE2E } from './workspace.js';

export const SHOP = 'wx5555555555555555';
export const ASSISTANT = 'wx6666666666666666';
export const FINDER = 'sphTeaShop001';
export const SHOP_SECRET = 'e2e-shop-secret-3c9d1a';
export const ASSISTANT_SECRET = 'e2e-assistant-secret-8b2e4f';
/** 2027-03-20 19:30 in Shanghai: the campaign's start. */
export const START = new Date('2027-03-20T11:30:00Z');
export const MIN = 60_000;

export interface ChannelsCampaignOpts {
  /** products[1].channels.productId (an existing store product). */
  existingProductId?: string;
  /** coupons[1].channels.couponId (an existing store coupon). */
  existingCouponId?: string;
  /** The first coupon's amount in yuan (default 20). */
  couponAmount?: number;
  /** accounts.miniProgram with a live page (default true). */
  livePage?: boolean;
  /** The 小店 bound to the 视频号 (合作账号; default true). */
  bound?: boolean;
}

export function channelsYaml(o: ChannelsCampaignOpts = {}): string {
  const existing = o.existingProductId
    ? `\n  - { id: biluochun, name: 碧螺春礼盒装, image: assets/tea.png, price: { type: discount, original: 199, now: 129 }, channels: { productId: "${o.existingProductId}" } }`
    : '';
  const existingCoupon = o.existingCouponId
    ? `\n  - { id: old-10, title: 老客立减10, kind: all-hands, threshold: 0, amount: 10, quantity: 100, stackable: false, channels: { couponId: "${o.existingCouponId}" } }`
    : '';
  return `apiVersion: livectl/v1
kind: Campaign
platform: channels
metadata:
  name: spring-tea
  timezone: Asia/Shanghai
accounts:
  channels: { shopAppId: ${SHOP}, assistantAppId: ${ASSISTANT}, finderUserName: ${FINDER} }
${o.livePage === false ? '' : '  miniProgram: { appId: wx0123456789abcdef, livePage: pages/live/entry }\n'}  wecom: { corpId: ww0123456789abcdef, agentId: 1000002 }
room:
  name: 春茶上新直播
  start: 2027-03-20T19:30
  duration: 1h30m
  anchor: { name: 茶师小林, wechat: ${ANCHOR} }
  images: { cover: assets/cover.png, share: assets/share.png, feeds: assets/feeds.png }
products:
  - { id: longjing, name: 明前龙井250克, image: assets/tea.png, price: { type: fixed, amount: 168 }, channels: { category: ["2001", "2002", "2003"], images: [assets/tea.png, assets/gift.png, assets/mask.png], stock: 100, delivery: none } }${existing}
coupons:
  - { id: grab-20, title: 直播立减券, kind: all-hands, threshold: 99, amount: ${o.couponAmount ?? 20}, quantity: 300, stackable: false, perUser: 1 }${existingCoupon}
channels:
  wecom-groups: { senders: [xiaolin] }
waves:
  - { id: t-3d, at: -3d@10:00, channels: [wecom-groups], message: teaser, coupons: [grab-20] }
  - { id: t-30m, at: -30m, channels: [wecom-groups], message: soon }
after:
  - { id: feedback, at: +1h40m, channels: [wecom-groups], message: feedback }
`;
}

export async function startChannels(o: ChannelsCampaignOpts = {}): Promise<E2E> {
  const e = await startE2E({
    emulator: {
      channels: {
        shops: [SHOP],
        assistants: [
          {
            appId: ASSISTANT,
            finderUserName: FINDER,
            nickname: '茶师小林',
            boundShops: o.bound === false ? [] : [SHOP],
          },
        ],
        auditMinutes: 30,
      },
    },
  });
  Object.assign(e.env, {
    LIVECTL_CHANNELS_SHOP_SECRET: SHOP_SECRET,
    LIVECTL_CHANNELS_ASSISTANT_SECRET: ASSISTANT_SECRET,
  });
  e.ws.writeCampaign(channelsYaml(o));
  return e;
}

/** A person creates the reservation in the 视频号 app (the admin endpoint stands in). */
export async function reserve(e: E2E, at: Date = START, description = '春茶上新直播'): Promise<string> {
  const r = await e.admin('channels/notices', {
    finderUserName: FINDER,
    startTime: at.toISOString(),
    description,
  });
  return String(r.noticeId);
}

/** The emulator's 视频号 / 微信小店 state. */
export const channelsState = (e: E2E): Promise<Json> => e.admin('channels');

/** The 微信小店 client as a merchant's other tool would use it (an existing product made outside livectl). */
export function storeClient(e: E2E) {
  return createChannelsClients({
    shopAppId: SHOP,
    shopSecret: SHOP_SECRET,
    assistantAppId: ASSISTANT,
    assistantSecret: ASSISTANT_SECRET,
    wechatBase: e.emu.wechatBase,
    tokenStore: new MemoryTokenStore(),
    clock: { now: () => e.now() },
  });
}

/** An existing, listed store product (made by hand in 微信小店后台 before the campaign). */
export async function existingProduct(e: E2E): Promise<string> {
  const c = storeClient(e);
  const urls: string[] = [];
  for (const f of ['gift.png', 'mask.png', 'cover.png'])
    urls.push(
      (await c.store.uploadImage({ bytes: readFileSync(path.join(e.ws.dir, 'assets', f)), filename: f }))
        .imgUrl,
    );
  const { productId } = await c.store.addProduct({
    title: '碧螺春礼盒装两罐',
    headImgs: urls,
    catsV2: ['2001', '2002', '2003'],
    deliverMethod: 1,
    skus: [{ salePrice: 12900, marketPrice: 19900, stockNum: 20 }],
  });
  await c.store.listing(productId);
  await e.admin(`channels/products/${productId}/approve`, {});
  return productId;
}
