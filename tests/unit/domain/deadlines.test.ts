import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDays,
  businessDaysBetween,
  deadlineStatus,
  delayedDueDate,
  effectiveReceiptDate,
  isBusinessDay,
  localDateTimeAt,
  nextBusinessDay,
  responseDueDate,
} from '../../../shared/domain/deadlines';
import { kentuckyStateHolidays, type Holiday } from '../../../shared/domain/holidays';
import { addDays } from '../../../shared/domain/localDate';

const holidays: Holiday[] = [...kentuckyStateHolidays(2026), ...kentuckyStateHolidays(2027)];
const opts = { holidays };

describe('responseDueDate (KRS 61.880(1): 5 days excepting Saturdays, Sundays, legal holidays)', () => {
  it.each([
    ['Monday morning → next Monday', '2026-03-02T10:00:00-05:00', '2026-03-09'],
    ['Wednesday across a weekend', '2026-03-04T09:00:00-05:00', '2026-03-11'],
    ['Thanksgiving week: 26th and 27th skipped', '2026-11-25T10:00:00-05:00', '2026-12-04'],
    ['received on Thanksgiving counts from Monday', '2026-11-26T10:00:00-05:00', '2026-12-07'],
    ['Christmas and New Year across two years', '2026-12-23T10:00:00-05:00', '2027-01-05'],
    ['received Saturday counts from Monday', '2026-03-07T10:00:00-05:00', '2026-03-16'],
    ['received Sunday counts from Monday', '2026-03-08T10:00:00-04:00', '2026-03-16'],
    ['Friday before closing', '2026-03-06T16:29:00-05:00', '2026-03-13'],
    ['Friday exactly at closing counts that day', '2026-03-06T16:30:00-05:00', '2026-03-13'],
    ['Friday one second after closing → Monday', '2026-03-06T16:30:01-05:00', '2026-03-16'],
    ['Friday evening in UTC is still Friday locally', '2026-03-07T03:00:00Z', '2026-03-16'],
    ['half-day Good Friday counts as a business day', '2026-03-30T10:00:00-04:00', '2026-04-06'],
    ['Good Friday morning counts that day', '2026-04-03T11:00:00-04:00', '2026-04-10'],
    ['Good Friday afternoon (after 12:00) → Monday', '2026-04-03T13:00:00-04:00', '2026-04-13'],
    ['Independence Day observed Friday 3 July', '2026-06-30T10:00:00-04:00', '2026-07-08'],
  ])('%s', (_label, received, due) => {
    expect(responseDueDate(received, opts)).toBe(due);
  });

  it('without the holiday table, Thanksgiving is counted', () => {
    expect(responseDueDate('2026-11-25T10:00:00-05:00')).toBe('2026-12-02');
  });

  it('closing time is configurable', () => {
    expect(responseDueDate('2026-03-06T16:00:00-05:00', { ...opts, closingTime: '15:00' })).toBe('2026-03-16');
    expect(responseDueDate('2026-03-06T16:00:00-05:00', { ...opts, closingTime: '17:00' })).toBe('2026-03-13');
  });

  it('an agency closure (kind closure) is skipped like a holiday', () => {
    const withSnowDay: Holiday[] = [...holidays, { date: '2026-03-10', name: 'Snow day', kind: 'closure' }];
    expect(responseDueDate('2026-03-04T10:00:00-05:00', { holidays: withSnowDay })).toBe('2026-03-12');
  });
});

