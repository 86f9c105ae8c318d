import { describe, expect, it } from 'vitest';
import { changedFields } from './draft-review.ts';
import type { ServiceContent } from './repository.ts';

const live: ServiceContent = {
  name: { fr: 'Carte', nl: 'Kaart', en: 'Card' },
  summary: { fr: 'Résumé', nl: 'Samenvatting', en: '' },
  description: {},
  evidence: {},
  cost: {},
  processingTime: {},
  keywords: { fr: ['a', 'b'], nl: [], en: [] },
  audience: ['citizen', 'business'],
  lifeEvents: ['moving'],
  theme: 'identity',
  competentKind: 'organisation',
  competentOrganisation: 'commune-schaerbeek',
  channels: ['counter', 'online'],
  appointment: false,
};

describe('changedFields', () => {
  it('finds nothing when only whitespace, missing-vs-empty texts or the order of a set differ', () => {
    expect(
      changedFields(live, {
        ...live,
        name: { fr: ' Carte ', nl: 'Kaart', en: 'Card' },
        description: { fr: '', nl: '', en: '' },
        audience: ['business', 'citizen'],
        channels: ['online', 'counter'],
      }),
    ).toEqual([]);
  });

  it('names localized fields per language, keyword lists per language (order matters), and the other fields once', () => {
    expect(
      changedFields(live, {
        ...live,
        name: { ...live.name, en: 'Identity card' },
        summary: { ...live.summary, en: 'Summary' },
        keywords: { fr: ['b', 'a'], nl: [], en: ['id'] },
        theme: 'family',
        competentKind: 'commune',
        competentOrganisation: null,
        appointment: true,
        lifeEvents: [],
      }),
    ).toEqual(['name.en', 'summary.en', 'keywords.fr', 'keywords.en', 'lifeEvents', 'theme', 'competent', 'appointment']);
  });
});
