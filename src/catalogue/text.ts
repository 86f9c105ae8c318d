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

/**
 * Words of how a question is put rather than of what it is about (question words, modal and generic verbs,
 * greetings, time words, the names of the region and its communes), in the three languages, folded. The search ignores them like
 * stop words: they neither help a service nor count against it, so the words that carry the question decide
 * whether anything matches well enough (decision 0030).
 */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  `
  comment quoi quel quelle quels quelles ou quand pourquoi combien qui est-ce estce faut faire fait fais dois doit devons
  peux peut pouvons veux veut voudrais voulons aimerais besoin avoir ai as avons sais savoir aide aider svp merci bonjour
  salut allo demander demande chercher trouver obtenir recevoir aller vais va dire quelqu quelque chose truc possible
  maintenant aujourd hui demain hier bientot encore deja toujours jamais vraiment tres trop bien beaucoup peu plus
  bruxelles brussel brussels belgique belgie belgium ici
  anderlecht auderghem oudergem berchem agathe agatha etterbeek evere ganshoren ixelles elsene jette koekelberg molenbeek
  gilles gillis josse joost schaerbeek schaarbeek uccle ukkel watermael watermaal boitsfort bosvoorde woluwe lambrechts
  hoe wat waar wanneer waarom hoeveel wie welke welk moet moeten mag mogen kan kunnen wil willen zou zouden graag nodig
  hebben heb heeft krijgen krijg vragen vraag zoeken zoek vinden doen gaan ga iets iemand mogelijk nu vandaag morgen
  gisteren nog al altijd nooit echt heel erg veel weinig meer hallo dag bedankt alstublieft aub hier daar
  how what where when why which who whom whose much many need want would could should must may might can get got have
  has had do does did make know help please thanks thank hello hi find going go gonna wanna someone something anything
  possible now today tomorrow yesterday still already always never really very lot lots more here there
  trouve trouves cherche cherches obtenez faites demandez viens vient vind vindt zoekt vraagt krijgt wilt kunt weet weten
  gets getting finding finds needs needed needing helps wants
  `
    .split(/\s+/)
    .filter(Boolean),
);
