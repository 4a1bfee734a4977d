import { type DiagnosticPath, error, type Finding } from '../../../diagnostics/diagnostic.js';
import {
  formatDuration,
  formatLocal,
  fromZoned,
  isValidTimeZone,
  parseDateTime,
  resolveMoment,
  TIME,
  toZoned,
} from '../../time.js';
import type { Rule, RuleContext } from '../context.js';

/**
 * Time rules from room/create (reference §4.1, §4.2): startTime more than 10 minutes from now and at
 * most 6 months ahead; endTime − startTime between 30 minutes and 24 hours (200002 otherwise).
 * The playbook's 12-hour advice is a warning elsewhere; here only what WeChat rejects.
 */
export const MIN_LEAD_MS = 10 * TIME.MINUTE;
export const MAX_LEAD_MONTHS = 6;
export const MIN_DURATION_MS = 30 * TIME.MINUTE;
export const MAX_DURATION_MS = 24 * TIME.HOUR;

const tzOk = (ctx: RuleContext) => isValidTimeZone(ctx.campaign.metadata.timezone);

export const validTimeZone: Rule = {
  id: 'valid-time-zone',
  codes: ['E_TIMEZONE'],
  description: 'metadata.timezone is an IANA time zone.',
  check: (ctx) =>
    tzOk(ctx)
      ? []
      : [
          error(
            'E_TIMEZONE',
            ['metadata', 'timezone'],
            `"${ctx.campaign.metadata.timezone}" is not an IANA time zone`,
            'Use a zone name such as Asia/Shanghai (the default) or Asia/Hong_Kong.',
          ),
        ],
};

export const realDates: Rule = {
  id: 'real-dates',
  codes: ['E_DATE_INVALID'],
  description: 'room.start and room.end name dates that exist (no 2027-02-30).',
  check(ctx) {
    if (!tzOk(ctx)) return [];
    const { room, metadata } = ctx.campaign;
    const out: Finding[] = [];
    for (const key of ['start', 'end'] as const) {
      const text = room[key];
      if (text !== undefined && parseDateTime(text, metadata.timezone) === undefined) {
        out.push(
          error(
            'E_DATE_INVALID',
            ['room', key],
            `${text} is not a real date and time`,
            'Check the day of the month (February has 28 or 29 days; April, June, September and November 30).',
          ),
        );
      }
    }
    return out;
  },
};

export const endOrDuration: Rule = {
  id: 'end-or-duration',
  codes: ['E_END_OR_DURATION'],
  description: 'The room has exactly one of end and duration.',
  check(ctx) {
    const { room } = ctx.campaign;
    if (room.end !== undefined && room.duration !== undefined) {
      return [
        error(
          'E_END_OR_DURATION',
          ['room', 'duration'],
          'room has both end and duration; give one of them',
          'Keep either end: (a date-time) or duration: (such as 2h), not both.',
        ),
      ];
    }
    if (room.end === undefined && room.duration === undefined) {
      return [
        {
          ...error(
            'E_END_OR_DURATION',
            ['room'],
            'room has neither end nor duration: WeChat needs an end time',
            'Add duration: 2h (30m to 24h), or end: with a date-time.',
          ),
          target: 'key',
        },
      ];
    }
    return [];
  },
};

export const broadcastDuration: Rule = {
  id: 'broadcast-duration',
  codes: ['E_END_BEFORE_START', 'E_DURATION_RANGE'],
  description:
    'The broadcast ends after it starts and lasts 30 minutes to 24 hours (the length: mini-program only).',
  check(ctx) {
    const { room } = ctx.campaign;
    const { start, end } = ctx.times;
    if (!tzOk(ctx) || !start || !end) return [];
    const fromDuration = room.end === undefined;
    const path: DiagnosticPath = fromDuration ? ['room', 'duration'] : ['room', 'end'];
    const ms = end.getTime() - start.getTime();
    if (!fromDuration && ms <= 0) {
      return [
        error(
          'E_END_BEFORE_START',
          path,
          `room.end ${room.end} is not after room.start ${room.start}`,
          'Set end after start, or give duration: instead.',
        ),
      ];
    }
    // 视频号 live sets no documented length: only the order of start and end is checked there.
    if (ctx.campaign.platform === 'channels') return [];
    if (ms < MIN_DURATION_MS || ms > MAX_DURATION_MS) {
      return [
        error(
          'E_DURATION_RANGE',
          path,
          `the broadcast lasts ${formatDuration(ms)}; WeChat allows 30m to 24h`,
          'Make the broadcast between 30 minutes and 24 hours long (WeChat answers 200002 otherwise).',
        ),
      ];
    }
    return [];
  },
};

