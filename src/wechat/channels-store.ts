import { sniffImage } from '../campaign/image-info.js';
import { UserError } from '../errors.js';
import {
  type CouponListStatus,
  type CouponPage,
  couponFromWire,
  couponToWire,
  type StoreCoupon,
  type StoreCouponSpec,
} from './channels-coupons.js';
import {
  type AddedProduct,
  type AuditQuota,
  auditQuotaFromWire,
  type ProductPage,
  productToWire,
  productViewFromWire,
  type StoreProductSpec,
  type StoreProductView,
} from './channels-products.js';
import { arr, id, isRealId, num, obj, type Wire } from './channels-wire.js';
import { answerWithoutId } from './errors.js';
import type { Transport } from './http.js';
import type { Id } from './ids.js';
import { type FileInput, mediaForm } from './media.js';
import type { TokenBroker } from './token-broker.js';

/**
 * The 微信小店 store (store token): image upload, products and their audit, coupons. Every call is a
 * POST with a JSON body; errors are WeChatApiError (hints in error-hints.ts, platform `channels`).
 * Only reads, uploads and the draft update are repeated after a lost answer: a repeated status change
 * answers "wrong state" rather than ok, and product/add and coupon/create have no idempotency key, so
 * callers record a pending create and look (by out_product_id, by ext_info.notes) before repeating one.
 */

/**
 * The store documents the upload at `/shop/ec/basics/img/upload`; WxJava, zsm and the qualification
 * example use `/channels/ec/basics/img/upload`, which the issue names and which sits beside every other
 * call of this client. WeChat serves both [U which is canonical]; we use the `/channels/` one.
 */
export const STORE_IMAGE_UPLOAD_PATH = '/channels/ec/basics/img/upload';

const P = '/channels/ec/product';
const C = '/channels/ec/coupon';
/** product/list/get takes at most 30 a page. */
export const PRODUCT_PAGE_MAX = 30;
/** coupon/get_list takes at most 200 a page. */
export const COUPON_PAGE_MAX = 200;

export interface StoreImageFile extends FileInput {
  /** Pixels; the multipart upload (upload_type 0) requires both. Read from the image's header when absent. */
  width?: number;
  height?: number;
}

export class ChannelsStoreClient {
  constructor(
    private readonly t: Transport,
    readonly tokens: TokenBroker,
  ) {}

  private post(path: string, json: unknown, idempotent: boolean): Promise<Wire> {
    return this.t.json({ path, method: 'POST', json, auth: this.tokens, idempotent });
  }

  /**
   * Uploads an image and returns its permanent `https://mmecimage.cn/p/…` URL (resp_type 1), the only
   * image URLs products accept. Repeating an upload costs a second URL, nothing else.
   */
  async uploadImage(file: StoreImageFile): Promise<{ imgUrl: string }> {
    const sniffed = file.width && file.height ? undefined : sniffImage(file.bytes);
    const width = file.width ?? sniffed?.width;
    const height = file.height ?? sniffed?.height;
    if (!width || !height)
      throw new UserError(`Cannot read the pixel size of ${file.filename}`, {
        hint: 'Use a PNG, JPEG, GIF or WebP image for the store.',
      });
    const a = await this.t.json({
      path: STORE_IMAGE_UPLOAD_PATH,
      method: 'POST',
      query: { upload_type: 0, resp_type: 1, height, width },
      form: mediaForm(file),
      auth: this.tokens,
      idempotent: true,
    });
    const url = obj(a.pic_file).img_url;
    if (typeof url !== 'string' || url === '')
      throw answerWithoutId(STORE_IMAGE_UPLOAD_PATH, 'pic_file.img_url', url);
    return { imgUrl: url };
  }

  /**
   * Adds a product (draft only; `listing` submits it). Not idempotent: a lost answer may have made one.
   * A `product_id` of "0" (seen for asynchronous writes) is a maybe-applied failure, never an id.
   */
  async addProduct(spec: StoreProductSpec): Promise<AddedProduct> {
    const a = await this.post(`${P}/add`, productToWire(spec), false);
    const data = obj(a.data);
    const productId = id(data.product_id);
    if (!isRealId(productId)) throw answerWithoutId(`${P}/add`, 'data.product_id', data.product_id);
    return { productId, ...(data.create_time ? { createTime: String(data.create_time) } : {}) };
  }

  /** Replaces the draft (the whole product). Takes effect online only after `listing` and an approved audit. */
  async updateProduct(productId: Id, spec: StoreProductSpec): Promise<void> {
    await this.post(`${P}/update`, { product_id: productId, ...productToWire(spec) }, true);
  }

  /** Both copies (data_type 3): `online` once listed, `draft` as last edited. */
  async getProduct(productId: Id): Promise<StoreProductView> {
    const a = await this.post(`${P}/get`, { product_id: productId, data_type: 3 }, true);
    return productViewFromWire(productId, a);
  }

