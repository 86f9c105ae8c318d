// Every SQL statement of the agent console. Queries returning personal data take the organisation as a
// parameter and filter on it: a request of another organisation is simply not found.
// Inbox pages use keyset pagination on (created_at DESC, id DESC) over the partial indexes of migrations
// 0007 and 0013, written as "created_at <= $t AND (created_at < $t OR id < $id)" so that the bound is an
// index condition (a row comparison alone would not use the two-column index prefix on every engine).
import type { Queryable } from '../../platform/db/database.ts';
import type { Language, LocalizedText } from '../../platform/i18n/languages.ts';
import type { RequestRow } from '../repository.ts';
import { TASK_FOR_PERSON } from './unread/repository.ts';
import type { ContactChannel, ContactOutcome, MessageKind, RequestStatus, SlaState, TaskKind } from '../model.ts';

export type InboxView = 'organisation' | 'units' | 'mine' | 'unassigned';
/** 'active' = every status but closed; 'all' = every status. */
export type StatusFilter = RequestStatus | 'active' | 'all';

export interface InboxQuery {
  organisationId: string;
  view: InboxView;
  accountId: string;
  unitIds: string[];
  status: StatusFilter;
  channel: ContactChannel | null;
  serviceCode: string | null;
  slaState: SlaState | null;
  /** Keyset cursor: the created_at (PostgreSQL text, microseconds kept) and id of the last row shown. */
  after: { createdAt: string; id: string } | null;
  limit: number;
}

export interface InboxRow {
  id: string;
  reference: string;
  subject: string;
  channel: ContactChannel;
  status: RequestStatus;
  language: 'fr' | 'nl' | 'en';
  serviceCode: string | null;
  slaState: SlaState;
  resolutionDueAt: Date | null;
  createdAt: Date;
  partyName: string;
  unitName: LocalizedText | null;
  assigneeId: string | null;
  assigneeName: string | null;
  version: number;
  cursorAt: string;
  tags: string[];
}

const INBOX_COLUMNS = `r.id, r.reference, r.subject, r.channel, r.status, r.language, r.service_code AS "serviceCode",
  r.sla_state AS "slaState", r.resolution_due_at AS "resolutionDueAt", r.created_at AS "createdAt",
  p.name AS "partyName", u.name AS "unitName", r.assignee_id AS "assigneeId", a.display_name AS "assigneeName", r.version,
  r.created_at::text AS "cursorAt", r.tags`;

/** The SQL of one inbox page (exported for EXPLAIN in tests and the bench). */
export function inboxSql(q: InboxQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.organisationId];
  const where: string[] = ['r.organisation_id = $1'];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (q.status === 'active') where.push(`r.status <> 'closed'`);
  else if (q.status !== 'all') where.push(`r.status = ${add(q.status)}`);
  if (q.view === 'mine') where.push(`r.assignee_id = ${add(q.accountId)}`);
  if (q.view === 'unassigned') where.push('r.assignee_id IS NULL');
  if (q.view === 'units') {
    // One unit: the unit index; several: ANY over the same index.
    if (q.unitIds.length === 0) where.push('false');
    else where.push(q.unitIds.length === 1 ? `r.unit_id = ${add(q.unitIds[0])}` : `r.unit_id = ANY(${add(q.unitIds)}::uuid[])`);
  }
  if (q.channel) where.push(`r.channel = ${add(q.channel)}`);
  if (q.serviceCode) where.push(`r.service_code = ${add(q.serviceCode)}`);
  if (q.slaState) where.push(`r.sla_state = ${add(q.slaState)}`);
  if (q.after) {
    const t = add(q.after.createdAt);
    const id = add(q.after.id);
    where.push(`r.created_at <= ${t}::timestamptz AND (r.created_at < ${t}::timestamptz OR r.id < ${id}::uuid)`);
  }
  const limit = add(q.limit + 1);
  return {
    sql: `SELECT ${INBOX_COLUMNS}
       FROM (SELECT * FROM cc_requests r WHERE ${where.join(' AND ')}
              ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}) r
       JOIN cc_parties p ON p.id = r.party_id
       LEFT JOIN units u ON u.id = r.unit_id
       LEFT JOIN accounts a ON a.id = r.assignee_id
      ORDER BY r.created_at DESC, r.id DESC`,
    params,
  };
}

