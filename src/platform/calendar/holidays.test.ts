import { describe, expect, it } from 'vitest';
import { calendarForOrganisation, easterSunday, holidayOn, holidaysBetween, holidaysOf } from './holidays.ts';

describe('Belgian and Brussels public holidays', () => {
  it('computes Easter for known years', () => {
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2025)).toEqual({ month: 4, day: 20 });
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2027)).toEqual({ month: 3, day: 28 });
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 });
  });

  it('lists the ten national holidays of 2025, 2026 and 2027 on their real dates', () => {
    expect(holidaysOf('be', 2025).map((h) => h.date)).toEqual([
      '2025-01-01',
      '2025-04-21',
      '2025-05-01',
      '2025-05-29',
      '2025-06-09',
      '2025-07-21',
      '2025-08-15',
      '2025-11-01',
      '2025-11-11',
      '2025-12-25',
    ]);
    expect(holidaysOf('be', 2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-07-21',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(holidaysOf('be', 2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-17',
      '2027-07-21',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
  });

  it('adds Iris Day (8 May) for Brussels regional and local services only', () => {
    expect(holidayOn('brussels', '2026-05-08')).toMatchObject({ code: 'iris-day', name: { nl: 'Irisfeest (Brussels Hoofdstedelijk Gewest)' } });
    expect(holidayOn('be', '2026-05-08')).toBeUndefined();
    expect(holidaysOf('brussels', 2027)).toHaveLength(11);
    expect(holidayOn('flemish', '2026-07-11')?.code).toBe('flemish-community-day');
    expect(holidayOn('french', '2026-09-27')?.code).toBe('french-community-day');
    expect(holidayOn('brussels', '2026-07-11')).toBeUndefined();
  });

  it('names holidays in the three languages', () => {
    expect(holidayOn('be', '2026-04-06')?.name).toEqual({ fr: 'Lundi de Pâques', nl: 'Paasmaandag', en: 'Easter Monday' });
  });

  it('lists holidays across a year boundary', () => {
    expect(holidaysBetween('brussels', '2026-12-01', '2027-01-31').map((h) => h.code)).toEqual(['christmas', 'new-year']);
  });

  it('chooses the calendar of an organisation', () => {
    expect(calendarForOrganisation({ code: 'commune-ixelles', kind: 'commune' })).toBe('brussels');
    expect(calendarForOrganisation({ code: 'cpas-uccle', kind: 'cpas' })).toBe('brussels');
    expect(calendarForOrganisation({ code: 'actiris', kind: 'regional' })).toBe('brussels');
    expect(calendarForOrganisation({ code: 'iriscare', kind: 'community' })).toBe('brussels');
    expect(calendarForOrganisation({ code: 'vgc', kind: 'community' })).toBe('flemish');
    expect(calendarForOrganisation({ code: 'cocof', kind: 'community' })).toBe('french');
    expect(calendarForOrganisation({ code: 'spf-finances', kind: 'federal' })).toBe('be');
  });
});
