// Every SQL statement of the live chat (tables of migration 0037_chat.sql).
import type { Queryable } from '../platform/db/database.ts';
import type { Language } from '../platform/i18n/languages.ts';
import type { ContactOutcome } from '../contactcenter/model.ts';

export type ChatStatus = 'waiting' | 'active' | 'closed' | 'converted';
export type ChatSender = 'user' | 'agent' | 'system';

export interface ChatRow {
  id: string;
  organisationId: string;
  serviceCode: string | null;
  postalCode: string | null;
  language: Language;
  name: string | null;
  status: ChatStatus;
  agentAccountId: string | null;
  outcome: ContactOutcome | null;
  requestId: string | null;
  reference: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  firstResponseAt: Date | null;
  endedAt: Date | null;
  feedbackUrl: string | null;
  endReason: ChatEndReason | null;
  userSeenAt: Date;
  erasedAt: Date | null;
}

/** Why a chat ended: closed by its agent, converted by the user, the user went away while waiting, nobody wrote. */
export type ChatEndReason = 'agent' | 'converted' | 'away' | 'idle';

export interface ChatMessageRow {
  id: string;
  sender: ChatSender;
  body: string;
  createdAt: Date;
}

const CHAT_COLUMNS = `c.id, c.organisation_id AS "organisationId", c.service_code AS "serviceCode", c.postal_code AS "postalCode",
  c.language, c.name, c.status, c.agent_account_id AS "agentAccountId", c.outcome, c.request_id AS "requestId", c.reference,
  c.created_at AS "createdAt", c.accepted_at AS "acceptedAt", c.first_response_at AS "firstResponseAt", c.ended_at AS "endedAt",
  c.feedback_url AS "feedbackUrl", c.end_reason AS "endReason", c.user_seen_at AS "userSeenAt", c.erased_at AS "erasedAt"`;

export async function insertChat(
  q: Queryable,
  input: {
    tokenHash: string;
    organisationId: string;
    serviceCode: string | null;
    postalCode: string | null;
    language: Language;
    name: string | null;
    addressHash: string;
  },
): Promise<ChatRow> {
  const { rows } = await q.query<ChatRow>(
    `INSERT INTO chat_sessions AS c (token_hash, organisation_id, service_code, postal_code, language, name, address_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${CHAT_COLUMNS}`,
    [input.tokenHash, input.organisationId, input.serviceCode, input.postalCode, input.language, input.name, input.addressHash],
  );
  return rows[0]!;
}

/** The chat whose token hash this is (the user's access); undefined for an unknown id or a wrong token. */
export async function chatByToken(q: Queryable, id: string, tokenHash: string): Promise<ChatRow | undefined> {
  const { rows } = await q.query<ChatRow>(`SELECT ${CHAT_COLUMNS} FROM chat_sessions c WHERE c.id = $1 AND c.token_hash = $2`, [id, tokenHash]);
  return rows[0];
}

export async function chatById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<ChatRow | undefined> {
  const { rows } = await q.query<ChatRow>(`SELECT ${CHAT_COLUMNS} FROM chat_sessions c WHERE c.id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

/** Chats opened from this hashed address within the window (the new one included once inserted). */
export async function countChatsOfAddress(q: Queryable, addressHash: string, windowSeconds: number): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM chat_sessions WHERE address_hash = $1 AND created_at > now() - make_interval(secs => $2)`,
    [addressHash, windowSeconds],
  );
  return rows[0]!.n;
}

export async function countUserMessagesSince(q: Queryable, chatId: string, windowSeconds: number): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM chat_messages WHERE chat_id = $1 AND sender = 'user' AND created_at > clock_timestamp() - make_interval(secs => $2)`,
    [chatId, windowSeconds],
  );
  return rows[0]!.n;
}

export async function insertMessage(
  q: Queryable,
  chatId: string,
  sender: ChatSender,
  body: string,
  authorAccountId: string | null = null,
): Promise<ChatMessageRow> {
  const { rows } = await q.query<ChatMessageRow>(
    `INSERT INTO chat_messages (chat_id, sender, body, author_account_id) VALUES ($1, $2, $3, $4)
     RETURNING id::text, sender, body, created_at AS "createdAt"`,
    [chatId, sender, body, authorAccountId],
  );
  return rows[0]!;
}

/**
 * The chat's messages in the order they were written. ORDER BY names the table's column: a bare `id` would be
 * the output column `id::text`, sorted as text ("10" before "9"; the browser test's third chat showed the user's
 * message before the welcome, and the page, which appends by index, never showed it).
 */
export async function messagesOf(q: Queryable, chatId: string): Promise<ChatMessageRow[]> {
  const { rows } = await q.query<ChatMessageRow>(
    `SELECT m.id::text AS id, m.sender, m.body, m.created_at AS "createdAt" FROM chat_messages m WHERE m.chat_id = $1 ORDER BY m.id`,
    [chatId],
  );
  return rows;
}

/** 1 for the first waiting chat of its organisation, and so on (compared in SQL: a JS Date drops microseconds). */
export async function queuePosition(q: Queryable, chat: { id: string; organisationId: string }): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM chat_sessions
      WHERE organisation_id = $1 AND status = 'waiting'
        AND (created_at, id) <= (SELECT created_at, id FROM chat_sessions WHERE id = $2)`,
    [chat.organisationId, chat.id],
  );
  return rows[0]!.n;
}