/** One page of an inbox, newest first; returns limit + 1 rows at most (the extra one says "there is more"). */
export async function listInbox(db: Queryable, q: InboxQuery): Promise<InboxRow[]> {
  const { sql, params } = inboxSql(q);
  const { rows } = await db.query<InboxRow>(sql, params);
  return rows;
}

/** A request as the console shows it: the stored row with the names of what it refers to. */
export interface RequestRecord extends RequestRow {
  organisationName: LocalizedText;
  unitName: LocalizedText | null;
  assigneeName: string | null;
  partyName: string;
  partyEmail: string | null;
  partyPhone: string | null;
  partyLanguage: Language;
  serviceName: LocalizedText | null;
  /** E-mail requests: how the sender was checked (SPF/DMARC, decision 0026); not 'pass' = unverified sender. */
  senderCheck: 'pass' | 'fail' | 'temperror' | null;
}

const REQUEST_COLUMNS = `r.id, r.reference, r.organisation_id AS "organisationId", o.name AS "organisationName",
  r.unit_id AS "unitId", u.name AS "unitName", r.assignee_id AS "assigneeId", a.display_name AS "assigneeName",
  r.party_id AS "partyId", p.name AS "partyName", p.email AS "partyEmail", p.phone AS "partyPhone",
  p.language AS "partyLanguage", r.service_code AS "serviceCode", s.name AS "serviceName", r.channel, r.language,
  r.subject, r.status, r.outcome, r.first_response_due_at AS "firstResponseDueAt", r.resolution_due_at AS "resolutionDueAt",
  r.first_responded_at AS "firstRespondedAt", r.sla_paused_at AS "slaPausedAt", r.sla_state AS "slaState",
  r.closed_at AS "closedAt", r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.version, r.sender_check AS "senderCheck"`;

const REQUEST_FROM = `cc_requests r
  JOIN organisations o ON o.id = r.organisation_id
  JOIN cc_parties p ON p.id = r.party_id
  LEFT JOIN units u ON u.id = r.unit_id
  LEFT JOIN accounts a ON a.id = r.assignee_id
  LEFT JOIN services s ON s.code = r.service_code`;

/** A request with its party, unit, assignee and service, whatever the organisation (the caller checks it). */
export async function findRequest(db: Queryable, id: string): Promise<RequestRecord | undefined> {
  const { rows } = await db.query<RequestRecord>(`SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1`, [id]);
  return rows[0];
}