  /** One page of product ids. Without `status`, never-listed drafts and the recycle bin are left out. */
  async listProducts(q: { status?: number; pageSize?: number; nextKey?: string } = {}): Promise<ProductPage> {
    const a = await this.post(
      `${P}/list/get`,
      {
        page_size: Math.min(q.pageSize ?? PRODUCT_PAGE_MAX, PRODUCT_PAGE_MAX),
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.nextKey ? { next_key: q.nextKey } : {}),
      },
      true,
    );
    return {
      productIds: arr(a.product_ids).map(id),
      nextKey: String(a.next_key ?? ''),
      totalNum: num(a.total_num),
    };
  }

  /** Every product id of a status (pages followed by next_key; bounded). */
  async listAllProducts(status?: number): Promise<Id[]> {
    const out: Id[] = [];
    let nextKey = '';
    for (let i = 0; i < 1000; i++) {
      const page = await this.listProducts({ ...(status === undefined ? {} : { status }), nextKey });
      out.push(...page.productIds);
      if (page.productIds.length === 0 || !page.nextKey || out.length >= page.totalNum) break;
      nextKey = page.nextKey;
    }
    return out;
  }

  /**
   * The products whose out_product_id (draft or online copy) is `outProductId`: how a create whose
   * answer was lost is found again (the store does not enforce its uniqueness, so there may be several).
   * Looks through never-listed drafts (status 0) and every other product the list returns.
   */
  async findProductsByOutId(outProductId: string): Promise<StoreProductView[]> {
    const ids = new Set([...(await this.listAllProducts(0)), ...(await this.listAllProducts())]);
    const out: StoreProductView[] = [];
    for (const productId of ids) {
      const v = await this.getProduct(productId);
      if (v.draft?.outProductId === outProductId || v.online?.outProductId === outProductId) out.push(v);
    }
    return out;
  }

  /**
   * Submits the draft for audit and lists it once approved. Uses the audit quota; repeated calls can
   * get the shop banned, so callers check editStatus first (not idempotent for that reason).
   */
  async listing(productId: Id): Promise<void> {
    await this.post(`${P}/listing`, { product_id: productId }, false);
  }

  async delisting(productId: Id): Promise<void> {
    await this.post(`${P}/delisting`, { product_id: productId }, false);
  }

  async deleteProduct(productId: Id): Promise<void> {
    await this.post(`${P}/delete`, { product_id: productId }, false);
  }

  /** Withdraws an audit in progress (edit_status 2 → 1); the quota it used is not refunded. */
  async cancelAudit(productId: Id): Promise<void> {
    await this.post(`${P}/audit/cancel`, { product_id: productId }, false);
  }

  async auditQuota(): Promise<AuditQuota> {
    return auditQuotaFromWire(await this.post(`${P}/getauditquota`, {}, true));
  }

  // ---- coupons ----

  /** Creates a coupon (status 1, or effective at receiveStart with autoValid). Not idempotent. */
  async createCoupon(spec: StoreCouponSpec): Promise<{ couponId: Id }> {
    const a = await this.post(`${C}/create`, couponToWire(spec), false);
    const couponId = id(obj(a.data).coupon_id);
    if (!isRealId(couponId)) throw answerWithoutId(`${C}/create`, 'data.coupon_id', obj(a.data).coupon_id);
    return { couponId };
  }

  async getCoupon(couponId: Id): Promise<StoreCoupon> {
    const a = await this.post(`${C}/get`, { coupon_id: couponId }, true);
    return couponFromWire({ coupon_id: couponId, ...obj(a.coupon) });
  }

  /**
   * One page (1-based). The store lets a request jump at most 10 pages from the previous one and the
   * first request start below page 10; `pageCtx` is the previous answer's.
   */
  async listCoupons(q: {
    status: CouponListStatus;
    page?: number;
    pageSize?: number;
    pageCtx?: string;
  }): Promise<CouponPage> {
    const a = await this.post(
      `${C}/get_list`,
      {
        status: q.status,
        page: q.page ?? 1,
        page_size: Math.min(q.pageSize ?? COUPON_PAGE_MAX, COUPON_PAGE_MAX),
        page_ctx: q.pageCtx ?? '',
      },
      true,
    );
    return {
      couponIds: arr(a.coupons).map((c) => id(c.coupon_id)),
      totalNum: num(a.total_num),
      pageCtx: String(a.page_ctx ?? ''),
    };
  }

  /** Every coupon id of a status, page after page (never jumping). */
  async listAllCoupons(status: CouponListStatus): Promise<Id[]> {
    const out: Id[] = [];
    let pageCtx = '';
    for (let page = 1; page <= 1000; page++) {
      const p = await this.listCoupons({ status, page, pageCtx });
      out.push(...p.couponIds);
      if (p.couponIds.length === 0 || out.length >= p.totalNum) break;
      pageCtx = p.pageCtx;
    }
    return out;
  }

  /**
   * The coupons whose ext_info.notes is `notes` (livectl writes `livectl:<campaign>/<couponId>`): how a
   * create whose answer was lost is found again. Looks through not-yet-effective and effective ones.
   */
  async findCouponsByNotes(notes: string): Promise<StoreCoupon[]> {
    const out: StoreCoupon[] = [];
    for (const status of [1, 2] as const) {
      for (const couponId of await this.listAllCoupons(status)) {
        const coupon = await this.getCoupon(couponId);
        if (coupon.notes === notes) out.push(coupon);
      }
    }
    return out;
  }

  /** 2 activate, 4 void, 5 delete. Allowed: 1→2/4/5, 2→4/5 (else 10021001). */
  async updateCouponStatus(couponId: Id, status: 2 | 4 | 5): Promise<void> {
    await this.post(`${C}/update_status`, { coupon_id: couponId, status }, false);
  }
}

export type {
  CouponListStatus,
  CouponPage,
  StoreCoupon,
  StoreCouponSpec,
  StoreCouponStatus,
  StoreCouponType,
} from './channels-coupons.js';
export { COUPON_STATUS } from './channels-coupons.js';
export type {
  AddedProduct,
  AuditQuota,
  DeliverMethod,
  EditStatus,
  ProductPage,
  ProductStatus,
  StoreAttr,
  StoreProduct,
  StoreProductSpec,
  StoreProductView,
  StoreSku,
  StoreSkuRead,
} from './channels-products.js';
export { EDIT_STATUS, PRODUCT_STATUS } from './channels-products.js';
