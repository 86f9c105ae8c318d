// Every SQL statement of outgoing e-mail.
import { prepared, type Queryable } from '../db/database.ts';

export type MailStatus = 'queued' | 'sent' | 'captured' | 'failed';

export interface StoredAttachment {
  filename: string;
  contentType: string;
  size: number;
  /** base64; absent once the message was delivered */
  content?: string;
}

export interface NewMailRow {
  organisationId: string | null;
  purpose: string;
  language: string;
  messageId: string;
  from: string;
  replyTo: string | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: StoredAttachment[];
  headers: Record<string, string>;
  status: 'queued' | 'captured';
  /** Drawn by the caller (its mail.send job is queued first, with this id); by the database otherwise. */
  id?: string | undefined;
  /** The mail.send job already queued for it. */
  jobId?: number | null | undefined;
}

export interface MailSummaryRow {
  id: string;
  organisation_id: string | null;
  purpose: string;
  language: string;
  to_addresses: string[];
  subject: string;
  status: MailStatus;
  attempts: number;
  created_at: Date;
  sent_at: Date | null;
}

export interface MailRow extends MailSummaryRow {
  message_id: string;
  from_address: string;
  reply_to: string | null;
  cc_addresses: string[];
  text_body: string | null;
  html_body: string | null;
  attachments: StoredAttachment[];
  headers: Record<string, string>;
  last_error: string | null;
  job_id: number | null;
  updated_at: Date;
}

/**
 * Stores a message. With `job` (a WITH item of enqueueManySql called "job", parameters numbered from 16), the
 * job that sends it is inserted in the same statement and becomes its job_id (one round trip).
 */
export async function insertMail(db: Queryable, mail: NewMailRow, job?: { cte: string; notify: string; params: unknown[] }): Promise<string> {
  const values = `coalesce($15::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9, $10, $11, $12::jsonb, $13::jsonb, $14,
             CASE WHEN $14 = 'captured' THEN now() END`;
  const insert = `INSERT INTO mail_messages (id, organisation_id, purpose, language, message_id, from_address, reply_to, to_addresses,
                                cc_addresses, subject, text_body, html_body, attachments, headers, status,
                                sent_at, job_id)`;
  const { rows } = await db.query<{ id: string }>(
    prepared(
      job
        ? `WITH ${job.cte},
           m AS (${insert} VALUES (${values}, (SELECT id FROM job)) RETURNING id)
           SELECT m.id, ${job.notify} AS woken FROM m`
        : `${insert} VALUES (${values}, $16::bigint) RETURNING id`,
    ),
    [
      mail.organisationId,
      mail.purpose,
      mail.language,
      mail.messageId,
      mail.from,
      mail.replyTo,
      mail.to,
      mail.cc,
      mail.subject,
      mail.text,
      mail.html,
      JSON.stringify(mail.attachments),
      JSON.stringify(mail.headers),
      mail.status,
      mail.id ?? null,
      ...(job ? job.params : [mail.jobId ?? null]),
    ],
  );
  return rows[0]!.id;
}

