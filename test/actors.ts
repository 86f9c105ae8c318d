// A demo account as the services see it (an Actor), for tests that call a service directly instead of through
// a signed-in client.
import type { Queryable } from '../src/platform/db/database.ts';
import type { Actor } from '../src/identity/actor.ts';

export async function actorOf(db: Queryable, email: string): Promise<Actor> {
  const { rows } = await db.query<{ id: string; organisation_id: string; code: string; roles: Actor['roles'] }>(
    `SELECT a.id, a.organisation_id, o.code, a.roles FROM accounts a JOIN organisations o ON o.id = a.organisation_id WHERE a.email = $1`,
    [email],
  );
  const row = rows[0];
  if (!row) throw new Error(`no account ${email}`);
  return {
    accountId: row.id,
    organisationId: row.organisation_id,
    organisationCode: row.code,
    displayName: email,
    email,
    roles: row.roles,
    unitIds: [],
    preferredLanguage: 'en',
  };
}
