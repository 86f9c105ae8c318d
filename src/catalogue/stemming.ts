// Stemming in process, word by word, exactly as the database's text search configurations stem a folded word
// (decision 0030): the Snowball algorithms of PostgreSQL's french, dutch and english configurations
// (`@orama/stemmers` for French and Dutch, `wink-porter2-stemmer` for English: Porter2 is Snowball's English), the
// Snowball stop lists PostgreSQL ships (the unaccented entries: query words are folded, so the accented ones never
// match), and PostgreSQL's rule that a token with a digit ("1030", "b2") goes through the `simple` dictionary
// unchanged. The index's documents are stemmed by the database's trigger; a search stems its words here, so an
// uncached search never waits for a round trip. `stemming.int.test.ts` checks the two agree on both engines.
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import english from 'wink-porter2-stemmer';
import { LANGUAGES, type Language } from '../platform/i18n/languages.ts';

const words = (text: string) => new Set(text.split(/\s+/).filter(Boolean));

/** The Snowball stop words of each configuration (tsearch_data/{french,dutch,english}.stop), unaccented entries. */
export const STOP_WORDS: Record<Language, ReadonlySet<string>> = {
  fr: words(`
    au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me mes moi mon ne nos notre nous
    on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y
    suis es est sommes sont serai seras sera serons serez seront serais serait serions seriez seraient fus fut
    furent sois soit soyons soyez soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants eu eue
    eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais
    avait avions aviez avaient eut eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent
  `),
  nl: words(`
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of wat
    mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze u want nog
    zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles
    onder ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand
    geweest andere
  `),
  en: words(`
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
    it its itself they them their theirs themselves what which who whom this that these those am is are was were be
    been being have has had having do does did doing a an the and but if or because as until while of at by for with
    about against between into through during before after above below to from up down in out on off over under
    again further then once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now
  `),
};

const STEMMERS: Record<Language, (word: string) => string> = { fr: french, nl: dutch, en: english };

/**
 * The lexemes PostgreSQL's `to_tsvector(<language>, word)` gives a folded word ([a-z0-9]+): none for a stop word,
 * the word itself when it has a digit, its Snowball stem otherwise.
 */
export function stemWord(word: string): Record<Language, string[]> {
  if (/\d/.test(word)) return { fr: [word], nl: [word], en: [word] };
  const out = {} as Record<Language, string[]>;
  for (const lang of LANGUAGES) out[lang] = STOP_WORDS[lang].has(word) ? [] : [STEMMERS[lang](word)];
  return out;
}
