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

// ---- editing (the editors' screens: optimistic locking on version, like services)

export async function findConcept(db: Queryable, code: string): Promise<Concept | undefined> {
  const { rows } = await db.query<Concept>(`${CONCEPT_SELECT} WHERE code = $1`, [code]);
  return rows[0];
}

/** Which of the given codes name concepts (related concepts must exist). */
export async function existingConceptCodes(db: Queryable, codes: readonly string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ code: string }>(`SELECT code FROM search_concepts WHERE code = ANY($1::text[])`, [codes]);
  return new Set(rows.map((row) => row.code));
}

/** A new concept; false when its code is taken. */
export async function createConcept(db: Queryable, concept: NewConcept & { status: ConceptStatus }, accountId: string): Promise<Concept | undefined> {
  const { rows } = await db.query<Concept>(
    `INSERT INTO search_concepts (code, labels, related, services, status, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (code) DO NOTHING
     RETURNING id, code, labels, related, services, status, version, updated_at AS "updatedAt", updated_by AS "updatedBy"`,
    [concept.code, JSON.stringify(concept.labels), concept.related, concept.services, concept.status, accountId],
  );
  return rows[0];
}

/** Changes a concept at the expected version; false on a stale version. */
export async function updateConcept(
  db: Queryable,
  code: string,
  expectedVersion: number,
  concept: Omit<NewConcept, 'code'> & { status: ConceptStatus },
  accountId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE search_concepts SET labels = $3, related = $4, services = $5, status = $6, updated_by = $7, updated_at = now(), version = version + 1
      WHERE code = $1 AND version = $2`,
    [code, expectedVersion, JSON.stringify(concept.labels), concept.related, concept.services, concept.status, accountId],
  );
  return rowCount === 1;
}

/** Deletes a concept at the expected version and removes it from other concepts' related lists; false on a stale version. */
export async function deleteConcept(db: Queryable, code: string, expectedVersion: number): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM search_concepts WHERE code = $1 AND version = $2`, [code, expectedVersion]);
  if (rowCount !== 1) return false;
  await db.query(`UPDATE search_concepts SET related = array_remove(related, $1), updated_at = now(), version = version + 1 WHERE $1 = ANY(related)`, [code]);
  return true;
}
