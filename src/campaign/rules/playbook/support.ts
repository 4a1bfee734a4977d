/** Helpers shared by the playbook rules. Pure. */

import { calendarDaysBetween } from '../../calendar/working-days.js';
import type { ChannelType } from '../../schema.js';
import { isValidTimeZone, localDate, resolveMoment, TIME } from '../../time.js';
import type { RuleContext } from '../context.js';

/**
 * The campaign's zone, or undefined when the runtime does not know it (E_TIMEZONE reports that).
 * An absolute start (`…+08:00`) resolves even then, so rules reading wall clocks must ask.
 */
export function campaignZone(ctx: RuleContext): string | undefined {
  const tz = ctx.campaign.metadata.timezone;
  return isValidTimeZone(tz) ? tz : undefined;
}

/** A campaign moment (`+45m`, `0`, an ISO time) as an instant; undefined without a start or when malformed. */
export function resolveAt(ctx: RuleContext, at: string | number): Date | undefined {
  const start = ctx.times.start;
  const tz = campaignZone(ctx);
  if (!start || !tz) return undefined;
  return resolveMoment(at, start, tz);
}

/**
 * The four warm-up waves of the playbook, matched by when they go out relative to the start.
 * Windows are generous because `-3d@10:00` lands a different number of hours before a 09:00 and a
 * 21:00 broadcast: the day-based slots compare local calendar days in the campaign's zone.
 */
export interface WaveSlot {
  key: 'three-days' | 'one-day' | 'thirty-minutes' | 'go-live';
  label: string;
  matches(wave: Date, start: Date, tz: string): boolean;
}

const minutesBefore = (wave: Date, start: Date) => (start.getTime() - wave.getTime()) / TIME.MINUTE;
const daysBefore = (wave: Date, start: Date, tz: string) =>
  calendarDaysBetween(localDate(wave, tz), localDate(start, tz));

export const WAVE_SLOTS: readonly WaveSlot[] = [
  {
    key: 'three-days',
    label: 'wave 1, about 3 days before (2–4 days)',
    matches: (w, s, tz) => {
      const d = daysBefore(w, s, tz);
      return d >= 2 && d <= 4;
    },
  },
  {
    key: 'one-day',
    label: 'wave 2, about 1 day before (the day before, or 18–36 h)',
    matches: (w, s, tz) => {
      const h = minutesBefore(w, s) / 60;
      return daysBefore(w, s, tz) === 1 || (h >= 18 && h <= 36);
    },
  },
  {
    key: 'thirty-minutes',
    label: 'wave 3, about 30 minutes before (10–90 min)',
    matches: (w, s) => {
      const m = minutesBefore(w, s);
      return m >= 10 && m <= 90;
    },
  },
  {
    key: 'go-live',
    label: 'wave 4, at go-live (within 10 min of the start)',
    matches: (w, s) => isGoLive(w, s),
  },
];

/** Within 10 minutes either side of the start: the go-live wave. */
export function isGoLive(wave: Date, start: Date): boolean {
  return Math.abs(minutesBefore(wave, start)) <= 10;
}

/** Channel types whose messages reach customers (a robot only reaches staff). */
export const CUSTOMER_CHANNEL_TYPES: ReadonlySet<ChannelType> = new Set([
  'wecom-groups',
  'wecom-moments',
  'official-account',
  'subscribe-message',
  'live-followers',
]);

/** Minutes since local midnight for `HH:MM`. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
