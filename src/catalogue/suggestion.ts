// "Did you mean" of a poor search (issue 16, honest answers). The index proposes the query with each unknown word
// replaced by its nearest known word; that guess is only offered when it finds services well itself, so that
// nonsense ("xyzzy blabla") gets no nonsense back ("xyzzy blanc").
import type { Language } from '../platform/i18n/languages.ts';
import { compoundWords, queryWords } from './text.ts';
import { trigramsOf, type SearchIndex } from './search-index.ts';

/** A correction this close to the typed word (trigram similarity, as the index measures it) is a likely typo. */
export const LIKELY_TYPO_SIMILARITY = 0.45;

export function similarity(a: string, b: string): number {
  const x = trigramsOf(a);
  const y = trigramsOf(b);
  let common = 0;
  for (const gram of x) if (y.has(gram)) common++;
  return common / (x.size + y.size - common);
}

/**
 * The suggestion to show, or null. Only likely typos are corrected (a correction close to the typed word: not
 * "blabla" → "blanc"). Candidates, in order: the query with its typos corrected, then its corrected words alone
 * (words nobody could correct dropped: "huisier zzqqxx" → "huissier"). The first candidate whose own best result
 * reaches `goodScore` and matches a word strongly is offered.
 */
export async function checkedSuggestion(
  index: Pick<SearchIndex, 'suggest' | 'search'>,
  words: string[],
  lang: Language,
  goodScore: number,
): Promise<string | null> {
  if (words.length === 0) return null;
  const corrected = await index.suggest(words);
  if (!corrected) return null;
  const proposed = queryWords(corrected);
  if (proposed.length !== words.length) return null;
  const typo = (word: string, i: number) => word !== words[i] && similarity(word, words[i]!) >= LIKELY_TYPO_SIMILARITY;
  const fixed = words.map((word, i) => (typo(proposed[i]!, i) ? proposed[i]! : word));
  const typos = proposed.filter(typo);
  if (typos.length === 0) return null;
  const candidates = typos.length < fixed.length ? [fixed, typos] : [fixed];
  for (const candidate of candidates) {
    const [best] = await index.search(candidate, lang, 1, compoundWords(candidate));
    if (best && best.score >= goodScore && best.coverage > 0) return candidate.join(' ');
  }
  return null;
}
