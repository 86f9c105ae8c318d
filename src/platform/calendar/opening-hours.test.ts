import { afterAll, describe, expect, it } from 'vitest';
import { brusselsWallClock, fromBrusselsWallClock } from './brussels-time.ts';
import OpeningHoursParser from 'opening_hours';
import { holidaysOf } from './holidays.ts';
import { hoursInWords, openingHoursInWords, openingSchedule, OpeningHoursError, validateOpeningHours } from './opening-hours.ts';

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const at = (iso: string) => new Date(iso);
const HOURS = 'Mo-Fr 09:00-12:30,13:30-16:00; Th 09:00-12:30,13:30-19:00; Sa 09:00-12:00; PH off';

// The process time zone must not matter: every case runs under each of these.
for (const tz of ['UTC', 'Asia/Tokyo', 'Europe/Brussels', 'America/Sao_Paulo']) {
  describe(`opening hours in Brussels time (process TZ=${tz})`, () => {
    const useTz = () => {
      process.env.TZ = tz;
    };

    it('converts Brussels wall-clock time both ways across DST', () => {
      useTz();
      expect(fromBrusselsWallClock(2026, 1, 15, 9, 0).toISOString()).toBe('2026-01-15T08:00:00.000Z');
      expect(fromBrusselsWallClock(2026, 7, 15, 9, 0).toISOString()).toBe('2026-07-15T07:00:00.000Z');
      expect(brusselsWallClock(at('2026-03-29T00:59:00Z'))).toMatchObject({ hour: 1, minute: 59 });
      expect(brusselsWallClock(at('2026-03-29T01:00:00Z'))).toMatchObject({ hour: 3, minute: 0 });
      expect(brusselsWallClock(at('2026-10-25T01:30:00Z'))).toMatchObject({ hour: 2, minute: 30, weekday: 0 });
    });

    it('is open and closed at the Brussels times of the schedule, in winter and in summer', () => {
      useTz();
      const schedule = openingSchedule(HOURS, 'brussels');
      // Friday 27 March 2026 (winter, UTC+1): 08:30 UTC = 09:30 Brussels
      expect(schedule.isOpenAt(at('2026-03-27T08:30:00Z'))).toBe(true);
      expect(schedule.isOpenAt(at('2026-03-27T07:30:00Z'))).toBe(false);
      // Monday 30 March 2026, the day after the spring change (UTC+2): 07:30 UTC = 09:30 Brussels
      expect(schedule.isOpenAt(at('2026-03-30T07:30:00Z'))).toBe(true);
      expect(schedule.isOpenAt(at('2026-03-30T14:30:00Z'))).toBe(false); // 16:30 Brussels
      // Lunch break and the late Thursday
      expect(schedule.isOpenAt(at('2026-04-02T11:00:00Z'))).toBe(false); // Thu 13:00
      expect(schedule.isOpenAt(at('2026-04-02T16:30:00Z'))).toBe(true); // Thu 18:30
      expect(schedule.isOpenAt(at('2026-04-03T16:30:00Z'))).toBe(false); // Fri 18:30
    });

    it('gives the next change in Brussels time across the autumn DST change', () => {
      useTz();
      const schedule = openingSchedule(HOURS, 'brussels');
      // Saturday 24 October 2026 at 13:00 Brussels (UTC+2), closed; opens Monday 26 at 09:00 (UTC+1)
      const next = schedule.nextChange(at('2026-10-24T11:00:00Z'));
      expect(next?.toISOString()).toBe('2026-10-26T08:00:00.000Z');
      // Friday 23 October 10:00 Brussels: closes at 12:30 Brussels = 10:30 UTC
      expect(schedule.nextChange(at('2026-10-23T08:00:00Z'))?.toISOString()).toBe('2026-10-23T10:30:00.000Z');
    });

    it('is closed on Belgian holidays and on Iris Day for Brussels services only', () => {
      useTz();
      const brussels = openingSchedule(HOURS, 'brussels');
      const federal = openingSchedule(HOURS, 'be');
      // Easter Monday 6 April 2026, 10:00 Brussels
      expect(brussels.isOpenAt(at('2026-04-06T08:00:00Z'))).toBe(false);
      expect(federal.isOpenAt(at('2026-04-06T08:00:00Z'))).toBe(false);
      // Iris Day, Friday 8 May 2026, 10:00 Brussels
      expect(brussels.isOpenAt(at('2026-05-08T08:00:00Z'))).toBe(false);
      expect(federal.isOpenAt(at('2026-05-08T08:00:00Z'))).toBe(true);
      // Thursday 7 May 2026 at 18:00: closes at 19:00, then (8 May closed, Saturday 9 May) opens Sat 09:00
      expect(brussels.nextChange(at('2026-05-07T17:00:00Z'))?.toISOString()).toBe('2026-05-09T07:00:00.000Z');
      // Holidays of a later year too (Whit Monday 17 May 2027)
      expect(brussels.isOpenAt(at('2027-05-17T08:00:00Z'))).toBe(false);
    });

    it('adds business minutes over lunch, nights, weekends and holidays', () => {
      useTz();
      const schedule = openingSchedule('Mo-Fr 09:00-12:00,13:00-17:00; PH off', 'brussels');
      // Friday 3 April 2026 16:00 Brussels + 120 business minutes: 60 on Friday, Easter Monday closed,
      // so Tuesday 7 April 10:00 Brussels (08:00 UTC)
      const deadline = schedule.addBusinessMinutes(at('2026-04-03T14:00:00Z'), 120);
      expect(deadline.toISOString()).toBe('2026-04-07T08:00:00.000Z');
      // Monday 11:30 + 60 = 13:30 (the lunch hour does not count)
      expect(schedule.addBusinessMinutes(at('2026-04-13T09:30:00Z'), 60).toISOString()).toBe('2026-04-13T11:30:00.000Z');
      expect(schedule.businessMinutesBetween(at('2026-04-03T14:00:00Z'), deadline)).toBe(120);
      // A full week with Iris Day: 4 days × 7 hours
      expect(schedule.businessMinutesBetween(at('2026-05-03T22:00:00Z'), at('2026-05-09T22:00:00Z'))).toBe(4 * 7 * 60);
    });
  });
}

