// Every SQL statement of the contact-center intake core (requests, parties, messages, attachments,
// assignment, idempotency keys, inbound mail, throttling). The console has its own queries in console/.
import { prepared, type Queryable } from '../platform/db/database.ts';
import type { Language } from '../platform/i18n/languages.ts';
import type { ContactChannel, MessageKind, RequestStatus, SlaState, ContactOutcome } from './model.ts';

export interface PartyRow {
  id: string;
  organisationId: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  postalCode: string | null;
}

const PARTY_SELECT = `SELECT id, organisation_id AS "organisationId", name, email, phone, language, postal_code AS "postalCode" FROM cc_parties`;

/** The party of an organisation with this e-mail (preferred) or phone; the most recently updated one. */
export async function findPartyByContact(q: Queryable, organisationId: string, email: string | null, phone: string | null): Promise<PartyRow | undefined> {
  if (email) {
    const { rows } = await q.query<PartyRow>(
      `${PARTY_SELECT} WHERE organisation_id = $1 AND email = $2 AND merged_into_id IS NULL ORDER BY updated_at DESC LIMIT 1`,
      [organisationId, email],
    );
    if (rows[0]) return rows[0];
  }
  if (phone) {
    const { rows } = await q.query<PartyRow>(
      `${PARTY_SELECT} WHERE organisation_id = $1 AND phone = $2 AND merged_into_id IS NULL ORDER BY updated_at DESC LIMIT 1`,
      [organisationId, phone],
    );
    if (rows[0]) return rows[0];
  }
  return undefined;
}

export async function findPartyById(q: Queryable, organisationId: string, id: string): Promise<PartyRow | undefined> {
  const { rows } = await q.query<PartyRow>(`${PARTY_SELECT} WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
  return rows[0];
}

export async function insertParty(
  q: Queryable,
  party: { organisationId: string; name: string; email: string | null; phone: string | null; language: string; postalCode: string | null },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO cc_parties (organisation_id, name, email, phone, language, postal_code) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [party.organisationId, party.name, party.email, party.phone, party.language, party.postalCode],
  );
  return rows[0]!.id;
}

/** Fills what the party did not have yet (a phone, a postal code) and keeps the latest name and language. */
export async function refreshParty(
  q: Queryable,
  id: string,
  party: { name: string; email: string | null; phone: string | null; language: string; postalCode: string | null },
): Promise<void> {
  await q.query(
    `UPDATE cc_parties SET name = $2, email = coalesce(email, $3), phone = coalesce(phone, $4), language = $5,
            postal_code = coalesce($6, postal_code), updated_at = now()
      WHERE id = $1`,
    [id, party.name, party.email, party.phone, party.language, party.postalCode],
  );
}

export interface NewRequestRow {
  reference: string;
  organisationId: string;
  unitId: string | null;
  assigneeId: string | null;
  partyId: string;
  serviceCode: string | null;
  channel: ContactChannel;
  language: string;
  subject: string;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  statusTokenHash: string;
  createdAt: Date;
}

/** Inserts a request; undefined when the reference is already taken (the caller draws another). */
export async function insertRequest(q: Queryable, row: NewRequestRow): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO cc_requests (reference, organisation_id, unit_id, assignee_id, party_id, service_code, channel, language,
                              subject, first_response_due_at, resolution_due_at, status_token_hash, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
     ON CONFLICT (reference) DO NOTHING
     RETURNING id`,
    [
      row.reference,
      row.organisationId,
      row.unitId,
      row.assigneeId,
      row.partyId,
      row.serviceCode,
      row.channel,
      row.language,
      row.subject,
      row.firstResponseDueAt,
      row.resolutionDueAt,
      row.statusTokenHash,
      row.createdAt,
    ],
  );
  return rows[0]?.id;
}

