import { done, retryLater, skip } from '../../outcome.js';
import type { LiveGoodsClient } from '../../wechat/live-goods.js';
import type { LiveRoomsClient } from '../../wechat/live-rooms.js';
import type { ProductCardPayload } from '../types.js';
import { isErrcode } from './media.js';
import type { ChannelAdapter, DispatchRow } from './types.js';

/**
 * A product's card popped up in the live room (goods/push). WeChat takes it only while the room is
 * live: before the start (or while paused) the row is tried again every 30 seconds within its grace
 * (3 minutes by default), once the room ended it is skipped with that reason. goods/push has no
 * dedupe key and no list to check, so a push whose answer was lost is pushed again (at-least-once:
 * the card pops up a second time).
 */

const NOT_LIVE_RETRY_MS = 30_000;
/** Another push in progress (300047): a card is on screen for a few seconds. */
const BUSY_RETRY_MS = 10_000;

const STATUS_TEXT: Readonly<Record<number, string>> = {
  101: 'live',
  102: 'not started',
  103: 'ended',
  104: 'banned',
  105: 'paused',
  106: 'abnormal',
  107: 'expired',
};

export type PushOutcome =
  | { pushed: true }
  | { pushed: false; retry: boolean; retryAfterMs?: number; reason: string };

/**
 * Pushes one product card into the room, reading why when WeChat refuses. Shared by dispatch (the
 * timed cards) and the console (a card pushed by hand). Errors other than the refusals below are
 * thrown as they came (WeChatApiError).
 */
export async function pushProductCard(
  clients: { goods: LiveGoodsClient; rooms: LiveRoomsClient },
  roomId: number,
  goodsId: string,
): Promise<PushOutcome> {
  try {
    await clients.goods.push(roomId, goodsId);
    return { pushed: true };
  } catch (err) {
    if (isErrcode(err, 300023)) {
      const room = (await clients.rooms.listAll()).find((r) => r.roomid === roomId);
      const status = room?.liveStatus;
      const text = status !== undefined ? (STATUS_TEXT[status] ?? String(status)) : 'not found';
      // Not started yet or paused: the host may still go (back) on air within the grace.
      const retry = status === 102 || status === 105 || status === 101;
      return {
        pushed: false,
        retry,
        ...(retry ? { retryAfterMs: NOT_LIVE_RETRY_MS } : {}),
        reason: `the room is not live (${text}): cards can only be pushed during the broadcast`,
      };
    }
    if (isErrcode(err, 300047))
      return {
        pushed: false,
        retry: true,
        retryAfterMs: BUSY_RETRY_MS,
        reason: 'another card is being pushed',
      };
    if (isErrcode(err, 300053))
      return { pushed: false, retry: false, reason: 'the goods are not in this room' };
    if (isErrcode(err, 300052))
      return { pushed: false, retry: false, reason: 'the goods are off the shelf in this room' };
    if (isErrcode(err, 300024))
      return { pushed: false, retry: false, reason: 'the goods no longer exist in the goods library' };
    throw err;
  }
}

export const productCard: ChannelAdapter = {
  type: 'product-card',
  delivery: 'at-least-once',
  why: 'goods/push has no dedupe key and no list to check; a push whose answer was lost is pushed again',

  async send(row: DispatchRow, ctx) {
    const p = row.payload as ProductCardPayload;
    const roomId = Number(p.room.id);
    if (!p.room.id || !Number.isSafeInteger(roomId)) {
      return skip('the live room does not exist: no card to push');
    }
    if (!p.product.goodsId) {
      return skip(
        `product "${p.product.id}" has no goods id (its goods were not added by apply): no card to push`,
      );
    }
    const mp = ctx.clients.miniProgram;
    const r = await pushProductCard(mp, roomId, p.product.goodsId);
    if (r.pushed)
      return done({ remoteId: p.product.goodsId, details: { goodsId: p.product.goodsId, roomId } });
    if (r.retry) return retryLater(r.reason, r.retryAfterMs ?? NOT_LIVE_RETRY_MS);
    return skip(r.reason);
  },
};
