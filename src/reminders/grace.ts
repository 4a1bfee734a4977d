import type { ReminderKind } from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How late a reminder may still go out, by what it says. A wave's `grace:` overrides these.
 * - "starting in 30 minutes" an hour late is wrong, and after go-live it is noise: 15 min;
 * - "we're live" is worth sending while viewers can still catch most of the show: 20 min;
 * - the day-before article still works hours late (people read it in the evening): 6 h;
 * - a 3-day teaser is about the date, not the hour: 12 h;
 * - feedback and the replay are about the day after: a few hours (3 h, 4 h);
 * - a run-sheet cue for the hosts is only useful at its moment: 5 min;
 * - the menu switch goes with the article (6 h); the restore must happen however late: 7 days;
 * - a product card pops up while the host talks about the product: 3 min, later it is skipped.
 */
export const DEFAULT_GRACE_MS: Readonly<Record<ReminderKind, number>> = {
  teaser: 12 * HOUR,
  article: 6 * HOUR,
  soon: 15 * MINUTE,
  'live-now': 20 * MINUTE,
  feedback: 3 * HOUR,
  replay: 4 * HOUR,
  message: 1 * HOUR,
  cue: 5 * MINUTE,
  'menu-switch': 6 * HOUR,
  'menu-restore': 7 * DAY,
  'product-card': 3 * MINUTE,
};

export function defaultGraceMs(kind: ReminderKind): number {
  return DEFAULT_GRACE_MS[kind];
}