export interface RequestRow {
  id: string;
  reference: string;
  organisationId: string;
  unitId: string | null;
  assigneeId: string | null;
  partyId: string;
  serviceCode: string | null;
  channel: ContactChannel;
  language: Language;
  subject: string;
  status: RequestStatus;
  outcome: ContactOutcome | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  slaPausedAt: Date | null;
  slaState: SlaState;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const REQUEST_SELECT = `
  SELECT id, reference, organisation_id AS "organisationId", unit_id AS "unitId", assignee_id AS "assigneeId",
         party_id AS "partyId", service_code AS "serviceCode", channel, language, subject, status, outcome,
         first_response_due_at AS "firstResponseDueAt", resolution_due_at AS "resolutionDueAt",
         first_responded_at AS "firstRespondedAt", sla_paused_at AS "slaPausedAt", sla_state AS "slaState",
         closed_at AS "closedAt", created_at AS "createdAt", updated_at AS "updatedAt", version
    FROM cc_requests`;

export async function getRequest(q: Queryable, id: string, options: { forUpdate?: boolean } = {}): Promise<RequestRow | undefined> {
  const { rows } = await q.query<RequestRow>(`${REQUEST_SELECT} WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function getRequestByReference(q: Queryable, reference: string, options: { forUpdate?: boolean } = {}): Promise<RequestRow | undefined> {
  const { rows } = await q.query<RequestRow>(`${REQUEST_SELECT} WHERE reference = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [reference]);
  return rows[0];
}

export async function updateRequestStatus(
  q: Queryable,
  id: string,
  change: {
    status: RequestStatus;
    outcome?: ContactOutcome | null;
    slaPausedAt: Date | null;
    firstResponseDueAt: Date | null;
    resolutionDueAt: Date | null;
    closedAt: Date | null;
    now: Date;
  },
): Promise<void> {
  await q.query(
    `UPDATE cc_requests SET status = $2, outcome = coalesce($3, outcome), sla_paused_at = $4, first_response_due_at = $5,
            resolution_due_at = $6, closed_at = $7, updated_at = $8, version = version + 1
      WHERE id = $1`,
    [id, change.status, change.outcome ?? null, change.slaPausedAt, change.firstResponseDueAt, change.resolutionDueAt, change.closedAt, change.now],
  );
}

export async function markFirstResponse(q: Queryable, id: string, at: Date): Promise<boolean> {
  const result = await q.query(
    `UPDATE cc_requests SET first_responded_at = $2, updated_at = $2, version = version + 1 WHERE id = $1 AND first_responded_at IS NULL`,
    [id, at],
  );
  return result.rowCount > 0;
}

export async function touchRequest(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE cc_requests SET updated_at = $2 WHERE id = $1`, [id, at]);
}

/** Raises the SLA state (ok → warning → breached, never down); true when it changed. */
export async function raiseSlaState(q: Queryable, id: string, state: 'warning' | 'breached'): Promise<boolean> {
  const result = await q.query(
    `UPDATE cc_requests SET sla_state = $2, version = version + 1
      WHERE id = $1 AND status <> 'closed' AND sla_paused_at IS NULL
        AND (sla_state = 'ok' OR (sla_state = 'warning' AND $2 = 'breached'))`,
    [id, state],
  );
  return result.rowCount > 0;
}

export async function insertMessage(
  q: Queryable,
  message: {
    requestId: string;
    kind: MessageKind;
    channel: ContactChannel | null;
    authorAccountId: string | null;
    body: string;
    mailMessageId: string | null;
    createdAt: Date;
  },
): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO cc_messages (request_id, kind, channel, author_account_id, body, mail_message_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (request_id, mail_message_id) WHERE mail_message_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [message.requestId, message.kind, message.channel, message.authorAccountId, message.body, message.mailMessageId, message.createdAt],
  );
  return rows[0]?.id;
}

export async function insertAttachment(
  q: Queryable,
  attachment: { messageId: string; filename: string; contentType: string; content: Uint8Array },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO cc_attachments (message_id, filename, content_type, size, content) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [attachment.messageId, attachment.filename, attachment.contentType, attachment.content.byteLength, Buffer.from(attachment.content)],
  );
  return rows[0]!.id;
}

/**
 * The next agent of a unit with automatic assignment (round robin over the unit's active agents, ordered by
 * id, after the last one assigned), recorded as the last assigned. The settings row is locked so concurrent
 * intakes take turns. Undefined when the unit does not assign automatically or has no agent.
 */
export async function nextRoundRobinAssignee(q: Queryable, unitId: string): Promise<string | undefined> {
  const { rows: settings } = await q.query<{ last: string | null }>(
    `SELECT last_assigned_account_id AS last FROM cc_unit_settings WHERE unit_id = $1 AND auto_assign FOR UPDATE`,
    [unitId],
  );
  if (!settings[0]) return undefined;
  const { rows } = await q.query<{ id: string }>(
    `SELECT a.id FROM account_units au JOIN accounts a ON a.id = au.account_id
      WHERE au.unit_id = $1 AND a.active AND a.roles && ARRAY['first_line_agent', 'second_line_agent']::text[]
      ORDER BY (a.id <= coalesce($2::uuid, '00000000-0000-0000-0000-000000000000'::uuid)), a.id
      LIMIT 1`,
    [unitId, settings[0].last],
  );
  const next = rows[0]?.id;
  if (next) await q.query(`UPDATE cc_unit_settings SET last_assigned_account_id = $2 WHERE unit_id = $1`, [unitId, next]);
  return next;
}

export async function unitBelongsTo(q: Queryable, unitId: string, organisationId: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM units WHERE id = $1 AND organisation_id = $2`, [unitId, organisationId]);
  return rows.length > 0;
}

