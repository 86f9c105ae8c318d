import { describe, expect, it } from 'vitest';
import { anonymiseQuery, fold, MAX_QUERY_WORDS, queryWords } from './text.ts';

describe('fold', () => {
  it('removes case and accents and expands ligatures', () => {
    expect(fold('Crèche ŒUVRE Déménagement')).toBe('creche oeuvre demenagement');
  });
});

describe('queryWords', () => {
  it('keeps letters and digits only, so SQL or HTML syntax never reaches the search', () => {
    expect(queryWords("'; DROP TABLE services; -- <script>alert(1)</script>")).toEqual(['drop', 'table', 'services', 'script', 'alert']);
  });
  it('gives nothing for emoji or punctuation only', () => {
    expect(queryWords('🙂🏠 !!! ')).toEqual([]);
  });
  it('caps the number of words of a very long query', () => {
    expect(queryWords('carte '.repeat(10) + Array.from({ length: 400 }, (_, i) => `mot${i}`).join(' '))).toHaveLength(MAX_QUERY_WORDS);
  });
});

describe('anonymiseQuery', () => {
  it('masks e-mail addresses and long numbers such as national numbers or phones', () => {
    expect(anonymiseQuery('jean.dupont@mail.be 85.07.30-033.61 permis')).toBe('[e-mail] [number] permis');
    expect(anonymiseQuery('x'.repeat(500))).toHaveLength(200);
  });
});
