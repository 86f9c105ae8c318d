// SQL of the catalogue: themes, life events, services, their versions, search and content gaps.
import type { Queryable } from '../platform/db/database.ts';
import type { Language, LocalizedText } from '../platform/i18n/languages.ts';

export const SERVICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const AUDIENCES = ['citizen', 'business', 'association'] as const;
export const CHANNELS = ['counter', 'online', 'phone', 'email', 'post'] as const;
export type CompetentKind = 'organisation' | 'commune' | 'cpas';
export type Keywords = Partial<Record<Language, string[]>>;

export interface OrganisationRef {
  id: string;
  code: string;
  kind: string;
  name: LocalizedText;
  shortName: LocalizedText | null;
}

export interface ServiceRecord {
  id: string;
  code: string;
  name: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  audience: string[];
  lifeEvents: string[];
  theme: string;
  competentKind: CompetentKind;
  competentOrganisation: OrganisationRef | null;
  ownerOrganisationId: string | null;
  channels: string[];
  appointment: boolean;
  evidence: LocalizedText;
  cost: LocalizedText;
  processingTime: LocalizedText;
  /** The act the service rests on, per language ({} when unknown), and a link to its official text (issue 15). */
  legalBasis: LocalizedText;
  legalBasisUrl: string | null;
  keywords: Keywords;
  /** Everyday words users search with (situations, colloquial words, misspellings, local names; decision 0030). */
  searchTerms: Keywords;
  status: ServiceStatus;
  lastReviewedAt: Date | null;
  updatedAt: Date;
  version: number;
  /** Pending changes of a published service, not public yet (decision 0015). */
  draft: ServiceContent | null;
  draftSavedAt: Date | null;
}

/** Everything an editor can change in a service: the live columns, or a pending draft of them. */
export interface ServiceContent {
  name: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  evidence: LocalizedText;
  cost: LocalizedText;
  processingTime: LocalizedText;
  /** Absent (an API client or a draft from before the field): the service keeps its legal basis and link. */
  legalBasis?: LocalizedText | undefined;
  legalBasisUrl?: string | null | undefined;
  keywords: Keywords;
  /** Absent (a form or draft without the field): the service keeps its search terms. */
  searchTerms?: Keywords | undefined;
  audience: string[];
  lifeEvents: string[];
  theme: string;
  competentKind: CompetentKind;
  /** Organisation code when competentKind is 'organisation', otherwise null. */
  competentOrganisation: string | null;
  channels: string[];
  appointment: boolean;
}

const SERVICE_SELECT = `
  SELECT s.id, s.code, s.name, s.summary, s.description, s.audience, s.life_events AS "lifeEvents", s.theme,
         s.competent_kind AS "competentKind",
         CASE WHEN o.id IS NULL THEN NULL
              ELSE jsonb_build_object('id', o.id, 'code', o.code, 'kind', o.kind, 'name', o.name, 'shortName', o.short_name) END
           AS "competentOrganisation",
         s.owner_organisation_id AS "ownerOrganisationId", s.channels, s.appointment, s.evidence, s.cost,
         s.processing_time AS "processingTime", s.legal_basis AS "legalBasis", s.legal_basis_url AS "legalBasisUrl", s.keywords, s.search_terms AS "searchTerms", s.status, s.last_reviewed_at AS "lastReviewedAt",
         s.updated_at AS "updatedAt", s.version, s.draft, s.draft_saved_at AS "draftSavedAt"
    FROM services s LEFT JOIN organisations o ON o.id = s.competent_organisation_id`;

// ---- reference data

export interface Theme {
  code: string;
  name: LocalizedText;
}
export interface LifeEvent {
  code: string;
  name: LocalizedText;
  audience: string[];
}

