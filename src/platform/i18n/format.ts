// Dates, times and numbers in the user's language, always in Brussels time.
import { LOCALES, type Language } from './languages.ts';

export const TIME_ZONE = 'Europe/Brussels';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

export function formatDate(value: Date, lang: Language): string {
  return cached(`d:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: TIME_ZONE })).format(value);
}

export function formatDateTime(value: Date, lang: Language): string {
  return cached(`dt:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE })).format(value);
}

export function formatTime(value: Date, lang: Language): string {
  return cached(`t:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { timeStyle: 'short', timeZone: TIME_ZONE })).format(value);
}

export function formatNumber(value: number, lang: Language, fractionDigits = 0): string {
  return cached(
    `n:${lang}:${fractionDigits}`,
    () => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }),
  ).format(value);
}
