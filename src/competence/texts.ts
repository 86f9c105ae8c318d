// The multilingual texts of the competence center (criteria, good practices, actions, strategy objectives):
// how an edit is turned into the stored {fr, nl, en} object and which languages a text still lacks.
// Pure functions, no I/O.
//
// Like the catalogue's service form, French and Dutch are required (the region's two official languages) and
// English may be left empty: it then falls back visibly (<Text> marks the fallback with its own lang).
import type { FieldError } from '../platform/http/errors.ts';
import { LANGUAGES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';

export const REQUIRED_LANGUAGES = ['fr', 'nl'] as const satisfies readonly Language[];

/**
 * What an edit sends for a text: the three languages at once (an object; what the forms send), or, as the
 * API always accepted, one string in the language of the request.
 */
export type TextInput = string | LocalizedText;

/**
 * A text edited in one language: unchanged, the stored translations stay; changed, only the edited
 * language is kept, so other languages fall back visibly instead of showing a stale translation.
 */
export function editedText(old: LocalizedText | null | undefined, lang: Language, text: string): LocalizedText {
  const trimmed = text.trim();
  if (old && pickText(old, lang).text === trimmed) return old;
  return { [lang]: trimmed };
}

/** The languages given (trimmed; empty ones left out, so they fall back). */
export function cleanText(text: LocalizedText): LocalizedText {
  const out: LocalizedText = {};
  for (const l of LANGUAGES) {
    const value = text[l]?.trim();
    if (value) out[l] = value;
  }
  return out;
}

/** Field errors for the required languages missing from a text, named `${field}.fr`, `${field}.nl`. */
export function missingLanguages(text: LocalizedText, field: string): FieldError[] {
  return REQUIRED_LANGUAGES.filter((l) => !text[l]?.trim()).map((l) => ({ field: `${field}.${l}`, code: 'validation.required' }));
}

/**
 * The stored text after an edit: all three languages at once (French and Dutch required), or one string in
 * the request language (see editedText). Errors name the fields `${field}.fr` / `${field}.nl`.
 */
export function resolveText(
  old: LocalizedText | null | undefined,
  lang: Language,
  input: TextInput,
  field: string,
): { text: LocalizedText; errors: FieldError[] } {
  if (typeof input === 'string') {
    return input.trim() ? { text: editedText(old, lang, input), errors: [] } : { text: {}, errors: [{ field, code: 'validation.required' }] };
  }
  const text = cleanText(input);
  return { text, errors: missingLanguages(text, field) };
}

/** Per language, whether every one of the texts has it (the "translations" line of edit pages). */
export function translationCompleteness(...texts: Array<LocalizedText | null | undefined>): Record<Language, boolean> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, texts.every((text) => !!text?.[l]?.trim())])) as Record<Language, boolean>;
}

/** A text posted by a form as `${name}.fr`, `${name}.nl`, `${name}.en`. */
export function textFromForm(get: (name: string) => string, name: string): LocalizedText {
  return Object.fromEntries(LANGUAGES.map((l) => [l, get(`${name}.${l}`)]));
}
