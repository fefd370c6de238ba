import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDaysBetween, parseCalendarDate } from '../../src/domain/business-days';

const none = { holidays: [] };
const d = (iso: string) => new Date(iso);

describe('businessDaysBetween', () => {
  it('counts Friday to Monday as one business day', () => {
    expect(businessDaysBetween(d('2026-06-05T17:00:00Z'), d('2026-06-08T09:00:00Z'), none)).toBe(1);
  });

  it('counts a whole week as five, and long ranges exactly', () => {
    expect(businessDaysBetween(d('2026-06-01T00:00:00Z'), d('2026-06-08T00:00:00Z'), none)).toBe(5);
    expect(businessDaysBetween(d('2026-01-01T00:00:00Z'), d('2026-12-31T00:00:00Z'), none)).toBe(260);
  });

  it('is zero on the same day and negative backwards', () => {
    expect(businessDaysBetween(d('2026-06-03T01:00:00Z'), d('2026-06-03T23:00:00Z'), none)).toBe(0);
    expect(businessDaysBetween(d('2026-06-08T00:00:00Z'), d('2026-06-05T00:00:00Z'), none)).toBe(-1);
  });

  it('skips holidays on weekdays only', () => {
    const calendar = { holidays: ['2026-06-08', '2026-06-06'] };
    expect(businessDaysBetween(d('2026-06-05T00:00:00Z'), d('2026-06-09T00:00:00Z'), calendar)).toBe(1);
  });
});

describe('addBusinessDays', () => {
  it('skips weekends and holidays and keeps the time of day', () => {
    expect(addBusinessDays(d('2026-06-05T10:00:00Z'), 1, none).toISOString()).toBe('2026-06-08T10:00:00.000Z');
    expect(addBusinessDays(d('2026-06-05T10:00:00Z'), 1, { holidays: ['2026-06-08'] }).toISOString()).toBe('2026-06-09T10:00:00.000Z');
    expect(addBusinessDays(d('2026-06-06T10:00:00Z'), 0, none).toISOString()).toBe('2026-06-06T10:00:00.000Z');
  });

  it('agrees with businessDaysBetween', () => {
    for (let offset = 0; offset < 14; offset++) {
      const start = new Date(Date.UTC(2026, 5, 1 + offset, 9));
      expect(businessDaysBetween(start, addBusinessDays(start, 7, none), none)).toBe(7);
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addBusinessDays(d('2026-06-05T10:00:00Z'), -1, none)).toThrow(RangeError);
  });
});

describe('parseCalendarDate', () => {
  it('accepts real dates only', () => {
    expect(parseCalendarDate('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(parseCalendarDate('2026-02-30')).toBeNull();
    expect(parseCalendarDate('28/02/2026')).toBeNull();
  });
});
