// The SQL of saved views: named inbox filters, personal or shared with a unit (decision 0047).
import type { Queryable } from '../../../platform/db/database.ts';

export interface SavedView {
  id: string;
  name: string;
  filters: string;
  unitId: string | null;
  ownerAccountId: string;
}

/** The actor's own views and those shared with one of the actor's units, in the organisation. */
export async function listViews(db: Queryable, organisationId: string, accountId: string, unitIds: string[]): Promise<SavedView[]> {
  const { rows } = await db.query<SavedView>(
    `SELECT id, name, filters, unit_id AS "unitId", owner_account_id AS "ownerAccountId" FROM cc_saved_views
      WHERE organisation_id = $1 AND ((owner_account_id = $2 AND unit_id IS NULL) OR unit_id = ANY($3::uuid[]))
      ORDER BY lower(name), id LIMIT 50`,
    [organisationId, accountId, unitIds],
  );
  return rows;
}

export async function insertView(
  db: Queryable,
  view: { organisationId: string; ownerAccountId: string; unitId: string | null; name: string; filters: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO cc_saved_views (organisation_id, owner_account_id, unit_id, name, filters) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [view.organisationId, view.ownerAccountId, view.unitId, view.name, view.filters],
  );
  return rows[0]!.id;
}

/** Deletes a view its owner made; false when it is not theirs (or gone). */
export async function deleteView(db: Queryable, id: string, ownerAccountId: string): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM cc_saved_views WHERE id = $1 AND owner_account_id = $2`, [id, ownerAccountId]);
  return rowCount === 1;
}
