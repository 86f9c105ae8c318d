// The in-memory search index of the published catalogue.
//
// Why in memory: ranking an OR-query over three stemmed tsvectors in SQL took 600–1,000 ms per search on
// PGlite at 5,000 services (measured, see docs/performance.md), far from the 10 ms target. PostgreSQL stems the
// documents: the trigger-maintained tsvectors (unaccent + the french/dutch/english stemmers) are the index's
// source. Query words are stemmed in process by the same Snowball algorithms and stop lists (`stemming.ts`), so a
// search never waits for the database. The index ranks with IDF, so rare words weigh more than "card" or "house".
//
// Freshness: edits through this instance rebuild it at once (invalidate()); other instances notice a change
// within REFRESH_MS by comparing the catalogue's (and the thesaurus') count and last update time.
//
// Ranking (decision 0030): each query word scores a document by its best match in any language (the page's
// language in full, the others nearly so: a Dutch question with a French administrative word finds the
// service), weighted by its IDF; a word naming a thesaurus concept also reaches the concept's services and the
// concept's labels in the page's language; a Dutch compound unknown to the index is split into known words.
//
// The ranking machinery is generic (createTextIndex): any module with per-language tsvectors can index its
// documents the same way (the knowledge base does); createSearchIndex is the catalogue's use of it.
import type { Queryable } from '../platform/db/database.ts';
import { LANGUAGES, type Language } from '../platform/i18n/languages.ts';
import type { Keywords, SearchHit } from './repository.ts';
import * as repo from './repository.ts';
import { stemWord } from './stemming.ts';
import * as thesaurus from './thesaurus/repository.ts';
import { createConceptMatcher, type ConceptMatcher } from './thesaurus/concepts.ts';
import { FILLER_WORDS, fold, splitCompound } from './text.ts';

const REFRESH_MS = 5_000;
/** Weight of a word by where it appears: name (A), keywords and search terms (B), summary (C), description (D). */
const WEIGHT: Record<string, number> = { A: 1, B: 0.7, C: 0.35, D: 0.15 };
/** A word matched in another language than the page's counts nearly as much: users mix languages. */
const OTHER_LANGUAGE_FACTOR = 0.85;
const TYPO_FACTOR = 0.8;
const TYPO_SIMILARITY_SCALE = 1.4;
/** The weight of a word the index does not know, as a share of the rarest word's IDF. */
const UNKNOWN_WORD_WEIGHT = 0.6;
/** Share of the documents above which a stem reached by a guess is ignored (cost, not relevance). */
const COMMON_SHARE = 0.2;
/** A service a query word reaches through a thesaurus concept: as good as a search term of the service. */
const CONCEPT_WEIGHT = 0.75;
/** The labels of a named concept, in the page's language, as extra alternatives of the word. */
const EXPANSION_FACTOR = 0.6;
const PHRASE_BONUS = 0.3;
/**
 * For ordering only, a word's matches in every language add this share of their weights to its best one: a service
 * that has the word in its name or terms in two or three languages is about it more centrally than one that has it
 * once, which breaks the many near-ties of the best-language score (tuned on dev, decision 0064). The score the
 * thresholds read is left as it was.
 */
const BREADTH_FACTOR = 0.2;
/**
 * Dutch compounds of the index (decompound): the shortest lexeme split, the shortest part, and what each part weighs
 * as a share of the compound's weight (tuned on dev with the search terms left out, decision 0064).
 */
const COMPOUND_MIN_LENGTH = 7;
const COMPOUND_PART_MIN_LENGTH = 4;
const COMPOUND_HEAD_FACTOR = 0.6;
const COMPOUND_TAIL_FACTOR = 0.9;
/** A word's match counts towards a document's coverage from this value up (a summary word in the page's language, not a typo guess). */
const STRONG_MATCH = 0.55;

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

/** A thesaurus concept as an index sees it: its labels per language and the keys of the documents it leads to. */
export interface IndexConcept {
  labels: Record<Language, string[]>;
  keys: string[];
}

