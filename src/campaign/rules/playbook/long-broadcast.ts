import { warning } from '../../../diagnostics/diagnostic.js';
import { formatDuration, TIME } from '../../time.js';
import type { Rule } from '../context.js';

/** Over 12 h and up to 24 h; beyond 24 h the platform rejects the room (a platform error). */
export const longBroadcast: Rule = {
  id: 'long-broadcast',
  codes: ['W_LONG_BROADCAST'],
  description: 'A broadcast longer than 12 hours.',
  check(ctx) {
    const { start, end } = ctx.times;
    if (!start || !end) return [];
    const ms = end.getTime() - start.getTime();
    if (ms <= 12 * TIME.HOUR || ms > 24 * TIME.HOUR) return [];
    const field = ctx.campaign.room.end !== undefined ? 'end' : 'duration';
    return [
      warning(
        'W_LONG_BROADCAST',
        ['room', field],
        `the broadcast lasts ${formatDuration(ms)}, over 12 hours`,
        'The platform FAQ in the playbook limits one broadcast to 12 hours (the current API allows 24 h). ' +
          'Split a longer event into several rooms, or keep it under 12 h.',
        { duration: formatDuration(ms) },
      ),
    ];
  },
};
