// Figures as people read them, in the page's language: a count ("1,920"), a share ("60.3%", "60,3 %"), a
// score, a duration; and the change between two periods in the figure's own unit — a count changes by a count
// ("+518", never "+518.0"), a share or a score by points ("+2.3 points"), a duration by minutes or hours.
import { LOCALES, type Language } from '../../i18n/languages.ts';
import type { Translate } from '../../i18n/messages.ts';

export type FigureUnit = 'count' | 'percent' | 'score' | 'minutes' | 'hours';

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], options);
    formats.set(key, format);
  }
  return format;
}

/** A number with a fixed count of decimals: "1,920" (EN), "1.920" (NL), "1 920" (FR). */
export function formatDecimal(value: number, lang: Language, digits = 0): string {
  return numberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A share given in percent (0–100): "60.3%" (EN), "60,3%" (NL), "60,3 %" (FR). */
export function formatPercent(value: number, lang: Language, digits = 1): string {
  return numberFormat(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value / 100);
}

/** A figure in its unit; "–" when there is none. Scores keep one decimal, counts none. */
export function formatFigure(value: number | null, unit: FigureUnit, lang: Language, t: Translate): string {
  if (value === null) return '–';
  switch (unit) {
    case 'count':
      return formatDecimal(value, lang);
    case 'percent':
      return formatPercent(value, lang);
    case 'score':
      return formatDecimal(value, lang, 1);
    case 'minutes':
      return t('charts.unit.minutes', { value: formatDecimal(value, lang, 1) });
    case 'hours':
      return t('charts.unit.hours', { value: formatDecimal(value, lang, 1) });
  }
}

/** The signed change from `previous` to `current` in the figure's unit; "–" when either is missing. */
export function formatChange(current: number | null, previous: number | null, unit: FigureUnit, lang: Language, t: Translate): string {
  if (current === null || previous === null) return '–';
  const digits = unit === 'count' ? 0 : 1;
  // Rounded by size, then signed: a fall of 1.25 reads −1.3 like a rise of 1.25 reads +1.3.
  const raw = current - previous;
  const size = Math.round(Math.abs(raw) * 10 ** digits) / 10 ** digits;
  const sign = size === 0 ? '±' : raw > 0 ? '+' : '−';
  const value = `${sign}${formatDecimal(size, lang, digits)}`;
  switch (unit) {
    case 'count':
      return value;
    case 'percent':
      return t('charts.change.percentPoints', { count: size, value });
    case 'score':
      return t('charts.change.points', { count: size, value });
    case 'minutes':
      return t('charts.unit.minutes', { value });
    case 'hours':
      return t('charts.unit.hours', { value });
  }
}

/** A share as "n in 10 people" (rounded to the nearest whole person): 80 → 8, 75 → 8, 74.9 → 7. */
export function outOfTen(percent: number): number {
  return Math.round(percent / 10);
}