/** Locks the request row for a change (same transaction). */
export async function lockRequest(
  tx: Queryable,
  id: string,
): Promise<{ organisationId: string; version: number; status: RequestStatus; assigneeId: string | null } | undefined> {
  const { rows } = await tx.query<{ organisationId: string; version: number; status: RequestStatus; assigneeId: string | null }>(
    `SELECT organisation_id AS "organisationId", version, status, assignee_id AS "assigneeId" FROM cc_requests WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

export interface MessageRow {
  id: string;
  kind: MessageKind;
  channel: ContactChannel | null;
  authorName: string | null;
  body: string;
  createdAt: Date;
  /** The message's files (console/attachments serves them). */
  attachments: Array<{ id: string; filename: string; size: number }>;
}

export async function listMessages(db: Queryable, requestId: string, options: { withNotes: boolean } = { withNotes: true }): Promise<MessageRow[]> {
  const { rows } = await db.query<MessageRow>(
    `SELECT m.id, m.kind, m.channel, a.display_name AS "authorName", m.body, m.created_at AS "createdAt",
            COALESCE((SELECT json_agg(json_build_object('id', f.id, 'filename', f.filename, 'size', f.size) ORDER BY f.created_at, f.id)
                        FROM cc_attachments f WHERE f.message_id = m.id), '[]') AS attachments
       FROM cc_messages m LEFT JOIN accounts a ON a.id = m.author_account_id
      WHERE m.request_id = $1 AND ($2 OR m.kind <> 'note')
      ORDER BY m.created_at, m.id`,
    [requestId, options.withNotes],
  );
  return rows;
}

export async function insertMessage(
  tx: Queryable,
  message: {
    requestId: string;
    kind: MessageKind;
    channel: ContactChannel | null;
    authorAccountId: string | null;
    body: string;
    mailMessageId?: string | null;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cc_messages (request_id, kind, channel, author_account_id, body, mail_message_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [message.requestId, message.kind, message.channel, message.authorAccountId, message.body, message.mailMessageId ?? null],
  );
  return rows[0]!.id;
}

/** The latest e-mail Message-ID in the conversation (to thread a reply). */
export async function latestMailMessageId(db: Queryable, requestId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT mail_message_id AS id FROM cc_messages WHERE request_id = $1 AND mail_message_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
    [requestId],
  );
  return rows[0]?.id ?? null;
}

export interface HistoryRequest {
  id: string;
  reference: string;
  subject: string;
  status: RequestStatus;
  channel: ContactChannel;
  createdAt: Date;
}
export interface HistoryContact {
  id: string;
  channel: ContactChannel;
  outcome: ContactOutcome | null;
  serviceCode: string | null;
  startedAt: Date;
  requestReference: string | null;
}

/** The party's other requests and contacts, within the organisation only (parties are per organisation). */
export async function partyHistory(db: Queryable, organisationId: string, partyId: string, exceptRequestId: string) {
  const requests = await db.query<HistoryRequest>(
    `SELECT id, reference, subject, status, channel, created_at AS "createdAt" FROM cc_requests
      WHERE party_id = $1 AND organisation_id = $2 AND id <> $3 ORDER BY created_at DESC LIMIT 20`,
    [partyId, organisationId, exceptRequestId],
  );
  const contacts = await db.query<HistoryContact>(
    `SELECT c.id, c.channel, c.outcome, c.service_code AS "serviceCode", c.started_at AS "startedAt", r.reference AS "requestReference"
       FROM cc_contacts c LEFT JOIN cc_requests r ON r.id = c.request_id
      WHERE c.party_id = $1 AND c.organisation_id = $2 ORDER BY c.started_at DESC LIMIT 20`,
    [partyId, organisationId],
  );
  return { requests: requests.rows, contacts: contacts.rows };
}

/**
 * Sets the assignee if the request is still at `version` (optimistic lock). `onlyIfUnassigned` refuses a
 * claim of a request someone else holds. Returns the new version, or null when nothing was changed.
 */
export async function setAssignee(
  tx: Queryable,
  input: { id: string; organisationId: string; version: number; assigneeId: string | null; onlyIfUnassignedOr?: string },
): Promise<number | null> {
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE cc_requests
        SET assignee_id = $4, version = version + 1, updated_at = now(),
            status = CASE WHEN status = 'new' AND $4::uuid IS NOT NULL THEN 'open' ELSE status END
      WHERE id = $1 AND organisation_id = $2 AND version = $3 AND status <> 'closed'
        AND ($5::uuid IS NULL OR assignee_id IS NULL OR assignee_id = $5::uuid)
      RETURNING version`,
    [input.id, input.organisationId, input.version, input.assigneeId, input.onlyIfUnassignedOr ?? null],
  );
  return rows[0]?.version ?? null;
}

export interface Colleague {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
}

/** Active staff of an organisation who work in the console (for "assign to"). */
export async function listConsoleColleagues(db: Queryable, organisationId: string): Promise<Colleague[]> {
  const { rows } = await db.query<Colleague>(
    `SELECT id, display_name AS "displayName", email, roles FROM accounts
      WHERE organisation_id = $1 AND active
        AND roles && ARRAY['first_line_agent', 'second_line_agent', 'organisation_manager']::text[]
      ORDER BY display_name`,
    [organisationId],
  );
  return rows;
}

