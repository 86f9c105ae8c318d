// SQL for agent safety: contact-point staff membership, incident reports, follow-up actions and the
// anonymous counts of the dashboard. Every statement is parameterised; the service decides who may run it.
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';

export const INCIDENT_TYPES = ['verbal_aggression', 'threat', 'physical_aggression', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ACTION_KINDS = ['debrief', 'support', 'complaint_filed', 'other'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export type ActionStatus = 'open' | 'done' | 'waived';

// ---- membership

export interface MemberRecord {
  contactPointId: string;
  accountId: string;
  displayName: string;
  email: string;
  isManager: boolean;
  active: boolean;
}

export async function listMembers(db: Queryable, organisationId: string): Promise<MemberRecord[]> {
  const { rows } = await db.query<MemberRecord>(
    `SELECT s.contact_point_id AS "contactPointId", a.id AS "accountId", a.display_name AS "displayName", a.email,
            s.is_manager AS "isManager", a.active
       FROM contact_point_staff s
       JOIN contact_points cp ON cp.id = s.contact_point_id
       JOIN accounts a ON a.id = s.account_id
      WHERE cp.organisation_id = $1
      ORDER BY s.is_manager DESC, a.display_name`,
    [organisationId],
  );
  return rows;
}

/** The contact points of an organisation, active or not (the staff screen, the report form's places). */
export async function contactPointsOfOrganisation(
  db: Queryable,
  organisationId: string,
): Promise<Array<{ id: string; code: string; name: LocalizedText; active: boolean }>> {
  const { rows } = await db.query<{ id: string; code: string; name: LocalizedText; active: boolean }>(
    'SELECT id, code, name, active FROM contact_points WHERE organisation_id = $1 ORDER BY code',
    [organisationId],
  );
  return rows;
}

/** The contact points an account works at (active points only), with its manager flag. */
export async function contactPointsOfAccount(
  db: Queryable,
  accountId: string,
): Promise<Array<{ contactPointId: string; organisationId: string; name: LocalizedText; isManager: boolean }>> {
  const { rows } = await db.query<{ contactPointId: string; organisationId: string; name: LocalizedText; isManager: boolean }>(
    `SELECT cp.id AS "contactPointId", cp.organisation_id AS "organisationId", cp.name, s.is_manager AS "isManager"
       FROM contact_point_staff s JOIN contact_points cp ON cp.id = s.contact_point_id
      WHERE s.account_id = $1 AND cp.active
      ORDER BY cp.code`,
    [accountId],
  );
  return rows;
}

export async function upsertMember(db: Queryable, contactPointId: string, accountId: string, isManager: boolean, by: string): Promise<'created' | 'updated'> {
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO contact_point_staff (contact_point_id, account_id, is_manager, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (contact_point_id, account_id) DO UPDATE SET is_manager = EXCLUDED.is_manager
     RETURNING (xmax = 0) AS inserted`,
    [contactPointId, accountId, isManager, by],
  );
  return rows[0]?.inserted ? 'created' : 'updated';
}

export async function deleteMember(db: Queryable, contactPointId: string, accountId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM contact_point_staff WHERE contact_point_id = $1 AND account_id = $2', [contactPointId, accountId]);
  return rowCount > 0;
}

/** Active accounts to alert for an incident at a contact point: its staff, and whether each manages it. */
export async function alertRecipients(
  db: Queryable,
  contactPointId: string,
): Promise<Array<{ accountId: string; isManager: boolean; language: 'fr' | 'nl' | 'en' }>> {
  const { rows } = await db.query<{ accountId: string; isManager: boolean; language: 'fr' | 'nl' | 'en' }>(
    `SELECT a.id AS "accountId", s.is_manager AS "isManager", a.preferred_language AS language
       FROM contact_point_staff s JOIN accounts a ON a.id = s.account_id
      WHERE s.contact_point_id = $1 AND a.active`,
    [contactPointId],
  );
  return rows;
}

/** Active organisation managers (the fallback recipients when a place has no manager of its own). */
export async function organisationManagers(db: Queryable, organisationId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM accounts WHERE organisation_id = $1 AND active AND 'organisation_manager' = ANY (roles)`, [
    organisationId,
  ]);
  return rows.map((row) => row.id);
}

/** Active organisation managers with their address and language (the e-mail fallback of a call for help). */
export async function organisationManagerContacts(
  db: Queryable,
  organisationId: string,
): Promise<Array<{ accountId: string; email: string; language: 'fr' | 'nl' | 'en' }>> {
  const { rows } = await db.query<{ accountId: string; email: string; language: 'fr' | 'nl' | 'en' }>(
    `SELECT id AS "accountId", email, preferred_language AS language
       FROM accounts WHERE organisation_id = $1 AND active AND 'organisation_manager' = ANY (roles) ORDER BY email`,
    [organisationId],
  );
  return rows;
}

/** Contact points of which the account is a manager (by membership flag). */
export async function managedContactPointIds(db: Queryable, accountId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT contact_point_id AS id FROM contact_point_staff WHERE account_id = $1 AND is_manager', [accountId]);
  return rows.map((row) => row.id);
}

// ---- incidents

export interface IncidentFields {
  type: IncidentType | null;
  severity: Severity | null;
  contactPointId: string | null;
  placeText: string | null;
  occurredAt: Date;
  description: string;
  personsInvolved: string | null;
}

export interface IncidentRecord extends IncidentFields {
  id: string;
  organisationId: string;
  reporterAccountId: string | null;
  reporterName: string | null;
  contactPointName: LocalizedText | null;
  helpRequested: boolean;
  detailsPending: boolean;
  status: 'open' | 'closed';
  closedAt: Date | null;
  closedByName: string | null;
  closingNote: string | null;
  createdAt: Date;
  /** When the retention period ended and the free texts and accounts were removed. */
  anonymisedAt: Date | null;
  version: number;
}

const INCIDENT_SELECT = `
  SELECT i.id, i.organisation_id AS "organisationId", i.reporter_account_id AS "reporterAccountId",
         r.display_name AS "reporterName", i.type, i.severity, i.contact_point_id AS "contactPointId",
         cp.name AS "contactPointName", i.place_text AS "placeText", i.occurred_at AS "occurredAt",
         i.description, i.persons_involved AS "personsInvolved", i.help_requested AS "helpRequested",
         i.details_pending AS "detailsPending", i.status, i.closed_at AS "closedAt", c.display_name AS "closedByName",
         i.closing_note AS "closingNote", i.created_at AS "createdAt", i.anonymised_at AS "anonymisedAt", i.version
    FROM safety_incidents i
    LEFT JOIN accounts r ON r.id = i.reporter_account_id
    LEFT JOIN accounts c ON c.id = i.closed_by
    LEFT JOIN contact_points cp ON cp.id = i.contact_point_id`;

export async function insertIncident(
  db: Queryable,
  organisationId: string,
  reporterAccountId: string,
  fields: IncidentFields,
  flags: { helpRequested: boolean; detailsPending: boolean },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO safety_incidents (organisation_id, reporter_account_id, type, severity, contact_point_id, place_text, occurred_at,
                                   description, persons_involved, help_requested, details_pending)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      organisationId,
      reporterAccountId,
      fields.type,
      fields.severity,
      fields.contactPointId,
      fields.placeText,
      fields.occurredAt,
      fields.description,
      fields.personsInvolved,
      flags.helpRequested,
      flags.detailsPending,
    ],
  );
  return rows[0]!.id;
}

