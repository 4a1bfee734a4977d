import type { EmulatorCore } from './core.js';
import { fail, MSG } from './errors.js';
import { type Call, ok, type Route } from './route.js';
import { hasAtMostTwoDecimals, isValidPagePath, nameWidth } from './rules.js';
import type { GoodsRecord } from './state.js';

/** The live goods library (§5): add/audit state machine 0 → 1 → 2|3, and its two listing casings. */

const B = '/wxaapi/broadcast/goods';
const AUDIT_QUOTA = 500;
/** Audit ids start above 2^31 so an int32 client breaks here rather than in production (peers.md). */
const AUDIT_ID_BASE = 2_147_483_648;

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

function findGoods(call: Call, id: unknown): GoodsRecord {
  const g = call.core.state.goods.find((x) => x.goodsId === num(id) && x.appid === call.appid && !x.deleted);
  if (!g) fail(300015, 'goods not exist');
  return g;
}

// biome-ignore lint/suspicious/noExplicitAny: untrusted JSON, each field is checked below.
type Info = Record<string, any>;

function checkPrice(info: Info): void {
  const { priceType, price, price2 } = info;
  // Prices must be JSON numbers in yuan with ≤ 2 decimals; strings are "not numeric" (300003).
  if (priceType !== 1 && priceType !== 2 && priceType !== 3) fail(300003, 'priceType invalid');
  if (typeof price !== 'number' || price <= 0 || !hasAtMostTwoDecimals(price)) fail(300003, 'price invalid');
  if (priceType === 1) return;
  if (typeof price2 !== 'number' || price2 <= 0 || !hasAtMostTwoDecimals(price2))
    fail(300003, 'price2 invalid');
  // [EMU] a range needs price2 > price; a discount needs the current price below the original.
  if (priceType === 2 && price2 <= price) fail(300003, 'price2 must be greater than price for a price range');
  if (priceType === 3 && price2 >= price) fail(300003, 'current price must be lower than the original price');
}

function checkName(name: unknown): void {
  if (typeof name !== 'string' || name === '') fail(200002, 'name must not be empty');
  // ≤ 14 Chinese characters (28 units); fewer than 3 Chinese characters was observed to fail too.
  const w = nameWidth(name);
  if (w < 6 || w > 28) fail(300002, MSG.nameLength);
}

function checkCover(core: EmulatorCore, mediaId: unknown): void {
  const m =
    typeof mediaId === 'string'
      ? core.state.media.find((x) => x.mediaId === mediaId && x.realm === 'mp')
      : undefined;
  if (!m || (m.expiresAt !== undefined && m.expiresAt <= core.clock.nowMs()))
    fail(300006, 'image upload failed, media_id invalid or expired');
  if ((m.width ?? 0) > 300 || (m.height ?? 0) > 300)
    fail(300018, 'product image width or height more than 300px');
}

function checkUrl(url: unknown): void {
  if (typeof url !== 'string' || url === '') fail(200002, 'url must not be empty');
  if (!isValidPagePath(url)) fail(300007, 'url is not a page of the released mini program');
}

function submit(call: Call, g: GoodsRecord): void {
  const core = call.core;
  g.auditStatus = 1;
  g.auditSubmittedAt = core.clock.nowMs();
  g.auditId = AUDIT_ID_BASE + core.nextId();
  g.rejectReason = undefined;
  core.tick();
}

function coverUrl(core: EmulatorCore, g: GoodsRecord): string {
  return core.state.media.find((m) => m.mediaId === g.coverImgUrl)?.url ?? '';
}