export async function upsertThemes(db: Queryable, themes: Theme[]): Promise<void> {
  await db.query(
    `INSERT INTO catalogue_themes (code, name, position)
     SELECT t.code, t.name, t.position FROM jsonb_to_recordset($1::jsonb) AS t(code text, name jsonb, position int)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(themes.map((theme, position) => ({ ...theme, position })))],
  );
}

export async function upsertLifeEvents(db: Queryable, events: LifeEvent[]): Promise<void> {
  await db.query(
    `INSERT INTO life_events (code, name, audience, position)
     SELECT e.code, e.name, e.audience, e.position FROM jsonb_to_recordset($1::jsonb) AS e(code text, name jsonb, audience text[], position int)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(events.map((event, position) => ({ ...event, position })))],
  );
}

export async function listThemes(db: Queryable): Promise<Theme[]> {
  const { rows } = await db.query<Theme>('SELECT code, name FROM catalogue_themes ORDER BY position, code');
  return rows;
}

export async function listLifeEvents(db: Queryable): Promise<LifeEvent[]> {
  const { rows } = await db.query<LifeEvent>('SELECT code, name, audience FROM life_events ORDER BY position, code');
  return rows;
}

export interface NewService {
  code: string;
  name: LocalizedText;
  summary: LocalizedText;
  description?: LocalizedText;
  audience: string[];
  lifeEvents: string[];
  theme: string;
  competentKind: CompetentKind;
  /** Organisation code when competentKind is 'organisation'. */
  competentOrganisation?: string | null;
  channels: string[];
  appointment: boolean;
  evidence?: LocalizedText;
  cost?: LocalizedText;
  processingTime?: LocalizedText;
  keywords: Keywords;
  searchTerms?: Keywords;
  status: ServiceStatus;
}

/**
 * Inserts the services whose code is not there yet (one statement, idempotent). The owner of a service of one
 * organisation is that organisation; services of every commune/CPAS belong to the regional team (NULL).
 */
export async function insertServices(db: Queryable, services: NewService[]): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO services (code, name, summary, description, audience, life_events, theme, competent_kind,
                           competent_organisation_id, owner_organisation_id, channels, appointment, evidence, cost,
                           processing_time, keywords, search_terms, status, last_reviewed_at)
     SELECT s.code, s.name, s.summary, coalesce(s.description, '{}'), s.audience, s.life_events, s.theme, s.competent_kind,
            o.id, o.id, s.channels, s.appointment, coalesce(s.evidence, '{}'), coalesce(s.cost, '{}'),
            coalesce(s.processing_time, '{}'), s.keywords, coalesce(s.search_terms, '{}'), s.status, now()
       FROM jsonb_to_recordset($1::jsonb) AS s(code text, name jsonb, summary jsonb, description jsonb, audience text[],
              life_events text[], theme text, competent_kind text, competent_organisation text, channels text[],
              appointment boolean, evidence jsonb, cost jsonb, processing_time jsonb, keywords jsonb, search_terms jsonb,
              status text)
       LEFT JOIN organisations o ON o.code = s.competent_organisation
      WHERE s.competent_kind <> 'organisation' OR o.id IS NOT NULL
     ON CONFLICT (code) DO NOTHING`,
    [
      JSON.stringify(
        services.map((s) => ({
          code: s.code,
          name: s.name,
          summary: s.summary,
          description: s.description ?? null,
          audience: s.audience,
          life_events: s.lifeEvents,
          theme: s.theme,
          competent_kind: s.competentKind,
          competent_organisation: s.competentOrganisation ?? null,
          channels: s.channels,
          appointment: s.appointment,
          evidence: s.evidence ?? null,
          cost: s.cost ?? null,
          processing_time: s.processingTime ?? null,
          keywords: s.keywords,
          search_terms: s.searchTerms ?? null,
          status: s.status,
        })),
      ),
    ],
  );
  return rowCount;
}

/**
 * Sets the search terms of services that have none and were never edited (no version history): the seed's way of
 * filling databases created before search terms existed, without overwriting an editor's choice.
 */
export async function fillSearchTerms(db: Queryable, terms: Record<string, Keywords>): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE services s SET search_terms = t.value
       FROM jsonb_each($1::jsonb) AS t(code, value)
      WHERE s.code = t.code AND s.search_terms = '{}'::jsonb
        AND NOT EXISTS (SELECT 1 FROM service_versions v WHERE v.service_id = s.id)`,
    [JSON.stringify(terms)],
  );
  return rowCount;
}