export async function findConsoleAccount(
  db: Queryable,
  id: string,
): Promise<{ id: string; organisationId: string; displayName: string; roles: string[]; unitIds: string[] } | undefined> {
  const { rows } = await db.query<{ id: string; organisationId: string; displayName: string; roles: string[]; unitIds: string[] }>(
    `SELECT a.id, a.organisation_id AS "organisationId", a.display_name AS "displayName", a.roles,
            coalesce((SELECT array_agg(unit_id) FROM account_units WHERE account_id = a.id), '{}') AS "unitIds"
       FROM accounts a
      WHERE a.id = $1 AND a.active AND a.roles && ARRAY['first_line_agent', 'second_line_agent', 'organisation_manager']::text[]`,
    [id],
  );
  return rows[0];
}

export interface UnitRow {
  id: string;
  organisationId: string;
  code: string;
  name: LocalizedText;
  autoAssign: boolean;
}

export async function listUnits(db: Queryable, organisationId: string): Promise<UnitRow[]> {
  const { rows } = await db.query<UnitRow>(
    `SELECT u.id, u.organisation_id AS "organisationId", u.code, u.name, coalesce(s.auto_assign, false) AS "autoAssign"
       FROM units u LEFT JOIN cc_unit_settings s ON s.unit_id = u.id
      WHERE u.organisation_id = $1 ORDER BY u.code`,
    [organisationId],
  );
  return rows;
}

export async function findUnit(db: Queryable, id: string): Promise<{ id: string; organisationId: string; name: LocalizedText } | undefined> {
  const { rows } = await db.query<{ id: string; organisationId: string; name: LocalizedText }>(
    `SELECT id, organisation_id AS "organisationId", name FROM units WHERE id = $1`,
    [id],
  );
  return rows[0];
}

// ---- parties (phone and counter contacts)

export interface PartyRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: 'fr' | 'nl' | 'en';
  lastContactAt: Date | null;
}

/** Earlier parties of the organisation matching a name (trigram similarity), an e-mail or a phone number. */
export async function searchParties(
  db: Queryable,
  organisationId: string,
  query: { name?: string | null; email?: string | null; phone?: string | null },
): Promise<PartyRow[]> {
  const { rows } = await db.query<PartyRow>(
    `SELECT p.id, p.name, p.email, p.phone, p.language,
            (SELECT max(c.started_at) FROM cc_contacts c WHERE c.party_id = p.id) AS "lastContactAt"
       FROM cc_parties p
      WHERE p.organisation_id = $1 AND p.merged_into_id IS NULL
        AND (($2::text IS NOT NULL AND (p.name % $2 OR p.name ILIKE '%' || $2 || '%'))
          OR ($3::text IS NOT NULL AND p.email = $3)
          OR ($4::text IS NOT NULL AND p.phone = $4))
      ORDER BY CASE WHEN $2::text IS NULL THEN 0 ELSE similarity(p.name, $2) END DESC, p.updated_at DESC
      LIMIT 20`,
    [organisationId, query.name ?? null, query.email ?? null, query.phone ?? null],
  );
  return rows;
}

export async function findParty(db: Queryable, organisationId: string, id: string): Promise<PartyRow | undefined> {
  const { rows } = await db.query<PartyRow>(
    `SELECT id, name, email, phone, language, NULL::timestamptz AS "lastContactAt" FROM cc_parties WHERE id = $1 AND organisation_id = $2`,
    [id, organisationId],
  );
  return rows[0];
}

export async function insertParty(
  tx: Queryable,
  organisationId: string,
  party: { name: string; email: string | null; phone: string | null; language: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cc_parties (organisation_id, name, email, phone, language) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [organisationId, party.name, party.email, party.phone, party.language],
  );
  return rows[0]!.id;
}

// ---- tasks

export interface TaskContext {
  reference: string;
  subject: string;
  language: 'fr' | 'nl' | 'en';
  channel: ContactChannel;
  serviceCode: string | null;
  status: RequestStatus;
  createdAt: string;
  party: { name: string; email: string | null; phone: string | null; language: string };
  fromOrganisation: LocalizedText;
  messages: Array<{ kind: MessageKind; channel: ContactChannel | null; author: string | null; body: string; at: string }>;
}

