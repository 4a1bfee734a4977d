import { specHash } from '../plan/desired.js';
import type { AuditStatus, ResourceRecord } from '../state/types.js';
import type { MiniProgramClient } from '../wechat/index.js';
import { WAREHOUSE_CHUNK as WAREHOUSE_CHUNK_SIZE } from '../wechat/live-goods.js';
import type { ApplyEvent } from './events.js';
import type { StateWriter } from './state-writer.js';
import { addressId, auditStatusOf, isApiError } from './steps.js';

/**
 * The goods reconcile: goods audit takes days, so apply (and `status --refresh`, and later `daemon`)
 * polls the audit status of goods still in audit, records every change in the audit history, and
 * puts approved goods into the room. Within quota: getgoodswarehouse takes ≤ 20 ids a call and
 * 1,000 calls a day, so one reconcile makes at most `maxCalls` of them (default 25: 500 goods).
 */

export interface ReconcileOptions {
  writer: StateWriter;
  mp: MiniProgramClient;
  emit?: (event: ApplyEvent) => void;
  /** Put approved goods into the room (default true). */
  addToRoom?: boolean;
  /** Only these product ids go into the room (the campaign's products); default every tracked one. */
  wanted?: ReadonlySet<string>;
  maxCalls?: number;
}

export interface ReconcileResult {
  /** Goods whose status was asked. */
  polled: number;
  changes: { address: string; from?: AuditStatus; to: AuditStatus }[];
  /** Addresses of goods put into the room by this reconcile. */
  added: string[];
  /** Goods still in audit afterwards. */
  waiting: number;
  /** Approved goods that could not go into the room, with why. */
  notAdded: { address: string; reason: string }[];
  /** Tracked goods the platform no longer knows (deleted by hand?). */
  missing: string[];
  /** The room's goods ids in the order goods/sort was sent by this reconcile (absent when not sent). */
  sorted?: string[];
}

const ROOM_BATCH = 20;

export async function reconcileGoods(o: ReconcileOptions): Promise<ReconcileResult> {
  const w = o.writer;
  const result: ReconcileResult = {
    polled: 0,
    changes: [],
    added: [],
    waiting: 0,
    notAdded: [],
    missing: [],
  };
  const maxCalls = o.maxCalls ?? 25;
  const inAudit = w
    .resources('goods/')
    .filter((r) => r.remoteId && (r.auditStatus === 'pending' || r.auditStatus === undefined));
  const toPoll = inAudit.slice(0, maxCalls * WAREHOUSE_CHUNK_SIZE);
  for (let i = 0; i < toPoll.length; i += WAREHOUSE_CHUNK_SIZE) {
    const chunk = toPoll.slice(i, i + WAREHOUSE_CHUNK_SIZE);
    const found = new Map(
      (await o.mp.goods.getWarehouse(chunk.map((r) => r.remoteId!))).map((g) => [String(g.goodsId), g]),
    );
    result.polled += chunk.length;
    for (const rec of chunk) {
      const g = found.get(rec.remoteId!);
      if (!g) {
        result.missing.push(rec.address);
        continue;
      }
      const status = auditStatusOf(g.auditStatus);
      if (status === rec.auditStatus) continue;
      await w.audit({
        address: rec.address,
        at: w.now().toISOString(),
        status,
        ...(status === 'rejected'
          ? { reason: 'refused by the platform audit (WeChat does not say why; check name, image and page)' }
          : {}),
      });
      result.changes.push({
        address: rec.address,
        ...(rec.auditStatus ? { from: rec.auditStatus } : {}),
        to: status,
      });
      o.emit?.({
        type: 'audit',
        address: rec.address,
        status,
        ...(rec.auditStatus ? { previous: rec.auditStatus } : {}),
      });
    }
  }
  result.waiting = w.resources('goods/').filter((r) => r.remoteId && r.auditStatus === 'pending').length;
  if (o.addToRoom !== false) {
    await addApprovedToRoom(o, result);
    if (o.wanted) await sortRoomGoods(o, result);
  }
  return result;
}

