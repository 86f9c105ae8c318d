// The SQL of merging and splitting requests and of merging contact records (decision 0047). The merge's row
// keeps the ids it moved and the state it replaced, so that undoing it moves back exactly those rows.
import type { Queryable } from '../../../platform/db/database.ts';
import type { ContactOutcome, RequestStatus, SlaState } from '../../model.ts';

export interface MergeCandidate {
  id: string;
  reference: string;
  organisationId: string;
  unitId: string | null;
  assigneeId: string | null;
  partyId: string;
  channel: 'web' | 'email' | 'phone' | 'counter';
  language: 'fr' | 'nl' | 'en';
  serviceCode: string | null;
  status: RequestStatus;
  outcome: ContactOutcome | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  slaPausedAt: Date | null;
  slaState: SlaState;
  closedAt: Date | null;
  createdAt: Date;
  mergedIntoId: string | null;
}

const CANDIDATE = `SELECT id, reference, organisation_id AS "organisationId", unit_id AS "unitId", assignee_id AS "assigneeId",
  party_id AS "partyId", channel, language, service_code AS "serviceCode", status, outcome, first_response_due_at AS "firstResponseDueAt",
  resolution_due_at AS "resolutionDueAt", first_responded_at AS "firstRespondedAt", sla_paused_at AS "slaPausedAt",
  sla_state AS "slaState", closed_at AS "closedAt", created_at AS "createdAt", merged_into_id AS "mergedIntoId"
  FROM cc_requests`;

/** Both requests of a merge, locked in id order (two agents merging the same pair wait, never deadlock). */
export async function lockRequestsByReference(tx: Queryable, references: string[]): Promise<MergeCandidate[]> {
  const { rows } = await tx.query<MergeCandidate>(`${CANDIDATE} WHERE reference = ANY($1::text[]) ORDER BY id FOR UPDATE`, [references]);
  return rows;
}

export async function findRequestByReference(db: Queryable, reference: string): Promise<MergeCandidate | undefined> {
  const { rows } = await db.query<MergeCandidate>(`${CANDIDATE} WHERE reference = $1`, [reference]);
  return rows[0];
}

export async function lockRequestById(tx: Queryable, id: string): Promise<MergeCandidate | undefined> {
  const { rows } = await tx.query<MergeCandidate>(`${CANDIDATE} WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0];
}

/** Moves the conversation, tasks and contacts of one request to another; returns the ids moved. */
export async function moveRequestContent(tx: Queryable, fromId: string, toId: string): Promise<{ messages: string[]; tasks: string[]; contacts: string[] }> {
  const ids = async (sql: string) => (await tx.query<{ id: string }>(sql, [fromId, toId])).rows.map((row) => row.id);
  return {
    messages: await ids(`UPDATE cc_messages SET request_id = $2 WHERE request_id = $1 RETURNING id`),
    tasks: await ids(`UPDATE cc_tasks SET request_id = $2 WHERE request_id = $1 RETURNING id`),
    contacts: await ids(`UPDATE cc_contacts SET request_id = $2 WHERE request_id = $1 RETURNING id`),
  };
}

/** Moves back the rows a merge moved (those still on the surviving request). */
export async function moveBack(tx: Queryable, fromId: string, toId: string, moved: { messages: string[]; tasks: string[]; contacts: string[] }): Promise<void> {
  await tx.query(`UPDATE cc_messages SET request_id = $2 WHERE request_id = $1 AND id = ANY($3::uuid[])`, [fromId, toId, moved.messages]);
  await tx.query(`UPDATE cc_tasks SET request_id = $2 WHERE request_id = $1 AND id = ANY($3::uuid[])`, [fromId, toId, moved.tasks]);
  await tx.query(`UPDATE cc_contacts SET request_id = $2 WHERE request_id = $1 AND id = ANY($3::uuid[])`, [fromId, toId, moved.contacts]);
}

export interface ClockState {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  slaState: SlaState;
}

export async function setClocks(tx: Queryable, id: string, clocks: ClockState): Promise<void> {
  await tx.query(
    `UPDATE cc_requests SET first_response_due_at = $2, resolution_due_at = $3, first_responded_at = $4, sla_state = $5,
            updated_at = now(), version = version + 1
      WHERE id = $1`,
    [id, clocks.firstResponseDueAt, clocks.resolutionDueAt, clocks.firstRespondedAt, clocks.slaState],
  );
}

export async function setMergedInto(tx: Queryable, id: string, intoId: string | null): Promise<void> {
  await tx.query(`UPDATE cc_requests SET merged_into_id = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, intoId]);
}

