// SQL of expertise requests to the competence center.
import type { Queryable } from '../../platform/db/database.ts';
import type { LocalizedText } from '../../platform/i18n/languages.ts';
import type { Dimension } from '../scoring.ts';
import { type RequestStatus } from '../repository.ts';

// ---- Expertise requests

export interface ExpertiseRequest {
  id: string;
  organisationId: string;
  organisationCode: string;
  organisationName: LocalizedText;
  subject: string;
  details: string;
  dimension: Dimension | null;
  status: RequestStatus;
  response: string;
  createdAt: Date;
  version: number;
}

const REQUEST_SELECT = `SELECT r.id, r.organisation_id AS "organisationId", o.code AS "organisationCode", o.name AS "organisationName",
    r.subject, r.details, r.dimension, r.status, r.response, r.created_at AS "createdAt", r.version
  FROM competence_expertise_requests r JOIN organisations o ON o.id = r.organisation_id`;

export async function listRequests(db: Queryable, organisationId: string | null): Promise<ExpertiseRequest[]> {
  const { rows } = await db.query<ExpertiseRequest>(`${REQUEST_SELECT} WHERE ($1::uuid IS NULL OR r.organisation_id = $1) ORDER BY r.created_at DESC`, [
    organisationId,
  ]);
  return rows;
}

export async function findRequest(db: Queryable, id: string): Promise<ExpertiseRequest | undefined> {
  const { rows } = await db.query<ExpertiseRequest>(`${REQUEST_SELECT} WHERE r.id = $1`, [id]);
  return rows[0];
}

export async function insertRequest(
  db: Queryable,
  input: { organisationId: string; subject: string; details: string; dimension: Dimension | null; requestedBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO competence_expertise_requests (organisation_id, subject, details, dimension, requested_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [input.organisationId, input.subject, input.details, input.dimension, input.requestedBy],
  );
  return rows[0]!.id;
}

export async function updateRequest(db: Queryable, id: string, version: number, changes: { status: RequestStatus; response: string }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE competence_expertise_requests SET status = $3, response = $4, updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2`,
    [id, version, changes.status, changes.response],
  );
  return rowCount > 0;
}
