// Every SQL statement of the notifications module: notifications inside IrisDesk, read marks, the e-mail
// digest preference, and what a digest sends (migration 0061).
import type { Queryable } from '../platform/db/database.ts';

export const NOTIFICATION_KINDS = ['mention', 'task', 'assigned'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const DIGEST_CHOICES = ['off', 'daily'] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];

export interface NewNotification {
  accountId: string;
  kind: NotificationKind;
  requestId?: string | null;
  taskId?: string | null;
  reference?: string | null;
  byName?: string | null;
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  requestId: string | null;
  taskId: string | null;
  reference: string | null;
  byName: string | null;
  createdAt: Date;
  readAt: Date | null;
}

const COLUMNS = `id, kind, request_id AS "requestId", task_id AS "taskId", reference, by_name AS "byName",
  created_at AS "createdAt", read_at AS "readAt"`;

/** Inserts the notifications in one statement; answers the accounts that asked for an e-mail digest. */
export async function insertNotifications(q: Queryable, items: readonly NewNotification[]): Promise<{ digestAccounts: string[] }> {
  if (items.length === 0) return { digestAccounts: [] };
  const { rows } = await q.query<{ accountId: string }>(
    `WITH added AS (
       INSERT INTO notifications (account_id, kind, request_id, task_id, reference, by_name)
       SELECT n.account_id, n.kind, n.request_id, n.task_id, n.reference, n.by_name
         FROM jsonb_to_recordset($1::jsonb) AS n(account_id uuid, kind text, request_id uuid, task_id uuid, reference text, by_name text)
       RETURNING account_id)
     SELECT DISTINCT a.account_id AS "accountId" FROM added a
       JOIN notification_preferences p ON p.account_id = a.account_id AND p.email_digest <> 'off'`,
    [
      JSON.stringify(
        items.map((n) => ({
          account_id: n.accountId,
          kind: n.kind,
          request_id: n.requestId ?? null,
          task_id: n.taskId ?? null,
          reference: n.reference?.slice(0, 40) ?? null,
          by_name: n.byName?.slice(0, 200) ?? null,
        })),
      ),
    ],
  );
  return { digestAccounts: rows.map((row) => row.accountId) };
}

export async function listNotifications(q: Queryable, accountId: string, limit = 50): Promise<NotificationRow[]> {
  const { rows } = await q.query<NotificationRow>(`SELECT ${COLUMNS} FROM notifications WHERE account_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [
    accountId,
    limit,
  ]);
  return rows;
}

export async function countUnread(q: Queryable, accountId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND read_at IS NULL`, [accountId]);
  return rows[0]!.n;
}

/** Marks one notification (or, with null, all of them) of the account as read; answers how many changed. */
export async function markRead(q: Queryable, accountId: string, id: string | null): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE notifications SET read_at = now() WHERE account_id = $1 AND read_at IS NULL AND ($2::uuid IS NULL OR id = $2::uuid)`,
    [accountId, id],
  );
  return rowCount ?? 0;
}

/** Marks the notifications about one request or task as read when the person opens it. */
export async function markReadAbout(q: Queryable, accountId: string, itemId: string): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE notifications SET read_at = now() WHERE account_id = $1 AND read_at IS NULL AND (request_id = $2 OR task_id = $2)`,
    [accountId, itemId],
  );
  return rowCount ?? 0;
}

export async function getDigestChoice(q: Queryable, accountId: string): Promise<DigestChoice> {
  const { rows } = await q.query<{ digest: DigestChoice }>(`SELECT email_digest AS digest FROM notification_preferences WHERE account_id = $1`, [accountId]);
  return rows[0]?.digest ?? 'off';
}

export async function setDigestChoice(q: Queryable, accountId: string, digest: DigestChoice): Promise<void> {
  await q.query(
    `INSERT INTO notification_preferences (account_id, email_digest) VALUES ($1, $2)
     ON CONFLICT (account_id) DO UPDATE SET email_digest = EXCLUDED.email_digest, updated_at = now()`,
    [accountId, digest],
  );
}

export interface DigestRecipient {
  email: string;
  displayName: string;
  language: 'fr' | 'nl' | 'en';
  digest: DigestChoice;
}

export async function findDigestRecipient(q: Queryable, accountId: string): Promise<DigestRecipient | undefined> {
  const { rows } = await q.query<DigestRecipient>(
    `SELECT a.email, a.display_name AS "displayName", a.preferred_language AS language, coalesce(p.email_digest, 'off') AS digest
       FROM accounts a LEFT JOIN notification_preferences p ON p.account_id = a.id
      WHERE a.id = $1 AND a.active`,
    [accountId],
  );
  return rows[0];
}

/** Claims the unread notifications not yet sent in a digest (marks them sent) and answers them. */
export async function claimForDigest(q: Queryable, accountId: string): Promise<NotificationRow[]> {
  const { rows } = await q.query<NotificationRow>(
    `UPDATE notifications SET digested_at = now()
      WHERE account_id = $1 AND read_at IS NULL AND digested_at IS NULL
      RETURNING ${COLUMNS}`,
    [accountId],
  );
  return rows.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
}
