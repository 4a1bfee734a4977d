import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from '../../src/campaign/rules/platform/times.js';
import { validateYaml } from '../support/validate.js';
import { BASE, edit, expectHits, expectNone, freshDir, run } from './harness.js';

const START = 'start: 2027-03-08T20:00';
const startAt = (v: string) => edit(START, `start: ${v}`);

describe('E_TIMEZONE', () => {
  it('rejects a zone that is not IANA', async () => {
    const y = edit('timezone: Asia/Shanghai', 'timezone: Asia/Shenzhen');
    await expectHits(y, 'E_TIMEZONE', [{ path: ['metadata', 'timezone'], needle: 'Asia/Shenzhen' }]);
  });
  it('accepts another IANA zone', async () => {
    await expectNone(edit('timezone: Asia/Shanghai', 'timezone: Asia/Hong_Kong'), 'E_TIMEZONE');
  });
});

describe('E_DATE_INVALID', () => {
  it('rejects a start on a day that does not exist', async () => {
    const y = startAt('2027-02-30T20:00');
    await expectHits(y, 'E_DATE_INVALID', [{ path: ['room', 'start'], needle: '2027-02-30T20:00' }]);
  });
  it('accepts the last day of February', async () => {
    await expectNone(startAt('2027-02-28T20:00'), 'E_DATE_INVALID');
  });
});

describe('E_END_OR_DURATION', () => {
  it('rejects end and duration together', async () => {
    const y = edit('  duration: 2h\n', '  duration: 2h\n  end: 2027-03-08T22:00\n');
    await expectHits(y, 'E_END_OR_DURATION', [
      { path: ['room', 'duration'], needle: 'duration: 2h', offset: 10 },
    ]);
  });
  it('rejects a room with neither, pointing at the room key', async () => {
    const y = edit('  duration: 2h\n', '');
    await expectHits(y, 'E_END_OR_DURATION', [{ path: ['room'], needle: '\nroom:', offset: 1 }]);
  });
  it('accepts end alone', async () => {
    await expectNone(edit('duration: 2h', 'end: 2027-03-08T22:00'), 'E_END_OR_DURATION');
  });
});

describe('E_END_BEFORE_START', () => {
  it('rejects an end before the start', async () => {
    const y = edit('duration: 2h', 'end: 2027-03-08T19:00');
    await expectHits(y, 'E_END_BEFORE_START', [{ path: ['room', 'end'], needle: '2027-03-08T19:00' }]);
  });
  it('accepts an end after it', async () => {
    await expectNone(edit('duration: 2h', 'end: 2027-03-08T22:00'), 'E_END_BEFORE_START');
  });
});

describe('E_DURATION_RANGE', () => {
  it('rejects 20 minutes and 25 hours', async () => {
    let y = edit('duration: 2h', 'duration: 20m');
    await expectHits(y, 'E_DURATION_RANGE', [{ path: ['room', 'duration'], needle: '20m' }]);
    y = edit('duration: 2h', 'duration: 25h');
    await expectHits(y, 'E_DURATION_RANGE', [{ path: ['room', 'duration'], needle: '25h' }]);
  });
  it('rejects an end 24 h 1 min after the start', async () => {
    const y = edit('duration: 2h', 'end: 2027-03-09T20:01');
    await expectHits(y, 'E_DURATION_RANGE', [{ path: ['room', 'end'], needle: '2027-03-09T20:01' }]);
  });
  it('accepts 30 minutes and 24 hours', async () => {
    await expectNone(edit('duration: 2h', 'duration: 30m'), 'E_DURATION_RANGE');
    await expectNone(edit('duration: 2h', 'duration: 24h'), 'E_DURATION_RANGE');
  });
});

describe('E_START_TOO_SOON / E_START_TOO_FAR (now = 2026-11-26 12:00 Shanghai)', () => {
  it('rejects a start exactly 10 minutes ahead', async () => {
    const y = startAt('2026-11-26T12:10');
    await expectHits(y, 'E_START_TOO_SOON', [{ path: ['room', 'start'], needle: '2026-11-26T12:10' }]);
  });
  it('accepts 11 minutes ahead', async () => {
    await expectNone(startAt('2026-11-26T12:11'), 'E_START_TOO_SOON');
  });
  it('a start in the future but within 10 minutes is too soon, not past', async () => {
    await expectNone(startAt('2026-11-26T12:01'), 'E_START_PAST');
    await expectHits(startAt('2026-11-26T12:01'), 'E_START_TOO_SOON', [
      { path: ['room', 'start'], needle: '2026-11-26T12:01' },
    ]);
  });
  it('rejects a start a minute past 6 calendar months', async () => {
    const y = startAt('2027-05-26T12:01');
    await expectHits(y, 'E_START_TOO_FAR', [{ path: ['room', 'start'], needle: '2027-05-26T12:01' }]);
  });
  it('accepts exactly 6 calendar months', async () => {
    await expectNone(startAt('2027-05-26T12:00'), 'E_START_TOO_FAR');
  });
  it('adds calendar months, clamping to the end of a short month', () => {
    const aug31 = new Date('2026-08-31T12:00:00+08:00');
    expect(addCalendarMonths(aug31, 6, 'Asia/Shanghai').toISOString()).toBe('2027-02-28T04:00:00.000Z');
  });
});