/** Puts back a merged request's status and clocks as they were before it was merged (closed by the merge). */
export async function restoreRequest(
  tx: Queryable,
  id: string,
  state: ClockState & { status: RequestStatus; outcome: ContactOutcome | null; closedAt: Date | null; slaPausedAt: Date | null },
): Promise<void> {
  await tx.query(
    `UPDATE cc_requests SET status = $2, outcome = $3, closed_at = $4, sla_paused_at = $5, first_response_due_at = $6,
            resolution_due_at = $7, first_responded_at = $8, sla_state = $9, merged_into_id = NULL, updated_at = now(), version = version + 1
      WHERE id = $1`,
    [
      id,
      state.status,
      state.outcome,
      state.closedAt,
      state.slaPausedAt,
      state.firstResponseDueAt,
      state.resolutionDueAt,
      state.firstRespondedAt,
      state.slaState,
    ],
  );
}

export interface MergeRow {
  id: string;
  mergedRequestId: string;
  intoRequestId: string;
  mergedAt: Date;
  undo: MergeUndo;
}
export interface MergeUndo {
  messages: string[];
  tasks: string[];
  contacts: string[];
  merged: ClockState & { status: RequestStatus; outcome: ContactOutcome | null; closedAt: string | null; slaPausedAt: string | null };
  into: ClockState;
}

