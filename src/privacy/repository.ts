// SQL of the privacy module's own tables (migration 0055): subject requests, retention choices, privacy
// settings, support access. Other modules' personal data is read and erased through their services.
import type { Queryable } from '../platform/db/database.ts';

export type SubjectRequestKind = 'access' | 'portability' | 'rectification' | 'erasure';
/**
 * pending → done | failed: the run of an export or an erasure. A request the person filed (decision 0060) is
 * unconfirmed until the address is proven, then received (waiting for a DPO), and ends answered or refused.
 */
export type SubjectRequestStatus = 'unconfirmed' | 'received' | 'pending' | 'done' | 'failed' | 'answered' | 'refused';

export interface SubjectRequestRow {
  id: string;
  organisationId: string | null;
  kind: SubjectRequestKind;
  status: SubjectRequestStatus;
  email: string | null;
  phone: string | null;
  reason: string | null;
  language: 'fr' | 'nl' | 'en';
  export: unknown;
  summary: Record<string, number>;
  requestedBy: string | null;
  createdAt: Date;
  completedAt: Date | null;
  source: 'officer' | 'person';
  reference: string | null;
  details: string | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
}

const REQUEST_SELECT = `SELECT id, organisation_id AS "organisationId", kind, status, email, phone, reason, language, export, summary,
                               requested_by AS "requestedBy", created_at AS "createdAt", completed_at AS "completedAt", source, reference,
                               details, received_at AS "receivedAt", due_at AS "dueAt", answer, answered_at AS "answeredAt"
                          FROM privacy_subject_requests`;

export async function insertSubjectRequest(
  q: Queryable,
  row: {
    organisationId: string | null;
    kind: SubjectRequestKind;
    email: string;
    emailHash: string;
    phone: string | null;
    reason: string | null;
    language: string;
    requestedBy: string;
  },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO privacy_subject_requests (organisation_id, kind, email, email_hash, phone, reason, language, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [row.organisationId, row.kind, row.email, row.emailHash, row.phone, row.reason, row.language, row.requestedBy],
  );
  return rows[0]!.id;
}

export async function findSubjectRequest(q: Queryable, id: string, options: { forUpdate?: boolean } = {}): Promise<SubjectRequestRow | undefined> {
  const { rows } = await q.query<SubjectRequestRow>(`${REQUEST_SELECT} WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

/** The latest requests of an organisation (all for a regional officer: null), without those whose address is not proven. */
export async function listSubjectRequests(q: Queryable, organisationId: string | null, limit = 50): Promise<SubjectRequestRow[]> {
  const { rows } = await q.query<SubjectRequestRow>(
    `${REQUEST_SELECT} WHERE ($1::uuid IS NULL OR organisation_id = $1) AND status <> 'unconfirmed' ORDER BY created_at DESC LIMIT $2`,
    [organisationId, limit],
  );
  return rows;
}

/** A request the person files on the public page, waiting for the proof of the address (decision 0060). */
export async function insertPersonRequest(
  q: Queryable,
  row: { organisationId: string | null; kind: SubjectRequestKind; email: string; emailHash: string; details: string | null; language: string },
): Promise<string> {
  // an address never proven within a day: the request was not theirs to make
  await q.query(`DELETE FROM privacy_subject_requests WHERE status = 'unconfirmed' AND created_at < now() - interval '1 day'`);
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO privacy_subject_requests (organisation_id, kind, status, source, email, email_hash, details, language)
     VALUES ($1, $2, 'unconfirmed', 'person', $3, $4, $5, $6) RETURNING id`,
    [row.organisationId, row.kind, row.email, row.emailHash, row.details, row.language],
  );
  return rows[0]!.id;
}

