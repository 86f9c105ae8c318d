// SQL of the work instructions and news (announcements, announcement_reads). Every read is scoped to one
// organisation; what an agent sees is the organisation's messages for everyone and for the agent's units.
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';

export type AnnouncementKind = 'instruction' | 'news';

export interface AnnouncementRow {
  id: string;
  organisationId: string;
  unitId: string | null;
  unitName: LocalizedText | null;
  kind: AnnouncementKind;
  title: string;
  body: string;
  important: boolean;
  authorName: string | null;
  publishedAt: Date;
  /** When the reader read (confirmed) it; null while unread. */
  readAt: Date | null;
}

const SELECT = `SELECT a.id, a.organisation_id AS "organisationId", a.unit_id AS "unitId", u.name AS "unitName", a.kind, a.title, a.body,
  a.important, ac.display_name AS "authorName", a.published_at AS "publishedAt", r.read_at AS "readAt"
  FROM announcements a
  LEFT JOIN units u ON u.id = a.unit_id
  LEFT JOIN accounts ac ON ac.id = a.author_account_id
  LEFT JOIN announcement_reads r ON r.announcement_id = a.id AND r.account_id = $2`;

/**
 * The messages a reader sees, newest first: those for the whole organisation and for the reader's units (all
 * of them for a manager, `everyUnit`), each with the reader's read time.
 */
export async function listForReader(
  q: Queryable,
  organisationId: string,
  accountId: string,
  unitIds: string[],
  everyUnit: boolean,
  limit: number,
): Promise<AnnouncementRow[]> {
  const { rows } = await q.query<AnnouncementRow>(
    `${SELECT} WHERE a.organisation_id = $1 AND (a.unit_id IS NULL OR $4 OR a.unit_id = ANY($3::uuid[]))
      ORDER BY a.published_at DESC LIMIT $5`,
    [organisationId, accountId, unitIds, everyUnit, limit],
  );
  return rows;
}

export async function findAnnouncement(q: Queryable, organisationId: string, id: string, accountId: string): Promise<AnnouncementRow | undefined> {
  const { rows } = await q.query<AnnouncementRow>(`${SELECT} WHERE a.organisation_id = $1 AND a.id = $3`, [organisationId, accountId, id]);
  return rows[0];
}

export async function insertAnnouncement(
  q: Queryable,
  fields: { organisationId: string; unitId: string | null; kind: AnnouncementKind; title: string; body: string; important: boolean; authorAccountId: string },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO announcements (organisation_id, unit_id, kind, title, body, important, author_account_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [fields.organisationId, fields.unitId, fields.kind, fields.title, fields.body, fields.important, fields.authorAccountId],
  );
  return rows[0]!.id;
}

/** Records that the account read (confirmed) the message; true the first time. */
export async function markRead(q: Queryable, announcementId: string, accountId: string): Promise<boolean> {
  const { rows } = await q.query(
    `INSERT INTO announcement_reads (announcement_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING announcement_id`,
    [announcementId, accountId],
  );
  return rows.length > 0;
}

/** How many messages the reader has not read yet (the same scope as listForReader). */
export async function countUnread(q: Queryable, organisationId: string, accountId: string, unitIds: string[], everyUnit: boolean): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM announcements a
      WHERE a.organisation_id = $1 AND (a.unit_id IS NULL OR $4 OR a.unit_id = ANY($3::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND r.account_id = $2)`,
    [organisationId, accountId, unitIds, everyUnit],
  );
  return rows[0]!.n;
}

export interface ConfirmationRow {
  accountId: string;
  displayName: string;
  readAt: Date | null;
}

/**
 * Everyone the message is for (the organisation's active console staff, or the unit's members), with when they
 * confirmed it: those who did not yet first, then by name.
 */
export async function confirmations(q: Queryable, announcement: { id: string; organisationId: string; unitId: string | null }): Promise<ConfirmationRow[]> {
  const { rows } = await q.query<ConfirmationRow>(
    `SELECT ac.id AS "accountId", ac.display_name AS "displayName", r.read_at AS "readAt"
       FROM accounts ac
       LEFT JOIN announcement_reads r ON r.announcement_id = $1 AND r.account_id = ac.id
      WHERE ac.organisation_id = $2 AND ac.active
        AND ac.roles && ARRAY['first_line_agent', 'second_line_agent', 'organisation_manager']::text[]
        AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM account_units au WHERE au.account_id = ac.id AND au.unit_id = $3))
      ORDER BY r.read_at IS NOT NULL, ac.display_name`,
    [announcement.id, announcement.organisationId, announcement.unitId],
  );
  return rows;
}

/**
 * Who a new message is for, to tell their pages at once (the navigation's live count): the organisation's
 * active console staff, or the unit's members and the organisation's managers (who read every unit's).
 */
export async function audienceAccountIds(q: Queryable, organisationId: string, unitId: string | null): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT ac.id FROM accounts ac
      WHERE ac.organisation_id = $1 AND ac.active
        AND ac.roles && ARRAY['first_line_agent', 'second_line_agent', 'organisation_manager']::text[]
        AND ($2::uuid IS NULL OR 'organisation_manager' = ANY(ac.roles)
             OR EXISTS (SELECT 1 FROM account_units au WHERE au.account_id = ac.id AND au.unit_id = $2))`,
    [organisationId, unitId],
  );
  return rows.map((row) => row.id);
}

export async function unitsOf(q: Queryable, organisationId: string): Promise<Array<{ id: string; name: LocalizedText }>> {
  const { rows } = await q.query<{ id: string; name: LocalizedText }>(`SELECT id, name FROM units WHERE organisation_id = $1 ORDER BY name->>'fr'`, [
    organisationId,
  ]);
  return rows;
}
