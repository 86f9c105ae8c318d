// A person's chat transcripts for a data subject request (src/privacy, issue 18, decision 0053): the chats that
// became their contact requests (a chat without conversion holds no address to find the person by).
import type { Queryable } from '../platform/db/database.ts';

export interface ChatTranscript {
  id: string;
  reference: string | null;
  name: string | null;
  status: string;
  createdAt: Date;
  messages: Array<{ sender: string; body: string; createdAt: Date }>;
}

export async function chatsOfRequests(q: Queryable, requestIds: string[]): Promise<ChatTranscript[]> {
  const { rows } = await q.query<ChatTranscript>(
    `SELECT s.id, s.reference, s.name, s.status, s.created_at AS "createdAt",
            coalesce((SELECT json_agg(json_build_object('sender', m.sender, 'body', m.body, 'createdAt', m.created_at) ORDER BY m.id)
                        FROM chat_messages m WHERE m.chat_id = s.id), '[]'::json) AS messages
       FROM chat_sessions s WHERE s.request_id = ANY($1::uuid[]) ORDER BY s.created_at`,
    [requestIds],
  );
  return rows;
}

/**
 * Blanks the chats' names, postal codes, hashed addresses and every message written by a person (system messages
 * stay: they hold no one's data but an agent's first name); the sessions stay with their times and outcomes.
 */
export async function eraseChats(q: Queryable, chatIds: string[]): Promise<number> {
  if (!chatIds.length) return 0;
  await q.query(`UPDATE chat_messages SET body = '—' WHERE chat_id = ANY($1::uuid[]) AND sender <> 'system'`, [chatIds]);
  const { rowCount } = await q.query(
    `UPDATE chat_sessions SET name = NULL, postal_code = NULL, address_hash = '', erased_at = coalesce(erased_at, now()) WHERE id = ANY($1::uuid[])`,
    [chatIds],
  );
  return rowCount;
}

/**
 * The retention of transcripts (privacy schedule, category chat_transcripts; decision 0062): the organisation's
 * chats ended more than `days` ago and not yet anonymised are erased as above. Returns how many.
 */
export async function eraseChatsEndedBefore(q: Queryable, organisationId: string, days: number): Promise<number> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM chat_sessions WHERE organisation_id = $1 AND erased_at IS NULL AND ended_at < now() - make_interval(days => $2)`,
    [organisationId, days],
  );
  return eraseChats(
    q,
    rows.map((row) => row.id),
  );
}