/** `now` plus whole calendar months in the zone, the day clamped to the month's end. */
export function addCalendarMonths(now: Date, months: number, tz: string): Date {
  const z = toZoned(now, tz);
  const monthIndex = z.month - 1 + months;
  const y = z.year + Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return fromZoned(y, m, Math.min(z.day, lastDay), z.hour, z.minute, z.second, tz);
}

/**
 * The start window, against `now` (the clock, `--now` or LIVECTL_NOW): a start already past is its
 * own finding (E_START_PAST: the date is gone, not merely close), then "too soon", then "too far".
 * These three are the date-relative errors: `plan` and `posters` show them as warnings (a preview of
 * a campaign whose dates are past still shows), `validate` and `apply` refuse (src/plan/date-findings.ts).
 */
export const startWindow: Rule = {
  id: 'start-window',
  codes: ['E_START_PAST', 'E_START_TOO_SOON', 'E_START_TOO_FAR'],
  description:
    'room.start is not past (E_START_PAST), more than 10 minutes and at most 6 months after now; plan and posters show these as warnings.',
  check(ctx) {
    const { start } = ctx.times;
    if (!tzOk(ctx) || !start) return [];
    const tz = ctx.campaign.metadata.timezone;
    if (start.getTime() <= ctx.now.getTime()) {
      return [
        error(
          'E_START_PAST',
          ['room', 'start'],
          `the broadcast start ${formatLocal(start, tz)} is in the past (now ${formatLocal(ctx.now, tz)})`,
          'WeChat cannot create a room that starts in the past: set room.start to a future date (more than 10 minutes ahead), or start a new campaign with `livectl init`.',
        ),
      ];
    }
    const earliest = new Date(ctx.now.getTime() + MIN_LEAD_MS);
    if (start.getTime() <= earliest.getTime()) {
      return [
        error(
          'E_START_TOO_SOON',
          ['room', 'start'],
          `the broadcast starts ${formatLocal(start, tz)}, less than 10 minutes after now (${formatLocal(ctx.now, tz)})`,
          'WeChat only creates rooms starting more than 10 minutes ahead; move room.start later.',
        ),
      ];
    }
    const latest = addCalendarMonths(ctx.now, MAX_LEAD_MONTHS, tz);
    if (start.getTime() > latest.getTime()) {
      return [
        error(
          'E_START_TOO_FAR',
          ['room', 'start'],
          `the broadcast starts ${formatLocal(start, tz)}, more than 6 months after now (latest ${formatLocal(latest, tz)})`,
          'WeChat creates rooms at most 6 months ahead; validate again closer to the date, or move room.start earlier.',
        ),
      ];
    }
    return [];
  },
};

interface Moment {
  at: string | number;
  path: DiagnosticPath;
  /** Cue during the broadcast (must fall between start and end). */
  cue: boolean;
}

function moments(ctx: RuleContext): Moment[] {
  const c = ctx.campaign;
  const out: Moment[] = [];
  c.waves.forEach((w, i) => {
    out.push({ at: w.at, path: ['waves', i, 'at'], cue: false });
  });
  c.after.forEach((w, i) => {
    out.push({ at: w.at, path: ['after', i, 'at'], cue: false });
  });
  c.coupons.forEach((k, i) => {
    if (k.validFrom !== undefined)
      out.push({ at: k.validFrom, path: ['coupons', i, 'validFrom'], cue: false });
    if (k.validTo !== undefined) out.push({ at: k.validTo, path: ['coupons', i, 'validTo'], cue: false });
  });
  const d = c.during;
  d?.couponDrops.forEach((x, i) => {
    out.push({ at: x.at, path: ['during', 'couponDrops', i, 'at'], cue: true });
  });
  d?.productCards.forEach((x, i) => {
    out.push({ at: x.at, path: ['during', 'productCards', i, 'at'], cue: true });
  });
  d?.lotteries.forEach((x, i) => {
    if ('at' in x.trigger)
      out.push({ at: x.trigger.at, path: ['during', 'lotteries', i, 'trigger', 'at'], cue: true });
  });
  d?.groupBuys?.forEach((x, i) => {
    if (x.at !== undefined) out.push({ at: x.at, path: ['during', 'groupBuys', i, 'at'], cue: true });
  });
  return out;
}