// ---- reading

export async function findServiceByCode(db: Queryable, code: string): Promise<ServiceRecord | undefined> {
  const { rows } = await db.query<ServiceRecord>(`${SERVICE_SELECT} WHERE s.code = $1`, [code]);
  return rows[0];
}

export interface ServiceFilter {
  theme?: string | undefined;
  lifeEvent?: string | undefined;
  audience?: string | undefined;
  competentOrganisationId?: string | undefined;
  competentKinds?: CompetentKind[] | undefined;
  /** Owner scope for editors: undefined = all, null = regional team only, or one organisation id. */
  ownerOrganisationId?: string | null | undefined;
  includeUnpublished?: boolean;
  limit?: number;
}

export async function listServices(db: Queryable, filter: ServiceFilter = {}): Promise<ServiceRecord[]> {
  const { rows } = await db.query<ServiceRecord>(
    `${SERVICE_SELECT}
      WHERE ($1::text IS NULL OR s.theme = $1)
        AND ($2::text IS NULL OR s.life_events @> ARRAY[$2::text])
        AND ($3::text IS NULL OR s.audience @> ARRAY[$3::text])
        AND ($4::uuid IS NULL OR s.competent_organisation_id = $4)
        AND ($5::text[] IS NULL OR s.competent_kind = ANY($5))
        AND ($6::boolean OR s.status = 'published')
        AND (NOT $7::boolean OR s.owner_organisation_id IS NOT DISTINCT FROM $8::uuid)
      ORDER BY s.name->>'fr', s.code
      LIMIT $9`,
    [
      filter.theme ?? null,
      filter.lifeEvent ?? null,
      filter.audience ?? null,
      filter.competentOrganisationId ?? null,
      filter.competentKinds ?? null,
      filter.includeUnpublished ?? false,
      filter.ownerOrganisationId !== undefined,
      filter.ownerOrganisationId ?? null,
      filter.limit ?? 10_000,
    ],
  );
  return rows;
}

// ---- search

export interface SearchHit {
  code: string;
  name: LocalizedText;
  summary: LocalizedText;
  lifeEvents: string[];
  competentKind: CompetentKind;
  competentOrganisation: OrganisationRef | null;
  score: number;
}

export interface SearchDocument {
  code: string;
  name: LocalizedText;
  summary: LocalizedText;
  keywords: Keywords;
  searchTerms: Keywords;
  lifeEvents: string[];
  competentKind: CompetentKind;
  competentOrganisation: OrganisationRef | null;
  tsv: Record<Language, string>;
}

/** Every published service with its three search documents (tsvectors as text), for the in-memory index. */
export async function loadSearchDocuments(db: Queryable): Promise<SearchDocument[]> {
  const { rows } = await db.query<SearchDocument>(
    `SELECT s.code, s.name, s.summary, s.keywords, s.search_terms AS "searchTerms", s.life_events AS "lifeEvents",
            s.competent_kind AS "competentKind",
            CASE WHEN o.id IS NULL THEN NULL
                 ELSE jsonb_build_object('id', o.id, 'code', o.code, 'kind', o.kind, 'name', o.name, 'shortName', o.short_name) END
              AS "competentOrganisation",
            jsonb_build_object('fr', s.search_fr::text, 'nl', s.search_nl::text, 'en', s.search_en::text) AS tsv
       FROM services s LEFT JOIN organisations o ON o.id = s.competent_organisation_id
      WHERE s.status = 'published'
      ORDER BY s.code`,
  );
  return rows;
}

/** The stems of folded words by the french, dutch and english configurations (a stop word has none). */
export async function stemWords(db: Queryable, words: string[]): Promise<Map<string, Record<Language, string[]>>> {
  const { rows } = await db.query<{ w: string; fr: string[]; nl: string[]; en: string[] }>(
    `SELECT w, tsvector_to_array(to_tsvector('french', w)) AS fr, tsvector_to_array(to_tsvector('dutch', w)) AS nl,
            tsvector_to_array(to_tsvector('english', w)) AS en
       FROM unnest($1::text[]) AS w`,
    [words],
  );
  return new Map(rows.map((row) => [row.w, { fr: row.fr, nl: row.nl, en: row.en }]));
}

