// The search stems query words in process (stemming.ts); the index's documents are stemmed by the database's
// trigger. The two must agree word for word, or a query word would miss its own service: checked here on every
// word of the seeded catalogue and thesaurus, on the engine the tests run on (PGlite or PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.ts';
import type { Database } from '../platform/db/database.ts';
import { stemWords } from './repository.ts';
import { stemWord } from './stemming.ts';
import { fold } from './text.ts';

let db: Database & { drop: () => Promise<void> };
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('stemWord', () => {
  it('gives the lexemes of to_tsvector(french|dutch|english, word) for every word of the catalogue and thesaurus', async () => {
    const { rows } = await db.query<{ text: string }>(
      `SELECT concat_ws(' ', name::text, summary::text, description::text, keywords::text, search_terms::text) AS text FROM services
       UNION ALL SELECT labels::text FROM search_concepts`,
    );
    const words = new Set<string>();
    for (const row of rows) for (const word of fold(row.text).split(/[^a-z0-9]+/)) if (word.length >= 2 && word.length <= 40) words.add(word);
    // Stop words of each language, words with digits (PostgreSQL keeps them whole), folded accents.
    for (const word of ['le', 'des', 'het', 'een', 'the', 'which', 'ete', 'etre', 'zijn', '1030', '1ere', 'b2', 'c4', 'h2o']) words.add(word);
    expect(words.size).toBeGreaterThan(3000);
    const reference = await stemWords(db, [...words]);
    const differences = [...words].filter((word) => JSON.stringify(stemWord(word)) !== JSON.stringify(reference.get(word)));
    expect(differences.map((word) => ({ word, database: reference.get(word), here: stemWord(word) }))).toEqual([]);
  });

  it('drops stop words per language and keeps words with digits unchanged', () => {
    expect(stemWord('het')).toEqual({ fr: ['het'], nl: [], en: ['het'] });
    expect(stemWord('1030')).toEqual({ fr: ['1030'], nl: ['1030'], en: ['1030'] });
    expect(stemWord('demenagement').fr).toEqual(['demenag']);
  });
});
