import { warning } from '../../../diagnostics/diagnostic.js';
import {
  addCalendarDays,
  calendarDaysBetween,
  isCoveredYear,
  subtractWorkingDays,
} from '../../calendar/working-days.js';
import { auditedProducts } from '../../platform.js';
import { localDate } from '../../time.js';
import type { Rule } from '../context.js';
import { campaignZone } from './support.js';

/** The goods audit takes 1 to 7 working days (playbook.md, platform limits). */
export const AUDIT_WORKING_DAYS = 7;
/** Goods the platform accepts for audit per mini program per day. */
export const SUBMISSIONS_PER_DAY = 500;

/**
 * How far the real deadline can sit from the weekends-only one in a year whose holidays are not in
 * the calendar data yet. Holidays only remove working days, so they move the deadline EARLIER: a
 * Spring Festival or Golden Week inside the window takes up to six weekdays, about ten calendar days
 * with the weekends around them — 14 is a margin. Make-up workdays (调休) move it LATER, by at most a
 * couple of working days — 7 calendar days is a margin.
 */
const UNCERTAIN_EARLIER_DAYS = 14;
const UNCERTAIN_LATER_DAYS = 7;

/** Days of audit submissions `goods` take at 500 a day (at least 1). */
export function submissionDays(goods: number): number {
  return Math.max(1, Math.ceil(goods / SUBMISSIONS_PER_DAY));
}

/**
 * The last local date on which the (first batch of) goods can be submitted and still have 7
 * working days of audit before `startDay` (`YYYY-MM-DD` in the campaign's zone). For the planner too.
 */
export function latestSafeSubmission(startDay: string, goods: number): string {
  return subtractWorkingDays(startDay, AUDIT_WORKING_DAYS + submissionDays(goods) - 1);
}

/**
 * Goods must be submitted for audit 7 Chinese working days before the broadcast day, or they may not
 * be approved in time (only approved goods can be put in the room). With more than 500 goods the
 * submissions take several days, and the first batch must go that many working days earlier.
 *
 * The deadline is the 7th working day strictly before the start's local date (for several
 * submission days, the (7 + days − 1)th); submitting on that day is still in time. The rule fires
 * only while the broadcast is ahead (a past start is the platform's error).
 *
 * Years outside the calendar data: the deadline is computed with weekends only. W_CALENDAR_UNCOVERED
 * is reported only when that guess could change the answer — when today is within
 * [deadline − 14 days, deadline + 7 days] and the span from there to the start touches an uncovered
 * year. A campaign months ahead in next year stays quiet; one whose deadline is near says so.
 */
export const auditDeadline: Rule = {
  id: 'audit-deadline',
  codes: ['W_AUDIT_DEADLINE', 'W_AUDIT_DAYS', 'W_CALENDAR_UNCOVERED'],
  description:
    'Goods submitted too late for a 7-working-day audit, or more goods than one day of submissions.',
  check(ctx) {
    const count = auditedProducts(ctx.campaign).length;
    const { start } = ctx.times;
    const tz = campaignZone(ctx);
    if (count === 0 || !start || !tz) return [];
    const days = submissionDays(count);
    const out = [];
    if (days > 1) {
      out.push({
        ...warning(
          'W_AUDIT_DAYS',
          ['products'],
          `${count} products take ${days} days of audit submissions (${SUBMISSIONS_PER_DAY} a day)`,
          `The platform accepts ${SUBMISSIONS_PER_DAY} goods for audit a day per mini program; apply spreads them, ` +
            `so the first batch must go ${days - 1} working day(s) before the 7-working-day deadline.`,
        ),
        target: 'key' as const,
      });
    }
    if (ctx.now.getTime() >= start.getTime()) return out;

    const startDay = localDate(start, tz);
    const today = localDate(ctx.now, tz);
    const deadline = latestSafeSubmission(startDay, count);
    const late = today > deadline;
    const batches = days > 1 ? ` (the first of ${days} daily batches)` : '';
    if (late) {
      out.push(
        warning(
          'W_AUDIT_DEADLINE',
          ['room', 'start'],
          `goods had to be submitted for audit by ${deadline}${batches}: ${AUDIT_WORKING_DAYS} working days before ${startDay}`,
          'The goods audit takes 1 to 7 working days (public holidays and make-up workdays count) and only approved ' +
            'goods can be put in the room. Submit now and be ready to broadcast without the goods still in audit, or move the start.',
        ),
      );
    }

    const uncovered = yearsBetween(addCalendarDays(deadline, -UNCERTAIN_EARLIER_DAYS), startDay).filter(
      (y) => !isCoveredYear(y),
    );
    const distance = calendarDaysBetween(deadline, today);
    if (uncovered.length > 0 && distance >= -UNCERTAIN_EARLIER_DAYS && distance <= UNCERTAIN_LATER_DAYS) {
      out.push(
        warning(
          'W_CALENDAR_UNCOVERED',
          ['room', 'start'],
          `the audit deadline ${deadline} counts weekends only: livectl's holiday calendar does not cover ${uncovered.join(', ')}`,
          'Public holidays and make-up workdays for that year are not in the calendar data (chinese-days) yet, and ' +
            'today is close enough to the deadline for them to matter. Check the official holiday notice, or update livectl.',
        ),
      );
    }
    return out;
  },
};

function yearsBetween(from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(y);
  return out;
}