// ---- organisations by place

/** The communes (or CPAS) whose territory includes a postal code. */
export async function organisationsForPostalCode(db: Queryable, kind: 'commune' | 'cpas', postalCode: string): Promise<OrganisationRef[]> {
  const { rows } = await db.query<OrganisationRef>(
    `SELECT id, code, kind, name, short_name AS "shortName" FROM organisations
      WHERE kind = $1 AND postal_codes @> ARRAY[$2::text] ORDER BY code`,
    [kind, postalCode],
  );
  return rows;
}

export async function findOrganisationRef(
  db: Queryable,
  code: string,
): Promise<(OrganisationRef & { mission: LocalizedText | null; postalCodes: string[] }) | undefined> {
  const { rows } = await db.query<OrganisationRef & { mission: LocalizedText | null; postalCodes: string[] }>(
    `SELECT id, code, kind, name, short_name AS "shortName", mission, postal_codes AS "postalCodes" FROM organisations WHERE code = $1`,
    [code],
  );
  return rows[0];
}

// ---- editing

export async function insertServiceVersion(db: Queryable, service: ServiceRecord, changedBy: string | null, note: string | null): Promise<void> {
  const { id, competentOrganisation, draft: _draft, draftSavedAt: _draftSavedAt, ...content } = service;
  await db.query(
    `INSERT INTO service_versions (service_id, version, status, content, changed_by, note) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (service_id, version) DO NOTHING`,
    [id, service.version, service.status, JSON.stringify({ ...content, competentOrganisation: competentOrganisation?.code ?? null }), changedBy, note],
  );
}

// ---- drafts and creation (decision 0015)

const CONTENT_COLUMNS = `name = $3, summary = $4, description = $5, evidence = $6, cost = $7, processing_time = $8, keywords = $9,
            audience = $10, life_events = $11, theme = $12, competent_kind = $13,
            competent_organisation_id = (SELECT id FROM organisations WHERE code = $14), channels = $15, appointment = $16,
            search_terms = coalesce($17::jsonb, search_terms),
            legal_basis = coalesce($18::jsonb, legal_basis),
            legal_basis_url = CASE WHEN $18::jsonb IS NULL THEN legal_basis_url ELSE $19::text END`;

function contentParams(content: ServiceContent): unknown[] {
  return [
    JSON.stringify(content.name),
    JSON.stringify(content.summary),
    JSON.stringify(content.description),
    JSON.stringify(content.evidence),
    JSON.stringify(content.cost),
    JSON.stringify(content.processingTime),
    JSON.stringify(content.keywords),
    content.audience,
    content.lifeEvents,
    content.theme,
    content.competentKind,
    content.competentKind === 'organisation' ? content.competentOrganisation : null,
    content.channels,
    content.appointment,
    content.searchTerms ? JSON.stringify(content.searchTerms) : null,
    content.legalBasis ? JSON.stringify(content.legalBasis) : null,
    content.legalBasis ? (content.legalBasisUrl ?? null) : null,
  ];
}

/** The live content of a service, in the shape of a draft. */
export function liveContent(service: ServiceRecord): ServiceContent {
  return {
    name: service.name,
    summary: service.summary,
    description: service.description,
    evidence: service.evidence,
    cost: service.cost,
    processingTime: service.processingTime,
    legalBasis: service.legalBasis,
    legalBasisUrl: service.legalBasisUrl,
    keywords: service.keywords,
    searchTerms: service.searchTerms,
    audience: service.audience,
    lifeEvents: service.lifeEvents,
    theme: service.theme,
    competentKind: service.competentKind,
    competentOrganisation: service.competentOrganisation?.code ?? null,
    channels: service.channels,
    appointment: service.appointment,
  };
}

