// Matching a query's words to the concepts of the orientation thesaurus (decision 0030). Pure: the index builds a
// matcher from the published concepts and asks it, per search, which concepts a query names, in any language.
import { LANGUAGES, type Language } from '../../platform/i18n/languages.ts';
import { queryWords } from '../text.ts';

/** One concept as the matcher sees it: every label (preferred and alternative) per language. */
export interface MatchableConcept {
  labels: Record<Language, string[]>;
}

export interface ConceptMatcher {
  /** Indexes of the concepts named in the query, with the positions of the query words that named each. */
  match(words: readonly string[], stems: ReadonlyMap<string, Record<Language, string[]>>): Map<number, number[]>;
  /** Every folded word of every label (for the index's vocabulary). */
  words: Set<string>;
}

/**
 * A label matches a query when its words appear in the query in order (multi-word labels: "revenu d'integration")
 * or, for one-word labels, when the query word has the same stem in the label's language ("overleden" and
 * "overlijden" do not; "dettes" and "dette" do). `labelStems` gives the stems of one-word labels, per language.
 */
export function createConceptMatcher(concepts: readonly MatchableConcept[], labelStems: ReadonlyMap<string, Record<Language, string[]>>): ConceptMatcher {
  const byWord = new Map<string, number[]>();
  const byStem: Record<Language, Map<string, number[]>> = { fr: new Map(), nl: new Map(), en: new Map() };
  const phrases = new Map<string, Array<{ rest: string[]; concept: number }>>();
  const words = new Set<string>();
  const add = (map: Map<string, number[]>, key: string, concept: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [concept]);
    else if (!list.includes(concept)) list.push(concept);
  };
  concepts.forEach((concept, index) => {
    for (const lang of LANGUAGES) {
      for (const label of concept.labels[lang]) {
        const parts = labelWords(label);
        if (parts.length === 0) continue;
        for (const part of parts) words.add(part);
        if (parts.length === 1) {
          add(byWord, parts[0]!, index);
          for (const stem of labelStems.get(parts[0]!)?.[lang] ?? []) if (stem.length >= 3) add(byStem[lang], stem, index);
        } else {
          const list = phrases.get(parts[0]!) ?? [];
          list.push({ rest: parts.slice(1), concept: index });
          phrases.set(parts[0]!, list);
        }
      }
    }
  });

  return {
    words,
    match(query, stems) {
      const found = new Map<number, number[]>();
      const note = (concept: number, positions: number[]) => {
        const list = found.get(concept) ?? [];
        for (const p of positions) if (!list.includes(p)) list.push(p);
        found.set(concept, list);
      };
      query.forEach((word, position) => {
        for (const concept of byWord.get(word) ?? []) note(concept, [position]);
        const wordStems = stems.get(word);
        if (wordStems)
          for (const lang of LANGUAGES) for (const stem of wordStems[lang]) for (const concept of byStem[lang].get(stem) ?? []) note(concept, [position]);
        for (const { rest, concept } of phrases.get(word) ?? []) {
          if (rest.every((part, i) => query[position + 1 + i] === part)) note(concept, rest.map((_, i) => position + 1 + i).concat(position));
        }
      });
      return found;
    },
  };
}

/** The words of a label as a query would have them (folded, one-letter words dropped). */
export function labelWords(label: string): string[] {
  return queryWords(label);
}