export async function getMail(db: Queryable, id: string): Promise<MailRow | undefined> {
  const { rows } = await db.query<MailRow>(
    `SELECT id, organisation_id, purpose, language, message_id, from_address, reply_to, to_addresses, cc_addresses,
            subject, text_body, html_body, attachments, headers, status, attempts, last_error, job_id,
            created_at, updated_at, sent_at
       FROM mail_messages WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** Delivered: the body and attachment contents are dropped (the recipient's mailbox holds them). */
export async function markMailSent(db: Queryable, id: string, attempts: number): Promise<void> {
  await db.query(
    `UPDATE mail_messages
        SET status = 'sent', sent_at = now(), updated_at = now(), attempts = $2, last_error = NULL,
            text_body = NULL, html_body = NULL,
            attachments = COALESCE((SELECT jsonb_agg(a - 'content') FROM jsonb_array_elements(attachments) a), '[]'::jsonb)
      WHERE id = $1`,
    [id, attempts],
  );
}

export async function markMailCaptured(db: Queryable, id: string, attempts: number): Promise<void> {
  await db.query(`UPDATE mail_messages SET status = 'captured', sent_at = now(), updated_at = now(), attempts = $2 WHERE id = $1`, [id, attempts]);
}

export async function recordMailFailure(db: Queryable, id: string, attempts: number, error: string, final: boolean): Promise<void> {
  await db.query(
    `UPDATE mail_messages
        SET attempts = $2, last_error = $3, updated_at = now(), status = CASE WHEN $4 THEN 'failed' ELSE status END
      WHERE id = $1`,
    [id, attempts, error, final],
  );
}

export async function listMail(
  db: Queryable,
  filter: { status: MailStatus | null; to: string | null; organisationId: string | null; limit: number },
): Promise<MailSummaryRow[]> {
  const { rows } = await db.query<MailSummaryRow>(
    `SELECT id, organisation_id, purpose, language, to_addresses, subject, status, attempts, created_at, sent_at
       FROM mail_messages
      WHERE ($1::text IS NULL OR status = $1)
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM unnest(to_addresses) t WHERE lower(t) = lower($2)))
        AND ($3::uuid IS NULL OR organisation_id = $3)
      ORDER BY created_at DESC, id
      LIMIT $4`,
    [filter.status, filter.to, filter.organisationId, filter.limit],
  );
  return rows;
}

export interface MailStatistics {
  counts: Record<MailStatus, number>;
  /** created_at of the oldest message still waiting to be sent, null when none waits */
  oldestQueuedAt: Date | null;
}

/** Messages kept, by status, and the oldest one waiting, in one statement (for the mail page and /metrics). */
export async function mailStatistics(db: Queryable): Promise<MailStatistics> {
  const { rows } = await db.query<{ status: MailStatus; count: number; oldest: Date | null }>(
    prepared(`SELECT status, count(*)::int AS count, min(created_at) AS oldest FROM mail_messages GROUP BY status`),
  );
  const counts: Record<MailStatus, number> = { queued: 0, sent: 0, captured: 0, failed: 0 };
  let oldestQueuedAt: Date | null = null;
  for (const row of rows) {
    counts[row.status] = row.count;
    if (row.status === 'queued' && row.oldest !== null) oldestQueuedAt = new Date(row.oldest);
  }
  return { counts, oldestQueuedAt };
}

/** Forgets messages older than the retention period (never one still waiting to be sent). */
export async function purgeOldMail(db: Queryable, retentionDays: number): Promise<number> {
  const result = await db.query(`DELETE FROM mail_messages WHERE status <> 'queued' AND created_at < now() - make_interval(days => $1)`, [retentionDays]);
  return result.rowCount;
}

/** The mail records sent to a person by an organisation (every one when null), for a data subject request (issue 18). */
export async function mailOfPerson(
  q: Queryable,
  organisationId: string | null,
  email: string,
): Promise<Array<{ id: string; purpose: string; subject: string; textBody: string | null; status: string; createdAt: Date }>> {
  const { rows } = await q.query<{ id: string; purpose: string; subject: string; textBody: string | null; status: string; createdAt: Date }>(
    `SELECT id, purpose, subject, text_body AS "textBody", status, created_at AS "createdAt" FROM mail_messages
      WHERE ($1::uuid IS NULL OR organisation_id = $1) AND $2 = ANY(to_addresses) ORDER BY created_at`,
    [organisationId, email],
  );
  return rows;
}

/** Blanks these mail records (addressee, subject, bodies, attachments); the row stays for the delivery figures. */
export async function eraseMail(q: Queryable, ids: string[]): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE mail_messages SET to_addresses = ARRAY['erased@erased.invalid'], cc_addresses = '{}', reply_to = NULL, subject = '—',
            text_body = NULL, html_body = NULL, attachments = '[]', headers = '{}'
      WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rowCount;
}
