// The ranking pieces of orientation search (decision 0030): Dutch decompounding, concept matching across
// languages, and the guided question of close results.
import { describe, expect, it } from 'vitest';
import { FILLER_WORDS, splitCompound } from './text.ts';
import { createConceptMatcher } from './thesaurus/concepts.ts';
import { CLOSE_SCORE_RATIO, guidedQuestionFor } from './service.ts';

describe('splitCompound', () => {
  const vocabulary = new Set(['water', 'factuur', 'belasting', 'brief', 'huur', 'waarborg', 'parkeer', 'kaart']);
  const known = (word: string) => vocabulary.has(word);

  it('splits a compound into two known words', () => {
    expect(splitCompound('waterfactuur', known)).toEqual(['water', 'factuur']);
    expect(splitCompound('huurwaarborg', known)).toEqual(['huur', 'waarborg']);
  });

  it('drops the link letters Dutch puts between the parts', () => {
    expect(splitCompound('belastingsbrief', known)).toEqual(['belasting', 'brief']);
  });

  it('leaves short words and words without two known parts alone', () => {
    expect(splitCompound('water', known)).toBeUndefined();
    expect(splitCompound('waterpolo', known)).toBeUndefined();
    expect(splitCompound('xyzzyblabla', known)).toBeUndefined();
  });
});

describe('concept matching', () => {
  const concepts = [
    { labels: { fr: ['huissier', 'huissier de justice'], nl: ['deurwaarder', 'incassobureau'], en: ['bailiff', 'debt collector'] } },
    { labels: { fr: ['mutuelle'], nl: ['ziekenfonds'], en: ['health insurance fund'] } },
  ];
  const stems = new Map([
    ['huissier', { fr: ['huissi'], nl: ['huissier'], en: ['huissier'] }],
    ['huissiers', { fr: ['huissi'], nl: ['huissier'], en: ['huissier'] }],
    ['deurwaarder', { fr: ['deurwaard'], nl: ['deurwaarder'], en: ['deurwaard'] }],
    ['bailiff', { fr: ['bailiff'], nl: ['bailiff'], en: ['bailiff'] }],
    ['mutuelle', { fr: ['mutuel'], nl: ['mutuell'], en: ['mutuell'] }],
    ['ziekenfonds', { fr: ['ziekenfond'], nl: ['ziekenfond'], en: ['ziekenfond'] }],
  ]);
  const matcher = createConceptMatcher(concepts, stems);

  it('finds a concept by a label in any language, whatever the language of the question', () => {
    // A Dutch question with a French administrative word.
    expect([...matcher.match(['mijn', 'mutuelle', 'veranderen'], stems).keys()]).toEqual([1]);
    expect([...matcher.match(['brief', 'van', 'de', 'deurwaarder'], stems).keys()]).toEqual([0]);
  });

  it('matches an inflected word through its stem in the label language', () => {
    expect(matcher.match(['deux', 'huissiers'], stems).get(0)).toEqual([1]);
  });

  it('matches multi-word labels only as a sequence', () => {
    expect(matcher.match(['health', 'insurance', 'fund'], stems).get(1)).toEqual(expect.arrayContaining([0, 1, 2]));
    expect(matcher.match(['insurance', 'health', 'fund'], new Map()).has(1)).toBe(false);
  });

  it('names nothing for words outside the thesaurus', () => {
    expect(matcher.match(['xyzzy', 'blabla'], new Map()).size).toBe(0);
  });
});

describe('filler words', () => {
  it('covers question words and the region’s name in the three languages, not words that carry a question', () => {
    for (const word of ['comment', 'hoe', 'how', 'bruxelles', 'brussel', 'brussels']) expect(FILLER_WORDS.has(word)).toBe(true);
    for (const word of ['demenager', 'verhuizen', 'moving', 'huissier', 'job']) expect(FILLER_WORDS.has(word)).toBe(false);
  });
});

describe('guidedQuestionFor', () => {
  const events = [
    { code: 'moving', name: { fr: 'Déménager', nl: 'Verhuizen', en: 'Moving house' } },
    { code: 'arriving-from-abroad', name: { fr: 'Arriver de l’étranger', nl: 'Aankomen uit het buitenland', en: 'Arriving in Belgium from abroad' } },
  ];
  const result = (code: string, score: number, lifeEvents: string[], coverage = 1) => ({ code, name: code, score, coverage, lifeEvents });

  it('asks which situation applies when close results belong to different life events', () => {
    const question = guidedQuestionFor(
      [result('change-of-address', 1, ['moving']), result('eu-citizen-registration', 0.95, ['arriving-from-abroad'])],
      events,
      'en',
    );
    expect(question?.options).toEqual([
      { lifeEvent: { code: 'moving', name: 'Moving house' }, service: { code: 'change-of-address', name: 'change-of-address' } },
      {
        lifeEvent: { code: 'arriving-from-abroad', name: 'Arriving in Belgium from abroad' },
        service: { code: 'eu-citizen-registration', name: 'eu-citizen-registration' },
      },
    ]);
  });

  it('does not ask when the first result is clearly ahead, or when the results share a life event', () => {
    expect(guidedQuestionFor([result('a', 1, ['moving']), result('b', CLOSE_SCORE_RATIO - 0.01, ['arriving-from-abroad'])], events, 'en')).toBeNull();
    expect(guidedQuestionFor([result('a', 1, ['moving']), result('b', 0.99, ['moving', 'arriving-from-abroad'])], events, 'en')).toBeNull();
    expect(guidedQuestionFor([result('a', 1, []), result('b', 0.99, ['moving'])], events, 'en')).toBeNull();
    // The second is a weak guess (no word of the question matched well).
    expect(guidedQuestionFor([result('a', 1, ['moving']), result('b', 0.99, ['arriving-from-abroad'], 0)], events, 'en')).toBeNull();
  });
});
