/**
 * Time in a campaign: local date-times in an IANA zone, offsets from room.start and durations.
 * Pure: no clock is read here; callers pass instants in. Uses Intl for zone rules (DST included),
 * so no time-zone database ships with livectl — except for a few zones with one fixed offset since
 * 1992 (below), which skip Intl: its first use loads ICU's zone data, ~25 ms of a ~300 ms `validate`.
 */
import { DATETIME_PATTERN, DURATION_PATTERN, OFFSET_PATTERN } from './schema.js';

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * Zones whose offset has not changed since FIXED_SINCE (tzdata 2025: China's last DST ended in
 * September 1991, Korea's in 1988, the others earlier). Offsets at or after FIXED_SINCE come from
 * here; earlier instants and every other zone go through Intl. A test compares this table with the
 * runtime's own zone data every 15 days to 2040, so a tzdata change shows up as a failing test.
 */
export const FIXED_SINCE = Date.UTC(1992, 0, 1);
const H = 3_600_000;
export const FIXED_OFFSET_ZONES: Readonly<Record<string, number>> = {
  UTC: 0,
  'Etc/UTC': 0,
  'Asia/Shanghai': 8 * H,
  'Asia/Chongqing': 8 * H,
  'Asia/Harbin': 8 * H,
  PRC: 8 * H,
  'Asia/Hong_Kong': 8 * H,
  'Asia/Macau': 8 * H,
  'Asia/Taipei': 8 * H,
  'Asia/Singapore': 8 * H,
  'Asia/Tokyo': 9 * H,
  'Asia/Seoul': 9 * H,
};
const fixedOffset = (tz: string): number | undefined =>
  Object.hasOwn(FIXED_OFFSET_ZONES, tz) ? FIXED_OFFSET_ZONES[tz] : undefined;

/** True when `tz` is an IANA zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  if (fixedOffset(tz) !== undefined) return true;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a zone. */
export function toZoned(instant: Date, tz: string): ZonedParts {
  const t = instant.getTime();
  const local = new Date(t + zoneOffset(t, tz));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

/** Reads the zone's offset through Intl (slow: formatToParts); zoneOffset caches it. */
export function intlOffset(instant: number, tz: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(instant))) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * Offset of the zone from UTC at an instant, in ms (Asia/Shanghai → +8 h). Zone offsets change only
 * on quarter-hour boundaries, so one Intl reading per zone and quarter hour is exact; validating a
 * thousand files then costs a few readings instead of thousands.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();
function zoneOffset(instant: number, tz: string): number {
  const fixed = fixedOffset(tz);
  if (fixed !== undefined && instant >= FIXED_SINCE) return fixed;
  const key = `${tz}|${Math.floor(instant / QUARTER_HOUR)}`;
  let off = offsets.get(key);
  if (off === undefined) {
    off = intlOffset(instant, tz);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

/** The instant at which the zone's clock reads the given wall time (the earlier one in a DST overlap). */
export function fromZoned(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  tz: string,
): Date {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let t = guess - zoneOffset(guess, tz);
  // Re-check once: the offset at the result may differ across a DST change.
  const second = guess - zoneOffset(t, tz);
  if (second !== t) t = Math.min(t, second);
  return new Date(t);
}

/**
 * Whether a wall-clock time exists in a zone: `gap` when the clocks skip it (spring forward; fromZoned
 * then gives the instant one gap later), `overlap` when it happens twice (fall back; fromZoned gives
 * the first). Assumes at most one offset change within a day of the time, true of every IANA zone.
 */
export type WallTimeFit =
  | { kind: 'exists' }
  | { kind: 'gap'; skipped: number }
  | { kind: 'overlap'; first: Date; second: Date };

export function fitWallTime(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  tz: string,
): WallTimeFit {
  if (fixedOffset(tz) !== undefined && Date.UTC(y, mo - 1, d) >= FIXED_SINCE + DAY) return { kind: 'exists' };
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const before = zoneOffset(wall - DAY, tz);
  const after = zoneOffset(wall + DAY, tz);
  const found = [...new Set([before, after])]
    .map((off) => wall - off)
    .filter((t) => t + zoneOffset(t, tz) === wall)
    .sort((a, b) => a - b);
  const [first, second] = found;
  if (first === undefined) return { kind: 'gap', skipped: Math.abs(after - before) };
  if (second !== undefined) return { kind: 'overlap', first: new Date(first), second: new Date(second) };
  return { kind: 'exists' };
}

/**
 * The wall-clock time a campaign moment names in the campaign's zone, when it names one: a local
 * date-time without an offset, or `±Nd@HH:MM` (a day relative to the start's local date). Undefined
 * for instants with an offset and plain durations, which are instants already.
 */
export function wallTimeOf(
  at: string | number,
  start: Date | undefined,
  tz: string,
): [number, number, number, number, number, number] | undefined {
  if (typeof at !== 'string') return undefined;
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(at);
  if (local) {
    const [, y, mo, d, h, mi, sec] = local;
    return [y, mo, d, h, mi, sec ?? '0'].map(Number) as [number, number, number, number, number, number];
  }
  const clock = /^([+-])(\d+)d@(\d{2}):(\d{2})$/.exec(at);
  if (!clock || !start) return undefined;
  const z = toZoned(start, tz);
  const day = new Date(Date.UTC(z.year, z.month - 1, z.day + (clock[1] === '-' ? -1 : 1) * Number(clock[2])));
  return [
    day.getUTCFullYear(),
    day.getUTCMonth() + 1,
    day.getUTCDate(),
    Number(clock[3]),
    Number(clock[4]),
    0,
  ];
}

/**
 * Parses `2027-03-08T20:00` (local in `tz`) or an instant with Z/offset. Returns undefined when the
 * text is not a date-time or names an impossible date (2027-02-30).
 */
export function parseDateTime(text: string, tz: string): Date | undefined {
  if (!DATETIME_PATTERN.test(text)) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text,
  );
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const nums = [y, mo, d, h, mi, s ?? '0'].map(Number) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(nums[0], nums[1] - 1, nums[2]));
  if (check.getUTCMonth() !== nums[1] - 1 || check.getUTCDate() !== nums[2]) return undefined;
  if (zone) {
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
    const out = new Date(iso);
    return Number.isNaN(out.getTime()) ? undefined : out;
  }
  return fromZoned(...nums, tz);
}

/** `1h30m` → 5 400 000 ms. Undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_PATTERN.test(text)) return undefined;
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m) return undefined;
  const [, d, h, mi, s] = m;
  return Number(d ?? 0) * DAY + Number(h ?? 0) * HOUR + Number(mi ?? 0) * MINUTE + Number(s ?? 0) * 1000;
}

/**
 * Resolves a campaign moment (`-3d@10:00`, `-30m`, `0`, `+1d@10:00`, or an ISO date-time) against the
 * broadcast start. `d@HH:MM` moves by calendar days in the campaign's zone, then sets the wall time.
 */
export function resolveMoment(at: string | number, start: Date, tz: string): Date | undefined {
  if (at === 0 || at === '0') return new Date(start.getTime());
  if (typeof at !== 'string') return undefined;
  if (!OFFSET_PATTERN.test(at)) return parseDateTime(at, tz);
  const sign = at.startsWith('-') ? -1 : 1;
  const clock = /^[+-](\d+)d@(\d{2}):(\d{2})$/.exec(at);
  if (clock) {
    const local = toZoned(start, tz);
    const day = new Date(Date.UTC(local.year, local.month - 1, local.day + sign * Number(clock[1])));
    return fromZoned(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      Number(clock[2]),
      Number(clock[3]),
      0,
      tz,
    );
  }
  const ms = parseDuration(at.slice(1));
  return ms === undefined ? undefined : new Date(start.getTime() + sign * ms);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2027-03-08 20:00` in the zone (for messages and run sheets). */
export function formatLocal(instant: Date, tz: string): string {
  const p = toZoned(instant, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2027-03-08` in the zone. */
export function localDate(instant: Date, tz: string): string {
  const p = toZoned(instant, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `2h`, `1h30m`, `45m` (for messages). */
export function formatDuration(ms: number): string {
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  return `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}` || '0m';
}

export const TIME = { MINUTE, HOUR, DAY };