export const goodsRoutes: Route[] = [
  {
    method: 'POST',
    path: `${B}/add`,
    realm: 'mp',
    body: 'json',
    handle(call) {
      const info = call.body.goodsInfo;
      // The wrapper is required: a flat body is refused with this exact message (observed).
      if (typeof info !== 'object' || info === null) fail(200002, 'goodsInfo must not be empty');
      if (typeof info.coverImgUrl !== 'string' || info.coverImgUrl === '')
        fail(200002, 'coverImgUrl must not be empty');
      checkName(info.name);
      checkUrl(info.url);
      checkPrice(info);
      checkCover(call.core, info.coverImgUrl);
      call.core.useQuota(
        call.appid,
        'goods/add+audit',
        AUDIT_QUOTA,
        300012,
        'no audit quota left (500 a day)',
      );
      const g: GoodsRecord = {
        goodsId: call.core.nextId(),
        appid: call.appid,
        auditId: 0,
        name: info.name,
        coverImgUrl: info.coverImgUrl,
        priceType: info.priceType,
        price: info.price,
        price2: info.priceType === 1 ? undefined : info.price2,
        url: info.url,
        thirdPartyAppid: typeof info.thirdPartyAppid === 'string' ? info.thirdPartyAppid : '',
        auditStatus: 0,
        createdAt: call.core.clock.nowMs(),
      };
      call.core.state.goods.push(g);
      submit(call, g);
      return ok({ goodsId: g.goodsId, auditId: g.auditId });
    },
  },
  {
    method: 'POST',
    path: `${B}/resetaudit`,
    realm: 'mp',
    body: 'json',
    handle(call) {
      const g = findGoods(call, call.body.goodsId);
      if (g.auditStatus !== 1) fail(300017, 'goods not submitted for audit');
      if (num(call.body.auditId) !== g.auditId)
        fail(300009, 'audit withdrawal failed: auditId does not match');
      // The audit quota spent on the submission is not refunded.
      call.core.useQuota(call.appid, 'goods/resetaudit', AUDIT_QUOTA);
      g.auditStatus = 0;
      g.auditSubmittedAt = undefined;
      return ok();
    },
  },
  {
    method: 'POST',
    path: `${B}/audit`,
    realm: 'mp',
    body: 'json',
    handle(call) {
      const g = findGoods(call, call.body.goodsId);
      if (g.auditStatus === 1 || g.auditStatus === 2) fail(300010, 'wrong audit status');
      call.core.useQuota(
        call.appid,
        'goods/add+audit',
        AUDIT_QUOTA,
        300012,
        'no audit quota left (500 a day)',
      );
      submit(call, g);
      return ok({ auditId: g.auditId });
    },
  },
  {
    method: 'POST',
    path: `${B}/delete`,
    realm: 'mp',
    body: 'json',
    handle(call) {
      const g = findGoods(call, call.body.goodsId);
      if (g.auditStatus === 1) fail(300014, 'goods in audit, cannot delete');
      call.core.useQuota(call.appid, 'goods/delete', 1000);
      g.deleted = true;
      // Deleting goods also removes them from every room, permanently.
      for (const r of call.core.state.rooms) r.goods = r.goods.filter((x) => x.goodsId !== g.goodsId);
      return ok();
    },
  },
  {
    method: 'POST',
    path: `${B}/update`,
    realm: 'mp',
    body: 'json',
    handle(call) {
      const info = call.body.goodsInfo;
      if (typeof info !== 'object' || info === null) fail(200002, 'goodsInfo must not be empty');
      const g = findGoods(call, info.goodsId);
      if (g.auditStatus === 1) fail(300010, 'goods in audit cannot be updated');
      const changed = Object.keys(info).filter((k) => k !== 'goodsId');
      const priceFields = ['priceType', 'price', 'price2'];
      // Approved goods may change only the price fields; anything else needs a new audit.
      if (g.auditStatus === 2 && changed.some((k) => !priceFields.includes(k))) {
        fail(300010, 'approved goods may only change priceType, price and price2');
      }
      if (changed.includes('name')) checkName(info.name);
      if (changed.includes('url')) checkUrl(info.url);
      if (changed.includes('coverImgUrl')) checkCover(call.core, info.coverImgUrl);
      const merged = { priceType: g.priceType, price: g.price, price2: g.price2, ...pick(info, priceFields) };
      if (changed.some((k) => priceFields.includes(k))) checkPrice(merged);
      call.core.useQuota(call.appid, 'goods/update', 1000);
      Object.assign(g, pick(info, ['name', 'url', 'coverImgUrl', 'thirdPartyAppid']), merged);
      if (g.priceType === 1) g.price2 = undefined;
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/wxa/business/getgoodswarehouse',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const ids = call.body.goods_ids;
      if (!Array.isArray(ids) || ids.length === 0) fail(200002, 'goods_ids must not be empty');
      if (ids.length > 20) fail(200002, 'goods_ids must hold at most 20 ids');
      call.core.useQuota(call.appid, 'getgoodswarehouse', 1000);
      const goods = ids.flatMap((id) => {
        const g = call.core.state.goods.find(
          (x) => x.goodsId === num(id) && x.appid === call.appid && !x.deleted,
        );
        if (!g) return [];
        // snake_case here (but camelCase thirdPartyAppid), prices in yuan: as documented.
        return [
          {
            goods_id: g.goodsId,
            cover_img_url: coverUrl(call.core, g),
            name: g.name,
            url: g.url,
            price: g.price,
            price2: g.price2 ?? 0,
            price_type: g.priceType,
            audit_status: g.auditStatus,
            third_party_tag: 2,
            thirdPartyAppid: g.thirdPartyAppid,
          },
        ];
      });
      return ok({ goods, total: goods.length });
    },
  },
  {
    method: 'GET',
    path: `${B}/getapproved`,
    realm: 'mp',
    handle(call) {
      const q = call.query;
      const offset = num(q.get('offset') ?? undefined);
      const status = num(q.get('status') ?? undefined);
      if (offset === undefined) fail(200002, 'offset must not be empty');
      if (status === undefined || status > 3) fail(200002, 'status must be 0, 1, 2 or 3');
      const limit = Math.min(num(q.get('limit') ?? undefined) ?? 30, 100);
      call.core.useQuota(call.appid, 'getapproved', 10_000);
      const all = call.core.state.goods.filter(
        (g) => g.appid === call.appid && !g.deleted && g.auditStatus === status,
      );
      // camelCase here, unlike getgoodswarehouse.
      const goods = all.slice(offset, offset + limit).map((g) => ({
        goodsId: g.goodsId,
        coverImgUrl: coverUrl(call.core, g),
        name: g.name,
        url: g.url,
        price: g.price,
        price2: g.price2 ?? 0,
        priceType: g.priceType,
        thirdPartyTag: 2,
        thirdPartyAppid: g.thirdPartyAppid,
      }));
      return ok({ goods, total: all.length });
    },
  },
];

function pick(o: Info, keys: string[]): Info {
  const out: Info = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
