import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

/**
 * Room features that the rest of the file relies on. A like-threshold lottery needs the like count
 * on screen; an after-wave that promises the replay (the shipped `replay` message or poster) needs
 * the room to keep one. WeChat would not refuse either file — the viewers would find out instead.
 */
export const likesForLotteries: Rule = {
  id: 'likes-for-lotteries',
  platforms: ['mini-program'],
  codes: ['E_LIKES_OFF'],
  description: 'Like-threshold lotteries need room.features.likes.',
  check(ctx) {
    const c = ctx.campaign;
    if (c.room.features.likes) return [];
    const out: Finding[] = [];
    c.during?.lotteries.forEach((l, i) => {
      if (!('likes' in l.trigger)) return;
      out.push(
        error(
          'E_LIKES_OFF',
          ['during', 'lotteries', i, 'trigger', 'likes'],
          `this lottery draws when likes reach ${l.trigger.likes}, but room.features.likes is false (viewers cannot see or give likes)`,
          'Set room.features.likes: true, or trigger the draw at a time ({at: +45m}).',
        ),
      );
    });
    return out;
  },
};

export const replayForAfterWaves: Rule = {
  id: 'replay-for-after-waves',
  platforms: ['mini-program'],
  codes: ['E_REPLAY_OFF'],
  description: 'An after-wave that promises the replay needs room.features.replay.',
  check(ctx) {
    const c = ctx.campaign;
    if (c.room.features.replay) return [];
    const out: Finding[] = [];
    c.after.forEach((w, i) => {
      const field = w.message === 'replay' ? 'message' : w.poster === 'replay' ? 'poster' : undefined;
      if (!field) return;
      out.push(
        error(
          'E_REPLAY_OFF',
          ['after', i, field],
          `after-wave "${w.id}" promises the replay, but room.features.replay is false (the room keeps none)`,
          'Set room.features.replay: true, or give this wave another message and poster.',
        ),
      );
    });
    return out;
  },
};