/** Keeps changes as the pending draft (the live columns do not move); false on a stale version. */
export async function saveDraft(db: Queryable, id: string, expectedVersion: number, content: ServiceContent, accountId: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    // updated_at stays: it stamps the live content (other instances' search indexes compare it).
    `UPDATE services SET draft = $3, draft_saved_at = now(), draft_saved_by = $4, version = version + 1
      WHERE id = $1 AND version = $2`,
    [id, expectedVersion, JSON.stringify(content), accountId],
  );
  return rowCount === 1;
}

/**
 * Replaces the live content (and status), drops any pending draft; false on a stale version. The owner is
 * given by the caller (it follows the competent authority only when that changes).
 */
export async function applyContent(
  db: Queryable,
  id: string,
  expectedVersion: number,
  content: ServiceContent,
  options: { status: ServiceStatus; reviewed: boolean; ownerOrganisationId: string | null },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE services
        SET ${CONTENT_COLUMNS}, status = $20, owner_organisation_id = $21,
            last_reviewed_at = CASE WHEN $22::boolean THEN now() ELSE last_reviewed_at END,
            draft = NULL, draft_saved_at = NULL, draft_saved_by = NULL, updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2`,
    [id, expectedVersion, ...contentParams(content), options.status, options.ownerOrganisationId, options.reviewed],
  );
  return rowCount === 1;
}

/** Drops the pending draft; false on a stale version. */
export async function discardDraft(db: Queryable, id: string, expectedVersion: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE services SET draft = NULL, draft_saved_at = NULL, draft_saved_by = NULL, version = version + 1
      WHERE id = $1 AND version = $2`,
    [id, expectedVersion],
  );
  return rowCount === 1;
}

/** Changes the status only (withdrawing a published service); false on a stale version. */
export async function setStatus(db: Queryable, id: string, expectedVersion: number, status: ServiceStatus): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE services SET status = $3, updated_at = now(), version = version + 1 WHERE id = $1 AND version = $2`, [
    id,
    expectedVersion,
    status,
  ]);
  return rowCount === 1;
}

/** A new service, as a draft; false when the code is taken (the unique constraint decides, race-free). */
export async function createService(
  db: Queryable,
  code: string,
  content: ServiceContent,
  options: { ownerOrganisationId: string | null; createdBy: string },
): Promise<boolean> {
  try {
    const { rowCount } = await db.query(
      `INSERT INTO services (code, name, summary, description, evidence, cost, processing_time, keywords, audience, life_events,
                             theme, competent_kind, competent_organisation_id, channels, appointment, search_terms,
                             legal_basis, legal_basis_url, status, owner_organisation_id, created_by, last_reviewed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, (SELECT id FROM organisations WHERE code = $13), $14, $15,
               coalesce($16::jsonb, '{}'), coalesce($17::jsonb, '{}'), $18, 'draft', $19, $20, now())
       ON CONFLICT (code) DO NOTHING`,
      [code, ...contentParams(content), options.ownerOrganisationId, options.createdBy],
    );
    return rowCount === 1;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return false;
    throw error;
  }
}

/** Organisations that can be the competent authority of a service (the form's choice). */
export async function listOrganisationChoices(db: Queryable): Promise<Array<{ id: string; code: string; kind: string; name: LocalizedText }>> {
  const { rows } = await db.query<{ id: string; code: string; kind: string; name: LocalizedText }>(
    `SELECT id, code, kind, name FROM organisations ORDER BY name->>'fr', code`,
  );
  return rows;
}

/** Records the state before the first change, when the history is still empty (so it shows where it started). */
export async function insertInitialVersion(db: Queryable, service: ServiceRecord): Promise<void> {
  const { rows } = await db.query('SELECT 1 FROM service_versions WHERE service_id = $1 LIMIT 1', [service.id]);
  if (rows.length === 0) await insertServiceVersion(db, service, null, 'initial');
}

export interface ServiceVersion {
  version: number;
  status: ServiceStatus;
  changedAt: Date;
  changedBy: string | null;
  note: string | null;
}

export async function listServiceVersions(db: Queryable, serviceId: string): Promise<ServiceVersion[]> {
  const { rows } = await db.query<ServiceVersion>(
    `SELECT v.version, v.status, v.changed_at AS "changedAt", a.display_name AS "changedBy", v.note
       FROM service_versions v LEFT JOIN accounts a ON a.id = v.changed_by
      WHERE v.service_id = $1 ORDER BY v.version DESC`,
    [serviceId],
  );
  return rows;
}

// ---- content gaps

export interface ContentGap {
  query: string;
  lang: Language;
  resultCount: number;
  at: Date;
  /** The service a poor search ranked first (a weak guess), if it had results. */
  bestGuess?: string | null;
}

/** Writes a batch of content gaps in one statement. */
export async function insertContentGaps(db: Queryable, gaps: ContentGap[]): Promise<void> {
  if (gaps.length === 0) return;
  await db.query(
    `INSERT INTO content_gaps (query, lang, at, result_count, best_guess)
     SELECT query, lang, at, result_count, best_guess
       FROM jsonb_to_recordset($1::jsonb) AS g(query text, lang text, at timestamptz, result_count integer, best_guess text)`,
    [
      JSON.stringify(
        gaps.map((gap) => ({ query: gap.query, lang: gap.lang, at: gap.at.toISOString(), result_count: gap.resultCount, best_guess: gap.bestGuess ?? null })),
      ),
    ],
  );
}

export interface ContentGapSummary {
  query: string;
  lang: Language;
  count: number;
  lastAt: Date;
  maxResults: number;
}

export async function listContentGaps(db: Queryable, limit = 200): Promise<ContentGapSummary[]> {
  const { rows } = await db.query<ContentGapSummary>(
    `SELECT lower(query) AS query, lang, count(*)::int AS count, max(at) AS "lastAt", max(result_count)::int AS "maxResults"
       FROM content_gaps WHERE at > now() - interval '180 days'
      GROUP BY lower(query), lang ORDER BY count(*) DESC, max(at) DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

