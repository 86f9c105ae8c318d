// The three languages of IrisDesk. FR and NL are official in Brussels; EN is widely used.
export const LANGUAGES = ['fr', 'nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** BCP 47 locale used for dates and numbers: Belgian conventions in French and Dutch, British in English (en-BE would write
 * "1.920,5" and "07/12/26", which English readers misread; decision 0058). */
export const LOCALES: Record<Language, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** Native names, shown in the language switch in their own language. */
export const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', nl: 'Nederlands', en: 'English' };

/** Picks the best supported language from an Accept-Language header (q-values honoured), or the default. */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return (ranked.find((entry) => isLanguage(entry.base))?.base as Language | undefined) ?? DEFAULT_LANGUAGE;
}

/** A user-facing text in the three languages, as stored in jsonb columns. */
export type LocalizedText = Partial<Record<Language, string>>;

const FALLBACK_ORDER: Record<Language, Language[]> = { fr: ['fr', 'nl', 'en'], nl: ['nl', 'fr', 'en'], en: ['en', 'fr', 'nl'] };

/**
 * The text in the wanted language, or visibly in another one: the caller marks the element with the
 * returned `lang` so screen readers pronounce it right and readers see it is not a translation.
 */
export function pickText(text: LocalizedText | null | undefined, lang: Language): { text: string; lang: Language } {
  for (const candidate of FALLBACK_ORDER[lang]) {
    const value = text?.[candidate];
    if (value !== undefined && value.trim() !== '') return { text: value, lang: candidate };
  }
  return { text: '', lang };
}