/**
 * What the queue looks like for an honest wait: agents available now, their free places, and the median time
 * from opening to acceptance of the chats accepted in the last two hours (null without any).
 */
export async function queueFigures(
  q: Queryable,
  organisationId: string,
): Promise<{ agents: number; freePlaces: number; medianWaitSeconds: number | null; recent: number }> {
  const { rows } = await q.query<{ agents: number; freePlaces: number; medianWaitSeconds: number | null; recent: number }>(
    `SELECT
       (SELECT count(*)::int FROM chat_agents WHERE organisation_id = $1 AND available) AS agents,
       (SELECT coalesce(sum(greatest(a.capacity - (SELECT count(*) FROM chat_sessions s WHERE s.agent_account_id = a.account_id AND s.status = 'active'), 0)), 0)::int
          FROM chat_agents a WHERE a.organisation_id = $1 AND a.available) AS "freePlaces",
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - created_at))::float8
          FROM chat_sessions WHERE organisation_id = $1 AND accepted_at > now() - interval '2 hours') AS "medianWaitSeconds",
       (SELECT count(*)::int FROM chat_sessions WHERE organisation_id = $1 AND accepted_at > now() - interval '2 hours') AS recent`,
    [organisationId],
  );
  return rows[0]!;
}

export async function availableAgentCount(q: Queryable, organisationId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM chat_agents WHERE organisation_id = $1 AND available`, [organisationId]);
  return rows[0]!.n;
}

export async function setStatus(
  q: Queryable,
  id: string,
  status: ChatStatus,
  fields: { outcome?: ContactOutcome | null; requestId?: string; reference?: string; endReason?: ChatEndReason; endedAt?: Date } = {},
): Promise<void> {
  await q.query(
    `UPDATE chat_sessions SET status = $2,
       ended_at = CASE WHEN $2 IN ('closed', 'converted') THEN coalesce($7::timestamptz, ended_at, now()) ELSE ended_at END,
       outcome = coalesce($3, outcome), request_id = coalesce($4, request_id), reference = coalesce($5, reference),
       end_reason = coalesce($6, end_reason)
     WHERE id = $1`,
    [id, status, fields.outcome ?? null, fields.requestId ?? null, fields.reference ?? null, fields.endReason ?? null, fields.endedAt ?? null],
  );
}

/**
 * The user showed signs of life (a call with the token, their stream opening or closing). At most one write per
 * 20 seconds and chat unless `always` (a stream closing: the moment they left).
 */
export async function touchUser(q: Queryable, id: string, always = false): Promise<void> {
  await q.query(`UPDATE chat_sessions SET user_seen_at = now() WHERE id = $1 AND ($2 OR user_seen_at < now() - interval '20 seconds')`, [id, always]);
}

// ---- expiry (decision 0062)

/** Waiting chats whose user has not been seen since `before`, oldest first (the caller checks their streams). */
export async function waitingUnseenSince(q: Queryable, before: Date, limit: number): Promise<Array<{ id: string; organisationId: string }>> {
  const { rows } = await q.query<{ id: string; organisationId: string }>(
    `SELECT id, organisation_id AS "organisationId" FROM chat_sessions
      WHERE status = 'waiting' AND user_seen_at < $1 ORDER BY created_at LIMIT $2`,
    [before, limit],
  );
  return rows;
}

/** Active chats where nobody (user or agent) has written since `before`: their last activity and idle notice. */
export async function activeQuietSince(
  q: Queryable,
  before: Date,
  limit: number,
): Promise<Array<{ id: string; lastActivityAt: Date; idleWarnedAt: Date | null }>> {
  const { rows } = await q.query<{ id: string; lastActivityAt: Date; idleWarnedAt: Date | null }>(
    `SELECT id, "lastActivityAt", "idleWarnedAt" FROM (
       SELECT c.id, c.idle_warned_at AS "idleWarnedAt",
              greatest(c.accepted_at, (SELECT max(m.created_at) FROM chat_messages m WHERE m.chat_id = c.id AND m.sender <> 'system')) AS "lastActivityAt"
         FROM chat_sessions c WHERE c.status = 'active') quiet
      WHERE "lastActivityAt" < $1 ORDER BY "lastActivityAt" LIMIT $2`,
    [before, limit],
  );
  return rows;
}

/** The chat locked for an automatic end, unless another instance holds it (it is doing the same). */
export async function lockForExpiry(q: Queryable, id: string): Promise<ChatRow | undefined> {
  const { rows } = await q.query<ChatRow>(`SELECT ${CHAT_COLUMNS} FROM chat_sessions c WHERE c.id = $1 FOR UPDATE SKIP LOCKED`, [id]);
  return rows[0];
}

export async function markIdleWarned(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE chat_sessions SET idle_warned_at = $2 WHERE id = $1`, [id, at]);
}

