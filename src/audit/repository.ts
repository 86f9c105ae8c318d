// SQL for the audit log: who read or changed personal data, and when.
import type { Queryable } from '../platform/db/database.ts';

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'login' | 'logout' | 'login_failed' | 'locked' | 'denied' | 'export';

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

/**
 * A 'read' entry unless the same actor's read of the same subject was recorded less than `windowSeconds`
 * ago. One statement: the mark (audit_read_marks) is inserted, or moved forward when the window has passed,
 * and the entry is written only when that happened. A concurrent first read waits on the mark's primary
 * key, then finds it fresh and writes nothing: exactly one entry, never a mark without its entry.
 * Returns true when an entry was written.
 */
export async function insertReadEntryOnce(
  db: Queryable,
  entry: Omit<AuditEntry, 'action'> & { actorAccountId: string; subjectId: string },
  windowSeconds: number,
): Promise<boolean> {
  const { rows } = await db.query<{ id: number }>(
    `WITH mark AS (
       INSERT INTO audit_read_marks (actor_account_id, subject_type, subject_id) VALUES ($1, $3, $4)
       ON CONFLICT (actor_account_id, subject_type, subject_id) DO UPDATE SET recorded_at = now()
        WHERE audit_read_marks.recorded_at <= now() - make_interval(secs => $8)
       RETURNING 1
     )
     INSERT INTO audit_log (actor_account_id, actor_organisation_id, action, subject_type, subject_id,
                            organisation_id, request_id, details)
     SELECT $1, $2, 'read', $3, $4, $5, $6, $7 FROM mark
     RETURNING id`,
    [
      entry.actorAccountId,
      entry.actorOrganisationId,
      entry.subjectType,
      entry.subjectId,
      entry.organisationId,
      entry.requestId ?? null,
      JSON.stringify(entry.details ?? {}),
      windowSeconds,
    ],
  );
  return rows.length > 0;
}

/** Forgets read marks older than a day (housekeeping; a mark only matters within its window). */
export async function purgeReadMarks(db: Queryable): Promise<number> {
  const result = await db.query(`DELETE FROM audit_read_marks WHERE recorded_at < now() - interval '1 day'`);
  return result.rowCount ?? 0;
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

/** The entries about these subjects (a person's parties, requests, appointments), for a data subject request (issue 18). */
export async function entriesAbout(db: Queryable, subjectIds: string[]): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT a.id, a.at, a.action, a.subject_type, a.subject_id, a.actor_account_id, acc.display_name AS actor_name, a.organisation_id, a.details
       FROM audit_log a LEFT JOIN accounts acc ON acc.id = a.actor_account_id
      WHERE a.subject_id = ANY($1::text[]) ORDER BY a.at, a.id`,
    [subjectIds],
  );
  return rows;
}

/**
 * Pseudonymises the entries about these subjects: each subject id becomes its pseudonym (the same one for
 * every entry, so that the log still shows what happened to one subject) and the details lose any value
 * that could name the person. Returns the number of entries changed.
 */
export async function pseudonymiseEntries(db: Queryable, pseudonyms: ReadonlyMap<string, string>): Promise<number> {
  if (!pseudonyms.size) return 0;
  const { rowCount } = await db.query(
    `UPDATE audit_log a SET subject_id = p.pseudonym, details = a.details - 'name' - 'email' - 'phone' - 'to' - 'subject' - 'reference' - 'query'
       FROM unnest($1::text[], $2::text[]) AS p(subject_id, pseudonym)
      WHERE a.subject_id = p.subject_id`,
    [[...pseudonyms.keys()], [...pseudonyms.values()]],
  );
  return rowCount;
}

/** Retention (decision 0048): an organisation's entries older than the period are deleted. */
export async function purgeEntriesBefore(db: Queryable, organisationId: string, days: number): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM audit_log WHERE organisation_id = $1 AND at < now() - make_interval(days => $2)`, [organisationId, days]);
  return rowCount;
}