describe('validating opening hours', () => {
  it('accepts the usual forms', () => {
    expect(() => validateOpeningHours('Mo-Fr 08:30-12:00; We 13:00-16:00; PH off')).not.toThrow();
    expect(() => validateOpeningHours('24/7')).not.toThrow();
    expect(() => validateOpeningHours('Mo-Fr 09:00-16:00 "sur rendez-vous"; PH off')).not.toThrow();
  });

  it('refuses garbage with the parser’s reason', () => {
    try {
      validateOpeningHours('Mo-Fr 25:00-12:00');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OpeningHoursError);
    }
    expect(() => validateOpeningHours('open sometimes')).toThrow(OpeningHoursError);
    expect(() => validateOpeningHours('')).toThrow(/empty/);
  });

  it('asks for a separate rule when PH is inside a weekday list', () => {
    expect(() => validateOpeningHours('Mo-Fr,PH 09:00-12:00')).toThrow(/ph_in_list/);
  });
});

describe('cross-check with the opening_hours package', () => {
  it('agrees with the package’s own Belgian holiday data on the national holidays of 2025–2027', () => {
    process.env.TZ = 'UTC';
    const raw = new OpeningHoursParser('24/7; PH off', { lat: 50.85, lon: 4.35, address: { country_code: 'be', state: '' } });
    for (const year of [2025, 2026, 2027]) {
      const closed: string[] = [];
      for (let day = 0; day < 366; day++) {
        const noon = new Date(Date.UTC(year, 0, 1 + day, 12));
        if (noon.getUTCFullYear() !== year) break;
        if (!raw.getState(noon)) closed.push(noon.toISOString().slice(0, 10));
      }
      expect(closed).toEqual(holidaysOf('be', year).map((h) => h.date));
    }
  });
});

describe('the regular week (no holiday calendar)', () => {
  it('ignores holidays but keeps the rules', () => {
    process.env.TZ = 'UTC';
    const regular = openingSchedule('Mo-Fr 09:00-12:00; PH off', null);
    // Easter Monday 2026 at 10:00 Brussels is open in the regular week
    expect(regular.isOpenAt(new Date('2026-04-06T08:00:00Z'))).toBe(true);
  });
});

describe('opening hours in words', () => {
  const day = (weekday: number, ...intervals: Array<[string, string]>) => ({ weekday, intervals: intervals.map(([from, to]) => ({ from, to })) });
  const week = [
    day(1, ['09:00', '12:30'], ['13:30', '16:00']),
    day(2, ['09:00', '13:00']),
    day(3, ['09:00', '13:00']),
    day(4, ['09:00', '13:00']),
    day(5, ['09:00', '13:00']),
    day(6),
    day(7),
  ];

  it('groups consecutive days with the same hours, in each language', () => {
    expect(openingHoursInWords(week, 'en').map((line) => line.text)).toEqual([
      'Monday, 9:00–12:30 and 13:30–16:00',
      'Tuesday to Friday, 9:00–13:00',
      'Saturday and Sunday, closed',
    ]);
    expect(openingHoursInWords(week, 'fr').map((line) => line.text)).toEqual([
      'Lundi, de 9\u00a0h à 12\u00a0h\u00a030 et de 13\u00a0h\u00a030 à 16\u00a0h',
      'Du mardi au vendredi, de 9\u00a0h à 13\u00a0h',
      'Samedi et dimanche, fermé',
    ]);
    expect(openingHoursInWords(week, 'nl').map((line) => line.text)).toEqual([
      'Maandag, van 9.00 tot 12.30 en van 13.30 tot 16.00 uur',
      'Dinsdag tot en met vrijdag, van 9.00 tot 13.00 uur',
      'Zaterdag en zondag, gesloten',
    ]);
  });

  it('does not group days that are not consecutive or differ by their comment', () => {
    const lines = openingHoursInWords(
      [day(1, ['09:00', '12:00']), day(2), { ...day(3, ['09:00', '12:00']), comment: 'sur rendez-vous' }, day(4, ['09:00', '12:00'])],
      'en',
    );
    expect(lines.map((line) => line.days)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday']);
    expect(lines[2]!.hours).toBe('9:00–12:00 (sur rendez-vous)');
  });

  it('writes a day open around the clock as such', () => {
    expect(hoursInWords([{ from: '00:00', to: '24:00' }], 'en')).toBe('open 24 hours');
    expect(
      openingHoursInWords(
        [1, 2, 3, 4, 5, 6, 7].map((d) => day(d, ['00:00', '24:00'])),
        'nl',
      )[0]!.text,
    ).toBe('Maandag tot en met zondag, dag en nacht open');
  });
});
