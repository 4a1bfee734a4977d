import { randomBytes } from 'node:crypto';
import {
  approvedCategories,
  type ChannelsProduct,
  callerAccount,
  channels,
  chinaDateTime,
  IMAGE_PREFIX,
  nextChannelsId,
  type ProductCopy,
} from './channels-state.js';
import { fail } from './errors.js';
import { type Call, ok, type Route } from './route.js';
import { imageSize } from './rules.js';

/**
 * 微信小店 images and products (store token). add/update change only the draft; `listing` submits the
 * draft for audit (edit_status 2), which the emulator clock decides (channels-state.ts tickChannels):
 * approved → edit_status 4, the draft copied online, status 5 listed; rejected → edit_status 3.
 */

const P = '/channels/ec/product';
const MB = 1024 * 1024;
const PRICE_MAX = 10_000_000;
const AUDIT_QUOTA_PER_DAY = 1000;

// biome-ignore lint/suspicious/noExplicitAny: untrusted JSON, each field is checked below.
type Json = Record<string, any>;

const codePoints = (s: string) => [...s].length;
/** CJK, letters and digits count as one "effective" character each. */
const effective = (s: string) => (s.match(/[\p{Script=Han}\p{L}\p{N}]/gu) ?? []).length;

function checkTitle(title: unknown): void {
  if (typeof title !== 'string' || title.trim() === '') fail(10020020, 'title is empty');
  if (codePoints(title) > 60) fail(10020021, 'title too long');
  if (effective(title) < 5) fail(10020042, 'title too short');
  if (/^[\sA-Za-z0-9]+$/.test(title)) fail(10020045, 'title must not be only digits or letters');
}

function checkImage(url: unknown): void {
  if (typeof url !== 'string' || !url.startsWith(IMAGE_PREFIX))
    fail(10020035, 'image url must be uploaded through /channels/ec/basics/img/upload (mmecimage.cn)');
}

function isDigits(v: unknown): boolean {
  return (
    (typeof v === 'string' && /^\d+$/.test(v)) || (typeof v === 'number' && Number.isInteger(v) && v >= 0)
  );
}

function checkCategory(call: Call, cats: unknown): string[] {
  if (!Array.isArray(cats) || cats.length === 0) fail(10020017, 'cats_v2 is empty');
  const path = cats.map((c: Json) => String(c?.cat_id ?? ''));
  const ok = approvedCategories(call.core).some(
    (a) => a.length === path.length && a.every((x, i) => x === path[i]),
  );
  if (!ok) fail(10020017, 'category not approved for this shop or not a leaf');
  return path;
}

/** The validated wire copy of a product (ids as strings, skus with their sku_id). */
function validProduct(call: Call, b: Json, previous?: ProductCopy): ProductCopy {
  checkTitle(b.title);
  if (b.short_title !== undefined && (typeof b.short_title !== 'string' || codePoints(b.short_title) > 20))
    fail(10020021, 'short_title too long');
  if (b.out_product_id !== undefined && String(b.out_product_id).length > 128)
    fail(10020036, 'out_product_id too long');
  if (
    previous?.out_product_id &&
    b.out_product_id !== undefined &&
    b.out_product_id !== previous.out_product_id
  )
    fail(10020036, 'out_product_id cannot change');
  const imgs = b.head_imgs;
  if (!Array.isArray(imgs) || imgs.length < 3 || imgs.length > 9) fail(10020022, 'head_imgs must be 3 to 9');
  for (const u of imgs) checkImage(u);
  if (new Set(imgs).size !== imgs.length) fail(10020023, 'head_imgs has duplicates');
  for (const u of b.desc_info?.imgs ?? []) checkImage(u);
  const cats = checkCategory(call, b.cats_v2);
  const deliver = b.deliver_method;
  if (deliver !== 0 && deliver !== 1 && deliver !== 3) fail(40097, 'invalid args: deliver_method');
  const template = b.express_info?.template_id;
  if (deliver === 0 && (!isDigits(template) || String(template) === '0'))
    fail(10020019, 'express template invalid');
  const skus = b.skus;
  if (!Array.isArray(skus) || skus.length < 1 || skus.length > 500) fail(10020013, 'skus must be 1 to 500');
  const outSkus = skus.map((s: Json, i: number) => {
    if (s === null || typeof s !== 'object') fail(40097, 'invalid args: skus');
    if (s.thumb_img !== undefined && s.thumb_img !== '') checkImage(s.thumb_img);
    const sale = s.sale_price;
    const market = s.market_price;
    if (!Number.isInteger(sale) || sale <= 0) fail(10020039, 'sale_price must be above 0');
    if (!Number.isInteger(market) || market <= 0) fail(10020039, 'market_price must be above 0');
    if (sale > market) fail(10020040, 'sale_price above market_price');
    if (sale > PRICE_MAX || market > PRICE_MAX) fail(10020028, 'price too high');
    if (!Number.isInteger(s.stock_num) || s.stock_num < 0 || s.stock_num > PRICE_MAX)
      fail(10020028, 'stock_num invalid');
    if (s.sku_code !== undefined && String(s.sku_code).length > 20) fail(40097, 'invalid args: sku_code');
    const before = previous?.skus?.[i]?.sku_id;
    return { ...s, sku_id: before ?? nextChannelsId(call.core, '3', 14) };
  });
  return {
    ...b,
    cats_v2: cats.map((cat_id) => ({ cat_id })),
    ...(b.express_info ? { express_info: { ...b.express_info, template_id: String(template) } } : {}),
    skus: outSkus,
    ...(previous?.out_product_id ? { out_product_id: previous.out_product_id } : {}),
  };
}