export interface OrganisationBrief {
  id: string;
  code: string;
  kind: string;
  name: Record<string, string>;
}

export async function organisationById(q: Queryable, id: string): Promise<OrganisationBrief | undefined> {
  const { rows } = await q.query<OrganisationBrief>(`SELECT id, code, kind, name FROM organisations WHERE id = $1`, [id]);
  return rows[0];
}

export async function organisationByCode(q: Queryable, code: string): Promise<OrganisationBrief | undefined> {
  const { rows } = await q.query<OrganisationBrief>(`SELECT id, code, kind, name FROM organisations WHERE code = $1`, [code]);
  return rows[0];
}

/** Active organisation managers (escalation e-mails), with their language. */
export async function organisationManagers(q: Queryable, organisationId: string): Promise<Array<{ id: string; email: string; language: string }>> {
  const { rows } = await q.query<{ id: string; email: string; language: string }>(
    `SELECT id, email, preferred_language AS language FROM accounts
      WHERE organisation_id = $1 AND active AND 'organisation_manager' = ANY(roles) ORDER BY email`,
    [organisationId],
  );
  return rows;
}

// ---- idempotency keys

/**
 * Claims an idempotency key for a reference inside the caller's transaction. A concurrent transaction holding
 * the same key makes this INSERT wait until it ends: then the key is either ours (the other rolled back) or
 * theirs (returned, with the body hash to compare).
 */
export async function claimIdempotencyKey(
  q: Queryable,
  scope: string,
  key: string,
  bodyHash: string,
  reference: string,
): Promise<{ claimed: true } | { claimed: false; reference: string; bodyHash: string }> {
  const inserted = await q.query(
    prepared(`INSERT INTO cc_idempotency_keys (scope, key, body_hash, reference) VALUES ($1, $2, $3, $4) ON CONFLICT (scope, key) DO NOTHING`),
    [scope, key, bodyHash, reference],
  );
  if (inserted.rowCount > 0) return { claimed: true };
  const first = await idempotencyKey(q, scope, key);
  if (!first) throw new Error('idempotency key vanished');
  return { claimed: false, ...first };
}

/** The request reference and body hash an idempotency key was claimed with. */
export async function idempotencyKey(q: Queryable, scope: string, key: string): Promise<{ reference: string; bodyHash: string } | undefined> {
  const { rows } = await q.query<{ reference: string; bodyHash: string }>(
    `SELECT reference, body_hash AS "bodyHash" FROM cc_idempotency_keys WHERE scope = $1 AND key = $2`,
    [scope, key],
  );
  return rows[0];
}

export async function updateIdempotencyReference(q: Queryable, scope: string, key: string, reference: string): Promise<void> {
  await q.query(`UPDATE cc_idempotency_keys SET reference = $3 WHERE scope = $1 AND key = $2`, [scope, key, reference]);
}

export async function purgeIdempotencyKeys(q: Queryable, olderThanDays: number): Promise<number> {
  const result = await q.query(`DELETE FROM cc_idempotency_keys WHERE created_at < now() - make_interval(days => $1)`, [olderThanDays]);
  return result.rowCount;
}

// ---- public status

export interface PublicStatusRow {
  reference: string;
  status: RequestStatus;
  serviceCode: string | null;
  serviceName: Record<string, string> | null;
  organisationName: Record<string, string>;
  language: string;
  createdAt: Date;
  updatedAt: Date;
  partyEmail: string | null;
  lastUpdateBody: string | null;
  lastUpdateAt: Date | null;
  /** Set when the request was merged into another one (decision 0047): the status shown is the survivor's. */
  mergedIntoReference: string | null;
}

