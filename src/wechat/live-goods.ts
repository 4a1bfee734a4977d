import { answerWithoutId } from './errors.js';
import type { Transport } from './http.js';
import { type Id, toId, wireInt } from './ids.js';
import type { TokenBroker } from './token-broker.js';
import { camelizeAnswer, compact } from './wire-shape.js';

/**
 * The goods library (/wxaapi/broadcast/goods/*) and the room's goods shelf. Goods ids and audit ids
 * are strings here (64-bit safe) and go out as exact JSON numbers. Only goods added through the API
 * can be managed through it, and neither id can be recovered later: callers persist both at once.
 */

/** 1 fixed (`price`), 2 range (`price`..`price2`), 3 discount (`price` original, `price2` now). Yuan. */
export type PriceType = 1 | 2 | 3;

export interface GoodsInfo {
  /** A media id (≤ 300×300 px), despite the name. */
  coverImgUrl: string;
  /** ≤ 14 Chinese characters (28 units). */
  name: string;
  priceType: PriceType;
  price: number;
  price2?: number;
  /** Mini-program page of the product, e.g. `pages/goods/detail?id=520`. */
  url: string;
  thirdPartyAppid?: string;
  goodsKey?: string[];
}

export interface AddedGoods {
  goodsId: Id;
  auditId: Id;
}

/** 0 not audited, 1 in audit, 2 approved, 3 rejected. */
export type AuditStatus = 0 | 1 | 2 | 3;

/** getgoodswarehouse item (snake_case on the wire, camelCased here). Prices in yuan. */
export interface WarehouseGoods {
  goodsId: Id;
  coverImgUrl: string;
  name: string;
  url: string;
  price: number;
  price2?: number;
  priceType: PriceType;
  auditStatus: AuditStatus;
  thirdPartyTag?: number;
  thirdPartyAppid?: string;
}

/** getapproved item (camelCase on the wire). */
export interface ApprovedGoods {
  goodsId: Id;
  coverImgUrl: string;
  name: string;
  url: string;
  price: number;
  price2?: number;
  priceType: PriceType;
  thirdPartyTag?: number;
  thirdPartyAppid?: string;
}

const GOODS = '/wxaapi/broadcast/goods';
/** getgoodswarehouse takes at most 20 ids a call. */
export const WAREHOUSE_CHUNK = 20;
const APPROVED_PAGE = 100;

export class LiveGoodsClient {
  constructor(
    private readonly t: Transport,
    private readonly auth: TokenBroker,
  ) {}

  private post(path: string, json: unknown, idempotent: boolean) {
    return this.t.json({ path, method: 'POST', json, auth: this.auth, idempotent });
  }

  /** Adds and submits for audit (500 a day, shared with `audit`). The `goodsInfo` wrapper is required. */
  async add(goods: GoodsInfo): Promise<AddedGoods> {
    const a = await this.post(`${GOODS}/add`, { goodsInfo: compact({ ...goods }) }, false);
    const goodsId = toId(a.goodsId);
    if (goodsId === undefined || !/^\d+$/.test(goodsId) || /^0+$/.test(goodsId))
      throw answerWithoutId(`${GOODS}/add`, 'goodsId', a.goodsId);
    // The auditId only lets an audit in progress be withdrawn (destroy says so when it is unknown).
    return { goodsId, auditId: toId(a.auditId) ?? '' };
  }

  /** Withdraws an audit (the quota it used is not refunded). */
  async resetAudit(goodsId: Id, auditId: Id): Promise<void> {
    await this.post(`${GOODS}/resetaudit`, { auditId: wireInt(auditId), goodsId: wireInt(goodsId) }, false);
  }

  /** Resubmits for audit; returns the new audit id. */
  async audit(goodsId: Id): Promise<{ auditId: Id }> {
    const a = await this.post(`${GOODS}/audit`, { goodsId: wireInt(goodsId) }, false);
    return { auditId: toId(a.auditId) ?? '' };
  }

  /** Also removes the goods from every room, permanently. */
  async delete(goodsId: Id): Promise<void> {
    await this.post(`${GOODS}/delete`, { goodsId: wireInt(goodsId) }, false);
  }

  /** Send only what changes. Approved goods may change only priceType/price/price2. */
  async update(goodsId: Id, changes: Partial<GoodsInfo>): Promise<void> {
    await this.post(
      `${GOODS}/update`,
      { goodsInfo: compact({ ...changes, goodsId: wireInt(goodsId) }) },
      true,
    );
  }

  /** Audit status by id; chunks into calls of ≤ 20 ids and concatenates. */
  async getWarehouse(goodsIds: readonly Id[]): Promise<WarehouseGoods[]> {
    const out: WarehouseGoods[] = [];
    for (let i = 0; i < goodsIds.length; i += WAREHOUSE_CHUNK) {
      const chunk = goodsIds.slice(i, i + WAREHOUSE_CHUNK);
      const a = camelizeAnswer(
        await this.post(
          '/wxa/business/getgoodswarehouse',
          { goods_ids: chunk.map((id) => wireInt(id)) },
          true,
        ),
      ) as { goods?: WarehouseGoods[] };
      out.push(...(a.goods ?? []));
    }
    return out;
  }

  /** GET (a POST is refused with a confusing error). `status` 0–3; limit ≤ 100. */
  async getApproved(q: { status: AuditStatus; offset?: number; limit?: number }): Promise<{
    goods: ApprovedGoods[];
    total: number;
  }> {
    const a = camelizeAnswer(
      await this.t.json({
        path: `${GOODS}/getapproved`,
        method: 'GET',
        query: { offset: q.offset ?? 0, limit: q.limit ?? 30, status: q.status },
        auth: this.auth,
        idempotent: true,
      }),
    ) as { goods?: ApprovedGoods[]; total?: number };
    return { goods: a.goods ?? [], total: Number(a.total ?? 0) };
  }

  async getApprovedAll(status: AuditStatus): Promise<ApprovedGoods[]> {
    const out: ApprovedGoods[] = [];
    for (let i = 0; i < 1000; i++) {
      const page = await this.getApproved({ status, offset: out.length, limit: APPROVED_PAGE });
      out.push(...page.goods);
      if (page.goods.length === 0 || out.length >= page.total) break;
    }
    return out;
  }

  // ---- goods on a room's shelf ----

  async onSale(roomId: number, goodsId: Id, onSale: 0 | 1): Promise<void> {
    await this.post(`${GOODS}/onsale`, { roomId, goodsId: wireInt(goodsId), onSale }, true);
  }

  async deleteInRoom(roomId: number, goodsId: Id): Promise<void> {
    await this.post(`${GOODS}/deleteInRoom`, { roomId, goodsId: wireInt(goodsId) }, false);
  }

  /** Pops the goods card up for viewers (only while live). */
  async push(roomId: number, goodsId: Id): Promise<void> {
    await this.post(`${GOODS}/push`, { roomId, goodsId: wireInt(goodsId) }, false);
  }

  /** Shelf order, first to last. Ids go out as numbers, as the current docs type them. */
  async sort(roomId: number, goodsIds: readonly Id[]): Promise<void> {
    await this.post(
      `${GOODS}/sort`,
      { roomId, goods: goodsIds.map((id) => ({ goodsId: wireInt(id) })) },
      true,
    );
  }

  async getVideo(roomId: number, goodsId: Id): Promise<{ url: string }> {
    const a = await this.post(`${GOODS}/getVideo`, { roomId, goodsId: wireInt(goodsId) }, true);
    return { url: String(a.url ?? '') };
  }
}
