// The texts people read, checked as a language editor would (issue 15): no key shown instead of a text, no
// organisation name where French or English needs an article, "u" and never "je/jij" in Dutch, and one English
// word for a municipality. messages.test.ts checks that the three catalogues have the same keys and placeholders.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogues, type Catalogue } from './messages.ts';
import { DEMO_ARTICLES } from '../../seed/knowledge.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every .ts/.tsx source file under src/ except tests. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Keys the code asks for that no catalogue has: the translator would show the key itself. Literal keys
 * (`t('a.b')`) must exist; a key built from a template (`t(`a.${x}`)`) needs at least one key with its prefix.
 */
export function untranslatedKeys(sources: ReadonlyArray<{ file: string; text: string }>, catalogue: Catalogue): string[] {
  const keys = Object.keys(catalogue);
  const problems: string[] = [];
  for (const { file, text } of sources) {
    for (const match of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.-]+)'/g)) {
      if (!(match[1]! in catalogue)) problems.push(`${path.relative(SRC, file)}: ${match[1]}`);
    }
    for (const match of text.matchAll(/\bt\(\s*`([A-Za-z0-9_.-]*)\$\{/g)) {
      if (!keys.some((key) => key.startsWith(match[1]!))) problems.push(`${path.relative(SRC, file)}: ${match[1]}…`);
    }
  }
  return problems;
}

// The missing-article pattern. An organisation's name is a noun phrase that needs its article in a French or
// English sentence ("la Commune de Schaerbeek", "the Municipality of Anderlecht") and cannot take it from a
// placeholder, nor elide it ("de Anderlecht"). So a name goes where no article is needed: after a colon or a
// dash, in brackets, or in apposition; never right after a preposition, nor as the subject opening a sentence.
const PREPOSITIONS: Record<'fr' | 'en', RegExp> = {
  fr: /(?:^|[\s(])(?:de|d[’']|du|à|au|avec|par|pour|chez|sur|auprès de|entre|contre|vers)\s*$/i,
  en: /(?:^|[\s(])(?:of|with|by|from|to|at|for|contact|between|towards)\s*$/i,
};
/** A placeholder that holds an organisation's name. */
const ORGANISATION_PLACEHOLDER = /\{(organisation|organisationName|provider|competentOrganisation)\}/g;

export function missingArticles(catalogue: Catalogue, lang: 'fr' | 'en'): string[] {
  const problems: string[] = [];
  for (const [key, text] of Object.entries(catalogue)) {
    for (const match of text.matchAll(ORGANISATION_PLACEHOLDER)) {
      const before = text.slice(0, match.index);
      if (PREPOSITIONS[lang].test(before)) problems.push(`${key}: “…${before.slice(-20)}${match[0]}” needs an article`);
      else if (/(?:^|[.!?]\s+|\n)\s*$/.test(before)) problems.push(`${key}: a sentence opens with ${match[0]}`);
    }
  }
  return problems;
}

/**
 * The same pattern where the code writes the name after a message: `{t('key')} <Text value={….organisation…}/>` or
 * `<Link …>{organisation.name}</Link>` right after a text ending in a preposition ("Une enquête de" + name).
 */
export function missingArticlesInCode(sources: ReadonlyArray<{ file: string; text: string }>, catalogues: Record<'fr' | 'en', Catalogue>): string[] {
  const problems: string[] = [];
  const followedByOrganisation = /\{t\('([A-Za-z0-9_.-]+)'\)\}(?:\{' '\}|\s)*<(?:Text|Link)\b[^>]*?>?[^<]{0,80}?[oO]rganisation/g;
  for (const { file, text } of sources) {
    for (const match of text.matchAll(followedByOrganisation)) {
      for (const lang of ['fr', 'en'] as const) {
        const message = catalogues[lang][match[1]!] ?? '';
        if (PREPOSITIONS[lang].test(message))
          problems.push(`${path.relative(SRC, file)}: ${match[1]} (${lang} “${message}”) is followed by an organisation's name`);
      }
    }
  }
  return problems;
}

/** Dutch pronouns of the informal "je/jij" form; the public site says "u" throughout. */
const INFORMAL_DUTCH = /\b(je|jij|jou|jouw|jezelf|jullie)\b/i;

/** Quoted words are someone else's (the French observatory "Je donne mon avis"): left out of the check. */
const QUOTED = /‘[^’]*’|“[^”]*”|«[^»]*»|"[^"]*"/g;

