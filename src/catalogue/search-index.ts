// The in-memory search index of the published catalogue.
//
// Why in memory: ranking an OR-query over three stemmed tsvectors in SQL took 600–1,000 ms per search on
// PGlite at 5,000 services (measured, see docs/performance.md), far from the 10 ms target. PostgreSQL still
// does the language work: the trigger-maintained tsvectors (unaccent + the french/dutch/english stemmers) are
// the index's source, and query words are stemmed by the same configurations (cached per word). The index
// ranks with IDF, so rare words weigh more than "card" or "house".
//
// Freshness: edits through this instance rebuild it at once (invalidate()); other instances notice a change
// within REFRESH_MS by comparing the catalogue's count and last update time.
//
// The ranking machinery is generic (createTextIndex): any module with per-language tsvectors can index its
// documents the same way (the knowledge base does); createSearchIndex is the catalogue's use of it.
import type { Queryable } from '../platform/db/database.ts';
import { LANGUAGES, type Language } from '../platform/i18n/languages.ts';
import type { Keywords, SearchHit } from './repository.ts';
import * as repo from './repository.ts';
import { fold } from './text.ts';

const REFRESH_MS = 5_000;
/** Weight of a word by where it appears: name (A), keywords (B), summary (C), description (D). */
const WEIGHT: Record<string, number> = { A: 1, B: 0.7, C: 0.35, D: 0.15 };
const OTHER_LANGUAGE_FACTOR = 0.5;
const TYPO_FACTOR = 0.8;
const PHRASE_BONUS = 0.3;

interface Doc<T> {
  /** Stable tie-break key (the catalogue's service code). */
  key: string;
  item: T;
  /** Folded name and keywords per language, for the phrase bonus. */
  phraseText: Record<Language, string>;
}

/** One document of a text index: its tsvectors, the texts of the phrase bonus and of typo correction. */
export interface IndexDocument<T> {
  key: string;
  item: T;
  /** PostgreSQL's text form of the document's tsvector in each language (weights A–D). */
  tsv: Record<Language, string>;
  /** Per language, the text a whole query earns the phrase bonus in (name and keywords). */
  phrase: Record<Language, string>;
  /** Text whose words typo correction may suggest. */
  vocabulary: string;
}

/** Where an index reads its documents, and a cheap stamp that changes whenever they do. */
export interface IndexSource<T> {
  stamp(db: Queryable): Promise<string>;
  load(db: Queryable): Promise<Array<IndexDocument<T>>>;
}

interface Index<T> {
  docs: Array<Doc<T>>;
  /** language -> lexeme -> postings (doc index, weight) */
  postings: Record<Language, Map<string, { doc: number[]; weight: number[] }>>;
  vocabulary: Set<string>;
  trigrams: Map<string, string[]>;
  /** Trigram count of each vocabulary word. */
  trigramCount: Map<string, number>;
  /** Per-search working memory (one Float64Array per language, and one for a word's best weight per doc). */
  scratch: { score: Record<Language, Float64Array>; best: Float64Array };
  stamp: string;
  checkedAt: number;
  /** Increases with every build: answers computed from an older index are stale. */
  generation: number;
}

export function trigramsOf(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Parses PostgreSQL's text form of a tsvector: 'lexeme':1A,5B 'other':3 -> lexeme -> best weight letter. */
export function parseTsvector(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of text.matchAll(/'((?:[^']|'')+)'(?::([0-9A-D,]+))?/g)) {
    const lexeme = match[1]!.replaceAll("''", "'");
    const letters = (match[2] ?? '').replace(/[0-9,]/g, '');
    let best = 'D';
    for (const letter of letters) if (letter < best) best = letter;
    out.set(lexeme, best);
  }
  return out;
}

/** The catalogue's search index over published services. */
export function createSearchIndex(db: Queryable) {
  const core = createTextIndex<Omit<SearchHit, 'score'>>(db, {
    stamp: async (q) => {
      const { rows } = await q.query<{ stamp: string }>(
        `SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') AS stamp FROM services WHERE status = 'published'`,
      );
      return rows[0]!.stamp;
    },
    load: async (q) =>
      (await repo.loadSearchDocuments(q)).map((row) => ({
        key: row.code,
        item: { code: row.code, name: row.name, summary: row.summary, competentKind: row.competentKind, competentOrganisation: row.competentOrganisation },
        tsv: row.tsv,
        phrase: Object.fromEntries(LANGUAGES.map((lang) => [lang, `${row.name[lang] ?? ''} ${(row.keywords[lang] ?? []).join(' ')}`])) as Record<Language, string>,
        vocabulary: LANGUAGES.map((l) => `${row.name[l] ?? ''} ${row.summary[l] ?? ''} ${(row.keywords[l] ?? []).join(' ')}`).join(' '),
      })),
  });
  return {
    invalidate: core.invalidate,
    generation: core.generation,
    async search(words: string[], lang: Language, limit: number, compounds: string[] = []): Promise<SearchHit[]> {
      return (await core.search(words, lang, limit, compounds)).map(({ item, score }) => ({ ...item, score }));
    },
  };
}

