import { describe, expect, it } from 'vitest';
import { readFilterDate } from '../../../renderer/src/filterDate';

/** Issue 12: a partly typed date never reaches the Library's live filter. */
describe('readFilterDate', () => {
  it('applies a complete real date as soon as it is typed, and an emptied field as no date', () => {
    expect(readFilterDate('2026-11-20', false)).toEqual({ kind: 'apply', date: '2026-11-20' });
    expect(readFilterDate('20261120', false)).toEqual({ kind: 'apply', date: '2026-11-20' });
    expect(readFilterDate('  ', false)).toEqual({ kind: 'apply', date: '' });
  });

  it('waits, silently, while the date is on its way: every step of typing 2026-11-20', () => {
    const full = '2026-11-20';
    for (let n = 1; n < full.length; n++) expect(readFilterDate(full.slice(0, n), false), full.slice(0, n)).toEqual({ kind: 'typing' });
    expect(readFilterDate('2026-1-15', false)).toEqual({ kind: 'typing' });
    expect(readFilterDate('2026112', false)).toEqual({ kind: 'typing' });
  });

  it('reads the short forms only once the field is left', () => {
    expect(readFilterDate('2026-11-2', false)).toEqual({ kind: 'typing' });
    expect(readFilterDate('2026-11-2', true)).toEqual({ kind: 'apply', date: '2026-11-02' });
    expect(readFilterDate('2026-1-5', true)).toEqual({ kind: 'apply', date: '2026-01-05' });
  });

  it('says at once what can never become a date, and on leaving what was left unfinished', () => {
    for (const text of ['11/20/2026', '2026/11/20', 'Nov 20', '2026-11-20x', '202611201']) {
      const r = readFilterDate(text, false);
      expect(r.kind, text).toBe('problem');
      expect(r.kind === 'problem' && r.problem, text).toContain('yyyy-mm-dd');
    }
    expect(readFilterDate('2026-02-30', false)).toEqual({ kind: 'problem', problem: '2026-02-30 is not a date on the calendar. Write it as yyyy-mm-dd.' });
    expect(readFilterDate('2026-11', true).kind).toBe('problem');
    expect(readFilterDate('2026', true).kind).toBe('problem');
  });
});
