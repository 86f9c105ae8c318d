// Every SQL statement of text messages.
import { prepared, type Queryable } from '../db/database.ts';

export type SmsStatus = 'queued' | 'submitted' | 'delivered' | 'failed' | 'captured' | 'opted_out';
export const SMS_STATUSES: readonly SmsStatus[] = ['queued', 'submitted', 'delivered', 'failed', 'captured', 'opted_out'];

export interface SmsRow {
  id: string;
  organisation_id: string | null;
  purpose: string;
  language: string;
  to_number: string;
  /** null once delivered or opted out (the text is not kept) */
  body: string | null;
  encoding: 'gsm7' | 'ucs2';
  segments: number;
  status: SmsStatus;
  gateway_message_id: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  delivered_at: Date | null;
}

const COLUMNS = `id, organisation_id, purpose, language, to_number, body, encoding, segments, status, gateway_message_id,
                 attempts, last_error, created_at, updated_at, submitted_at, delivered_at`;

export interface NewSms {
  organisationId: string | null;
  purpose: string;
  language: string;
  to: string;
  body: string;
  encoding: 'gsm7' | 'ucs2';
  segments: number;
}

/** Stores a message; one whose number opted out is stored as such, without its text, in the same statement. */
export async function insertSms(db: Queryable, sms: NewSms, status: 'queued' | 'captured'): Promise<{ id: string; status: SmsStatus }> {
  const { rows } = await db.query<{ id: string; status: SmsStatus }>(
    prepared(`INSERT INTO sms_messages (organisation_id, purpose, language, to_number, body, encoding, segments, status)
              SELECT $1, $2, $3, $4, CASE WHEN o.phone IS NULL THEN $5 END, $6, $7, CASE WHEN o.phone IS NULL THEN $8 ELSE 'opted_out' END
                FROM (SELECT 1) one LEFT JOIN sms_opt_outs o ON o.phone = $4
              RETURNING id, status`),
    [sms.organisationId, sms.purpose, sms.language, sms.to, sms.body, sms.encoding, sms.segments, status],
  );
  return rows[0]!;
}

export async function getSms(db: Queryable, id: string): Promise<SmsRow | undefined> {
  const { rows } = await db.query<SmsRow>(`SELECT ${COLUMNS} FROM sms_messages WHERE id = $1`, [id]);
  return rows[0];
}

export async function markSmsSubmitted(db: Queryable, id: string, attempts: number, gatewayMessageId: string): Promise<void> {
  await db.query(
    `UPDATE sms_messages SET status = 'submitted', gateway_message_id = $3, attempts = $2, last_error = NULL, submitted_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'queued'`,
    [id, attempts, gatewayMessageId],
  );
}

export async function markSmsCaptured(db: Queryable, id: string, attempts: number): Promise<void> {
  await db.query(`UPDATE sms_messages SET status = 'captured', attempts = $2, updated_at = now() WHERE id = $1`, [id, attempts]);
}

export async function recordSmsFailure(db: Queryable, id: string, attempts: number, error: string, final: boolean): Promise<void> {
  await db.query(
    `UPDATE sms_messages SET attempts = $2, last_error = $3, updated_at = now(), status = CASE WHEN $4 THEN 'failed' ELSE status END
      WHERE id = $1`,
    [id, attempts, error, final],
  );
}

/**
 * A delivery receipt: delivered drops the text (the phone holds it); a final failure keeps it for the operators.
 * Returns whether a message had that gateway id.
 */
export async function applySmsReceipt(db: Queryable, gatewayMessageId: string, outcome: 'delivered' | 'failed' | 'pending', detail: string): Promise<boolean> {
  const result = await db.query(
    `UPDATE sms_messages
        SET status = CASE $2 WHEN 'delivered' THEN 'delivered' WHEN 'failed' THEN 'failed' ELSE status END,
            delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
            body = CASE WHEN $2 = 'delivered' THEN NULL ELSE body END,
            last_error = CASE WHEN $2 = 'failed' THEN $3 ELSE last_error END,
            updated_at = now()
      WHERE gateway_message_id = $1 AND status IN ('submitted', 'queued')`,
    [gatewayMessageId, outcome, detail],
  );
  return result.rowCount > 0;
}

export async function listSms(db: Queryable, filter: { status: SmsStatus | null; to: string | null; limit: number }): Promise<SmsRow[]> {
  const { rows } = await db.query<SmsRow>(
    `SELECT ${COLUMNS} FROM sms_messages
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR to_number = $2)
      ORDER BY created_at DESC, id LIMIT $3`,
    [filter.status, filter.to, filter.limit],
  );
  return rows;
}

export async function smsStatistics(db: Queryable): Promise<Record<SmsStatus, number>> {
  const { rows } = await db.query<{ status: SmsStatus; count: number }>(prepared(`SELECT status, count(*)::int AS count FROM sms_messages GROUP BY status`));
  const counts = Object.fromEntries(SMS_STATUSES.map((status) => [status, 0])) as Record<SmsStatus, number>;
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

export async function addOptOut(db: Queryable, phone: string, source: 'reply' | 'staff'): Promise<void> {
  await db.query(`INSERT INTO sms_opt_outs (phone, source) VALUES ($1, $2) ON CONFLICT (phone) DO NOTHING`, [phone, source]);
}

export async function removeOptOut(db: Queryable, phone: string): Promise<boolean> {
  return (await db.query(`DELETE FROM sms_opt_outs WHERE phone = $1`, [phone])).rowCount > 0;
}

export async function isOptedOut(db: Queryable, phone: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM sms_opt_outs WHERE phone = $1`, [phone]);
  return rows.length > 0;
}

/** Forgets messages older than the retention period (never one still waiting to be handed to the gateway). */
export async function purgeOldSms(db: Queryable, retentionDays: number): Promise<number> {
  const result = await db.query(`DELETE FROM sms_messages WHERE status <> 'queued' AND created_at < now() - make_interval(days => $1)`, [retentionDays]);
  return result.rowCount;
}

/** The text messages sent to a number, for a data subject request (src/privacy, issue 18). */
export async function smsOfPerson(
  q: Queryable,
  organisationId: string | null,
  phone: string,
): Promise<Array<{ id: string; purpose: string; text: string | null; status: string; createdAt: Date }>> {
  const { rows } = await q.query<{ id: string; purpose: string; text: string | null; status: string; createdAt: Date }>(
    `SELECT id, purpose, body AS text, status, created_at AS "createdAt" FROM sms_messages
      WHERE ($1::uuid IS NULL OR organisation_id = $1) AND to_number = $2 ORDER BY created_at`,
    [organisationId, phone],
  );
  return rows;
}

/** Blanks these records (number and text); the rows stay for the delivery figures, as mail records do. */
export async function eraseSms(q: Queryable, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const { rowCount } = await q.query(`UPDATE sms_messages SET to_number = '+10000000000', body = NULL WHERE id = ANY($1::uuid[])`, [ids]);
  return rowCount;
}
