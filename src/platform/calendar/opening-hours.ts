// Opening hours in the OpenStreetMap `opening_hours` syntax, evaluated in Europe/Brussels with the public
// holidays of our own calendars (holidays.ts), whatever the process time zone.
//
// Two things the opening_hours package does not do for us, handled here:
//  - it evaluates in the process's local time zone: we hand it "fake local" dates whose local fields show
//    Brussels wall-clock time, and convert its answers back (brussels-time.ts);
//  - its Belgian holiday data has only the national days (no 8 May for Brussels, no community days): every
//    `PH` rule selector is rewritten to the explicit dates of the chosen calendar before parsing, so the
//    package never uses its own holiday data. `PH` inside a weekday list ("Mo-Fr,PH") cannot be rewritten
//    that way and is refused with a message asking for a separate rule ("Mo-Fr 09:00-17:00; PH off").
//
// The schedule also provides the business-hours arithmetic that SLA timers reuse: is open at, open
// intervals, add N business minutes, business minutes between two instants.
import OpeningHoursParser from 'opening_hours';
import { addDays, brusselsDate, fromFakeLocal, startOfBrusselsDay, toFakeLocal } from './brussels-time.ts';
import { holidaysBetween, type HolidayCalendarId } from './holidays.ts';

const BRUSSELS_NOMINATIM = { lat: 50.8466, lon: 4.3528, address: { country_code: 'be', state: '' } };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Holidays are written out for this many years around the evaluated instants. */
const YEAR_MARGIN = 1;

export class OpeningHoursError extends Error {
  constructor(
    /** Why the value is refused: 'syntax' (the parser's message is in `detail`), 'ph_in_list', 'empty', 'too_long', 'unsupported'. */
    readonly reason: 'syntax' | 'ph_in_list' | 'empty' | 'too_long' | 'unsupported',
    readonly detail = '',
  ) {
    super(`invalid opening_hours (${reason})${detail ? `: ${detail}` : ''}`);
    this.name = 'OpeningHoursError';
  }
}

export const OPENING_HOURS_MAX_LENGTH = 1000;

