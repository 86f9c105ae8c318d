import { describe, expect, it } from 'vitest';
import { resolveText, translationCompleteness } from './texts.ts';

describe('multilingual texts of the competence center', () => {
  it('takes the three languages at once, requiring French and Dutch and letting English fall back', () => {
    expect(resolveText({ fr: 'a', nl: 'b', en: 'c' }, 'en', { fr: ' Titre ', nl: 'Titel', en: '  ' }, 'title')).toEqual({
      text: { fr: 'Titre', nl: 'Titel' },
      errors: [],
    });
    expect(resolveText(null, 'fr', { fr: '', en: 'Title' }, 'objectives.2.title').errors.map((e) => e.field)).toEqual([
      'objectives.2.title.fr',
      'objectives.2.title.nl',
    ]);
  });

  it('keeps the one-language edit of the API: unchanged keeps the translations, changed drops them', () => {
    const old = { fr: 'Charte', nl: 'Charter', en: 'Charter' };
    expect(resolveText(old, 'nl', 'Charter', 'title').text).toBe(old);
    expect(resolveText(old, 'nl', 'Onthaalcharter', 'title').text).toEqual({ nl: 'Onthaalcharter' });
  });

  it('says per language whether every text of a record is translated', () => {
    expect(translationCompleteness({ fr: 'a', nl: 'b', en: 'c' }, { fr: 'd', nl: 'e', en: ' ' })).toEqual({ fr: true, nl: true, en: false });
  });
});