function findProduct(call: Call, id: unknown): ChannelsProduct {
  const p = channels(call.core).products.find(
    (x) => x.productId === String(id ?? '') && x.appid === call.appid && x.status !== 9,
  );
  if (!p) fail(10020052, 'product not exist');
  return p;
}

function notInAudit(p: ChannelsProduct): void {
  if (p.editStatus === 2) fail(10020049, 'product is under audit');
}

export function auditQuotaLimit(call: Call): number {
  return (
    channels(call.core).auditQuota[call.appid] ??
    call.core.opts.channels?.auditQuotaPerDay ??
    AUDIT_QUOTA_PER_DAY
  );
}

function auditQuotaUsed(call: Call): number {
  return call.core.state.quotas[`${call.appid}|channels/product/audit|${call.core.clock.dayKey()}`] ?? 0;
}

function submit(call: Call, p: ChannelsProduct): void {
  notInAudit(p);
  if (p.editStatus === 7) fail(10020067, 'product is being uploaded');
  // Relisting an approved, unchanged draft after a delisting needs no audit [U].
  if (p.editStatus === 4 && p.online && p.status !== 5) {
    p.status = 5;
    p.updatedAt = call.core.clock.nowMs();
    return;
  }
  try {
    call.core.useQuota(
      call.appid,
      'channels/product/audit',
      auditQuotaLimit(call),
      1002001,
      '提审次数超过限制',
    );
  } catch (err) {
    // [U] the store reports the exhausted quota both ways: the error, and edit_status 72 on the draft.
    p.editStatus = 72;
    throw err;
  }
  p.editStatus = 2;
  p.auditSubmittedAt = call.core.clock.nowMs();
  p.rejectReason = undefined;
  p.updatedAt = p.auditSubmittedAt;
  call.core.tick();
}

function copyView(p: ChannelsProduct, copy: ProductCopy, draft: boolean): Json {
  return {
    ...copy,
    product_id: p.productId,
    status: p.status,
    edit_status: draft ? p.editStatus : 4,
    create_time: chinaDateTime(p.createdAt),
    update_time: chinaDateTime(p.updatedAt),
    ...(draft && p.auditSubmittedAt !== undefined
      ? {
          audit_info: {
            submit_time: Math.floor(p.auditSubmittedAt / 1000),
            ...(p.auditAt !== undefined ? { audit_time: Math.floor(p.auditAt / 1000) } : {}),
            ...(p.rejectReason ? { reject_reason: p.rejectReason } : {}),
          },
        }
      : {}),
  };
}

function uploadImage(call: Call): Record<string, unknown> {
  const acct = callerAccount(call, 'shop');
  const q = call.query;
  const uploadType = q.get('upload_type') ?? '0';
  const respType = q.get('resp_type') ?? '0';
  if (!['0', '1'].includes(uploadType) || !['0', '1'].includes(respType))
    fail(10020055, 'invalid upload_type or resp_type');
  let bytes = 0;
  let size: { width: number; height: number } | undefined;
  if (uploadType === '0') {
    const part = call.parts.find((p) => p.name === 'media');
    if (!part || part.data.length === 0) fail(10020059, 'image is empty');
    if (!q.get('height') || !q.get('width'))
      fail(10020055, 'height and width are required with upload_type 0');
    if (part.data.length > (respType === '1' ? 10 : 2) * MB) fail(10020060, 'image too large');
    size = imageSize(part.data);
    if (!size) fail(10020055, 'not an image');
    bytes = part.data.length;
  } else {
    const url = call.body.img_url;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) fail(10020055, 'img_url invalid');
  }
  const now = call.core.clock.nowMs();
  if (respType === '0') {
    const key = randomBytes(16).toString('hex');
    return ok({ pic_file: { media_id: `MEC${key}`, pay_media_id: `PAY${key}` } });
  }
  const url = `${IMAGE_PREFIX}${acct.appid}/${randomBytes(20).toString('hex')}`;
  channels(call.core).images.push({ appid: acct.appid, url, bytes, ...size, at: now });
  return ok({ pic_file: { img_url: url } });
}

