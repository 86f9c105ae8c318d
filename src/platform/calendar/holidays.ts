// Public holidays of Belgium and of the Brussels-Capital Region, computed (no yearly data to maintain):
// fixed dates plus the moveable feasts that follow Easter (Gregorian computus).
//
// Which holidays apply to whom (docs/decisions/0006-opening-hours-and-holiday-calendars.md):
//  - 'be'        the ten legal public holidays of Belgium: federal bodies and everything not listed below;
//  - 'brussels'  'be' + 8 May, Iris Day (Fête de l'Iris / Irisfeest), the holiday of the Brussels-Capital
//                Region: the 19 communes, the 19 CPAS, the regional bodies and the bicommunity bodies
//                (Iriscare, Famiris), whose staff statutes give that day off;
//  - 'flemish'   'be' + 11 July, Day of the Flemish Community: VGC and the Flemish Community's bodies;
//  - 'french'    'be' + 27 September, Day of the French Community (Wallonia-Brussels Federation): COCOF
//                and the French Community's bodies.
// A contact point stores its own calendar (defaulting from its organisation), so an exception is one edit.
import type { LocalizedText } from '../i18n/languages.ts';

export const HOLIDAY_CALENDARS = ['be', 'brussels', 'flemish', 'french'] as const;
export type HolidayCalendarId = (typeof HOLIDAY_CALENDARS)[number];

export function isHolidayCalendar(value: unknown): value is HolidayCalendarId {
  return typeof value === 'string' && (HOLIDAY_CALENDARS as readonly string[]).includes(value);
}

export interface Holiday {
  /** Calendar date in Brussels, YYYY-MM-DD. */
  date: string;
  /** Stable code, e.g. "easter-monday", "iris-day". */
  code: string;
  name: LocalizedText & { fr: string; nl: string; en: string };
}

type Rule = { code: string; name: Holiday['name'] } & ({ month: number; day: number } | { easterOffset: number });

const NATIONAL: Rule[] = [
  { code: 'new-year', month: 1, day: 1, name: { fr: 'Nouvel An', nl: 'Nieuwjaar', en: 'New Year’s Day' } },
  { code: 'easter-monday', easterOffset: 1, name: { fr: 'Lundi de Pâques', nl: 'Paasmaandag', en: 'Easter Monday' } },
  { code: 'labour-day', month: 5, day: 1, name: { fr: 'Fête du Travail', nl: 'Dag van de Arbeid', en: 'Labour Day' } },
  { code: 'ascension', easterOffset: 39, name: { fr: 'Ascension', nl: 'Onze-Lieve-Heer-Hemelvaart', en: 'Ascension Day' } },
  { code: 'whit-monday', easterOffset: 50, name: { fr: 'Lundi de Pentecôte', nl: 'Pinkstermaandag', en: 'Whit Monday' } },
  { code: 'national-day', month: 7, day: 21, name: { fr: 'Fête nationale', nl: 'Nationale feestdag', en: 'Belgian National Day' } },
  { code: 'assumption', month: 8, day: 15, name: { fr: 'Assomption', nl: 'Onze-Lieve-Vrouw-Hemelvaart', en: 'Assumption Day' } },
  { code: 'all-saints', month: 11, day: 1, name: { fr: 'Toussaint', nl: 'Allerheiligen', en: 'All Saints’ Day' } },
  { code: 'armistice', month: 11, day: 11, name: { fr: 'Armistice', nl: 'Wapenstilstand', en: 'Armistice Day' } },
  { code: 'christmas', month: 12, day: 25, name: { fr: 'Noël', nl: 'Kerstmis', en: 'Christmas Day' } },
];

const EXTRA: Record<HolidayCalendarId, Rule[]> = {
  be: [],
  brussels: [
    {
      code: 'iris-day',
      month: 5,
      day: 8,
      name: { fr: 'Fête de l’Iris (Région de Bruxelles-Capitale)', nl: 'Irisfeest (Brussels Hoofdstedelijk Gewest)', en: 'Iris Day (Brussels-Capital Region)' },
    },
  ],
  flemish: [
    {
      code: 'flemish-community-day',
      month: 7,
      day: 11,
      name: { fr: 'Fête de la Communauté flamande', nl: 'Feestdag van de Vlaamse Gemeenschap', en: 'Day of the Flemish Community' },
    },
  ],
  french: [
    {
      code: 'french-community-day',
      month: 9,
      day: 27,
      name: { fr: 'Fête de la Fédération Wallonie-Bruxelles', nl: 'Feestdag van de Franse Gemeenschap', en: 'Day of the French Community' },
    },
  ],
};

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** YYYY-MM-DD of a calendar date (month 1-12); day overflow rolls into the next month. */
export function isoDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const yearCache = new Map<string, Holiday[]>();

/** The holidays of one calendar in one year, in date order. */
export function holidaysOf(calendar: HolidayCalendarId, year: number): Holiday[] {
  const key = `${calendar}:${year}`;
  const cached = yearCache.get(key);
  if (cached) return cached;
  const easter = easterSunday(year);
  const list = [...NATIONAL, ...EXTRA[calendar]]
    .map((rule) => ({
      code: rule.code,
      name: rule.name,
      date: 'easterOffset' in rule ? isoDate(year, easter.month, easter.day + rule.easterOffset) : isoDate(year, rule.month, rule.day),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
  yearCache.set(key, list);
  return list;
}

/** The holiday on a Brussels calendar date (YYYY-MM-DD), if any. */
export function holidayOn(calendar: HolidayCalendarId, date: string): Holiday | undefined {
  return holidaysOf(calendar, Number(date.slice(0, 4))).find((holiday) => holiday.date === date);
}

/** Holidays with from <= date <= to (both YYYY-MM-DD). */
export function holidaysBetween(calendar: HolidayCalendarId, from: string, to: string): Holiday[] {
  const result: Holiday[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of holidaysOf(calendar, year)) if (holiday.date >= from && holiday.date <= to) result.push(holiday);
  }
  return result;
}

const FLEMISH = new Set(['vgc', 'communaute-flamande', 'opgroeien', 'vdab-brussel', 'vaph', 'huis-van-het-nederlands']);
const FRENCH = new Set(['cocof', 'federation-wallonie-bruxelles', 'one', 'bruxelles-formation']);
const BRUSSELS_COMMUNITY = new Set(['iriscare', 'famiris']);

/** The calendar that applies by default to an organisation's contact points (see the header). */
export function calendarForOrganisation(org: { code: string; kind: string }): HolidayCalendarId {
  if (FLEMISH.has(org.code)) return 'flemish';
  if (FRENCH.has(org.code)) return 'french';
  if (org.kind === 'commune' || org.kind === 'cpas' || org.kind === 'regional' || BRUSSELS_COMMUNITY.has(org.code)) return 'brussels';
  return 'be';
}
