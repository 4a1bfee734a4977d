import { createHash } from 'node:crypto';
import { livePageOf, miniProgramOf, productPage } from '../campaign/platform.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign, Price, Product } from '../campaign/schema.js';

/**
 * The desired state of each remote resource, derived from the campaign: the one contract between
 * the planner (which hashes and diffs these) and the executor (which sends them). Pure.
 * Image fields hold the sha256 of the file, not a media_id: apply uploads the media just in time
 * and substitutes the id.
 */

/** sha256 of a canonical JSON form (keys sorted), so equal specs hash equal whatever the key order. */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

/** A referenced image as the planner sees it: its content hash (from the CLI, which reads files). */
export interface AssetDigest {
  sha256: string;
  size: number;
  /** Absolute path (for apply to upload; not part of any spec hash). */
  path: string;
}

/** room/create and room/editroom, WeChat's field names; images as sha256 (→ media_id at apply). */
export interface RoomSpec {
  name: string;
  /** Unix seconds. */
  startTime: number;
  endTime: number;
  anchorName: string;
  anchorWechat: string;
  subAnchorWechat?: string;
  createrWechat?: string;
  /**
   * during.assistants, sorted by WeChat ID (their order means nothing to WeChat); absent when none.
   * Not part of create/editroom: apply sends them with add/modify/removeassistant.
   */
  assistants?: { username: string; nickname: string }[];
  /** 0 phone, 1 push. Cannot change after create. */
  type: 0 | 1;
  closeLike: 0 | 1;
  closeGoods: 0 | 1;
  closeComment: 0 | 1;
  closeReplay: 0 | 1;
  closeShare: 0 | 1;
  closeKf: 0 | 1;
  isFeedsPublic: 0 | 1;
  images: { coverImg: string; shareImg: string; feedsImg: string };
}

export function desiredRoom(
  c: Campaign,
  times: CampaignTimes,
  assets: ReadonlyMap<string, AssetDigest>,
): RoomSpec {
  const f = c.room.features;
  const off = (on: boolean): 0 | 1 => (on ? 0 : 1);
  const sha = (ref: string) => assets.get(ref)?.sha256 ?? `missing:${ref}`;
  return {
    name: c.room.name,
    startTime: Math.floor((times.start?.getTime() ?? 0) / 1000),
    endTime: Math.floor((times.end?.getTime() ?? 0) / 1000),
    anchorName: c.room.anchor.name,
    anchorWechat: c.room.anchor.wechat,
    ...(c.room.subAnchor ? { subAnchorWechat: c.room.subAnchor.wechat } : {}),
    ...(c.room.creator ? { createrWechat: c.room.creator.wechat } : {}),
    ...(c.during?.assistants?.length
      ? {
          assistants: c.during.assistants
            .map((a) => ({ username: a.wechat, nickname: a.nickname }))
            .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0)),
        }
      : {}),
    type: c.room.type === 'push' ? 1 : 0,
    closeLike: off(f.likes),
    closeGoods: off(f.goods),
    closeComment: off(f.comments),
    closeReplay: off(f.replay),
    closeShare: off(f.share),
    closeKf: off(f.customerService),
    isFeedsPublic: c.room.feedsPublic === false ? 0 : 1,
    images: {
      coverImg: sha(c.room.images.cover),
      shareImg: sha(c.room.images.share),
      feedsImg: sha(c.room.images.feeds),
    },
  };
}

/** goods/add `goodsInfo` (yuan); the cover as sha256 (→ media_id at apply). */
export interface GoodsSpec {
  name: string;
  /** 1 fixed, 2 range, 3 discount. */
  priceType: 1 | 2 | 3;
  price: number;
  price2?: number;
  url: string;
  coverImg: string;
}

export function goodsPrice(p: Price): Pick<GoodsSpec, 'priceType' | 'price' | 'price2'> {
  switch (p.type) {
    case 'fixed':
      return { priceType: 1, price: p.amount };
    case 'range':
      return { priceType: 2, price: p.min, price2: p.max };
    case 'discount':
      return { priceType: 3, price: p.original, price2: p.now };
  }
}

