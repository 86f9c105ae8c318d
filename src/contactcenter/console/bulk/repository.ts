// The SQL of bulk actions on a selection of the inbox (decision 0047).
import type { Queryable } from '../../../platform/db/database.ts';

/** The version of each selected request of the organisation (others' ids are simply not returned). */
export async function versionsOf(db: Queryable, organisationId: string, ids: string[]): Promise<Array<{ id: string; version: number }>> {
  const { rows } = await db.query<{ id: string; version: number }>(
    `SELECT id, version FROM cc_requests WHERE organisation_id = $1 AND id = ANY($2::uuid[]) ORDER BY created_at DESC`,
    [organisationId, ids],
  );
  return rows;
}

/** Adds a tag to requests of the organisation (once); returns the ids changed. */
export async function addTag(tx: Queryable, organisationId: string, ids: string[], tag: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE cc_requests SET tags = array_append(tags, $3), updated_at = now(), version = version + 1
      WHERE organisation_id = $1 AND id = ANY($2::uuid[]) AND NOT ($3 = ANY(tags)) RETURNING id`,
    [organisationId, ids, tag],
  );
  return rows.map((row) => row.id);
}