describe('closing time across daylight-saving changes (America/New_York)', () => {
  it.each([
    // DST begins Sunday 8 March 2026: 21:15Z is 16:15 EST before, 17:15 EDT after.
    ['Friday 21:15Z = 16:15 EST, before closing', '2026-03-06T21:15:00Z', '2026-03-06'],
    ['Monday 21:15Z = 17:15 EDT, after closing', '2026-03-09T21:15:00Z', '2026-03-10'],
    ['Monday 20:15Z = 16:15 EDT, before closing', '2026-03-09T20:15:00Z', '2026-03-09'],
    // DST ends Sunday 1 November 2026: 21:15Z is 17:15 EDT before, 16:15 EST after.
    ['Friday 30 Oct 21:15Z = 17:15 EDT, after closing', '2026-10-30T21:15:00Z', '2026-11-02'],
    ['Monday 2 Nov 21:15Z = 16:15 EST, before closing', '2026-11-02T21:15:00Z', '2026-11-02'],
    ['during the repeated hour on the Sunday', '2026-11-01T05:30:00Z', '2026-11-02'],
    ['during the skipped hour on the Sunday', '2026-03-08T07:30:00Z', '2026-03-09'],
  ])('%s', (_label, received, effective) => {
    expect(effectiveReceiptDate(received, opts)).toBe(effective);
  });

  it('reads wall-clock time through Intl', () => {
    expect(localDateTimeAt('2026-03-09T21:15:00Z')).toEqual({ date: '2026-03-09', time: '17:15:00' });
    expect(localDateTimeAt('2026-11-01T05:30:00Z')).toEqual({ date: '2026-11-01', time: '01:30:00' });
    expect(localDateTimeAt('2026-11-01T06:30:00Z')).toEqual({ date: '2026-11-01', time: '01:30:00' });
  });

  it('uses the agency time zone (western Kentucky is Central)', () => {
    const received = '2026-03-06T22:00:00Z'; // 17:00 Eastern, 16:00 Central
    expect(effectiveReceiptDate(received, { ...opts, timeZone: 'America/Chicago' })).toBe('2026-03-06');
    expect(effectiveReceiptDate(received, opts)).toBe('2026-03-09');
  });

  it.each([
    ['no offset', '2026-03-06T10:00:00'],
    ['date only', '2026-03-06'],
    ['garbage', 'yesterday'],
  ])('refuses an instant with %s', (_label, value) => {
    expect(() => responseDueDate(value)).toThrow(RangeError);
  });

  it('refuses a bad zone or closing time', () => {
    expect(() => responseDueDate('2026-03-06T10:00:00Z', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => responseDueDate('2026-03-06T10:00:00Z', { closingTime: '4:30pm' })).toThrow(RangeError);
  });
});

describe('business-day helpers', () => {
  it.each([
    ['2026-03-06', true, 'Friday'],
    ['2026-03-07', false, 'Saturday'],
    ['2026-03-08', false, 'Sunday'],
    ['2026-11-26', false, 'Thanksgiving'],
    ['2026-04-03', true, 'Good Friday half-day'],
    ['2026-07-03', false, 'Independence Day observed'],
  ])('isBusinessDay(%s) = %s (%s)', (date, expected) => {
    expect(isBusinessDay(date, holidays)).toBe(expected);
  });

  it('a closure on a half-day closes the whole day', () => {
    expect(isBusinessDay('2026-04-03', [...holidays, { date: '2026-04-03', name: 'Closed', kind: 'closure' }])).toBe(false);
  });

  it('addBusinessDays', () => {
    expect(addBusinessDays('2026-11-25', 0, holidays)).toBe('2026-11-25');
    expect(addBusinessDays('2026-11-25', 1, holidays)).toBe('2026-11-30');
    expect(addBusinessDays('2026-11-30', -1, holidays)).toBe('2026-11-25');
    expect(() => addBusinessDays('2026-11-25', 1.5)).toThrow(RangeError);
    expect(nextBusinessDay('2026-12-23', holidays)).toBe('2026-12-28');
  });

  it('businessDaysBetween', () => {
    expect(businessDaysBetween('2026-11-25', '2026-12-04', holidays)).toBe(5);
    expect(businessDaysBetween('2026-12-04', '2026-11-25', holidays)).toBe(-5);
    expect(businessDaysBetween('2026-11-25', '2026-11-25', holidays)).toBe(0);
  });

  it('addBusinessDays and businessDaysBetween agree (property)', () => {
    const day = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2026-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40 }), (start, n) => {
        const end = addBusinessDays(start, n, holidays);
        expect(businessDaysBetween(start, end, holidays)).toBe(n);
        if (n > 0) expect(isBusinessDay(end, holidays)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('deadlineStatus', () => {
  it.each([
    ['2026-03-09', '2026-03-08', 'upcoming'],
    ['2026-03-09', '2026-03-09', 'due-today'],
    ['2026-03-09', '2026-03-10', 'overdue'],
    ['2026-12-31', '2027-01-01', 'overdue'],
  ] as const)('due %s, today %s → %s', (due, today, status) => {
    expect(deadlineStatus(due, today)).toBe(status);
  });

  it('refuses malformed dates', () => {
    expect(() => deadlineStatus('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('delayedDueDate (KRS 61.872(5))', () => {
  const notice = {
    originalDueDate: '2026-03-09',
    earliestAvailableDate: '2026-03-20',
    noticeDate: '2026-03-05',
    explanation: 'The recordings are on an evidence server under maintenance until 19 March.',
  };

  it('sets the new due date to the earliest availability date', () => {
    expect(delayedDueDate(notice, holidays)).toEqual({ ok: true, dueDate: '2026-03-20' });
    expect(delayedDueDate({ ...notice, noticeDate: undefined }, holidays)).toEqual({ ok: true, dueDate: '2026-03-20' });
  });

  it.each([
    ['same day as original', { earliestAvailableDate: '2026-03-09' }, 'NOT_AFTER_ORIGINAL'],
    ['before original', { earliestAvailableDate: '2026-03-02' }, 'NOT_AFTER_ORIGINAL'],
    ['on a Saturday', { earliestAvailableDate: '2026-03-21' }, 'NOT_BUSINESS_DAY'],
    ['on a holiday', { originalDueDate: '2026-11-20', earliestAvailableDate: '2026-11-26' }, 'NOT_BUSINESS_DAY'],
    ['notice after the deadline', { noticeDate: '2026-03-10' }, 'NOTICE_LATE'],
    ['no explanation', { explanation: '   ' }, 'EXPLANATION_REQUIRED'],
    ['impossible date', { earliestAvailableDate: '2026-02-30' }, 'INVALID_DATE'],
  ])('refuses %s', (_label, change, code) => {
    const result = delayedDueDate({ ...notice, ...change }, holidays);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.length).toBeGreaterThan(10);
    }
  });
});
