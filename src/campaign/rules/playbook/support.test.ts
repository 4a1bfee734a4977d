import { describe, expect, it } from 'vitest';
import { fromZoned } from '../../time.js';
import { inQuietHours } from './quiet-hours.js';
import { isGoLive, WAVE_SLOTS } from './support.js';

const TZ = 'Asia/Shanghai';
const local = (d: number, h: number, m = 0) => fromZoned(2026, 12, d, h, m, 0, TZ);

describe('inQuietHours', () => {
  it('wraps midnight: 22:00 is quiet, 08:00 is not', () => {
    expect(inQuietHours(local(10, 21, 59), TZ, '22:00', '08:00')).toBe(false);
    expect(inQuietHours(local(10, 22, 0), TZ, '22:00', '08:00')).toBe(true);
    expect(inQuietHours(local(11, 3, 0), TZ, '22:00', '08:00')).toBe(true);
    expect(inQuietHours(local(11, 7, 59), TZ, '22:00', '08:00')).toBe(true);
    expect(inQuietHours(local(11, 8, 0), TZ, '22:00', '08:00')).toBe(false);
  });

  it('handles a window inside one day, and an empty one', () => {
    expect(inQuietHours(local(10, 13, 0), TZ, '12:00', '14:00')).toBe(true);
    expect(inQuietHours(local(10, 14, 0), TZ, '12:00', '14:00')).toBe(false);
    expect(inQuietHours(local(10, 23, 0), TZ, '00:00', '00:00')).toBe(false);
  });

  it('reads the wall clock of the campaign zone', () => {
    // 14:30 UTC is 22:30 in Shanghai and 15:30 in Berlin (winter).
    const at = new Date('2026-12-10T14:30:00Z');
    expect(inQuietHours(at, TZ, '22:00', '08:00')).toBe(true);
    expect(inQuietHours(at, 'Europe/Berlin', '22:00', '08:00')).toBe(false);
  });
});

describe('WAVE_SLOTS', () => {
  const start = local(10, 19, 30);
  const slotsOf = (at: Date) => WAVE_SLOTS.filter((s) => s.matches(at, start, TZ)).map((s) => s.key);

  it('matches the playbook waves of a 19:30 broadcast', () => {
    expect(slotsOf(local(7, 10))).toEqual(['three-days']);
    expect(slotsOf(local(9, 12))).toEqual(['one-day']);
    expect(slotsOf(local(10, 19))).toEqual(['thirty-minutes']);
    expect(slotsOf(start)).toEqual(['go-live']);
  });

  it('leaves out waves outside every window', () => {
    expect(slotsOf(local(5, 10))).toEqual([]); // 5 days before
    expect(slotsOf(local(10, 12))).toEqual([]); // the same morning, 7.5 h before
    expect(slotsOf(local(10, 17, 30))).toEqual([]); // 2 h before
  });

  it('treats 10 minutes either side of the start as go-live', () => {
    expect(isGoLive(local(10, 19, 20), start)).toBe(true);
    expect(isGoLive(local(10, 19, 40), start)).toBe(true);
    expect(isGoLive(local(10, 19, 41), start)).toBe(false);
  });
});
