// Reading the results filters (days, source, organisation; every problem on its field) and the
// per-organisation breakdown with its suppression outside the owner.
import { describe, expect, it } from 'vitest';
import { filtersQuery, isFiltered, NO_FILTERS, parseResultFilters, periodBounds } from './filters.ts';
import { organisationBreakdown, type OrganisationCount } from './results.ts';

describe('parseResultFilters', () => {
  it('reads nothing as no filter, and empty form fields too', () => {
    expect(parseResultFilters({})).toEqual({ filters: NO_FILTERS, errors: [] });
    expect(parseResultFilters({ from: '', to: ' ', source: '', organisation: '' })).toEqual({ filters: NO_FILTERS, errors: [] });
    expect(isFiltered(NO_FILTERS)).toBe(false);
  });

  it('reads a period, a source and an organisation code or id', () => {
    const id = '0B6E3C1A-3A8E-4C7D-9A55-1F2E3D4C5B6A';
    expect(parseResultFilters({ from: '2026-03-01', to: '2026-03-01', source: 'phone', organisation: 'commune-ixelles' })).toEqual({
      filters: { from: '2026-03-01', to: '2026-03-01', source: 'phone', organisation: 'commune-ixelles' },
      errors: [],
    });
    expect(parseResultFilters({ source: 'link', organisation: id }).filters).toMatchObject({ source: 'link', organisation: id.toLowerCase() });
  });

  it('reports every bad value on its own field', () => {
    expect(parseResultFilters({ from: '2026-02-30', to: '31/03/2026', source: 'fax', organisation: 'Commune Ixelles' }).errors).toEqual([
      { field: 'from', code: 'surveys.filter.invalidDate' },
      { field: 'to', code: 'surveys.filter.invalidDate' },
      { field: 'source', code: 'validation.enum', values: { allowedValues: 'link, invitation, phone, email, web, counter, post, chat, video, other' } },
      { field: 'organisation', code: 'validation.pattern' },
    ]);
    expect(parseResultFilters({ from: '2026-03-02', to: '2026-03-01' }).errors).toEqual([{ field: 'to', code: 'surveys.filter.periodOrder' }]);
  });
});

describe('periodBounds', () => {
  it('covers whole Brussels days, the last one included, across a clock change', () => {
    // 29 March 2026: Brussels goes from UTC+1 to UTC+2.
    expect(periodBounds({ from: '2026-03-29', to: '2026-03-29' })).toEqual({ start: new Date('2026-03-28T23:00:00Z'), end: new Date('2026-03-29T22:00:00Z') });
    expect(periodBounds({ from: null, to: '2026-12-31' })).toEqual({ start: null, end: new Date('2026-12-31T23:00:00Z') });
  });
});

describe('filtersQuery', () => {
  it('carries the filters applied after the extra parameters, and nothing when there are none', () => {
    expect(filtersQuery({ ...NO_FILTERS, from: '2026-03-01', source: 'link' }, { lang: 'nl' })).toBe('?lang=nl&from=2026-03-01&source=link');
    expect(filtersQuery(NO_FILTERS)).toBe('');
  });
});

describe('organisationBreakdown', () => {
  const row = (code: string, responses: number): OrganisationCount => ({ organisationId: `id-${code}`, code, name: { fr: code }, responses });

  it('shows every count to the owner', () => {
    expect(organisationBreakdown([row('a', 3), row('b', 40)], { suppress: false }).map((r) => r.responses)).toEqual([3, 40]);
  });

  it('hides counts under 10 outside the owner, and the next smallest when only one is hidden', () => {
    const lone = organisationBreakdown([row('a', 3), row('b', 40), row('c', 12)], { suppress: true });
    expect(lone.map((r) => [r.code, r.responses, r.suppressed])).toEqual([
      ['a', null, true],
      ['b', 40, false],
      ['c', null, true],
    ]);
    const two = organisationBreakdown([row('a', 3), row('b', 9), row('c', 12)], { suppress: true });
    expect(two.map((r) => r.responses)).toEqual([null, null, 12]);
    expect(organisationBreakdown([row('a', 3)], { suppress: true })[0]).toMatchObject({ responses: null, suppressed: true });
  });
});
