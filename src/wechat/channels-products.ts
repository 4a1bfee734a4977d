import { arr, defined, id, isoFromSeconds, num, obj, optNum, str, type Wire } from './channels-wire.js';
import type { Id } from './ids.js';

/**
 * 微信小店 product shapes (/channels/ec/product/*) and their wire mapping. Prices are fen (integers),
 * ids strings. `add`/`update` change only the draft copy (`editProduct`); the online copy (`product`)
 * appears once a listing is approved.
 */

/** 0 courier (needs `expressTemplateId`), 1 no shipping (phone), 3 no shipping, other contact. */
export type DeliverMethod = 0 | 1 | 3;

export interface StoreAttr {
  attrKey: string;
  attrValue: string;
}

export interface StoreSku {
  outSkuId?: string;
  /** An `mmecimage.cn/p/…` URL (uploadImage). */
  thumbImg?: string;
  /** Fen, > 0 and ≤ marketPrice. */
  salePrice: number;
  /** Fen. */
  marketPrice: number;
  stockNum: number;
  skuCode?: string;
  skuAttrs?: StoreAttr[];
}

/** What product/add and product/update send (camelCase here, snake_case on the wire). */
export interface StoreProductSpec {
  /** ≤ 128 chars, immutable, not unique-enforced by the store: livectl's own key (`lc-<campaign>-<id>`). */
  outProductId?: string;
  /** ≥ 5 effective characters, ≤ 60, not only digits/letters. */
  title: string;
  /** ≤ 20. */
  shortTitle?: string;
  /** 3–9 `mmecimage.cn/p/…` URLs. */
  headImgs: string[];
  descInfo?: { imgs?: string[]; desc?: string };
  /** cats_v2 path, root to leaf. */
  catsV2: Id[];
  attrs?: StoreAttr[];
  deliverMethod: DeliverMethod;
  /** Freight template id, required with deliverMethod 0. */
  expressTemplateId?: Id;
  /** 1–500. */
  skus: StoreSku[];
  brandId?: Id;
}

/**
 * Online-copy status: 0 initial, 5 listed, 6 recycle bin, 9 deleted, 11 delisted by the merchant,
 * 13 delisted for a violation, 14 deposit too low, 15 brand expired, 20 banned.
 */
export type ProductStatus = number;
/**
 * Draft status: 0 init, 1 editing, 2 in audit, 3 audit failed, 4 approved, 5 writing, 7 async upload,
 * 8 async upload failed, 72 audit quota exceeded.
 */
export type EditStatus = number;

export const PRODUCT_STATUS = { listed: 5, recycled: 6, deleted: 9, delisted: 11 } as const;
export const EDIT_STATUS = { inAudit: 2, rejected: 3, approved: 4, quotaExceeded: 72 } as const;

export interface StoreSkuRead extends StoreSku {
  skuId: Id;
}

/** One copy (online or draft) of a product as product/get returns it. */
export interface StoreProduct extends Omit<StoreProductSpec, 'skus'> {
  productId: Id;
  status: ProductStatus;
  editStatus: EditStatus;
  skus: StoreSkuRead[];
  /** The last audit: its rejection reason when editStatus is 3; times ISO. */
  auditInfo?: { rejectReason?: string; submitTime?: string; auditTime?: string };
  /** As sent: `yyyy-MM-dd HH:mm:ss` (China time). */
  createTime?: string;
  updateTime?: string;
}

/** product/get with data_type 3: both copies. */
export interface StoreProductView {
  productId: Id;
  /** The online copy; absent until the product was first listed. */
  online?: StoreProduct;
  /** The draft copy (what add/update changed last). */
  draft?: StoreProduct;
  /** The draft's edit_status (else the online copy's). */
  editStatus: EditStatus;
  /** The online copy's status (else the draft's). */
  status: ProductStatus;
}

export interface AddedProduct {
  productId: Id;
  /** `yyyy-MM-dd HH:mm:ss` as sent. */
  createTime?: string;
}

export interface ProductPage {
  productIds: Id[];
  nextKey: string;
  totalNum: number;
}

export interface AuditQuota {
  /** 0 free to submit; anything else: submissions blocked. */
  blockStatus: number;
  availQuota: number;
  totalQuota: number;
  /** Every field the store sent, camelCased (newer docs add more counters). */
  raw: Record<string, number>;
}

