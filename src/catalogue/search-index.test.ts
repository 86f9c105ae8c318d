import { describe, expect, it } from 'vitest';
import { parseTsvector, trigramsOf } from './search-index.ts';
import { catalogueCsv } from './exports.ts';
import { isStale, translationCompleteness } from './draft-review.ts';
import type { ServiceRecord } from './repository.ts';

describe('parseTsvector', () => {
  it('keeps each lexeme with its best weight; positions without a letter are D', () => {
    const parsed = parseTsvector("'adress':2A,9C 'chang':1A 'd''o':4 'demenag':5B,6D");
    expect(Object.fromEntries(parsed)).toEqual({ adress: 'A', chang: 'A', "d'o": 'D', demenag: 'B' });
  });
});

describe('trigramsOf', () => {
  it('pads like pg_trgm, so a typo shares most trigrams with the right word', () => {
    expect([...trigramsOf('cat')]).toEqual(['  c', ' ca', 'cat', 'at ']);
  });
});

describe('catalogue exports and editing helpers', () => {
  const service = {
    code: 'x',
    name: { fr: '=HYPERLINK("evil")', nl: 'Naam', en: '' },
    summary: { fr: 'a "quoted" text', nl: 'b', en: 'c' },
    lifeEvents: [],
    audience: ['citizen'],
    theme: 'health-care',
    competentKind: 'commune',
    competentOrganisation: null,
    channels: ['counter'],
    appointment: true,
    keywords: {},
    lastReviewedAt: null,
  } as unknown as ServiceRecord;

  it('CSV neutralises formulas and doubles quotes', () => {
    const csv = catalogueCsv([service]);
    expect(csv).toContain(`"'=HYPERLINK(""evil"")"`);
    expect(csv).toContain('"a ""quoted"" text"');
    expect(csv).toContain('"every-commune"');
  });

  it('translation completeness needs a name and a summary per language; never reviewed is stale', () => {
    expect(translationCompleteness(service)).toEqual({ fr: true, nl: true, en: false });
    expect(isStale(service)).toBe(true);
    expect(isStale({ lastReviewedAt: new Date() })).toBe(false);
    expect(isStale({ lastReviewedAt: new Date(Date.now() - 400 * 86_400_000) })).toBe(true);
  });
});
