// Pure text helpers of the catalogue search: folding a user's query to the words the database indexes, and
// masking what could identify someone before a query is kept in the content-gaps log.

/** Most words a query may carry into the search; the rest of a very long query is ignored. */
export const MAX_QUERY_WORDS = 12;

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l' };

/** Lower case, accents removed, ligatures expanded: "Crèche ŒUVRE" -> "creche oeuvre". */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæßøđł]/g, (c) => LIGATURES[c] ?? c);
}

/**
 * The searchable words of a query: folded, split on anything that is not a letter or digit (so quotes, SQL
 * or HTML characters and emoji never reach the database as syntax), one-letter words and repeats dropped.
 */
export function queryWords(query: string): string[] {
  const words = fold(query)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 2 && word.length <= 40);
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/** The query as stored in the content-gaps log: trimmed, at most 200 characters, no e-mail or long numbers. */
export function anonymiseQuery(query: string): string {
  return query
    .replace(/[\p{Cc}]/gu, ' ')
    .replace(/\S+@\S+/g, '[e-mail]')
    .replace(/\+?\d[\d .\-/]{5,}\d/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/**
 * Adjacent word pairs written as one word ("werk zoeken" -> "werkzoeken"): Dutch writes compounds as one word,
 * users often do not. Only used as extra alternatives in the search, never corrected for typos.
 */
export function compoundWords(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const joined = `${words[i]}${words[i + 1]}`;
    if (words[i]!.length >= 3 && words[i + 1]!.length >= 3 && joined.length <= 40) out.push(joined);
  }
  return out;
}

/** Link letters Dutch puts between the parts of a compound: "belasting-s-brief", "boek-en-kast". */
const LINKS = ['s', 'en', 'e'];

/**
 * A compound split into two known words ("waterfactuur" -> ["water", "factuur"], "belastingsbrief" ->
 * ["belasting", "brief"]), or undefined. Dutch writes compounds as one word that the index rarely holds whole;
 * `known` says whether a word is in the index's vocabulary. The split with the longest tail wins (the head of
 * a Dutch compound qualifies the tail, which carries the meaning).
 */
export function splitCompound(word: string, known: (part: string) => boolean): [string, string] | undefined {
  if (word.length < 7) return undefined;
  for (let cut = 3; cut <= word.length - 4; cut++) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    if (!known(tail)) continue;
    if (known(head)) return [head, tail];
    for (const link of LINKS) {
      if (head.length - link.length >= 3 && head.endsWith(link) && known(head.slice(0, -link.length))) return [head.slice(0, -link.length), tail];
    }
  }
  return undefined;
}
