import { describe, expect, it } from 'vitest';
import { decompound, parseTsvector, trigramsOf } from './search-index.ts';
import { catalogueCsv } from './exports.ts';
import { isStale, translationCompleteness } from './draft-review.ts';
import type { ServiceRecord } from './repository.ts';

describe('parseTsvector', () => {
  it('keeps each lexeme with its best weight; positions without a letter are D', () => {
    const parsed = parseTsvector("'adress':2A,9C 'chang':1A 'd''o':4 'demenag':5B,6D");
    expect(Object.fromEntries(parsed)).toEqual({ adress: 'A', chang: 'A', "d'o": 'D', demenag: 'B' });
  });
});

describe('decompound', () => {
  it('posts the parts of a Dutch compound the index also holds, the tail weighing more than the head', () => {
    const postings = new Map([
      ['huurtoelag', { doc: [0], weight: [1] }],
      ['huur', { doc: [1, 0], weight: [0.7, 0.15] }],
      ['toelag', { doc: [2], weight: [1] }],
      ['bewonerskaart', { doc: [3], weight: [0.7] }], // "bewoner" is unknown here: not split
      ['kaart', { doc: [4], weight: [1] }],
      ['kaartjes', { doc: [5], weight: [1] }], // no known tail of four letters or more
    ]);
    decompound(postings);
    expect(postings.get('toelag')).toEqual({ doc: [2, 0], weight: [1, 0.9] });
    // Doc 0 already had "huur" weakly (a description word): its compound in the name lifts it to the head's share.
    expect(postings.get('huur')).toEqual({ doc: [1, 0], weight: [0.7, 0.6] });
    expect(postings.get('kaart')).toEqual({ doc: [4], weight: [1] });
    expect(postings.has('bewoner')).toBe(false);
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
