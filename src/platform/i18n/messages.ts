// Interface texts: one ICU MessageFormat catalogue per language (locales/fr.json, nl.json, en.json).
// A unit test fails when a key is missing in a language or its placeholders differ.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, LOCALES, type Language } from './languages.ts';

export type Catalogue = Record<string, string>;
export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: string, values?: MessageValues) => string;

const LOCALES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'locales');

export function loadCatalogues(dir = LOCALES_DIR): Record<Language, Catalogue> {
  const entries = LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8')) as Catalogue]);
  return Object.fromEntries(entries) as Record<Language, Catalogue>;
}

const catalogues = loadCatalogues();
const compiled = new Map<string, IntlMessageFormat>();

/** A translator for one language. Unknown keys show the key itself, so a gap is visible, never blank. */
export function translator(lang: Language): Translate {
  return (key, values) => {
    const cacheKey = `${lang}\u0000${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      const source = catalogues[lang][key];
      if (source === undefined) return key;
      format = new IntlMessageFormat(source, LOCALES[lang], undefined, { ignoreTag: true });
      compiled.set(cacheKey, format);
    }
    return String(format.format(values));
  };
}
