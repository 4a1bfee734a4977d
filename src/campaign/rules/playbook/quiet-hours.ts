import { warning } from '../../../diagnostics/diagnostic.js';
import { formatLocal, toZoned } from '../../time.js';
import type { Rule, RuleContext } from '../context.js';
import { CUSTOMER_CHANNEL_TYPES, campaignZone, clockMinutes, isGoLive } from './support.js';

/**
 * A wave or after-wave that reaches customers inside the quiet hours (options.quietHours: the
 * command line, else metadata.quietHours, else 22:00–08:00). The window is [start, end): 22:00 is
 * quiet, 08:00 is not; start > end wraps midnight; start = end is no window.
 *
 * Exempt: a wave within 10 minutes of the broadcast start (the go-live wave). Its time is not a
 * free choice — it announces the room opening, so it goes out when the merchant chose to broadcast;
 * warning about it would only ask to move the broadcast, which is the merchant's business. Every
 * other wave can be moved, so it is flagged. Waves that only reach staff (a robot) are not flagged.
 */
export const quietHours: Rule = {
  id: 'quiet-hours',
  codes: ['W_QUIET_HOURS'],
  description: 'A message to customers is scheduled in quiet hours (default 22:00–08:00 local).',
  check(ctx) {
    const { start } = ctx.times;
    const tz = campaignZone(ctx);
    if (!start || !tz) return [];
    const { start: from, end: to } = ctx.options.quietHours;
    const lists = [
      { key: 'waves', list: ctx.campaign.waves, times: ctx.times.waves },
      { key: 'after', list: ctx.campaign.after, times: ctx.times.after },
    ] as const;
    return lists.flatMap(({ key, list, times }) =>
      list.flatMap((w, i) => {
        const at = times.get(w.id);
        if (!at || !reachesCustomers(ctx, w.channels)) return [];
        if (key === 'waves' && isGoLive(at, start)) return [];
        if (!inQuietHours(at, tz, from, to)) return [];
        return [
          warning(
            'W_QUIET_HOURS',
            [key, i, 'at'],
            `"${w.id}" reaches customers at ${formatLocal(at, tz)}, in quiet hours (${from}–${to})`,
            'Campaign messages should make customers remember the broadcast, not wake them: a group send or ' +
              `Moments post at night is muted or resented. Move it between ${to} and ${from}, or set metadata.quietHours.`,
            { wave: w.id, at: formatLocal(at, tz), from, to },
          ),
        ];
      }),
    );
  },
};

function reachesCustomers(ctx: RuleContext, channels: readonly string[]): boolean {
  return channels.some((name) => {
    const type = ctx.campaign.channels[name]?.type;
    return type !== undefined && CUSTOMER_CHANNEL_TYPES.has(type);
  });
}

/** Whether the local wall time of `at` falls in [from, to), wrapping midnight when from > to. */
export function inQuietHours(at: Date, tz: string, from: string, to: string): boolean {
  const local = toZoned(at, tz);
  const m = local.hour * 60 + local.minute;
  const a = clockMinutes(from);
  const b = clockMinutes(to);
  if (a === b) return false;
  return a < b ? m >= a && m < b : m >= a || m < b;
}
