// SQL of an administrator's reset of two-step sign-in (issue 18 item 8, decision 0059): the person's sessions and
// pending sign-ins end with it, so that their next sign-in asks for the second factor anew (or its set-up).
import type { Queryable } from '../../platform/db/database.ts';

export async function endSessionsOf(db: Queryable, accountId: string): Promise<number> {
  const sessions = await db.query('DELETE FROM sessions WHERE account_id = $1', [accountId]);
  await db.query('DELETE FROM sign_in_pending WHERE account_id = $1', [accountId]);
  return sessions.rowCount ?? 0;
}