/** How many requests were filed on the public page with this address (its hash) within the last `hours`. */
export async function recentPersonRequests(q: Queryable, emailHash: string, hours: number): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM privacy_subject_requests WHERE email_hash = $1 AND source = 'person' AND created_at > now() - make_interval(hours => $2)`,
    [emailHash, hours],
  );
  return rows[0]?.n ?? 0;
}

export async function deleteUnconfirmed(q: Queryable, id: string): Promise<void> {
  await q.query(`DELETE FROM privacy_subject_requests WHERE id = $1 AND status = 'unconfirmed'`, [id]);
}

/**
 * The address is proven: the request is received, with its reference and its deadline, one month later (GDPR
 * art. 12(3)). Answers undefined when it was confirmed already or is gone; false when the reference is taken.
 */
export async function confirmPersonRequest(q: Queryable, id: string, reference: string): Promise<SubjectRequestRow | undefined | false> {
  const taken = await q.query(`SELECT 1 FROM privacy_subject_requests WHERE reference = $1`, [reference]);
  if (taken.rows.length) return false;
  const { rows } = await q.query<{ id: string }>(
    `UPDATE privacy_subject_requests SET status = 'received', reference = $2, received_at = now(), due_at = now() + interval '1 month'
      WHERE id = $1 AND status = 'unconfirmed' RETURNING id`,
    [id, reference],
  );
  return rows[0] ? findSubjectRequest(q, id) : undefined;
}

export async function findByReference(q: Queryable, reference: string): Promise<SubjectRequestRow | undefined> {
  const { rows } = await q.query<SubjectRequestRow>(`${REQUEST_SELECT} WHERE reference = $1`, [reference]);
  return rows[0];
}

/** A DPO runs the export or the erasure of a received request: it becomes pending for the run. */
export async function startPersonRequest(q: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await q.query(`UPDATE privacy_subject_requests SET status = 'pending' WHERE id = $1 AND status = 'received'`, [id]);
  return rowCount === 1;
}

/** The DPO's answer; after an erasure the address is forgotten once answered (its hash stays). */
export async function answerPersonRequest(
  q: Queryable,
  id: string,
  answer: { text: string; outcome: 'answered' | 'refused'; accountId: string; from: SubjectRequestStatus[]; forget: boolean },
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE privacy_subject_requests
        SET status = $2, answer = $3, answered_at = now(), answered_by = $4, completed_at = coalesce(completed_at, now()),
            email = CASE WHEN $6 THEN NULL ELSE email END
      WHERE id = $1 AND status = ANY($5::text[])`,
    [id, answer.outcome, answer.text, answer.accountId, answer.from, answer.forget],
  );
  return rowCount === 1;
}

/** Completes a request; an erasure forgets the address it was about (its hash stays). */
export async function completeSubjectRequest(
  q: Queryable,
  id: string,
  result: { export: unknown; summary: Record<string, number>; forget: boolean },
): Promise<void> {
  await q.query(
    `UPDATE privacy_subject_requests
        SET status = 'done', export = $2, summary = $3, completed_at = now(),
            email = CASE WHEN $4 THEN NULL ELSE email END, phone = CASE WHEN $4 THEN NULL ELSE phone END
      WHERE id = $1`,
    [id, result.export === null ? null : JSON.stringify(result.export), JSON.stringify(result.summary), result.forget],
  );
}

export async function failSubjectRequest(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE privacy_subject_requests SET status = 'failed', completed_at = now() WHERE id = $1 AND status = 'pending'`, [id]);
}

/**
 * Access exports older than the period are deleted (the request's counts stay), and so are the requests filed on
 * the public page whose address was never proven within a day (decision 0060).
 */
export async function purgeExports(q: Queryable, days: number): Promise<number> {
  const unconfirmed = await q.query(`DELETE FROM privacy_subject_requests WHERE status = 'unconfirmed' AND created_at < now() - interval '1 day'`);
  const { rowCount } = await q.query(
    `UPDATE privacy_subject_requests SET export = NULL, email = NULL, phone = NULL
      WHERE completed_at < now() - make_interval(days => $1) AND (export IS NOT NULL OR email IS NOT NULL)`,
    [days],
  );
  return (rowCount ?? 0) + (unconfirmed.rowCount ?? 0);
}

export async function retentionChoices(q: Queryable, organisationId: string): Promise<Map<string, number>> {
  const { rows } = await q.query<{ category: string; days: number }>(`SELECT category, days FROM privacy_retention_settings WHERE organisation_id = $1`, [
    organisationId,
  ]);
  return new Map(rows.map((row) => [row.category, row.days]));
}

/** Every organisation's choices, for the retention job: organisation id → category → days. */
export async function allRetentionChoices(q: Queryable): Promise<Array<{ organisationId: string; category: string; days: number }>> {
  const { rows } = await q.query<{ organisationId: string; category: string; days: number }>(
    `SELECT organisation_id AS "organisationId", category, days FROM privacy_retention_settings`,
  );
  return rows;
}

export async function saveRetentionChoice(q: Queryable, organisationId: string, category: string, days: number | null, accountId: string): Promise<void> {
  if (days === null) {
    await q.query(`DELETE FROM privacy_retention_settings WHERE organisation_id = $1 AND category = $2`, [organisationId, category]);
    return;
  }
  await q.query(
    `INSERT INTO privacy_retention_settings (organisation_id, category, days, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (organisation_id, category) DO UPDATE SET days = EXCLUDED.days, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [organisationId, category, days, accountId],
  );
}