export async function findIncident(db: Queryable, id: string, options: { forUpdate?: boolean } = {}): Promise<IncidentRecord | undefined> {
  if (options.forUpdate) await db.query('SELECT 1 FROM safety_incidents WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query<IncidentRecord>(`${INCIDENT_SELECT} WHERE i.id = $1`, [id]);
  return rows[0];
}

/** Completes the details of a help alert (only while they are pending). */
export async function completeIncidentDetails(db: Queryable, id: string, fields: IncidentFields): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE safety_incidents SET type = $2, severity = $3, contact_point_id = $4, place_text = $5, occurred_at = $6,
            description = $7, persons_involved = $8, details_pending = false, updated_at = now(), version = version + 1
      WHERE id = $1 AND details_pending AND status = 'open'`,
    [id, fields.type, fields.severity, fields.contactPointId, fields.placeText, fields.occurredAt, fields.description, fields.personsInvolved],
  );
  return rowCount > 0;
}

export async function closeIncident(db: Queryable, id: string, by: string, note: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE safety_incidents SET status = 'closed', closed_at = now(), closed_by = $2, closing_note = $3, updated_at = now(),
            version = version + 1
      WHERE id = $1 AND status = 'open' AND NOT details_pending`,
    [id, by, note],
  );
  return rowCount > 0;
}

