import { describe, expect, it } from 'vitest';
import { latestSafeSubmission, submissionDays } from './audit-deadline.js';

describe('latestSafeSubmission', () => {
  it('is 7 working days before the broadcast day', () => {
    expect(latestSafeSubmission('2026-12-10', 3)).toBe('2026-12-01');
    expect(latestSafeSubmission('2026-10-13', 1)).toBe('2026-09-28'); // across Golden Week
  });

  it('moves one working day earlier per extra day of submissions (500 goods a day)', () => {
    expect(submissionDays(0)).toBe(1);
    expect(submissionDays(500)).toBe(1);
    expect(submissionDays(501)).toBe(2);
    expect(submissionDays(2000)).toBe(4);
    expect(latestSafeSubmission('2026-12-10', 501)).toBe('2026-11-30');
    expect(latestSafeSubmission('2026-12-10', 2000)).toBe('2026-11-26');
  });
});