/** Counts one more transcript sent; false (nothing counted) when the chat already sent `max`. */
export async function countTranscript(q: Queryable, id: string, max: number): Promise<boolean> {
  const { rowCount } = await q.query(`UPDATE chat_sessions SET transcripts_sent = transcripts_sent + 1 WHERE id = $1 AND transcripts_sent < $2`, [id, max]);
  return rowCount === 1;
}

export async function setFeedbackUrl(q: Queryable, id: string, url: string): Promise<void> {
  await q.query(`UPDATE chat_sessions SET feedback_url = $2 WHERE id = $1`, [id, url]);
}

export async function markFirstResponse(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE chat_sessions SET first_response_at = clock_timestamp() WHERE id = $1 AND first_response_at IS NULL`, [id]);
}

// ---- agents

export interface AgentState {
  available: boolean;
  capacity: number;
  active: number;
}

export async function agentState(q: Queryable, accountId: string): Promise<AgentState> {
  const { rows } = await q.query<AgentState>(
    `SELECT coalesce(a.available, false) AS available, coalesce(a.capacity, 3) AS capacity,
            (SELECT count(*)::int FROM chat_sessions s WHERE s.agent_account_id = $1 AND s.status = 'active') AS active
       FROM (SELECT 1) one LEFT JOIN chat_agents a ON a.account_id = $1`,
    [accountId],
  );
  return rows[0]!;
}

export async function upsertAgent(q: Queryable, accountId: string, organisationId: string, available: boolean, capacity: number): Promise<void> {
  await q.query(
    `INSERT INTO chat_agents (account_id, organisation_id, available, capacity) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account_id) DO UPDATE SET organisation_id = $2, available = $3, capacity = $4, updated_at = now()`,
    [accountId, organisationId, available, capacity],
  );
}

/** Locks the agent's row: accepting chats one at a time per agent keeps the capacity true under concurrency. */
export async function lockAgent(q: Queryable, accountId: string): Promise<{ available: boolean; capacity: number } | undefined> {
  const { rows } = await q.query<{ available: boolean; capacity: number }>(`SELECT available, capacity FROM chat_agents WHERE account_id = $1 FOR UPDATE`, [
    accountId,
  ]);
  return rows[0];
}

export async function activeCountOf(q: Queryable, accountId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM chat_sessions WHERE agent_account_id = $1 AND status = 'active'`, [accountId]);
  return rows[0]!.n;
}

/** Takes a waiting chat of the organisation; false when someone else took it first (or it left the queue). */
export async function acceptChat(q: Queryable, id: string, organisationId: string, accountId: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE chat_sessions SET status = 'active', agent_account_id = $3, accepted_at = now()
      WHERE id = $1 AND organisation_id = $2 AND status = 'waiting'`,
    [id, organisationId, accountId],
  );
  return rowCount === 1;
}

export interface ChatListRow {
  id: string;
  status: ChatStatus;
  language: Language;
  name: string | null;
  serviceCode: string | null;
  createdAt: Date;
  agentAccountId: string | null;
  lastMessage: string | null;
}

/** The organisation's waiting chats (oldest first) and the agent's own active ones. */
export async function consoleChats(q: Queryable, organisationId: string, accountId: string): Promise<ChatListRow[]> {
  const { rows } = await q.query<ChatListRow>(
    `SELECT c.id, c.status, c.language, c.name, c.service_code AS "serviceCode", c.created_at AS "createdAt",
            c.agent_account_id AS "agentAccountId",
            (SELECT m.body FROM chat_messages m WHERE m.chat_id = c.id AND m.sender = 'user' ORDER BY m.id DESC LIMIT 1) AS "lastMessage"
       FROM chat_sessions c
      WHERE c.organisation_id = $1 AND (c.status = 'waiting' OR (c.status = 'active' AND c.agent_account_id = $2))
      ORDER BY c.status DESC, c.created_at
      LIMIT 200`,
    [organisationId, accountId],
  );
  return rows;
}
