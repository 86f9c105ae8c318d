// The records of e-mails received for a person's requests (message ids, kept to recognise a resent message), for a
// data subject request (src/privacy, issue 18, decision 0053). The messages' texts are the requests' messages.
import type { Queryable } from '../../platform/db/database.ts';

export async function inboundMailOfRequests(
  q: Queryable,
  requestIds: string[],
): Promise<Array<{ messageId: string; mailbox: string; requestId: string; receivedAt: Date }>> {
  const { rows } = await q.query<{ messageId: string; mailbox: string; requestId: string; receivedAt: Date }>(
    `SELECT message_id AS "messageId", mailbox, request_id AS "requestId", received_at AS "receivedAt"
       FROM cc_inbound_mail WHERE request_id = ANY($1::uuid[]) ORDER BY received_at`,
    [requestIds],
  );
  return rows;
}

/** Deletes the records: a message id names the sender's mail system and is no use once the request is erased. */
export async function eraseInboundMail(q: Queryable, requestIds: string[]): Promise<number> {
  if (!requestIds.length) return 0;
  const { rowCount } = await q.query(`DELETE FROM cc_inbound_mail WHERE request_id = ANY($1::uuid[])`, [requestIds]);
  return rowCount;
}
