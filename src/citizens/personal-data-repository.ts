// SQL of the citizen accounts' personal-data seam (issue 18; decisions 0049 and 0054): a citizen account is the
// region's, not one organisation's, so only a regional subject request (no organisation) reaches it.
import type { Queryable } from '../platform/db/database.ts';

export interface CitizenAccountExport {
  id: string;
  email: string | null;
  displayName: string | null;
  language: string;
  createdAt: Date;
  lastSignInAt: Date;
  /** The identity providers that know the person (issuer only: the subject is the provider's identifier). */
  providers: string[];
  signInLinks: number;
}

/** The citizen account of this address, with the providers linked to it and the sign-in links sent there. */
export async function citizenAccountsOf(q: Queryable, email: string): Promise<CitizenAccountExport[]> {
  const { rows } = await q.query<CitizenAccountExport>(
    `SELECT c.id, c.email, c.display_name AS "displayName", c.language, c.created_at AS "createdAt", c.last_sign_in_at AS "lastSignInAt",
            coalesce((SELECT array_agg(i.issuer ORDER BY i.created_at) FROM citizen_identities i WHERE i.citizen_id = c.id), '{}') AS providers,
            (SELECT count(*)::int FROM citizen_sign_in_links l WHERE l.email = c.email) AS "signInLinks"
       FROM citizens c WHERE c.email = lower($1)`,
    [email],
  );
  return rows;
}

/** Deletes the account (its identities and sessions go with it) and the sign-in links sent to the address. */
export async function eraseCitizenAccounts(tx: Queryable, email: string): Promise<number> {
  await tx.query(`DELETE FROM citizen_sign_in_links WHERE email = lower($1)`, [email]);
  const { rowCount } = await tx.query(`DELETE FROM citizens WHERE email = lower($1)`, [email]);
  return rowCount ?? 0;
}
