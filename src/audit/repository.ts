// SQL for the audit log: who read or changed personal data, and when.
import type { Queryable } from '../platform/db/database.ts';

export type AuditAction =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'login'
  | 'logout'
  | 'login_failed'
  | 'locked'
  | 'denied'
  | 'export';

export interface AuditEntry {
  actorAccountId: string | null;
  actorOrganisationId: string | null;
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
  /** The organisation whose data it is (who may review the entry). */
  organisationId: string | null;
  requestId?: string | null;
  /** Never personal data itself: field names, counts, reasons. */
  details?: Record<string, unknown>;
}

export async function insertAuditEntry(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_account_id, actor_organisation_id, action, subject_type, subject_id,
                            organisation_id, request_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.actorAccountId,
      entry.actorOrganisationId,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.organisationId,
      entry.requestId ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

export interface AuditRow {
  id: number;
  at: Date;
  action: AuditAction;
  subject_type: string;
  subject_id: string | null;
  actor_account_id: string | null;
  actor_name: string | null;
  organisation_id: string | null;
  details: Record<string, unknown>;
}

/** Newest first; organisationId null means every organisation (platform administrators). */
export async function listAuditEntries(
  db: Queryable,
  filter: { organisationId: string | null; subjectType?: string | undefined; subjectId?: string | undefined; limit: number },
): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT a.id, a.at, a.action, a.subject_type, a.subject_id, a.actor_account_id,
            acc.display_name AS actor_name, a.organisation_id, a.details
       FROM audit_log a
       LEFT JOIN accounts acc ON acc.id = a.actor_account_id
      WHERE ($1::uuid IS NULL OR a.organisation_id = $1)
        AND ($2::text IS NULL OR a.subject_type = $2)
        AND ($3::text IS NULL OR a.subject_id = $3)
      ORDER BY a.at DESC, a.id DESC
      LIMIT $4`,
    [filter.organisationId, filter.subjectType ?? null, filter.subjectId ?? null, filter.limit],
  );
  return rows;
}
