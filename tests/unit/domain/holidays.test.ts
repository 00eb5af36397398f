import { describe, it, expect } from 'vitest';
import ky2026 from '../../../resources/holidays/ky-2026.json';
import ky2027 from '../../../resources/holidays/ky-2027.json';
import { easterSunday, holidayTableSchema, kentuckyElectionDays, kentuckyStateHolidays, nthWeekday } from '../../../shared/domain/holidays';
import { isWeekend } from '../../../shared/domain/localDate';

describe('shipped holiday tables', () => {
  it.each([
    [2026, ky2026],
    [2027, ky2027],
  ])('resources/holidays/ky-%i.json equals kentuckyStateHolidays(%i)', (year, table) => {
    expect(holidayTableSchema.parse(table)).toEqual(kentuckyStateHolidays(year));
  });
});

describe('kentuckyStateHolidays', () => {
  it('2026 (KRS 18A.190)', () => {
    expect(kentuckyStateHolidays(2026).map((h) => [h.date, h.kind, h.name])).toEqual([
      ['2026-01-01', 'holiday', "New Year's Day"],
      ['2026-01-19', 'holiday', 'Martin Luther King Jr. Day'],
      ['2026-04-03', 'half-day', 'Good Friday (afternoon)'],
      ['2026-05-25', 'holiday', 'Memorial Day'],
      ['2026-07-03', 'holiday', 'Independence Day (observed)'],
      ['2026-09-07', 'holiday', 'Labor Day'],
      ['2026-11-11', 'holiday', 'Veterans Day'],
      ['2026-11-26', 'holiday', 'Thanksgiving Day'],
      ['2026-11-27', 'holiday', 'Day after Thanksgiving'],
      ['2026-12-24', 'holiday', 'Christmas Eve'],
      ['2026-12-25', 'holiday', 'Christmas Day'],
      ['2026-12-31', 'holiday', "New Year's Eve"],
    ]);
  });

  it('2027: weekend Christmas and New Year push the extra days earlier', () => {
    const dec = kentuckyStateHolidays(2027).filter((h) => h.date.startsWith('2027-12'));
    expect(dec.map((h) => [h.date, h.name])).toEqual([
      ['2027-12-23', 'Christmas Eve (observed)'],
      ['2027-12-24', 'Christmas Day (observed)'],
      ['2027-12-30', "New Year's Eve (observed)"],
      ['2027-12-31', "New Year's Day (observed)"],
    ]);
    expect(kentuckyStateHolidays(2027).find((h) => h.name.startsWith('Independence'))?.date).toBe('2027-07-05');
  });

  it('Sunday Christmas Eve moves on past Christmas (2023)', () => {
    const dec = kentuckyStateHolidays(2023).filter((h) => h.date >= '2023-12-20');
    expect(dec.map((h) => h.date)).toEqual(['2023-12-25', '2023-12-26']);
    expect(kentuckyStateHolidays(2024).slice(0, 2).map((h) => h.date)).toEqual(['2024-01-01', '2024-01-02']);
  });

  it('New Year on a Saturday is observed the Friday before, in the earlier year (2022)', () => {
    expect(kentuckyStateHolidays(2021).some((h) => h.date === '2021-12-31' && h.name === "New Year's Day (observed)")).toBe(true);
    expect(kentuckyStateHolidays(2022).some((h) => h.name.startsWith("New Year's Day"))).toBe(false);
  });

  it('Presidential Election Day only in presidential years (KRS 2.190)', () => {
    expect(kentuckyStateHolidays(2028).find((h) => h.name === 'Presidential Election Day')?.date).toBe('2028-11-07');
    expect(kentuckyStateHolidays(2024).find((h) => h.name === 'Presidential Election Day')?.date).toBe('2024-11-05');
    for (const y of [2026, 2027, 2030]) {
      expect(kentuckyStateHolidays(y).some((h) => h.name.includes('Election'))).toBe(false);
    }
  });

  it('primaries and off-year general elections are not state holidays (KRS 18A.190(1)(h), 2.190)', () => {
    for (const y of [2024, 2025, 2026, 2027, 2028]) {
      const { primary, general } = kentuckyElectionDays(y);
      const dates = kentuckyStateHolidays(y).map((h) => h.date);
      expect(dates).not.toContain(primary);
      expect(dates.includes(general)).toBe(y % 4 === 0);
    }
  });

  it.each([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033])('%i: weekdays only, sorted, unique, in year', (year) => {
    const list = kentuckyStateHolidays(year);
    const dates = list.map((h) => h.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) {
      expect(isWeekend(d)).toBe(false);
      expect(d.startsWith(`${year}-`)).toBe(true);
    }
    expect(list.filter((h) => h.kind === 'half-day')).toHaveLength(1);
  });

  it('refuses nonsense years', () => {
    expect(() => kentuckyStateHolidays(2026.5)).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it.each([
    [2000, '2000-04-23'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each([
    // 2026 and 2027 from the statute; 2022-2024 also match the dates Kentucky actually voted on.
    [2022, '2022-05-17', '2022-11-08'],
    [2023, '2023-05-16', '2023-11-07'],
    [2024, '2024-05-21', '2024-11-05'],
    [2026, '2026-05-19', '2026-11-03'],
    [2027, '2027-05-18', '2027-11-02'],
  ])('election days %i (KRS 118.025(3)-(4)): primary %s, general %s', (year, primary, general) => {
    expect(kentuckyElectionDays(year)).toEqual({ primary, general });
  });

  it('nthWeekday', () => {
    expect(nthWeekday(2026, 1, 1, 3)).toBe('2026-01-19');
    expect(nthWeekday(2026, 5, 1, -1)).toBe('2026-05-25');
    expect(nthWeekday(2026, 12, 4, -1)).toBe('2026-12-31');
    expect(nthWeekday(2026, 11, 4, 4)).toBe('2026-11-26');
  });
});
