import { done } from '../../outcome.js';
import type { SubscribeMessagePayload } from '../types.js';
import { isErrcode } from './media.js';
import type { ChannelAdapter, DispatchRow } from './types.js';

/**
 * Subscribe messages to one slice of the audience file (1,000 openids): subscribe/send per openid.
 * 43101 means the user holds no (more) one-time grant: counted as "not subscribed", never a failure;
 * 40003 (an openid that is not this app's) is counted as invalid. Any other error stops the slice —
 * a template, page or field problem would fail every openid the same way.
 *
 * Progress is checkpointed every few sends, so a retry resumes where the slice stopped. WeChat has no
 * dedupe key for subscribe/send, so an openid whose send was in flight at a crash may get it twice:
 * at-least-once per openid (a repeat usually meets 43101, since each grant allows one message).
 */

const CHECKPOINT_EVERY = 10;

export const subscribeMessage: ChannelAdapter = {
  type: 'subscribe-message',
  delivery: 'at-least-once',
  why: 'subscribe/send has no idempotency key or message list; progress is checkpointed every 10 openids, so a crash can repeat at most those in flight',

  async send(row: DispatchRow, ctx) {
    const p = row.payload as SubscribeMessagePayload;
    const sm = ctx.clients.miniProgram.subscribeMessages;
    const prev = ctx.previous;
    let next = typeof prev.next === 'number' ? prev.next : 0;
    let sent = typeof prev.sent === 'number' ? prev.sent : 0;
    let refused = typeof prev.refused === 'number' ? prev.refused : 0;
    let invalid = typeof prev.invalid === 'number' ? prev.invalid : 0;
    const progress = () => ({ next, sent, refused, invalid, total: p.openids.length });
    for (; next < p.openids.length; ) {
      try {
        await sm.send({
          toUser: p.openids[next]!,
          templateId: p.templateId,
          ...(p.page !== undefined ? { page: p.page } : {}),
          data: p.data,
        });
        sent++;
      } catch (err) {
        if (isErrcode(err, 43101)) refused++;
        else if (isErrcode(err, 40003)) invalid++;
        else {
          await ctx.checkpoint(progress());
          throw err;
        }
      }
      next++;
      if (next % CHECKPOINT_EVERY === 0) await ctx.checkpoint(progress());
    }
    return done({ details: progress() });
  },
  // No lookup: WeChat keeps no list of subscribe messages. The checkpoint is the record.
};
