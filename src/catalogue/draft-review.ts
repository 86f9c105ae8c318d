// What editors are shown about a service and its draft: which fields a draft changes, in which languages the
// service is complete, and whether its last review is too old (decision 0015).
import { LANGUAGES, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import type { ServiceContent } from './repository.ts';

/** A service not reviewed for this long is listed as stale. */
export const STALE_AFTER_DAYS = 365;

export const LOCALIZED_FIELDS = ['name', 'summary', 'description', 'evidence', 'cost', 'processingTime'] as const;
const OTHER_FIELDS = ['audience', 'lifeEvents', 'theme', 'competent', 'channels', 'appointment'] as const;

/**
 * Which fields a draft changes, for the editors' summary: "name.en", "keywords.fr", "theme", "competent"…
 * (localized fields and keywords per language; lists compared as sets).
 */
export function changedFields(live: ServiceContent, draft: ServiceContent): string[] {
  const changed: string[] = [];
  const norm = (value: string | undefined) => (value ?? '').trim();
  for (const field of LOCALIZED_FIELDS) {
    for (const l of LANGUAGES) if (norm(live[field]?.[l]) !== norm(draft[field]?.[l])) changed.push(`${field}.${l}`);
  }
  // A draft saved before the legal basis existed has none: publishing it keeps the live one (nothing changes).
  if (draft.legalBasis) {
    for (const l of LANGUAGES) if (norm(live.legalBasis?.[l]) !== norm(draft.legalBasis[l])) changed.push(`legalBasis.${l}`);
    if (norm(live.legalBasisUrl ?? '') !== norm(draft.legalBasisUrl ?? '')) changed.push('legalBasisUrl');
  }
  for (const l of LANGUAGES) {
    if ((live.keywords[l] ?? []).join('\u0000') !== (draft.keywords[l] ?? []).join('\u0000')) changed.push(`keywords.${l}`);
  }
  for (const l of LANGUAGES) {
    if (draft.searchTerms && (live.searchTerms?.[l] ?? []).join('\u0000') !== (draft.searchTerms[l] ?? []).join('\u0000')) changed.push(`searchTerms.${l}`);
  }
  const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
  for (const field of OTHER_FIELDS) {
    const same =
      field === 'competent'
        ? live.competentKind === draft.competentKind && (live.competentOrganisation ?? null) === (draft.competentOrganisation ?? null)
        : field === 'theme' || field === 'appointment'
          ? live[field] === draft[field]
          : sameSet(live[field], draft[field]);
    if (!same) changed.push(field);
  }
  return changed;
}

/** Which languages a service is complete in (name and summary filled). */
export function translationCompleteness(service: { name: LocalizedText; summary: LocalizedText }): Record<Language, boolean> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, !!service.name[lang]?.trim() && !!service.summary[lang]?.trim()])) as Record<Language, boolean>;
}

export function isStale(service: { lastReviewedAt: Date | null }, now = Date.now()): boolean {
  if (!service.lastReviewedAt) return true;
  return now - new Date(service.lastReviewedAt).getTime() > STALE_AFTER_DAYS * 24 * 3600 * 1000;
}