export async function insertMerge(
  tx: Queryable,
  merge: { organisationId: string; mergedRequestId: string; intoRequestId: string; accountId: string; undo: MergeUndo },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cc_request_merges (organisation_id, merged_request_id, into_request_id, merged_by, undo)
     VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id`,
    [merge.organisationId, merge.mergedRequestId, merge.intoRequestId, merge.accountId, JSON.stringify(merge.undo)],
  );
  return rows[0]!.id;
}

/** The merge still in force of a merged request. */
export async function activeMergeOf(tx: Queryable, mergedRequestId: string): Promise<MergeRow | undefined> {
  const { rows } = await tx.query<MergeRow>(
    `SELECT id, merged_request_id AS "mergedRequestId", into_request_id AS "intoRequestId", merged_at AS "mergedAt", undo
       FROM cc_request_merges WHERE merged_request_id = $1 AND unmerged_at IS NULL`,
    [mergedRequestId],
  );
  return rows[0];
}

export async function markUnmerged(tx: Queryable, id: string, accountId: string): Promise<void> {
  await tx.query(`UPDATE cc_request_merges SET unmerged_at = now(), unmerged_by = $2 WHERE id = $1`, [id, accountId]);
}

/** Where this request was merged, when it still is (for the request page). */
export async function mergeOfRequest(db: Queryable, requestId: string): Promise<{ reference: string; intoReference: string; mergedAt: Date } | undefined> {
  const { rows } = await db.query<{ reference: string; intoReference: string; mergedAt: Date }>(
    `SELECT r.reference, i.reference AS "intoReference", m.merged_at AS "mergedAt"
       FROM cc_requests r JOIN cc_request_merges m ON m.merged_request_id = r.id AND m.unmerged_at IS NULL
       JOIN cc_requests i ON i.id = m.into_request_id
      WHERE r.id = $1`,
    [requestId],
  );
  return rows[0];
}

/** The requests merged into this one and still undoable (for the request page). */
export async function mergedInto(db: Queryable, intoRequestId: string): Promise<Array<{ reference: string; mergedAt: Date }>> {
  const { rows } = await db.query<{ reference: string; mergedAt: Date }>(
    `SELECT r.reference, m.merged_at AS "mergedAt" FROM cc_request_merges m JOIN cc_requests r ON r.id = m.merged_request_id
      WHERE m.into_request_id = $1 AND m.unmerged_at IS NULL ORDER BY m.merged_at`,
    [intoRequestId],
  );
  return rows;
}

// ---- split

/** Moves one message of a request to another (a message split into a new request). */
export async function moveMessage(tx: Queryable, messageId: string, fromId: string, toId: string): Promise<boolean> {
  const { rowCount } = await tx.query(`UPDATE cc_messages SET request_id = $3 WHERE id = $1 AND request_id = $2`, [messageId, fromId, toId]);
  return rowCount === 1;
}

export async function findMessage(db: Queryable, messageId: string): Promise<{ id: string; requestId: string; kind: string; body: string } | undefined> {
  const { rows } = await db.query<{ id: string; requestId: string; kind: string; body: string }>(
    `SELECT id, request_id AS "requestId", kind, body FROM cc_messages WHERE id = $1`,
    [messageId],
  );
  return rows[0];
}

/** Empties the conversation of a request just created by a split (its copy of the message is replaced by the original). */
export async function deleteMessagesOf(tx: Queryable, requestId: string): Promise<void> {
  await tx.query(`DELETE FROM cc_messages WHERE request_id = $1`, [requestId]);
}

export async function partyOf(
  db: Queryable,
  partyId: string,
): Promise<{ name: string; email: string | null; phone: string | null; language: 'fr' | 'nl' | 'en' } | undefined> {
  const { rows } = await db.query<{ name: string; email: string | null; phone: string | null; language: 'fr' | 'nl' | 'en' }>(
    'SELECT name, email, phone, language FROM cc_parties WHERE id = $1',
    [partyId],
  );
  return rows[0];
}

// ---- contact records

export interface PartyBrief {
  id: string;
  organisationId: string;
  name: string;
  email: string | null;
  phone: string | null;
  mergedIntoId: string | null;
}

export async function lockParties(tx: Queryable, ids: string[]): Promise<PartyBrief[]> {
  const { rows } = await tx.query<PartyBrief>(
    `SELECT id, organisation_id AS "organisationId", name, email, phone, merged_into_id AS "mergedIntoId"
       FROM cc_parties WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return rows;
}

/** Moves the requests and contacts of a party to another one and marks it merged; returns the ids moved. */
export async function mergeParty(tx: Queryable, fromId: string, toId: string): Promise<{ requests: string[]; contacts: string[] }> {
  const requests = await tx.query<{ id: string }>(`UPDATE cc_requests SET party_id = $2 WHERE party_id = $1 RETURNING id`, [fromId, toId]);
  const contacts = await tx.query<{ id: string }>(`UPDATE cc_contacts SET party_id = $2 WHERE party_id = $1 RETURNING id`, [fromId, toId]);
  // The surviving record keeps its values and takes the e-mail or phone it did not have.
  await tx.query(
    `UPDATE cc_parties t SET email = coalesce(t.email, f.email), phone = coalesce(t.phone, f.phone), updated_at = now()
       FROM cc_parties f WHERE t.id = $2 AND f.id = $1`,
    [fromId, toId],
  );
  await tx.query(`UPDATE cc_parties SET merged_into_id = $2, updated_at = now() WHERE id = $1`, [fromId, toId]);
  return { requests: requests.rows.map((r) => r.id), contacts: contacts.rows.map((r) => r.id) };
}

export async function insertPartyMerge(
  tx: Queryable,
  merge: { organisationId: string; mergedPartyId: string; intoPartyId: string; accountId: string; undo: { requests: string[]; contacts: string[] } },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cc_party_merges (organisation_id, merged_party_id, into_party_id, merged_by, undo) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id`,
    [merge.organisationId, merge.mergedPartyId, merge.intoPartyId, merge.accountId, JSON.stringify(merge.undo)],
  );
  return rows[0]!.id;
}