export function informalDutch(texts: ReadonlyArray<{ where: string; text: string }>): string[] {
  return texts.flatMap(({ where, text }) => {
    const found = text.replace(QUOTED, '').match(INFORMAL_DUTCH);
    return found ? [`${where}: “${found[0]}” in “${text.slice(0, 80)}”`] : [];
  });
}

/** English says "municipality" for a Brussels commune (the organisations' own English names do); not codes or addresses. */
const COMMUNE_IN_ENGLISH = /(?<![\w@.-])communes?(?![\w-])(?!\.\w)/i;

interface SeedService {
  code: string;
  name: Record<string, string>;
  summary: Record<string, string>;
}

describe('texts people read', () => {
  const catalogues = loadCatalogues();
  const sources = sourceFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const services = JSON.parse(readFileSync(path.join(SRC, 'seed/data/services.json'), 'utf8')) as SeedService[];

  it('have a text in the catalogues for every key the code asks for', () => {
    expect(untranslatedKeys(sources, catalogues.fr)).toEqual([]);
  });

  it('never put an organisation name where French or English needs an article', () => {
    expect([...missingArticles(catalogues.fr, 'fr'), ...missingArticles(catalogues.en, 'en')]).toEqual([]);
    expect(missingArticlesInCode(sources, catalogues)).toEqual([]);
  });

  it('address people as "u" in Dutch: interface texts, help articles and service descriptions', () => {
    const texts = [
      ...Object.entries(catalogues.nl).map(([key, text]) => ({ where: key, text })),
      ...DEMO_ARTICLES.flatMap((article) => [
        { where: `help article ${article.slug} (title)`, text: article.title.nl ?? '' },
        { where: `help article ${article.slug}`, text: article.body.nl ?? '' },
      ]),
      ...services.flatMap((service) => [
        { where: `service ${service.code} (name)`, text: service.name.nl ?? '' },
        { where: `service ${service.code}`, text: service.summary.nl ?? '' },
      ]),
    ];
    expect(informalDutch(texts)).toEqual([]);
  });

  it('say "municipality" in English, never "commune"', () => {
    const texts = [
      ...Object.entries(catalogues.en).map(([key, text]) => ({ where: key, text })),
      ...DEMO_ARTICLES.map((article) => ({ where: `help article ${article.slug}`, text: `${article.title.en ?? ''} ${article.body.en ?? ''}` })),
      ...services.map((service) => ({ where: `service ${service.code}`, text: `${service.name.en ?? ''} ${service.summary.en ?? ''}` })),
    ];
    expect(texts.filter(({ text }) => COMMUNE_IN_ENGLISH.test(text)).map(({ where }) => where)).toEqual([]);
  });

  // The checks themselves fail on the faults they are for.
  it('catch a key missing from the catalogue, a missing article and informal Dutch', () => {
    const code = [{ file: path.join(SRC, 'x.tsx'), text: "t('a.known') t('a.unknown') t(`b.${kind}`) t(`a.${kind}`)" }];
    expect(untranslatedKeys(code, { 'a.known': 'A' })).toEqual(['x.tsx: a.unknown', 'x.tsx: b.…']);
    expect(
      missingArticles(
        { a: 'Votre contact avec {organisation} le {date}', b: '{organisation} a bien reçu votre demande.', c: 'Traitée par : {organisation}' },
        'fr',
      ),
    ).toHaveLength(2);
    expect(missingArticles({ a: 'Your contact with {organisation}', b: 'Organisation: {organisation}. It says hello.' }, 'en')).toHaveLength(1);
    const page = [{ file: path.join(SRC, 'y.tsx'), text: "{t('s.by')} <Text value={survey.organisationName} />" }];
    expect(missingArticlesInCode(page, { fr: { 's.by': 'Une enquête de' }, en: { 's.by': 'Survey run by:' } })).toHaveLength(1);
    expect(
      informalDutch([
        { where: 'x', text: 'Heb je een vraag?' },
        { where: 'y', text: 'Hebt u een vraag? Zie ‘Je donne mon avis’.' },
      ]),
    ).toHaveLength(1);
    expect(COMMUNE_IN_ENGLISH.test('your commune')).toBe(true);
    expect(COMMUNE_IN_ENGLISH.test('e.g. commune-schaerbeek or info@commune.brussels')).toBe(false);
  });
});