/**
 * The room's shelf in campaign order (goods/sort): the goods of `wanted` (the campaign's products, in
 * file order) that the room holds. The order sent last is kept on the room's record
 * (`attributes.goodsOrder`), so the shelf is sorted again only when it changes: new goods in the
 * room, or products reordered in the file.
 */
async function sortRoomGoods(o: ReconcileOptions, result: ReconcileResult): Promise<void> {
  const w = o.writer;
  const room = w.resource('room');
  if (!room?.remoteId || !o.wanted) return;
  const order = [...o.wanted].flatMap((id) => {
    const goodsId = w.resource(`room-goods/${id}`)?.remoteId;
    return goodsId ? [goodsId] : [];
  });
  const prev = room.attributes.goodsOrder;
  if (order.length < 2 || (Array.isArray(prev) && prev.join(',') === order.join(','))) return;
  const started = performance.now();
  try {
    await o.mp.goods.sort(Number(room.remoteId), order);
  } catch (err) {
    // An ended or vanished room takes no new order: nothing to sort any more.
    if (isApiError(err, 300022, 300023)) return;
    throw err;
  }
  await w.put({ ...room, attributes: { ...room.attributes, goodsOrder: order } });
  result.sorted = order;
  o.emit?.({
    type: 'change-done',
    address: 'room',
    action: 'update',
    message: `goods sorted in campaign order (${order.length} goods)`,
    remoteId: room.remoteId,
    requests: 1,
    durationMs: Math.round(performance.now() - started),
  });
}

/** Approved goods the room does not hold yet (per state), restricted to `wanted` when given. */
export function approvedNotInRoom(w: StateWriter, wanted?: ReadonlySet<string>): ResourceRecord[] {
  return w
    .resources('goods/')
    .filter((r) => r.remoteId && r.auditStatus === 'approved')
    .filter((r) => !wanted || wanted.has(addressId(r.address)))
    .filter((r) => !w.resource(`room-goods/${addressId(r.address)}`)?.remoteId);
}

async function addApprovedToRoom(o: ReconcileOptions, result: ReconcileResult): Promise<void> {
  const w = o.writer;
  const room = w.resource('room');
  if (!room?.remoteId) return;
  const roomId = Number(room.remoteId);
  const todo = approvedNotInRoom(w, o.wanted);
  const record = async (rec: ResourceRecord, started: number, requests: number) => {
    const productId = addressId(rec.address);
    const address = `room-goods/${productId}`;
    await w.put({
      address,
      kind: 'room-goods',
      remoteId: rec.remoteId!,
      hash: specHash({ roomId: room.remoteId, goodsId: rec.remoteId }),
      attributes: { roomId: room.remoteId, goodsId: rec.remoteId },
    });
    result.added.push(address);
    o.emit?.({
      type: 'change-done',
      address,
      action: 'create',
      message: `put into the room (goodsId ${rec.remoteId})`,
      remoteId: rec.remoteId!,
      requests,
      durationMs: Math.round(performance.now() - started),
    });
  };
  for (let i = 0; i < todo.length; i += ROOM_BATCH) {
    const batch = todo.slice(i, i + ROOM_BATCH);
    const started = performance.now();
    try {
      await o.mp.rooms.addGoods(
        roomId,
        batch.map((r) => r.remoteId!),
      );
      for (const [j, rec] of batch.entries()) await record(rec, started, j === 0 ? 1 : 0);
    } catch (err) {
      if (isApiError(err, 300023, 300022)) {
        for (const rec of todo.slice(i)) {
          result.notAdded.push({
            address: rec.address,
            reason:
              err.errcode === 300022
                ? 'the room no longer exists on the platform'
                : 'the room has ended: WeChat takes no more goods',
          });
        }
        return;
      }
      if (!isApiError(err, 300024, 300025, 300027)) throw err;
      // One of the batch is refused (state older than the platform): add them one by one.
      for (const rec of batch) {
        try {
          await o.mp.rooms.addGoods(roomId, [rec.remoteId!]);
          await record(rec, performance.now(), 1);
        } catch (e) {
          if (!isApiError(e, 300024, 300025, 300027)) throw e;
          result.notAdded.push({ address: rec.address, reason: `${e.errmsg} (errcode ${e.errcode})` });
        }
      }
    }
  }
}
