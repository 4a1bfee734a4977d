import { done, failed, retryLater, skip } from '../../outcome.js';
import { PUSH_MAX_OPENIDS } from '../../wechat/live-subscribers.js';
import type { LiveFollowersPayload } from '../types.js';
import { isErrcode } from './media.js';
import type { ChannelAdapter, DispatchRow } from './types.js';

/**
 * "We're live" to the room's long-term followers: push_message (≤ 2,000 openids a call) to every
 * follower, paged with get_wxa_followers. WeChat allows it only while the room is live (9410006 →
 * tried again a minute later, within the wave's grace) and for one room per mini program a day
 * (9410005 → skipped with that reason). Pages pushed are checkpointed; WeChat has no dedupe key or
 * push list, so a page whose answer was lost is pushed again (at-least-once).
 */

const NOT_LIVE_RETRY_MS = 60_000;

export const liveFollowers: ChannelAdapter = {
  type: 'live-followers',
  delivery: 'at-least-once',
  why: 'push_message has no dedupe key and no list to check; pushed pages are checkpointed, a page whose answer was lost is pushed again',

  async send(row: DispatchRow, ctx) {
    const p = row.payload as LiveFollowersPayload;
    const roomId = Number(p.room.id);
    if (!p.room.id || !Number.isSafeInteger(roomId)) {
      return failed('the live room does not exist yet: nothing to push to its followers', {
        hint: 'Run `livectl apply` first.',
      });
    }
    const subs = ctx.clients.miniProgram.subscribers;
    const prev = ctx.previous;
    let pageBreak = typeof prev.pageBreak === 'number' ? prev.pageBreak : undefined;
    let pushed = typeof prev.pushed === 'number' ? prev.pushed : 0;
    const messageIds: string[] = Array.isArray(prev.messageIds) ? (prev.messageIds as string[]) : [];
    for (let i = 0; i < 10_000; i++) {
      const page = await subs.getFollowers({
        limit: PUSH_MAX_OPENIDS,
        ...(pageBreak !== undefined ? { pageBreak } : {}),
      });
      const openids = page.followers.map((f) => f.openid);
      if (openids.length === 0) break;
      try {
        const r = await subs.pushMessage(roomId, openids);
        messageIds.push(String(r.messageId));
      } catch (err) {
        if (isErrcode(err, 9410006))
          return retryLater('the room is not live yet: followers are pushed once it is', NOT_LIVE_RETRY_MS);
        if (isErrcode(err, 9410005)) {
          return skip(
            'another room of this mini program already pushed to its followers today (WeChat allows one a day)',
          );
        }
        throw err;
      }
      pushed += openids.length;
      const moved = page.pageBreak !== undefined && page.pageBreak !== pageBreak;
      pageBreak = page.pageBreak;
      await ctx.checkpoint({ pageBreak, pushed, messageIds });
      if (!moved) break;
    }
    if (pushed === 0 && messageIds.length === 0) return skip('the room has no followers yet');
    return done({ remoteId: messageIds[0], details: { pushed, messageIds } });
  },
};
