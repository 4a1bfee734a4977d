import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  calendarDaysBetween,
  coveredYears,
  isCoveredYear,
  isWorkingDay,
  subtractWorkingDays,
} from './working-days.js';

describe('isWorkingDay', () => {
  it('counts Monday to Friday as working days outside holidays', () => {
    expect(isWorkingDay('2026-03-09')).toBe(true); // Monday
    expect(isWorkingDay('2026-03-13')).toBe(true); // Friday
    expect(isWorkingDay('2026-03-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-15')).toBe(false); // Sunday
  });

  it('knows public holidays on weekdays', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // National Day, Thursday
    expect(isWorkingDay('2026-02-16')).toBe(false); // Spring Festival eve, Monday
    expect(isWorkingDay('2025-01-01')).toBe(false); // New Year, Wednesday
  });

  it('knows make-up workdays (调休) on weekends', () => {
    expect(isWorkingDay('2026-01-04')).toBe(true); // a Sunday that is a workday
    expect(isWorkingDay('2026-02-14')).toBe(true); // a Saturday that is a workday
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday after Golden Week
  });

  it('falls back to weekends only in a year the data does not cover', () => {
    expect(isCoveredYear(2027)).toBe(false);
    expect(isWorkingDay('2027-10-01')).toBe(true); // a Friday; its holiday is not published yet
    expect(isWorkingDay('2027-10-02')).toBe(false); // Saturday
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('26-1-1')).toThrow(RangeError);
  });
});

describe('subtractWorkingDays', () => {
  it('steps back over weekends', () => {
    // Monday 2026-03-16 → Fri 13, Thu 12, Wed 11, Tue 10, Mon 9, Fri 6, Thu 5.
    expect(subtractWorkingDays('2026-03-16', 7)).toBe('2026-03-05');
    expect(subtractWorkingDays('2026-03-16', 1)).toBe('2026-03-13');
    expect(subtractWorkingDays('2026-03-16', 0)).toBe('2026-03-16');
  });

  it('skips public holidays and counts make-up workdays', () => {
    // Golden Week 2026: 10-01..10-07 off, Saturday 10-10 worked. From Tuesday 10-13:
    // Mon 12, Sat 10 (make-up), Fri 9, Thu 8, then 9-30, 9-29, 9-28.
    expect(subtractWorkingDays('2026-10-13', 7)).toBe('2026-09-28');
  });

  it('crosses the Spring Festival with its make-up Saturdays', () => {
    // 2026-02-15..23 off; Saturdays 02-14 and 02-28 worked. From Wednesday 03-04:
    // Tue 3, Mon 2, Sat 2-28, Fri 27, Thu 26, Wed 25, Tue 24.
    expect(subtractWorkingDays('2026-03-04', 7)).toBe('2026-02-24');
    // From Wednesday 02-25: Tue 24, holidays 23..15 skipped, Sat 14 (make-up), Fri 13, 12, 11, 10.
    expect(subtractWorkingDays('2026-02-25', 6)).toBe('2026-02-10');
  });

  it('crosses a year boundary, holidays included', () => {
    // 2026-01-01..03 off, Sunday 01-04 worked. From Tuesday 01-06:
    // Mon 5, Sun 4, then 2025-12-31, 30, 29, 26, 25.
    expect(subtractWorkingDays('2026-01-06', 7)).toBe('2025-12-25');
  });

  it('counts weekends only in an uncovered year', () => {
    // Goddess day 2027: Monday 03-08 → Thursday 02-25.
    expect(subtractWorkingDays('2027-03-08', 7)).toBe('2027-02-25');
    // From an uncovered year back into a covered one: 2027-01-04 (Mon) → 2026-12-24.
    expect(subtractWorkingDays('2027-01-04', 7)).toBe('2026-12-24');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => subtractWorkingDays('2026-03-16', -1)).toThrow(RangeError);
    expect(() => subtractWorkingDays('2026-03-16', 1.5)).toThrow(RangeError);
  });
});

describe('coveredYears', () => {
  it('lists the years of the chinese-days data, contiguous and ascending', () => {
    const years = coveredYears();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
    expect(years.every((y, i) => i === 0 || y === years[i - 1]! + 1)).toBe(true);
    expect(isCoveredYear(2003)).toBe(false);
  });
});

describe('calendar day arithmetic', () => {
  it('moves across month and year ends', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(calendarDaysBetween('2027-02-25', '2027-03-08')).toBe(11);
  });
});