/** Where an index reads its documents (and optional concepts), and a cheap stamp that changes whenever they do. */
export interface IndexSource<T> {
  stamp(db: Queryable): Promise<string>;
  load(db: Queryable): Promise<Array<IndexDocument<T>>>;
  concepts?(db: Queryable): Promise<IndexConcept[]>;
}

interface Index<T> {
  docs: Array<Doc<T>>;
  /** language -> lexeme -> postings (doc index, weight) */
  postings: Record<Language, Map<string, { doc: number[]; weight: number[] }>>;
  vocabulary: Set<string>;
  trigrams: Map<string, string[]>;
  /** Trigram count of each vocabulary word. */
  trigramCount: Map<string, number>;
  concepts: {
    matcher: ConceptMatcher;
    docs: number[][];
    idf: number[];
    /** Per concept and language, the stems of its one-word labels. */
    expansion: Array<Record<Language, string[]>>;
  };
  /** Per-search working memory: a word's best weight per document in each language, and the running total. */
  scratch: { best: Record<Language, Float64Array>; concept: Float64Array; total: Float64Array; matched: Float64Array; breadth: Float64Array };
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

/**
 * Dutch writes compounds as one word, and people ask with their parts: a document about "huurtoelage" answers
 * "toelage voor de huur". Each Dutch lexeme of the index that splits into two lexemes the index also holds
 * ("huurtoelag" -> "huur" + "toelag") also posts its parts, at a share of its weight (the tail, which carries the
 * meaning, more than the head). The query side splits unknown compounds the same way (`splitCompound`).
 */
export function decompound(postings: Map<string, { doc: number[]; weight: number[] }>): void {
  const added = new Map<string, Map<number, number>>();
  for (const [lexeme, list] of postings) {
    if (lexeme.length < COMPOUND_MIN_LENGTH) continue;
    const parts = splitCompound(lexeme, (part) => part.length >= COMPOUND_PART_MIN_LENGTH && postings.has(part));
    if (!parts) continue;
    parts.forEach((part, i) => {
      const factor = i === 0 ? COMPOUND_HEAD_FACTOR : COMPOUND_TAIL_FACTOR;
      let docs = added.get(part);
      if (!docs) added.set(part, (docs = new Map<number, number>()));
      for (let k = 0; k < list.doc.length; k++) docs.set(list.doc[k]!, Math.max(docs.get(list.doc[k]!) ?? 0, list.weight[k]! * factor));
    });
  }
  for (const [part, docs] of added) {
    const list = postings.get(part)!;
    const at = new Map(list.doc.map((doc, k) => [doc, k]));
    for (const [doc, weight] of docs) {
      const k = at.get(doc);
      if (k === undefined) {
        list.doc.push(doc);
        list.weight.push(weight);
      } else if (weight > list.weight[k]!) list.weight[k] = weight;
    }
  }
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

type CatalogueItem = Omit<SearchHit, 'score'>;

/** The catalogue's search index over published services and the published thesaurus. */
export function createSearchIndex(db: Queryable) {
  const core = createTextIndex<CatalogueItem>(db, {
    stamp: async (q) => {
      const { rows } = await q.query<{ stamp: string }>(
        `SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') AS stamp FROM services WHERE status = 'published'`,
      );
      return `${rows[0]!.stamp}|${await thesaurus.conceptStamp(q)}`;
    },
    load: async (q) =>
      (await repo.loadSearchDocuments(q)).map((row) => {
        const words = (l: Language) => `${row.name[l] ?? ''} ${(row.keywords[l] ?? []).join(' ')} ${(row.searchTerms[l] ?? []).join(' ')}`;
        return {
          key: row.code,
          item: {
            code: row.code,
            name: row.name,
            summary: row.summary,
            lifeEvents: row.lifeEvents,
            competentKind: row.competentKind,
            competentOrganisation: row.competentOrganisation,
          },
          tsv: row.tsv,
          phrase: Object.fromEntries(LANGUAGES.map((lang) => [lang, words(lang)])) as Record<Language, string>,
          vocabulary: LANGUAGES.map((l) => `${words(l)} ${row.summary[l] ?? ''}`).join(' '),
        };
      }),
    concepts: async (q) => (await thesaurus.listConcepts(q)).filter((concept) => !isOutOfScopeTopic(concept.code)).map(matchableLabels),
  });
  // Topics the platform does not answer (weather, recipes, jokes…), kept by editors as thesaurus concepts whose code
  // starts with "out-of-scope-": rebuilt with the index, so an edit reaches searches as fast as any other.
  let outOfScope: { generation: number; matcher: ConceptMatcher } | undefined;
  return {
    invalidate: () => core.invalidate(),
    generation: () => core.generation(),
    suggest: (words: string[]) => core.suggest(words),
    namesConcept: (words: string[]) => core.namesConcept(words),
    /** Positions of the query words that name an out-of-scope topic (empty: none). */
    async outOfScopeWords(words: string[]): Promise<Set<number>> {
      const generation = await core.generation();
      if (outOfScope?.generation !== generation) {
        const topics = (await thesaurus.listConcepts(db)).filter((concept) => isOutOfScopeTopic(concept.code)).map(matchableLabels);
        const labelWords = [...createConceptMatcher(topics, new Map()).words];
        outOfScope = { generation, matcher: createConceptMatcher(topics, stemsByWord(labelWords)) };
      }
      const named = outOfScope.matcher.match(words, stemsByWord(words));
      return new Set([...named.values()].flat());
    },
    async search(words: string[], lang: Language, limit: number, compounds: string[] = []): Promise<Array<SearchHit & { coverage: number }>> {
      return (await core.search(words, lang, limit, compounds)).map(({ item, score, coverage }) => ({ ...item, score, coverage }));
    },
  };
}

/** A thesaurus concept whose code says it names a topic outside public services (decision 0044). */
export const isOutOfScopeTopic = (code: string) => code.startsWith('out-of-scope-');

function matchableLabels(concept: { labels: Partial<Record<Language, { pref: string; alt: string[] }>>; services: string[] }): IndexConcept {
  return {
    labels: Object.fromEntries(
      LANGUAGES.map((l) => [l, concept.labels[l] ? [concept.labels[l].pref, ...concept.labels[l].alt].filter((label) => typeof label === 'string') : []]),
    ) as Record<Language, string[]>,
    keys: concept.services,
  };
}

const stemsByWord = (words: readonly string[]) => new Map(words.map((word) => [word, stemWord(word)]));

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
    const conceptRows = source.concepts ? await source.concepts(db) : [];
    const postings = { fr: new Map(), nl: new Map(), en: new Map() } as Idx['postings'];
    const vocabulary = new Set<string>();
    const docByKey = new Map<string, number>();
    const docs: Array<Doc<T>> = rows.map((row, docIndex) => {
      docByKey.set(row.key, docIndex);
      for (const lang of LANGUAGES) {
        for (const [lexeme, letter] of parseTsvector(row.tsv[lang])) {
          let list = postings[lang].get(lexeme);
          if (!list) postings[lang].set(lexeme, (list = { doc: [], weight: [] }));
          list.doc.push(docIndex);
          list.weight.push(WEIGHT[letter]!);
        }
      }
      const phraseText = Object.fromEntries(LANGUAGES.map((lang) => [lang, ` ${fold(row.phrase[lang]).replace(/[^a-z0-9]+/g, ' ')} `])) as Record<
        Language,
        string
      >;
      for (const word of fold(row.vocabulary).split(/[^a-z0-9]+/)) {
        if (word.length >= 3 && word.length <= 40 && !/^\d+$/.test(word)) vocabulary.add(word);
      }
      return { key: row.key, item: row.item, phraseText };
    });
    decompound(postings.nl);
    const labelWords = createConceptMatcher(conceptRows, new Map()).words;
    const matcher = createConceptMatcher(conceptRows, stemsOf([...labelWords]));
    for (const word of matcher.words) if (word.length >= 3) vocabulary.add(word);
    const n = docs.length;
    const conceptDocs = conceptRows.map((concept) => concept.keys.map((key) => docByKey.get(key)).filter((doc): doc is number => doc !== undefined));
    const concepts = {
      matcher,
      docs: conceptDocs,
      idf: conceptDocs.map((list) => Math.log(1 + n / Math.max(list.length, 1))),
      expansion: conceptRows.map(
        (concept) =>
          Object.fromEntries(
            LANGUAGES.map((l) => [l, concept.labels[l].filter((label) => !/[\s'-]/.test(label.trim())).flatMap((label) => stemWord(fold(label.trim()))[l])]),
          ) as Record<Language, string[]>,
      ),
    };
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
    const scratch = {
      best: { fr: new Float64Array(n), nl: new Float64Array(n), en: new Float64Array(n) },
      concept: new Float64Array(n),
      total: new Float64Array(n),
      matched: new Float64Array(n),
      breadth: new Float64Array(n),
    };
    return { docs, postings, vocabulary, trigrams, trigramCount, concepts, scratch, stamp: currentStamp, checkedAt: Date.now(), generation: ++builds };
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
  function corrections(idx: Idx, word: string, limit = 2): Array<{ word: string; similarity: number }> {
    if (word.length < 4 || idx.vocabulary.has(word)) return [];
    const grams = trigramsOf(word);
    const shared = new Map<string, number>();
    for (const gram of grams) for (const candidate of idx.trigrams.get(gram) ?? []) shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
    const scored: Array<{ word: string; similarity: number }> = [];
    for (const [candidate, common] of shared) {
      const similarity = common / (grams.size + idx.trigramCount.get(candidate)! - common);
      if (similarity >= 0.3) scored.push({ word: candidate, similarity });
    }
    return scored.sort((a, b) => b.similarity - a.similarity || a.word.localeCompare(b.word)).slice(0, limit);
  }

  /** Stems of words in the three languages, as PostgreSQL's configurations give them (cached: a few µs each). */
  function stemsOf(words: string[]): Map<string, Record<Language, string[]>> {
    const out = new Map<string, Record<Language, string[]>>();
    for (const word of words) {
      let stemmed = stems.get(word);
      if (!stemmed) {
        if (stems.size > 200_000) stems.clear();
        stems.set(word, (stemmed = stemWord(word)));
      }
      out.set(word, stemmed);
    }
    return out;
  }

  const known = (idx: Idx, stemmed: Record<Language, string[]>) => LANGUAGES.some((l) => stemmed[l].some((stem) => idx.postings[l].has(stem)));

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

    /** "Did you mean": the query with each word the index does not know replaced by its nearest known word. */
    /** Whether the query names a thesaurus concept that leads to at least one document. */
    async namesConcept(words: string[]): Promise<boolean> {
      const idx = await current();
      const named = idx.concepts.matcher.match(words, stemsOf(words));
      return [...named.keys()].some((concept) => idx.concepts.docs[concept]!.length > 0);
    },

    async suggest(words: string[]): Promise<string | undefined> {
      const idx = await current();
      let changed = false;
      const out = words.map((word) => {
        const best = corrections(idx, word, 1)[0]?.word;
        if (best && best !== word) changed = true;
        return best ?? word;
      });
      return changed ? out.join(' ') : undefined;
    },

    async search(
      words: string[],
      lang: Language,
      limit: number,
      compounds: string[] = [],
      accept?: (item: T) => boolean,
    ): Promise<Array<{ item: T; score: number; coverage: number }>> {
      if (words.length === 0) return [];
      const idx = await current();
      const n = idx.docs.length;
      const stemmed = stemsOf([...words, ...compounds]);
      // A Dutch compound the index does not know, split into two words it knows ("waterfactuur").
      const parts = new Map<string, [string, string]>();
      for (const word of words) {
        if (idx.vocabulary.has(word) || known(idx, stemmed.get(word)!)) continue;
        const split = splitCompound(word, (part) => idx.vocabulary.has(part));
        if (split) parts.set(word, split);
      }
      const typos = new Map(words.map((word) => [word, parts.has(word) || FILLER_WORDS.has(word) ? [] : corrections(idx, word)]));
      const extra = [...parts.values()].flat().concat([...typos.values()].flat().map((typo) => typo.word));
      if (extra.length > 0) for (const [word, value] of stemsOf(extra)) stemmed.set(word, value);
      const named = idx.concepts.matcher.match(words, stemmed);

      // One group per query word (a split compound: one per part, sharing the word's weight); adjacent words
      // written as one are bonus groups that do not count against documents missing them.
      interface Group {
        terms: Array<{ word: string; factor: number }>;
        concepts: number[];
        share: number;
        counts: boolean;
        /** A stop word of the page's language: it neither helps nor counts against. */
        stop: boolean;
      }
      const groups: Group[] = [];
      words.forEach((word, position) => {
        const concepts = [...named].filter(([, positions]) => positions.includes(position)).map(([concept]) => concept);
        const stop = (stemmed.get(word)![lang].length === 0 || FILLER_WORDS.has(word) || /^\d+$/.test(word)) && concepts.length === 0;
        const split = parts.get(word);
        if (split) {
          for (const part of split) groups.push({ terms: [{ word: part, factor: TYPO_FACTOR }], concepts, share: 1 / split.length, counts: true, stop: false });
          return;
        }
        groups.push({
          // A typo guess counts by how close it is: "gemeende" -> "gemeente" nearly fully, a far guess little.
          terms: [{ word, factor: 1 }, ...typos.get(word)!.map((c) => ({ word: c.word, factor: Math.min(TYPO_FACTOR, c.similarity * TYPO_SIMILARITY_SCALE) }))],
          concepts,
          share: 1,
          counts: true,
          stop,
        });
      });
      for (const compound of compounds) groups.push({ terms: [{ word: compound, factor: 1 }], concepts: [], share: 1, counts: false, stop: false });

      // From here on no await: the scratch arrays of the index are used by one search at a time.
      const { best, concept: conceptBest, total, matched, breadth: breadthTotal } = idx.scratch;
      const touched: number[] = [];
      let norm = 0;
      for (const group of groups) {
        if (group.stop) continue;
        const groupTouched: number[] = [];
        // The reference IDF per language: the rarest stem of the word itself (typos and expansions never exceed it).
        // The word weighs its IDF in the page's language when it is a word of that language there (a French "les",
        // a stop word stemmed to "le", must not weigh as much as the rare Dutch "les"), else its rarest other one.
        let groupWeight = 0;
        let pageWeight = 0;
        for (const language of LANGUAGES) {
          let reference = 0;
          for (const term of group.terms) {
            if (term.factor !== 1 && group.terms.length > 1) continue;
            for (const stem of stemmed.get(term.word)?.[language] ?? []) {
              const list = idx.postings[language].get(stem);
              if (list) reference = Math.max(reference, Math.log(1 + n / list.doc.length));
            }
          }
          if (language === lang) pageWeight = reference;
          else groupWeight = Math.max(groupWeight, reference);
          const scores = best[language];
          const factorOfLanguage = language === lang ? 1 : OTHER_LANGUAGE_FACTOR;
          const accumulate = (stem: string, factor: number) => {
            const list = idx.postings[language].get(stem);
            if (!list) return;
            // A guess (typo, concept label) in most documents tells nothing apart and costs the most: skipped.
            if (factor < 1 && list.doc.length > n * COMMON_SHARE) return;
            const idf = Math.log(1 + n / list.doc.length);
            const value = factor * factorOfLanguage * Math.min(1, idf / (reference || idf));
            const docs = list.doc;
            const weights = list.weight;
            for (let i = 0; i < docs.length; i++) {
              const doc = docs[i]!;
              const v = weights[i]! * value;
              if (v > scores[doc]!) {
                if (best.fr[doc] === 0 && best.nl[doc] === 0 && best.en[doc] === 0 && conceptBest[doc] === 0) groupTouched.push(doc);
                scores[doc] = v;
              }
            }
          };
          for (const term of group.terms) for (const stem of stemmed.get(term.word)?.[language] ?? []) accumulate(stem, term.factor);
          // The labels of the named concepts in the page's language reach services worded like them.
          if (language === lang) {
            for (const concept of group.concepts) {
              for (const stem of idx.concepts.expansion[concept]![lang]) accumulate(stem, EXPANSION_FACTOR);
            }
          }
        }
        if (pageWeight > 0) groupWeight = pageWeight;
        for (const concept of group.concepts) {
          groupWeight = Math.max(groupWeight, idx.concepts.idf[concept]!);
          for (const doc of idx.concepts.docs[concept]!) {
            if (best.fr[doc] === 0 && best.nl[doc] === 0 && best.en[doc] === 0 && conceptBest[doc] === 0) groupTouched.push(doc);
            conceptBest[doc] = CONCEPT_WEIGHT;
          }
        }
        // An unknown word counts against every document, as much as a fairly rare word.
        const weight = (groupWeight || UNKNOWN_WORD_WEIGHT * Math.log(1 + n)) * group.share;
        if (group.counts) norm += weight;
        for (const doc of groupTouched) {
          const value = Math.max(best.fr[doc]!, best.nl[doc]!, best.en[doc]!, conceptBest[doc]!);
          const breadth = best.fr[doc]! + best.nl[doc]! + best.en[doc]!;
          best.fr[doc] = best.nl[doc] = best.en[doc] = conceptBest[doc] = 0;
          if (total[doc] === 0) touched.push(doc);
          total[doc]! += weight * value;
          breadthTotal[doc]! += weight * breadth;
          // Coverage: the share of the query's weight this document matches well (not through a weak typo guess).
          if (group.counts && value >= STRONG_MATCH) matched[doc]! += weight;
        }
      }
      const pool = Math.max(limit * 3, 60);
      // `score` is what the thresholds read (no result, "may not match", guided question); `rank` orders, with the
      // breadth of each word's matches across languages added.
      let ranked: Array<{ doc: number; score: number; rank: number; coverage: number }> = [];
      let floor = -1;
      const divisor = norm || 1;
      for (const doc of touched) {
        const value = total[doc]! / divisor;
        const rank = (total[doc]! + BREADTH_FACTOR * breadthTotal[doc]!) / divisor;
        const coverage = matched[doc]! / divisor;
        total[doc] = matched[doc] = breadthTotal[doc] = 0;
        if (accept && !accept(idx.docs[doc]!.item)) continue;
        if (ranked.length >= pool && rank <= floor) continue;
        ranked.push({ doc, score: value, rank, coverage });
        if (ranked.length >= pool * 2) {
          ranked.sort((a, b) => b.rank - a.rank);
          ranked = ranked.slice(0, pool);
          floor = ranked[ranked.length - 1]!.rank;
        }
      }
      // The phrase bonus, on the best candidates only: the whole query in a name or keyword list.
      const phrase = words.length >= 2 ? ` ${words.join(' ')} ` : undefined;
      ranked.sort((a, b) => b.rank - a.rank);
      ranked = ranked.slice(0, pool);
      if (phrase) {
        const [other1, other2] = LANGUAGES.filter((l) => l !== lang) as [Language, Language];
        for (const entry of ranked) {
          const texts = idx.docs[entry.doc]!.phraseText;
          const bonus = texts[lang].includes(phrase) ? PHRASE_BONUS : texts[other1].includes(phrase) || texts[other2].includes(phrase) ? PHRASE_BONUS / 2 : 0;
          entry.score += bonus;
          entry.rank += bonus;
        }
      }
      ranked.sort((a, b) => b.rank - a.rank || (idx.docs[a.doc]!.key < idx.docs[b.doc]!.key ? -1 : 1));
      return ranked.slice(0, limit).map(({ doc, score, coverage }) => ({
        item: idx.docs[doc]!.item,
        score: Math.round(score * 10_000) / 10_000,
        coverage: Math.round(coverage * 1000) / 1000,
      }));
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
export type TextIndex<T> = ReturnType<typeof createTextIndex<T>>;
export type { Keywords };
