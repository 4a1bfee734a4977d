import { describe, expect, it } from 'vitest';
import {
  FIXED_OFFSET_ZONES,
  FIXED_SINCE,
  fitWallTime,
  formatLocal,
  fromZoned,
  intlOffset,
  parseDateTime,
  parseDuration,
  resolveMoment,
  toZoned,
  wallTimeOf,
} from './time.js';

const SH = 'Asia/Shanghai';
const start = parseDateTime('2027-03-08T20:00', SH)!;

describe('campaign time', () => {
  it('reads local times in the campaign zone and instants with an offset', () => {
    expect(start.toISOString()).toBe('2027-03-08T12:00:00.000Z');
    expect(parseDateTime('2027-03-08T20:00:00+08:00', 'UTC')!.toISOString()).toBe('2027-03-08T12:00:00.000Z');
    expect(parseDateTime('2027-03-08T12:00Z', SH)!.toISOString()).toBe('2027-03-08T12:00:00.000Z');
    expect(parseDateTime('2027-02-30T10:00', SH)).toBeUndefined();
    expect(parseDateTime('tomorrow', SH)).toBeUndefined();
  });

  it('resolves offsets: plain, day@clock, and go-live', () => {
    const at = (s: string | number) => formatLocal(resolveMoment(s, start, SH)!, SH);
    expect(at('-3d@10:00')).toBe('2027-03-05 10:00');
    expect(at('-1d@12:00')).toBe('2027-03-07 12:00');
    expect(at('-30m')).toBe('2027-03-08 19:30');
    expect(at(0)).toBe('2027-03-08 20:00');
    expect(at('+15m')).toBe('2027-03-08 20:15');
    expect(at('+1h30m')).toBe('2027-03-08 21:30');
    expect(at('+1d@10:00')).toBe('2027-03-09 10:00');
    expect(at('2027-03-01T09:00')).toBe('2027-03-01 09:00');
  });

  it('moves by calendar days across a month end and keeps wall time across DST', () => {
    const ny = 'America/New_York';
    const s = parseDateTime('2027-03-15T20:00', ny)!; // after the DST change of 14 March 2027
    expect(formatLocal(resolveMoment('-7d@20:00', s, ny)!, ny)).toBe('2027-03-08 20:00');
    const endOfMonth = parseDateTime('2027-03-01T20:00', SH)!;
    expect(formatLocal(resolveMoment('-1d@12:00', endOfMonth, SH)!, SH)).toBe('2027-02-28 12:00');
  });

  it('parses durations', () => {
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('2 hours')).toBeUndefined();
  });

  it('round-trips wall time through the zone', () => {
    const d = fromZoned(2027, 3, 8, 20, 0, 0, SH);
    expect(toZoned(d, SH)).toMatchObject({ year: 2027, month: 3, day: 8, hour: 20, minute: 0, weekday: 1 });
  });
});

describe('fixed-offset zones', () => {
  it('agree with the runtime zone data every 15 days from 1992 to 2040, and fall back to Intl before', () => {
    for (const tz of Object.keys(FIXED_OFFSET_ZONES)) {
      for (let t = FIXED_SINCE; t < Date.UTC(2040, 0, 1); t += 15 * 86_400_000) {
        expect(intlOffset(t, tz), `${tz} at ${new Date(t).toISOString()}`).toBe(FIXED_OFFSET_ZONES[tz]);
      }
    }
    // Shanghai kept summer time until 1991: before FIXED_SINCE the offset comes from Intl (+9 h).
    const summer1990 = fromZoned(1990, 7, 1, 12, 0, 0, SH);
    expect(summer1990.toISOString()).toBe('1990-07-01T03:00:00.000Z');
    expect(toZoned(summer1990, SH).hour).toBe(12);
  });
});

describe('wall times across daylight saving changes', () => {
  const NY = 'America/New_York';
  it('a spring-forward time does not exist; the hour around it does', () => {
    expect(fitWallTime(2027, 3, 14, 2, 30, 0, NY)).toEqual({ kind: 'gap', skipped: 3_600_000 });
    expect(fitWallTime(2027, 3, 14, 1, 59, 0, NY)).toEqual({ kind: 'exists' });
    expect(fitWallTime(2027, 3, 14, 3, 0, 0, NY)).toEqual({ kind: 'exists' });
  });

  it('a fall-back time happens twice, an hour apart', () => {
    const fit = fitWallTime(2027, 11, 7, 1, 30, 0, NY);
    expect(fit.kind).toBe('overlap');
    if (fit.kind !== 'overlap') return;
    expect(fit.first.toISOString()).toBe('2027-11-07T05:30:00.000Z');
    expect(fit.second.toISOString()).toBe('2027-11-07T06:30:00.000Z');
    expect(fromZoned(2027, 11, 7, 1, 30, 0, NY).toISOString()).toBe(fit.first.toISOString());
  });

  it('zones without daylight saving have neither', () => {
    expect(fitWallTime(2027, 3, 14, 2, 30, 0, SH)).toEqual({ kind: 'exists' });
    expect(fitWallTime(2027, 3, 28, 1, 30, 0, 'Europe/London')).toMatchObject({ kind: 'gap' });
  });

  it('wallTimeOf: local date-times and day@clock name a wall time; offsets and durations do not', () => {
    expect(wallTimeOf('2027-03-14T02:30', undefined, NY)).toEqual([2027, 3, 14, 2, 30, 0]);
    const start = parseDateTime('2027-03-15T20:00', NY)!;
    expect(wallTimeOf('-1d@02:30', start, NY)).toEqual([2027, 3, 14, 2, 30, 0]);
    expect(wallTimeOf('-30m', start, NY)).toBeUndefined();
    expect(wallTimeOf('2027-03-14T02:30-05:00', start, NY)).toBeUndefined();
  });
});