/** Splits a value into [text, isQuotedComment] pieces so rewrites never touch comments. */
function outsideComments(value: string, fn: (text: string) => string): string {
  return value
    .split(/("[^"]*")/)
    .map((piece) => (piece.startsWith('"') && piece.endsWith('"') && piece.length >= 2 ? piece : fn(piece)))
    .join('');
}

/** Replaces every PH selector by the explicit holiday dates of the calendar for the years given. */
export function rewritePublicHolidays(value: string, calendar: HolidayCalendarId | null, fromYear: number, toYear: number): string {
  // Without a calendar (the regular week), PH is a date that never comes.
  const holidays = calendar ? holidaysBetween(calendar, `${fromYear}-01-01`, `${toYear}-12-31`) : [{ date: '1970-01-01' }];
  const dates = holidays.map((holiday) => {
    const [year, month, day] = holiday.date.split('-');
    return `${year} ${MONTHS[Number(month) - 1]} ${day}`;
  });
  return outsideComments(value, (text) => text.replace(/\bPH\b/gi, dates.join(',')));
}

const silentConsole = <T>(fn: () => T): T => {
  // The parser prints some errors on the console before throwing them; we report them ourselves.
  const original = console.error;
  console.error = () => undefined;
  try {
    return fn();
  } finally {
    console.error = original;
  }
};

function parse(value: string): InstanceType<typeof OpeningHoursParser> {
  return silentConsole(
    () => new OpeningHoursParser(value, BRUSSELS_NOMINATIM, { mode: 0, tag_key: undefined, map_value: undefined, warnings_severity: 4, locale: 'en' }),
  );
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .trim()
    .slice(0, 300);
}

/** Checks a value; throws OpeningHoursError with the reason when it cannot be used. */
export function validateOpeningHours(value: string, calendar: HolidayCalendarId = 'brussels'): void {
  if (value.trim() === '') throw new OpeningHoursError('empty');
  if (value.length > OPENING_HOURS_MAX_LENGTH) throw new OpeningHoursError('too_long');
  const year = new Date().getUTCFullYear();
  try {
    parse(rewritePublicHolidays(value, calendar, year, year + 1));
  } catch (error) {
    // Valid for the package with its own holidays but not once rewritten: PH was used inside a list.
    let validOriginally = false;
    try {
      parse(value);
      validOriginally = true;
    } catch {
      /* the original is wrong too */
    }
    if (validOriginally && /\bPH\b/i.test(value)) throw new OpeningHoursError('ph_in_list');
    const message = firstLine(error);
    if (/\bSH\b/.test(value) && /SH/.test(message)) throw new OpeningHoursError('unsupported', 'SH');
    throw new OpeningHoursError('syntax', message);
  }
}

export interface Interval {
  start: Date;
  end: Date;
}

export interface OpeningSchedule {
  readonly value: string;
  readonly calendar: HolidayCalendarId | null;
  /** True when open at that instant (an "unknown" state, e.g. "by appointment" comments, counts as closed). */
  isOpenAt(at: Date): boolean;
  /** The comment of the rule that applies at that instant ("sur rendez-vous"), if any. */
  commentAt(at: Date): string | undefined;
  /** The next instant the state changes after `at`, within the horizon (default 14 days). */
  nextChange(at: Date, horizonDays?: number): Date | undefined;
  /** Open intervals overlapping [from, to), clipped to it, in order. */
  openIntervals(from: Date, to: Date): Interval[];
  /** The instant reached after `minutes` of opening time from `from` (SLA deadlines). */
  addBusinessMinutes(from: Date, minutes: number): Date;
  /** Opening time between two instants, in minutes (0 when to <= from). */
  businessMinutesBetween(from: Date, to: Date): number;
}

/**
 * Parses opening hours for evaluation in Brussels with a holiday calendar (null: no holidays, for showing
 * the regular week); throws OpeningHoursError.
 */
export function openingSchedule(value: string, calendar: HolidayCalendarId | null): OpeningSchedule {
  validateOpeningHours(value, calendar ?? 'be');
  const parsers = new Map<string, InstanceType<typeof OpeningHoursParser>>();
  const parserFor = (from: Date, to: Date = from) => {
    const fromYear = Number(brusselsDate(from).slice(0, 4)) - YEAR_MARGIN;
    const toYear = Number(brusselsDate(to).slice(0, 4)) + YEAR_MARGIN;
    const key = `${fromYear}:${toYear}`;
    let parser = parsers.get(key);
    if (!parser) {
      parser = parse(rewritePublicHolidays(value, calendar, fromYear, toYear));
      parsers.set(key, parser);
    }
    return parser;
  };

  const openIntervals = (from: Date, to: Date): Interval[] => {
    if (to <= from) return [];
    const raw = parserFor(from, to).getOpenIntervals(toFakeLocal(from), toFakeLocal(to));
    const result: Interval[] = [];
    for (const [start, end, unknown] of raw) {
      if (unknown) continue;
      const interval = { start: fromFakeLocal(start), end: fromFakeLocal(end) };
      if (interval.start < from) interval.start = from;
      if (interval.end > to) interval.end = to;
      if (interval.end <= interval.start) continue;
      const last = result[result.length - 1];
      if (last && last.end.getTime() === interval.start.getTime()) last.end = interval.end;
      else result.push(interval);
    }
    return result;
  };

  return {
    value,
    calendar,
    isOpenAt(at) {
      const parser = parserFor(at);
      const fake = toFakeLocal(at);
      return parser.getState(fake) && !parser.getUnknown(fake);
    },
    commentAt(at) {
      return parserFor(at).getComment(toFakeLocal(at)) ?? undefined;
    },
    nextChange(at, horizonDays = 14) {
      const limit = new Date(at.getTime() + horizonDays * 86_400_000);
      const next = parserFor(at, limit).getNextChange(toFakeLocal(at), toFakeLocal(limit));
      return next ? fromFakeLocal(next) : undefined;
    },
    openIntervals,
    addBusinessMinutes(from, minutes) {
      if (minutes <= 0) return from;
      let remaining = minutes * 60_000;
      let windowStart = from;
      // Look ahead a month at a time, for at most two years: a schedule never open has no deadline.
      for (let step = 0; step < 25; step++) {
        const windowEnd = startOfBrusselsDay(addDays(brusselsDate(windowStart), 31));
        for (const interval of openIntervals(windowStart, windowEnd)) {
          const length = interval.end.getTime() - interval.start.getTime();
          if (length >= remaining) return new Date(interval.start.getTime() + remaining);
          remaining -= length;
        }
        windowStart = windowEnd;
      }
      throw new OpeningHoursError('unsupported', 'no opening time within two years');
    },
    businessMinutesBetween(from, to) {
      let total = 0;
      for (const interval of openIntervals(from, to)) total += interval.end.getTime() - interval.start.getTime();
      return total / 60_000;
    },
  };
}

// ---- Opening hours in words (issue 15): what a citizen reads instead of the notation.

/** The open intervals of one weekday, as "HH:MM" Brussels times (an interval reaching midnight ends at "24:00"). */
export interface WeekdayOpening {
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  intervals: ReadonlyArray<{ from: string; to: string }>;
  /** The comment of the day's rule ("sur rendez-vous"), shown beside its hours. */
  comment?: string | null | undefined;
}

/** One line of a week: "Monday to Friday" and "9:00–12:30 and 13:30–16:00"; `text` joins them. */
export interface OpeningLine {
  days: string;
  hours: string;
  text: string;
}

type WordsLanguage = 'fr' | 'nl' | 'en';
const WORD_LOCALES: Record<WordsLanguage, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

// How each language writes days, times and ranges: "du lundi au vendredi, de 9 h à 12 h 30",
// "maandag tot en met vrijdag, van 9.00 tot 12.30 uur", "Monday to Friday, 9:00–12:30".
const WORDS: Record<
  WordsLanguage,
  {
    closed: string;
    allDay: string;
    range: (a: string, b: string) => string;
    time: (h: number, m: number) => string;
    interval: (a: string, b: string) => string;
    end: string;
  }
> = {
  fr: {
    closed: 'fermé',
    allDay: 'ouvert 24 h sur 24',
    range: (a, b) => `du ${a} au ${b}`,
    time: (h, m) => `${h}\u00a0h${m ? `\u00a0${String(m).padStart(2, '0')}` : ''}`,
    interval: (a, b) => `de ${a} à ${b}`,
    end: '',
  },
  nl: {
    closed: 'gesloten',
    allDay: 'dag en nacht open',
    range: (a, b) => `${a} tot en met ${b}`,
    time: (h, m) => `${h}.${String(m).padStart(2, '0')}`,
    interval: (a, b) => `van ${a} tot ${b}`,
    end: ' uur',
  },
  en: {
    closed: 'closed',
    allDay: 'open 24 hours',
    range: (a, b) => `${a} to ${b}`,
    time: (h, m) => `${h}:${String(m).padStart(2, '0')}`,
    interval: (a, b) => `${a}–${b}`,
    end: '',
  },
};

const capitalise = (text: string, locale: string) => text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);