export interface PrivacySettingsRow {
  releaseFreeText: boolean;
  controllerContact: string | null;
}

export async function privacySettings(q: Queryable, organisationId: string): Promise<PrivacySettingsRow> {
  const { rows } = await q.query<PrivacySettingsRow>(
    `SELECT release_free_text AS "releaseFreeText", controller_contact AS "controllerContact" FROM privacy_settings WHERE organisation_id = $1`,
    [organisationId],
  );
  return rows[0] ?? { releaseFreeText: false, controllerContact: null };
}

export async function savePrivacySettings(q: Queryable, organisationId: string, settings: PrivacySettingsRow, accountId: string): Promise<void> {
  await q.query(
    `INSERT INTO privacy_settings (organisation_id, release_free_text, controller_contact, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (organisation_id) DO UPDATE SET release_free_text = EXCLUDED.release_free_text, controller_contact = EXCLUDED.controller_contact,
                                                updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [organisationId, settings.releaseFreeText, settings.controllerContact, accountId],
  );
}

/** The organisations whose users' free texts the regional analysts may read (masked). */
export async function releasedOrganisations(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(`SELECT organisation_id AS id FROM privacy_settings WHERE release_free_text`);
  return rows.map((row) => row.id);
}

export interface SupportAccessRow {
  id: string;
  organisationId: string;
  accountId: string;
  reason: string;
  openedAt: Date;
  expiresAt: Date;
  closedAt: Date | null;
}

export async function insertSupportAccess(
  q: Queryable,
  row: { organisationId: string; accountId: string; reason: string; minutes: number },
): Promise<SupportAccessRow> {
  const { rows } = await q.query<SupportAccessRow>(
    `INSERT INTO privacy_support_access (organisation_id, account_id, reason, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))
     RETURNING id, organisation_id AS "organisationId", account_id AS "accountId", reason, opened_at AS "openedAt", expires_at AS "expiresAt", closed_at AS "closedAt"`,
    [row.organisationId, row.accountId, row.reason, row.minutes],
  );
  return rows[0]!;
}

/** Whether the account holds a live support access to the organisation. */
export async function hasLiveSupportAccess(q: Queryable, accountId: string, organisationId: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM privacy_support_access WHERE account_id = $1 AND organisation_id = $2 AND closed_at IS NULL AND expires_at > now() LIMIT 1`,
    [accountId, organisationId],
  );
  return rows.length > 0;
}

/** The organisations an account holds a live support access to. */
export async function liveSupportOrganisations(q: Queryable, accountId: string): Promise<string[]> {
  const { rows } = await q.query<{ organisation_id: string }>(
    `SELECT DISTINCT organisation_id FROM privacy_support_access WHERE account_id = $1 AND closed_at IS NULL AND expires_at > now()`,
    [accountId],
  );
  return rows.map((row) => row.organisation_id);
}

export async function listSupportAccess(
  q: Queryable,
  organisationId: string | null,
): Promise<Array<SupportAccessRow & { accountName: string; organisationCode: string }>> {
  const { rows } = await q.query<SupportAccessRow & { accountName: string; organisationCode: string }>(
    `SELECT s.id, s.organisation_id AS "organisationId", s.account_id AS "accountId", s.reason, s.opened_at AS "openedAt",
            s.expires_at AS "expiresAt", s.closed_at AS "closedAt", a.display_name AS "accountName", o.code AS "organisationCode"
       FROM privacy_support_access s JOIN accounts a ON a.id = s.account_id JOIN organisations o ON o.id = s.organisation_id
      WHERE ($1::uuid IS NULL OR s.organisation_id = $1) ORDER BY s.opened_at DESC LIMIT 100`,
    [organisationId],
  );
  return rows;
}

export async function closeSupportAccess(q: Queryable, id: string, accountId: string): Promise<boolean> {
  const { rowCount } = await q.query(`UPDATE privacy_support_access SET closed_at = now() WHERE id = $1 AND account_id = $2 AND closed_at IS NULL`, [
    id,
    accountId,
  ]);
  return (rowCount ?? 0) > 0;
}
