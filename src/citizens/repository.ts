// SQL of citizen sign-in (decision 0054): citizens, their provider identities, their sessions (never staff
// sessions), the sign-in links sent by e-mail and the provider sign-ins waiting for an answer.
import type { Queryable } from '../platform/db/database.ts';

export type Language = 'fr' | 'nl' | 'en';

export interface CitizenRow {
  id: string;
  email: string | null;
  emailVerifiedAt: Date | null;
  displayName: string | null;
  language: Language;
  createdAt: Date;
  lastSignInAt: Date;
}

const CITIZEN_COLUMNS = `c.id, c.email, c.email_verified_at AS "emailVerifiedAt", c.display_name AS "displayName", c.language,
  c.created_at AS "createdAt", c.last_sign_in_at AS "lastSignInAt"`;

export interface SessionCitizen extends CitizenRow {
  method: 'email' | 'oidc';
  identities: string[];
}

/** The citizen of a live session, with how the session was opened and the providers that know them. */
export async function findSessionCitizen(db: Queryable, idHash: string): Promise<SessionCitizen | undefined> {
  const { rows } = await db.query<SessionCitizen>(
    `SELECT ${CITIZEN_COLUMNS}, s.method,
            coalesce((SELECT array_agg(i.issuer ORDER BY i.issuer) FROM citizen_identities i WHERE i.citizen_id = c.id), '{}') AS identities
       FROM citizen_sessions s JOIN citizens c ON c.id = s.citizen_id
      WHERE s.id_hash = $1 AND s.expires_at > now()`,
    [idHash],
  );
  return rows[0];
}

export async function findCitizenByEmail(db: Queryable, email: string): Promise<CitizenRow | undefined> {
  const { rows } = await db.query<CitizenRow>(`SELECT ${CITIZEN_COLUMNS} FROM citizens c WHERE c.email = $1`, [email]);
  return rows[0];
}

export async function findCitizenBySubject(db: Queryable, issuer: string, subject: string): Promise<CitizenRow | undefined> {
  const { rows } = await db.query<CitizenRow>(
    `SELECT ${CITIZEN_COLUMNS} FROM citizen_identities i JOIN citizens c ON c.id = i.citizen_id WHERE i.issuer = $1 AND i.subject = $2`,
    [issuer, subject],
  );
  return rows[0];
}

export async function insertCitizen(db: Queryable, input: { email: string | null; displayName: string | null; language: Language }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO citizens (email, email_verified_at, display_name, language) VALUES ($1, CASE WHEN $1::text IS NULL THEN NULL ELSE now() END, $2, $3)
     RETURNING id`,
    [input.email, input.displayName, input.language],
  );
  return rows[0]!.id;
}

/** A sign-in: the language used, the name the provider gave (kept when it gives none). */
export async function touchCitizen(db: Queryable, id: string, language: Language, displayName: string | null): Promise<void> {
  await db.query(`UPDATE citizens SET last_sign_in_at = now(), language = $2, display_name = coalesce($3, display_name) WHERE id = $1`, [
    id,
    language,
    displayName,
  ]);
}

/** Gives a citizen without an address this verified one (false when another citizen has it). */
export async function attachEmail(db: Queryable, id: string, email: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE citizens SET email = $2, email_verified_at = now()
      WHERE id = $1 AND email IS NULL AND NOT EXISTS (SELECT 1 FROM citizens WHERE email = $2)`,
    [id, email],
  );
  return rowCount === 1;
}

export async function linkSubject(db: Queryable, issuer: string, subject: string, citizenId: string): Promise<void> {
  await db.query(`INSERT INTO citizen_identities (issuer, subject, citizen_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [issuer, subject, citizenId]);
}

export async function insertSession(
  db: Queryable,
  row: { idHash: string; citizenId: string; method: 'email' | 'oidc'; idToken: string | null },
  hours: number,
): Promise<void> {
  await db.query(`DELETE FROM citizen_sessions WHERE expires_at < now()`);
  await db.query(
    `INSERT INTO citizen_sessions (id_hash, citizen_id, method, id_token, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))`,
    [row.idHash, row.citizenId, row.method, row.idToken, hours],
  );
}

/** Ends a session; answers its citizen and the provider's ID token (for signing out there), if it was live. */
export async function deleteSession(db: Queryable, idHash: string): Promise<{ citizenId: string; idToken: string | null } | undefined> {
  const { rows } = await db.query<{ citizenId: string; idToken: string | null }>(
    `DELETE FROM citizen_sessions WHERE id_hash = $1 RETURNING citizen_id AS "citizenId", id_token AS "idToken"`,
    [idHash],
  );
  return rows[0];
}

/** How many links were asked for this address, and from this client address, since `minutes` ago. */
export async function recentLinks(db: Queryable, email: string, addressHash: string, minutes: number): Promise<{ byEmail: number; byAddress: number }> {
  const { rows } = await db.query<{ byEmail: number; byAddress: number }>(
    `SELECT count(*) FILTER (WHERE email = $1)::int AS "byEmail", count(*) FILTER (WHERE address_hash = $2)::int AS "byAddress"
       FROM citizen_sign_in_links
      WHERE (email = $1 OR address_hash = $2) AND created_at > now() - make_interval(mins => $3)`,
    [email, addressHash, minutes],
  );
  return rows[0] ?? { byEmail: 0, byAddress: 0 };
}

/** What a link proves the address for: signing in, or a subject request filed on the public page (decision 0060). */
export type LinkPurpose = 'sign-in' | 'privacy-request';

export async function insertLink(
  db: Queryable,
  row: { tokenHash: string; email: string; language: Language; nextPath: string | null; addressHash: string; purpose: LinkPurpose; subjectId: string | null },
  minutes: number,
): Promise<void> {
  // links older than a day are of no use, not even for counting
  await db.query(`DELETE FROM citizen_sign_in_links WHERE created_at < now() - interval '1 day'`);
  await db.query(
    `INSERT INTO citizen_sign_in_links (token_hash, email, language, next_path, address_hash, purpose, subject_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(mins => $8))`,
    [row.tokenHash, row.email, row.language, row.nextPath, row.addressHash, row.purpose, row.subjectId, minutes],
  );
}

/** Whether a link can still be used (for the page that asks to confirm). */
export async function linkIsLive(db: Queryable, tokenHash: string, purpose: LinkPurpose): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM citizen_sign_in_links WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`, [
    tokenHash,
    purpose,
  ]);
  return rows.length > 0;
}

