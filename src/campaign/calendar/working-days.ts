/**
 * The Chinese working-day calendar (工作日): Monday to Friday, minus public holidays, plus the
 * make-up workdays (调休) the State Council announces each year — a Saturday or Sunday can be a
 * working day. Used for the goods audit ("1 to 7 working days", playbook.md).
 *
 * Data: the maintained `chinese-days` package (dist/chinese-days.json: `holidays`, `workdays`,
 * `inLieuDays`, keyed by `YYYY-MM-DD`). Its JSON is read once, on first use, through `require` —
 * not a static JSON import (experimental on Node 20, and a warning on stderr) — so loading this
 * module costs nothing until a rule actually needs a date.
 *
 * Years outside the package's data (holidays are announced about a month before the year starts)
 * fall back to weekends only; callers ask `isCoveredYear` to know when an answer is a guess.
 *
 * Dates are plain `YYYY-MM-DD` strings (a day in China has no time zone question once the caller
 * has taken the campaign's local date).
 */
import { createRequire } from 'node:module';

interface CalendarData {
  /** Days off: public holidays, including the weekend days inside a holiday block. */
  holidays: Record<string, string>;
  /** Make-up workdays: weekend days that are working days. */
  workdays: Record<string, string>;
  /** Weekdays off in lieu of make-up days (a subset of `holidays`). */
  inLieuDays: Record<string, string>;
}

interface Calendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  years: readonly number[];
}

let calendar: Calendar | undefined;

function load(): Calendar {
  if (calendar) return calendar;
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as CalendarData;
  const years = new Set<number>();
  for (const table of [data.holidays, data.workdays]) {
    for (const day of Object.keys(table)) years.add(Number(day.slice(0, 4)));
  }
  calendar = {
    holidays: new Set(Object.keys(data.holidays)),
    workdays: new Set(Object.keys(data.workdays)),
    years: [...years].sort((a, b) => a - b),
  };
  return calendar;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(date: string): Date {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return d;
}

const format = (d: Date) => d.toISOString().slice(0, 10);

/** `date` moved by `days` calendar days (negative: earlier). */
export function addCalendarDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / 86_400_000);
}

/** The years the calendar data covers, ascending (2004 → 2026 with chinese-days 1.5). */
export function coveredYears(): readonly number[] {
  return load().years;
}

/** Whether holidays and make-up workdays are known for this year. */
export function isCoveredYear(year: number): boolean {
  return load().years.includes(year);
}

/**
 * True for a Chinese working day. In a year outside the data only weekends are days off
 * (see `isCoveredYear`).
 */
export function isWorkingDay(date: string): boolean {
  const d = parse(date);
  const cal = load();
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = d.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day strictly before `date` (n ≥ 1): `subtractWorkingDays('2027-03-08', 7)` is
 * the last day on which something can start a 7-working-day wait and still be done by 3-08.
 * With n = 0, `date` itself.
 */
export function subtractWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  let day = format(parse(date));
  for (let left = n; left > 0; ) {
    day = addCalendarDays(day, -1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}
