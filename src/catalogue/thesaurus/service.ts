// Editing the orientation thesaurus (issue 16, decision 0030): content editors create, change and delete
// concepts (preferred and alternative labels in FR/NL/EN, related concepts, the services they lead to) as drafts
// or published, with optimistic locking and an audit entry per change. A published change reaches the search at
// once on this instance and within the index's freshness check on every other one (the thesaurus is in its stamp).
// Who may: the role gate of the /admin/catalogue prefix (content editors and administrators, decision 0033) is the
// one check; the thesaurus has no rule about one record (every editor edits every concept: concepts are shared
// by the whole region's search), so these functions take the actor for the audit only.
import type { Database } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { LANGUAGES, type Language } from '../../platform/i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';
import type { AuditService } from '../../audit/service.ts';
import * as catalogueRepo from '../repository.ts';
import * as repo from './repository.ts';
import { thesaurusJsonLd, thesaurusTurtle } from './skos.ts';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_LABEL_LENGTH = 80;
export const MAX_ALT_LABELS = 40;
export const MAX_LINKS = 40;

/** A concept as an editor sends it (form or API). */
export interface ConceptInput {
  labels: Partial<Record<Language, { pref: string; alt: string[] }>>;
  related: string[];
  services: string[];
  status: repo.ConceptStatus;
}

export interface ThesaurusDeps {
  /** Forgets this instance's search index after a change. */
  invalidateIndex(): void;
  audit?: Pick<AuditService, 'record'> | undefined;
}

export function thesaurusService(db: Database, deps: ThesaurusDeps) {
  /** Field by field problems of a concept; the labels, related concepts and services cleaned. */
  async function checked(input: ConceptInput, ownCode: string | null): Promise<Omit<repo.NewConcept, 'code'> & { status: repo.ConceptStatus }> {
    const fields: FieldError[] = [];
    const labels: repo.Concept['labels'] = {};
    for (const lang of LANGUAGES) {
      const given = input.labels[lang];
      const pref = given?.pref.trim() ?? '';
      const alt = [...new Set((given?.alt ?? []).map((label) => label.trim()).filter(Boolean))];
      if (pref.length > MAX_LABEL_LENGTH) fields.push({ field: `pref.${lang}`, code: 'validation.maxLength', values: { limit: MAX_LABEL_LENGTH } });
      if (alt.length > MAX_ALT_LABELS) fields.push({ field: `alt.${lang}`, code: 'validation.maxItems', values: { limit: MAX_ALT_LABELS } });
      if (alt.some((label) => label.length > MAX_LABEL_LENGTH))
        fields.push({ field: `alt.${lang}`, code: 'catalogue.thesaurus.labelTooLong', values: { limit: MAX_LABEL_LENGTH } });
      if (!pref && alt.length > 0) fields.push({ field: `pref.${lang}`, code: 'catalogue.thesaurus.prefRequired' });
      if (pref) labels[lang] = { pref, alt };
    }
    if (Object.keys(labels).length === 0) fields.push({ field: 'pref.fr', code: 'catalogue.thesaurus.oneLabel' });
    const related = [...new Set(input.related.map((code) => code.trim()).filter(Boolean))].filter((code) => code !== ownCode);
    const services = [...new Set(input.services.map((code) => code.trim()).filter(Boolean))];
    if (related.length > MAX_LINKS) fields.push({ field: 'related', code: 'validation.maxItems', values: { limit: MAX_LINKS } });
    if (services.length > MAX_LINKS) fields.push({ field: 'services', code: 'validation.maxItems', values: { limit: MAX_LINKS } });
    const knownConcepts = await repo.existingConceptCodes(db, related);
    const unknownConcepts = related.filter((code) => !knownConcepts.has(code));
    if (unknownConcepts.length > 0)
      fields.push({ field: 'related', code: 'catalogue.thesaurus.unknownConcepts', values: { codes: unknownConcepts.join(', ') } });
    const found = await Promise.all(services.filter((code) => CODE.test(code)).map((code) => catalogueRepo.findServiceByCode(db, code)));
    const knownServices = new Set(found.flatMap((service) => (service ? [service.code] : [])));
    const unknownServices = services.filter((code) => !knownServices.has(code));
    if (unknownServices.length > 0)
      fields.push({ field: 'services', code: 'catalogue.thesaurus.unknownServices', values: { codes: unknownServices.join(', ') } });
    if (fields.length > 0) throw new AppError(400, 'validation.failed', { fields });
    return { labels, related, services, status: input.status };
  }

  async function existing(code: string) {
    const concept = CODE.test(code) && code.length <= 80 ? await repo.findConcept(db, code) : undefined;
    if (!concept) throw new AppError(404, 'catalogue.concept_not_found');
    return concept;
  }

  async function changed(actor: Actor, action: 'create' | 'update' | 'delete', concept: { id: string; code: string }, published: boolean, requestId?: string) {
    if (published) deps.invalidateIndex();
    await deps.audit?.record(actor, action, { type: 'search_concept', id: concept.id, organisationId: null }, requestId, { code: concept.code });
  }

  return {
    /** Every concept, drafts included, by code (editors). */
    async list() {
      return repo.listConcepts(db, { includeDrafts: true });
    },

    async get(code: string) {
      return existing(code);
    },

    /** A new concept; a taken code gives 409. */
    async create(actor: Actor, code: string, input: ConceptInput, requestId?: string) {
      if (!CODE.test(code) || code.length < 2 || code.length > 80 || code === 'new') {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'code', code: 'catalogue.codeFormat' }] });
      }
      const concept = await checked(input, code);
      const created = await repo.createConcept(db, { code, ...concept }, actor.accountId);
      if (!created)
        throw new AppError(409, 'catalogue.concept_code_taken', {
          fields: [{ field: 'code', code: 'errors.catalogue.concept_code_taken', values: { code } }],
          values: { code },
        });
      await changed(actor, 'create', created, created.status === 'published', requestId);
      return created;
    },

    /** Changes a concept at the version the editor read; a concurrent change gives 409, never a lost update. */
    async update(actor: Actor, code: string, version: number, input: ConceptInput, requestId?: string) {
      const before = await existing(code);
      const concept = await checked(input, code);
      if (!(await repo.updateConcept(db, code, version, concept, actor.accountId))) throw new AppError(409, 'catalogue.concept_stale');
      await changed(actor, 'update', before, before.status === 'published' || concept.status === 'published', requestId);
      return (await repo.findConcept(db, code))!;
    },

    async remove(actor: Actor, code: string, version: number, requestId?: string) {
      const before = await existing(code);
      if (!(await db.transaction((tx) => repo.deleteConcept(tx, code, version)))) throw new AppError(409, 'catalogue.concept_stale');
      await changed(actor, 'delete', before, true, requestId);
    },

    /** The published thesaurus as SKOS (Turtle), public like the catalogue exports. */
    async turtle(publicUrl: string) {
      return thesaurusTurtle(await repo.listConcepts(db), publicUrl);
    },

    /** The same, as JSON-LD. */
    async jsonLd(publicUrl: string) {
      return thesaurusJsonLd(await repo.listConcepts(db), publicUrl);
    },
  };
}

export type ThesaurusService = ReturnType<typeof thesaurusService>;
