// Brussels wall-clock time, whatever the time zone of the process: an instant to its date and time in
// Europe/Brussels, and back (DST-aware through Intl, so no offset table to keep).
export const BRUSSELS = 'Europe/Brussels';

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, as Date.getDay(). */
  weekday: number;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: BRUSSELS,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  weekday: 'short',
});
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function brusselsWallClock(instant: Date): WallClock {
  const out: Record<string, string> = {};
  for (const part of parts.formatToParts(instant)) out[part.type] = part.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday!]!,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Brussels calendar date of an instant, YYYY-MM-DD. */
export function brusselsDate(instant: Date): string {
  const w = brusselsWallClock(instant);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Offset of Brussels from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function brusselsOffsetMinutes(instant: Date): number {
  const w = brusselsWallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which Brussels clocks show this date and time. A time skipped by the spring change
 * (02:00–03:00 on the last Sunday of March) is read with the winter offset, i.e. one hour later.
 */
export function fromBrusselsWallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = asUtc - brusselsOffsetMinutes(new Date(asUtc)) * 60_000;
  const second_ = asUtc - brusselsOffsetMinutes(new Date(guess)) * 60_000;
  if (second_ !== guess) guess = Math.max(second_, guess);
  return new Date(guess);
}

/** Midnight at the start of a Brussels date (YYYY-MM-DD). */
export function startOfBrusselsDay(date: string): Date {
  return fromBrusselsWallClock(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** A Brussels date plus n days (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A Date whose *local* fields (getHours, getDay…) show Brussels wall-clock time, for libraries that
 * evaluate in the process time zone (opening_hours). Convert results back with fromFakeLocal.
 */
export function toFakeLocal(instant: Date): Date {
  const w = brusselsWallClock(instant);
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, instant.getMilliseconds());
}

export function fromFakeLocal(fake: Date): Date {
  const real = fromBrusselsWallClock(fake.getFullYear(), fake.getMonth() + 1, fake.getDate(), fake.getHours(), fake.getMinutes(), fake.getSeconds());
  return new Date(real.getTime() + fake.getMilliseconds());
}

/** ISO 8601 with the Brussels offset, e.g. "2026-11-30T09:00:00+01:00" (API timestamps of local events). */
export function toBrusselsIso(instant: Date): string {
  const w = brusselsWallClock(instant);
  const offset = brusselsOffsetMinutes(instant);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "HH:MM" of an instant in Brussels. */
export function brusselsTimeOfDay(instant: Date): string {
  const w = brusselsWallClock(instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}
