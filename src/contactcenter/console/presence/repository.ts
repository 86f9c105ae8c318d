// SQL of the presence of agents on a request: only which organisation the request belongs to.
import type { Queryable } from '../../../platform/db/database.ts';

export async function findRequestOrganisation(q: Queryable, requestId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ organisationId: string }>(`SELECT organisation_id AS "organisationId" FROM cc_requests WHERE id = $1`, [requestId]);
  return rows[0]?.organisationId;
}
