// SQL of the console's unread counts (issue 17 item 2, migration 0061): what a person has opened (cc_reads)
// against what waits for them. A request waits for a person when it is open and assigned to them, or
// unassigned in one of their units or in no unit; a task when it is open and routed to them, to one of their
// units, to their whole organisation, or to a unit of their organisation that nobody belongs to (else no one
// would ever see it). Unread: never opened by the person, or changed since they last opened it.
import type { Queryable } from '../../../platform/db/database.ts';

export interface Scope {
  organisationId: string;
  accountId: string;
  unitIds: string[];
}

/** The condition "this task is for the person" over cc_tasks t; $1 organisation, $2 account, $3 units. */
export const TASK_FOR_PERSON = `(t.to_account_id = $2 OR t.to_unit_id = ANY($3::uuid[])
  OR (t.to_account_id IS NULL AND t.to_unit_id IS NULL)
  OR (t.to_account_id IS NULL AND NOT EXISTS (SELECT 1 FROM account_units au JOIN accounts a ON a.id = au.account_id AND a.active
                                               WHERE au.unit_id = t.to_unit_id)))`;

export async function markItemRead(q: Queryable, accountId: string, itemId: string): Promise<void> {
  await q.query(
    `INSERT INTO cc_reads (account_id, item_id, read_at) VALUES ($1, $2, now())
     ON CONFLICT (account_id, item_id) DO UPDATE SET read_at = now()`,
    [accountId, itemId],
  );
}

export async function unreadCounts(q: Queryable, scope: Scope): Promise<{ requests: number; tasks: number; notifications: number }> {
  const { rows } = await q.query<{ requests: number; tasks: number; notifications: number }>(
    `SELECT
       (SELECT count(*)::int FROM cc_requests r
         WHERE r.organisation_id = $1 AND r.status <> 'closed' AND r.merged_into_id IS NULL
           AND (r.assignee_id = $2 OR (r.assignee_id IS NULL AND (r.unit_id IS NULL OR r.unit_id = ANY($3::uuid[]))))
           AND NOT EXISTS (SELECT 1 FROM cc_reads rd WHERE rd.account_id = $2 AND rd.item_id = r.id AND rd.read_at >= r.updated_at)) AS requests,
       (SELECT count(*)::int FROM cc_tasks t
         WHERE t.to_organisation_id = $1 AND t.status = 'open' AND ${TASK_FOR_PERSON}
           AND NOT EXISTS (SELECT 1 FROM cc_reads rd WHERE rd.account_id = $2 AND rd.item_id = t.id)) AS tasks,
       (SELECT count(*)::int FROM notifications n WHERE n.account_id = $2 AND n.read_at IS NULL) AS notifications`,
    [scope.organisationId, scope.accountId, scope.unitIds],
  );
  return rows[0]!;
}

/** The ids among `ids` (requests or tasks) that the person has not opened since they last changed. */
export async function unreadAmong(q: Queryable, accountId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await q.query<{ id: string }>(
    `SELECT i.id FROM unnest($2::uuid[]) AS i(id)
       LEFT JOIN cc_requests r ON r.id = i.id
       LEFT JOIN cc_reads rd ON rd.account_id = $1 AND rd.item_id = i.id
      WHERE (r.id IS NULL OR r.status <> 'closed') AND (rd.read_at IS NULL OR (r.id IS NOT NULL AND rd.read_at < r.updated_at))`,
    [accountId, ids],
  );
  return new Set(rows.map((row) => row.id));
}