/**
 * A ranked, typo-tolerant, multilingual in-memory index over any documents with per-language tsvectors.
 * `search` takes an optional `accept` filter (visibility, owner, linked service…), applied before ranking, so a
 * filtered search still returns the best `limit` accepted documents.
 */
export function createTextIndex<T>(db: Queryable, source: IndexSource<T>) {
  type Idx = Index<T>;
  let index: Idx | undefined;
  let building: Promise<Idx> | undefined;
  const stems = new Map<string, Record<Language, string[]>>();
  let builds = 0;

  const stamp = () => source.stamp(db);

  async function build(): Promise<Idx> {
    const currentStamp = await stamp();
    const rows = await source.load(db);
    const postings = { fr: new Map(), nl: new Map(), en: new Map() } as Idx['postings'];
    const vocabulary = new Set<string>();
    const docs: Array<Doc<T>> = rows.map((row, docIndex) => {
      for (const lang of LANGUAGES) {
        for (const [lexeme, letter] of parseTsvector(row.tsv[lang])) {
          let list = postings[lang].get(lexeme);
          if (!list) postings[lang].set(lexeme, (list = { doc: [], weight: [] }));
          list.doc.push(docIndex);
          list.weight.push(WEIGHT[letter]!);
        }
      }
      const phraseText = Object.fromEntries(
        LANGUAGES.map((lang) => [lang, ` ${fold(row.phrase[lang]).replace(/[^a-z0-9]+/g, ' ')} `]),
      ) as Record<Language, string>;
      for (const word of fold(row.vocabulary).split(/[^a-z0-9]+/)) {
        if (word.length >= 3 && word.length <= 40 && !/^\d+$/.test(word)) vocabulary.add(word);
      }
      return { key: row.key, item: row.item, phraseText };
    });
    const trigrams = new Map<string, string[]>();
    const trigramCount = new Map<string, number>();
    for (const word of vocabulary) {
      const grams = trigramsOf(word);
      trigramCount.set(word, grams.size);
      for (const gram of grams) {
        let list = trigrams.get(gram);
        if (!list) trigrams.set(gram, (list = []));
        list.push(word);
      }
    }
    const n = docs.length;
    const scratch = { score: { fr: new Float64Array(n), nl: new Float64Array(n), en: new Float64Array(n) }, best: new Float64Array(n) };
    return { docs, postings, vocabulary, trigrams, trigramCount, scratch, stamp: currentStamp, checkedAt: Date.now(), generation: ++builds };
  }

  /** The index; a due freshness check runs in the background, so a search never waits for the database. */
  async function current(): Promise<Idx> {
    if (index) {
      if (Date.now() - index.checkedAt >= REFRESH_MS && !building) {
        const checked = index;
        checked.checkedAt = Date.now();
        void stamp()
          .then(async (now) => {
            if (now !== checked.stamp && index === checked) {
              building ??= build().finally(() => (building = undefined));
              index = await building;
            }
          })
          .catch(() => undefined);
      }
      return index;
    }
    building ??= build().finally(() => (building = undefined));
    index = await building;
    return index;
  }

  /** The nearest known words of a word missing from the vocabulary (trigram similarity, as pg_trgm). */
  function corrections(idx: Idx, word: string): string[] {
    if (word.length < 4 || idx.vocabulary.has(word)) return [];
    const grams = trigramsOf(word);
    const shared = new Map<string, number>();
    for (const gram of grams) for (const candidate of idx.trigrams.get(gram) ?? []) shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
    const scored: Array<{ word: string; similarity: number }> = [];
    for (const [candidate, common] of shared) {
      const similarity = common / (grams.size + idx.trigramCount.get(candidate)! - common);
      if (similarity >= 0.3) scored.push({ word: candidate, similarity });
    }
    return scored
      .sort((a, b) => b.similarity - a.similarity || a.word.localeCompare(b.word))
      .slice(0, 2)
      .map((s) => s.word);
  }

  /** Stems of words in the three languages, by PostgreSQL's own configurations (cached). */
  async function stemsOf(words: string[]): Promise<Map<string, Record<Language, string[]>>> {
    const missing = [...new Set(words)].filter((word) => !stems.has(word));
    if (missing.length > 0) {
      const found = await repo.stemWords(db, missing);
      if (stems.size > 50_000) stems.clear();
      for (const word of missing) stems.set(word, found.get(word) ?? { fr: [], nl: [], en: [] });
    }
    return new Map(words.map((word) => [word, stems.get(word)!]));
  }

  return {
    /** Forget the index now (after an edit on this instance). */
    invalidate() {
      index = undefined;
      building = undefined; // a build started before the edit must not be reused
    },

    /** The generation of the current index (runs the same freshness check as a search). */
    async generation(): Promise<number> {
      return (await current()).generation;
    },

    async search(
      words: string[],
      lang: Language,
      limit: number,
      compounds: string[] = [],
      accept?: (item: T) => boolean,
    ): Promise<Array<{ item: T; score: number }>> {
      if (words.length === 0) return [];
      const idx = await current();
      const n = idx.docs.length;
      // One group per query word: the word itself and its typo corrections; compounds are bonus groups.
      const groups = words.map((word) => ({ terms: [{ word, factor: 1 }, ...corrections(idx, word).map((c) => ({ word: c, factor: TYPO_FACTOR }))], counts: true }));
      for (const compound of compounds) groups.push({ terms: [{ word: compound, factor: 1 }], counts: false });
      const stemmed = await stemsOf(groups.flatMap((g) => g.terms.map((t) => t.word)));
      // From here on no await: the scratch arrays of the index are used by one search at a time.
      const { score, best } = idx.scratch;
      const touched: number[] = [];
      const norm: Record<Language, number> = { fr: 0, nl: 0, en: 0 };
      for (const group of groups) {
        for (const language of LANGUAGES) {
          const scores = score[language];
          const bestTouched: number[] = [];
          let groupIdf = 0;
          for (const term of group.terms) {
            for (const stem of stemmed.get(term.word)![language]) {
              const list = idx.postings[language].get(stem);
              if (!list) continue;
              const idf = Math.log(1 + n / list.doc.length);
              if (term.factor === 1) groupIdf = Math.max(groupIdf, idf);
              const factor = idf * term.factor;
              const docs = list.doc;
              const weights = list.weight;
              for (let i = 0; i < docs.length; i++) {
                const doc = docs[i]!;
                const value = weights[i]! * factor;
                if (best[doc] === 0) bestTouched.push(doc);
                if (value > best[doc]!) best[doc] = value;
              }
            }
          }
          if (group.counts) norm[language] += groupIdf || Math.log(1 + n); // an unknown word still counts against
          for (const doc of bestTouched) {
            if (score.fr[doc] === 0 && score.nl[doc] === 0 && score.en[doc] === 0) touched.push(doc);
            scores[doc]! += best[doc]!;
            best[doc] = 0;
          }
        }
      }
      // Base score of every touched document: the user's language in full, the best other one at half.
      const [other1, other2] = LANGUAGES.filter((l) => l !== lang) as [Language, Language];
      const nOwn = norm[lang] || 1;
      const n1 = norm[other1] || 1;
      const n2 = norm[other2] || 1;
      const pool = Math.max(limit * 3, 60);
      let ranked: Array<{ doc: number; score: number }> = [];
      let floor = -1;
      for (const doc of touched) {
        const value = score[lang][doc]! / nOwn + OTHER_LANGUAGE_FACTOR * Math.max(score[other1][doc]! / n1, score[other2][doc]! / n2);
        score.fr[doc] = score.nl[doc] = score.en[doc] = 0;
        if (accept && !accept(idx.docs[doc]!.item)) continue;
        if (ranked.length >= pool && value <= floor) continue;
        ranked.push({ doc, score: value });
        if (ranked.length >= pool * 2) {
          ranked.sort((a, b) => b.score - a.score);
          ranked = ranked.slice(0, pool);
          floor = ranked[ranked.length - 1]!.score;
        }
      }
      // The phrase bonus, on the best candidates only: the whole query in a name or keyword list.
      const phrase = words.length >= 2 ? ` ${words.join(' ')} ` : undefined;
      ranked.sort((a, b) => b.score - a.score);
      ranked = ranked.slice(0, pool);
      if (phrase) {
        for (const entry of ranked) {
          const texts = idx.docs[entry.doc]!.phraseText;
          if (texts[lang].includes(phrase)) entry.score += PHRASE_BONUS;
          else if (texts[other1].includes(phrase) || texts[other2].includes(phrase)) entry.score += PHRASE_BONUS / 2;
        }
      }
      ranked.sort((a, b) => b.score - a.score || (idx.docs[a.doc]!.key < idx.docs[b.doc]!.key ? -1 : 1));
      return ranked.slice(0, limit).map(({ doc, score }) => ({ item: idx.docs[doc]!.item, score: Math.round(score * 10_000) / 10_000 }));
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
export type TextIndex<T> = ReturnType<typeof createTextIndex<T>>;
export type { Keywords };