export interface IncidentListFilter {
  organisationId: string;
  /** Null = all of the organisation (organisation managers); else only these contact points. */
  contactPointIds: string[] | null;
  /** Only the incidents this account reported (a reporter's own list). */
  reporterAccountId?: string | null;
  status?: 'open' | 'closed' | null;
  limit: number;
}

export interface IncidentListRow {
  id: string;
  type: IncidentType | null;
  severity: Severity | null;
  contactPointName: LocalizedText | null;
  placeText: string | null;
  occurredAt: Date;
  status: 'open' | 'closed';
  detailsPending: boolean;
  helpRequested: boolean;
  reporterName: string | null;
  openActions: number;
}

export async function listIncidents(db: Queryable, filter: IncidentListFilter): Promise<IncidentListRow[]> {
  const { rows } = await db.query<IncidentListRow>(
    `SELECT i.id, i.type, i.severity, cp.name AS "contactPointName", i.place_text AS "placeText", i.occurred_at AS "occurredAt",
            i.status, i.details_pending AS "detailsPending", i.help_requested AS "helpRequested", r.display_name AS "reporterName",
            (SELECT count(*)::int FROM safety_actions a WHERE a.incident_id = i.id AND a.status = 'open') AS "openActions"
       FROM safety_incidents i
       LEFT JOIN accounts r ON r.id = i.reporter_account_id
       LEFT JOIN contact_points cp ON cp.id = i.contact_point_id
      WHERE i.organisation_id = $1
        AND ($2::uuid[] IS NULL OR i.contact_point_id = ANY ($2::uuid[]))
        AND ($3::uuid IS NULL OR i.reporter_account_id = $3)
        AND ($4::text IS NULL OR i.status = $4)
      ORDER BY (i.status = 'open') DESC, i.occurred_at DESC
      LIMIT $5`,
    [filter.organisationId, filter.contactPointIds, filter.reporterAccountId ?? null, filter.status ?? null, filter.limit],
  );
  return rows;
}

// ---- follow-up actions

export interface ActionRecord {
  id: string;
  incidentId: string;
  kind: ActionKind;
  assigneeAccountId: string | null;
  assigneeName: string | null;
  dueDate: string | null;
  note: string | null;
  status: ActionStatus;
  doneAt: Date | null;
  outcomeNote: string | null;
  createdAt: Date;
}

export async function listActions(db: Queryable, incidentId: string): Promise<ActionRecord[]> {
  const { rows } = await db.query<ActionRecord>(
    `SELECT a.id, a.incident_id AS "incidentId", a.kind, a.assignee_account_id AS "assigneeAccountId",
            acc.display_name AS "assigneeName", to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.note, a.status,
            a.done_at AS "doneAt", a.outcome_note AS "outcomeNote", a.created_at AS "createdAt"
       FROM safety_actions a LEFT JOIN accounts acc ON acc.id = a.assignee_account_id
      WHERE a.incident_id = $1
      ORDER BY a.created_at, a.id`,
    [incidentId],
  );
  return rows;
}

