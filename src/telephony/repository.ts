// SQL of the telephony integration: calls as the telephone system reports them, and the agents they ring.
import type { Queryable } from '../platform/db/database.ts';

export type CallStatus = 'ringing' | 'answered' | 'ended' | 'missed';

export interface CallRow {
  id: string;
  organisationId: string;
  externalId: string;
  caller: string | null;
  called: string | null;
  agentAccountId: string | null;
  agentName: string | null;
  status: CallStatus;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  contactId: string | null;
  requestId: string | null;
  requestReference: string | null;
  calledBackAt: Date | null;
}

const COLUMNS = `c.id, c.organisation_id AS "organisationId", c.external_id AS "externalId", c.caller, c.called,
  c.agent_account_id AS "agentAccountId", a.display_name AS "agentName", c.status, c.started_at AS "startedAt",
  c.answered_at AS "answeredAt", c.ended_at AS "endedAt", c.contact_id AS "contactId", c.request_id AS "requestId",
  r.reference AS "requestReference", c.called_back_at AS "calledBackAt"`;
const FROM = `telephony_calls c LEFT JOIN accounts a ON a.id = c.agent_account_id LEFT JOIN cc_requests r ON r.id = c.request_id`;

/** The active account of the organisation with this e-mail address (how a telephone system names its agents). */
export async function findAgent(db: Queryable, organisationId: string, email: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM accounts WHERE organisation_id = $1 AND lower(email) = lower($2) AND active`, [
    organisationId,
    email,
  ]);
  return rows[0]?.id;
}

/** The active account that a manager mapped to this extension of the organisation's telephone system. */
export async function findAgentByExtension(db: Queryable, organisationId: string, extension: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT a.id FROM telephony_extensions e JOIN accounts a ON a.id = e.account_id
      WHERE e.organisation_id = $1 AND e.extension = $2 AND a.active AND a.organisation_id = $1`,
    [organisationId, extension],
  );
  return rows[0]?.id;
}

export interface ExtensionRow {
  accountId: string;
  name: string;
  email: string;
  extension: string | null;
}

/** The organisation's active accounts with one of these roles, each with its extension (null when none yet). */
export async function extensionsOf(db: Queryable, organisationId: string, roles: readonly string[]): Promise<ExtensionRow[]> {
  const { rows } = await db.query<ExtensionRow>(
    `SELECT a.id AS "accountId", a.display_name AS name, a.email, e.extension
       FROM accounts a LEFT JOIN telephony_extensions e ON e.account_id = a.id AND e.organisation_id = a.organisation_id
      WHERE a.organisation_id = $1 AND a.active AND a.roles && $2::text[]
      ORDER BY a.display_name, a.email`,
    [organisationId, roles],
  );
  return rows;
}

/** Replaces the organisation's extension map with this one (accounts without an extension are left out). */
export async function replaceExtensions(tx: Queryable, organisationId: string, map: Array<{ accountId: string; extension: string }>): Promise<void> {
  await tx.query(`DELETE FROM telephony_extensions WHERE organisation_id = $1`, [organisationId]);
  if (map.length === 0) return;
  await tx.query(
    `INSERT INTO telephony_extensions (organisation_id, extension, account_id)
     SELECT $1, extension, account_id FROM unnest($2::text[], $3::uuid[]) AS m (extension, account_id)`,
    [organisationId, map.map((row) => row.extension), map.map((row) => row.accountId)],
  );
}

/**
 * Applies one event to the call it names, creating the call at its first event, in one statement: concurrent
 * events of one call (a PBX may send "answered" and "ended" at once) serialise on the row. A later state never
 * goes back (an "answered" arriving after "ended" changes nothing); an "ended" without an answer is a missed call.
 */
