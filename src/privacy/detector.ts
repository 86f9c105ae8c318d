// Masks what could identify a person in a free text shown to an aggregate role (issue 18, item 5): names,
// street addresses, dates (of birth or any other), e-mail addresses and numbers (phones, national and account
// numbers, house numbers), in French, Dutch and English. It runs after the satisfaction module's scrubbing
// (`scrubComment`: e-mail, phone, national number) and catches what that leaves: the test that found
// "Jan Peeters, rue Royale 12, né le 30/07/1985" in an export is one of its cases. Patterns, not a model:
// it leans towards masking too much (a capitalised pair of words is taken for a name unless it is a common
// sentence opening), since the reader is an analyst who needs the gist, not the particulars.
import { scrubComment } from '../satisfaction/scrub.ts';

export type MaskKind = 'name' | 'address' | 'date' | 'number' | 'email';

export const MASKS: Record<'fr' | 'nl' | 'en', Record<MaskKind, string>> = {
  fr: { name: '[nom]', address: '[adresse]', date: '[date]', number: '[numéro]', email: '[e-mail]' },
  nl: { name: '[naam]', address: '[adres]', date: '[datum]', number: '[nummer]', email: '[e-mail]' },
  en: { name: '[name]', address: '[address]', date: '[date]', number: '[number]', email: '[e-mail]' },
};

const UPPER = 'A-ZÀ-ÖØ-Þ';
const WORD = `[${UPPER}][\\p{Ll}'’-]+`;
const MONTHS = [
  'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre',
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december',
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec',
].join('|');

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// 30/07/1985, 30-7-85, 30.07.1985, 1985-07-30, 30 juillet 1985, 30 juli 1985, July 30, 1985, 1er mai 1985
const DATE = new RegExp(
  [
    '\\b\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}\\b',
    '\\b\\d{4}-\\d{2}-\\d{2}\\b',
    `\\b\\d{1,2}(?:er|e|st|nd|rd|th)?\\s+(?:${MONTHS})\\.?(?:\\s+\\d{2,4})?\\b`,
    `\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`,
  ].join('|'),
  'giu',
);
// rue Royale 12, avenue de la Couronne 5, chaussée d'Haecht 100, Kerkstraat 5, Louizalaan 12 bus 3, 12 Baker Street
const FRENCH_STREET = `(?:rue|avenue|av\\.|boulevard|bd|chaussée|chaussee|place|square|chemin|allée|allee|quai|impasse|clos|drève|dreve|parvis|rempart)`;
const ADDRESS = new RegExp(
  [
    `\\b${FRENCH_STREET}\\s+(?:(?:de\\s+la|de\\s+l'|de\\s+l’|du|des|de|d'|d’)\\s*)?${WORD}(?:[\\s-]+${WORD})*(?:,?\\s+\\d+[a-zA-Z]?(?:\\s*(?:bte|boîte|bus)\\s*\\d+)?)?`,
    `\\b${WORD.slice(0, -1)}*(?:straat|laan|steenweg|plein|lei|dreef|kaai|weg|dijk|markt|singel|gracht)\\b(?:\\s+\\d+[a-zA-Z]?(?:\\s*(?:bus|bte)\\s*\\d+)?)?`,
    `\\b\\d+[a-zA-Z]?\\s+${WORD}(?:\\s+${WORD})*\\s+(?:Street|St\\.|Road|Rd\\.|Avenue|Ave\\.|Lane|Square|Drive|Place)\\b`,
  ].join('|'),
  'giu',
);
// Titles and self-introductions followed by a name.
const INTRODUCED_NAME = new RegExp(
  `\\b(?:M\\.|Mme|Mlle|Monsieur|Madame|Mademoiselle|Mr\\.?|Mrs\\.?|Ms\\.?|Dhr\\.|Mevr\\.|meneer|mevrouw|je m'appelle|je m’appelle|mon nom est|ik heet|mijn naam is|my name is|I am|I'm|je suis)\\s+(${WORD}(?:\\s+(?:van|de|der|den|le|la|du|van der|van den)?\\s*${WORD})*)`,
  'gu',
);
// Two or more capitalised words in a row (Jan Peeters, Marie-Claire Dubois, Van den Bossche Pieter).
const CAPITALISED_RUN = new RegExp(`(?<![\\p{L}])${WORD}(?:\\s+(?:van|de|der|den|le|la|du|van der|van den)?\\s*${WORD})+`, 'gu');
// Sentence openings and common capitalised words that are not names.
const NOT_NAMES = new Set(
  (
    'bonjour bonsoir madame monsieur merci cher chère le la les un une des ce cette il elle nous vous ils je mon ma mes notre votre ' +
    'goedemorgen goedendag hallo beste geachte dank de het een ik mijn wij u uw dit deze die er ' +
    'hello hi dear thank thanks the a an i my we you your this that it there ' +
    'cpas ocmw commune gemeente région gewest region brussels bruxelles brussel bruxelles-capitale ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ' +
    'monday tuesday wednesday thursday friday saturday sunday mr mrs ms dhr mevr mme mlle m'
  ).split(' '),
);
// Numbers of three digits or more, with their separators (phones, national, account and case numbers), and IBANs.
const IBAN = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b/g;
const NUMBER = /(?<![\p{L}\d])\+?\d(?:[\d\s./-]*\d){2,}(?![\p{L}\d])/gu;

export interface Finding {
  kind: MaskKind;
  text: string;
}

/** The text with names, addresses, dates, e-mails and numbers replaced by markers in the reader's language. */
export function maskPersonalData(text: string, lang: 'fr' | 'nl' | 'en' = 'en'): string {
  const mask = MASKS[lang];
  // Account numbers first: the scrubbing would take their last groups for a phone number.
  return scrubComment(text.replace(IBAN, mask.number))
    .replace(EMAIL, mask.email)
    .replace(DATE, mask.date)
    .replace(ADDRESS, mask.address)
    .replace(INTRODUCED_NAME, (whole: string, name: string) => whole.slice(0, whole.length - name.length) + mask.name)
    .replace(CAPITALISED_RUN, (run: string) => {
      const words = run.split(/\s+/).map((word) => word.toLowerCase());
      if (words.slice(1).some((word) => NOT_NAMES.has(word))) return run; // "Call Mr" before a masked name
      return NOT_NAMES.has(words[0]!) ? maskTail(run, mask.name) : mask.name;
    })
    .replace(NUMBER, mask.number)
    .replace(/\[(?:e-mail|phone|national number)\]/g, (marker) => (marker === '[e-mail]' ? mask.email : mask.number));
}

/** "Bonjour Jan Peeters" → "Bonjour [nom]": a run opened by a common word keeps it and masks the rest when it still is a run. */
function maskTail(run: string, marker: string): string {
  const words = run.split(/\s+/);
  const rest = words.slice(1);
  if (rest.length >= 2 && !NOT_NAMES.has(rest[0]!.toLowerCase())) return `${words[0]} ${marker}`;
  return run;
}
