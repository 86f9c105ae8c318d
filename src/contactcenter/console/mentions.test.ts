import { describe, expect, it } from 'vitest';
import { mentionTokens, mentionedColleagues } from './mentions.ts';

const colleagues = [
  { id: '1', displayName: 'Amira Agent', email: 'agent@demo.irisdesk.brussels' },
  { id: '2', displayName: 'Bram Backoffice', email: 'backoffice@demo.irisdesk.brussels' },
  { id: '3', displayName: 'Élodie Dupont', email: 'e.dupont@example.org' },
  { id: '4', displayName: 'Élodie Martin', email: 'e.martin@example.org' },
];

describe('mentions', () => {
  it('reads the words after an @, not e-mail addresses, without trailing dots', () => {
    expect(mentionTokens('Can you check, @Bram? Also @e.dupont. Mail x@y.org')).toEqual(['bram', 'e.dupont']);
  });

  it('finds colleagues by e-mail name, whole name or unique first name, accents and case aside', () => {
    const ids = (text: string) => mentionedColleagues(text, colleagues).map((c) => c.id);
    expect(ids('@backoffice please')).toEqual(['2']);
    expect(ids('@AmiraAgent and @amira')).toEqual(['1']);
    expect(ids('@elodie')).toEqual([]); // two Élodies: ambiguous, nobody
    expect(ids('@ElodieMartin')).toEqual(['4']);
    expect(ids('no mention here')).toEqual([]);
  });
});
