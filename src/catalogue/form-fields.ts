// How the catalogue's back-office forms name and read their fields: one field per language with the language as
// a suffix (nameFr, nameNl, nameEn), read back as trimmed text or as lists (the schema has checked them).
import type { FormValues } from '../platform/http/form-values.ts';
import type { Language } from '../platform/i18n/languages.ts';

export const suffixOf = (l: Language) => `${l[0]!.toUpperCase()}${l[1]}`;

export const formText = (form: FormValues, name: string) => {
  const raw = form[name];
  return (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
};

export const formList = (form: FormValues, name: string): string[] => {
  const raw = form[name];
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
};