// ---- legal bases (seed)

/**
 * Sets the legal basis of services never edited (no version history), without overwriting an editor's choice: where
 * it is empty, and where it is still the seeded text without a link, the link a later seed knows (so databases
 * seeded before the links get them).
 */
export async function fillLegalBases(db: Queryable, bases: Record<string, { text: LocalizedText; url: string | null }>): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE services s SET legal_basis = t.value->'text', legal_basis_url = t.value->>'url'
       FROM jsonb_each($1::jsonb) AS t(code, value)
      WHERE s.code = t.code
        AND (s.legal_basis = '{}'::jsonb
             OR (s.legal_basis = t.value->'text' AND s.legal_basis_url IS NULL AND t.value->>'url' IS NOT NULL))
        AND NOT EXISTS (SELECT 1 FROM service_versions v WHERE v.service_id = s.id)`,
    [JSON.stringify(bases)],
  );
  return rowCount;
}

// ---- local parts of shared services (decision 0058)

export const LOCAL_FIELDS = ['fees', 'documents', 'offices', 'notes'] as const;
export type LocalField = (typeof LOCAL_FIELDS)[number];
/** What a commune (or CPAS) adds to a service every commune (or CPAS) provides, per language. */
export type LocalContent = Record<LocalField, LocalizedText>;

export interface LocalPartRecord {
  serviceId: string;
  organisationId: string;
  /** What citizens read; null until first published. */
  content: LocalContent | null;
  /** Unpublished changes. */
  draft: LocalContent | null;
  version: number;
  publishedAt: Date | null;
  draftSavedAt: Date | null;
}

const LOCAL_SELECT = `SELECT service_id AS "serviceId", organisation_id AS "organisationId", content, draft, version,
                             published_at AS "publishedAt", draft_saved_at AS "draftSavedAt"
                        FROM service_local_parts`;

/** The kind and code of an organisation (is it a commune, a CPAS?). */
export async function organisationKind(db: Queryable, id: string): Promise<{ code: string; kind: string; name: LocalizedText } | undefined> {
  const { rows } = await db.query<{ code: string; kind: string; name: LocalizedText }>('SELECT code, kind, name FROM organisations WHERE id = $1', [id]);
  return rows[0];
}

export async function findLocalPart(db: Queryable, serviceId: string, organisationId: string): Promise<LocalPartRecord | undefined> {
  const { rows } = await db.query<LocalPartRecord>(`${LOCAL_SELECT} WHERE service_id = $1 AND organisation_id = $2`, [serviceId, organisationId]);
  return rows[0];
}

/** The published local part of a service for an organisation given by its code (the public page). */
export async function publishedLocalPart(db: Queryable, serviceId: string, organisationCode: string): Promise<LocalContent | undefined> {
  const { rows } = await db.query<{ content: LocalContent }>(
    `SELECT p.content FROM service_local_parts p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.service_id = $1 AND o.code = $2 AND p.content IS NOT NULL`,
    [serviceId, organisationCode],
  );
  return rows[0]?.content;
}

/** The local parts of one organisation, by service id. */
export async function listLocalParts(db: Queryable, organisationId: string): Promise<LocalPartRecord[]> {
  const { rows } = await db.query<LocalPartRecord>(`${LOCAL_SELECT} WHERE organisation_id = $1`, [organisationId]);
  return rows;
}

/**
 * Saves changes as the draft (version 0 = no local part yet: the row is created) or publishes them (content
 * replaced, draft dropped); false on a stale version or when another editor created the row first.
 */
export async function writeLocalPart(
  db: Queryable,
  key: { serviceId: string; organisationId: string },
  expectedVersion: number,
  content: LocalContent,
  options: { publish: boolean; accountId: string },
): Promise<boolean> {
  const params = [key.serviceId, key.organisationId, JSON.stringify(content), options.accountId, options.publish];
  if (expectedVersion === 0) {
    const { rowCount } = await db.query(
      `INSERT INTO service_local_parts (service_id, organisation_id, content, draft, published_at, published_by, draft_saved_at, draft_saved_by)
       SELECT $1, $2, CASE WHEN $5 THEN $3::jsonb END, CASE WHEN $5 THEN NULL ELSE $3::jsonb END,
              CASE WHEN $5 THEN now() END, CASE WHEN $5 THEN $4::uuid END, CASE WHEN $5 THEN NULL ELSE now() END, CASE WHEN $5 THEN NULL ELSE $4::uuid END
       ON CONFLICT (service_id, organisation_id) DO NOTHING`,
      params,
    );
    return rowCount === 1;
  }
  const { rowCount } = await db.query(
    `UPDATE service_local_parts
        SET content = CASE WHEN $5 THEN $3::jsonb ELSE content END,
            draft = CASE WHEN $5 THEN NULL ELSE $3::jsonb END,
            published_at = CASE WHEN $5 THEN now() ELSE published_at END,
            published_by = CASE WHEN $5 THEN $4::uuid ELSE published_by END,
            draft_saved_at = CASE WHEN $5 THEN NULL ELSE now() END,
            draft_saved_by = CASE WHEN $5 THEN NULL ELSE $4::uuid END,
            version = version + 1
      WHERE service_id = $1 AND organisation_id = $2 AND version = $6`,
    [...params, expectedVersion],
  );
  return rowCount === 1;
}

/** Drops the draft of a local part; false on a stale version. */
export async function discardLocalDraft(db: Queryable, key: { serviceId: string; organisationId: string }, expectedVersion: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE service_local_parts SET draft = NULL, draft_saved_at = NULL, draft_saved_by = NULL, version = version + 1
      WHERE service_id = $1 AND organisation_id = $2 AND version = $3 AND draft IS NOT NULL`,
    [key.serviceId, key.organisationId, expectedVersion],
  );
  return rowCount === 1;
}

/** The seed's local part of a shared service for one organisation, published, unless it already has one. */
export async function insertLocalPartIfMissing(db: Queryable, serviceCode: string, organisationCode: string, content: LocalContent): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO service_local_parts (service_id, organisation_id, content, published_at)
     SELECT s.id, o.id, $3::jsonb, now() FROM services s, organisations o WHERE s.code = $1 AND o.code = $2 AND s.competent_kind = o.kind
     ON CONFLICT (service_id, organisation_id) DO NOTHING`,
    [serviceCode, organisationCode, JSON.stringify(content)],
  );
  return rowCount;
}
