// Every interface text exists in the three languages with the same placeholders, and parses as ICU.
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES } from './languages.ts';
import { loadCatalogues, translator } from './messages.ts';

function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if ('value' in element && typeof element.value === 'string') found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) placeholders(option.value, found);
    }
    if (element.type === TYPE.tag) placeholders(element.children, found);
  }
  return found;
}

/** Differences between catalogues: missing keys and placeholder mismatches, as readable lines. */
export function catalogueProblems(catalogues: Record<string, Record<string, string>>): string[] {
  const problems: string[] = [];
  const allKeys = new Set(Object.values(catalogues).flatMap((catalogue) => Object.keys(catalogue)));
  for (const key of allKeys) {
    const perLanguage = new Map<string, string>();
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      const source = catalogue[key];
      if (source === undefined || source.trim() === '') {
        problems.push(`${key}: missing in ${lang}`);
        continue;
      }
      try {
        perLanguage.set(lang, [...placeholders(parse(source, { ignoreTag: true }))].sort().join(','));
      } catch (error) {
        problems.push(`${key}: not valid ICU in ${lang} (${(error as Error).message})`);
      }
    }
    if (new Set(perLanguage.values()).size > 1) {
      problems.push(`${key}: placeholders differ (${[...perLanguage].map(([lang, p]) => `${lang}: {${p}}`).join('; ')})`);
    }
  }
  return problems;
}

describe('message catalogues', () => {
  it('have every key in fr, nl and en with the same placeholders', () => {
    expect(catalogueProblems(loadCatalogues())).toEqual([]);
  });

  it('report a key missing in one language and a placeholder that differs', () => {
    const problems = catalogueProblems({
      fr: { 'a.b': 'Bonjour {name}', 'c.d': 'Un' },
      nl: { 'a.b': 'Hallo {naam}' },
      en: { 'a.b': 'Hello {name}', 'c.d': 'One' },
    });
    expect(problems).toContain('c.d: missing in nl');
    expect(problems.some((line) => line.startsWith('a.b: placeholders differ'))).toBe(true);
  });

  it('formats plurals and placeholders per language', () => {
    expect(translator('fr')('form.errorSummaryTitle', { count: 2 })).toBe('Il y a 2 problèmes');
    expect(translator('nl')('form.errorSummaryTitle', { count: 1 })).toBe('Er is een probleem');
    expect(translator('en')('backOffice.welcome', { name: 'Sam' })).toBe('Welcome, Sam');
  });

  it('shows the key itself for an unknown key, never an empty text', () => {
    expect(translator('en')('no.such.key')).toBe('no.such.key');
  });

  it('are all loaded', () => {
    expect(Object.keys(loadCatalogues())).toEqual([...LANGUAGES]);
  });
});
