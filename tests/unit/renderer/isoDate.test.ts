import { describe, expect, it } from 'vitest';
import { ISO_DATE_PATTERN, isoDateProblem, parseIsoDate } from '../../../renderer/src/isoDate';

/** Issue 12: a date is typed and shown as yyyy-mm-dd everywhere; the DateField reads it with these. */
describe('parseIsoDate', () => {
  it('accepts yyyy-mm-dd as it is', () => {
    expect(parseIsoDate('2026-11-20')).toEqual({ ok: true, date: '2026-11-20' });
    expect(parseIsoDate(' 2026-11-20 ')).toEqual({ ok: true, date: '2026-11-20' });
  });

  it('rewrites one-digit months and days and the compact form as yyyy-mm-dd', () => {
    expect(parseIsoDate('2026-1-5')).toEqual({ ok: true, date: '2026-01-05' });
    expect(parseIsoDate('20261120')).toEqual({ ok: true, date: '2026-11-20' });
  });

  it('knows the calendar: leap days, month lengths', () => {
    expect(parseIsoDate('2028-02-29')).toEqual({ ok: true, date: '2028-02-29' });
    const notLeap = parseIsoDate('2026-02-29');
    expect(notLeap.ok).toBe(false);
    expect(!notLeap.ok && notLeap.problem).toBe('2026-02-29 is not a date on the calendar. Write it as yyyy-mm-dd.');
    expect(parseIsoDate('2026-04-31').ok).toBe(false);
    expect(parseIsoDate('2026-13-01').ok).toBe(false);
    expect(parseIsoDate('2026-00-10').ok).toBe(false);
  });

  it('refuses the browser and US forms, saying how to write it', () => {
    for (const text of ['11/20/2026', '20/11/2026', '2026/11/20', 'Nov 20 2026', '26-11-20', '2026-11', '']) {
      const r = parseIsoDate(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok && text !== '') expect(r.problem).toContain('yyyy-mm-dd');
    }
  });
});

describe('isoDateProblem', () => {
  it('leaves an empty field to `required` and says nothing about a good date', () => {
    expect(isoDateProblem('')).toBeNull();
    expect(isoDateProblem('2026-12-01')).toBeNull();
    expect(isoDateProblem('12/01/2026')).toBe('Write the date as yyyy-mm-dd, for example 2026-11-20.');
  });
});

describe('ISO_DATE_PATTERN', () => {
  // The input's pattern attribute is matched against the whole value, as the browser does.
  const whole = new RegExp(`^(?:${ISO_DATE_PATTERN})$`, 'v');
  it('lets through exactly the shapes parseIsoDate reads', () => {
    for (const ok of ['2026-11-20', '2026-1-5', '20261120']) expect(whole.test(ok), ok).toBe(true);
    for (const bad of ['11/20/2026', '2026-11-20x', '2026/11/20', '202611']) expect(whole.test(bad), bad).toBe(false);
  });
});
