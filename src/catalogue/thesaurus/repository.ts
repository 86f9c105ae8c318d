// SQL of the orientation thesaurus (decision 0030): concepts with preferred and alternative labels in FR, NL
// and EN, related concepts and the services they lead to. The search index loads the published ones.
import type { Queryable } from '../../platform/db/database.ts';
import type { Language } from '../../platform/i18n/languages.ts';

export const CONCEPT_STATUSES = ['draft', 'published'] as const;
export type ConceptStatus = (typeof CONCEPT_STATUSES)[number];

/** The labels of a concept in one language: one preferred, any number of alternatives (SKOS prefLabel/altLabel). */
export interface ConceptLabels {
  pref: string;
  alt: string[];
}

export interface Concept {
  id: string;
  code: string;
  labels: Partial<Record<Language, ConceptLabels>>;
  /** Codes of related concepts (skos:related). */
  related: string[];
  /** Codes of the services the concept leads to. */
  services: string[];
  status: ConceptStatus;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

export type NewConcept = Pick<Concept, 'code' | 'labels' | 'related' | 'services'> & { status?: ConceptStatus };

const CONCEPT_SELECT = `SELECT id, code, labels, related, services, status, version, updated_at AS "updatedAt", updated_by AS "updatedBy"
  FROM search_concepts`;

/** Concepts, published ones only unless asked otherwise, by code. */
export async function listConcepts(db: Queryable, options: { includeDrafts?: boolean } = {}): Promise<Concept[]> {
  const { rows } = await db.query<Concept>(`${CONCEPT_SELECT} WHERE $1::boolean OR status = 'published' ORDER BY code`, [options.includeDrafts ?? false]);
  return rows;
}

/** A cheap stamp of the published thesaurus: it changes whenever a published concept is added, changed or removed. */
export async function conceptStamp(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ stamp: string }>(
    `SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') || '/' || coalesce(sum(version), 0)::text AS stamp
       FROM search_concepts WHERE status = 'published'`,
  );
  return rows[0]!.stamp;
}

/** Inserts the concepts whose code is not there yet (one statement, idempotent: editors' changes stay). */
export async function insertConcepts(db: Queryable, concepts: NewConcept[]): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO search_concepts (code, labels, related, services, status)
     SELECT c.code, c.labels, c.related, c.services, c.status
       FROM jsonb_to_recordset($1::jsonb) AS c(code text, labels jsonb, related text[], services text[], status text)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(concepts.map((c) => ({ ...c, status: c.status ?? 'published' })))],
  );
  return rowCount;
}
