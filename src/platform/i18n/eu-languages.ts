// The interface languages as IRIs of the EU Publications Office's language authority table: what DCAT-AP and
// CPSV-AP expect for dct:language (decision 0028).
import type { Language } from './languages.ts';

export const EU_LANGUAGE: Record<Language, string> = {
  fr: 'http://publications.europa.eu/resource/authority/language/FRA',
  nl: 'http://publications.europa.eu/resource/authority/language/NLD',
  en: 'http://publications.europa.eu/resource/authority/language/ENG',
};