const PUBLIC_STATUS_SELECT = `
  SELECT r.reference, r.status, r.service_code AS "serviceCode", s.name AS "serviceName", o.name AS "organisationName",
         r.language, r.created_at AS "createdAt", r.updated_at AS "updatedAt", p.email AS "partyEmail",
         m.body AS "lastUpdateBody", m.created_at AS "lastUpdateAt", mr.reference AS "mergedIntoReference"
    FROM cc_requests r
    LEFT JOIN cc_requests mr ON mr.id = r.merged_into_id
    JOIN cc_parties p ON p.id = r.party_id
    JOIN organisations o ON o.id = r.organisation_id
    LEFT JOIN services s ON s.code = r.service_code
    LEFT JOIN LATERAL (SELECT body, created_at FROM cc_messages
                        WHERE request_id = r.id AND kind = 'outbound' ORDER BY created_at DESC LIMIT 1) m ON true`;

export async function publicStatusByReference(q: Queryable, reference: string): Promise<PublicStatusRow | undefined> {
  const { rows } = await q.query<PublicStatusRow>(`${PUBLIC_STATUS_SELECT} WHERE r.reference = $1`, [reference]);
  return rows[0];
}

export async function publicStatusByTokenHash(q: Queryable, tokenHash: string): Promise<PublicStatusRow | undefined> {
  const { rows } = await q.query<PublicStatusRow>(`${PUBLIC_STATUS_SELECT} WHERE r.status_token_hash = $1`, [tokenHash]);
  return rows[0];
}

// ---- inbound mail

/** Records an inbound Message-ID for a mailbox; false when that mailbox already received it (a duplicate). */
export async function claimInboundMessageId(q: Queryable, mailbox: string, messageId: string): Promise<boolean> {
  const result = await q.query(`INSERT INTO cc_inbound_mail (mailbox, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [mailbox, messageId]);
  return result.rowCount > 0;
}

export async function setInboundRequest(q: Queryable, mailbox: string, messageId: string, requestId: string): Promise<void> {
  await q.query(`UPDATE cc_inbound_mail SET request_id = $3 WHERE mailbox = $1 AND message_id = $2`, [mailbox, messageId, requestId]);
}

export interface InboundMailbox {
  address: string;
  organisationId: string;
  unitId: string | null;
  /** Proven by a confirmation or an administrator (decision 0026); mail to it is refused until then. */
  verified: boolean;
}

/** An active mailbox by its (lower-case) address, verified or not. */
export async function mailboxByAddress(q: Queryable, address: string): Promise<InboundMailbox | undefined> {
  const { rows } = await q.query<InboundMailbox>(
    `SELECT address, organisation_id AS "organisationId", unit_id AS "unitId", verified_at IS NOT NULL AS verified
       FROM cc_mailboxes WHERE address = $1 AND active`,
    [address],
  );
  return rows[0];
}

/** Records how the sender of an e-mail request was checked (SPF/DMARC alignment, decision 0026). */
export async function setSenderCheck(q: Queryable, requestId: string, check: 'pass' | 'fail' | 'temperror'): Promise<void> {
  await q.query(`UPDATE cc_requests SET sender_check = $2 WHERE id = $1`, [requestId, check]);
}

// ---- SLA settings (sla.ts)

export interface SlaTargetMatch {
  channel: string | null;
  serviceCode: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warningPercent: number;
}

/** The SLA targets that may apply to a request of this organisation, channel and service (sla.ts picks the most specific). */
export async function slaTargetsMatching(q: Queryable, organisationId: string, channel: ContactChannel, serviceCode: string | null): Promise<SlaTargetMatch[]> {
  const { rows } = await q.query<SlaTargetMatch>(
    `SELECT channel, service_code AS "serviceCode", first_response_minutes AS "firstResponseMinutes",
            resolution_minutes AS "resolutionMinutes", warning_percent AS "warningPercent"
       FROM cc_sla_targets
      WHERE organisation_id = $1 AND (channel IS NULL OR channel = $2) AND (service_code IS NULL OR service_code = $3)`,
    [organisationId, channel, serviceCode],
  );
  return rows;
}

/** An organisation's SLA business calendar (null fields: not set up, the defaults apply); undefined for an unknown organisation. */
export async function businessCalendarOf(
  q: Queryable,
  organisationId: string,
): Promise<{ code: string; kind: string; openingHours: string | null; holidayCalendar: string | null } | undefined> {
  const { rows } = await q.query<{ code: string; kind: string; openingHours: string | null; holidayCalendar: string | null }>(
    `SELECT o.code, o.kind, c.opening_hours AS "openingHours", c.holiday_calendar AS "holidayCalendar"
       FROM organisations o LEFT JOIN cc_business_calendars c ON c.organisation_id = o.id
      WHERE o.id = $1`,
    [organisationId],
  );
  return rows[0];
}

// ---- throttling

/** Counts one hit for an address in the current window; returns the hits so far in it. */
export async function countIntakeHit(q: Queryable, addressHash: string, windowSeconds: number): Promise<number> {
  const { rows } = await q.query<{ hits: number }>(
    `INSERT INTO cc_intake_throttle (address_hash, window_start)
     VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2))
     ON CONFLICT (address_hash, window_start) DO UPDATE SET hits = cc_intake_throttle.hits + 1
     RETURNING hits`,
    [addressHash, windowSeconds],
  );
  return Number(rows[0]!.hits);
}

export async function purgeIntakeThrottle(q: Queryable): Promise<void> {
  await q.query(`DELETE FROM cc_intake_throttle WHERE window_start < now() - interval '1 day'`);
}

/** Message-IDs are remembered 90 days: a sender does not retry longer than that. */
export async function purgeInboundMail(q: Queryable): Promise<void> {
  await q.query(`DELETE FROM cc_inbound_mail WHERE received_at < now() - interval '90 days'`);
}

// ── A signed-in citizen's requests in every organisation, by their verified e-mail address (decision 0054) ──

export interface CitizenRequestRow {
  id: string;
  reference: string;
  subject: string;
  status: RequestStatus;
  serviceCode: string | null;
  organisationName: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

export async function listRequestsOfEmail(q: Queryable, email: string): Promise<CitizenRequestRow[]> {
  const { rows } = await q.query<CitizenRequestRow>(
    `SELECT r.id, r.reference, r.subject, r.status, r.service_code AS "serviceCode", o.name AS "organisationName",
            r.created_at AS "createdAt", r.updated_at AS "updatedAt"
       FROM cc_parties p
       JOIN cc_requests r ON r.party_id = p.id
       JOIN organisations o ON o.id = r.organisation_id
      WHERE p.email = lower($1) AND r.merged_into_id IS NULL
      ORDER BY r.created_at DESC
      LIMIT 200`,
    [email],
  );
  return rows;
}

// ── A person's data for a data subject request (issue 18, src/privacy): found by e-mail or phone ──

/** The parties of a person in an organisation (every organisation when null), by e-mail or phone. */
export async function partiesOfPerson(q: Queryable, organisationId: string | null, email: string, phone: string | null): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM cc_parties WHERE ($1::uuid IS NULL OR organisation_id = $1) AND (email = $2 OR ($3::text IS NOT NULL AND phone = $3))`,
    [organisationId, email, phone],
  );
  return rows.map((row) => row.id);
}