export const momentsResolve: Rule = {
  id: 'moments-resolve',
  codes: ['E_TIME_UNRESOLVED'],
  description: 'Every `at` (waves, after, coupon validity, cues) names a real time.',
  check(ctx) {
    const { start } = ctx.times;
    if (!tzOk(ctx) || !start) return [];
    const tz = ctx.campaign.metadata.timezone;
    return moments(ctx)
      .filter((m) => resolveMoment(m.at, start, tz) === undefined)
      .map((m) =>
        error(
          'E_TIME_UNRESOLVED',
          m.path,
          `${m.at} is not a real time`,
          'Use an offset from room.start (-3d@10:00, -30m, 0, +15m) or a real ISO date-time.',
        ),
      );
  },
};

export const waveOrder: Rule = {
  id: 'wave-order',
  codes: ['E_WAVE_AFTER_START', 'E_AFTER_WAVE_BEFORE_END', 'E_CUE_OUTSIDE_BROADCAST'],
  description:
    'Warm-up waves fall at or before go-live, after-waves once the broadcast has ended, and cues during it.',
  check(ctx) {
    const { start, end } = ctx.times;
    if (!tzOk(ctx) || !start) return [];
    const tz = ctx.campaign.metadata.timezone;
    const c = ctx.campaign;
    const out: Finding[] = [];
    const s = start.getTime();
    c.waves.forEach((w, i) => {
      const at = ctx.times.waves.get(w.id);
      if (at && at.getTime() > s) {
        out.push(
          error(
            'E_WAVE_AFTER_START',
            ['waves', i, 'at'],
            `warm-up wave "${w.id}" is at ${formatLocal(at, tz)}, after go-live (${formatLocal(start, tz)})`,
            'Warm-up waves go out at or before the start (at ≤ 0); move it to `after:` if it follows the broadcast.',
          ),
        );
      }
    });
    // `after` is what follows the broadcast: feedback sent while the room is still live reaches
    // people who are watching it. Without a known end, the start is the bound.
    const bound = end ?? start;
    c.after.forEach((w, i) => {
      const at = ctx.times.after.get(w.id);
      if (at && (end ? at.getTime() < end.getTime() : at.getTime() <= s)) {
        out.push(
          error(
            'E_AFTER_WAVE_BEFORE_END',
            ['after', i, 'at'],
            `after-broadcast wave "${w.id}" is at ${formatLocal(at, tz)}, before the broadcast ends (${formatLocal(bound, tz)})`,
            'After-broadcast waves go out once the broadcast is over (e.g. +1d@09:30, or an offset past the duration); move it to `waves:` if it is a warm-up.',
          ),
        );
      }
    });
    if (end) {
      for (const m of moments(ctx).filter((x) => x.cue)) {
        const at = resolveMoment(m.at, start, tz);
        if (at && (at.getTime() < s || at.getTime() > end.getTime())) {
          out.push(
            error(
              'E_CUE_OUTSIDE_BROADCAST',
              m.path,
              `${m.at} (${formatLocal(at, tz)}) is outside the broadcast (${formatLocal(start, tz)}–${formatLocal(end, tz)})`,
              'Cues during the broadcast fall between go-live (0) and the end of the broadcast.',
            ),
          );
        }
      }
    }
    return out;
  },
};

export const uniqueIds: Rule = {
  id: 'unique-ids',
  codes: ['E_DUPLICATE_ID'],
  description: 'Ids are unique: waves and after-waves together, products, coupons.',
  check(ctx) {
    const c = ctx.campaign;
    const out: Finding[] = [];
    const scan = (what: string, items: { id: string; path: DiagnosticPath }[]) => {
      const seen = new Map<string, DiagnosticPath>();
      for (const it of items) {
        const first = seen.get(it.id);
        if (first) {
          out.push(
            error(
              'E_DUPLICATE_ID',
              it.path,
              `${what} id "${it.id}" is used twice (first at ${formatPathShort(first)})`,
              `Give each ${what} its own id: state, reminders and share codes are keyed by it.`,
            ),
          );
        } else seen.set(it.id, it.path);
      }
    };
    scan('wave', [
      ...c.waves.map((w, i) => ({ id: w.id, path: ['waves', i, 'id'] })),
      ...c.after.map((w, i) => ({ id: w.id, path: ['after', i, 'id'] })),
    ]);
    scan(
      'product',
      c.products.map((p, i) => ({ id: p.id, path: ['products', i, 'id'] })),
    );
    scan(
      'coupon',
      c.coupons.map((k, i) => ({ id: k.id, path: ['coupons', i, 'id'] })),
    );
    return out;
  },
};

function formatPathShort(p: DiagnosticPath): string {
  return `${p[0]}[${p[1]}]`;
}