describe('E_TIME_UNRESOLVED', () => {
  it('rejects an absolute wave time on a day that does not exist', async () => {
    const y = edit('at: -3d@10:00', 'at: 2027-02-30T10:00');
    await expectHits(y, 'E_TIME_UNRESOLVED', [{ path: ['waves', 0, 'at'], needle: '2027-02-30T10:00' }]);
  });
  it('accepts a real absolute time', async () => {
    await expectNone(edit('at: -3d@10:00', 'at: 2027-03-05T10:00'), 'E_TIME_UNRESOLVED');
  });
});

describe('E_WAVE_AFTER_START', () => {
  it('rejects a warm-up wave after go-live', async () => {
    const y = edit('    at: 0\n', '    at: +5m\n');
    await expectHits(y, 'E_WAVE_AFTER_START', [{ path: ['waves', 3, 'at'], needle: 'at: +5m', offset: 4 }]);
  });
  it('accepts a wave at go-live (base)', async () => {
    await expectNone(edit('    at: -30m\n', '    at: -1m\n'), 'E_WAVE_AFTER_START');
  });
});

describe('E_AFTER_WAVE_BEFORE_END', () => {
  it('rejects an after-broadcast wave before go-live, at go-live, or while the room is live', async () => {
    let y = edit('at: +2h\n', 'at: -1h\n');
    y = edit('at: +1d@10:00', 'at: 0', y);
    await expectHits(y, 'E_AFTER_WAVE_BEFORE_END', [
      { path: ['after', 0, 'at'], needle: 'at: -1h', offset: 4 },
      { path: ['after', 1, 'at'], needle: 'replay\n    at: 0', offset: 15 },
    ]);
    await expectHits(edit('at: +2h\n', 'at: +1h59m\n'), 'E_AFTER_WAVE_BEFORE_END', [
      { path: ['after', 0, 'at'], needle: 'at: +1h59m', offset: 4 },
    ]);
  });
  it('accepts one at the end of the 2-hour broadcast', async () => {
    await expectNone(edit('at: +2h\n', 'at: +2h1m\n'), 'E_AFTER_WAVE_BEFORE_END');
  });
});

describe('E_CUE_OUTSIDE_BROADCAST', () => {
  it('rejects a coupon drop after the end and a lottery before the start', async () => {
    let y = edit('{ at: +15m, coupon', '{ at: +3h, coupon');
    y = edit('{ at: +55m }', '{ at: -5m }', y);
    await expectHits(y, 'E_CUE_OUTSIDE_BROADCAST', [
      { path: ['during', 'lotteries', 1, 'trigger', 'at'], needle: '-5m }' },
      { path: ['during', 'couponDrops', 0, 'at'], needle: '+3h' },
    ]);
  });
  it('accepts a cue at the very end', async () => {
    await expectNone(edit('{ at: +15m, coupon', '{ at: +2h, coupon'), 'E_CUE_OUTSIDE_BROADCAST');
  });
});

describe('E_DUPLICATE_ID', () => {
  it('rejects a wave id reused by an after-wave, a product id and a coupon id used twice', async () => {
    let y = edit('- id: replay', '- id: t-3d');
    y = edit('- id: gift', '- id: mask', y);
    y = edit('{ id: all-hands-20,', '{ id: warmup-50,', y);
    await expectHits(y, 'E_DUPLICATE_ID', [
      { path: ['products', 2, 'id'], needle: '- id: mask\n    name: 女神', offset: 6 },
      { path: ['coupons', 1, 'id'], needle: '{ id: warmup-50, title: 全场', offset: 6 },
      { path: ['after', 1, 'id'], needle: '- id: t-3d\n    at: +1d', offset: 6 },
    ]);
  });
  it('accepts distinct ids', async () => {
    await expectNone(edit('- id: replay', '- id: replay-1d'), 'E_DUPLICATE_ID');
  });
});

describe('E_START_PAST (now = 2026-11-26 12:00 Shanghai)', () => {
  it('a start before now is past, with its own code and words (not "too soon")', async () => {
    const y = startAt('2026-11-25T20:00');
    await expectHits(y, 'E_START_PAST', [{ path: ['room', 'start'], needle: '2026-11-25T20:00' }]);
    await expectNone(y, 'E_START_TOO_SOON');
    const d = (await run(y)).find((x) => x.code === 'E_START_PAST')!;
    expect(d.severity).toBe('error');
    expect(d.message).toBe('the broadcast start 2026-11-25 20:00 is in the past (now 2026-11-26 12:00)');
    expect(d.message).not.toMatch(/10 minutes/);
  });
  it('a start exactly now is past', async () => {
    await expectHits(startAt('2026-11-26T12:00'), 'E_START_PAST', [
      { path: ['room', 'start'], needle: '2026-11-26T12:00' },
    ]);
  });
  it('the bundled date (2027-03-08 20:00) is past on 2027-09-01, and nothing else fails', async () => {
    const list = await validateYaml(BASE, new Date('2027-09-01T10:00:00+08:00'), freshDir());
    expect(list.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['E_START_PAST']);
  });
});
