import { describe, expect, it } from 'vitest';
import { parseTime, timeProblem } from '../../../renderer/src/isoTime';

/** Issue 12: a time of day is typed and shown on the 24-hour clock, HH:MM, on every workstation. */
describe('parseTime', () => {
  it('accepts HH:MM and writes H:MM and HHMM the same way', () => {
    expect(parseTime('14:30')).toEqual({ ok: true, time: '14:30' });
    expect(parseTime(' 9:05 ')).toEqual({ ok: true, time: '09:05' });
    expect(parseTime('0905')).toEqual({ ok: true, time: '09:05' });
    expect(parseTime('00:00')).toEqual({ ok: true, time: '00:00' });
    expect(parseTime('23:59')).toEqual({ ok: true, time: '23:59' });
  });

  it('with seconds: HH:MM:SS, adding :00 when they are left out', () => {
    expect(parseTime('14:30:05', true)).toEqual({ ok: true, time: '14:30:05' });
    expect(parseTime('7:04', true)).toEqual({ ok: true, time: '07:04:00' });
  });

  it('refuses seconds where the field has none', () => {
    const r = parseTime('14:30:05');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toContain('without seconds');
  });

  it('refuses AM/PM and says the 24-hour time', () => {
    expect(parseTime('2:30 PM')).toEqual({ ok: false, problem: 'Use the 24-hour clock: 2:30 PM is 14:30.' });
    expect(parseTime('12:15am')).toEqual({ ok: false, problem: 'Use the 24-hour clock: 12:15 AM is 00:15.' });
    expect(parseTime('12 p.m.')).toEqual({ ok: false, problem: 'Use the 24-hour clock: 12:00 PM is 12:00.' });
  });

  it('refuses what is not a time of day, saying how to write it', () => {
    for (const text of ['24:00', '12:60', '14:30:61', '1430x', '14.30', 'noon', '930']) {
      const r = parseTime(text, text.split(':').length === 3);
      expect(r.ok, text).toBe(false);
      expect(!r.ok && r.problem, text).toMatch(/24-hour clock|not a time of day/);
    }
    expect(timeProblem('')).toBeNull();
    expect(timeProblem('25:00')).toContain('not a time of day');
  });
});