export interface TaskRow {
  id: string;
  requestId: string;
  kind: TaskKind;
  fromOrganisationId: string;
  fromOrganisationName: LocalizedText;
  fromAccountId: string | null;
  fromAccountName: string | null;
  toOrganisationId: string;
  toOrganisationName: LocalizedText;
  toUnitId: string | null;
  toUnitName: LocalizedText | null;
  toAccountId: string | null;
  toAccountName: string | null;
  question: string;
  callbackPreferences: string | null;
  answer: string | null;
  status: 'open' | 'answered' | 'cancelled';
  answeredAt: Date | null;
  answeredByName: string | null;
  createdAt: Date;
  version: number;
  context: TaskContext;
}

const TASK_COLUMNS = `t.id, t.request_id AS "requestId", t.kind, t.from_organisation_id AS "fromOrganisationId", fo.name AS "fromOrganisationName",
  t.from_account_id AS "fromAccountId", fa.display_name AS "fromAccountName", t.to_organisation_id AS "toOrganisationId",
  tor.name AS "toOrganisationName", t.to_unit_id AS "toUnitId", tu.name AS "toUnitName", t.to_account_id AS "toAccountId",
  ta.display_name AS "toAccountName", t.question, t.callback_preferences AS "callbackPreferences", t.answer, t.status,
  t.answered_at AS "answeredAt", ab.display_name AS "answeredByName", t.created_at AS "createdAt", t.version, t.context`;
const TASK_FROM = `cc_tasks t
  JOIN organisations fo ON fo.id = t.from_organisation_id
  JOIN organisations tor ON tor.id = t.to_organisation_id
  LEFT JOIN accounts fa ON fa.id = t.from_account_id
  LEFT JOIN units tu ON tu.id = t.to_unit_id
  LEFT JOIN accounts ta ON ta.id = t.to_account_id
  LEFT JOIN accounts ab ON ab.id = t.answered_by`;

export async function insertTask(
  tx: Queryable,
  task: {
    requestId: string;
    kind: TaskKind;
    fromOrganisationId: string;
    fromAccountId: string;
    toOrganisationId: string;
    toUnitId: string | null;
    toAccountId: string | null;
    question: string;
    callbackPreferences: string | null;
    context: TaskContext;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cc_tasks (request_id, kind, from_organisation_id, from_account_id, to_organisation_id, to_unit_id, to_account_id,
                           question, callback_preferences, context)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING id`,
    [
      task.requestId,
      task.kind,
      task.fromOrganisationId,
      task.fromAccountId,
      task.toOrganisationId,
      task.toUnitId,
      task.toAccountId,
      task.question,
      task.callbackPreferences,
      JSON.stringify(task.context),
    ],
  );
  return rows[0]!.id;
}

export async function findTask(db: Queryable, id: string): Promise<TaskRow | undefined> {
  const { rows } = await db.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE t.id = $1`, [id]);
  return rows[0];
}

/** Tasks routed to an organisation; 'mine' = for me (TASK_FOR_PERSON: to me, my units, the organisation, or a unit nobody belongs to). */
export async function listTasksTo(
  db: Queryable,
  q: { organisationId: string; accountId: string; unitIds: string[]; mineOnly: boolean; status: 'open' | 'answered' | 'all'; changedSince?: Date | null },
): Promise<TaskRow[]> {
  // A task changes twice: passed on (created_at) and answered (answered_at; greatest() skips its NULL).
  const { rows } = await db.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM}
      WHERE t.to_organisation_id = $1
        AND ($4 = 'all' OR t.status = $4)
        AND (NOT $5 OR ${TASK_FOR_PERSON})
        AND ($6::timestamptz IS NULL OR greatest(t.created_at, t.answered_at) >= $6::timestamptz)
      ORDER BY t.created_at DESC LIMIT 200`,
    [q.organisationId, q.accountId, q.unitIds, q.status, q.mineOnly, q.changedSince ?? null],
  );
  return rows;
}

export async function listTasksOfRequest(db: Queryable, requestId: string): Promise<TaskRow[]> {
  const { rows } = await db.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE t.request_id = $1 ORDER BY t.created_at`, [requestId]);
  return rows;
}