export function desiredGoods(p: Product, assets: ReadonlyMap<string, AssetDigest>): GoodsSpec {
  return {
    name: p.name,
    ...goodsPrice(p.price),
    url: productPage(p),
    coverImg: assets.get(p.image)?.sha256 ?? `missing:${p.image}`,
  };
}

/**
 * Which fields of a goods item may change after approval: only the price (reference §5). Any other
 * change to approved goods means delete and add again (a new audit).
 */
export const GOODS_PRICE_FIELDS = ['priceType', 'price', 'price2'] as const;

/** Every image the campaign sends to WeChat, by sha256 (one media upload each). */
export function desiredMedia(
  c: Campaign,
  assets: ReadonlyMap<string, AssetDigest>,
): Map<string, { sha256: string; path: string; usedBy: string[] }> {
  const out = new Map<string, { sha256: string; path: string; usedBy: string[] }>();
  const add = (ref: string, by: string) => {
    const a = assets.get(ref);
    if (!a) return;
    const m = out.get(a.sha256) ?? { sha256: a.sha256, path: a.path, usedBy: [] };
    m.usedBy.push(by);
    out.set(a.sha256, m);
  };
  add(c.room.images.cover, 'room');
  add(c.room.images.share, 'room');
  add(c.room.images.feeds, 'room');
  for (const p of c.products) add(p.image, `goods/${p.id}`);
  return out;
}

/** The share-code scene of a wave: `r=<roomId>&w=<waveId>` (≤ 32 characters; validate checks the ids). */
export function waveScene(roomId: string, waveId: string): string {
  return `r=${roomId}&w=${waveId}`;
}

/**
 * code/<wave>: the room's share code for one wave (room/getsharedcode with the wave in `params`, and
 * the mini-program code with scene `r=<roomId>&w=<wave>`), so a scan can be attributed to the wave.
 * With `accounts.miniProgram.livePage` the code is made for that page (getwxacodeunlimit `page`),
 * else it opens the home page. A new room, another scene or another page means a new code. Apply
 * records `specHash` of this (without a live page the spec, and so the hash, is as it always was).
 */
export interface CodeSpec {
  campaign: string;
  roomId: string;
  wave: string;
  /** `r=<roomId>&w=<waveId>` (waveScene). */
  scene: string;
  /** The page the code opens (`accounts.miniProgram.livePage`); absent: the mini program's home page. */
  page?: string;
}

export function desiredCode(campaign: string, roomId: string, waveId: string, livePage?: string): CodeSpec {
  return {
    campaign,
    roomId,
    wave: waveId,
    scene: waveScene(roomId, waveId),
    ...(livePage !== undefined ? { page: livePage } : {}),
  };
}

/** poster/<wave>: rendered from the wave's code; a new code (its recorded hash) means a new poster. */
export interface PosterSpec {
  /** The `hash` recorded for `code/<wave>`. */
  code: string | undefined;
  wave: string;
}

export function desiredPoster(codeHash: string | undefined, waveId: string): PosterSpec {
  return { code: codeHash, wave: waveId };
}

/**
 * menu: the Official Account's first-level menu switched to a coupon-claim entry for the campaign
 * (the playbook's second wave). Undefined when no official-account channel has a `menu`.
 */
export interface MenuSpec {
  /** The official-account channel's name in the campaign. */
  channel: string;
  name: string;
  /**
   * Mini-program page the menu opens: `menu.page`, else `accounts.miniProgram.livePage` (whose query
   * the outbox row adds); absent: the live-player plugin's path.
   */
  page?: string;
  appId: string;
}

export function desiredMenu(c: Campaign): MenuSpec | undefined {
  // Without a mini program (channels) there is nothing for a menu button to open.
  if (c.accounts.miniProgram === undefined) return undefined;
  for (const [name, ch] of Object.entries(c.channels)) {
    if (ch.type === 'official-account' && ch.menu) {
      // Without a page of its own the menu opens the live page (with the room and wave in its query).
      const page = ch.menu.page ?? livePageOf(c);
      // On channels the plugin's path opens no 视频号 live: without a page there is no menu.
      if (page === undefined && c.platform === 'channels') return undefined;
      return {
        channel: name,
        name: ch.menu.name,
        ...(page !== undefined ? { page } : {}),
        appId: miniProgramOf(c).appId,
      };
    }
  }
  return undefined;
}
