import { describe, expect, it } from 'vitest';
import { matchNotice, type NoticeSeen, RESERVATION_TOLERANCE_MS } from './channels-reservation.js';

const START = new Date('2027-03-20T11:30:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const notice = (id: string, minutes: number, status = 0, description = '春茶上新直播'): NoticeSeen => ({
  noticeId: id,
  status,
  startTime: at(minutes),
  description,
});
const want = { start: START, description: '春茶上新直播', timezone: 'Asia/Shanghai' };

describe('matchNotice: the available notice at the room start', () => {
  it('takes an available notice within the tolerance, never a cancelled or used one', () => {
    const tol = RESERVATION_TOLERANCE_MS / 60_000;
    expect(matchNotice([notice('1', 0, 1), notice('2', 0, 2)], want)).toBeUndefined();
    expect(matchNotice([notice('3', tol + 1)], want)).toBeUndefined();
    expect(matchNotice([notice('4', -tol)], want)?.noticeId).toBe('4');
  });

  it('of several, prefers the room name, then the closest start, then the lowest id', () => {
    expect(matchNotice([notice('5', 0, 0, '别的直播'), notice('6', 2)], want)?.noticeId).toBe('6');
    expect(matchNotice([notice('7', 3), notice('8', -1)], want)?.noticeId).toBe('8');
    expect(matchNotice([notice('10', 1), notice('9', -1)], want)?.noticeId).toBe('9');
  });
});