export interface PersonRequestExport {
  id: string;
  reference: string;
  organisationId: string;
  subject: string;
  status: string;
  channel: string;
  language: string;
  createdAt: Date;
  closedAt: Date | null;
  messages: Array<{ kind: string; body: string; createdAt: Date; attachments: string[] }>;
  tasks: Array<{ kind: string; question: string; answer: string | null; callbackPreferences: string | null; context: unknown; createdAt: Date }>;
}

/** What the contact center holds about these parties: the parties, their requests with messages and tasks, contacts. */
export async function personalDataOfParties(
  q: Queryable,
  partyIds: string[],
): Promise<{
  parties: Array<{
    id: string;
    organisationId: string;
    name: string;
    email: string | null;
    phone: string | null;
    language: string;
    postalCode: string | null;
    createdAt: Date;
  }>;
  requests: PersonRequestExport[];
  contacts: Array<{ channel: string; direction: string; startedAt: Date; endedAt: Date | null; outcome: string | null; serviceCode: string | null }>;
}> {
  const parties = await q.query<{
    id: string;
    organisationId: string;
    name: string;
    email: string | null;
    phone: string | null;
    language: string;
    postalCode: string | null;
    createdAt: Date;
  }>(
    `SELECT id, organisation_id AS "organisationId", name, email, phone, language, postal_code AS "postalCode", created_at AS "createdAt"
       FROM cc_parties WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
    [partyIds],
  );
  const requests = await q.query<PersonRequestExport>(
    `SELECT r.id, r.reference, r.organisation_id AS "organisationId", r.subject, r.status, r.channel, r.language,
            r.created_at AS "createdAt", r.closed_at AS "closedAt",
            coalesce((SELECT json_agg(json_build_object('kind', m.kind, 'body', m.body, 'createdAt', m.created_at,
                                                        'attachments', coalesce((SELECT json_agg(a.filename) FROM cc_attachments a WHERE a.message_id = m.id), '[]'))
                                      ORDER BY m.created_at)
                        FROM cc_messages m WHERE m.request_id = r.id AND m.kind IN ('inbound', 'outbound')), '[]') AS messages,
            coalesce((SELECT json_agg(json_build_object('kind', t.kind, 'question', t.question, 'answer', t.answer,
                                                        'callbackPreferences', t.callback_preferences, 'context', t.context, 'createdAt', t.created_at)
                                      ORDER BY t.created_at)
                        FROM cc_tasks t WHERE t.request_id = r.id), '[]') AS tasks
       FROM cc_requests r WHERE r.party_id = ANY($1::uuid[]) ORDER BY r.created_at`,
    [partyIds],
  );
  const contacts = await q.query<{
    channel: string;
    direction: string;
    startedAt: Date;
    endedAt: Date | null;
    outcome: string | null;
    serviceCode: string | null;
  }>(
    `SELECT channel, direction, started_at AS "startedAt", ended_at AS "endedAt", outcome, service_code AS "serviceCode"
       FROM cc_contacts WHERE party_id = ANY($1::uuid[]) ORDER BY started_at`,
    [partyIds],
  );
  return { parties: parties.rows, requests: requests.rows, contacts: contacts.rows };
}

/**
 * Erases the personal data of these parties and their requests, keeping every row the statistics count
 * (requests, contacts, tasks with their times, channels, statuses and outcomes): names, addresses, e-mails,
 * phones and free texts are blanked, attachments and status links removed. Returns the ids of the requests.
 */
export async function eraseParties(q: Queryable, partyIds: string[]): Promise<{ requestIds: string[]; counts: Record<string, number> }> {
  const requests = await q.query<{ id: string }>(
    `UPDATE cc_requests SET subject = '—', status_token_hash = NULL WHERE party_id = ANY($1::uuid[]) RETURNING id`,
    [partyIds],
  );
  const requestIds = requests.rows.map((row) => row.id);
  const attachments = await q.query(`DELETE FROM cc_attachments WHERE message_id IN (SELECT id FROM cc_messages WHERE request_id = ANY($1::uuid[]))`, [
    requestIds,
  ]);
  const messages = await q.query(`UPDATE cc_messages SET body = '—', mail_message_id = NULL WHERE request_id = ANY($1::uuid[]) AND kind <> 'event'`, [
    requestIds,
  ]);
  const tasks = await q.query(
    `UPDATE cc_tasks SET question = '—', answer = CASE WHEN answer IS NULL THEN NULL ELSE '—' END, callback_preferences = NULL, context = '{}'
      WHERE request_id = ANY($1::uuid[])`,
    [requestIds],
  );
  const parties = await q.query(
    `UPDATE cc_parties SET name = '—', email = NULL, phone = NULL, postal_code = NULL, updated_at = now() WHERE id = ANY($1::uuid[])`,
    [partyIds],
  );
  return {
    requestIds,
    counts: { parties: parties.rowCount, requests: requestIds.length, messages: messages.rowCount, attachments: attachments.rowCount, tasks: tasks.rowCount },
  };
}

/**
 * Retention (decision 0048): requests closed before the cut-off in an organisation are erased as above; their
 * parties too once none of their requests is open or recent. Returns the number of requests erased.
 */
export async function eraseRequestsClosedBefore(q: Queryable, organisationId: string, days: number): Promise<number> {
  const { rows } = await q.query<{ party_id: string }>(
    `SELECT DISTINCT r.party_id FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id
      WHERE r.organisation_id = $1 AND p.name <> '—'
        AND NOT EXISTS (SELECT 1 FROM cc_requests o WHERE o.party_id = r.party_id AND (o.closed_at IS NULL OR o.closed_at >= now() - make_interval(days => $2)))`,
    [organisationId, days],
  );
  if (!rows.length) return 0;
  const { counts } = await eraseParties(
    q,
    rows.map((row) => row.party_id),
  );
  return counts.requests ?? 0;
}