const attrsToWire = (a: StoreAttr[] | undefined) =>
  a?.map((x) => ({ attr_key: x.attrKey, attr_value: x.attrValue }));

export function productToWire(p: StoreProductSpec): Wire {
  return defined({
    out_product_id: p.outProductId,
    title: p.title,
    short_title: p.shortTitle,
    head_imgs: p.headImgs,
    desc_info: p.descInfo ? defined({ imgs: p.descInfo.imgs, desc: p.descInfo.desc }) : undefined,
    cats_v2: p.catsV2.map((c) => ({ cat_id: c })),
    attrs: attrsToWire(p.attrs),
    deliver_method: p.deliverMethod,
    express_info: p.expressTemplateId === undefined ? undefined : { template_id: p.expressTemplateId },
    skus: p.skus.map((s) =>
      defined({
        out_sku_id: s.outSkuId,
        thumb_img: s.thumbImg,
        sale_price: s.salePrice,
        market_price: s.marketPrice,
        stock_num: s.stockNum,
        sku_code: s.skuCode,
        sku_attrs: attrsToWire(s.skuAttrs),
      }),
    ),
    brand_id: p.brandId,
  });
}

const attrsFromWire = (v: unknown): StoreAttr[] =>
  arr(v).map((a) => ({ attrKey: String(a.attr_key ?? ''), attrValue: String(a.attr_value ?? '') }));

export function productFromWire(w: Wire): StoreProduct {
  const desc = obj(w.desc_info);
  const audit = obj(w.audit_info);
  const express = obj(w.express_info);
  const out: StoreProduct = {
    productId: id(w.product_id),
    title: String(w.title ?? ''),
    headImgs: arr(w.head_imgs).map(String),
    catsV2: arr(w.cats_v2).map((c) => id(c.cat_id)),
    deliverMethod: num(w.deliver_method) as DeliverMethod,
    skus: arr(w.skus).map((s) => ({
      skuId: id(s.sku_id),
      salePrice: num(s.sale_price),
      marketPrice: num(s.market_price),
      stockNum: num(s.stock_num),
      ...(s.out_sku_id ? { outSkuId: String(s.out_sku_id) } : {}),
      ...(s.thumb_img ? { thumbImg: String(s.thumb_img) } : {}),
      ...(s.sku_code ? { skuCode: String(s.sku_code) } : {}),
      ...(s.sku_attrs ? { skuAttrs: attrsFromWire(s.sku_attrs) } : {}),
    })),
    status: num(w.status),
    editStatus: num(w.edit_status),
  };
  if (w.out_product_id) out.outProductId = String(w.out_product_id);
  if (w.short_title) out.shortTitle = String(w.short_title);
  if (w.desc_info) out.descInfo = { imgs: arr(desc.imgs).map(String), desc: String(desc.desc ?? '') };
  if (w.attrs) out.attrs = attrsFromWire(w.attrs);
  if (express.template_id !== undefined) out.expressTemplateId = id(express.template_id);
  if (w.brand_id !== undefined) out.brandId = id(w.brand_id);
  if (w.audit_info) {
    out.auditInfo = defined({
      rejectReason: str(audit.reject_reason),
      submitTime: isoFromSeconds(audit.submit_time),
      auditTime: isoFromSeconds(audit.audit_time),
    });
  }
  if (w.create_time) out.createTime = String(w.create_time);
  if (w.update_time) out.updateTime = String(w.update_time);
  return out;
}

export function productViewFromWire(productId: Id, a: Wire): StoreProductView {
  const online = a.product ? productFromWire(obj(a.product)) : undefined;
  const draft = a.edit_product ? productFromWire(obj(a.edit_product)) : undefined;
  return {
    productId,
    ...(online ? { online } : {}),
    ...(draft ? { draft } : {}),
    editStatus: draft?.editStatus ?? online?.editStatus ?? 0,
    status: online?.status ?? draft?.status ?? 0,
  };
}

export function auditQuotaFromWire(a: Wire): AuditQuota {
  const q = obj(a.audit_quota);
  const raw: Record<string, number> = {};
  for (const [k, v] of Object.entries(q)) {
    const n = optNum(v);
    if (n !== undefined && Number.isFinite(n))
      raw[k.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = n;
  }
  return {
    blockStatus: num(q.block_status),
    availQuota: num(q.avail_quota),
    totalQuota: num(q.total_quota),
    raw,
  };
}