/** Uses a link once: answers its address, language, next page and record when it was live. */
export async function takeLink(
  db: Queryable,
  tokenHash: string,
  purpose: LinkPurpose,
): Promise<{ email: string; language: Language; nextPath: string | null; subjectId: string | null } | undefined> {
  const { rows } = await db.query<{ email: string; language: Language; nextPath: string | null; subjectId: string | null }>(
    `UPDATE citizen_sign_in_links SET used_at = now()
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING email, language, next_path AS "nextPath", subject_id AS "subjectId"`,
    [tokenHash, purpose],
  );
  return rows[0];
}

export async function insertOidcSignIn(
  db: Queryable,
  row: { stateHash: string; browserHash: string; codeVerifier: string; nonce: string; language: Language; nextPath: string | null },
  minutes: number,
): Promise<void> {
  await db.query(`DELETE FROM citizen_oidc_sign_ins WHERE expires_at < now()`);
  await db.query(
    `INSERT INTO citizen_oidc_sign_ins (state_hash, browser_hash, code_verifier, nonce, language, next_path, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7))`,
    [row.stateHash, row.browserHash, row.codeVerifier, row.nonce, row.language, row.nextPath, minutes],
  );
}

export interface OidcSignInRow {
  browserHash: string;
  codeVerifier: string;
  nonce: string;
  language: Language;
  nextPath: string | null;
}

/** Takes a waiting provider sign-in (deleted whether it has expired or not). */
export async function takeOidcSignIn(db: Queryable, stateHash: string): Promise<OidcSignInRow | undefined> {
  const { rows } = await db.query<OidcSignInRow & { live: boolean }>(
    `DELETE FROM citizen_oidc_sign_ins WHERE state_hash = $1
     RETURNING browser_hash AS "browserHash", code_verifier AS "codeVerifier", nonce, language, next_path AS "nextPath", expires_at > now() AS live`,
    [stateHash],
  );
  const row = rows[0];
  return row?.live ? row : undefined;
}

/** The region's citizen provider as set on its page (migration 0075); absent: the CITIZEN_OIDC_* settings apply. */
export interface ProviderSettingsRow {
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** sealed (secret-box) */
  clientSecret: string;
  scopes: string;
  name: string;
  emailClaim: string;
  nameClaim: string;
  emailVerifiedRequired: boolean;
  version: number;
  updatedAt: Date;
}

export async function findProviderSettings(db: Queryable): Promise<ProviderSettingsRow | undefined> {
  const { rows } = await db.query<ProviderSettingsRow>(
    `SELECT enabled, issuer, client_id AS "clientId", client_secret AS "clientSecret", scopes, name, email_claim AS "emailClaim",
            name_claim AS "nameClaim", email_verified_required AS "emailVerifiedRequired", version, updated_at AS "updatedAt"
       FROM citizen_provider_settings`,
  );
  return rows[0];
}

/**
 * Saves the settings when the page was read at `version` (null: no row yet); a secret of null keeps the stored
 * one. Answers false when someone else saved meanwhile.
 */
export async function saveProviderSettings(
  db: Queryable,
  row: Omit<ProviderSettingsRow, 'version' | 'updatedAt' | 'clientSecret'> & { clientSecret: string | null },
  version: number | null,
  accountId: string,
): Promise<boolean> {
  const values = [
    row.enabled,
    row.issuer,
    row.clientId,
    row.clientSecret,
    row.scopes,
    row.name,
    row.emailClaim,
    row.nameClaim,
    row.emailVerifiedRequired,
    accountId,
  ];
  if (version === null) {
    if (row.clientSecret === null) return false;
    const { rowCount } = await db.query(
      `INSERT INTO citizen_provider_settings (enabled, issuer, client_id, client_secret, scopes, name, email_claim, name_claim, email_verified_required, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (singleton) DO NOTHING`,
      values,
    );
    return rowCount === 1;
  }
  const { rowCount } = await db.query(
    `UPDATE citizen_provider_settings
        SET enabled = $1, issuer = $2, client_id = $3, client_secret = coalesce($4, client_secret), scopes = $5, name = $6, email_claim = $7,
            name_claim = $8, email_verified_required = $9, updated_by = $10, updated_at = now(), version = version + 1
      WHERE version = $11`,
    [...values, version],
  );
  return rowCount === 1;
}

/** Back to the CITIZEN_OIDC_* settings. */
export async function deleteProviderSettings(db: Queryable): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM citizen_provider_settings`);
  return (rowCount ?? 0) > 0;
}