function weekdayWord(weekday: number, lang: WordsLanguage): string {
  // 1 January 2024 was a Monday; French and Dutch write weekdays in lower case inside a sentence.
  return new Intl.DateTimeFormat(WORD_LOCALES[lang], { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

function timeWord(value: string, lang: WordsLanguage): string {
  const [hours, minutes] = value.split(':').map(Number) as [number, number];
  return WORDS[lang].time(hours, minutes);
}

/** The hours of one day in words: "de 9 h à 12 h 30 et de 13 h 30 à 16 h", "closed", "open 24 hours". */
export function hoursInWords(intervals: ReadonlyArray<{ from: string; to: string }>, lang: WordsLanguage): string {
  const words = WORDS[lang];
  if (intervals.length === 0) return words.closed;
  if (intervals.length === 1 && intervals[0]!.from === '00:00' && intervals[0]!.to === '24:00') return words.allDay;
  const parts = intervals.map((interval) => words.interval(timeWord(interval.from, lang), timeWord(interval.to, lang)));
  return new Intl.ListFormat(WORD_LOCALES[lang], { type: 'conjunction' }).format(parts) + words.end;
}

/**
 * A week of opening hours in words, consecutive days with the same hours (and comment) grouped:
 * "Monday to Friday, 9:00–12:30 and 13:30–16:00", "Saturday and Sunday, closed".
 */
export function openingHoursInWords(week: readonly WeekdayOpening[], lang: WordsLanguage): OpeningLine[] {
  const key = (day: WeekdayOpening) => JSON.stringify([day.intervals.map((i) => [i.from, i.to]), day.comment ?? null]);
  const groups: WeekdayOpening[][] = [];
  for (const day of [...week].sort((a, b) => a.weekday - b.weekday)) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous && previous.weekday + 1 === day.weekday && key(previous) === key(day)) last.push(day);
    else groups.push([day]);
  }
  const and = new Intl.ListFormat(WORD_LOCALES[lang], { type: 'conjunction' });
  return groups.map((group) => {
    const first = weekdayWord(group[0]!.weekday, lang);
    const last = weekdayWord(group[group.length - 1]!.weekday, lang);
    const days = capitalise(group.length === 1 ? first : group.length === 2 ? and.format([first, last]) : WORDS[lang].range(first, last), WORD_LOCALES[lang]);
    const comment = group[0]!.comment;
    const hours = hoursInWords(group[0]!.intervals, lang) + (comment ? ` (${comment})` : '');
    return { days, hours, text: `${days}, ${hours}` };
  });
}
