// Filters of survey results, as the API, the CSV and the results page take them: a period of whole Brussels
// days (`from`, `to`, both included), a source (`link`, `invitation`, or the channel of the contact that led
// to the invitation) and, for a regional survey, the organisation of that contact. Absent or empty values
// mean "no filter", so that callers without filters keep the output they had.
import { addDays, startOfBrusselsDay } from '../platform/calendar/brussels-time.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { CHANNELS } from './model.ts';
import { isUuid } from '../platform/http/schemas.ts';

/** `link` and `invitation` filter on how the response came; a channel on the contact behind an invitation. */
export const SOURCES = ['link', 'invitation', ...CHANNELS] as const;
export type Source = (typeof SOURCES)[number];

/** The query as it arrives (strings, possibly empty). */
export interface ResultFilterQuery {
  from?: string | undefined;
  to?: string | undefined;
  source?: string | undefined;
  organisation?: string | undefined;
}

/** The filters once read: null is "not filtered". `organisation` is still the code or id the caller gave. */
export interface ResultFilters {
  from: string | null;
  to: string | null;
  source: Source | null;
  organisation: string | null;
}

export const NO_FILTERS: ResultFilters = { from: null, to: null, source: null, organisation: null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
const isDay = (value: string) => DAY.test(value) && addDays(value, 0) === value;

/** Reads the filters; every problem is reported at once, on the field it belongs to. */
export function parseResultFilters(query: ResultFilterQuery): { filters: ResultFilters; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const text = (value: string | undefined) => (value ?? '').trim();
  const day = (field: 'from' | 'to') => {
    const value = text(query[field]);
    if (!value) return null;
    if (isDay(value)) return value;
    errors.push({ field, code: 'surveys.filter.invalidDate' });
    return null;
  };
  const from = day('from');
  const to = day('to');
  if (from && to && to < from) errors.push({ field: 'to', code: 'surveys.filter.periodOrder' });

  const sourceText = text(query.source);
  let source: Source | null = null;
  if (sourceText) {
    if ((SOURCES as readonly string[]).includes(sourceText)) source = sourceText as Source;
    else errors.push({ field: 'source', code: 'validation.enum', values: { allowedValues: SOURCES.join(', ') } });
  }

  const organisationText = text(query.organisation);
  let organisation: string | null = null;
  if (organisationText) {
    if ((CODE.test(organisationText) && organisationText.length <= 64) || isUuid(organisationText)) organisation = organisationText.toLowerCase();
    else errors.push({ field: 'organisation', code: 'validation.pattern' });
  }
  return { filters: { from, to, source, organisation }, errors };
}

export const isFiltered = (filters: ResultFilters) => Object.values(filters).some((value) => value !== null);

/** The instants a period covers: from the start of `from` to the start of the day after `to` (excluded). */
export function periodBounds(filters: Pick<ResultFilters, 'from' | 'to'>): { start: Date | null; end: Date | null } {
  return {
    start: filters.from ? startOfBrusselsDay(filters.from) : null,
    end: filters.to ? startOfBrusselsDay(addDays(filters.to, 1)) : null,
  };
}

/** The filters as query parameters (`?from=…&source=…`), with any extra ones first; '' when there are none. */
export function filtersQuery(filters: ResultFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const [key, value] of Object.entries(filters) as Array<[string, string | null]>) if (value !== null) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