const storeRoute = (path: string, handle: (call: Call) => Record<string, unknown>): Route => ({
  method: 'POST',
  path,
  realm: 'mp',
  body: 'json',
  handle(call) {
    callerAccount(call, 'shop');
    return handle(call);
  },
});

export const channelsStoreRoutes: Route[] = [
  // Both paths serve the upload: the store docs name /shop/, the SDKs /channels/ (reference §3.1).
  ...['/shop/ec/basics/img/upload', '/channels/ec/basics/img/upload'].map(
    (path): Route => ({ method: 'POST', path, realm: 'mp', body: 'multipart-or-json', handle: uploadImage }),
  ),
  storeRoute(`${P}/add`, (call) => {
    const now = call.core.clock.nowMs();
    const p: ChannelsProduct = {
      productId: nextChannelsId(call.core, '1', 14),
      appid: call.appid,
      draft: {},
      status: 0,
      editStatus: 1,
      createdAt: now,
      updatedAt: now,
    };
    const { listing, ...body } = call.body;
    p.draft = validProduct(call, body);
    channels(call.core).products.push(p);
    // [U WxJava] `listing: 1` submits the new product for audit straight away.
    if (listing === 1 || listing === true) submit(call, p);
    return ok({ data: { product_id: p.productId, create_time: chinaDateTime(now) } });
  }),
  storeRoute(`${P}/update`, (call) => {
    const { product_id, listing, ...body } = call.body;
    const p = findProduct(call, product_id);
    notInAudit(p);
    p.draft = validProduct(call, body, p.draft);
    p.editStatus = 1;
    p.updatedAt = call.core.clock.nowMs();
    if (listing === 1 || listing === true) submit(call, p);
    return ok({ data: { product_id: p.productId, update_time: chinaDateTime(p.updatedAt) } });
  }),
  storeRoute(`${P}/get`, (call) => {
    const p = findProduct(call, call.body.product_id);
    const type = call.body.data_type ?? 1;
    if (![1, 2, 3].includes(type)) fail(40097, 'invalid args: data_type');
    return ok({
      ...((type === 1 || type === 3) && p.online ? { product: copyView(p, p.online, false) } : {}),
      ...(type === 2 || type === 3 ? { edit_product: copyView(p, p.draft, true) } : {}),
    });
  }),
  storeRoute(`${P}/list/get`, (call) => {
    const b = call.body;
    const size = b.page_size ?? 10;
    if (!Number.isInteger(size) || size < 1 || size > 30)
      fail(40097, 'invalid args: page_size must be 1 to 30');
    const all = channels(call.core).products.filter(
      (p) =>
        p.appid === call.appid &&
        p.status !== 9 &&
        (b.status === undefined ? p.status !== 0 && p.status !== 6 : p.status === Number(b.status)),
    );
    const start = b.next_key ? Number(Buffer.from(String(b.next_key), 'base64url').toString()) || 0 : 0;
    const page = all.slice(start, start + size);
    const next = start + page.length;
    return ok({
      product_ids: page.map((p) => p.productId),
      next_key: next < all.length ? Buffer.from(String(next)).toString('base64url') : '',
      total_num: all.length,
    });
  }),
  storeRoute(`${P}/listing`, (call) => {
    submit(call, findProduct(call, call.body.product_id));
    return ok();
  }),
  storeRoute(`${P}/delisting`, (call) => {
    const p = findProduct(call, call.body.product_id);
    notInAudit(p);
    if (p.status !== 5) fail(10020065, 'product is not listed');
    p.status = 11;
    p.updatedAt = call.core.clock.nowMs();
    return ok();
  }),
  storeRoute(`${P}/delete`, (call) => {
    const p = findProduct(call, call.body.product_id);
    notInAudit(p);
    p.status = 9;
    p.updatedAt = call.core.clock.nowMs();
    return ok();
  }),
  storeRoute(`${P}/audit/cancel`, (call) => {
    const p = findProduct(call, call.body.product_id);
    if (p.editStatus !== 2) fail(10020044, 'product is not under audit');
    p.editStatus = 1;
    p.updatedAt = call.core.clock.nowMs();
    return ok();
  }),
  storeRoute(`${P}/getauditquota`, (call) => {
    const total = auditQuotaLimit(call);
    const left = Math.max(0, total - auditQuotaUsed(call));
    return ok({
      audit_quota: {
        block_status: left > 0 ? 0 : 1,
        avail_quota: left,
        total_quota: total,
        unlimited_type: 0,
        audit_total_quota: total,
        audit_remaining_quota: left,
        new_product_total_quota: total,
        new_product_remaining_quota: left,
      },
    });
  }),
];
