// The home page's one read: which organisations have contact points (their summaries come from the contact
// points service, which owns them).
import type { Queryable } from '../db/database.ts';

export async function organisationsWithContactPoints(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ organisation_id: string }>('SELECT DISTINCT organisation_id FROM contact_points WHERE active ORDER BY organisation_id');
  return rows.map((row) => row.organisation_id);
}