export async function answerTask(tx: Queryable, input: { id: string; version: number; answer: string; accountId: string }): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE cc_tasks SET answer = $3, status = 'answered', answered_at = now(), answered_by = $4, version = version + 1
      WHERE id = $1 AND version = $2 AND status = 'open'`,
    [input.id, input.version, input.answer, input.accountId],
  );
  return rowCount === 1;
}

export async function countOpenTasks(tx: Queryable, requestId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM cc_tasks WHERE request_id = $1 AND status = 'open'`, [requestId]);
  return rows[0]!.n;
}

export interface OrganisationChoice {
  id: string;
  code: string;
  name: LocalizedText;
}

export async function listOrganisations(db: Queryable): Promise<OrganisationChoice[]> {
  const { rows } = await db.query<OrganisationChoice>(`SELECT id, code, name FROM organisations ORDER BY name->>'fr'`);
  return rows;
}

export async function findOrganisationByCode(db: Queryable, code: string): Promise<OrganisationChoice | undefined> {
  const { rows } = await db.query<OrganisationChoice>(`SELECT id, code, name FROM organisations WHERE code = $1`, [code]);
  return rows[0];
}

/** Units of every organisation, for routing a task (names only). */
export async function listAllUnits(db: Queryable): Promise<Array<{ id: string; organisationId: string; organisationCode: string; name: LocalizedText }>> {
  const { rows } = await db.query<{ id: string; organisationId: string; organisationCode: string; name: LocalizedText }>(
    `SELECT u.id, u.organisation_id AS "organisationId", o.code AS "organisationCode", u.name
       FROM units u JOIN organisations o ON o.id = u.organisation_id ORDER BY o.code, u.code`,
  );
  return rows;
}

export async function findAccountByEmail(db: Queryable, email: string): Promise<{ id: string; organisationId: string; displayName: string } | undefined> {
  const { rows } = await db.query<{ id: string; organisationId: string; displayName: string }>(
    `SELECT id, organisation_id AS "organisationId", display_name AS "displayName" FROM accounts
      WHERE lower(email) = lower($1) AND active AND roles && ARRAY['first_line_agent', 'second_line_agent', 'organisation_manager']::text[]`,
    [email],
  );
  return rows[0];
}

export interface ReplyTemplateRow {
  id: string;
  title: string;
  body: string;
}

/** The organisation's plain reply templates in one language (its macros: macros/repository.ts). */
export async function listReplyTemplates(db: Queryable, organisationId: string, language: Language): Promise<ReplyTemplateRow[]> {
  const { rows } = await db.query<ReplyTemplateRow>(
    `SELECT id, title, body
       FROM cc_reply_templates
      WHERE organisation_id = $1 AND language = $2
        -- rows with actions were macros: copied to cc_macros by migration 0077, offered from there
        AND set_status IS NULL AND NOT assign_to_me AND add_tag IS NULL
      ORDER BY title`,
    [organisationId, language],
  );
  return rows;
}

/** A macro's assignment and tag, after its reply (the status goes through the core's setStatus). */
export async function applyMacroFields(tx: Queryable, id: string, input: { assigneeId: string | null; tag: string | null }): Promise<void> {
  await tx.query(
    `UPDATE cc_requests
        SET assignee_id = coalesce($2::uuid, assignee_id),
            tags = CASE WHEN $3::text IS NULL OR $3::text = ANY(tags) THEN tags ELSE array_append(tags, $3::text) END,
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, input.assigneeId, input.tag],
  );
}

/** A macro passes the request to a unit's inbox: that unit's, unassigned (after its reply, in its transaction). */
export async function passToUnit(tx: Queryable, id: string, unitId: string): Promise<void> {
  await tx.query(`UPDATE cc_requests SET unit_id = $2, assignee_id = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [id, unitId]);
}

/** Renames a request at the version read; false when someone changed it meanwhile. */
export async function updateSubject(tx: Queryable, input: { id: string; organisationId: string; version: number; subject: string }): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE cc_requests SET subject = $4, version = version + 1, updated_at = now()
      WHERE id = $1 AND organisation_id = $2 AND version = $3 AND status <> 'closed'`,
    [input.id, input.organisationId, input.version, input.subject],
  );
  return rowCount === 1;
}