export async function applyEvent(
  tx: Queryable,
  input: {
    organisationId: string;
    externalId: string;
    event: 'ringing' | 'answered' | 'ended' | 'missed';
    caller: string | null;
    called: string | null;
    agentAccountId: string | null;
    at: Date;
  },
): Promise<CallRow> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO telephony_calls AS c (organisation_id, external_id, caller, called, agent_account_id, status, started_at, answered_at, ended_at)
     VALUES ($1, $2, $3, $4, $5,
             CASE $6 WHEN 'ended' THEN 'missed' ELSE $6 END,
             $7, CASE WHEN $6 = 'answered' THEN $7::timestamptz END, CASE WHEN $6 IN ('ended', 'missed') THEN $7::timestamptz END)
     ON CONFLICT (organisation_id, external_id) DO UPDATE SET
       caller = coalesce(c.caller, EXCLUDED.caller),
       called = coalesce(c.called, EXCLUDED.called),
       agent_account_id = coalesce(EXCLUDED.agent_account_id, c.agent_account_id),
       status = CASE
         WHEN c.status IN ('ended', 'missed') THEN c.status
         WHEN $6 = 'answered' THEN 'answered'
         WHEN $6 = 'ended' AND c.answered_at IS NOT NULL THEN 'ended'
         WHEN $6 IN ('ended', 'missed') THEN 'missed'
         ELSE c.status END,
       answered_at = CASE WHEN c.status IN ('ended', 'missed') THEN c.answered_at
                          WHEN $6 = 'answered' THEN coalesce(c.answered_at, greatest($7::timestamptz, c.started_at)) ELSE c.answered_at END,
       ended_at = CASE WHEN c.status IN ('ended', 'missed') THEN c.ended_at
                       WHEN $6 IN ('ended', 'missed') THEN greatest($7::timestamptz, c.started_at, coalesce(c.answered_at, c.started_at)) ELSE c.ended_at END,
       updated_at = now()
     RETURNING c.id`,
    [input.organisationId, input.externalId, input.caller, input.called, input.agentAccountId, input.event, input.at],
  );
  return (await findCall(tx, input.organisationId, rows[0]!.id))!;
}

export async function findCall(db: Queryable, organisationId: string, id: string): Promise<CallRow | undefined> {
  const { rows } = await db.query<CallRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.organisation_id = $1 AND c.id = $2`, [organisationId, id]);
  return rows[0];
}

export async function setContact(tx: Queryable, callId: string, contactId: string): Promise<void> {
  await tx.query(`UPDATE telephony_calls SET contact_id = $2, updated_at = now() WHERE id = $1`, [callId, contactId]);
}

export async function setRequest(tx: Queryable, callId: string, requestId: string): Promise<void> {
  await tx.query(`UPDATE telephony_calls SET request_id = $2, updated_at = now() WHERE id = $1`, [callId, requestId]);
}

/** An agent's calls, newest first (the last day by default: the calls page is a working list, not an archive). */
export async function callsOfAgent(db: Queryable, organisationId: string, accountId: string, limit: number): Promise<CallRow[]> {
  const { rows } = await db.query<CallRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE c.organisation_id = $1 AND c.agent_account_id = $2 AND c.started_at > now() - interval '1 day'
      ORDER BY c.started_at DESC LIMIT $3`,
    [organisationId, accountId, limit],
  );
  return rows;
}

/** Missed calls of the organisation that nobody has called back yet, the oldest first (first come, first served). */
export async function callbacksOf(db: Queryable, organisationId: string, limit: number): Promise<CallRow[]> {
  const { rows } = await db.query<CallRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE c.organisation_id = $1 AND c.status = 'missed' AND c.called_back_at IS NULL AND c.caller IS NOT NULL
      ORDER BY c.started_at LIMIT $2`,
    [organisationId, limit],
  );
  return rows;
}

/** Marks a missed call as called back; false when it was already (by someone else, a moment ago). */
export async function markCalledBack(db: Queryable, organisationId: string, id: string, accountId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE telephony_calls SET called_back_at = now(), called_back_by = $3, updated_at = now()
      WHERE organisation_id = $1 AND id = $2 AND status = 'missed' AND called_back_at IS NULL`,
    [organisationId, id, accountId],
  );
  return rowCount === 1;
}