export async function insertAction(
  db: Queryable,
  incidentId: string,
  action: { kind: ActionKind; assigneeAccountId: string | null; dueDate: string | null; note: string | null },
  by: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO safety_actions (incident_id, kind, assignee_account_id, due_date, note, created_by)
     VALUES ($1, $2, $3, $4::date, $5, $6) RETURNING id`,
    [incidentId, action.kind, action.assigneeAccountId, action.dueDate, action.note, by],
  );
  return rows[0]!.id;
}

/** Marks an open action done or waived; false when it was not open any more. */
export async function finishAction(
  db: Queryable,
  incidentId: string,
  actionId: string,
  status: 'done' | 'waived',
  outcomeNote: string | null,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE safety_actions SET status = $3, done_at = now(), outcome_note = $4, updated_at = now()
      WHERE id = $2 AND incident_id = $1 AND status = 'open'`,
    [incidentId, actionId, status, outcomeNote],
  );
  return rowCount > 0;
}

// ---- retention

/**
 * Anonymises up to `limit` closed incidents declared more than `years` ago: their free texts (what happened,
 * persons involved, free-text place, closing note, action notes) and accounts (reporter, closer, assignees)
 * go; type, severity, contact point, times and the kinds and states of the follow-up actions stay, so the
 * statistics do not change. A waived action keeps a dash for its required reason. Returns what was changed.
 */
export async function anonymiseExpiredIncidents(db: Queryable, years: number, limit = 500): Promise<Array<{ id: string; organisationId: string }>> {
  const { rows } = await db.query<{ id: string; organisationId: string }>(
    `WITH due AS (
       SELECT id FROM safety_incidents
        WHERE status = 'closed' AND anonymised_at IS NULL AND created_at < now() - make_interval(years => $1)
        ORDER BY created_at LIMIT $2
        FOR UPDATE SKIP LOCKED),
     actions AS (
       UPDATE safety_actions a SET note = NULL, outcome_note = CASE WHEN a.status = 'waived' THEN '–' END,
              assignee_account_id = NULL, created_by = NULL, updated_at = now()
         FROM due WHERE a.incident_id = due.id)
     UPDATE safety_incidents i SET description = '', persons_involved = NULL, place_text = NULL, closing_note = NULL,
            reporter_account_id = NULL, closed_by = NULL, anonymised_at = now(), updated_at = now(), version = i.version + 1
       FROM due WHERE i.id = due.id
     RETURNING i.id, i.organisation_id AS "organisationId"`,
    [years, limit],
  );
  return rows;
}

// ---- statistics (no names, no free text)

export interface StatisticsRow {
  month: string;
  type: IncidentType | 'unspecified';
  contactPointId: string | null;
  contactPointName: LocalizedText | null;
  count: number;
}

export async function incidentCounts(db: Queryable, organisationId: string, from: string, to: string): Promise<StatisticsRow[]> {
  const { rows } = await db.query<StatisticsRow>(
    `SELECT to_char(date_trunc('month', i.occurred_at AT TIME ZONE 'Europe/Brussels'), 'YYYY-MM') AS month,
            coalesce(i.type, 'unspecified') AS type, i.contact_point_id AS "contactPointId", cp.name AS "contactPointName",
            count(*)::int AS count
       FROM safety_incidents i LEFT JOIN contact_points cp ON cp.id = i.contact_point_id
      WHERE i.organisation_id = $1
        AND (i.occurred_at AT TIME ZONE 'Europe/Brussels') >= $2::date
        AND (i.occurred_at AT TIME ZONE 'Europe/Brussels') < ($3::date + interval '1 month')
      GROUP BY 1, 2, 3, 4
      ORDER BY 1, 3 NULLS LAST, 2`,
    [organisationId, `${from}-01`, `${to}-01`],
  );
  return rows;
}

/** Active accounts of an organisation (the membership screen's choice, action assignees). */
export async function organisationAccounts(db: Queryable, organisationId: string): Promise<Array<{ id: string; displayName: string; email: string }>> {
  const { rows } = await db.query<{ id: string; displayName: string; email: string }>(
    `SELECT id, display_name AS "displayName", email FROM accounts WHERE organisation_id = $1 AND active ORDER BY display_name`,
    [organisationId],
  );
  return rows;
}
