// What a contact intake left in the database, per request: the crash and outage tests check that every
// acknowledged request is stored whole (one message, one contact, its two SLA jobs, one receipt) and none in part.
export type StoredIntake = { key: string | null; reference: string; messages: number; contacts: number; jobs: number; receipts: number };

/** Requests whose party e-mail matches the LIKE pattern, with counts of what each one should have. */
export async function storedIntakes(
  db: { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> },
  emailPattern: string,
): Promise<StoredIntake[]> {
  const { rows } = await db.query(
    `SELECT k.key, r.reference,
            (SELECT count(*)::int FROM cc_messages m WHERE m.request_id = r.id) AS messages,
            (SELECT count(*)::int FROM cc_contacts c WHERE c.request_id = r.id) AS contacts,
            (SELECT count(*)::int FROM jobs j WHERE j.unique_key IN (r.id || ':first_response', r.id || ':resolution')) AS jobs,
            (SELECT count(*)::int FROM mail_messages ml WHERE ml.purpose = 'contact.receipt' AND p.email = ANY (ml.to_addresses)) AS receipts
       FROM cc_requests r
       JOIN cc_parties p ON p.id = r.party_id
       LEFT JOIN cc_idempotency_keys k ON k.reference = r.reference
      WHERE p.email LIKE $1`,
    [emailPattern],
  );
  return rows as StoredIntake[];
}
